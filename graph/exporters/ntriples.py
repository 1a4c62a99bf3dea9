"""N-Triples, one triple a line, sorted so that diffs review cleanly: the model's lines as the
writer made them (each term written by Oxigraph)."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .base import ExportInput


def export(data: ExportInput) -> bytes:
    return data.ntriples
