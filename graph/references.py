"""Identifiers checked against public sources (the reference tables): the only ones seeds may use.

Coordinates: one source per level. A county-level unit (a code of admin-divisions-county.csv)
takes its coordinates from county-coordinates.csv and from nowhere else (places.csv's coordinates
of a county are not used); provinces and prefectures take places.csv's. A unit the table for its
level leaves out has no coordinates.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .fields import parse_decimal
from .model import Seeds
from .problems import ConfigError, InputError, Loc, Problems
from .resources import display_name
from .safe_io import BadText, FileRefused, decode_utf8, read_capped, shown

COUNTY_TABLE = "admin-divisions-county.csv"
PLACES_TABLE = "places.csv"
COUNTY_COORDINATES_TABLE = "county-coordinates.csv"  # optional: without it no county-level unit has coordinates
ORGANIZATIONS_TABLE = "organizations.csv"


@dataclass
class Division:
    code: str
    zh: str
    parent: str | None
    en: str | None = None
    wikidata: str | None = None
    lat: Decimal | None = None
    lon: Decimal | None = None
    county_level: bool = False
    coordinates_from: str | None = None  # the reference table the coordinates are taken from


@dataclass
class Reference:
    divisions: dict[str, Division] = field(default_factory=dict)
    organizations: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # qid -> zh, en, evidence


def load_reference(ref_dir: Path, problems: Problems | None = None) -> Reference:
    """Read admin-divisions-county.csv, places.csv, county-coordinates.csv (if there) and
    organizations.csv. Every misfit (a missing column, a bad number, county coordinates of a unit
    the code table lacks) is a problem at its file:line, added to `problems`, or raised as an
    InputError when none is given. A table that is not there is a ConfigError naming --reference-dir."""
    found = Problems() if problems is None else problems
    ref = Reference()
    before = len(found)
    for _, row in _table(ref_dir / COUNTY_TABLE, ("code", "name_zh", "city_code", "province_code"), found):
        # Beijing's and Tianjin's districts sit directly under the municipality (no 110100 place)
        municipal = row["province_code"] in ("110000", "120000")
        parent = row["province_code"] if municipal else row["city_code"]
        ref.divisions[row["code"]] = Division(row["code"], row["name_zh"], parent, county_level=True)
    for loc, row in _table(ref_dir / PLACES_TABLE, ("code", "name_zh", "name_en", "level", "parent_code", "wikidata",
                                                    "lat", "lon"), found):
        div = ref.divisions.setdefault(row["code"], Division(row["code"], row["name_zh"], None))
        div.zh, div.en = row["name_zh"], row["name_en"] or None
        div.parent = row["parent_code"] or div.parent or None
        div.wikidata = row["wikidata"] or None
        div.county_level = div.county_level or row["level"] == "county"
        coordinates = _coordinates(row, loc, found)
        if coordinates and not div.county_level:
            div.lat, div.lon = coordinates
            div.coordinates_from = PLACES_TABLE
    for loc, row in _table(ref_dir / COUNTY_COORDINATES_TABLE, ("code", "name_zh", "lat", "lon"), found, optional=True):
        unit = ref.divisions.get(row["code"])
        if unit is None or not unit.county_level or unit.zh != row["name_zh"]:
            if len(found) == before:  # else the code table's own problem is the one to fix
                found.add(loc, "reference-table",
                          f"{row['code']} {row['name_zh']} is not a county-level unit of {COUNTY_TABLE}")
            continue
        coordinates = _coordinates(row, loc, found)
        if coordinates:
            unit.lat, unit.lon = coordinates
            unit.coordinates_from = COUNTY_COORDINATES_TABLE
    for _, row in _table(ref_dir / ORGANIZATIONS_TABLE, ("name_zh", "name_en", "wikidata", "evidence"), found):
        ref.organizations[row["wikidata"]] = (row["name_zh"], row["name_en"], row["evidence"])
    if problems is None and found:
        raise InputError(found)
    return ref


def _table(path: Path, columns: tuple[str, ...], problems: Problems,
           optional: bool = False) -> Iterator[tuple[Loc, dict[str, str]]]:
    """(line, row) of each record of a reference table that has the columns; misfits are problems."""
    name = display_name(path)
    if not (path.exists() or path.is_symlink()):
        if optional:
            return
        raise ConfigError(f"--reference-dir: {shown(path.parent)} has no {path.name}")
    try:
        text = decode_utf8(read_capped(path))
    except BadText as exc:
        problems.add(Loc(name, exc.line, exc.column), "reference-table", str(exc))
        return
    except FileRefused as exc:
        problems.add(Loc(name), "reference-table", f"cannot read the table: {exc}")
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            problems.add(Loc(name, 1), "reference-table", "the table is empty: it needs a header row")
            return
        missing = [column for column in columns if column not in header]
        if missing:
            problems.add(Loc(name, 1), "reference-table", f"missing column {', '.join(missing)}")
            return
        start = reader.line_num + 1
        for cells in reader:
            loc, start = Loc(name, start), reader.line_num + 1
            if not cells:
                continue
            if len(cells) != len(header):
                problems.add(loc, "reference-table", f"the row has {len(cells)} cells; the header has {len(header)}")
                continue
            yield loc, dict(zip(header, cells))
    except csv.Error as exc:
        problems.add(Loc(name, reader.line_num), "reference-table", f"cannot read the table here: {exc}")


def _coordinates(row: dict[str, str], loc: Loc, problems: Problems) -> tuple[Decimal, Decimal] | None:
    """The row's lat and lon, both numbers within range, or None (none given, or a problem)."""
    if not row["lat"] and not row["lon"]:
        return None
    try:
        lat, lon = parse_decimal(row["lat"]), parse_decimal(row["lon"])
    except ValueError as exc:
        problems.add(loc, "reference-table", f"coordinates: {exc}")
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        problems.add(loc, "reference-table", f"coordinates ({lat}, {lon}) are outside -90..90, -180..180")
        return None
    return lat, lon


