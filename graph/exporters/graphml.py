"""GraphML for Gephi, Cytoscape and yEd: the NetworkX view with its node and edge attributes."""
from __future__ import annotations

import io

import networkx as nx
from rdflib import Graph


def export(graph: Graph, network: nx.MultiDiGraph) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(network, buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buffer.getvalue()
