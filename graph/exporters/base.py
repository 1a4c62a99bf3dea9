"""What every exporter reads (ExportInput) and the label languages; below the exporters, which the
package's __init__ imports."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph

from ..oxigraph import sorted_triples

LANGS = ("zh", "en")  # label languages; the first is the default


@dataclass
class ExportInput:
    """What the exporters read; the sorted Oxigraph triples are made once for all RDF formats."""
    graph: Graph
    network: nx.MultiDiGraph
    lang: str = LANGS[0]  # the language of GraphML's node and edge labels

    @cached_property
    def triples(self) -> list[ox.Triple]:
        return sorted_triples(self.graph)


Exporter = Callable[[ExportInput], bytes]
