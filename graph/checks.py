"""Cross-reference checks on the whole model: ids resolve, domains and ranges hold, quotes are
verbatim in their sources."""
from __future__ import annotations

from pathlib import Path

import ahocorasick
from rdflib import URIRef
from rdflib.namespace import SKOS

from .model import Fact, Observation, Seeds
from .namespaces import JJJ
from .problems import Loc, Problems
from .safe_io import BadText, FileRefused, decode_utf8, read_capped
from .schema import Schema

PLACE = frozenset({JJJ.Place})
# Facts that can state where an entity lies: an entity's own located_in must be one of them.
LOCATING_RELATIONS = frozenset({"located_in", "part_of", "hosted_by"})


def class_of(seeds: Seeds, schema: Schema, ident: str) -> URIRef | None:
    """The class of an entity or industry id, or None when the id is unknown."""
    if ident in seeds.entities:
        return schema.types[seeds.entities[ident].type].iri
    if ident in seeds.industries:
        return SKOS.Concept
    return None


def _names(schema: Schema, classes: frozenset[URIRef]) -> str:
    found = [t.key for t in schema.types.values() if t.iri in classes]
    found += ["industry" for c in classes if c == SKOS.Concept]
    return " or ".join(sorted(found)) or "entity"


def _expect(seeds: Seeds, schema: Schema, ident: str, allowed: frozenset[URIRef], where: Loc, role: str,
            problems: Problems) -> None:
    cls = class_of(seeds, schema, ident)
    if cls is None:
        if not seeds.explains_missing(ident, "entities", "industries"):
            problems.add(where, "unknown-entity", f"{role} '{ident}' is not a known entity or industry")
    elif not schema.is_a(cls, allowed):
        problems.add(where, "domain-range",
                     f"{role} '{ident}' is of type {_names(schema, frozenset({cls}))}; it must be of type "
                     f"{_names(schema, allowed)}")


def check_model(seeds: Seeds, schema: Schema, problems: Problems) -> None:
    for industry in seeds.industries.values():
        if industry.broader and industry.broader not in seeds.industries \
                and not seeds.explains_missing(industry.broader, "industries"):
            problems.add(industry.locs.get("broader", industry.loc), "unknown-entity",
                         f"broader industry '{industry.broader}' is not defined")
    for entity in seeds.entities.values():
        for parent in entity.located_in:
            _expect(seeds, schema, parent, PLACE, entity.locs.get("located_in", entity.loc), "located_in", problems)
    _check_cycles(seeds, problems)
    _check_located_in_stated(seeds, problems)
    _check_english_labels(seeds, problems)
    for fact in seeds.facts:
        if fact.source not in seeds.sources and not seeds.explains_missing(fact.source, "sources"):
            problems.add(fact.loc, "unknown-source", f"source '{fact.source}' is not in seeds/sources.yaml")
        relation = schema.relations[fact.relation]
        _expect(seeds, schema, fact.subject, relation.domain, fact.locs.get("subject", fact.loc), "subject", problems)
        _expect(seeds, schema, fact.object, relation.range, fact.locs.get("object", fact.loc), "object", problems)
        for key in sorted(fact.qualifiers):
            qualifier = schema.qualifiers[key]
            where = fact.locs["qualifiers." + key]
            if qualifier.allowed_on and fact.relation not in qualifier.allowed_on:
                problems.add(where, "qualifier-domain",
                             f"'{key}' does not qualify {fact.relation} (it qualifies "
                             f"{', '.join(sorted(qualifier.allowed_on))}): see {key}'s comment in the ontology")
            elif qualifier.classes:
                _expect(seeds, schema, fact.qualifiers[key], qualifier.classes, where, key, problems)
    for obs in seeds.observations:
        if obs.source not in seeds.sources and not seeds.explains_missing(obs.source, "sources"):
            problems.add(obs.loc, "unknown-source", f"source '{obs.source}' is not in seeds/sources.yaml")
        for key, ids in (("area", obs.areas), ("counterpart", obs.counterparts)):
            for ident in ids:
                _expect(seeds, schema, ident, PLACE, obs.locs.get(key, obs.loc), key, problems)
        if obs.about:
            _expect(seeds, schema, obs.about, frozenset({JJJ.Entity, SKOS.Concept}),
                    obs.locs.get("about", obs.loc), "about", problems)


