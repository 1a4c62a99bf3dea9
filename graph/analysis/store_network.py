"""The NetworkX MultiDiGraph of an Oxigraph store (an import's jjjkg.oxigraph), read with SPARQL:
the same nodes, edges and attributes as `Built.network` (graph/network.py `to_networkx`), so that
`hubs`, `path`, `timeline` and `report` run on an import as on the curated graph. Also the store's
sources (id → graph.model.Source) and, for the report, its indicators and observations.

Each attribute is one streamed query over one predicate (Oxigraph answers those from its indexes;
a statement-wide join is slower), gathered into dicts by subject, then added to the graph in
to_networkx's order: nodes by IRI, statements by IRI, then the registry links (a relation's triple
that no statement states, such as located_in from the reference tables). Nothing goes through rdflib.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import URIRef

from ..model import IndicatorDef, Observation, Quantity, Source
from ..namespaces import DCTERMS, ENT, GEO, INDICATOR, JJJ, OBS, PROV, QB, RDF, RDFS, SCHEMA, SKOS, SRC
from ..network import NOTE_ATTRS, QUALIFIER_ATTRS, REGION_PATH, local_id
from ..schema import Schema
from ..writer import decimal_text

if TYPE_CHECKING:
    import networkx as nx

Term = ox.NamedNode | ox.BlankNode | ox.Literal
XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def _pairs(store: ox.Store, predicate: str) -> Iterator[tuple[str, Term]]:
    """(subject IRI, object) of every triple of the predicate in the default graph, streamed."""
    for row in store.query(f"SELECT ?s ?o WHERE {{ ?s <{predicate}> ?o }}"):  # type: ignore[union-attr]
        yield row[0].value, row[1]


def _first(store: ox.Store, predicate: str) -> dict[str, Term]:
    """Subject IRI → its object (of several, the least by value: the same every run)."""
    found: dict[str, Term] = {}
    for subject, term in _pairs(store, predicate):
        before = found.get(subject)
        if before is None or term.value < before.value:
            found[subject] = term
    return found


def _text(term: Term) -> str:
    """As to_networkx has a qualifier: an IRI by its local id, a literal by its lexical form as
    written (Oxigraph stores 300.0 as 300: a decimal is written back with its point)."""
    if isinstance(term, ox.NamedNode):
        return local_id(term.value)
    if isinstance(term, ox.Literal) and term.datatype.value == XSD_DECIMAL:
        return decimal_text(Decimal(term.value))
    return term.value


def _labels(store: ox.Store, predicate: str, nodes: dict[str, str]) -> dict[str, dict[str, str]]:
    """Node IRI → language → its label (of several, the least)."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for subject, term in _pairs(store, predicate):
        if subject in nodes and isinstance(term, ox.Literal) and term.language:
            before = found[subject].get(term.language)
            found[subject][term.language] = min(before, term.value) if before else term.value
    return found


def _node_types(store: ox.Store, schema: Schema) -> dict[str, str]:
    """Every entity and industry concept by IRI → its type key ("industry" for a concept)."""
    type_keys = {str(t.iri): t.key for t in schema.types.values()}
    values = " ".join(f"<{iri}>" for iri in type_keys)
    nodes: dict[str, str] = {}
    for row in store.query(f"SELECT ?s ?t WHERE {{ VALUES ?t {{ {values} }} ?s a ?t }}"):  # type: ignore[union-attr]
        nodes[row[0].value] = type_keys[row[1].value]
    for row in store.query(f"SELECT DISTINCT ?s WHERE {{ ?s a <{SKOS.Concept}> ; <{SKOS.inScheme}> ?scheme }}"):  # type: ignore[union-attr]
        nodes.setdefault(row[0].value, "industry")
    return {iri: nodes[iri] for iri in sorted(nodes)}


