"""Parts named by their whole and a place: a name, a division's (or a new area's) name and a unit word
make the name of the whole's part there (大兴机场片区|廊坊|区域, 京雄高速公路|河北|段二期工程, 凌云股份华北公司|
涿州|工厂), and the siblings listed after it leave the whole out (京津冀国家技术创新中心河北中心、雄安中心: the second
is 京津冀国家技术创新中心雄安中心). A firm's unit in a region is named the same way (凌云股份|华北|公司, 顺丰|华北|
智慧物流), and a site may be named after its firm (北京亦庄某车企|生产基地): the firm printed before is a new
company. Each part lies in its place and is part of its whole, or, a firm's, its subsidiary (a
company) or what it operates (a site)."""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Seeds
from ..schema import Schema
from .article import Article
from .by_name import division_forms
from .gazetteer import DIVISION_TYPES, Gazetteer
from .mentions import LIST_MARKS, NOT_IN_NAME, REGIONS, Mention, covered, fits, name_endings, with_wholes
from .rules import Found

# what names a part after its division's name: a unit word, then a phase (段二期工程, 中心, 区域)
_UNIT = re.compile(r"(区域|片区|分中心|中心|分公司|公司|工厂|基地|分院|段)((?:[一二三四五六七八九十0-9]+期)?(?:工程|项目))?")
_FIRM_UNITS = ("company", "facility", "project")
_LONGEST_DIVISION_FORM = 6


def _part_at(plain: str, at: int, names: Gazetteer, seeds: Seeds, unit: str | None = None
             ) -> tuple[int, str, str, str] | None:
    """(end, division id, division form, unit) of a division's name and a unit word at `at` (with a
    given unit word: only that one)."""
    for form, ident in division_forms(plain, at, _LONGEST_DIVISION_FORM, names, seeds):
        match = _UNIT.match(plain, at + len(form))
        if match and (unit is None or match.group(0) == unit):
            return match.end(), ident, form, match.group(0)
    return None


def _type_of(mention: Mention, seeds: Seeds) -> str | None:
    if mention.how == "new":
        return mention.new_type
    return seeds.entities[mention.ids[0]].type if len(mention.ids) == 1 and mention.ids[0] in seeds.entities else None


def _may_be_whole(mention: Mention, seeds: Seeds) -> bool:
    kind = _type_of(mention, seeds)
    return mention.how in ("new", "gazetteer") and kind is not None and kind not in DIVISION_TYPES and kind != "place"


def part_names(article: Article, mentions: list[Mention], schema: Schema, names: Gazetteer, seeds: Seeds) -> list[Mention]:
    """mentions with each part named by its whole and a place (see the module's text) in place of the
    names it holds, and each firm's unit in a region given its firm."""
    plain = article.plain
    endings = dict(name_endings(schema))
    firm_endings = tuple(word for word, key in endings.items() if key == "company")
    out = list(mentions)
    for whole in [m for m in mentions if _may_be_whole(m, seeds)]:
        first = _part_at(plain, whole.end, names, seeds)
        if first is None or whole not in out:
            continue
        end, ident, form, unit = first
        parts = [(whole.start, end, whole.end, ident, form)]
        while plain[end:end + 1] in tuple(LIST_MARKS) and (
                sibling := _part_at(plain, end + 1, names, seeds, unit)) is not None:
            parts.append((end + 1, sibling[0], end + 1, sibling[1], sibling[2]))
            end = sibling[0]
        word = _UNIT.match(unit).group(1)  # type: ignore[union-attr]
        kind = endings.get(word) or _type_of(whole, seeds)  # a zone's 区域 and a road's 段 are of its kind
        whole_name, whole = plain[whole.start:whole.end], _firm_unit(plain, whole, schema, firm_endings)
        for start, stop, place_at, ident, form in parts:
            out = [m for m in out if not start <= m.start < stop]  # the names it holds, and any running on from them
            place = Mention.place(place_at, place_at + len(form), (ident,))
            printed = plain[start:stop]
            name = printed if start == whole.start else whole_name + printed
            out.append(Mention(start, stop, (), frozenset({schema.types[kind].iri}), "new", kind,
                               f"{whole_name}'s part in {form}", name,
                               lead=None if start == whole.start else (whole.start, whole.end), whole=(whole, place)))
    out = [_firm_unit(plain, m, schema, firm_endings) for m in sorted(out, key=lambda m: m.start)]
    return _firms_named_again(plain, out)


