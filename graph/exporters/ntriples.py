"""N-Triples, one triple a line, sorted so that diffs review cleanly (written by Oxigraph)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

if TYPE_CHECKING:
    from .base import ExportInput


def export(data: ExportInput) -> bytes:
    text = ox.serialize(data.triples, format=ox.RdfFormat.N_TRIPLES)
    lines = sorted(line for line in text.split(b"\n") if line.strip())
    return b"\n".join(lines) + b"\n"
