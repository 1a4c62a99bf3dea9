"""GraphML for Gephi, Cytoscape and yEd: the NetworkX view with its node and edge attributes."""
from __future__ import annotations

import io
from typing import TYPE_CHECKING

import networkx as nx

if TYPE_CHECKING:
    from . import ExportInput


def export(data: ExportInput) -> bytes:
    network = data.network
    buffer = io.BytesIO()
    nx.write_graphml(network, buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buffer.getvalue()