def _check_located_in_stated(seeds: Seeds, problems: Problems) -> None:
    """A curated entity's located_in is a claim: an article's fact must state it. The divisions'
    (entities with a division code) come from the reference table, and an entity marked
    located_in_source: reference from the reference tables' own notes (Xiong'an's counties); they need none.
    Not checked when a facts file is unreadable (the fact may be there) or there are no facts at all
    (build and validate report that instead)."""
    if "facts" in seeds.unreadable or not (seeds.facts or seeds.observations):
        return
    stated = {(f.subject, f.object) for f in seeds.facts if f.relation in LOCATING_RELATIONS}
    for entity in seeds.entities.values():
        if entity.division_code or entity.located_in_source == "reference":
            continue
        for parent in entity.located_in:
            if (entity.id, parent) not in stated:
                problems.add(entity.locs.get("located_in", entity.loc), "unstated-location",
                             f"no fact states that '{entity.id}' lies in '{parent}': add a located_in "
                             f"(or part_of, hosted_by) fact with the article's quote, or remove it")


def _check_english_labels(seeds: Seeds, problems: Problems) -> None:
    """No two entities share an English label unless one of them says why (en_shared_because)."""
    first: dict[str, str] = {}
    for entity in sorted(seeds.entities.values(), key=lambda e: (e.loc, e.id)):
        label = " ".join(entity.en.casefold().split())
        other = first.setdefault(label, entity.id)
        if other != entity.id and not (entity.en_shared_because or seeds.entities[other].en_shared_because):
            problems.add(entity.locs.get("en", entity.loc), "shared-label",
                         f"'{entity.id}' has the English label «{entity.en}» of '{other}': tell them apart "
                         f"(add the prefecture or province), or say why in en_shared_because")


def _check_cycles(seeds: Seeds, problems: Problems) -> None:
    for entity in seeds.entities.values():
        seen, todo = set(), list(entity.located_in)
        while todo:
            current = todo.pop()
            if current == entity.id:
                problems.add(entity.locs.get("located_in", entity.loc), "cycle",
                             f"'{entity.id}' is located in itself through located_in")
                break
            if current not in seen and current in seeds.entities:
                seen.add(current)
                todo.extend(seeds.entities[current].located_in)


def read_texts(seeds: Seeds, sources_dir: Path, problems: Problems) -> dict[str, str]:
    """The text of every source, by source id; a missing or unreadable file is a problem."""
    texts: dict[str, str] = {}
    for source in seeds.sources.values():
        path = sources_dir / source.file
        try:
            texts[source.id] = decode_utf8(read_capped(path))
        except BadText as exc:
            problems.add(source.loc, "missing-source-text", f"cannot read {path}: {exc.where()}")
        except FileRefused as exc:
            problems.add(source.loc, "missing-source-text", f"cannot read {path}: {exc}")
    return texts


def check_quotes(seeds: Seeds, texts: dict[str, str], problems: Problems) -> None:
    """Every quote, and every article title, must stand verbatim in its source text."""
    for source in seeds.sources.values():
        if source.kind == "article" and source.id in texts and source.title not in texts[source.id]:
            problems.add(source.loc, "title-not-verbatim", f"title of '{source.id}' is not verbatim in {source.file}")
        if source.original_title and source.id in texts and source.original_title not in texts[source.id]:
            problems.add(source.loc, "title-not-verbatim",
                         f"original_title of '{source.id}' is not verbatim in {source.file}")
    items: list[Fact | Observation] = [*seeds.facts, *seeds.observations]
    by_source: dict[str, list[Fact | Observation]] = {}
    for item in items:
        if item.source in texts:
            by_source.setdefault(item.source, []).append(item)
    for source, quoted in by_source.items():
        found = quotes_found(texts[source], {item.quote for item in quoted})
        for item in quoted:
            if item.quote not in found:
                problems.add(item.locs.get("quote", item.loc), "quote-not-verbatim",
                             f"quote is not verbatim in {seeds.sources[source].file}: "
                             f"{_near_miss(item.quote, texts[source])}")


def quotes_found(text: str, quotes: set[str]) -> set[str]:
    """The quotes that stand verbatim in text, in one pass over it (an Aho–Corasick automaton of all
    the quotes, pyahocorasick): linear in the text and the quotes, where a search per quote grew
    with their product (10,000 synthetic facts: 0.27 s)."""
    automaton = ahocorasick.Automaton()
    for quote in quotes:
        if quote:
            automaton.add_word(quote, quote)
    if not len(automaton):
        return {quote for quote in quotes if quote in text}
    automaton.make_automaton()
    found = {quote for _, quote in automaton.iter(text)}
    return found | {quote for quote in quotes if not quote}


def _near_miss(quote: str, text: str) -> str:
    """Say how much of the quote matches, to help find the typo."""
    for cut in range(len(quote), 0, -1):
        if quote[:cut] in text:
            return f"it matches up to «{quote[:cut][-12:]}», then differs at «{quote[cut:cut + 8]}»"
    return "no part of it is in the text"
