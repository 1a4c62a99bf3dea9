"""Plain-text tables aligned for a terminal: Chinese characters take two columns."""
from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def display_width(text: str) -> int:
    """Columns the text takes in a monospace terminal (wide and full-width characters count 2)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def render_table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric: Sequence[bool] = ()) -> str:
    """An aligned table with a rule under the header; numeric columns are right-aligned."""
    cells = [[_clean(str(v)) for v in row] for row in rows]
    widths = [display_width(h) for h in headers]
    for row in cells:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], display_width(value))
    right = list(numeric) + [False] * (len(headers) - len(numeric))
    lines = ["  ".join(pad(h, w, r) for h, w, r in zip(headers, widths, right)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(pad(v, w, r) for v, w, r in zip(row, widths, right)).rstrip() for row in cells]
    return "\n".join(lines)


def _clean(value: str) -> str:
    """One line per cell: control characters (newlines, escapes) from data never reach the terminal."""
    return "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in value)
