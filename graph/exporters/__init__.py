"""One exporter per output format. Each turns the built graphs into the bytes of one file."""
from __future__ import annotations

from . import csv_edges, graphml, jsonld, ntriples, turtle
from .base import LANGS as LANGS
from .base import ExportInput as ExportInput
from .base import Exporter

EXPORTERS: dict[str, tuple[str, Exporter]] = {
    "turtle": ("jjjkg.ttl", turtle.export),
    "ntriples": ("jjjkg.nt", ntriples.export),
    "jsonld": ("jjjkg.jsonld", jsonld.export),
    "graphml": ("jjjkg.graphml", graphml.export),
    "csv": ("edges.csv", csv_edges.export),
}
