"""Names an article marks with quotation marks. A quoted slogan that counts (“六链五群”, “1+4”工程) or
one followed by the word for a programme (“农品进京”工程) is a policy's name. A quoted term that ends
in a class's ending (‘特色承接平台’) is a name of that class, and so is the same term wherever else the
article writes it (规划建设一个特色承接平台). A quoted term right after a list closed by 等 (蓝莓、
草莓等鲜果“采摘园区”) names the list's kind, not one thing: it is left alone."""
from __future__ import annotations

import re

from ..schema import Schema
from .article import Article
from .mentions import CLOSING_QUOTES, NAME_CHAR, OPENING_QUOTES, Mention, name_endings

_TERM = f"[^{CLOSING_QUOTES}{OPENING_QUOTES}，,。、；;：:\n]{{2,16}}"  # what quotation marks may hold
_QUOTED = re.compile(f"[{OPENING_QUOTES}]({_TERM})[{CLOSING_QUOTES}](工程|战略|行动|计划|格局)?")
# quoted terms side by side, then their count and the word for a programme: “资源承接”“农品进京”…四大工程
_RUN = re.compile(f"(?:[{OPENING_QUOTES}]{_TERM}[{CLOSING_QUOTES}]){{2,}}"
                  "(?=[一二三四五六七八九十两0-9]+大?(工程|战略|行动|计划|任务|举措))")
_ONE_QUOTED = re.compile(f"[{OPENING_QUOTES}][^{CLOSING_QUOTES}]+[{CLOSING_QUOTES}]")
_COUNTING = re.compile(r"[一二三四五六七八九十两双百千万0-9]")
PROGRAMME_WORDS = ("工程", "战略", "行动", "计划")
_CLAUSE_END = "，,。；;：:！？!?\n"


def _after_list(plain: str, start: int) -> bool:
    """Whether the clause before start holds a list closed by 等 (草莓等鲜果“采摘园区”)."""
    clause_start = max(plain.rfind(mark, 0, start) for mark in _CLAUSE_END) + 1
    clause = plain[clause_start:start]
    return "等" in clause and "、" in clause


def quoted_names(article: Article, mentions: list[Mention], schema: Schema) -> list[Mention]:
    """mentions with the names quotation marks set apart (see the module's text), where no other name stands."""
    plain, endings = article.plain, name_endings(schema)
    found: list[Mention] = []

    def free(start: int, end: int) -> bool:
        return not any(m.start < end and start < m.end for m in (*mentions, *found))

    for run in _RUN.finditer(plain):
        for match in _ONE_QUOTED.finditer(plain, run.start(), run.end()):
            if free(*match.span()):
                found.append(Mention(match.start(), match.end(), (), frozenset({schema.types["policy"].iri}), "new",
                                     "policy", f"one of quoted programmes counted before {run.group(1)}",
                                     match.group(0) + run.group(1), run.span(1)))  # “农品进京” of 四大工程: “农品进京”工程
    for match in _QUOTED.finditer(plain):
        start, end = match.span()
        term, word = match.group(1), match.group(2)
        if not free(start, end):
            continue
        if _COUNTING.search(term) or word in PROGRAMME_WORDS:
            evidence = "a quoted slogan that counts" if _COUNTING.search(term) else f"a quoted name before {word}"
            found.append(Mention(start, end, (), frozenset({schema.types["policy"].iri}), "new", "policy",
                                 evidence, plain[start:end]))
            continue
        ending = next(((e, key) for e, key in endings if term.endswith(e) and len(term) - len(e) >= 2), None)
        if ending is None or _after_list(plain, start) or not all(NAME_CHAR.match(c) for c in term):
            continue
        iri = frozenset({schema.types[ending[1]].iri})
        for spot in (m.start() for m in re.finditer(re.escape(term), plain)):
            if free(spot, spot + len(term)):
                found.append(Mention(spot, spot + len(term), (), iri, "new", ending[1],
                                     f"quoted, ends in {ending[0]}", term))
    return sorted([*mentions, *found], key=lambda m: m.start)
