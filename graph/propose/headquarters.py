"""Firms named by their headquarters. A report on relocations often names a firm only where its
headquarters stands or goes (中国中化、中国华能总部大楼内部正在精装修, 中国矿产总部项目主体结构已开工): the
items of a list that opens a clause and runs right up to 总部 and a word of its building, site or move
are firms. And a sentence that moves one firm's headquarters to a place (…,中国星网已迁驻雄安新区,…)
moves there too the firms whose headquarters building or project it goes on to name: they are the
same batch of moves, further along or not yet done."""
from __future__ import annotations

import re

from ..checks import PLACE
from ..namespaces import JJJ
from ..schema import Schema
from .article import Article
from .coreference import is_firm
from .mentions import FUNCTION_WORDS, NAME_CHAR, VERBS, Mention, class_words, fits, name_endings, replacing
from .rules import CLAUSE_ENDS, SCENE_WORDS, Found, clause_end, clause_start

_HEADQUARTERS = re.compile(r"总部(?=大楼|项目|基地|园区|落地|落户|迁|搬|位于|设在)")
_BUILDING = re.compile(r"总部(?=大楼|项目)")  # what is built or fitted out where a firm's headquarters moves
_EVIDENCE = "a firm named before its headquarters"
_GENERIC = {"企业", "区域", "地区", "总部", "央企", "国企", "民企", "外企", "该公司", "该企业", "该集团"}


def _items(plain: str, at: int) -> list[tuple[int, int]]:
    """(start, end) of each item of the list that opens the clause and runs up to at (总部)."""
    start = clause_start(plain, at, CLAUSE_ENDS)
    for word in SCENE_WORDS:  # 随着中国星网总部落地: the name follows the words that set the scene
        if plain.startswith(word, start):
            start += len(word)
            break
    items, position = [], start
    for end in [*[k for k in range(start, at) if plain[k] == "、"], at]:
        items.append((position, end))
        position = end + 1
    return items


def _firm_like(words: str, generic: set[str]) -> bool:
    """Whether words may be a firm's name: 2 to 8 name characters, no function word or verb, not a
    word for firms or places in general (公司, 集团, 企业, 区域: 公司总部位于… is the firm named before)."""
    return 2 <= len(words) <= 8 and all(NAME_CHAR.match(c) and c not in FUNCTION_WORDS for c in words) \
        and not any(verb in words for verb in VERBS) and words not in generic


def headquarters_names(article: Article, mentions: list[Mention], schema: Schema) -> list[Mention]:
    """mentions with each firm named only before its headquarters (see the module's text) as a new
    company's name: every item of the list must look like a firm's name; an item a name stands in or
    over (a known firm, 中国华能) is left as it is."""
    plain = article.plain
    iri = frozenset({schema.types["company"].iri})
    generic = {word for word, _ in name_endings(schema) + class_words(schema, JJJ.kindWords)} | _GENERIC
    for match in _HEADQUARTERS.finditer(plain):
        items = _items(plain, match.start())
        if not all(_firm_like(plain[s:e], generic) for s, e in items):
            continue
        for start, end in items:
            kept = replacing(mentions, start, end)
            if kept is not None and len(kept) == len(mentions):  # no name stands in or over the item
                mentions = sorted([*kept, Mention(start, end, (), iri, "new", "company", _EVIDENCE, plain[start:end])],
                                  key=lambda m: m.start)
    return mentions


def relocated_with(article: Article, mentions: list[Mention], schema: Schema, found: list[Found]) -> list[Found]:
    """hq_relocated_to the place of a move the sentence states before, for each firm it then names
    right before 总部大楼 or 总部项目 (a list of them: each), in a clause naming no place of its own."""
    plain = article.plain
    added: list[Found] = []
    for move in (hit for hit in found if hit.relation == "hq_relocated_to"):
        sentence = move.sentence
        moved = {(m.ids, m.name) for m in move.subjects}
        after = max((m.end for m in move.objects), default=sentence.start)
        for match in _BUILDING.finditer(plain, max(after, sentence.start), sentence.end):
            start = clause_start(plain, match.start(), CLAUSE_ENDS)
            end = clause_end(plain, match.end(), sentence.end, CLAUSE_ENDS)
            if any(start <= m.start and m.end <= end and fits(m, PLACE, schema) for m in mentions):
                continue  # 中国华能总部大楼在北京市西城区开工: a building of its own place, not of the move
            spans = _items(plain, match.start())
            firms = [m for m in mentions if is_firm(m, schema) and (m.ids, m.name) not in moved
                     and any((m.start, m.end) == span for span in spans)]
            if firms and len(firms) == len(spans):
                added.append(Found.named("hq_relocated_to", firms, list(move.objects), sentence,
                                         f"its headquarters {plain[match.start():match.end() + 2]} after a move to "
                                         f"{plain[move.objects[0].start:move.objects[0].end]}"))
    return added
