"""Firms named by their headquarters. A report on relocations often names a firm only where its
headquarters stands or goes (中国中化、中国华能总部大楼内部正在精装修, 中国矿产总部项目主体结构已开工): the
items of a list that opens a clause and runs right up to 总部 and a word of its building, site or move
are firms. And a sentence that moves one firm's headquarters to a place (…,中国星网已迁驻雄安新区,…)
moves there too the firms whose headquarters building or project it goes on to name: they are the
same batch of moves, further along or not yet done."""
from __future__ import annotations

import re

from ..schema import Schema
from .article import Article
from .coreference import is_firm
from .mentions import FUNCTION_WORDS, NAME_CHAR, VERBS, Mention, replacing
from .rules import SCENE_WORDS, Found, clause_start

_HEADQUARTERS = re.compile(r"总部(?=大楼|项目|基地|园区|落地|落户|迁|搬|位于|设在)")
_BUILDING = re.compile(r"总部(?=大楼|项目)")  # what is built or fitted out where a firm's headquarters moves
_CLAUSE_MARKS = ",，。;；:：!！?？\n"
_EVIDENCE = "a firm named before its headquarters"


def _items(plain: str, at: int) -> list[tuple[int, int]]:
    """(start, end) of each item of the list that opens the clause and runs up to at (总部)."""
    start = clause_start(plain, at, _CLAUSE_MARKS)
    for word in SCENE_WORDS:  # 随着中国星网总部落地: the name follows the words that set the scene
        if plain.startswith(word, start):
            start += len(word)
            break
    items, position = [], start
    for end in [*[k for k in range(start, at) if plain[k] == "、"], at]:
        items.append((position, end))
        position = end + 1
    return items


def _firm_like(words: str) -> bool:
    return 2 <= len(words) <= 8 and all(NAME_CHAR.match(c) and c not in FUNCTION_WORDS for c in words) \
        and not any(verb in words for verb in VERBS)


def headquarters_names(article: Article, mentions: list[Mention], schema: Schema) -> list[Mention]:
    """mentions with each firm named only before its headquarters (see the module's text) as a new
    company's name; every item of the list must look like a name, and none may hold a name already."""
    plain = article.plain
    iri = frozenset({schema.types["company"].iri})
    for match in _HEADQUARTERS.finditer(plain):
        items = _items(plain, match.start())
        if not all(_firm_like(plain[s:e]) for s, e in items):
            continue
        for start, end in items:
            kept = replacing(mentions, start, end)
            if kept is not None and len(kept) == len(mentions):
                mentions = sorted([*kept, Mention(start, end, (), iri, "new", "company", _EVIDENCE, plain[start:end])],
                                  key=lambda m: m.start)
    return mentions


def relocated_with(article: Article, mentions: list[Mention], schema: Schema, found: list[Found]) -> list[Found]:
    """hq_relocated_to the place of a move the sentence states before, for each firm it then names
    right before 总部大楼 or 总部项目 (a list of them: each)."""
    plain = article.plain
    added: list[Found] = []
    for move in (hit for hit in found if hit.relation == "hq_relocated_to"):
        sentence = move.sentence
        moved = {m.key for m in move.subjects}
        after = max(m.end for m in move.objects)
        for match in _BUILDING.finditer(plain, after, sentence.end):
            spans = _items(plain, match.start())
            firms = [m for m in mentions if is_firm(m, schema) and m.key not in moved
                     and any((m.start, m.end) == span for span in spans)]
            if firms and len(firms) == len(spans):
                added.append(Found.named("hq_relocated_to", firms, list(move.objects), sentence,
                                         f"its headquarters {plain[match.start():match.end() + 2]} after a move to "
                                         f"{plain[move.objects[0].start:move.objects[0].end]}"))
    return added