def _regions(store: ox.Store, nodes: dict[str, str], labels: dict[str, dict[str, str]]) -> dict[str, str]:
    """Each node's province(s) by English label, following located_in / hosted_by / headquartered_in."""
    parents: dict[str, list[str]] = defaultdict(list)
    for prop in REGION_PATH:
        for subject, term in _pairs(store, str(prop)):
            if isinstance(term, ox.NamedNode):
                parents[subject].append(term.value)
    provinces = {iri for iri, kind in nodes.items() if kind == "province"}
    out: dict[str, str] = {}
    for node in nodes:
        found: set[str] = set()
        seen, todo = {node}, [node]
        while todo:
            current = todo.pop()
            if current in provinces:
                found.add(labels.get(current, {}).get("en", ""))
                continue
            for parent in parents.get(current, ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        out[node] = "/".join(sorted(found)) or "other"
    return out


def _node_attrs(store: ox.Store, schema: Schema) -> dict[str, dict[str, Any]]:
    nodes = _node_types(store, schema)
    labels = _labels(store, str(RDFS.label), nodes)
    regions = _regions(store, nodes, labels)
    aliases: dict[str, list[str]] = defaultdict(list)
    for subject, term in _pairs(store, str(SKOS.altLabel)):
        if subject in nodes:
            aliases[subject].append(term.value)
    codes, wikidata = _first(store, str(JJJ.divisionCode)), _first(store, str(JJJ.wikidata))
    lats, lons = _first(store, str(GEO.lat)), _first(store, str(GEO.long))
    out: dict[str, dict[str, Any]] = {}
    for iri, kind in nodes.items():
        attrs: dict[str, Any] = {"iri": iri, "type": kind, "zh": labels.get(iri, {}).get("zh", ""),
                                 "en": labels.get(iri, {}).get("en", ""), "region": regions[iri]}
        if aliases.get(iri):
            attrs["aliases"] = "; ".join(sorted(set(aliases[iri])))
        if iri in codes:
            attrs["division_code"] = codes[iri].value
        if iri in wikidata:
            attrs["wikidata"] = local_id(wikidata[iri].value)
        if iri in lats and iri in lons:
            attrs["lat"], attrs["lon"] = float(lats[iri].value), float(lons[iri].value)
        out[iri] = attrs
    return out


def _statement_attrs(store: ox.Store) -> dict[str, dict[str, str]]:
    """Statement IRI → its qualifiers and notes as edge attributes (QUALIFIER_ATTRS, NOTE_ATTRS)."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for prop, name in QUALIFIER_ATTRS.items():
        for subject, value in _first(store, str(prop)).items():
            found[subject][name] = _text(value)
    for subject, term in _pairs(store, str(JJJ.curatorNote)):
        if term.value:
            name = NOTE_ATTRS["zh" if isinstance(term, ox.Literal) and term.language == "zh" else "en"]
            before = found[subject].get(name)
            found[subject][name] = min(before, term.value) if before else term.value
    return found


def store_network(store: ox.Store, schema: Schema) -> nx.MultiDiGraph:
    """The network of the store's default graph, as to_networkx makes it of the same triples."""
    import networkx as nx

    network = nx.MultiDiGraph(name="jjjkg")
    nodes = _node_attrs(store, schema)
    network.add_nodes_from((local_id(iri), attrs) for iri, attrs in nodes.items())
    relations = {str(iri): rel for iri, rel in schema.relations_by_iri.items()}
    edge_base = {iri: {"relation": rel.key, "relation_iri": iri, "relation_zh": rel.zh, "relation_en": rel.en}
                 for iri, rel in relations.items()}
    subjects, predicates, objects = (_first(store, str(p)) for p in (RDF.subject, RDF.predicate, RDF.object))
    quotes, sources = _first(store, str(JJJ.quote)), _first(store, str(PROV.wasDerivedFrom))
    qualifiers = _statement_attrs(store)
    edges: list[tuple[str, str, str, dict[str, Any]]] = []
    stated: dict[str, set[tuple[str, str]]] = defaultdict(set)  # relation IRI → (subject, object) stated
    for stmt in sorted(predicates):
        s, p, o = subjects.get(stmt), predicates[stmt].value, objects.get(stmt)
        if s is None or o is None or p not in relations:
            continue
        stated[p].add((s.value, o.value))
        if s.value not in nodes or o.value not in nodes:
            continue
        source = sources.get(stmt)
        attrs = {**edge_base[p], "statement": stmt, "source": local_id(source.value) if source else "",
                 "quote": quotes[stmt].value if stmt in quotes else "", **qualifiers.get(stmt, {})}
        edges.append((local_id(s.value), local_id(o.value), local_id(stmt), attrs))
    network.add_edges_from(edges)
    network.add_edges_from(_registry_edges(store, relations, nodes, stated, edge_base))
    return network


def _registry_edges(store: ox.Store, relations: dict[str, Any], nodes: dict[str, Any],
                    stated: dict[str, set[tuple[str, str]]], edge_base: dict[str, dict[str, str]]
                    ) -> list[tuple[str, str, str, dict[str, Any]]]:
    """The relations' triples between two nodes that no statement states, by relation IRI, then ends.
    Every statement has its direct triple (graph/writer.py), so a relation with no more triples than
    stated (subject, object) pairs has none of these and is not scanned: on an import only located_in
    is. (A SPARQL FILTER NOT EXISTS over the statements takes minutes on a 100,000-row import.)"""
    values = " ".join(f"<{iri}>" for iri in relations)
    counts = {row[0].value: int(row[1].value) for row in store.query(  # type: ignore[union-attr]
        f"SELECT ?p (COUNT(*) AS ?n) WHERE {{ VALUES ?p {{ {values} }} ?s ?p ?o }} GROUP BY ?p")}
    found = []
    for p in sorted(counts):
        if counts[p] <= len(stated.get(p, ())):
            continue
        done = stated.get(p, set())
        for s, o in sorted((s, term.value) for s, term in _pairs(store, p)
                           if s in nodes and term.value in nodes and (s, term.value) not in done):
            found.append((local_id(s), local_id(o), f"{relations[p].key}:{local_id(o)}",
                          {**edge_base[p], "statement": "", "source": "registry", "quote": ""}))
    return found


def store_sources(store: ox.Store) -> dict[str, Source]:
    """The store's sources by id, with titles and publishers in their own language and English."""
    query = f"SELECT ?src ?p ?v WHERE {{ ?src a <{JJJ.Source}> ; ?p ?v }}"
    about: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    for row in store.query(query):  # type: ignore[union-attr]
        about[row[0].value][row[1].value].append(row[2])
    out: dict[str, Source] = {}
    for iri in sorted(about):
        values = about[iri]

        def text(prop: URIRef, lang: str | None = None, values: dict[str, list[Term]] = values) -> str | None:
            found = sorted(t.value for t in values.get(str(prop), [])
                           if lang is None or isinstance(t, ox.Literal) and t.language == lang)
            return found[0] if found else None

        language = text(DCTERMS.language) or "zh"
        kinds = {t.value for t in values.get(str(RDF.type), [])}
        ident = local_id(iri) if iri.startswith(str(SRC)) else iri
        out[ident] = Source(ident, text(DCTERMS.title, language) or text(DCTERMS.title) or ident,
                            text(DCTERMS.publisher, language), text(JJJ.textFile) or "", language,
                            "dataset" if str(SCHEMA.Dataset) in kinds else "article", text(DCTERMS.issued),
                            publisher_en=text(DCTERMS.publisher, "en"), title_en=text(DCTERMS.title, "en"))
    return out


def store_indicators(store: ox.Store, schema: Schema) -> tuple[dict[str, IndicatorDef], list[Observation],
                                                                 dict[str, tuple[str, str]]]:
    """The indicators (by id), their observations, and the zh/en names of the areas they cite."""
    units = {str(u.iri): u.key for u in schema.units.values()}
    bounds = {str(iri): key for key, iri in schema.bounds.items()}
    indicators: dict[str, IndicatorDef] = {}
    rows = store.query(f"SELECT ?i ?p ?v WHERE {{ ?i a <{JJJ.Indicator}> ; ?p ?v }}")
    about: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:  # type: ignore[union-attr]
        about[row[0].value][row[1].value].append(row[2])
    for iri in sorted(about):
        labels = {t.language: t.value for t in sorted(about[iri][str(RDFS.label)], key=lambda t: t.value)[::-1]
                  if isinstance(t, ox.Literal)}
        unit = min((t.value for t in about[iri][str(JJJ.unit)]), default="")
        ident = local_id(iri) if iri.startswith(str(INDICATOR)) else iri
        indicators[ident] = IndicatorDef(ident, labels.get("zh", ident), labels.get("en", ident), units.get(unit, unit))
    obs: dict[str, dict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    for row in store.query(f"SELECT ?o ?p ?v WHERE {{ ?o <{QB.dataSet}> ?d ; ?p ?v }}"):  # type: ignore[union-attr]
        obs[row[0].value][row[1].value].append(row[2])
    observations: list[Observation] = []
    areas: set[str] = set()
    for iri in sorted(obs):
        values = obs[iri]

        def one(prop: URIRef, values: dict[str, list[Term]] = values) -> str | None:
            found = sorted(t.value for t in values.get(str(prop), []))
            return found[0] if found else None

        def many(prop: URIRef, values: dict[str, list[Term]] = values) -> list[str]:
            return sorted(local_id(t.value) for t in values.get(str(prop), []))

        bound = one(JJJ.bound)
        quantity = Quantity(one(JJJ.valueAsPrinted) or "", one(JJJ.unitAsPrinted) or "",
                            Decimal(one(JJJ.value) or "0"), URIRef(one(JJJ.unit) or ""), bounds.get(bound or "", bound))
        source = one(PROV.wasDerivedFrom) or ""
        observation = Observation(local_id(source), local_id(one(JJJ.indicator) or ""), quantity, one(JJJ.quote) or "",
                                  one(JJJ.refPeriod), one(JJJ.periodText), many(JJJ.refArea), many(JJJ.counterpartArea),
                                  id=local_id(iri) if iri.startswith(str(OBS)) else iri)
        areas.update(observation.areas + observation.counterparts)
        observations.append(observation)
    return indicators, observations, _names(store, sorted(areas))


def _names(store: ox.Store, ids: list[str]) -> dict[str, tuple[str, str]]:
    """Entity id → (zh, en) label, by direct look-ups."""
    out: dict[str, tuple[str, str]] = {}
    label = ox.NamedNode(str(RDFS.label))
    for ident in ids:
        names: dict[str, str] = {}
        for quad in store.quads_for_pattern(ox.NamedNode(str(ENT) + ident), label, None, ox.DefaultGraph()):
            term = quad.object
            if isinstance(term, ox.Literal) and term.language and term.value < names.get(term.language, "\uffff"):
                names[term.language] = term.value
        out[ident] = (names.get("zh", ""), names.get("en", ""))
    return out


def statement_count(store: ox.Store) -> int:
    """How many statements the store holds."""
    rows = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?st a <{JJJ.Statement}> }}")
    return int(next(iter(rows))[0].value)  # type: ignore[arg-type]

