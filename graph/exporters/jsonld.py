"""JSON-LD, compacted with a context of jjjkg's prefixes."""
from __future__ import annotations

import json

import networkx as nx
from rdflib import Graph

from ..namespaces import PREFIXES


def context() -> dict[str, str]:
    return {prefix: str(ns) for prefix, ns in PREFIXES.items()}


def export(graph: Graph, network: nx.MultiDiGraph) -> bytes:
    text = graph.serialize(format="json-ld", context=context(), auto_compact=True)
    data = json.loads(text)
    if isinstance(data.get("@graph"), list):  # stable order for reviewable diffs
        data["@graph"].sort(key=lambda node: str(node.get("@id", "")))
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
