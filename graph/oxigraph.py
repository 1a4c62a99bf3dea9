"""The Oxigraph engine: the built graph loaded into a pyoxigraph Store for fast SPARQL, and the
conversions between Oxigraph's and rdflib's terms.

The data goes in the default graph and the ontology (classes, subclass axioms, labels of terms)
in the named graph ONTOLOGY_GRAPH; queries run with both as their default graph (QUERY_DATASET),
so `?x a/rdfs:subClassOf* jjj:Organization` works while exports stay data only. Any other named
graph (the derived aggregates) is read only with GRAPH.
"""
from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .namespaces import new_graph
from .store_layout import ONTOLOGY_GRAPH as ONTOLOGY_GRAPH

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"



def to_term(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        if node.datatype:
            return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
        return ox.Literal(str(node))
    raise TypeError(f"cannot convert {node!r} to an Oxigraph term")


def from_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"cannot convert {term!r} to an rdflib term")


def rdflib_graph(triples: Iterable[ox.Triple]) -> Graph:
    """An rdflib Graph (jjjkg's prefixes bound) of Oxigraph triples; faster than rdflib's own parser."""
    graph = new_graph()
    add = graph.add
    for triple in triples:
        add((from_term(triple.subject), from_term(triple.predicate), from_term(triple.object)))  # type: ignore[arg-type]
    return graph


def memory_store(ntriples: bytes, ontology: Graph | None = None, nquads: bytes = b"") -> ox.Store:
    """An in-memory store: N-Triples in the default graph, the ontology in ONTOLOGY_GRAPH, and
    N-Quads (named graphs of their own, such as the derived aggregates)."""
    store = ox.Store()
    store.bulk_load(ntriples, format=ox.RdfFormat.N_TRIPLES)
    if ontology is not None:
        store.bulk_extend([ox.Quad(to_term(s), to_term(p), to_term(o), ONTOLOGY_GRAPH)  # type: ignore[arg-type]
                           for s, p, o in ontology])
    if nquads:
        store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    return store


def to_store(data: Graph, ontology: Graph | None = None) -> ox.Store:
    """An in-memory Oxigraph store holding the data (default graph) and the ontology (named graph)."""
    store = ox.Store()
    parts: list[tuple[Graph, ox.DefaultGraph | ox.NamedNode]] = [(data, ox.DefaultGraph())]
    if ontology is not None:
        parts.append((ontology, ONTOLOGY_GRAPH))
    store.bulk_extend([ox.Quad(to_term(s), to_term(p), to_term(o), name)  # type: ignore[arg-type]
                       for graph, name in parts for s, p, o in graph])
    return store


def sorted_triples(graph: Graph) -> list[ox.Triple]:
    """The graph's triples as Oxigraph terms in N-Triples order: the same graph gives the same list,
    so Oxigraph's serializers (about 100× faster than rdflib's) give byte-identical files."""
    return sorted((ox.Triple(to_term(s), to_term(p), to_term(o)) for s, p, o in graph), key=str)  # type: ignore[arg-type]
