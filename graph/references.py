"""Identifiers checked against public sources (the reference tables): the only ones seeds may use."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .model import Seeds
from .problems import Loc, Problems


@dataclass
class Division:
    code: str
    zh: str
    parent: str | None
    en: str | None = None
    wikidata: str | None = None
    lat: Decimal | None = None
    lon: Decimal | None = None


@dataclass
class Reference:
    divisions: dict[str, Division] = field(default_factory=dict)
    organizations: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # qid -> zh, en, evidence


def load_reference(ref_dir: Path) -> Reference:
    """Read admin-divisions-county.csv, places.csv and organizations.csv."""
    ref = Reference()
    with open(ref_dir / "admin-divisions-county.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            # Beijing's and Tianjin's districts sit directly under the municipality (no 110100 place)
            municipal = row["province_code"] in ("110000", "120000")
            parent = row["province_code"] if municipal else row["city_code"]
            ref.divisions[row["code"]] = Division(row["code"], row["name_zh"], parent)
    with open(ref_dir / "places.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            div = ref.divisions.setdefault(row["code"], Division(row["code"], row["name_zh"], None))
            div.zh, div.en = row["name_zh"], row["name_en"] or None
            div.parent = row["parent_code"] or div.parent or None
            div.wikidata = row["wikidata"] or None
            if row["lat"] and row["lon"]:
                div.lat, div.lon = Decimal(row["lat"]), Decimal(row["lon"])
    with open(ref_dir / "organizations.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            ref.organizations[row["wikidata"]] = (row["name_zh"], row["name_en"], row["evidence"])
    return ref


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
        if entity.lat is not None:
            where = at("lat", entity.loc)
            if division is None or division.lat is None:
                problems.add(where, "not-in-reference",
                             "coordinates must come from the reference tables, which has none for this entity")
            elif (entity.lat, entity.lon) != (division.lat, division.lon):
                problems.add(where, "reference-mismatch",
                             f"coordinates differ from the reference tables ({division.lat}, {division.lon})")


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
