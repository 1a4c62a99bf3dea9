"""Names an article marks with quotation marks. A quoted slogan that counts (“六链五群”, “1+4”工程) or
one followed by the word for a programme (“农品进京”工程) is a policy's name; so is each of quoted
programmes counted together (“资源承接”“农品进京”…四大工程: “农品进京”工程), named by the quoted term
alone where the article writes it elsewhere by itself (共同建设京东“黄金走廊”: “黄金走廊”, there too). A quoted term that ends
in a class's ending (‘特色承接平台’) is a name of that class, and so is the same term wherever else the
article writes it (规划建设一个特色承接平台). A quoted term right after a list closed by 等 (蓝莓、
草莓等鲜果“采摘园区”) names the list's kind, not one thing: it is left alone. A quoted term of rails,
roads or transport that ends in a joint name (“轨道上的京津冀”) names a transport link, the network of those
places. A quoted slogan of parallel parts (“京津研发、河北转化”, “双城引领,两翼齐飞,三圈联动”的空间布局, with the plan word after 的) is a policy:
a part that begins with a known policy's name makes that policy part of it (两翼齐飞: 两翼), one that begins
with a place gives the place a role in it, the rest of the part (京津研发: 北京 and 天津, role 研发)."""
from __future__ import annotations

import re

from ..model import Seeds
from ..schema import Schema
from .article import Article
from .gazetteer import Gazetteer
from .mentions import (CLOSING_QUOTES, JOINT_NAMES, NAME_CHAR, OPENING_QUOTES, PLACE_TYPES, PLAN_WORDS, POLICY,
                       Mention, fits, ids_named, name_endings, replacing)
from .rules import CLAUSE_ENDS, Found, clause_start

_TERM = f"[^{CLOSING_QUOTES}{OPENING_QUOTES}，,。、；;：:\n]{{2,16}}"  # what quotation marks may hold
_QUOTED = re.compile(f"[{OPENING_QUOTES}]({_TERM})[{CLOSING_QUOTES}](工程|战略|行动|计划|格局)?")
# quoted terms side by side, then their count and the word for a programme: “资源承接”“农品进京”…四大工程
_RUN_WORDS = ("工程", "战略", "行动", "计划", "任务", "举措")
_RUN = re.compile(f"(?:[{OPENING_QUOTES}]{_TERM}[{CLOSING_QUOTES}]){{2,}}"
                  f"(?=[一二三四五六七八九十两0-9]+大?({'|'.join(_RUN_WORDS)}))")
_ONE_QUOTED = re.compile(f"[{OPENING_QUOTES}][^{CLOSING_QUOTES}]+[{CLOSING_QUOTES}]")
_COUNTING = re.compile(r"[一二三四五六七八九十两双百千万0-9]")
PROGRAMME_WORDS = ("工程", "战略", "行动", "计划")
_PART = "[\u4e00-\u9fff]{2,7}"
_SLOGAN = re.compile(f"[{OPENING_QUOTES}]((?:{_PART}[、，,]){{1,3}}{_PART})[{CLOSING_QUOTES}]"
                     f"(?:的[\u4e00-\u9fff]{{0,4}}?(?:{'|'.join(PLAN_WORDS)}))?")
_SLOGAN_EVIDENCE = "a quoted slogan of parallel parts"
# a quoted network of the places a joint name ends it with: “轨道上的京津冀” (a transport link)
_NETWORK = re.compile(f"[\u4e00-\u9fff]*(?:轨道|铁路|公路|交通)[\u4e00-\u9fff]*(?:{'|'.join(j for j in JOINT_NAMES if j != '三地')})")


def _after_list(plain: str, start: int) -> bool:
    """Whether the clause before start holds a list closed by 等 (草莓等鲜果“采摘园区”)."""
    clause = plain[clause_start(plain, start, CLAUSE_ENDS):start]
    return "等" in clause and "、" in clause


