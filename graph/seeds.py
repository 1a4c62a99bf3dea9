"""Read the seed YAML files into the model, checking each field where it is written."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .fields import Record
from .model import Entity, IndicatorDef, Industry, Seeds, Source
from .problems import Loc, Problems
from .schema import Schema
from .statements import QUALIFIER_KEYS, read_fact, read_observation
from .yamlfile import YList, YMap, read_yaml

__all__ = ["QUALIFIER_KEYS", "read_seeds", "read_source"]

_UNREADABLE = object()  # a file whose YAML syntax error is already reported


def _records(data: Any, key: str, name: str, problems: Problems, seeds: Seeds,
             required: bool = False) -> list[tuple[Any, Loc]]:
    """The file's '{key}' list with each item's place; a file that cannot give one is noted in
    seeds.unreadable, so that ids it would have defined are not reported unknown as well."""
    if data is _UNREADABLE:
        seeds.unreadable.add(key)
        return []
    if data is None:
        problems.add(Loc(name, 1), "shape", f"{name} is empty: it needs a '{key}' list")
        seeds.unreadable.add(key)
        return []
    if not isinstance(data, YMap):
        problems.add(getattr(data, "loc", Loc(name)), "shape", f"{name} must be a mapping with a '{key}' list")
        seeds.unreadable.add(key)
        return []
    items = data.get(key)
    if items is None:
        if required:
            problems.add(data.loc, "shape", f"{name} has no '{key}' list")
            seeds.unreadable.add(key)
        return []
    if not isinstance(items, YList):
        problems.add(data.locs[key], "shape", f"'{key}' must be a list")
        seeds.unreadable.add(key)
        return []
    return list(zip(items, items.locs))


def read_seeds(seeds_dir: Path, schema: Schema, problems: Problems, facts: bool = True) -> Seeds:
    """Read every seed file below seeds_dir; names in messages are relative to its parent.
    facts=False: the registry only (sources, industries, indicators, entities), not facts/*.yaml."""
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
        if not (path.exists() or path.is_symlink()):
            problems.add(Loc(str(path.relative_to(base))), "missing-file", f"{fname} is required")
            seeds.unreadable.add(key)
            continue
        data, name = load(path)  # a directory, a FIFO, a device: reported as unreadable
        reader = {"sources": read_source, "industries": _read_industry, "indicators": _read_indicator}[key]
        for item, loc in _records(data, key, name, problems, seeds, required=True):
            reader(item, loc, seeds, schema, problems)
    for path in sorted((seeds_dir / "entities").glob("*.yaml")):
        data, name = load(path)
        for item, loc in _records(data, "entities", name, problems, seeds):
            _read_entity(item, loc, seeds, schema, problems)
    for path in sorted((seeds_dir / "facts").glob("*.yaml")) if facts else ():
        data, name = load(path)
        _read_facts_file(data, name, seeds, schema, problems)
    return seeds


def _refused(ident: str | None, seeds: Seeds) -> None:
    """A record with this id was written but is refused (its problems are reported)."""
    if ident is not None:
        seeds.refused.add(ident)


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
    language, kind = rec.language("language"), rec.text("kind", required=False) or "article"
    if kind not in ("article", "dataset"):
        problems.add(rec.at("kind"), "bad-value", f"kind must be 'article' or 'dataset', not '{kind}'")
    if file is not None and (Path(file).name != file):
        problems.add(rec.at("file"), "bad-value", f"file must be a plain file name, not a path: '{file}'")
        file = None
    published = rec.date("published")
    if None in (ident, title, file, language):
        _refused(ident, seeds)
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
        _refused(ident, seeds)
        return
    _register(seeds.industries, Industry(ident, zh, en, rec.ident("broader", False), rec.texts("aliases"),  # type: ignore[arg-type]
                                         rec.loc, dict(rec.map.locs)), rec, seeds, problems)


def _read_indicator(item: Any, loc: Loc, seeds: Seeds, schema: Schema, problems: Problems) -> None:
    rec = Record(item, loc, "an indicator", {"id", "zh", "en", "unit", "description"}, problems)
    ident, zh, en, unit = rec.ident("id"), rec.text("zh"), rec.text("en"), rec.text("unit")
    if unit is not None and (unit not in schema.units or schema.units[unit].is_scale):
        problems.add(rec.at("unit"), "unknown-unit", f"'{unit}' is not a base unit of the ontology")
        _refused(ident, seeds)
        return
    if None in (ident, zh, en, unit):
        _refused(ident, seeds)
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
        _refused(ident, seeds)
        return
    _register(seeds.entities, Entity(ident, kind, zh, en, rec.texts("aliases"), rec.texts("located_in"),  # type: ignore[arg-type]
                                     code, qid, lat, lon, rec.text("description", False), rec.loc,
                                     dict(rec.map.locs), rec.text("en_shared_because", False), located_in_source), rec, seeds,
              problems)


def _read_facts_file(data: Any, name: str, seeds: Seeds, schema: Schema, problems: Problems) -> None:
    if data is _UNREADABLE:
        seeds.unreadable.add("facts")
        return
    top = Record(data, getattr(data, "loc", Loc(name)), f"the facts file {name}",
                 {"source", "facts", "observations"}, problems)
    source = top.ident("source")
    if source is None:
        seeds.unreadable.add("facts")
        return
    if not top.map.get("facts") and not top.map.get("observations"):
        problems.add(top.loc, "missing", "a facts file needs 'facts' or 'observations'")
    seen: dict[str, Loc] = {}
    for item, loc in _records(data, "facts", name, problems, seeds):
        fact = read_fact(item, loc, source, schema, problems)
        if fact is not None:
            _add_once(fact, seen, seeds.facts, problems, "fact")
    for item, loc in _records(data, "observations", name, problems, seeds):
        obs = read_observation(item, loc, source, seeds, schema, problems)
        if obs is not None:
            _add_once(obs, seen, seeds.observations, problems, "observation")


def _add_once(item: Any, seen: dict[str, Loc], into: list[Any], problems: Problems, what: str) -> None:
    if item.id in seen:
        problems.add(item.loc, "duplicate-fact", f"this {what} repeats the one at line {seen[item.id].line}")
        return
    seen[item.id] = item.loc
    into.append(item)
