"""Identifiers checked against public sources (the reference tables): the only ones seeds may use.

Coordinates: one source per level. A county-level unit (a code of admin-divisions-county.csv)
takes its coordinates from county-coordinates.csv and from nowhere else (places.csv's coordinates
of a county are not used); provinces and prefectures take places.csv's. A unit the table for its
level leaves out has no coordinates.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .model import Seeds
from .problems import Loc, Problems

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


def load_reference(ref_dir: Path) -> Reference:
    """Read admin-divisions-county.csv, places.csv, county-coordinates.csv (if there) and
    organizations.csv. ValueError when the county coordinates name a unit the code table lacks."""
    ref = Reference()
    with open(ref_dir / COUNTY_TABLE, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            # Beijing's and Tianjin's districts sit directly under the municipality (no 110100 place)
            municipal = row["province_code"] in ("110000", "120000")
            parent = row["province_code"] if municipal else row["city_code"]
            ref.divisions[row["code"]] = Division(row["code"], row["name_zh"], parent, county_level=True)
    with open(ref_dir / PLACES_TABLE, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            div = ref.divisions.setdefault(row["code"], Division(row["code"], row["name_zh"], None))
            div.zh, div.en = row["name_zh"], row["name_en"] or None
            div.parent = row["parent_code"] or div.parent or None
            div.wikidata = row["wikidata"] or None
            div.county_level = div.county_level or row["level"] == "county"
            if row["lat"] and row["lon"] and not div.county_level:
                div.lat, div.lon = Decimal(row["lat"]), Decimal(row["lon"])
                div.coordinates_from = PLACES_TABLE
    _load_county_coordinates(ref_dir / COUNTY_COORDINATES_TABLE, ref)
    with open(ref_dir / ORGANIZATIONS_TABLE, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            ref.organizations[row["wikidata"]] = (row["name_zh"], row["name_en"], row["evidence"])
    return ref


def _load_county_coordinates(path: Path, ref: Reference) -> None:
    if not path.is_file():
        return
    with open(path, encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            div = ref.divisions.get(row["code"])
            if div is None or not div.county_level or div.zh != row["name_zh"]:
                raise ValueError(f"{path.name}:{line}: {row['code']} {row['name_zh']} is not a county-level "
                                 f"unit of {COUNTY_TABLE}")
            div.lat, div.lon = Decimal(row["lat"]), Decimal(row["lon"])
            div.coordinates_from = COUNTY_COORDINATES_TABLE


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
