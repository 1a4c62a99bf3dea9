"""Light coreference: 该公司, 这家企业, 其(总部/研发/生产…) stand for the last firm named in the
paragraph (or, at a paragraph's start, in the one before)."""
from __future__ import annotations

import re
from dataclasses import replace

from ..namespaces import JJJ
from ..schema import Schema
from .article import Article
from .mentions import Mention

PHRASES = re.compile(r"这家[“\"]?[^，。,、的]{0,6}?[”\"]?企业|这家公司|该公司|该企业|该集团|其(?=总部|研发|生产|制造|产品|工厂|基地)")


def is_firm(mention: Mention, schema: Schema) -> bool:
    return bool(mention.classes) and all(schema.is_a(cls, frozenset({JJJ.Organization})) for cls in mention.classes) \
        and len(mention.ids) <= 1


def with_coreference(article: Article, mentions: list[Mention], schema: Schema) -> list[Mention]:
    """mentions and, for each coreferring phrase, a mention of the firm it stands for."""
    paragraph_of = {}
    for sentence in article.sentences:
        for offset in range(sentence.start, sentence.end + 1):
            paragraph_of[offset] = sentence.paragraph
    taken = [(m.start, m.end) for m in mentions]
    added = []
    for match in PHRASES.finditer(article.plain):
        start, end = match.start(), match.end()
        if any(s < end and start < e for s, e in taken):
            continue
        here = paragraph_of.get(start, -1)
        before = [m for m in mentions if m.end <= start and is_firm(m, schema)
                  and paragraph_of.get(m.start, -9) in (here, here - 1)]
        if before:
            firm = before[-1]
            added.append(replace(firm, start=start, end=end, how="coreference",
                                 evidence=f"{match.group(0)} → {article.text[firm.start:firm.end]}"))
    return sorted([*mentions, *added], key=lambda m: m.start)
