"""Facts a new name states by itself, once per name: 满城区轨道交通产业园 lies in 满城区 (its name
begins with the division's names, the most specific one wins: 天津滨海中关村科技园 → 滨海新区), and
京津冀集成电路集群 is in the 集成电路 industry (its name holds the industry's after a qualifier, or
first in a cluster's or park's name: 海洋装备产业集群; a known name's too), and
the policy 产业协同创新机制 is part of the policy 产业协同 (its name begins with that one's), and
北京 and 天津 have a role in 京津“双城记” (named for the two).
Not for firms: a firm's name says where it was registered and what it once made (北京奔驰汽车)."""
from __future__ import annotations

from typing import Iterator

from rdflib.namespace import SKOS

from ..model import Seeds
from ..namespaces import JJJ
from ..schema import Schema
from .article import Article, Sentence
from .coreference import is_firm
from .gazetteer import Gazetteer
from .mentions import PLACE_TYPES, POLICY, Mention, fits, joint_before, joint_members, with_wholes
from .rules import Found

_NOT_KNOWN_SITES = frozenset({JJJ.AdministrativeDivision, SKOS.Concept})  # what first_mentions(known=True) skips
_ALLIANCES = frozenset({JJJ.Alliance})
_NAMED_FOR_INDUSTRY = frozenset({JJJ.Cluster, JJJ.Park})  # whose name may begin with its industry's (海洋装备产业集群)


def _sentence_of(article: Article, mention: Mention) -> Sentence | None:
    """The sentence naming mention, None in a credit line (衡水市高新区科技创新中心主任 骆妍:)."""
    sentence = article.sentence_at(mention.start)
    return None if sentence.credit else sentence


def place_id(form: str, names: Gazetteer, seeds: Seeds, types: tuple[str, ...] = PLACE_TYPES) -> str | None:
    """The id of the one registry entity of types (a division or zone, by default) that form names."""
    ids = names.by_name.get(form, ())
    return ids[0] if len(ids) == 1 and ids[0] in seeds.entities and seeds.entities[ids[0]].type in types else None


def division_forms(text: str, at: int, longest: int, names: Gazetteer, seeds: Seeds) -> Iterator[tuple[str, str]]:
    """(form, id) of each name of one division (full or short form) or zone starting at `at` in text,
    of at most `longest` characters, the longest first (雄安新区中关村科技园 lies in 雄安新区)."""
    for size in range(longest, 1, -1):
        if (ident := place_id(text[at:at + size], names, seeds)) is not None:
            yield text[at:at + size], ident


def first_mentions(article: Article, mentions: list[Mention], schema: Schema,
                   known: bool = False) -> list[tuple[Mention, Sentence]]:
    """Each new name that is not a firm's, where it is first named outside a credit line; with
    known, each registry thing instead, a firm too, that is neither a division nor an industry."""
    seen: set[str] = set()
    first = []
    for mention in [whole for m in mentions for whole in with_wholes(m)]:  # a part's whole is named too
        if known and (mention.how != "gazetteer" or len(mention.ids) != 1 or fits(mention, _NOT_KNOWN_SITES, schema)):
            continue
        if not known and (mention.how != "new" or is_firm(mention, schema)):
            continue
        key = mention.ids[0] if known else article.plain[mention.start:mention.end]
        if key in seen or (sentence := _sentence_of(article, mention)) is None:
            continue  # named before, or in a credit line (the next naming may count)
        seen.add(key)
        first.append((mention, sentence))
    return first


def place_starts(name: str) -> list[int]:
    """Where the place a name begins with may start: after a joint name (京冀曹妃甸…示范区, 京津冀·沧州…
    产业园: the partners, not a place); after a partner of at most three characters before a dot
    (北京·沧州渤海新区…产业园), else at the start (保定·中关村…); else at the start."""
    joint = joint_before(name)
    if joint:
        return [len(joint) + name.startswith("·", len(joint))]
    dot = name.find("·")
    return [dot + 1, 0] if 0 < dot <= 3 else [0]


def _division_in(name: str, at: int, names: Gazetteer, seeds: Seeds) -> tuple[str, int, int] | None:
    """(id, start, end) of the most specific division of the run of nested division names starting at
    `at` in name (保定市满城区…: 满城区), each the longest form leaving two characters of the name."""
    division: tuple[str, int, int] | None = None
    while (hit := next(division_forms(name, at, len(name) - at - 2, names, seeds), None)) is not None:
        form, ident = hit
        if division is not None and not within(ident, division[0], seeds):
            break
        division = (ident, at, at + len(form))
        at += len(form) + (name[at + len(form):at + len(form) + 1] == "·")
    return division


def within(inner: str, outer: str, seeds: Seeds) -> bool:
    """inner lies in outer (through its prefecture when it is a county)."""
    above = list(seeds.entities[inner].located_in)
    return outer in above or any(outer in seeds.entities[a].located_in for a in above if a in seeds.entities)


