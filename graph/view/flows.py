"""The aggregated flows view: the network.html `jjjkg import-csv` writes for a table too large to
draw as a network (importer.FLOWS_VIEW). One arrow per origin, destination and relation group
(flow_groups.yaml), at the prefecture and at the province level, on the network view's base map;
its width by its statement count. An arrow carries its first SAMPLE statements by statement IRI
(quote, source, ends) and the SPARQL query that lists all of them from the store, in that order.

Made from the store (flows_store.py: the derived graph's counts and places, SPARQL) and one pass
over every statement's relation and ends, which the import hands over as it streams the rows (read
from the store instead, that pass takes 34 s at 1M rows; given, the whole page takes 1.2 s).
Nothing is loaded into rdflib or NetworkX. Every string from the data travels as JSON and the page
sets it with textContent or fillText.
"""
from __future__ import annotations

import math
import re
import shlex
from collections import Counter
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from ..namespaces import DCTERMS, ENT, JJJ, PROV, RDF
from ..schema import Schema
from ..store_layout import DERIVED_GRAPH
from . import layout
from .basemap import PROVINCE_CODES, base_map
from .data import BASEMAP_REGIONS, Heading, load_style
from ..analysis.flows import RelationGroup, load_flow_groups
from .flows_store import FlowCount, FlowStore, Membership, Place, StatementRow

LEVELS = ("province", "prefecture")
# Statements an arrow lists: the first SAMPLE by statement IRI, more than a reader scans; the rest is
# one query away. At 1M synthetic rows the page then lists 2,283 statements on 100 arrows and weighs
# 1.5 MB, 0.73 MB of it vis-network and the scripts; first drawn in 0.24 s (benchmarks/README.md).
SAMPLE = 50
SCALE = 0.2  # canvas px per layout px: the region fills about 900 px at scale 1, where widths are screen px
HEADING = Heading("京津冀产业联系：按地区与关系汇总的流向", "Beijing–Tianjin–Hebei industrial linkages: flows by place and relation")
ArrowKey = tuple[str, str, str, str]  # level, origin, destination, group
# vis-network's options for this page (render_page's OPTIONS are the network view's): positions are
# given, names and counts are drawn by flows.js at a fixed size on screen, so vis draws no text.
VIS_OPTIONS: dict[str, Any] = {
    "physics": {"enabled": False}, "layout": {"improvedLayout": False, "randomSeed": 1},
    "interaction": {"hover": True, "tooltipDelay": 150, "selectConnectedEdges": False, "zoomSpeed": 0.6,
                    "keyboard": {"enabled": True, "bindToWindow": False}},
    "nodes": {"shape": "dot", "size": 5, "borderWidth": 2, "color": {"border": "#ffffff"}},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}, "selectionWidth": 2, "hoverWidth": 1.5,
              "arrowStrikethrough": False},
}




def arrows_of(level: str, start: Membership, end: Membership) -> list[tuple[str, str]]:
    """The (origin, destination) pairs a statement counts for at a level (graph/derived.py's rule)."""
    if level == "province":
        origins, destinations = start[0], end[0]
    else:
        origins, destinations = start[1] or start[0], end[1] or end[0]
    return [(o, d) for o in origins for d in destinations if o != d]


def samples(rows: Iterable[StatementRow], membership: dict[str, Membership], group_of: dict[str, str],
            size: int = SAMPLE) -> tuple[dict[ArrowKey, list[str]], Counter[ArrowKey]]:
    """One pass: the first `size` statement ids of each arrow (ids sort as their IRIs do: one
    prefix), and how many statements each arrow has."""
    kept: dict[ArrowKey, list[str]] = {}
    # By group and the ends' places (membership values are shared tuples, so id() stands for the value):
    # the arrows a statement goes to and their samples, and how many statements went there.
    targets_of: dict[tuple[str, int, int], list[tuple[ArrowKey, list[str]]]] = {}
    uses: dict[tuple[str, int, int], int] = {}
    for statement, relation, start, end in rows:
        group, placed_start, placed_end = group_of.get(relation), membership.get(start), membership.get(end)
        if group is None or placed_start is None or placed_end is None:
            continue
        key = (group, id(placed_start), id(placed_end))
        targets = targets_of.get(key)
        if targets is None:
            targets = targets_of[key] = [(arrow, kept.setdefault(arrow, [])) for arrow in
                                         ((level, o, d, group) for level in LEVELS
                                          for o, d in arrows_of(level, placed_start, placed_end))]
        uses[key] = uses.get(key, 0) + 1
        for _, bucket in targets:
            bucket.append(statement)
            if len(bucket) > 8 * size:  # keep the smallest; sorting now and then is cheaper than a heap
                bucket.sort()
                del bucket[size:]
    counts: Counter[ArrowKey] = Counter()
    for key, targets in targets_of.items():
        for arrow, _ in targets:
            counts[arrow] += uses[key]
    return {arrow: sorted(ids)[:size] for arrow, ids in kept.items() if ids}, counts


