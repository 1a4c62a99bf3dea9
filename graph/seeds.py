"""Read the seed YAML files into the model, checking each field where it is written."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from .fields import Record
from .model import Entity, Fact, IndicatorDef, Industry, Observation, Quantity, Seeds, Source
from .problems import Loc, Problems
from .schema import Schema
from .yamlfile import YList, YMap, read_yaml

_UNREADABLE = object()  # a file whose YAML syntax error is already reported


def _records(data: Any, key: str, name: str, problems: Problems) -> list[tuple[Any, Loc]]:
    if data is _UNREADABLE:
        return []
    if not isinstance(data, YMap):
        problems.add(getattr(data, "loc", Loc(name)), "shape", f"{name} must be a mapping with a '{key}' list")
        return []
    items = data.get(key)
    if items is None:
        return []
    if not isinstance(items, YList):
        problems.add(data.locs[key], "shape", f"'{key}' must be a list")
        return []
    return list(zip(items, items.locs))


def read_quantity(rec: Record, schema: Schema, quote: str | None, base_hint: str | None) -> Quantity | None:
    """value + unit (+ bound): check the unit and that the printed number stands in the quote."""
    printed = rec.text("value")
    unit_printed = rec.text("unit")
    number = rec.decimal("value") if printed is not None else None
    bound = rec.text("bound", required=False)
    if bound is not None and bound not in schema.bounds:
        rec.problems.add(rec.at("bound"), "unknown-bound",
                         f"unknown bound '{bound}' (allowed: {', '.join(sorted(schema.bounds))})")
    if unit_printed is None or number is None or printed is None:
        return None
    unit = schema.units.get(unit_printed)
    if unit is None:
        rec.problems.add(rec.at("unit"), "unknown-unit",
                         f"unknown unit '{unit_printed}': add it to ontology/jjjkg.ttl as a jjj:Unit")
        return None
    base = unit.base
    if base is None:
        base_unit = schema.units.get(base_hint or "")
        if base_unit is None:
            rec.problems.add(rec.at("unit"), "unknown-unit",
                             f"'{unit_printed}' is a scale word: its indicator or 'base_unit' must name the base unit")
            return None
        base = base_unit.iri
    if quote and not re.search(r"(?<![\d.])" + re.escape(printed) + r"(?![\d])", quote):
        rec.problems.add(rec.at("value"), "number-not-in-quote", f"the value {printed} is not printed in the quote")
    printed_unit = unit.symbol != unit.key or unit_printed != unit.key  # share, count: no word is printed
    if quote and printed_unit and unit_printed not in quote:
        rec.problems.add(rec.at("unit"), "number-not-in-quote", f"the unit {unit_printed} is not printed in the quote")
    return Quantity(printed, unit_printed, number * unit.factor, base, bound)


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]


def read_seeds(seeds_dir: Path, schema: Schema, problems: Problems) -> Seeds:
    """Read every seed file below seeds_dir; names in messages are relative to its parent."""
    seeds = Seeds()
    base = seeds_dir.parent

    def load(path: Path) -> tuple[Any, str]:
        name = str(path.relative_to(base)) if path.is_relative_to(base) else str(path)
        before = len(problems)
        data = read_yaml(path, name, problems)
        if data is None and len(problems) > before:
            return _UNREADABLE, name  # the syntax error is reported; nothing more to say of this file
        return data, name

    for fname, key in (("sources.yaml", "sources"), ("industries.yaml", "industries"),
                       ("indicators.yaml", "indicators")):
        path = seeds_dir / fname
        if not path.is_file():
            problems.add(Loc(str(path.relative_to(base))), "missing-file", f"{fname} is required")
            continue
        data, name = load(path)
        reader = {"sources": read_source, "industries": _read_industry, "indicators": _read_indicator}[key]
        for item, loc in _records(data, key, name, problems):
            reader(item, loc, seeds, schema, problems)
    for path in sorted((seeds_dir / "entities").glob("*.yaml")):
        data, name = load(path)
        for item, loc in _records(data, "entities", name, problems):
            _read_entity(item, loc, seeds, schema, problems)
    for path in sorted((seeds_dir / "facts").glob("*.yaml")):
        data, name = load(path)
        _read_facts_file(data, name, seeds, schema, problems)
    return seeds


def _register(registry: dict[str, Any], record: Any, rec: Record, seeds: Seeds, problems: Problems) -> None:
    for other in (seeds.sources, seeds.entities, seeds.industries, seeds.indicators):
        if record.id in other:
            problems.add(rec.at("id"), "duplicate-id",
                         f"id '{record.id}' is already defined at {other[record.id].loc}")
            return
    registry[record.id] = record


def read_source(item: Any, loc: Loc, seeds: Seeds, schema: Schema, problems: Problems) -> None:
    rec = Record(item, loc, "a source", {"id", "title", "title_en", "publisher", "publisher_en", "published",
                                         "authors", "editors", "photographers", "original_title", "republished_by",
                                         "republished_by_en", "language", "file", "kind"}, problems)
    ident, title, file = rec.ident("id"), rec.text("title"), rec.text("file")
    publisher = rec.text("publisher", required=False)  # 004 names no outlet: never invent one
    language, kind = rec.text("language"), rec.text("kind", required=False) or "article"
    if kind not in ("article", "dataset"):
        problems.add(rec.at("kind"), "bad-value", f"kind must be 'article' or 'dataset', not '{kind}'")
    if file is not None and (Path(file).name != file):
        problems.add(rec.at("file"), "bad-value", f"file must be a plain file name, not a path: '{file}'")
        file = None
    published = rec.date("published")
    if None in (ident, title, file, language):
        return
    _register(seeds.sources, Source(ident, title, publisher, file, language, kind, published,  # type: ignore[arg-type]
                                    rec.texts("authors"), rec.texts("editors"), rec.text("publisher_en", False),
                                    rec.text("title_en", False), rec.loc, rec.texts("photographers"),
                                    rec.text("original_title", False), rec.text("republished_by", False),
                                    rec.text("republished_by_en", False)), rec, seeds, problems)


def _read_industry(item: Any, loc: Loc, seeds: Seeds, schema: Schema, problems: Problems) -> None:
    rec = Record(item, loc, "an industry", {"id", "zh", "en", "broader", "aliases"}, problems)
    ident, zh, en = rec.ident("id"), rec.text("zh"), rec.text("en")
    if None in (ident, zh, en):
        return
    _register(seeds.industries, Industry(ident, zh, en, rec.ident("broader", False), rec.texts("aliases"),  # type: ignore[arg-type]
                                         rec.loc, dict(rec.map.locs)), rec, seeds, problems)


def _read_indicator(item: Any, loc: Loc, seeds: Seeds, schema: Schema, problems: Problems) -> None:
    rec = Record(item, loc, "an indicator", {"id", "zh", "en", "unit", "description"}, problems)
    ident, zh, en, unit = rec.ident("id"), rec.text("zh"), rec.text("en"), rec.text("unit")
    if unit is not None and (unit not in schema.units or schema.units[unit].is_scale):
        problems.add(rec.at("unit"), "unknown-unit", f"'{unit}' is not a base unit of the ontology")
        return
    if None in (ident, zh, en, unit):
        return
    _register(seeds.indicators, IndicatorDef(ident, zh, en, schema.units[unit].key,  # type: ignore[arg-type,index]
                                             rec.text("description", False), rec.loc, dict(rec.map.locs)),
              rec, seeds, problems)


def _read_entity(item: Any, loc: Loc, seeds: Seeds, schema: Schema, problems: Problems) -> None:
    rec = Record(item, loc, "an entity", {"id", "type", "zh", "en", "aliases", "located_in", "division_code",
                                          "wikidata", "lat", "lon", "description", "en_shared_because",
                                          "located_in_source"}, problems)
    ident, kind, zh, en = rec.ident("id"), rec.text("type"), rec.text("zh"), rec.text("en")
    if kind is not None and kind not in schema.types:
        problems.add(rec.at("type"), "unknown-type",
                     f"unknown entity type '{kind}' (allowed: {', '.join(sorted(schema.types))})")
        kind = None
    code, qid = rec.text("division_code", False), rec.text("wikidata", False)
    if code is not None and not re.fullmatch(r"\d{6}", code):
        problems.add(rec.at("division_code"), "bad-identifier", f"division code '{code}' is not six digits")
    if qid is not None and not re.fullmatch(r"Q[1-9]\d*", qid):
        problems.add(rec.at("wikidata"), "bad-identifier", f"'{qid}' is not a Wikidata item id (Q followed by digits)")
    lat, lon = rec.decimal("lat"), rec.decimal("lon")
    if (lat is None) != (lon is None):
        problems.add(rec.loc, "missing", "give both lat and lon, or neither")
    if lat is not None and not -90 <= lat <= 90:
        problems.add(rec.at("lat"), "bad-number", f"latitude {lat} is outside -90..90")
    if lon is not None and not -180 <= lon <= 180:
        problems.add(rec.at("lon"), "bad-number", f"longitude {lon} is outside -180..180")
    located_in_source = rec.text("located_in_source", False)
    if located_in_source not in (None, "reference"):
        problems.add(rec.at("located_in_source"), "bad-value",
                     f"located_in_source must be 'reference' (the reference tables state where it lies), "
                     f"not '{located_in_source}'; an article's statement is a located_in fact")
    if None in (ident, kind, zh, en):
        return
    _register(seeds.entities, Entity(ident, kind, zh, en, rec.texts("aliases"), rec.texts("located_in"),  # type: ignore[arg-type]
                                     code, qid, lat, lon, rec.text("description", False), rec.loc,
                                     dict(rec.map.locs), rec.text("en_shared_because", False), located_in_source), rec, seeds,
              problems)


def _read_facts_file(data: Any, name: str, seeds: Seeds, schema: Schema, problems: Problems) -> None:
    if data is _UNREADABLE:
        return
    top = Record(data, getattr(data, "loc", Loc(name)), f"the facts file {name}",
                 {"source", "facts", "observations"}, problems)
    source = top.ident("source")
    if source is None:
        return
    if not top.map.get("facts") and not top.map.get("observations"):
        problems.add(top.loc, "missing", "a facts file needs 'facts' or 'observations'")
    seen: dict[str, Loc] = {}
    for item, loc in _records(data, "facts", name, problems):
        fact = _read_fact(item, loc, source, schema, problems)
        if fact is not None:
            _add_once(fact, seen, seeds.facts, problems, "fact")
    for item, loc in _records(data, "observations", name, problems):
        obs = _read_observation(item, loc, source, seeds, schema, problems)
        if obs is not None:
            _add_once(obs, seen, seeds.observations, problems, "observation")


def _add_once(item: Any, seen: dict[str, Loc], into: list[Any], problems: Problems, what: str) -> None:
    if item.id in seen:
        problems.add(item.loc, "duplicate-fact", f"this {what} repeats the one at line {seen[item.id].line}")
        return
    seen[item.id] = item.loc
    into.append(item)


QUALIFIER_KEYS = {"date", "date_text", "from", "ships_from", "role", "industry", "technology", "product", "via", "note"}


def read_modality(rec: Record, schema: Schema) -> str | None:
    """The optional `modality` (planned / under_way / done), one of the ontology's jjj:Modality keys."""
    modality = rec.text("modality", required=False)
    if modality is not None and modality not in schema.modalities:
        rec.problems.add(rec.at("modality"), "unknown-modality",
                         f"unknown modality '{modality}' (allowed: {', '.join(sorted(schema.modalities))})")
        return None
    return modality


