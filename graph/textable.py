"""Plain-text tables aligned for a terminal: Chinese characters take two columns."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence


def display_width(text: str) -> int:
    """Columns the text takes in a monospace terminal (wide and full-width characters count 2)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def render_table(headers: Sequence[str], rows: Sequence[Sequence[object]], numeric: Sequence[bool] = (),
                 width: int | None = None) -> str:
    """An aligned table with a rule under the header; numeric columns are right-aligned. Given a
    width (a terminal's), the widest columns are narrowed until the table fits and their cells wrap
    onto more lines; nothing is cut, so a quote stays whole. Without one, a row is one line."""
    cells = [[_clean(str(v)) for v in row] for row in rows]
    natural = [display_width(h) for h in headers]
    for row in cells:
        for i, value in enumerate(row):
            natural[i] = max(natural[i], display_width(value))
    widths = natural if width is None else fit_widths(natural, width)
    right = list(numeric) + [False] * (len(headers) - len(numeric))

    def lines_of(row: Sequence[str]) -> list[str]:
        wrapped = [wrap(value, w) for value, w in zip(row, widths)]
        return ["  ".join(pad(part[k] if k < len(part) else "", w, r)
                          for part, w, r in zip(wrapped, widths, right)).rstrip()
                for k in range(max(len(part) for part in wrapped))]

    lines = lines_of(list(headers)) + ["  ".join("-" * w for w in widths)]
    for row in cells:
        lines += lines_of(row)
    return "\n".join(lines)


MIN_COLUMN = 8  # a column is never narrowed below this (or its natural width, if smaller)


def fit_widths(natural: Sequence[int], width: int) -> list[int]:
    """Column widths that fit `width` with two spaces between columns. Columns narrower than an
    even share keep their natural width; the rest get at least a floor each, and the room left over
    goes to them in proportion to how much wider they would be (so a quote gets most of it)."""
    room = width - 2 * (len(natural) - 1)
    if sum(natural) <= room:
        return list(natural)
    floor = min(MIN_COLUMN, max(3, room // len(natural)))  # many columns: narrower still, but fit
    kept = [i for i in range(len(natural)) if natural[i] <= floor]
    while True:  # water-filling: a column needing less than the share keeps its width
        left = [i for i in range(len(natural)) if i not in kept]
        share = (room - sum(natural[i] for i in kept)) // max(1, len(left))
        fitting = [i for i in left if natural[i] <= share]
        if not fitting:
            break
        kept += fitting
    widths = list(natural)
    spare = max(0, room - sum(natural[i] for i in kept) - floor * len(left))
    excess = sum(natural[i] - floor for i in left) or 1
    for i in left:
        widths[i] = floor + spare * (natural[i] - floor) // excess
    return widths


def wrap(text: str, width: int) -> list[str]:
    """text in lines of at most `width` columns: Latin words are kept whole where they fit, Chinese
    breaks between any two characters."""
    if display_width(text) <= width:
        return [text]
    lines, line = [], ""
    for token in _TOKENS.findall(text):
        while display_width(token.rstrip()) > width:  # a word longer than the column: cut it
            if line:
                lines.append(line.rstrip())
                line = ""
            cut = max(1, _cut(token, width))
            lines.append(token[:cut])
            token = token[cut:]
        if display_width(line + token.rstrip()) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _cut(token: str, room: int) -> int:
    """How many characters of token fit in room columns."""
    used = 0
    for count, ch in enumerate(token):
        used += display_width(ch)
        if used > room:
            return count
    return len(token)


_TOKENS = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef][\s]*|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+\s*|\s+")


def _clean(value: str) -> str:
    """One line per cell: control characters (newlines, escapes) from data never reach the terminal."""
    return "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in value)
