"""One exporter per output format. Each turns the built graph into the bytes of one file; its
module is imported when its format is asked for. The interactive view (graph.view) is the build's
one other output, also loaded only when asked for (it pulls in NetworkX, igraph and Jinja2)."""
from __future__ import annotations

from importlib import import_module

from .base import LANGS as LANGS
from .base import ExportInput as ExportInput
from .base import Exporter

EXPORTERS: dict[str, tuple[str, str]] = {  # format → (file name, module)
    "turtle": ("jjjkg.ttl", "turtle"),
    "ntriples": ("jjjkg.nt", "ntriples"),
    "jsonld": ("jjjkg.jsonld", "jsonld"),
    "graphml": ("jjjkg.graphml", "graphml"),
    "csv": ("edges.csv", "csv_edges"),
}

VIEW_FILE = "network.html"  # the interactive network view's file


def exporter(name: str) -> Exporter:
    """The export function of a format of EXPORTERS."""
    module = import_module(f".{EXPORTERS[name][1]}", __package__)
    return module.export  # type: ignore[no-any-return]
