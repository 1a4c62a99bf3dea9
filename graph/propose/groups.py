"""Counted groups of bodies, named as the article counts them: 300余所京津学校, 29所京津高校, 60多家京津等地的药企,
京津冀三地914家医疗机构. Articles often state a fact of such a group rather than of its members (300余所京津学校与
河北开展合作办学), and a curator records the group as one organisation. A group is a count (a number, 余/多,
a classifier), a few name characters, and a kind word of an organisation's class (jjj:kindWords); a joint or
division name printed right before the count belongs to it (京津冀三地914家…). The places its words name
after the count (京津 of 300余所京津学校) are where it lies, unless they are some of several (60多家京津等地的
药企: firms that came from there and elsewhere).
Counties are counted too: 廊坊北三县 (a division, a side, a count, 县/区) names a zone, the three counties
north of 廊坊, which lies in that division.
So are regions: the items of a list closed by its count and a word for regions (省内环京津、沿海、冀中南三大区域)
are zones (named as written: 环京津, 沿海), which lie in the place that opens the list (省内: the province)."""
from __future__ import annotations

import re

from ..checks import PLACE
from ..model import Seeds
from ..namespaces import JJJ
from ..schema import Schema
from .article import Article
from .coreference import SITES
from .gazetteer import DIVISION_TYPES, Gazetteer
from .mentions import (FIRM_TYPES, FUNCTION_WORDS, JOINT_NAMES, NAME_CHAR, VERBS, Mention, class_words, fits,
                       ids_named, longest_first, replacing)
from .rules import Found, clause_start

_COUNT = r"(?:[0-9]+|[一二三四五六七八九十百千两]+)[余多]?[所家个](?<!一[所家个])"  # not 一家: "a" firm
_WORDS = "[\u4e00-\u9fff]{0,8}?(?:等地的)?"  # what the count's kind word may follow: 京津, 京津等地的, 数据高需求
_PLACE_BEFORE = re.compile(r"(?:京津冀三地|京津冀|[\u4e00-\u9fff]{1,4}[省市区县])$")
_NOT_IN_GROUP = set("的在与和及是为把将由了到向从对等并或也都就还又已正要会能可其这那该此各每有近约超")


def _groups_regex(schema: Schema) -> re.Pattern[str]:
    kinds = [word for word, key in class_words(schema, JJJ.kindWords) if key in FIRM_TYPES]
    return re.compile(f"({_COUNT})({_WORDS})({'|'.join(map(re.escape, kinds))})")


def counted_groups(article: Article, mentions: list[Mention], schema: Schema, names: Gazetteer) -> list[Mention]:
    """mentions with each counted group (see the module's text) as a new organisation's name, the names
    inside it dropped (京津 of 300余所京津学校); not where a name already stands partly over it."""
    plain = article.plain
    iri = frozenset({schema.types["organization"].iri})
    for match in _groups_regex(schema).finditer(plain):
        words = match.group(2).replace("等地的", "")
        if _NOT_IN_GROUP & set(words):
            continue
        start, end = match.start(), match.end()
        before = _PLACE_BEFORE.search(plain, max(0, start - 5), start)
        if before is not None and _is_place(before.group(0), names):
            start = before.start()
        kept = replacing(mentions, start, end)
        if kept is not None:
            mentions = sorted([*kept, Mention(start, end, (), iri, "new", "organization",
                                              f"a counted group: {match.group(1)}…{match.group(3)}", plain[start:end], group=True)],
                              key=lambda m: m.start)
    return mentions


_COUNTED_DIVISIONS = re.compile(r"(?:东北|西北|东南|西南|[东南西北])[一二三四五六七八九十两][县区]")


def counted_divisions(article: Article, mentions: list[Mention], schema: Schema) -> list[Mention]:
    """mentions with each group of counties a division's name counts (廊坊北三县) as a new zone's name."""
    plain = article.plain
    for match in _COUNTED_DIVISIONS.finditer(plain):
        division = next((m for m in mentions if m.end == match.start() and m.how == "gazetteer"
                         and fits(m, PLACE, schema) and not fits(m, SITES, schema)), None)
        if division is None:
            continue
        kept = replacing(mentions, division.start, match.end())
        if kept is not None:
            mentions = sorted([*kept, Mention(division.start, match.end(), (), frozenset({schema.types["zone"].iri}),
                                              "new", "zone", f"counted counties: {match.group(0)}",
                                              plain[division.start:match.end()])], key=lambda m: m.start)
    return mentions


def _is_place(name: str, names: Gazetteer) -> bool:
    return name in JOINT_NAMES or name == "京津冀三地" or bool(names.by_name.get(name))


