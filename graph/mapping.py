"""A table mapping (YAML): which columns of a CSV file give the subject, relation, object,
qualifiers and amount of the fact each row states, and which dataset the table is.

    source: {id: hebei-received-2024, title: 河北承接京津转入企业名单, publisher: 河北省商务厅,
             published: 2024, language: zh}
    subject: {column: 企业名称, type: company}     # names not in the seeds become new entities of this type
    relation: hq_relocated_to                     # or {column: 类型, values: {总部迁入: hq_relocated_to}}
    object: 迁入地                                 # a place column: names and codes resolved against the seeds
    qualifiers: {from: 迁出地, date: 年份}
    amount: {column: 投资额, unit: 万元, base_unit: CNY}

A column is named by its header text; `{value: X}` gives a constant instead.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import URIRef

from .checks import PLACE
from .fields import Record
from .model import Seeds, Source
from .problems import InputError, Loc, Problems
from .schema import Schema
from .seeds import read_source
from .statements import QUALIFIER_KEYS
from .yamlfile import YMap, read_yaml

@dataclass(frozen=True)
class Cell:
    """Where one value comes from: a column (by header name) or a constant."""

    column: str | None
    constant: str | None
    loc: Loc


@dataclass(frozen=True)
class NodeSpec:
    """A subject, object or node-valued qualifier: resolved as a place, or as an entity (minted if typed)."""

    cell: Cell
    as_place: bool
    new_type: str | None = None


@dataclass
class Mapping:
    path: str
    source: Source
    subject: NodeSpec
    object: NodeSpec
    relation: Cell
    relation_values: dict[str, str] | None  # cell text → relation key; None: the cell is the key
    qualifiers: dict[str, Cell | NodeSpec] = field(default_factory=dict)
    amount: Cell | None = None
    unit: str | None = None
    base_unit: str | None = None
    delimiter: str = ","
    encoding: str = "utf-8"

    def columns(self) -> list[Cell]:
        """Every cell that names a column, for checking against the header."""
        cells = [self.subject.cell, self.object.cell, self.relation, self.amount]
        cells += [q.cell if isinstance(q, NodeSpec) else q for q in self.qualifiers.values()]
        return [c for c in cells if c is not None and c.column is not None]


def read_mapping(path: Path, data_file: str, seeds: Seeds, schema: Schema) -> Mapping:
    """Read and check a mapping; raises InputError listing every problem (file:line:column)."""
    problems = Problems()
    name = str(path)
    data = read_yaml(path, name, problems)
    if problems:
        raise InputError(problems)
    top = Record(data, Loc(name), "a mapping", {"source", "subject", "relation", "object", "qualifiers",
                                                "amount", "delimiter", "encoding"}, problems)
    source = _source(top, data_file, seeds, schema, problems)
    relation, values = _relation(top, schema, problems)
    keys = set(values.values()) if values else {relation.constant} if relation and relation.constant else set()
    rels = [schema.relations[k] for k in keys if k in schema.relations]
    subject = _node(top, "subject", frozenset().union(*(r.domain for r in rels)), schema, problems)
    obj = _node(top, "object", frozenset().union(*(r.range for r in rels)), schema, problems)
    qualifiers = _qualifiers(top, schema, problems)
    amount, unit, base = _amount(top, schema, problems)
    delimiter = _delimiter(top, problems)
    encoding = top.text("encoding", required=False) or "utf-8"
    try:
        "".encode(encoding)
    except LookupError:
        problems.add(top.at("encoding"), "bad-value", f"unknown encoding '{encoding}'")
    if problems or None in (source, subject, obj, relation):
        raise InputError(problems)
    return Mapping(name, source, subject, obj, relation, values, qualifiers, amount, unit, base,  # type: ignore[arg-type]
                   delimiter, encoding)


def _delimiter(top: Record, problems: Problems) -> str:
    """One character that can separate cells: a tab (written \\t or "\\t"), a comma, a semicolon...;
    never a quote, a line break, another control character, a letter or a digit."""
    value = top.map.get("delimiter", ",")
    text = "\t" if value == "\\t" else value
    if not isinstance(text, str) or len(text) != 1:
        problems.add(top.at("delimiter"), "bad-value", "delimiter must be one character (or \\t for a tab)")
    elif text == '"' or text.isalnum() or (not text.isprintable() and text != "\t"):
        problems.add(top.at("delimiter"), "bad-value",
                     f"delimiter {text!r} cannot separate cells: give one character such as , ; | or \\t")
    else:
        return text
    return ","


def _source(top: Record, data_file: str, seeds: Seeds, schema: Schema, problems: Problems) -> Source | None:
    item = top.map.get("source")
    if not isinstance(item, YMap):
        problems.add(top.at("source"), "missing", "'source' must describe the dataset: id, title, language, ...")
        return None
    if "file" in item or "kind" in item:
        problems.add(item.loc, "unknown-key", "a dataset's file and kind are set by import-csv; leave them out")
        return None
    item = _with(item, file=data_file, kind="dataset")
    registry = Seeds(entities=seeds.entities, industries=seeds.industries, indicators=seeds.indicators,
                     sources=dict(seeds.sources))
    read_source(item, item.loc, registry, schema, problems)
    return next((s for s in registry.sources.values() if s.id not in seeds.sources), None)


def _with(item: YMap, **extra: str) -> YMap:
    copy = YMap(item)
    copy.loc, copy.locs, copy.raw = item.loc, dict(item.locs), dict(item.raw)
    for key, value in extra.items():
        copy[key] = value
        copy.locs[key] = item.loc
    return copy


def _cell(value: Any, where: Loc, what: str, problems: Problems, extra: set[str] = frozenset()  # type: ignore[assignment]
          ) -> tuple[Cell | None, Record | None]:
    """'header text' or {column: ..} or {value: ..}; extra keys are allowed alongside."""
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return Cell(str(value), None, where), None
    rec = Record(value, where, what, {"column", "value", *extra}, problems)
    column, constant = rec.text("column", False), rec.text("value", False)
    if (column is None) == (constant is None):
        if rec.ok:
            problems.add(rec.loc, "missing", f"{what} needs exactly one of 'column' or 'value'")
        return None, rec
    return Cell(column, constant, rec.at("column" if column else "value")), rec


def _relation(top: Record, schema: Schema, problems: Problems) -> tuple[Cell | None, dict[str, str] | None]:
    value = top.map.get("relation")
    if value is None:
        problems.add(top.loc, "missing", "required key 'relation' is missing")
        return None, None
    if isinstance(value, list):
        problems.add(top.at("relation"), "type", "relation must be a relation key, or {column: ..., values: ...}")
        return None, None
    if not isinstance(value, YMap):  # a relation key, the same for every row
        constant = top.map.raw.get("relation", str(value)).strip()
        if constant not in schema.relations:
            problems.add(top.at("relation"), "unknown-relation",
                         f"unknown relation '{constant}' (allowed: {', '.join(sorted(schema.relations))}; "
                         f"or {{column: ..., values: ...}} for a column of them)")
            return None, None
        return Cell(None, constant, top.at("relation")), None
    cell, rec = _cell(value, top.at("relation"), "relation", problems, {"values"})
    if cell is None or rec is None:
        return None, None
    values: dict[str, str] | None = None
    if "values" in rec.map:
        given = rec.map["values"]
        vrec = Record(given, rec.at("values"), "relation values", set(given) if isinstance(given, YMap) else set(),
                      problems)
        values = {}
        for text in vrec.map:
            key = vrec.text(text)
            if key is not None and key not in schema.relations:
                problems.add(vrec.at(text), "unknown-relation", f"unknown relation '{key}'")
            elif key is not None:
                values[text] = key
    elif cell.constant is not None and cell.constant not in schema.relations:
        problems.add(cell.loc, "unknown-relation", f"unknown relation '{cell.constant}'")
    if cell.constant is None and values is None:
        values = {k: k for k in schema.relations}  # the cells hold relation keys
    return cell, values


def _node(top: Record, key: str, expected: frozenset[URIRef], schema: Schema, problems: Problems) -> NodeSpec | None:
    if key not in top.map:
        problems.add(top.loc, "missing", f"required key '{key}' is missing")
        return None
    cell, rec = _cell(top.map[key], top.at(key), key, problems, {"type"})
    if cell is None:
        return None
    new_type = rec.text("type", False) if rec else None
    if new_type is not None and rec is not None:
        if new_type not in schema.types:
            problems.add(rec.at("type"), "unknown-type", f"unknown entity type '{new_type}'")
            return None
        cls = schema.types[new_type].iri
        if schema.is_a(cls, PLACE):
            problems.add(rec.at("type"), "bad-value", "places are never minted: give no type for a place column")
        elif expected and not schema.is_a(cls, expected):
            problems.add(rec.at("type"), "domain-range", f"a {new_type} cannot be the {key} of this relation")
    as_place = bool(expected) and all(schema.is_a(c, PLACE) for c in expected)
    return NodeSpec(cell, as_place and new_type is None, new_type)


def _qualifiers(top: Record, schema: Schema, problems: Problems) -> dict[str, Cell | NodeSpec]:
    found: dict[str, Cell | NodeSpec] = {}
    if "qualifiers" not in top.map:
        return found
    qrec = Record(top.map["qualifiers"], top.at("qualifiers"), "qualifiers", QUALIFIER_KEYS, problems)
    for key in qrec.map:
        if key not in QUALIFIER_KEYS:
            continue
        cell, _ = _cell(qrec.map[key], qrec.at(key), f"qualifier '{key}'", problems)
        if cell is not None:
            classes = schema.qualifiers[key].classes  # an entity's qualifier (from, via …) names a node
            found[key] = NodeSpec(cell, classes == PLACE) if classes else cell
    return found


def _amount(top: Record, schema: Schema, problems: Problems) -> tuple[Cell | None, str | None, str | None]:
    if "amount" not in top.map:
        return None, None, None
    cell, rec = _cell(top.map["amount"], top.at("amount"), "amount", problems, {"unit", "base_unit"})
    if rec is None or cell is None:
        if cell is not None:
            problems.add(cell.loc, "missing", "amount needs a unit: {column: ..., unit: 万元}")
        return None, None, None
    unit, base = rec.text("unit"), rec.text("base_unit", False)
    if unit is not None and unit not in schema.units:
        problems.add(rec.at("unit"), "unknown-unit", f"unknown unit '{unit}'")
    elif unit is not None and schema.units[unit].is_scale and (base is None or base not in schema.units):
        problems.add(rec.at("unit"), "unknown-unit", f"'{unit}' is a scale word: base_unit must name the base unit")
    return cell, unit, base