def _read_fact(item: Any, loc: Loc, source: str, schema: Schema, problems: Problems) -> Fact | None:
    rec = Record(item, loc, "a fact", {"subject", "relation", "object", "quote", "qualifiers", "amount", "modality"},
                 problems)
    subject, relation, obj, quote = rec.ident("subject"), rec.text("relation"), rec.ident("object"), rec.text("quote")
    if relation is not None and relation not in schema.relations:
        problems.add(rec.at("relation"), "unknown-relation",
                     f"unknown relation '{relation}' (allowed: {', '.join(sorted(schema.relations))})")
        relation = None
    qualifiers: dict[str, str] = {}
    locs = dict(rec.map.locs)
    if "qualifiers" in rec.map:
        qrec = Record(rec.map["qualifiers"], rec.at("qualifiers"), "qualifiers", QUALIFIER_KEYS, problems)
        for key in qrec.map:
            if key not in QUALIFIER_KEYS:
                continue
            value = qrec.date(key) if key == "date" else (
                qrec.ident(key) if schema.qualifiers[key].classes else qrec.text(key))  # an entity's id
            if value is not None:
                qualifiers[key] = value
                locs["qualifiers." + key] = qrec.at(key)
    amount = None
    if "amount" in rec.map:
        arec = Record(rec.map["amount"], rec.at("amount"), "an amount", {"value", "unit", "bound", "base_unit"},
                      problems)
        amount = read_quantity(arec, schema, quote, arec.text("base_unit", False))
    if None in (subject, relation, obj, quote):
        return None
    ident = f"{source}-{_digest(subject, relation, obj, quote, sorted(qualifiers.items()))}"
    return Fact(source, subject, relation, obj, quote, qualifiers, amount, ident, rec.loc, locs,  # type: ignore[arg-type]
                modality=read_modality(rec, schema))


