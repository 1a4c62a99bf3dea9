"""The parts of the graph a view page can show: an entity's neighbourhood, or what a catalogue
query's results name (as the Wikidata Query Service's graph view does)."""
from __future__ import annotations

import difflib

import networkx as nx
import pyoxigraph as ox

from ..build import ConfigError

MAX_DEPTH = 6


def find_entity(network: nx.MultiDiGraph, text: str) -> str:
    """A node by id, zh or en label or alias (exact); a one-line error with near matches otherwise."""
    if text in network:
        return text
    wanted = text.strip().casefold()
    hits = sorted(node for node, data in network.nodes(data=True)
                  if wanted in {data.get("zh", "").casefold(), data.get("en", "").casefold()}
                  | {a.casefold() for a in data.get("aliases", "").split("; ") if a})
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise ConfigError(f"--focus: {text!r} names {len(hits)} entities ({', '.join(hits[:8])}); give the id")
    names = {node: node for node in network}
    for node, data in network.nodes(data=True):
        for key in ("zh", "en"):
            if data.get(key):
                names.setdefault(data[key], node)
    near = difflib.get_close_matches(text, list(names), n=5, cutoff=0.6)
    hint = f"; did you mean {', '.join(sorted({names[n] for n in near}))}?" if near else ""
    raise ConfigError(f"--focus: no entity with id or label {text!r}{hint}")


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
        for solution in result:
            iris.update(t.value for t in solution if isinstance(t, ox.NamedNode))
    nodes = {by_iri[i] for i in iris if i in by_iri}
    statements = [by_statement[i] for i in iris if i in by_statement]
    nodes.update(n for u, v, _ in statements for n in (u, v))
    if not nodes:
        raise ConfigError(f"--query {name}: the results name no entity of the graph; nothing to draw")
    sub = network.subgraph(nodes).copy()
    return sub
