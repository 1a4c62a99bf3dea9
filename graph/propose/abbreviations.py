"""Transport links named by the abbreviations of the places they join (京雄高速公路: 北京 and 雄安新区;
京蔚高速公路: 北京 and 蔚县; 京秦二城际): such a name is a new name though nothing known begins it,
and the link connects both places. A character stands for a province by the joint names (京, 津, 冀),
else for the registry's prefecture, new area or county whose name begins with it: the one the
article names when several do (雄: 雄安新区, which the article names, not 雄县), else the one of the
highest level, in that order (承: 承德市, not 承德县; 秦: 秦皇岛市, not 秦皇岛市经济技术开发区), else,
with two at one level, nothing is guessed. A new link whose name begins with a joint name instead
connects its members (京津冀衔接干线公路网: 北京, 天津, 河北)."""
from __future__ import annotations

import re

from ..checks import class_of
from ..model import Seeds
from ..schema import Schema
from .article import Article, Sentence
from .mentions import JOINT_NAMES, Mention, in_name, joint_members, replacing
from .rules import Found

_LINK_TYPE = "transport_link"
_LINK_ENDINGS = ("高速公路", "高速", "铁路", "城际")  # of the link type's endings, those an abbreviated name takes
_ORDINAL = "[二三四]?"  # 京秦二城际: the second line between the two
_LEVELS = ("prefecture", "zone", "county")  # highest first; a zone only when it is a new area (雄安新区)
_ABBREVIATED = re.compile(f"(..){_ORDINAL}(?:{'|'.join(_LINK_ENDINGS)})")


# 京 → beijing, 津 → tianjin, 冀 → hebei: the characters of the joint names, one per member
_PROVINCES = {char: ident for joint, ids in JOINT_NAMES.items() if len(joint) == len(ids)
              for char, ident in zip(joint, ids)}


def place_for(char: str, seeds: Seeds, named: set[str]) -> str | None:
    """The registry id a character abbreviates (see the module's text), None when it is not settled."""
    if char in _PROVINCES:
        return _PROVINCES[char] if _PROVINCES[char] in seeds.entities else None
    candidates = [e for e in seeds.entities.values() if e.zh.startswith(char) and e.type in _LEVELS
                  and (e.type != "zone" or e.zh.endswith("新区"))]
    in_article = [e for e in candidates if e.id in named]
    if len(in_article) == 1:
        return in_article[0].id
    for level in _LEVELS:
        at_level = [e for e in candidates if e.type == level]
        if at_level:
            return at_level[0].id if len(at_level) == 1 else None
    return None


def _named_ids(mentions: list[Mention]) -> set[str]:
    return {ident for m in mentions for ident in m.ids}


def abbreviated_links(article: Article, mentions: list[Mention], seeds: Seeds, schema: Schema) -> list[Mention]:
    """mentions with the transport links named by two abbreviations and an ending, where no name stands."""
    plain, named = article.plain, _named_ids(mentions)
    iri = frozenset({schema.types[_LINK_TYPE].iri})
    for match in _ABBREVIATED.finditer(plain):
        start, end = match.span()
        if start > 0 and in_name(plain, start - 1):
            continue  # the two characters end a longer name (环北京地铁支线, 城际铁路)
        if any(place_for(char, seeds, named) is None for char in match.group(1)):
            continue
        kept = replacing(mentions, start, end)
        if kept is None:
            continue
        mentions = kept
        mentions.append(Mention(start, end, (), iri, "new", _LINK_TYPE, "named by the abbreviations of two places",
                                plain[start:end]))
    return sorted(mentions, key=lambda m: m.start)


def connected_by_name(article: Article, mentions: list[Mention], first: list[tuple[Mention, Sentence]],
                      schema: Schema, seeds: Seeds) -> list[Found]:
    """Each new transport link named by two abbreviations and an ending (津承城际) connects both
    places, and one whose name begins or ends with a joint name (京津冀衔接干线公路网, 轨道上的京津冀) connects its members;
    once, where it is first named outside a credit line."""
    found, named = [], _named_ids(mentions)
    for mention, sentence in first:
        name = article.plain[mention.start:mention.end]
        if mention.new_type != _LINK_TYPE:
            continue
        places = [place_for(char, seeds, named) for char in name[:2]] if _ABBREVIATED.fullmatch(name) else [None]
        if None in places or places[0] == places[1]:
            members = joint_members(mention, name) or joint_members(mention, name, at_end=True)
            if members is not None:
                found.append(Found.named("connects", [mention], [members], sentence,
                                         f"the name holds {article.plain[members.start:members.end]}"))
            continue
        ends = [Mention(mention.start + k, mention.start + k + 1, (ident,),
                        frozenset(c for c in [class_of(seeds, schema, ident)] if c is not None), "gazetteer")
                for k, ident in enumerate(places) if ident is not None]
        found.append(Found.named("connects", [mention], ends, sentence,
                                 f"the name abbreviates {name[0]} and {name[1]}"))
    return found
