"""One exporter per output format. Each turns the built graphs into the bytes of one file."""
from __future__ import annotations

from collections.abc import Callable

import networkx as nx
from rdflib import Graph

from . import csv_edges, graphml, jsonld, ntriples, turtle

Exporter = Callable[[Graph, nx.MultiDiGraph], bytes]

EXPORTERS: dict[str, tuple[str, Exporter]] = {
    "turtle": ("jjjkg.ttl", turtle.export),
    "ntriples": ("jjjkg.nt", ntriples.export),
    "jsonld": ("jjjkg.jsonld", jsonld.export),
    "graphml": ("jjjkg.graphml", graphml.export),
    "csv": ("edges.csv", csv_edges.export),
}
