"""The parts of the graph a view page can show: an entity's neighbourhood, or what a catalogue
query's results name (as the Wikidata Query Service's graph view does)."""
from __future__ import annotations

import networkx as nx
import pyoxigraph as ox

from ..problems import ConfigError
from ..names import NameIndex
from ..query import iri_list

MAX_DEPTH = 6


def find_entity(network: nx.MultiDiGraph, text: str) -> str:
    """A node by id, zh or en label or alias; a one-line error with the candidates otherwise."""
    index = NameIndex.of((node, (data.get("zh"), data.get("en"), *data.get("aliases", "").split("; ")))
                         for node, data in network.nodes(data=True))
    found = index.find(text)
    if found.id is None:
        raise ConfigError(f"--focus: {index.explain(text, found)}")
    return found.id


def neighbourhood(network: nx.MultiDiGraph, entity: str, depth: int) -> nx.MultiDiGraph:
    """Every node within `depth` links of the entity (either direction) and the links among them."""
    if not 0 <= depth <= MAX_DEPTH:
        raise ConfigError(f"--depth: {depth} is out of range (0 to {MAX_DEPTH})")
    keep = nx.single_source_shortest_path_length(network.to_undirected(as_view=True), entity, cutoff=depth)
    return network.subgraph(keep).copy()


def from_results(network: nx.MultiDiGraph, result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples,
                 name: str) -> nx.MultiDiGraph:
    """The entities a query's results name and the links among them; where the results name a fact
    (its statement IRI), that fact's link and both its ends are drawn even if no entity is named."""
    if isinstance(result, ox.QueryBoolean):
        raise ConfigError(f"--query {name}: an ASK query answers yes or no; there is no graph to draw")
    by_iri = {data["iri"]: node for node, data in network.nodes(data=True) if "iri" in data}
    by_statement = {data["statement"]: (u, v, k) for u, v, k, data in network.edges(keys=True, data=True)
                    if data.get("statement")}
    iris: set[str] = set()
    if isinstance(result, ox.QueryTriples):
        for triple in result:
            iris.update(t.value for t in (triple.subject, triple.object) if isinstance(t, ox.NamedNode))
    else:
        for solution in result:  # an IRI, or a cell listing several (areas measured together)
            for term in solution:
                if isinstance(term, ox.NamedNode):
                    iris.add(term.value)
                elif isinstance(term, ox.Literal):
                    iris.update(node.value for node in iri_list(term))
    nodes = {by_iri[i] for i in iris if i in by_iri}
    statements = [by_statement[i] for i in iris if i in by_statement]
    nodes.update(n for u, v, _ in statements for n in (u, v))
    if not nodes:
        raise ConfigError(f"--query {name}: the results name no entity of the graph; nothing to draw")
    sub = network.subgraph(nodes).copy()
    return sub