def invented_coordinates(lat: Decimal | None, lon: Decimal | None, division: Division | None) -> bool:
    """Coordinates that no reference table gives for this division (none given: not invented)."""
    if lat is None and lon is None:
        return False
    return division is None or division.lat is None or (lat, lon) != (division.lat, division.lon)


def check_identifiers(seeds: Seeds, ref: Reference, problems: Problems) -> None:
    """Division codes, Wikidata ids and coordinates must come from the reference, and match the name."""
    for entity in seeds.entities.values():
        names = {entity.zh, *entity.aliases}
        at = entity.locs.get
        division = ref.divisions.get(entity.division_code or "")
        if entity.division_code and division is None:
            problems.add(at("division_code", entity.loc), "not-in-reference",
                         f"division code {entity.division_code} is not in the reference tables")
        elif division is not None and division.zh not in names:
            problems.add(at("division_code", entity.loc), "reference-mismatch",
                         f"division code {entity.division_code} is {division.zh} in the reference tables, "
                         f"not {entity.zh} (nor an alias)")
        if entity.wikidata:
            _check_wikidata(entity.wikidata, names, division, ref, at("wikidata", entity.loc), problems)
        if entity.lat is not None or entity.lon is not None:
            where = at("lat", entity.loc)
            if division is None or division.lat is None:
                table = f" (county-level units: {COUNTY_COORDINATES_TABLE})" if division and division.county_level else ""
                problems.add(where, "not-in-reference",
                             f"coordinates must come from the reference tables, which give none for this entity{table}")
            elif invented_coordinates(entity.lat, entity.lon, division):
                problems.add(where, "reference-mismatch",
                             f"coordinates differ from {division.coordinates_from} ({division.lat}, {division.lon})")


def _check_wikidata(qid: str, names: set[str], division: Division | None, ref: Reference, where: Loc,
                    problems: Problems) -> None:
    if division is not None and division.wikidata == qid:
        return
    org = ref.organizations.get(qid)
    if org is None:
        known = next((d for d in ref.divisions.values() if d.wikidata == qid), None)
        detail = f"; it belongs to division {known.code} {known.zh}" if known else ""
        problems.add(where, "not-in-reference", f"Wikidata id {qid} is not in the reference tables{detail}")
    elif org[0] not in names:
        problems.add(where, "reference-mismatch",
                     f"Wikidata id {qid} is {org[0]} in the reference tables, not one of this entity's names")
    elif "weak" in org[2]:
        problems.add(where, "weak-identifier",
                     f"Wikidata id {qid} has weak evidence in the reference tables ({org[2]}): leave it out")
