"""jjjkg: a citable knowledge graph of Beijing–Tianjin–Hebei industrial linkages.

Usable without the CLI::

    import graph
    built = graph.load()              # seeds/ of this project
    built.graph                       # rdflib.Graph
    built.network                     # networkx.MultiDiGraph
"""
from __future__ import annotations

import importlib
import sys
import types

TYPE_CHECKING = False  # not typing's: importing typing costs the start-up time that Ctrl-C must find handled
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from .build import Built, Settings, build, render, write_outputs
    from .problems import ConfigError, InputError, Problem, Problems

__all__ = ["Built", "ConfigError", "InputError", "Problem", "Problems", "Settings", "build", "load", "render",
           "write_outputs"]
__version__ = "0.1.0"

# Imported on first use (PEP 562), so that `import graph` and the jjjkg command start at once
# (graph.launch catches Ctrl-C while the heavy libraries load).
_LAZY = {"Built": "build", "Settings": "build", "build": "build", "render": "build", "write_outputs": "build",
         "ConfigError": "problems", "InputError": "problems", "Problem": "problems", "Problems": "problems"}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """`graph.build` stays the build function of __all__ when the graph.build module is imported
    (the import system would set the package attribute to the module)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "build" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def load(seeds_dir: Path | str | None = None, sources_dir: Path | str | None = None,
         reference_dir: Path | str | None = None, as_of: str | None = None) -> Built:
    """Read, check and build the seeds; raises InputError listing every problem. as_of ("2024",
    "2024-06", "2024-06-30"): the graph as of that date, as `--as-of` gives it (ValueError if it is
    no date); built.snapshot then says what was kept and left out."""
    from pathlib import Path

    from .build import Settings, build
    from .snapshot import AsOf

    def as_path(value: Path | str | None) -> Path | None:
        return Path(value) if value is not None else None

    snapshot = AsOf.parse(as_of) if as_of is not None else None
    return build(Settings.resolve(as_path(seeds_dir), as_path(sources_dir), as_path(reference_dir), snapshot))
