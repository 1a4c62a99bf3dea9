"""Light coreference: 该公司, 这家企业, 其(总部/研发/生产…) stand for the last firm named in the
paragraph (or, at a paragraph's start, in the one before); 该园区, 这个平台 and 它 (as a clause's
subject) for the last park, zone, platform or project named there; 省内 (本省, 我省) for the province the
article names most (河北省: 北京 and 天津 are municipalities, no 省). And for each sentence what its
paragraph named before it, for the subject a pattern leaves out (paragraph_context)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from rdflib import URIRef

from ..model import Seeds
from ..namespaces import JJJ
from ..schema import Schema
from .article import Article
from .mentions import Mention, covered, fits

PHRASES = re.compile(r"这家[“\"]?[^，。,、的]{0,6}?[”\"]?企业|这家公司|该公司|该企业|该集团|其(?=总部|研发|生产|制造|产品|工厂|基地)")
PLACE_PHRASES = re.compile(r"(?:该|这个|这一|此)(?:园区|产业园|平台|项目|片区|新区|示范区|综保区)|(?<![^，,。：:\n])它(?=是|由|已|将|位于|在)")
_FIRMS = frozenset({JJJ.Organization})
_PROVINCE_PHRASES = re.compile(r"省内(?!外)|我省|本省")  # not 省内外: inside and outside it
SITES = frozenset({JJJ.Park, JJJ.Zone, JJJ.Platform, JJJ.Project})
GROUNDS = frozenset({JJJ.Zone, JJJ.Platform})  # sites that receive, or that a line reaches (a park is a zone)
_REPORTER = re.compile("记者|主持人|通讯员")  # a caption naming who reports, not whose firm speaks


def is_firm(mention: Mention, schema: Schema) -> bool:
    """An organisation, named by one id or new; not a counted group (60多家配套企业)."""
    return fits(mention, _FIRMS, schema) and len(mention.ids) <= 1 and not mention.group


def is_site(mention: Mention, schema: Schema, classes: frozenset[URIRef] = SITES) -> bool:
    """A park, zone, platform or project (not a division, not a firm; or one of classes), named by one
    id or new."""
    return fits(mention, classes, schema) and len(mention.ids) <= 1


def with_coreference(article: Article, mentions: list[Mention], schema: Schema, seeds: Seeds) -> list[Mention]:
    """mentions and, for each coreferring phrase, a mention of the firm or site it stands for."""
    paragraph_of = {}
    for sentence in article.sentences:
        for offset in range(sentence.start, sentence.end + 1):
            paragraph_of[offset] = sentence.paragraph
    taken = covered(article.plain, mentions)
    added = []
    phrases = [(match, is_firm) for match in PHRASES.finditer(article.plain)]
    phrases += [(match, is_site) for match in PLACE_PHRASES.finditer(article.plain)]
    for match, stands_for in sorted(phrases, key=lambda pair: pair[0].start()):
        start, end = match.start(), match.end()
        if any(taken[start:end]):
            continue
        here = paragraph_of.get(start, -1)
        before = [m for m in mentions if m.end <= start and stands_for(m, schema)
                  and paragraph_of.get(m.start, -9) in (here, here - 1)]
        if before:
            firm = before[-1]
            added.append(replace(firm, start=start, end=end, how="coreference",
                                 evidence=f"{match.group(0)} → {article.text[firm.start:firm.end]}"))
    province = _province_of(mentions, seeds)
    if province is not None:
        for match in _PROVINCE_PHRASES.finditer(article.plain):
            if not any(taken[match.start():match.end()]):
                added.append(replace(province, start=match.start(), end=match.end(), how="coreference",
                                     evidence=f"{match.group(0)} → {article.text[province.start:province.end]}"))
    return sorted([*mentions, *added], key=lambda m: m.start)


def _province_of(mentions: list[Mention], seeds: Seeds) -> Mention | None:
    """The first mention of the province (省: 河北, not the municipalities 北京 and 天津) the article names most."""
    named = Counter(m.ids[0] for m in mentions if len(m.ids) == 1 and m.how == "gazetteer"
                    and m.ids[0] in seeds.entities and seeds.entities[m.ids[0]].type == "province"
                    and seeds.entities[m.ids[0]].zh.endswith("省"))
    if not named:
        return None
    top = named.most_common(1)[0][0]
    return next(m for m in mentions if m.ids == (top,) and m.how == "gazetteer")


@dataclass
class Context:
    """What a sentence's paragraph named before it."""
    firm: Mention | None  # the last firm named (at a paragraph's start: the firm of a caption before it)
    topics: list[Mention]  # the names of the last sentence before it that has any (its first is the topic)


def paragraph_context(article: Article, mentions: list[Mention], schema: Schema) -> dict[int, Context]:
    """For each sentence (by start): the last firm named before it in its paragraph (or, first, the firm of
    a caption naming who speaks, just before the paragraph: …有限公司总经理 梁世强:, not a reporter's),
    and the names of the last sentence before it there that names any."""
    context: dict[int, Context] = {}
    last: Mention | None = None
    speaker: Mention | None = None  # the firm of a caption naming who speaks next (…有限公司总经理 梁世强:)
    previous: list[Mention] = []
    paragraph = -1
    for sentence in article.sentences:
        if sentence.paragraph != paragraph:
            last, previous, paragraph, speaker = speaker, [], sentence.paragraph, None
        context[sentence.start] = Context(last, previous)
        firms = [m for m in mentions if sentence.start <= m.start < sentence.end and is_firm(m, schema)]
        last = firms[-1] if firms else last
        if sentence.credit and article.plain[sentence.start:sentence.end].rstrip().endswith((":", "：")) \
                and not _REPORTER.search(article.plain, sentence.start, sentence.end):
            speaker = firms[-1] if firms else None
        previous = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end] or previous
    return context