def _read_observation(item: Any, loc: Loc, source: str, seeds: Seeds, schema: Schema,
                      problems: Problems) -> Observation | None:
    rec = Record(item, loc, "an observation", {"indicator", "area", "counterpart", "about", "period", "period_text",
                                               "value", "unit", "bound", "quote", "note", "modality"}, problems)
    indicator, quote = rec.ident("indicator"), rec.text("quote")
    areas, counterparts, about = rec.texts("area"), rec.texts("counterpart"), rec.ident("about", False)
    if not areas and about is None and rec.ok:
        problems.add(rec.loc, "missing", "an observation needs an 'area' or an 'about' entity")
    definition = seeds.indicators.get(indicator or "")
    if indicator is not None and definition is None:
        problems.add(rec.at("indicator"), "unknown-indicator",
                     f"unknown indicator '{indicator}': define it in seeds/indicators.yaml")
    quantity = read_quantity(rec, schema, quote, definition.unit if definition else None)
    if definition is not None and quantity is not None and quantity.unit != schema.units[definition.unit].iri:
        problems.add(rec.at("unit"), "unit-mismatch",
                     f"'{quantity.unit_printed}' does not convert to {definition.unit}, the unit of '{indicator}'")
    period_text = rec.text("period_text", False)
    period = rec.date("period", required=False)
    # Neither period nor period_text: the source prints no time for the value (the value stands as
    # of the source's publication, which may itself be undated); never an invented period.
    if None in (indicator, quote, quantity) or definition is None:
        return None
    ident = f"{source}-{_digest(indicator, areas, counterparts, about, period, quote, quantity.printed)}"  # type: ignore[union-attr]
    return Observation(source, indicator, quantity, quote, period, period_text,  # type: ignore[arg-type]
                       areas, counterparts, about, rec.text("note", False), ident, rec.loc, dict(rec.map.locs),
                       read_modality(rec, schema))
