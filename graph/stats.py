"""The curator's coverage report: what the seeds hold, by type, relation, source and indicator,
and how completely places carry their reference identifiers."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .build import Settings, checked_seeds
from .checks import PLACE
from .model import Entity, Seeds
from .references import COUNTY_COORDINATES_TABLE, Reference, invented_coordinates, load_reference
from .schema import Schema
from .textable import render_table


@dataclass
class Coverage:
    totals: dict[str, int]
    entities_by_type: dict[str, int]
    facts_by_relation: dict[str, int]
    facts_by_source: dict[str, int]
    indicator_values_by_indicator: dict[str, int]
    indicator_values_by_source: dict[str, int]
    places: dict[str, int]
    places_without_code: list[str] = field(default_factory=list)
    places_without_coordinates: list[str] = field(default_factory=list)
    reference_divisions_missing: list[str] = field(default_factory=list)
    invented_coordinates: list[str] = field(default_factory=list)  # places whose coordinates no reference table gives


def _sorted_counts(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def coverage(seeds: Seeds, schema: Schema, reference_dir: Path | None = None) -> Coverage:
    """Count what the seeds hold; with a reference directory, also list the divisions they lack."""
    places = [e for e in seeds.entities.values() if schema.is_a(schema.types[e.type].iri, PLACE)]
    in_facts = {f.subject for f in seeds.facts} | {f.object for f in seeds.facts}
    in_facts |= {o.about for o in seeds.observations if o.about}
    in_facts |= {a for o in seeds.observations for a in o.areas + o.counterparts}
    quoted = sum(1 for f in seeds.facts if f.quote) + sum(1 for o in seeds.observations if o.quote)
    report = Coverage(
        totals={"sources": len(seeds.sources), "entities": len(seeds.entities),
                "industries": len(seeds.industries), "indicators": len(seeds.indicators),
                "facts": len(seeds.facts), "indicator values": len(seeds.observations),
                "facts and values with a quote": quoted,
                "entities named in a fact or value": sum(1 for e in seeds.entities if e in in_facts)},
        entities_by_type=_sorted_counts(Counter(e.type for e in seeds.entities.values())),
        facts_by_relation=_sorted_counts(Counter(f.relation for f in seeds.facts)),
        facts_by_source=_sorted_counts(Counter(f.source for f in seeds.facts)),
        indicator_values_by_indicator=_sorted_counts(Counter(o.indicator for o in seeds.observations)),
        indicator_values_by_source=_sorted_counts(Counter(o.source for o in seeds.observations)),
        places={"places": len(places),
                "with division code": sum(1 for p in places if p.division_code),
                "without division code": sum(1 for p in places if not p.division_code),
                "with coordinates": sum(1 for p in places if p.lat is not None),
                "without coordinates": sum(1 for p in places if p.lat is None),
                "with Wikidata id": sum(1 for p in places if p.wikidata)},
        places_without_code=sorted(p.id for p in places if not p.division_code),
        places_without_coordinates=sorted(p.id for p in places if p.lat is None),
    )
    if reference_dir is not None:
        shipped = {p.division_code for p in places}
        reference = load_reference(reference_dir)
        report.places.update(_coordinate_sources(places, reference))
        report.invented_coordinates = sorted(
            p.id for p in places if invented_coordinates(p.lat, p.lon, reference.divisions.get(p.division_code or "")))
        report.places[INVENTED] = len(report.invented_coordinates)
        report.reference_divisions_missing = sorted(
            f"{code} {div.zh}" for code, div in reference.divisions.items() if code not in shipped)
        report.places["reference divisions not in the seeds"] = len(report.reference_divisions_missing)
    return report


COUNTY_LEVEL = "county-level units"
COUNTY_LEVEL_LOCATED = f"county-level units with coordinates from {COUNTY_COORDINATES_TABLE}"
INVENTED = "invented coordinates (given by no reference table)"


def _coordinate_sources(places: list[Entity], reference: Reference) -> dict[str, int]:
    """How many county-level units the seeds hold, and how many carry the county table's coordinates."""
    divisions = ((p, reference.divisions.get(p.division_code or "")) for p in places)
    county_level = [(p, div) for p, div in divisions if div is not None and div.county_level]
    located = sum(1 for p, div in county_level if p.lat is not None and div.coordinates_from == COUNTY_COORDINATES_TABLE
                  and not invented_coordinates(p.lat, p.lon, div))
    return {COUNTY_LEVEL: len(county_level), COUNTY_LEVEL_LOCATED: located}


def collect(settings: Settings) -> tuple[Coverage, list[str]]:
    """Read and check the seeds, then count them; raises InputError when the seeds have problems."""
    seeds, schema, notes = checked_seeds(settings)
    return coverage(seeds, schema, settings.reference_dir), notes


def render_text(report: Coverage, list_limit: int = 12) -> str:
    """The report as aligned tables, one section each."""
    def section(title: str, counts: dict[str, int], key: str) -> str:
        return f"{title}\n" + render_table([key, "count"], list(counts.items()), numeric=[False, True])

    def listing(title: str, items: list[str]) -> str:
        shown = ", ".join(items[:list_limit]) + (f", … ({len(items) - list_limit} more)" if len(items) > list_limit else "")
        return f"{title} ({len(items)}): {shown or 'none'}"

    parts = [section("Totals", report.totals, "what"),
             section("Entities by type", report.entities_by_type, "type"),
             section("Facts by relation", report.facts_by_relation, "relation"),
             section("Facts by source", report.facts_by_source, "source"),
             section("Indicator values by indicator", report.indicator_values_by_indicator, "indicator"),
             section("Indicator values by source", report.indicator_values_by_source, "source"),
             section("Places", report.places, "places"),
             listing("Places without a division code", report.places_without_code),
             listing("Places without coordinates", report.places_without_coordinates)]
    if report.invented_coordinates:
        parts.append(listing("Places with invented coordinates", report.invented_coordinates))
    if report.reference_divisions_missing:
        parts.append(listing("Reference divisions missing from the seeds", report.reference_divisions_missing))
    return "\n\n".join(parts)