def quoted_names(article: Article, mentions: list[Mention], schema: Schema) -> list[Mention]:
    """mentions with the names quotation marks set apart (see the module's text), where no other name stands."""
    plain, endings = article.plain, name_endings(schema)
    found: list[Mention] = []
    for match in _SLOGAN.finditer(plain):
        kept = replacing(mentions, *match.span())  # 双城引领 of “双城引领,两翼齐飞,三圈联动”
        if kept is not None:
            mentions = [*kept, Mention(match.start(), match.end(), (), frozenset({schema.types["policy"].iri}), "new",
                                       "policy", _SLOGAN_EVIDENCE, match.group(0))]

    def free(start: int, end: int) -> bool:
        return not any(m.start < end and start < m.end for m in (*mentions, *found))

    runs = [run.span() for run in _RUN.finditer(plain)]
    for run in _RUN.finditer(plain):
        for match in _ONE_QUOTED.finditer(plain, run.start(), run.end()):
            if not free(*match.span()):
                continue
            # “农品进京” of 四大工程 is “农品进京”工程, unless the article writes it elsewhere, by itself (共同建设京东“黄金走廊”)
            term = match.group(0)
            elsewhere = [at for at in _spots(plain, term) if not any(s <= at < e for s, e in runs)
                         and free(at, at + len(term)) and not plain.startswith(_RUN_WORDS, at + len(term))]
            evidence = f"one of quoted programmes counted before {run.group(1)}"
            if elsewhere:
                found += [Mention(at, at + len(term), (), frozenset({schema.types["policy"].iri}), "new", "policy",
                                  evidence, term) for at in (match.start(), *elsewhere)]
            else:
                found.append(Mention(match.start(), match.end(), (), frozenset({schema.types["policy"].iri}), "new",
                                     "policy", evidence, term + run.group(1), run.span(1)))
    for match in _QUOTED.finditer(plain):
        start, end = match.span()
        term, word = match.group(1), match.group(2)
        kept = replacing(mentions, match.start(1), match.end(1)) if _NETWORK.fullmatch(term) else None
        if kept is not None and not any(m.start < end and start < m.end for m in found):
            mentions = kept  # “轨道上的京津冀”: the region's rails (京津冀 inside dropped)
            found.append(Mention(match.start(1), match.end(1), (), frozenset({schema.types["transport_link"].iri}),
                                 "new", "transport_link", "quoted, a network of the places it ends in", term))
            continue
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
        for spot in _spots(plain, term):
            if free(spot, spot + len(term)):
                found.append(Mention(spot, spot + len(term), (), iri, "new", ending[1],
                                     f"quoted, ends in {ending[0]}", term))
    return sorted([*mentions, *found], key=lambda m: m.start)


def _spots(plain: str, term: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(term), plain)]


def _known_start(part: str, names: Gazetteer) -> tuple[str, tuple[str, ...]]:
    """The longest known name (or joint name) a slogan's part begins with, and its ids."""
    for size in range(len(part), 1, -1):
        ids = ids_named(part[:size], names)
        if ids:
            return part[:size], ids
    return "", ()


def slogan_facts(article: Article, mentions: list[Mention], schema: Schema, names: Gazetteer,
                 seeds: Seeds) -> list[Found]:
    """part_of and role_in from the parts of each quoted slogan (see the module's text)."""
    found = []
    for match in _SLOGAN.finditer(article.plain):
        slogan = next((m for m in mentions if m.start == match.start() and m.end in (match.end(), match.end(1) + 1)), None)
        if slogan is None or not fits(slogan, POLICY, schema):
            continue  # the slogan is new, or the registry's (its quotation marks and all)
        sentence = article.sentence_at(slogan.start)
        at = match.start(1)
        for part in re.split("[、，,]", match.group(1)):
            name, ids = _known_start(part, names)
            known = Mention(at, at + len(name), ids, frozenset(), "gazetteer")
            at += len(part) + 1
            if not ids:
                continue
            types = {seeds.entities[i].type if i in seeds.entities else "" for i in ids}
            if types == {"policy"}:
                found.append(Found.named("part_of", [known], [slogan], sentence,
                                         f"a part of the slogan begins with {name}"))
            elif types <= set(PLACE_TYPES) and len(part) - len(name) >= 2:
                found.append(Found("role_in", [known], [slogan], sentence, f"a part of the slogan begins with {name}",
                                   part[len(name):], [], "name"))
    return found
