"""Where things live in a jjjkg store, and which graphs a query sees.

- the default graph: what the sources assert (the model's triples, as exported);
- ONTOLOGY_GRAPH: the ontology (classes, subclass and subproperty axioms, labels of terms);
- DERIVED_GRAPH: aggregates computed from the asserted triples (graph/derived.py), never asserted
  by a source.

A query sees the data and the ontology as its default graph; the derived graph only through
`GRAPH <…/graph/derived> { … }`. Light on purpose: the query workers import it.
"""
from __future__ import annotations

import pyoxigraph as ox

from .namespaces import BASE
from .sparql_guard import declares_dataset

ONTOLOGY_GRAPH = ox.NamedNode(BASE + "ontology")
DERIVED_GRAPH = ox.NamedNode(BASE + "graph/derived")


def query_dataset(text: str, default_graphs: tuple[str, ...] = (), named_graphs: tuple[str, ...] = ()
                  ) -> dict[str, object]:
    """The keyword arguments of Store.query for a query's dataset: the graphs the protocol names
    (default-graph-uri, named-graph-uri) where it names any; else the query's own FROM / FROM NAMED;
    else the data and the ontology as the default graph, every named graph reachable with GRAPH
    (the derived aggregates stay out of a query that does not ask for them)."""
    if default_graphs or named_graphs:
        dataset: dict[str, object] = {"use_default_graph_as_union": not default_graphs}
        if default_graphs:
            dataset["default_graph"] = [ox.NamedNode(iri) for iri in default_graphs]
        if named_graphs:
            dataset["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
        return dataset
    if declares_dataset(text):
        return {}
    return {"default_graph": [ox.DefaultGraph(), ONTOLOGY_GRAPH]}
