"""The interactive network view: `page_for(built)` gives the bytes of out/network.html."""
from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from .data import Heading, page_data
from .page import render_page

if TYPE_CHECKING:
    from ..build import Built

VIEW_FILE = "network.html"
FULL_HEADING = Heading("京津冀产业联系知识图谱", "Beijing–Tianjin–Hebei industrial linkages")


def page_for(built: Built, network: nx.MultiDiGraph | None = None, heading: Heading = FULL_HEADING,
             lang: str = "zh") -> bytes:
    """The page for the whole graph, or for a part of it (a subgraph of built.network)."""
    chosen = built.network if network is None else network
    return render_page(page_data(chosen, built.seeds.sources, built.schema, heading, lang))


__all__ = ["FULL_HEADING", "Heading", "VIEW_FILE", "page_for"]
