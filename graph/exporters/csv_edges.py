"""A CSV edge list (for pandas, spreadsheets): one row per edge, with labels, date, source and quote."""
from __future__ import annotations

import csv
import io

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import ExportInput

COLUMNS = ["subject", "subject_zh", "subject_en", "relation", "relation_zh", "relation_en", "object", "object_zh",
           "object_en", "date", "source", "quote", "statement"]


def export(data: ExportInput) -> bytes:
    network = data.network
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    rows = []
    for s, o, data in network.edges(data=True):
        rows.append([s, network.nodes[s]["zh"], network.nodes[s]["en"], data["relation"], data["relation_zh"],
                     data["relation_en"], o, network.nodes[o]["zh"], network.nodes[o]["en"], data.get("date", ""),
                     data["source"], data["quote"], data["statement"]])
    writer.writerows(sorted(rows))
    return buffer.getvalue().encode("utf-8")
