"""What a build is given (Settings: where the seeds, texts and reference tables are) and what it
gives (Built: the checked model and its N-Triples lines; the Oxigraph triples, the rdflib graph and
the NetworkX graph made from them on first use). They live below `build`, `query` and `view`, so
that those can name them without importing one another."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .derived import flow_counts
from .model import Seeds
from .network import Edge, Node, model_network, model_parts
from .oxigraph import rdflib_graph
from .problems import ConfigError, Loc
from .resources import REFERENCE_DIR_NAME, SEEDS_DIR, SHIPPED_REFERENCE_DIR, TEXTS_DIR_NAME
from .safe_io import shown
from .schema import Schema
from .snapshot import AsOf, Snapshot

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Graph


@dataclass(frozen=True)
class Settings:
    seeds_dir: Path = SEEDS_DIR
    sources_dir: Path | None = None
    reference_dir: Path | None = None
    as_of: AsOf | None = None  # --as-of: build the graph as of this date (see graph/snapshot.py)

    @classmethod
    def resolve(cls, seeds_dir: Path | None = None, sources_dir: Path | None = None,
                reference_dir: Path | None = None, as_of: AsOf | None = None) -> Settings:
        """Fill in directories: the option, else $JJJKG_SOURCES / $JJJKG_REFERENCE, else the seeds
        folder's texts/ and reference/ (the shipped seeds carry both). A seeds folder of a user's
        own without reference/ is checked against the shipped reference tables. as_of: the seeds
        are checked whole, then taken as of that date (graph/snapshot.py)."""
        seeds_dir = seeds_dir or SEEDS_DIR
        if not is_directory(seeds_dir, "--seeds"):
            raise ConfigError(f"--seeds: {shown(seeds_dir)} is not a directory")
        own_reference = seeds_dir / REFERENCE_DIR_NAME
        sources = _pick(sources_dir, "JJJKG_SOURCES", seeds_dir / TEXTS_DIR_NAME, "--sources-dir")
        reference = _pick(reference_dir, "JJJKG_REFERENCE",
                          own_reference if is_directory(own_reference, "--seeds") else SHIPPED_REFERENCE_DIR,
                          "--reference-dir")
        return cls(seeds_dir, sources, reference, as_of)


def is_directory(path: Path, option: str) -> bool:
    """path.is_dir(), with a path the system refuses (too long a name, no permission) a ConfigError."""
    try:
        return path.is_dir()
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ConfigError(f"{option + ': ' if option else ''}cannot use {shown(path)}: {reason}") from exc


def _pick(given: Path | None, env: str, fallback: Path, option: str) -> Path | None:
    if given is None and os.environ.get(env):
        given, option = Path(os.environ[env]), env
    if given is not None:
        if not is_directory(given, option):
            raise ConfigError(f"{option}: {shown(given)} is not a directory")
        return given
    return fallback if is_directory(fallback, option) else None


@dataclass
class Built:
    """A checked model and its graph. `lines` (the model's N-Triples, sorted and distinct, from
    `writer.model_lines`) is the one form every output is made from; the rest is made on first use:
    a CLI build that writes only Turtle never makes an rdflib or NetworkX graph."""
    seeds: Seeds
    schema: Schema
    lines: list[str]
    notes: list[str] = field(default_factory=list)
    snapshot: Snapshot | None = None  # with --as-of: what was kept and left out (also one of `notes`)

    @cached_property
    def ntriples(self) -> bytes:
        """The graph as N-Triples, one triple a line, sorted (the bytes of jjjkg.nt)."""
        return "".join(self.lines).encode("utf-8")

    @cached_property
    def triples(self) -> list[ox.Triple]:
        """The graph's triples as Oxigraph terms, in the order of `lines`."""
        return list(ox.parse(self.ntriples, format=ox.RdfFormat.N_TRIPLES))

    @cached_property
    def graph(self) -> Graph:
        """The graph as an rdflib Graph with jjjkg's prefixes bound."""
        return rdflib_graph(self.triples)

    @cached_property
    def derived(self) -> bytes:
        """The derived aggregates (each entity's province and prefecture, statement counts per
        origin, destination and relation) as N-Quads in their own named graph; see graph/derived.py."""
        return flow_counts(self.seeds, self.schema).nquads().encode("utf-8")

    @cached_property
    def network_parts(self) -> tuple[list[Node], list[Edge]]:
        """The NetworkX graph's nodes and edges, with their attributes, in the order they are added."""
        return model_parts(self.seeds, self.schema)

    @cached_property
    def network(self) -> nx.MultiDiGraph:
        """The NetworkX MultiDiGraph: a node per entity or industry, an edge per statement."""
        return model_network(self.seeds, self.schema, self.network_parts)

    def size(self) -> tuple[int, int, int]:
        """Triples, nodes and edges, without making an rdflib or NetworkX graph."""
        nodes, edges = self.network_parts
        return len(self.lines), len({ident for ident, _ in nodes}), len(edges)

    def where(self) -> dict[str, Loc]:
        return self.seeds.where()
