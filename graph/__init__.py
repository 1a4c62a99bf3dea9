"""jjjkg: a citable knowledge graph of Beijing–Tianjin–Hebei industrial linkages.

Usable without the CLI::

    import graph
    built = graph.load()              # seeds/ of this project
    built.graph                       # rdflib.Graph
    built.network                     # networkx.MultiDiGraph
"""
from __future__ import annotations

from pathlib import Path

from .build import Built, ConfigError, Settings, build, render, write_outputs
from .problems import InputError, Problem, Problems

__all__ = ["Built", "ConfigError", "InputError", "Problem", "Problems", "Settings", "build", "load", "render",
           "write_outputs"]
__version__ = "0.1.0"


def load(seeds_dir: Path | str | None = None, sources_dir: Path | str | None = None,
         reference_dir: Path | str | None = None) -> Built:
    """Read, check and build the seeds; raises InputError listing every problem."""
    def as_path(value: Path | str | None) -> Path | None:
        return Path(value) if value is not None else None

    return build(Settings.resolve(as_path(seeds_dir), as_path(sources_dir), as_path(reference_dir)))