QUERY_PREFIXES = {"rdf": str(RDF), "jjj": str(JJJ), "prov": str(PROV), "dcterms": str(DCTERMS)}


def _term(iri: str) -> str:
    """An IRI as the arrow's query writes it: jjj:quote where the prefixes allow, else <…> (Oxigraph's form)."""
    for prefix, namespace in QUERY_PREFIXES.items():
        if iri.startswith(namespace) and re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", iri[len(namespace):]):
            return f"{prefix}:{iri[len(namespace):]}"
    return str(ox.NamedNode(iri))


def arrow_query(level: str, origin: str, destination: str, relations: list[str], provinces: set[str]) -> str:
    """The SPARQL that lists every statement of an arrow, ordered by statement IRI as the sample is.
    provinces: the places that are provinces; at the prefecture level a province stands for the ends
    that lie in it but in no prefecture (Beijing, Tianjin; Hebei as a whole). Only IRIs go into the
    text: no label, no quote."""
    def lies(var: str, place: str) -> str:
        iri = _term(str(ENT) + place)
        if level == "province":
            return f"?{var} jjj:inProvince {iri} ."
        if place in provinces:
            return f"?{var} jjj:inProvince {iri} . FILTER NOT EXISTS {{ ?{var} jjj:inPrefecture ?{var}Prefecture }}"
        return f"?{var} jjj:inPrefecture {iri} ."

    prefixes = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in QUERY_PREFIXES.items())
    return prefixes + f"""SELECT ?statement ?subject ?relation ?object ?from ?date ?quote ?source ?sourceTitle ?publisher ?published WHERE {{
  VALUES ?relation {{ {" ".join(_term(iri) for iri in relations)} }}
  ?statement rdf:predicate ?relation ; rdf:subject ?subject ; rdf:object ?object ;
             jjj:quote ?quote ; prov:wasDerivedFrom ?source .
  OPTIONAL {{ ?statement jjj:fromPlace ?from }}
  BIND(COALESCE(?from, ?subject) AS ?start)
  GRAPH <{DERIVED_GRAPH.value}> {{
    {lies("start", origin)}
    {lies("object", destination)}
  }}
  OPTIONAL {{ ?statement jjj:date ?date }}
  OPTIONAL {{ ?source dcterms:title ?sourceTitle FILTER(lang(?sourceTitle) = lang(?quote)) }}
  OPTIONAL {{ ?source dcterms:publisher ?publisher FILTER(lang(?publisher) = lang(?quote)) }}
  OPTIONAL {{ ?source dcterms:issued ?published }}
}}
ORDER BY ?statement
"""


