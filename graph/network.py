"""RDF graph → NetworkX MultiDiGraph: one node per entity or industry, one edge per statement."""
from __future__ import annotations

from typing import Any

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from .namespaces import BASE, GEO, JJJ
from .schema import Schema

REGION_PATH = (JJJ.locatedIn, JJJ.hostedBy, JJJ.headquarteredIn)
QUALIFIER_ATTRS = {JJJ.date: "date", JJJ.dateText: "date_text", JJJ.fromPlace: "from", JJJ.shipsFrom: "ships_from",
                   JJJ.role: "role", JJJ.modality: "modality",
                   JJJ.industry: "industry", JJJ.technology: "technology", JJJ.product: "product",
                   JJJ.via: "via", JJJ.amount: "amount", JJJ.valueAsPrinted: "amount_as_printed",
                   JJJ.unitAsPrinted: "unit_as_printed", JJJ.curatorNote: "note"}


def local_id(iri: URIRef | str) -> str:
    """The id a curator wrote: https://w3id.org/jjjkg/id/beijing → beijing."""
    text = str(iri)
    return text.rsplit("/", 1)[-1] if text.startswith(BASE) else text


def _label(graph: Graph, node: URIRef, lang: str) -> str:
    for value in graph.objects(node, RDFS.label):
        if isinstance(value, Literal) and value.language == lang:
            return str(value)
    return ""


def _region(graph: Graph, node: URIRef, provinces: set[URIRef]) -> str:
    """Beijing, Tianjin or Hebei: the province the entity lies in, following located_in / hosted_by."""
    found: set[str] = set()
    seen, todo = {node}, [node]
    while todo:
        current = todo.pop()
        if current in provinces:
            found.add(_label(graph, current, "en"))
            continue
        for prop in REGION_PATH:
            for parent in graph.objects(current, prop):
                if isinstance(parent, URIRef) and parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
    return "/".join(sorted(found)) or "other"


def to_networkx(graph: Graph, schema: Schema) -> nx.MultiDiGraph:
    network = nx.MultiDiGraph(name="jjjkg")
    type_keys = {t.iri: t.key for t in schema.types.values()}
    provinces = set(graph.subjects(RDF.type, JJJ.Province))
    nodes: dict[URIRef, str] = {}
    for subject, cls in graph.subject_objects(RDF.type):
        if cls in type_keys or cls == SKOS.Concept and (subject, SKOS.inScheme, None) in graph:
            nodes[subject] = type_keys.get(cls, "industry")  # type: ignore[index]
    for iri in sorted(nodes):
        attrs: dict[str, Any] = {"iri": str(iri), "type": nodes[iri], "zh": _label(graph, iri, "zh"),
                                 "en": _label(graph, iri, "en"), "region": _region(graph, iri, provinces)}
        aliases = sorted(str(a) for a in graph.objects(iri, SKOS.altLabel))
        if aliases:
            attrs["aliases"] = "; ".join(aliases)
        for prop, name in ((JJJ.divisionCode, "division_code"), (JJJ.wikidata, "wikidata")):
            value = graph.value(iri, prop)
            if value is not None:
                attrs[name] = local_id(value) if name == "wikidata" else str(value)
        lat, lon = graph.value(iri, GEO.lat), graph.value(iri, GEO.long)
        if lat is not None and lon is not None:
            attrs["lat"], attrs["lon"] = float(lat), float(lon)  # type: ignore[arg-type]
        network.add_node(local_id(iri), **attrs)
    stated: set[tuple[URIRef, URIRef, URIRef]] = set()
    for stmt in sorted(graph.subjects(RDF.type, JJJ.Statement)):
        s, p, o = (graph.value(stmt, prop) for prop in (RDF.subject, RDF.predicate, RDF.object))
        if s not in nodes or o not in nodes or p not in schema.relations_by_iri:
            continue
        stated.add((s, p, o))  # type: ignore[arg-type]
        source = graph.value(stmt, PROV.wasDerivedFrom)
        attrs = _edge_attrs(graph, schema, p)  # type: ignore[arg-type]
        attrs.update(statement=str(stmt), source=local_id(source) if source else "",
                     quote=str(graph.value(stmt, JJJ.quote) or ""))
        for prop, name in QUALIFIER_ATTRS.items():
            value = graph.value(stmt, prop)
            if value is not None:
                attrs[name] = local_id(value) if isinstance(value, URIRef) else str(value)
        network.add_edge(local_id(s), local_id(o), key=local_id(stmt), **attrs)  # type: ignore[arg-type]
    for relation in sorted(schema.relations_by_iri):  # registry triples with no statement (located_in)
        for s, o in sorted(graph.subject_objects(relation)):
            if s in nodes and o in nodes and (s, relation, o) not in stated:
                attrs = _edge_attrs(graph, schema, relation)
                attrs.update(statement="", source="registry", quote="")
                network.add_edge(local_id(s), local_id(o), key=f"{schema.relations_by_iri[relation].key}:{local_id(o)}", **attrs)
    return network


def _edge_attrs(graph: Graph, schema: Schema, relation: URIRef) -> dict[str, Any]:
    rel = schema.relations_by_iri[relation]
    return {"relation": rel.key, "relation_iri": str(rel.iri), "relation_zh": rel.zh, "relation_en": rel.en}
