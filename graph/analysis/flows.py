"""The inter-regional flow matrix: how many stated linkages run from each place to each other place,
by relation or relation group, with example facts (quote, source, statement IRI) for each cell.

Counts are the derived graph's (graph/derived.py, `jjj:FlowCount`): a statement starts at its
from-place where it has one, else at its subject, and ends at its object; at the prefecture level
an end in no prefecture stands as its province. Examples are a cell's first statements by
statement IRI, found in one pass over the statements' ends (graph/view/flows_store.py), then read
by direct look-ups. Curated graph and import store go the same way: the curated build is loaded
into an in-memory Oxigraph store with its derived graph first.

One row kind is not a relation: `rd-to-production` counts firms, not statements — a firm with an
R&D site (rd_location) in one place and a production site (production_location) in another is one
flow from the first to the second ("R&D in Beijing, production in Zhangjiakou"); its examples carry
both quotes.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
import yaml

from ..namespaces import STMT
from ..oxigraph import memory_store
from ..problems import ConfigError
from ..schema import Schema
from ..settings import Built
from ..view.flows_store import FlowStore, Membership

GROUPS_FILE = Path(__file__).resolve().parent.parent / "view" / "flow_groups.yaml"
LEVELS = ("province", "prefecture")
BY = ("group", "relation")
RD_TO_PRODUCTION = "rd-to-production"
RD_RELATION, PRODUCTION_RELATION = "rd_location", "production_location"
NO_PLACE: Membership = ((), ())
CellKey = tuple[str, str, str]  # origin id, destination id, relation or group key


@dataclass(frozen=True)
class RelationGroup:
    key: str
    zh: str
    en: str
    relations: tuple[str, ...]
    colour: str = ""  # how the flows view draws it


@lru_cache(maxsize=1)
def load_flow_groups(path: Path = GROUPS_FILE) -> tuple[RelationGroup, ...]:
    """The relation groups of graph/view/flow_groups.yaml, in its order (the flows command, the flows
    view and the report all group by them)."""
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    return tuple(RelationGroup(g["key"], g["zh"], g["en"], tuple(g["relations"]), g.get("colour", ""))
                 for g in raw["groups"])


@dataclass(frozen=True)
class SourceRef:
    id: str
    title: str
    title_en: str
    publisher: str
    publisher_en: str
    published: str


@dataclass(frozen=True)
class Example:
    """A fact that makes a cell: its statement IRI(s) (two for rd-to-production), quote(s), source."""
    statements: tuple[str, ...]
    quote: str
    sources: tuple[SourceRef, ...]


@dataclass
class FlowCell:
    origin: str
    destination: str
    key: str            # the relation key, the group key, or rd-to-production
    count: int
    counted: str = "statements"  # or "firms" (rd-to-production)
    examples: list[Example] = field(default_factory=list)


@dataclass
class FlowMatrix:
    level: str
    by: str
    cells: list[FlowCell]
    labels: dict[str, tuple[str, str]]  # entity id → (zh, en)

    def label(self, ident: str, lang: str) -> str:
        zh, en = self.labels.get(ident, ("", ""))
        return (zh or en if lang == "zh" else en or zh) or ident


def curated_store(built: Built) -> ox.Store:
    """The built graph in an in-memory store: data, ontology and the derived graph (as `jjjkg query` has it)."""
    return memory_store(built.ntriples, built.schema.graph, built.derived)


@lru_cache(maxsize=4096)
def _pairs(level: str, start: Membership, end: Membership) -> tuple[tuple[str, str], ...]:
    """The (origin, destination) pairs a statement counts for at a level (graph/derived.py's rule)."""
    if level == "province":
        origins, destinations = start[0], end[0]
    else:
        origins, destinations = start[1] or start[0], end[1] or end[0]
    return tuple((o, d) for o in origins for d in destinations if o != d)


def _within(place: str | None, ident: str, membership: dict[str, Membership]) -> bool:
    if place is None or place == ident:
        return True
    provinces, prefectures = membership.get(ident, NO_PLACE)
    return place in provinces or place in prefectures


def flow_matrix(store: ox.Store, schema: Schema, level: str = "prefecture", by: str = "group",
                examples: int = 1, origin: str | None = None, destination: str | None = None) -> FlowMatrix:
    """The flow matrix at a level, by group or relation: counts from the derived graph, the first
    `examples` statements of each cell, and (by group) the rd-to-production firms. origin and
    destination (entity ids) keep only cells starting / ending in or at that place."""
    if level not in LEVELS:
        raise ConfigError(f"--level: give one of {', '.join(LEVELS)}, not {level!r}")
    if by not in BY:
        raise ConfigError(f"--by: give one of {', '.join(BY)}, not {by!r}")
    reader = FlowStore(store, schema)
    group_of = {relation: g.key for g in load_flow_groups() for relation in g.relations}
    key_of = (lambda relation: relation) if by == "relation" else group_of.get
    membership = reader.membership()
    counts: dict[CellKey, int] = defaultdict(int)
    for flow in reader.flow_counts():
        key = key_of(flow.relation)
        if flow.level == level and key is not None:
            counts[(flow.origin, flow.destination, key)] += flow.count
    wanted = {cell for cell in counts
              if _within(origin, cell[0], membership) and _within(destination, cell[1], membership)}
    samples: dict[CellKey, list[str]] = defaultdict(list)
    rd_sites: dict[str, list[tuple[str, str]]] = defaultdict(list)   # firm → (statement, place)
    production_sites: dict[str, list[tuple[str, str]]] = defaultdict(list)
    need_pass = examples > 0 or by == "group"
    for statement, relation, start, end in (reader.statements() if need_pass else ()):
        if by == "group" and relation in (RD_RELATION, PRODUCTION_RELATION):
            (rd_sites if relation == RD_RELATION else production_sites)[start].append((statement, end))
        key = key_of(relation)
        if key is None or examples <= 0:
            continue
        for o, d in _pairs(level, membership.get(start, NO_PLACE), membership.get(end, NO_PLACE)):
            if (o, d, key) in wanted:
                samples[(o, d, key)].append(statement)
    cells = [FlowCell(o, d, key, counts[(o, d, key)]) for (o, d, key) in wanted]
    chosen = {cell: sorted(ids)[:examples] for cell, ids in samples.items()}
    firm_pairs: dict[CellKey, dict[str, tuple[str, str]]] = defaultdict(dict)
    for firm, rd in rd_sites.items():
        for rd_statement, rd_place in rd:
            for production_statement, production_place in production_sites.get(firm, ()):
                for o, d in _pairs(level, membership.get(rd_place, NO_PLACE), membership.get(production_place, NO_PLACE)):
                    if _within(origin, o, membership) and _within(destination, d, membership):
                        pair = (rd_statement, production_statement)
                        kept = firm_pairs[(o, d, RD_TO_PRODUCTION)]
                        kept[firm] = min(kept.get(firm, pair), pair)
    for cell, firms in firm_pairs.items():
        cells.append(FlowCell(cell[0], cell[1], RD_TO_PRODUCTION, len(firms), "firms"))
        chosen[cell] = [statement for firm in sorted(firms)[:max(examples, 0)] for statement in firms[firm]]
    facts = reader.facts(sorted({ident for ids in chosen.values() for ident in ids}))
    sources = {ident: s.record() for ident, s in reader.sources(sorted({f.source for f in facts.values()})).items()}
    for cell in cells:
        ids = chosen.get((cell.origin, cell.destination, cell.key), [])
        groups = [ids[i:i + 2] for i in range(0, len(ids), 2)] if cell.key == RD_TO_PRODUCTION else [[i] for i in ids]
        cell.examples = [_example([facts[i] for i in group], sources) for group in groups]
    cells.sort(key=lambda c: (-c.count, c.origin, c.destination, c.key))
    labels = reader.labels(sorted({c.origin for c in cells} | {c.destination for c in cells}))
    return FlowMatrix(level, by, cells, labels)


def _example(facts: Iterable, sources: dict[str, dict[str, str]]) -> Example:  # type: ignore[type-arg]
    facts = list(facts)
    quotes: list[str] = []
    for fact in facts:
        if fact.quote not in quotes:
            quotes.append(fact.quote)
    refs: list[SourceRef] = []
    for fact in facts:
        record = sources.get(fact.source, {})
        ref = SourceRef(fact.source, record.get("zh", ""), record.get("en", ""), record.get("publisher", ""),
                        record.get("publisherEn", ""), record.get("published", ""))
        if ref not in refs:
            refs.append(ref)
    return Example(tuple(str(STMT[f.id]) for f in facts), " … ".join(quotes), tuple(refs))


def source_text(refs: tuple[SourceRef, ...], part: str, lang: str = "zh") -> str:
    """A part of the example's source(s) (title, publisher, published) in lang, several joined by " / "."""
    name = f"{part}_en" if lang == "en" and part != "published" else part
    return " / ".join(dict.fromkeys(getattr(ref, name) for ref in refs if getattr(ref, name)))


def flow_rows(matrix: FlowMatrix, lang: str = "zh") -> tuple[list[str], list[list[object]]]:
    """Header and rows: one per example (the cell's columns on its first), or per cell without examples."""
    key_name = "relation" if matrix.by == "relation" else "group"
    headers = ["origin", "destination", key_name, "count", "counted", "quote", "sourceTitle", "publisher",
               "published", "statement"]
    rows: list[list[object]] = []
    if not any(cell.examples for cell in matrix.cells):  # --examples 0: counts only
        return headers[:5], [[matrix.label(c.origin, lang), matrix.label(c.destination, lang), c.key, c.count,
                              c.counted] for c in matrix.cells]
    for cell in matrix.cells:
        head: list[object] = [matrix.label(cell.origin, lang), matrix.label(cell.destination, lang), cell.key,
                              cell.count, cell.counted]
        for number, example in enumerate(cell.examples or [None]):  # type: ignore[list-item]
            shown = head if number == 0 else ["", "", "", "", ""]
            if example is None:
                rows.append([*shown, "", "", "", "", ""])
            else:
                rows.append([*shown, example.quote, source_text(example.sources, "title", lang),
                             source_text(example.sources, "publisher", lang),
                             source_text(example.sources, "published"),
                             " ".join(example.statements)])
    return headers, rows


def flow_records(matrix: FlowMatrix, lang: str = "zh") -> dict[str, object]:
    """The matrix as JSON-ready data: ids, labels, counts and examples."""
    key_name = "relation" if matrix.by == "relation" else "group"
    return {"level": matrix.level, "by": matrix.by, "cells": [
        {"origin": cell.origin, "originLabel": matrix.label(cell.origin, lang),
         "destination": cell.destination, "destinationLabel": matrix.label(cell.destination, lang),
         key_name: cell.key, "count": cell.count, "counted": cell.counted,
         "examples": [{"statements": list(e.statements), "quote": e.quote,
                       "sources": [vars(ref) for ref in e.sources]} for e in cell.examples]}
        for cell in matrix.cells]}