def _scaled(value: Any) -> Any:
    """The base map's coordinates (nested lists of numbers) times SCALE."""
    if isinstance(value, dict):
        return {k: _scaled(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scaled(v) for v in value]
    return round(value * SCALE, 1) if isinstance(value, float | int) and not isinstance(value, bool) else value


def _positions(places: dict[str, Place], shown: list[str], provinces: set[str], aside: set[str],
               basemap: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """A province at its coordinates (its capital), a prefecture where the base map writes its name
    (its middle), else at its coordinates; places in `aside` (Hebei as a whole, among its
    prefectures) and places without coordinates in a column off the coast, east of the map's
    middle; never two on one spot."""
    centre = {PROVINCE_CODES[p["id"]]: p["label"] for p in basemap["provinces"]}
    centre.update({u["code"]: u["label"] for u in basemap["units"] if u["level"] == "prefecture"})
    out: dict[str, tuple[float, float]] = {}
    taken: set[tuple[int, int]] = set()
    xs = [x for p in basemap["provinces"] for line in p["lines"] for x in line[::2]]
    ys = [y for p in basemap["provinces"] for line in p["lines"] for y in line[1::2]]
    east, middle = max(xs) + 60.0, (min(ys) + max(ys)) / 2  # off the coast (Bohai), beside the middle
    lost = 0
    for ident in shown:
        place = places.get(ident, Place(ident))
        located = place.lat is not None and place.lon is not None
        if ident not in aside and located and (ident in provinces or place.code not in centre):
            x, y = layout.project(place.lat, place.lon)  # type: ignore[arg-type]
        elif ident not in aside and place.code in centre:
            x, y = centre[place.code]
        else:
            x, y, lost = east, middle + lost * 200.0, lost + 1
        while (round(x / 60), round(y / 60)) in taken:
            x, y = x + 60.0, y + 30.0
        taken.add((round(x / 60), round(y / 60)))
        out[ident] = (round(x * SCALE, 1), round(y * SCALE, 1))
    return out


def _width(count: int) -> float:
    """An arrow's width in px at scale 1: 1 for one statement, +1.6 per tenfold (9 at 100,000)."""
    return round(1.0 + 1.6 * math.log10(count), 2)


def flows_data(flows: FlowStore, schema: Schema, statements: Iterable[StatementRow] | None = None,
               lang: str = "zh", store_dir: str = "jjjkg.oxigraph", size: int = SAMPLE) -> dict[str, Any]:
    """Everything the page needs, deterministic for the same store (and statements, if given: the
    store's own, in any order)."""
    groups = load_flow_groups()
    group_of = {relation: g.key for g in groups for relation in g.relations}
    membership, places = flows.membership(), flows.places()
    sampled, _ = samples(flows.statements() if statements is None else statements, membership, group_of, size)
    provinces = {p for p, (lies_in, _) in membership.items() if p in lies_in}  # a province lies in itself
    arrows = _arrows(flows.flow_counts(), groups, schema, sampled, provinces)
    fact_ids = sorted({ident for key in sampled for ident in sampled[key]})
    fact_index = {ident: i for i, ident in enumerate(fact_ids)}
    for arrow in arrows:
        arrow["facts"] = [fact_index[ident] for ident in arrow["facts"]]
    basemap = base_map({p.code: (p.zh, p.en) for p in places.values() if p.code})
    fill = {key: load_style().regions[region]["colour"] for key, region in BASEMAP_REGIONS.items()}
    nodes = _nodes(arrows, places, membership, provinces, basemap, fill)
    return {
        "lang": lang, "heading": {"zh": HEADING.zh, "en": HEADING.en}, "sample": size, "storeDir": store_dir,
        # The page adds the query, quoted for a POSIX shell as shlex.quote does: '…', each ' as '"'"'.
        "command": f"jjjkg query --store {shlex.quote(store_dir)} --format csv -e ",
        "groups": [{"key": g.key, "zh": g.zh, "en": g.en, "colour": g.colour} for g in groups],
        "relations": {key: [r.zh, r.en] for key, r in schema.relations.items()},
        "places": {n["place"]: {"zh": places.get(n["place"], Place("")).zh, "en": places.get(n["place"], Place("")).en}
                   for n in sorted(nodes, key=lambda n: n["place"])},
        "nodes": nodes, "arrows": arrows, **_listed(flows, fact_ids),
        "basemap": {**_scaled(basemap), "fill": fill}, "visOptions": VIS_OPTIONS,
    }


def _arrows(counts: list[FlowCount], groups: tuple[RelationGroup, ...], schema: Schema, sampled: dict[ArrowKey, list[str]],
            provinces: set[str]) -> list[dict[str, Any]]:
    """The derived graph's counts summed by group: each level's arrows, largest first, with their
    counts by relation, their sampled statement ids and their query."""
    group_of = {relation: g for g in groups for relation in g.relations}
    by_arrow: dict[ArrowKey, list[FlowCount]] = {}
    for flow in counts:
        if flow.relation in group_of:
            by_arrow.setdefault((flow.level, flow.origin, flow.destination, group_of[flow.relation].key), []).append(flow)
    totals = {key: sum(f.count for f in found) for key, found in by_arrow.items()}
    rank = {g.key: i for i, g in enumerate(groups)}
    order = sorted(by_arrow, key=lambda k: (LEVELS.index(k[0]), -totals[k], k[1], k[2], rank[k[3]]))
    iris = {key: str(r.iri) for key, r in schema.relations.items()}
    arrows = []
    for i, key in enumerate(order):
        level, origin, destination, group = key
        relations = [iris[r] for r in groups[rank[group]].relations if r in iris]
        arrows.append({"id": f"a{i}", "level": level, "from": origin, "to": destination, "group": group,
                       "count": totals[key], "width": _width(totals[key]),
                       "relations": [[f.relation, f.count] for f in sorted(by_arrow[key], key=lambda f: (-f.count, f.relation))],
                       "facts": sampled.get(key, []), "query": arrow_query(level, origin, destination, relations, provinces)})
    return arrows


def _nodes(arrows: list[dict[str, Any]], places: dict[str, Place], membership: dict[str, Membership],
           provinces: set[str], basemap: dict[str, Any], fill: dict[str, str]) -> list[dict[str, Any]]:
    """Each level's places: where they are drawn, how many statements go through them, their
    province's colour, and the base map's name they stand for (which then gives way to theirs)."""
    through: Counter[tuple[str, str]] = Counter()
    for arrow in arrows:
        through[(arrow["level"], arrow["from"])] += arrow["count"]
        through[(arrow["level"], arrow["to"])] += arrow["count"]
    province_of_code = {code: province for province, code in PROVINCE_CODES.items()}
    unit_codes = {u["code"] for u in basemap["units"]}
    with_prefectures = {u["province"] for u in basemap["units"] if u["level"] == "prefecture"}
    nodes = []
    for level in LEVELS:
        shown = sorted({a[end] for a in arrows if a["level"] == level for end in ("from", "to")})
        # At the prefecture level a province with prefectures on the map (Hebei) stands for the ends that
        # lie in it but in none of them: set aside, not on top of its prefectures.
        aside = {p for p in shown if level == "prefecture" and p in provinces and p in with_prefectures}
        for ident, (x, y) in _positions(places, shown, provinces, aside, basemap).items():
            code = places.get(ident, Place(ident)).code
            on_map = "" if ident in aside else province_of_code.get(code) or (code if code in unit_codes else "")
            colour = next((fill[p] for p in membership.get(ident, ((), ()))[0] if p in fill), "#777777")
            nodes.append({"id": f"{level}:{ident}", "level": level, "place": ident, "x": x, "y": y,
                          "through": through[(level, ident)], "colour": colour, "map": on_map, "aside": ident in aside})
    return nodes


def _listed(flows: FlowStore, fact_ids: list[str]) -> dict[str, list[Any]]:
    """The sampled statements as rows [id, subject, relation, object, from-place, date, quote, source]
    (entities and sources by their index in the lists that come with them)."""
    facts = flows.facts(fact_ids)
    entity_ids = sorted({e for f in facts.values() for e in (f.subject, f.object, f.from_place) if e})
    entity_index = {e: i for i, e in enumerate(entity_ids)}
    source_ids = sorted({f.source for f in facts.values() if f.source})
    source_index = {s: i for i, s in enumerate(source_ids)}
    labels, sources = flows.labels(entity_ids), flows.sources(source_ids)
    return {
        "facts": [[f.id, entity_index.get(f.subject, -1), f.relation, entity_index.get(f.object, -1),
                   entity_index.get(f.from_place, -1), f.date, f.quote, source_index.get(f.source, -1)]
                  for f in (facts[ident] for ident in fact_ids)],
        "entities": [[e, *labels[e]] for e in entity_ids],
        "sources": [sources[ident].record() for ident in source_ids],
    }


def flows_page(store: ox.Store, schema: Schema, statements: Iterable[StatementRow] | None = None,
               lang: str = "zh", store_dir: str = "jjjkg.oxigraph", size: int = SAMPLE) -> bytes:
    """The page's bytes for an import's store (open, read-only is enough). statements: every
    statement's id, relation key, start and end, as the import streamed them; None reads them from
    the store."""
    from .page import render_page

    data = flows_data(FlowStore(store, schema), schema, statements, lang, store_dir, size)
    return render_page(data, template="flows.html", scripts=("map.js", "flows.js"))
