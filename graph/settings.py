"""What a build is given (Settings: where the seeds, texts and reference tables are) and what it
gives (Built: the checked model, the rdflib graph, the NetworkX graph). They live below `build`,
`query` and `view`, so that those can name them without importing one another."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
from rdflib import Graph

from .model import Seeds
from .problems import ConfigError, Loc
from .resources import REFERENCE_DIR_NAME, SEEDS_DIR, SHIPPED_REFERENCE_DIR, TEXTS_DIR_NAME
from .safe_io import shown
from .schema import Schema


@dataclass(frozen=True)
class Settings:
    seeds_dir: Path = SEEDS_DIR
    sources_dir: Path | None = None
    reference_dir: Path | None = None

    @classmethod
    def resolve(cls, seeds_dir: Path | None = None, sources_dir: Path | None = None,
                reference_dir: Path | None = None) -> Settings:
        """Fill in directories: the option, else $JJJKG_SOURCES / $JJJKG_REFERENCE, else the seeds
        folder's texts/ and reference/ (the shipped seeds carry both). A seeds folder of a user's
        own without reference/ is checked against the shipped reference tables."""
        seeds_dir = seeds_dir or SEEDS_DIR
        if not is_directory(seeds_dir, "--seeds"):
            raise ConfigError(f"--seeds: {shown(seeds_dir)} is not a directory")
        own_reference = seeds_dir / REFERENCE_DIR_NAME
        sources = _pick(sources_dir, "JJJKG_SOURCES", seeds_dir / TEXTS_DIR_NAME, "--sources-dir")
        reference = _pick(reference_dir, "JJJKG_REFERENCE",
                          own_reference if is_directory(own_reference, "--seeds") else SHIPPED_REFERENCE_DIR,
                          "--reference-dir")
        return cls(seeds_dir, sources, reference)


def is_directory(path: Path, option: str) -> bool:
    """path.is_dir(), with a path the system refuses (too long a name, no permission) a ConfigError."""
    try:
        return path.is_dir()
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ConfigError(f"{option}: cannot use {shown(path)}: {reason}") from exc


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
    seeds: Seeds
    schema: Schema
    graph: Graph
    network: nx.MultiDiGraph
    notes: list[str] = field(default_factory=list)

    def where(self) -> dict[str, Loc]:
        return self.seeds.where()