def _firms_named_again(plain: str, mentions: list[Mention]) -> list[Mention]:
    """mentions with each firm found in a unit's name (凌云股份 of 凌云股份华北公司) wherever its name is
    printed again and no other name stands."""
    taken = covered(plain, mentions)
    added = []
    for mention in mentions:
        chain = with_wholes(mention)
        for firm, unit in zip(chain, chain[1:]):
            name = firm.name or ""
            if firm.how != "new" or firm.new_type != "company" or not name:
                continue
            for spot in (m.start() for m in re.finditer(re.escape(name), plain)):
                if not any(taken[spot:spot + len(name)]):
                    added.append(Mention(spot, spot + len(name), (), firm.classes, "learned", "company",
                                         f"the firm of {unit.name}", name))
                    taken[spot:spot + len(name)] = b"\x01" * len(name)
    return sorted([*mentions, *added], key=lambda m: m.start)


def _firm_end(name: str, is_company: bool, firm_endings: tuple[str, ...]) -> tuple[int, str]:
    """Where the firm's name ends inside a unit's name, and the region that follows it (-1 for none):
    before a region word (凌云股份|华北|公司), or, for a site, after a firm's ending (北京亦庄某车企|生产基地)."""
    for region in REGIONS:
        at = name.find(region, 2)
        if at >= 2 and name[at - 1] not in NOT_IN_NAME and at + len(region) < len(name):
            return at, region
    if is_company:
        return -1, ""
    return max((name.find(e, 2) + len(e) for e in firm_endings if 2 <= name.find(e, 2) < len(name) - len(e) - 1),
               default=-1), ""


def _firm_unit(plain: str, mention: Mention, schema: Schema, firm_endings: tuple[str, ...]) -> Mention:
    """The mention, with its firm when its name is a firm's unit in a region (凌云股份|华北|公司), or a
    site named after a firm (北京亦庄某车企|生产基地)."""
    if mention.how != "new" or mention.new_type not in _FIRM_UNITS or mention.whole is not None or mention.lead:
        return mention
    name = plain[mention.start:mention.end]
    at, region = _firm_end(name, mention.new_type == "company", firm_endings)
    if at < 2:
        return mention
    why = f"the firm that {name} {f'(in {region}) ' if region else ''}is a unit of"
    firm = Mention(mention.start, mention.start + at, (), frozenset({schema.types["company"].iri}), "new",
                   "company", why, name[:at])
    return replace(mention, whole=(firm, None))


def part_facts(article: Article, mentions: list[Mention], schema: Schema) -> list[Found]:
    """For the first mention of each part: where it lies, and its whole (part_of), or its firm
    (subsidiary: a company; operates: a site)."""
    found: list[Found] = []
    seen: set[str] = set()
    for mention in [whole for m in mentions for whole in with_wholes(m)]:
        if mention.whole is None or mention.name in seen:
            continue
        seen.add(mention.name or "")
        sentence = article.sentence_at(mention.start)
        whole, place = mention.whole
        whole_name = article.plain[whole.start:whole.end]
        if fits(whole, frozenset({schema.types["company"].iri}), schema):
            relation, subject, obj = ("subsidiary" if mention.new_type == "company" else "operates"), whole, mention
            why = f"named as a unit of {whole_name}"
        else:
            relation, subject, obj = "part_of", mention, whole
            why = f"named as {whole_name}'s part"
        if fits(subject, schema.relations[relation].domain, schema) and fits(obj, schema.relations[relation].range, schema):
            found.append(Found.named(relation, [subject], [obj], sentence, why))
        if place is not None:
            where = article.plain[place.start:place.end]
            found.append(Found.named("located_in", [mention], [place], sentence, f"named as a part in {where}"))
    return found

