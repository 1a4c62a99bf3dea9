"""Receiving platforms and where they receive from, read across two sentences. The sites a sentence lists
before 等(重点)承接平台, and the regions of a counted list that receive (环京津、沿海、冀中南三大区域…错位承接
相关产业转移), receive from the places named right after 承接 in that sentence or the next one of the
paragraph: …渤海新区、邢东新区等重点承接平台。全省累计承接京津转入企业… (北京 and 天津), or
加快承接北京非首都功能疏解步伐,推进曹妃甸区、正定新区等重点承接平台建设 (北京). A site whose name begins
with a joint name receives from its members alone (京冀曹妃甸协同发展示范区: 北京, not 天津).
A sentence opening 作为…承载地, names the site as its topic right after the comma, and what it receives
from in the opening clause, a place named inside a policy's name too (作为疏解北京非首都功能的集中承载地,
雄安新区…: 北京). A site a sentence says is made 承接…的承载地 receives from what 承接 names there, and is
in the industries the clause lists (这个平台…,打造承接京津冀文旅康养、文化创意…等资源的集中承载地)."""
from __future__ import annotations

import re
from dataclasses import replace

from rdflib.namespace import SKOS

from ..checks import PLACE
from ..model import Seeds
from ..schema import Schema
from .article import Article, Sentence
from .by_name import place_id
from .coreference import GROUNDS, is_site
from .gazetteer import DIVISION_TYPES, Gazetteer
from .groups import REGIONS_COUNTED
from .mentions import JOINT_NAMES, LIST_MARKS, Mention, fits, joint_before, longest_first
from .rules import Found

# a list closed by 等(重点)承接平台, or by a count of regions that receive (环京津、沿海、冀中南三大区域…错位承接…)
_PLATFORMS = re.compile(f"等(?:重点)?(?:承接平台|承载地)|{REGIONS_COUNTED}(?=[^,，。；;]{{0,12}}承接)")
_RECEIVES = "承接"
_AS_RECEIVER = re.compile(r"\s*作为([^,，。；;]{1,40}?)(?:承载地|承接地)[,，]")
_MADE_RECEIVER = re.compile(r"(?:打造|建设|建成|成为)(承接[^,，。；;]{1,60}?)的?(?:集中)?(?:承载地|承接地)")
_INDUSTRY = frozenset({SKOS.Concept})


def _listed_before(plain: str, at: int, mentions: list[Mention]) -> list[Mention]:
    """The names of the list ending right before at (A、B和C等…), last first."""
    items: list[Mention] = []
    end = at
    for mention in sorted((m for m in mentions if m.end <= at), key=lambda m: -m.end):
        if mention.end != end or (items and mention.end == items[-1].start):
            break
        items.append(mention)
        end = mention.start - (mention.start > 0 and plain[mention.start - 1] in LIST_MARKS)
        if end == mention.start:
            break  # no list mark before it: the list's first item
    return items


def _places_named(plain: str, mention: Mention, schema: Schema, names: Gazetteer, seeds: Seeds) -> list[Mention]:
    """mention if it names a place, else the divisions named inside its name (疏解北京非首都功能: 北京)."""
    if fits(mention, PLACE, schema):
        return [mention]
    hits = [(start, end, ident) for start, end, form in names.spans(plain, mention.start, mention.end)
            if (ident := place_id(form, names, seeds, DIVISION_TYPES)) is not None]
    return [Mention.place(start, end, (ident,)) for start, end, ident in longest_first(hits)]  # 河北京…: 河北, not 北京


def _sources(plain: str, sentence: Sentence, mentions: list[Mention], schema: Schema, names: Gazetteer,
             seeds: Seeds) -> list[Mention]:
    """The places named right after 承接 in sentence, by themselves or inside a policy's name
    (承接京津, 承接北京非首都功能疏解)."""
    sources = []
    for match in re.finditer(_RECEIVES, plain[sentence.start:sentence.end]):
        at = sentence.start + match.end()
        for mention in (m for m in mentions if m.start == at):
            sources += _places_named(plain, mention, schema, names, seeds)
    return sources


