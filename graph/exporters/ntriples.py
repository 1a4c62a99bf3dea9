"""N-Triples, one triple a line, sorted so that diffs review cleanly."""
from __future__ import annotations

import networkx as nx
from rdflib import Graph


def export(graph: Graph, network: nx.MultiDiGraph) -> bytes:
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted(line for line in text.splitlines() if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8")
