"""Firms an article describes instead of naming: 一家全球机器人领域的“独角兽”企业, 北京的这家专精特新“小巨人”企业.
A reporter often keeps a firm's name out, and a curator records the firm under its description. Such a
phrase is one firm (一家 or 这家, not a count), an honour or a quoted label in its words (the kinds of
firm that lists rank: 专精特新, “小巨人”, “独角兽”, 隐形冠军, 瞪羚, 龙头), and 企业 or 公司; a division's name
and 的 before it belong to it and say where the firm is (北京的这家…企业). Later phrases (这家“独角兽”企业)
stand for it through coreference.py; the industries its words name are its."""
from __future__ import annotations

import re

from rdflib.namespace import SKOS

from ..model import Seeds
from ..schema import Schema
from .article import Article
from .by_name import place_id
from .coreference import PHRASES
from .gazetteer import DIVISION_TYPES, Gazetteer
from .mentions import OPENING_QUOTES, Mention, longest_first, replacing
from .rules import Found

_HONOURS = ("专精特新", "小巨人", "独角兽", "隐形冠军", "单项冠军", "瞪羚", "龙头", "领军")
_DESCRIBED = re.compile(r"(?:(?P<place>[\u4e00-\u9fff]{2,4})的)?(?P<det>一|这)家(?P<words>[^，。,、；;：:\n]{2,16}?)(?:企业|公司)")
_EVIDENCE = "a firm the article describes, not names"


def _honoured(words: str) -> bool:
    return any(word in words for word in _HONOURS) or any(quote in words for quote in OPENING_QUOTES)


def _division(form: str | None, names: Gazetteer, seeds: Seeds) -> str | None:
    return place_id(form or "", names, seeds, DIVISION_TYPES)


def described_firms(article: Article, mentions: list[Mention], schema: Schema, names: Gazetteer,
                    seeds: Seeds) -> list[Mention]:
    """mentions with each firm the article describes (see the module's text) as a new company's name,
    the names inside it dropped; not where a name stands partly over it."""
    plain = article.plain
    iri = frozenset({schema.types["company"].iri})
    for match in _DESCRIBED.finditer(plain):
        if not _honoured(match.group("words")) or (match.group("det") == "这" and PHRASES.fullmatch(
                plain, match.start("det"), match.end())):
            continue  # 这家“独角兽”企业: the firm named before (coreference.py)
        start = match.start() if _division(match.group("place"), names, seeds) else match.start("det")
        kept = replacing(mentions, start, match.end())
        if kept is not None:
            mentions = sorted([*kept, Mention(start, match.end(), (), iri, "new", "company", _EVIDENCE,
                                              plain[start:match.end()])], key=lambda m: m.start)
    return mentions


def described_facts(article: Article, mentions: list[Mention], names: Gazetteer, seeds: Seeds) -> list[Found]:
    """For the first mention of each described firm: located_in the division before its 的, in_industry
    the industries its words name (全球机器人领域的…: 机器人)."""
    found: list[Found] = []
    seen: set[str] = set()
    for mention in mentions:
        if mention.how != "new" or mention.evidence != _EVIDENCE or mention.name in seen:
            continue
        seen.add(mention.name or "")
        match = _DESCRIBED.match(article.plain, mention.start)
        if match is None:
            continue
        sentence = article.sentence_at(mention.start)
        place = _division(match.group("place"), names, seeds)
        if place is not None:
            at = match.start("place")
            where = Mention.place(at, match.end("place"), (place,))
            found.append(Found.named("located_in", [mention], [where], sentence,
                                     f"described as {match.group('place')}的 firm"))
        words, offset = match.group("words"), match.start("words")
        for start, end, form in longest_first(names.industry_spans(words, seeds)):
            ids = tuple(i for i in names.by_name[form] if i in seeds.industries)
            industry = Mention(offset + start, offset + end, ids, frozenset({SKOS.Concept}), "gazetteer")
            found.append(Found.named("in_industry", [mention], [industry], sentence, f"described as a firm of {form}"))
    return found