def located_by_name(article: Article, first: list[tuple[Mention, Sentence]], schema: Schema, names: Gazetteer,
                    seeds: Seeds) -> list[Found]:
    """A new name that begins with division names (a joint name or a partner before a dot skipped: 京津冀·,
    京冀, 北京·) is located in the most specific of them, when that is a prefecture or a county: a
    province first (河北京车智能制造基地) names an owner or an origin as often as a place, except a
    municipality's metro (北京地铁3号线: a city's metro runs inside it)."""
    found = []
    domain = schema.relations["located_in"].domain
    for mention, sentence in first:
        if not fits(mention, domain, schema) or fits(mention, POLICY, schema) or (
                mention.whole is not None and mention.whole[1] is not None):
            continue  # a policy (石家庄都市圈) is not somewhere; a part's place is in its name's middle (parts.py)
        name = article.plain[mention.start:mention.end]
        division = next(filter(None, (_division_in(name, at, names, seeds) for at in place_starts(name))), None)
        if division is not None and (seeds.entities[division[0]].type != "province" or _city_metro(name, division, seeds)):
            ident, start, end = division
            place = Mention.place(mention.start + start, mention.start + end, (ident,))
            found.append(Found.named("located_in", [mention], [place], sentence,
                                     f"the name begins with {name[start:end]}"))
    return found


def _city_metro(name: str, division: tuple[str, int, int], seeds: Seeds) -> bool:
    """Whether name is of a municipality's (北京市, not 河北省) metro: 地铁 right after the municipality's name."""
    ident, _, end = division
    return seeds.entities[ident].zh.endswith("市") and name.startswith("地铁", end)


def industry_by_name(article: Article, first: list[tuple[Mention, Sentence]], schema: Schema, names: Gazetteer,
                     seeds: Seeds) -> list[Found]:
    """A new or known name (not a firm's, but an alliance's) holding an industry's name after a qualifier (京津冀集成电路集群, not
    算力中心: a common noun), or first in a cluster's or park's name (海洋装备产业集群), is in that
    industry."""
    found = []
    for mention, sentence in first:
        if is_firm(mention, schema) and not fits(mention, _ALLIANCES, schema):
            continue  # 北京奔驰汽车: what it once made; an alliance is named for its field (…卫星互联网创新联盟)
        name = article.plain[mention.start:mention.end]
        hits = sorted(names.industry_spans(name, seeds),
                      key=lambda hit: (hit[0] - hit[1], hit[0]))  # the longest first: 信息技术应用创新 over 新一代信息技术
        taken = bytearray(len(name))
        for start, end, form in hits:
            if any(taken[start:end]) or (start == 0 and not fits(mention, _NAMED_FOR_INDUSTRY, schema)):
                continue  # overlaps a longer industry name already taken, or no qualifier before it
            taken[start:end] = b"\x01" * (end - start)
            ids = tuple(i for i in names.by_name[form] if i in seeds.industries)
            industry = Mention(mention.start + start, mention.start + end, ids, frozenset({SKOS.Concept}), "gazetteer")
            found.append(Found.named("in_industry", [mention], [industry], sentence,
                                     f"the name holds {form}"))
    return found


def part_by_name(article: Article, first: list[tuple[Mention, Sentence]], schema: Schema, names: Gazetteer,
                 seeds: Seeds) -> list[Found]:
    """A new policy whose name begins with a known policy's name (产业协同|创新机制) is part of it."""
    found = []
    for mention, sentence in first:
        if not fits(mention, POLICY, schema):
            continue
        name = article.plain[mention.start:mention.end]
        for size in range(len(name) - 2, 1, -1):
            ids = tuple(i for i in names.by_name.get(name[:size], ()) if i in seeds.entities
                        and seeds.entities[i].type == "policy")
            if ids:
                whole = Mention(mention.start, mention.start + size, ids, POLICY, "gazetteer")
                found.append(Found.named("part_of", [mention], [whole], sentence,
                                         f"the name begins with {name[:size]}"))
                break
    return found


_JOINTLY_BUILT = ("cluster", "project")  # what a joint name before it says was built together


def co_built_by_name(article: Article, first: list[tuple[Mention, Sentence]]) -> list[Found]:
    """A new cluster (…集群) or project whose name begins with a joint name (京津冀集成电路集群,
    京津冀…科技生态港) is co-built by its members; a zone or a platform so named is often one side's,
    and 三地 before a name is a phrase (三地产业链: the three's chains), not a name's part."""
    found = []
    for mention, sentence in first:
        if mention.new_type not in _JOINTLY_BUILT:
            continue
        name = article.plain[mention.start:mention.end]
        members = joint_members(mention, name)
        if members is not None and (mention.new_type != "cluster" or name.endswith("集群")):  # not …产业链
            found.append(Found.named("co_built_by", [mention], [members], sentence,
                                     f"the name begins with {name[:members.end - members.start]}"))
    return found


def roles_by_name(article: Article, first: list[tuple[Mention, Sentence]], schema: Schema) -> list[Found]:
    """A policy whose name begins with the joint name of two (京津“双城记”, a new or a known one) gives
    each of the two a role in it; one named for the three (京津冀…) is everyone's, no one's role."""
    found = []
    for mention, sentence in first:
        name = article.plain[mention.start:mention.end]
        members = joint_members(mention, name) if fits(mention, POLICY, schema) else None
        if members is not None and len(members.ids) == 2:
            found.append(Found.named("role_in", [members], [mention], sentence,
                                     f"the name begins with {name[:members.end - members.start]}"))
    return found
