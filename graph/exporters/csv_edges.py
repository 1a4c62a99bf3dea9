"""A CSV edge list (for pandas, spreadsheets): one row per edge, with labels, date, source and quote.

UTF-8 without a byte-order mark (Python's csv and other readers would take a BOM into the first
column's name). Cells a spreadsheet would read as a formula (starting with = + - @, tab or carriage
return) get a leading ' as OWASP's CSV-injection guidance advises, and every cell is quoted, so a
separator inside a cell (a ; where that is the list separator) cannot start a new, formula cell."""
from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .base import ExportInput

COLUMNS = ["subject", "subject_zh", "subject_en", "relation", "relation_zh", "relation_en", "object", "object_zh",
           "object_en", "date", "source", "quote", "statement"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: str) -> str:
    """cell, with a leading ' if a spreadsheet would otherwise read it as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def export(data: ExportInput) -> bytes:
    nodes = dict(data.parts[0])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(COLUMNS)
    rows = []
    for s, o, _, attrs in data.parts[1]:
        rows.append([s, nodes[s]["zh"], nodes[s]["en"], attrs["relation"], attrs["relation_zh"],
                     attrs["relation_en"], o, nodes[o]["zh"], nodes[o]["en"], attrs.get("date", ""),
                     attrs["source"], attrs["quote"], attrs["statement"]])
    writer.writerows([neutralised(str(cell)) for cell in row] for row in sorted(rows))
    return buffer.getvalue().encode("utf-8")
