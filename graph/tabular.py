"""Read a CSV table through its mapping: each row becomes one Fact whose provenance is the dataset
and the line its record begins on; its quote is the record exactly as the file has it.

Bad rows are never dropped silently: each problem goes to the report with its line, and the
caller skips the row or (strict) fails the import.
"""
from __future__ import annotations

import csv
import hashlib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from rdflib import URIRef

from .checks import PLACE, class_of
from .fields import parse_date, parse_decimal
from .mapping import Cell, Mapping, NodeSpec
from .model import Entity, Fact, Quantity, Seeds
from .names import normal_name
from .places import PlaceIndex, name_index
from .problems import InputError, Loc, Problem, Problems
from .safe_io import FileRefused, open_regular
from .schema import Schema
from .yamlfile import NONCHARACTERS

__all__ = ["TableReport", "parse_date", "read_table"]

# Control characters but tab and line breaks (a quoted cell may span lines), surrogates, noncharacters.
_CONTROL = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{NONCHARACTERS}]")
MAX_LINE_BYTES = 16 * 1024 * 1024  # a longer line is not a table's
Sink = Callable[[Problem], None]


@dataclass
class TableReport:
    """What a table gave: counts, every unresolved name with how often, and the problem count."""

    rows: int = 0
    facts: int = 0
    bad_rows: int = 0
    problems: int = 0
    new_entities: int = 0
    unresolved: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (column, text, why) → rows


@dataclass
class _Reader:
    """The running state of one table: columns, name caches and minted entities."""

    mapping: Mapping
    seeds: Seeds
    schema: Schema
    places: PlaceIndex
    file: str
    columns: dict[str, int] = field(default_factory=dict)
    names: dict[str, set[str]] = field(default_factory=dict)  # any entity's name → ids
    minted: dict[str, Entity] = field(default_factory=dict)  # name → new entity

    def __post_init__(self) -> None:
        self.names = name_index(self.seeds.entities.values())

    def value(self, cell: Cell, cells: list[str]) -> str:
        if cell.constant is not None:
            return cell.constant
        return cells[self.columns[cell.column]].strip()  # type: ignore[index]

    def node(self, spec: NodeSpec, text: str, expected: frozenset[URIRef], where: str,
             fail: Callable[[str, str, str], None], fresh: list[Entity]) -> str | None:
        if spec.as_place:
            found = self.places.resolve(text)
            if found.place is None:
                fail(found.problem, found.detail, text)
            return found.place
        ids = self.names.get(normal_name(text), set())
        if not ids and _place_allowed(self.schema, expected):
            place = self.places.resolve(text).place
            ids = {place} if place else set()
        if len(ids) > 1:
            fail("ambiguous", f"'{text}' names several entities: {', '.join(sorted(ids))}", text)
            return None
        if ids:
            ident = next(iter(ids))
            cls = class_of(self.seeds, self.schema, ident)
            if expected and cls is not None and not self.schema.is_a(cls, expected):
                fail("domain-range", f"'{text}' ({ident}) is not of a type the relation allows as its {where}", text)
                return None
            return ident
        if spec.new_type is None:
            fail("unresolved", f"no entity of the seeds is called '{text}' (give the column a type to add new ones)",
                 text)
            return None
        entity = self.minted.get(text)
        if entity is None:
            digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
            entity = Entity(f"{spec.new_type.replace('_', '-')}-{digest}", spec.new_type, text, "",
                            loc=Loc(self.file))
            self.minted[text] = entity
            fresh.append(entity)
        return entity.id


def _place_allowed(schema: Schema, expected: frozenset[URIRef]) -> bool:
    """True when a place may stand here (the relation allows places among other things)."""
    return any(schema.is_a(c, PLACE) for c in expected) or not expected


def _records(stream: BinaryIO, encoding: str, delimiter: str, file: str, total: int,
             on_progress: Callable[[int, int], None]) -> Iterator[tuple[int, str, list[str]]]:
    """(line the record begins on, the record's text as written, its cells), header included."""
    state = {"line": 0, "bytes": 0}
    pending: list[str] = []

    def lines() -> Iterator[str]:
        for raw in iter(lambda: stream.readline(MAX_LINE_BYTES + 1), b""):
            state["line"] += 1
            state["bytes"] += len(raw)
            if len(raw) > MAX_LINE_BYTES:
                raise InputError(_one(Loc(file, state["line"]), "csv",
                                      f"the line is longer than {MAX_LINE_BYTES // (1024 * 1024)} MB: not a table's line"))
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(_one(Loc(file, state["line"]), "encoding",
                                      f"not {encoding} text ({exc.reason}); set 'encoding' in the mapping")) from exc
            if state["line"] == 1:
                text = text.lstrip("\ufeff")
            pending.append(text)
            yield text

    reader = csv.reader(lines(), delimiter=delimiter)
    count = 0
    while True:
        start = state["line"] + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(_one(Loc(file, start), "csv", f"cannot read the table here: {exc}")) from exc
        record = "".join(pending).rstrip("\r\n")
        pending.clear()
        count += 1
        if count % 2048 == 0:
            on_progress(state["bytes"], count)
        if cells:
            yield start, record, cells


def _one(loc: Loc, code: str, message: str) -> Problems:
    problems = Problems()
    problems.add(loc, code, message)
    return problems