def _from_partners(plain: str, site: Mention, sources: list[Mention]) -> list[Mention]:
    """sources, each kept to the places a site whose name begins with a joint name is for
    (京冀曹妃甸协同发展示范区: 北京 alone, not 天津); those left with none dropped."""
    partners = JOINT_NAMES.get(joint_before(site.printed(plain)))
    kept = [replace(m, ids=tuple(i for i in m.ids if partners is None or i in partners)) for m in sources]
    return [m for m in kept if m.ids]


def receiving_platforms(article: Article, mentions: list[Mention], schema: Schema, names: Gazetteer,
                        seeds: Seeds) -> list[Found]:
    """receiving_platform_for each listed site and each place it receives from (see the module's text)."""
    plain, found = article.plain, []
    for index, sentence in enumerate(article.sentences):
        following = article.sentences[index + 1:index + 2]
        for match in _PLATFORMS.finditer(plain, sentence.start, sentence.end):
            sites = [m for m in _listed_before(plain, match.start(), mentions) if fits(m, PLACE, schema)]
            span, sources = sentence, _sources(plain, sentence, mentions, schema, names, seeds)
            if not sources and following and following[0].paragraph == sentence.paragraph:
                span = Sentence(sentence.start, following[0].end, sentence.paragraph)
                sources = _sources(plain, following[0], mentions, schema, names, seeds)
            for site in sites:
                kept = _from_partners(plain, site, sources)
                if kept:
                    found.append(Found("receiving_platform_for", [site], kept, span,
                                       f"listed before {match.group(0)}, receiving from what 承接 names", None, [],
                                       "name"))
    return found


def receivers_named_first(article: Article, mentions: list[Mention], schema: Schema, names: Gazetteer,
                          seeds: Seeds) -> list[Found]:
    """receiving_platform_for the topic of a sentence opening 作为…承载地, and each place its opening
    clause names, by itself or inside a policy's name (see the module's text)."""
    plain, found = article.plain, []
    for sentence in article.sentences:
        opening = _AS_RECEIVER.match(plain, sentence.start, sentence.end)
        site = next((m for m in mentions if opening is not None and m.start == opening.end()), None)
        if opening is None or site is None or not fits(site, PLACE, schema):
            continue
        sources = [place for m in mentions if opening.start(1) <= m.start and m.end <= opening.end(1)
                   for place in _places_named(plain, m, schema, names, seeds)]
        if sources:
            found.append(Found.named("receiving_platform_for", [site], sources, sentence,
                                     "the topic after 作为…承载地, receiving from what that clause names"))
    return found


def receivers_made(article: Article, mentions: list[Mention], schema: Schema, names: Gazetteer,
                   seeds: Seeds) -> list[Found]:
    """A sentence's first site (a park, zone or platform; 这个平台 too) that it says is made 承接…的承载地
    receives from the places named right after 承接 and is in the industries named before 的承载地
    (这个平台…,打造承接京津冀文旅康养、文化创意…等资源的集中承载地: 北京, 天津, 河北; 文旅康养, 文化创意)."""
    plain, found = article.plain, []
    for sentence in (s for s in article.sentences if not s.credit):
        for match in _MADE_RECEIVER.finditer(plain, sentence.start, sentence.end):
            site = next((m for m in mentions if sentence.start <= m.start and m.end <= match.start()
                         and is_site(m, schema, GROUNDS)), None)
            if site is None:
                continue
            clause = Sentence(match.start(1), match.end(1), sentence.paragraph)
            sources = _from_partners(plain, site, _sources(plain, clause, mentions, schema, names, seeds))
            if sources:
                found.append(Found.named("receiving_platform_for", [site], sources, sentence,
                                         "made 承接…的承载地, receiving from what 承接 names"))
            industries = [m for m in mentions if match.start(1) <= m.start and m.end <= match.end(1)
                          and fits(m, _INDUSTRY, schema)]
            if industries:
                found.append(Found.named("in_industry", [site], industries, sentence,
                                         "made 承接…的承载地 of these industries"))
    return found
