"""The network view's data: the NetworkX graph, its sources and the style turned into vis-network
nodes and edges (what is drawn) and a record per node and edge (what the side panel shows).

Nothing here is HTML: every string from the seeds travels as JSON and the page sets it with
textContent, so a label or quote holding markup is shown as the characters it is.
"""
from __future__ import annotations

from collections import Counter
from decimal import Decimal, InvalidOperation
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx
import yaml
from rdflib.namespace import RDFS

from ..model import Source
from ..network import local_id
from ..schema import Schema
from . import layout
from .basemap import base_map
from .credits import REFERENCE_TABLES, drawn

STYLE_FILE = Path(__file__).with_name("style.yaml")
BASEMAP_REGIONS = {"beijing": "Beijing", "tianjin": "Tianjin", "hebei": "Hebei"}  # each province's tint
LANGS = ("zh", "en")
ADMIN_RELATIONS = ("located_in", "part_of")  # the administrative hierarchy: hidden until the reader asks
# Edge attributes shown in the panel as "qualifiers", in this order, with their labels.
QUALIFIER_LABELS = {
    "date_text": ("时间（原文）", "date as printed"), "from": ("迁出地", "from"),
    "ships_from": ("发货地", "ships from"), "role": ("角色", "role"), "modality": ("情态", "modality"),
    "industry": ("产业", "industry"), "technology": ("技术", "technology"), "product": ("产品", "product"),
    "via": ("途径", "via"), "amount": ("数额", "amount"), "amount_as_printed": ("数额（原文）", "amount as printed"),
    "unit_as_printed": ("单位（原文）", "unit as printed"), "note": ("编者注", "curator's note"),
    "note_zh": ("编者注", "curator's note")}  # the page shows the note in its language


@dataclass(frozen=True)
class Style:
    shapes: dict[str, dict[str, str]]
    regions: dict[str, dict[str, str]]
    types: dict[str, dict[str, str]]
    relations: dict[str, dict[str, str]]

    def region_class(self, region: str) -> str:
        """'Beijing', 'Tianjin', 'Hebei', 'several' (e.g. Beijing/Hebei) or 'other'."""
        if "/" in region:
            return "several"
        return region if region in self.regions else "other"


@lru_cache(maxsize=1)
def load_style(path: Path = STYLE_FILE) -> Style:
    with open(path, encoding="utf-8") as fh:
        raw = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return Style(raw["shapes"], raw["regions"], raw["types"], raw["relations"])


@dataclass(frozen=True)
class Heading:
    zh: str
    en: str


def page_data(network: nx.MultiDiGraph, sources: Mapping[str, Source], schema: Schema, heading: Heading,
              lang: str = "zh", place_names: Mapping[str, tuple[str, str]] | None = None,
              focus: str | None = None, fit: str = "map") -> dict[str, Any]:
    """Everything the page needs, deterministic for the same input. Of the registry's links, only
    the divisions' are drawn, credited to their reference table (see credits.py). place_names:
    division code → (zh, en) for the base map (default: the network's own divisions). focus: the
    entity a --focus page is about (marked and always labelled); fit: "map" opens on the whole
    region, "content" on what the page shows (a --focus or --query page)."""
    if place_names is None:
        place_names = division_names(network)
    full, network = network, drawn(network)
    style = load_style()
    other = "en" if lang == "zh" else "zh"
    geo = layout.geographic(full)  # the registry's links too: a zone sits in the counties it lies in
    force = layout.force(network, geo)
    order = sorted(network)
    degree = dict(network.degree())
    nodes, vis_nodes = [], []
    for node in order:
        data = network.nodes[node]
        kind, region = data.get("type", "place"), style.region_class(data.get("region", "other"))
        record = {"id": node, "zh": data.get("zh", ""), "en": data.get("en", ""),
                  "aliases": [a for a in data.get("aliases", "").split("; ") if a], "type": kind,
                  "region": region, "iri": data.get("iri", ""), "geo": layout.rounded(geo[node]),
                  "force": layout.rounded(force[node]), "degree": degree[node]}
        for key in ("division_code", "wikidata", "lat", "lon"):
            if key in data:
                record[key] = data[key]
        nodes.append(record)
        type_style, region_colour = style.types.get(kind, {}), style.regions[region]["colour"]
        vis_nodes.append({  # no vis label: view.js draws the labels, none over another
            "id": node, "title": _hover(record[other], _type_label(schema, style, kind, other)),
            "shape": type_style.get("shape", "dot"), "value": degree[node],
            "color": {"background": type_style.get("colour", "#cccccc"), "border": region_colour,
                      "highlight": {"background": type_style.get("colour", "#cccccc"), "border": "#000000"}},
            "borderWidth": 3, "x": record["geo"][0], "y": record["geo"][1]})
    source_years = {key: (s.published or "")[:4] for key, s in sources.items()}
    modality_labels = _modality_labels(schema, lang)
    edges, vis_edges = [], []
    for i, (u, v, key, data) in enumerate(sorted(network.edges(keys=True, data=True), key=lambda e: e[:3])):
        relation = data["relation"]
        date = data.get("date", "")
        year = date[:4] if date else source_years.get(data.get("source", ""), "")
        record = {"id": f"e{i}", "from": u, "to": v, "relation": relation, "source": data.get("source", ""),
                  "quote": data.get("quote", ""), "date": date, "year": int(year) if year.isdigit() else None,
                  "yearFrom": "fact" if date else ("article" if year else ""), "statement": data.get("statement", ""),
                  "qualifiers": [[k, _shown_value(k, data[k], modality_labels)] for k in QUALIFIER_LABELS if k in data]}
        edges.append(record)
        colour = style.relations.get(relation, {}).get("colour", "#999999")  # selected or not: lit edges keep it
        vis_edges.append({"id": record["id"], "from": u, "to": v, "arrows": "to",
                          "title": _hover(data.get(f"relation_{other}", ""), data.get("date_text") or date),
                          "color": {"color": colour, "highlight": colour, "hover": colour, "inherit": False}})
    return {
        "lang": lang, "heading": {"zh": heading.zh, "en": heading.en}, "adminRelations": list(ADMIN_RELATIONS),
        "focus": focus if focus in network else None, "fit": fit,
        "visNodes": vis_nodes, "visEdges": vis_edges, "nodes": nodes, "edges": edges,
        "legend": _legend(network, sources, schema, style, nodes, edges),
        "qualifierLabels": {k: list(v) for k, v in QUALIFIER_LABELS.items()},
        "basemap": {**base_map(place_names), "fill": {key: style.regions[region]["colour"]
                                                     for key, region in BASEMAP_REGIONS.items()}},
    }


