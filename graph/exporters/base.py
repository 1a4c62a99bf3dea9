"""What every exporter reads (ExportInput) and the label languages; below the exporters, which the
package's __init__ imports."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from ..network import Edge, Node, parts_of

if TYPE_CHECKING:
    import networkx as nx

LANGS = ("zh", "en")  # label languages; the first is the default


@dataclass
class ExportInput:
    """What the exporters read: the graph's sorted N-Triples (the RDF formats), and a function
    that gives the network's nodes and edges (GraphML, CSV), called only by an exporter that needs
    them; no NetworkX graph is made for either."""
    ntriples: bytes
    make_parts: Callable[[], tuple[list[Node], list[Edge]]]
    lang: str = LANGS[0]  # the language of GraphML's node and edge labels
    graph_attrs: dict[str, Any] = field(default_factory=lambda: {"name": "jjjkg"})

    @classmethod
    def of_network(cls, network: nx.MultiDiGraph, lang: str = LANGS[0]) -> ExportInput:
        """The exporters' input for a NetworkX graph of one's own (no RDF)."""
        return cls(b"", lambda: parts_of(network), lang, dict(network.graph))

    @cached_property
    def triples(self) -> list[ox.Triple]:
        """The triples in N-Triples order, parsed once for all RDF formats."""
        return list(ox.parse(self.ntriples, format=ox.RdfFormat.N_TRIPLES))

    @cached_property
    def parts(self) -> tuple[list[Node], list[Edge]]:
        return self.make_parts()


Exporter = Callable[[ExportInput], bytes]