def _places_in(words: str, names: Gazetteer) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, ids) of each joint or division name in words, longest first where they overlap."""
    hits: list[tuple[int, int, tuple[str, ...]]] = []
    for start, end, form in names.spans(words):
        hits.append((start, end, ids_named(form, names)))
    for joint, ids in JOINT_NAMES.items():
        hits += [(m.start(), m.end(), ids) for m in re.finditer(joint, words)]
    return longest_first(hits)


def located_groups(article: Article, mentions: list[Mention], schema: Schema, names: Gazetteer,
                   seeds: Seeds) -> list[Found]:
    """located_in for each counted group and each division (of seeds) or joint name its words name
    after the count."""
    found = []
    regex = _groups_regex(schema)
    for mention in (m for m in mentions if m.group):
        match = regex.search(article.plain, mention.start, mention.end)
        if match is None or "等地" in match.group(2):
            continue  # 60多家京津等地的药企: firms from there and elsewhere, not all there
        sentence = article.sentence_at(mention.start)
        for start, end, ids in _places_in(match.group(2), names):
            places = tuple(i for i in ids if i in seeds.entities and seeds.entities[i].type in DIVISION_TYPES)
            if places:
                at = match.start(2) + start
                place = Mention.place(at, match.start(2) + end, places)
                found.append(Found.named("located_in", [mention], [place], sentence,
                                         f"the group's words name {article.plain[at:place.end]}"))
    return found


REGIONS_COUNTED = r"[二三四五六七八九两]大(?:区域|板块|片区|功能区)"  # 三大区域: what closes a counted list of regions
_REGIONS = re.compile(f"(?={REGIONS_COUNTED})([二三四五六七八九两])")
_REGION_ITEM = re.compile(r"[\u4e00-\u9fff]{2,5}")
_NOT_REGIONS = re.compile(r"[东南西北中]部|[东南西北]边|各地|地区|区域")  # words for a side or any region, no name
_OPENERS = ("省内", "我省", "本省")  # words before a list that say whose regions (coreference.py: the province)


def _region_lists(plain: str, mentions: list[Mention]) -> list[tuple[int, list[tuple[int, int]]]]:
    """(where what opens the list begins, (start, end) of each item) of each counted list of regions
    whose count is its number of items. The first item runs left over name characters, not past a
    function word, a verb or an opener (全省形成|环京津, 省内|环京津); a place's name (河北省|测维、…) or
    省内 right before it opens the list."""
    lists = []
    for match in _REGIONS.finditer(plain):
        clause = clause_start(plain, match.start(), ",，;；:：。\n")
        first_end = plain.find("、", clause, match.start())
        first_end = match.start() if first_end < 0 else first_end
        first = first_end
        while first > clause and NAME_CHAR.match(plain[first - 1]) and plain[first - 1] not in FUNCTION_WORDS \
                and not plain.endswith((*VERBS, *_OPENERS), 0, first):
            first -= 1
        begin = first
        opener = next((m for m in mentions if m.start == first and m.end <= first_end - 2 and m.ids), None)
        if opener is not None:
            first = opener.end
        elif plain.startswith(_OPENERS, first - 2):
            begin = first - 2
        spans, position = [], first
        for piece in plain[first:match.start()].split("、"):
            spans.append((position, position + len(piece)))
            position += len(piece) + 1
        if len(spans) == "一二三四五六七八九".find(match.group(1).replace("两", "二")) + 1:
            lists.append((begin, spans))
    return lists


def counted_regions(article: Article, mentions: list[Mention], schema: Schema) -> list[Mention]:
    """mentions with each unnamed item of a counted list of regions (see the module's text) as a new zone,
    named as written, the names inside it dropped (京津 of 环京津); the list is left alone unless every item
    is a known name or looks like one."""
    plain = article.plain
    iri = frozenset({schema.types["zone"].iri})
    for _, spans in _region_lists(plain, mentions):
        unnamed = [(s, e) for s, e in spans if not any(m.start == s and m.end == e for m in mentions)]
        if not all(_REGION_ITEM.fullmatch(plain, s, e) and not FUNCTION_WORDS & set(plain[s:e])
                   and not _NOT_REGIONS.search(plain, s, e)
                   and replacing(mentions, s, e) is not None for s, e in unnamed):
            continue
        for start, end in unnamed:
            mentions = sorted([*(replacing(mentions, start, end) or []), Mention(
                start, end, (), iri, "new", "zone", "one of counted regions", plain[start:end])], key=lambda m: m.start)
    return mentions


def located_regions(article: Article, mentions: list[Mention], schema: Schema) -> list[Found]:
    """located_in the place that opens a counted list of regions (省内 → the province) for each item."""
    found = []
    for begin, spans in _region_lists(article.plain, mentions):
        opener = next((m for m in mentions if m.start == begin and m.end <= spans[0][0] and fits(m, PLACE, schema)), None)
        items = [m for m in mentions if any(m.start == s and m.end == e for s, e in spans)]
        if opener is not None and len(items) == len(spans):
            found.append(Found.named("located_in", items, [opener], article.sentence_at(begin),
                                     f"regions of {article.plain[opener.start:opener.end]}"))
    return found