def division_names(network: nx.MultiDiGraph) -> dict[str, tuple[str, str]]:
    """Division code → (zh, en) of every division in the network."""
    return {data["division_code"]: (data.get("zh", ""), data.get("en", ""))
            for _, data in network.nodes(data=True) if data.get("division_code")}


def _shown_value(key: str, value: Any, modality_labels: Mapping[str, str]) -> str:
    """A qualifier as the panel shows it: a modality by its label, an amount without a trailing
    .0 (300, not 300.0), anything else as it is."""
    if key == "modality":
        return modality_labels.get(str(value), str(value))
    if key == "amount":
        try:
            return format(Decimal(str(value)).normalize(), "f")
        except InvalidOperation:
            return str(value)
    return str(value)


def _hover(*parts: str) -> str:
    return " · ".join(p for p in parts if p)


def _type_label(schema: Schema, style: Style, kind: str, lang: str) -> str:
    if kind in schema.types:
        return getattr(schema.types[kind], lang)
    return style.types.get(kind, {}).get(lang, kind)


def _modality_labels(schema: Schema, lang: str) -> dict[str, str]:
    """Each modality as the network holds it (local_id of its IRI) → its label in lang (计划)."""
    return {local_id(iri): str(label) for iri in schema.modalities.values()
            for label in schema.graph.objects(iri, RDFS.label) if getattr(label, "language", None) == lang}


def _legend(network: nx.MultiDiGraph, sources: Mapping[str, Source], schema: Schema, style: Style,
            nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> dict[str, Any]:
    """What the legend and the filters list: only what occurs, in the style file's order, with counts."""
    type_counts = Counter(n["type"] for n in nodes)
    region_counts = Counter(n["region"] for n in nodes)
    relation_counts = Counter(e["relation"] for e in edges)
    source_counts = Counter(e["source"] for e in edges)
    relation_labels = {r.key: (r.zh, r.en) for r in schema.relations.values()}
    types = [{"key": k, "zh": _type_label(schema, style, k, "zh"), "en": _type_label(schema, style, k, "en"),
              "colour": s["colour"], "shape": s["shape"], "count": type_counts[k]}
             for k, s in style.types.items() if type_counts[k]]
    regions = [{"key": k, "zh": s["zh"], "en": s["en"], "colour": s["colour"], "count": region_counts[k]}
               for k, s in style.regions.items() if region_counts[k]]
    relations = [{"key": k, "zh": relation_labels.get(k, (k, k))[0], "en": relation_labels.get(k, (k, k))[1],
                  "colour": s["colour"], "count": relation_counts[k]}
                 for k, s in style.relations.items() if relation_counts[k]]
    source_list = []
    for key in sorted(source_counts):
        if key in REFERENCE_TABLES:
            source_list.append({"key": key, **REFERENCE_TABLES[key], "file": key, "count": source_counts[key]})
            continue
        if key not in sources:
            source_list.append({"key": key, "zh": key, "en": key, "count": source_counts[key]})
            continue
        s = sources[key]
        source_list.append({"key": key, "zh": s.title, "en": s.title_en or s.title, "publisher": s.publisher or "",
                            "publisherEn": s.publisher_en or s.publisher or "", "published": s.published or "",
                            "file": s.file, "count": source_counts[key]})
    years = sorted({e["year"] for e in edges if e["year"] is not None})
    return {"types": types, "regions": regions, "relations": relations, "sources": source_list,
            "shapes": style.shapes, "years": [years[0], years[-1]] if years else None}
