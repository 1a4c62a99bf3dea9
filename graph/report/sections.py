"""The report's data, section by section, as plain JSON-ready dicts: every number carries the ids of
the quotes that state it, and every quote is listed once, with its source, in `Quotes`.

Indicator values and sources come from the checked model (Built.seeds) or, for an import, from its
store (graph/analysis/store_network.py); the flow matrix, hubs and timeline from graph.analysis,
which the report only lays out."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from rdflib import URIRef
from rdflib.namespace import RDFS

from ..model import IndicatorDef, Observation, Source
from ..schema import Schema


@dataclass
class Quotes:
    """Every quote the report cites, numbered in the order first cited; the same statement or
    observation cited twice keeps one number."""
    known: Mapping[str, Source]
    items: list[dict[str, str]] = field(default_factory=list)
    _ids: dict[str, str] = field(default_factory=dict)

    def cite(self, key: str, quote: str, source_id: str, statement: str = "") -> str:
        """The id ("q3") of this quote, listing it the first time."""
        found = self._ids.get(key)
        if found is not None:
            return found
        source = self.known.get(source_id)
        ident = self._ids[key] = f"q{len(self.items) + 1}"
        self.items.append({"id": ident, "quote": quote, "source": source_id, "statement": statement,
                           "title": source.title if source else source_id,
                           "titleEn": (source.title_en or source.title) if source else source_id,
                           "publisher": (source.publisher or "") if source else "",
                           "publisherEn": (source.publisher_en or source.publisher or "") if source else "",
                           "published": (source.published or "") if source else ""})
        return ident


def _number(value: Decimal) -> float | int:
    """A Decimal as JSON: an int when whole, else a float (charts need numbers)."""
    normal = value.normalize()
    return int(normal) if normal == normal.to_integral_value() else float(normal)


def _unit_label(schema: Schema, unit: URIRef) -> list[str]:
    """The unit's zh and en labels from the ontology (元, yuan (CNY)); its IRI's name if it has none."""
    labels = {getattr(label, "language", None): str(label) for label in schema.graph.objects(unit, RDFS.label)}
    name = str(unit).rsplit("/", 1)[-1]
    return [labels.get("zh", name), labels.get("en", name)]


def indicators(definitions: Mapping[str, IndicatorDef], observations: list[Observation],
               names: Mapping[str, tuple[str, str]], schema: Schema, quotes: Quotes) -> list[dict[str, Any]]:
    """Each indicator with its values (period, areas, the number as printed and normalised, bound),
    in the order of `definitions` (indicators.yaml's); values by period, then areas. names: entity id
    → (zh, en)."""
    by_indicator: dict[str, list[Observation]] = defaultdict(list)
    for observation in observations:
        by_indicator[observation.indicator].append(observation)
    out = []
    for key, definition in definitions.items():
        found = sorted(by_indicator.get(key, []), key=lambda o: (o.period or "", o.areas, o.id))
        if not found:
            continue
        values = []
        for o in found:
            values.append({
                "period": o.period or "", "periodText": o.period_text or "",
                "areas": [{"zh": names.get(a, (a, a))[0], "en": names.get(a, (a, a))[1] or a} for a in o.areas],
                "counterparts": [{"zh": names.get(a, (a, a))[0], "en": names.get(a, (a, a))[1] or a} for a in o.counterparts],
                "printed": o.quantity.printed, "unitPrinted": o.quantity.unit_printed, "bound": o.quantity.bound or "",
                "value": _number(o.quantity.value), "unitLabel": _unit_label(schema, o.quantity.unit),
                "quote": quotes.cite(o.id, o.quote, o.source)})
        out.append({"id": key, "zh": definition.zh, "en": definition.en, "values": values})
    return out


def sources(known: Mapping[str, Source], cited: Quotes) -> list[dict[str, Any]]:
    """Every source, with how many of the report's quotes come from it."""
    counts: dict[str, int] = defaultdict(int)
    for item in cited.items:
        counts[item["source"]] += 1
    return [{"id": s.id, "title": s.title, "titleEn": s.title_en or s.title, "publisher": s.publisher or "",
             "publisherEn": s.publisher_en or s.publisher or "", "published": s.published or "", "file": s.file,
             "cited": counts[s.id]} for s in sorted(known.values(), key=lambda s: (s.published or "", s.id))]