def read_table(path: Path, mapping: Mapping, seeds: Seeds, schema: Schema, places: PlaceIndex,
               report: TableReport, on_problem: Sink, on_progress: Callable[[int, int], None] = lambda d, c: None,
               name: str | None = None) -> Iterator[tuple[Fact, list[Entity]]]:
    """Every good row's Fact with the entities it mints; every bad row's problems go to on_problem."""
    file = name or str(path)
    reader = _Reader(mapping, seeds, schema, places, file)
    try:
        stream = open_regular(path, limit=None)  # a large table is read a line at a time
    except FileRefused as exc:
        raise InputError(_one(Loc(file), "io", f"cannot read the table: {exc}")) from exc
    with stream:
        total = os.fstat(stream.fileno()).st_size
        records = _records(stream, mapping.encoding, mapping.delimiter, file, total, on_progress)
        header = next(records, None)
        if header is None:
            raise InputError(_one(Loc(file, 1), "csv", "the table is empty: it needs a header row"))
        _bind_columns(reader, header[2], mapping, file)
        width = len(header[2])
        for line, record, cells in records:
            report.rows += 1
            fact, fresh = _row(reader, line, record, cells, width, report, on_problem)
            if fact is not None:
                report.facts += 1
                report.new_entities += len(fresh)
                yield fact, fresh
        on_progress(total, report.rows)


def _bind_columns(reader: _Reader, header: list[str], mapping: Mapping, file: str) -> None:
    names = [h.strip() for h in header]
    problems = Problems()
    for cell in mapping.columns():
        if cell.column not in names:
            problems.add(cell.loc, "unknown-column",
                         f"column '{cell.column}' is not in the header of {file} (it has: {', '.join(names)})")
        elif names.count(cell.column) > 1:
            problems.add(cell.loc, "unknown-column", f"column '{cell.column}' appears twice in the header of {file}")
        else:
            reader.columns[cell.column] = names.index(cell.column)  # type: ignore[index]
    if problems:
        raise InputError(problems)


def _row(reader: _Reader, line: int, record: str, cells: list[str], width: int, report: TableReport,
         on_problem: Sink) -> tuple[Fact | None, list[Entity]]:
    mapping, schema = reader.mapping, reader.schema
    bad: list[Problem] = []
    fresh: list[Entity] = []
    loc = Loc(reader.file, line)
    if len(cells) != width:
        bad.append(Problem(loc, "row-width", f"the row has {len(cells)} cells; the header has {width}"))
        _reject(bad, report, on_problem)
        return None, fresh
    if any(_CONTROL.search(c) for c in cells):
        bad.append(Problem(loc, "control-character", "a cell holds a control character (such as NUL)"))
        _reject(bad, report, on_problem)
        return None, fresh

    def fail_at(cell: Cell) -> Callable[[str, str, str], None]:
        def fail(code: str, detail: str, text: str) -> None:
            column = cell.column or "(constant)"
            bad.append(Problem(loc, code, f"column {column}: {detail}"))
            if code in ("unresolved", "ambiguous"):
                report.unresolved[(column, text, code)] += 1
        return fail

    rel_text = reader.value(mapping.relation, cells)
    key = mapping.relation_values.get(rel_text) if mapping.relation_values is not None else rel_text
    relation = schema.relations.get(key or "")
    if relation is None:
        fail_at(mapping.relation)("bad-relation", f"'{rel_text}' is not one of: "
                                  f"{', '.join(sorted(mapping.relation_values or ()))}", rel_text)
    ends: list[str | None] = []
    for spec, expected, role in ((mapping.subject, relation.domain if relation else frozenset(), "subject"),
                                 (mapping.object, relation.range if relation else frozenset(), "object")):
        text = reader.value(spec.cell, cells)
        if not text:
            fail_at(spec.cell)("missing", f"the {role} is empty", text)
            ends.append(None)
        else:
            ends.append(reader.node(spec, text, expected, role, fail_at(spec.cell), fresh))
    qualifiers = _qualifiers(reader, cells, fail_at, fresh)
    amount = _amount(reader, cells, fail_at)
    if bad or relation is None or None in ends:
        _reject(bad, report, on_problem)
        return None, []
    fact = Fact(mapping.source.id, ends[0], relation.key, ends[1], record, qualifiers, amount,  # type: ignore[arg-type]
                f"{mapping.source.id}-{line}", loc, row=line)
    return fact, fresh


def _reject(bad: list[Problem], report: TableReport, on_problem: Sink) -> None:
    report.bad_rows += 1
    report.problems += len(bad)
    for problem in bad:
        on_problem(problem)


def _qualifiers(reader: _Reader, cells: list[str], fail_at: Callable[[Cell], Callable[[str, str, str], None]],
                fresh: list[Entity]) -> dict[str, str]:
    found: dict[str, str] = {}
    for key, spec in reader.mapping.qualifiers.items():
        cell = spec.cell if isinstance(spec, NodeSpec) else spec
        text = reader.value(cell, cells)
        if not text:
            continue  # an empty qualifier cell: the row says nothing of it
        if isinstance(spec, NodeSpec):
            value = reader.node(spec, text, reader.schema.qualifiers[key].classes, key, fail_at(cell), fresh)
        elif key == "date":
            value = parse_date(text)
            if value is None:
                fail_at(cell)("bad-date", f"'{text}' is not a date (2019, 2019-05, 2019-05-03, 2019年5月)", text)
        else:
            value = text
        if value is not None:
            found[key] = value
    return found


def _amount(reader: _Reader, cells: list[str], fail_at: Callable[[Cell], Callable[[str, str, str], None]]
            ) -> Quantity | None:
    mapping, schema = reader.mapping, reader.schema
    if mapping.amount is None or mapping.unit is None:
        return None
    text = reader.value(mapping.amount, cells)
    if not text:
        return None
    try:
        number = parse_decimal(text.replace(",", "").replace(",", ""))
    except ValueError as exc:
        fail_at(mapping.amount)("bad-number", str(exc), text)
        return None
    unit = schema.units[mapping.unit]
    base = unit.base if unit.base is not None else schema.units[mapping.base_unit or ""].iri
    return Quantity(text, mapping.unit, number * unit.factor, base)
