"""The report's analysis sections — the flow matrix, the hubs and the timeline — laid out from
graph.analysis's results: labels in both languages, and every count citing its example quotes."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..analysis.flows import flow_matrix, load_flow_groups
from ..analysis.hubs import rank_network_hubs
from ..analysis.timeline import all_events
from .sections import Quotes

if TYPE_CHECKING:
    from . import ReportInput

FLOW_EXAMPLES = 3  # quotes behind each cell of the matrix
FLOW_CELLS = 60    # the largest cells shown (an import has thousands)
TIMELINE_EVENTS = 200  # the latest events shown
TOP_HUBS = 15
HUB_FACTS = 3
RD_TO_PRODUCTION = {"zh": "此处研发、彼处生产", "en": "R&D here, production there"}


def flows_section(made: ReportInput, quotes: Quotes, level: str = "prefecture") -> dict[str, Any]:
    """The matrix by relation group at `level`, the FLOW_CELLS largest cells, largest first."""
    matrix = flow_matrix(made.store, made.schema, level=level, by="group", examples=FLOW_EXAMPLES)
    groups = {g.key: (g.zh, g.en) for g in load_flow_groups()}
    groups["rd-to-production"] = (RD_TO_PRODUCTION["zh"], RD_TO_PRODUCTION["en"])
    stated = {data["statement"]: (data.get("quote", ""), data.get("source", ""))  # each statement's own quote
              for *_, data in made.network.edges(data=True) if data.get("statement")}
    cells = []
    ordered = sorted(matrix.cells, key=lambda c: (-c.count, c.origin, c.destination, c.key))
    for cell in ordered[:FLOW_CELLS]:
        # An example of "R&D here, production there" is two statements, often of two articles: each
        # is cited with its own quote and source, never the two joined.
        cited = [quotes.cite(statement, stated[statement][0], stated[statement][1], statement)
                 for ex in cell.examples for statement in ex.statements if statement in stated]
        zh, en = groups.get(cell.key, (cell.key, cell.key))
        cells.append({"from": cell.origin, "fromZh": matrix.label(cell.origin, "zh"), "fromEn": matrix.label(cell.origin, "en"),
                      "to": cell.destination, "toZh": matrix.label(cell.destination, "zh"),
                      "toEn": matrix.label(cell.destination, "en"), "key": cell.key, "keyZh": zh, "keyEn": en,
                      "count": cell.count, "counted": cell.counted, "quotes": cited})
    level_zh = "地级" if level == "prefecture" else "省级"
    shown = len(ordered) > FLOW_CELLS
    return {"level": level, "cells": cells, "total": len(ordered),
            "hintZh": f"{level_zh}：每条连线为一地到另一地、一类关系的陈述数（研发—生产为企业数）；点击查看原文。"
                      + (f"仅显示最大的 {FLOW_CELLS} 个（共 {len(ordered)} 个）。" if shown else ""),
            "hintEn": f"{level.capitalize()} level: each band counts the statements of one relation group from one "
                      "place to another (R&D here, production there counts firms); click for the quotes."
                      + (f" The {FLOW_CELLS} largest of {len(ordered)} shown." if shown else "")}


def hubs_section(made: ReportInput, quotes: Quotes) -> list[dict[str, Any]]:
    types = made.schema.types
    out = []
    for hub in rank_network_hubs(made.network, made.schema, made.sources, top=TOP_HUBS, facts=HUB_FACTS):
        cited = [quotes.cite(f.statement, f.quote, f.source, f.statement) for f in hub.top_facts if f.quote]
        kind = types.get(hub.type)
        out.append({"id": hub.id, "zh": hub.label("zh"), "en": hub.label("en"),
                    "typeZh": kind.zh if kind else hub.type, "typeEn": kind.en if kind else hub.type,
                    "degree": hub.degree, "weighted": hub.facts, "betweenness": round(hub.betweenness, 6),
                    "quotes": cited})
    return out


def timeline_section(made: ReportInput, quotes: Quotes) -> tuple[list[dict[str, Any]], tuple[str, str]]:
    """The dated events (the latest TIMELINE_EVENTS of them, in date order), and a note in zh and en
    saying how many were left out ("" when none)."""
    network = made.network
    relations = {r.key: (r.zh, r.en) for r in made.schema.relations.values()}

    def name(node: str, lang: str) -> str:
        data = network.nodes[node] if node in network else {}
        return str(data.get(lang) or data.get("zh" if lang == "en" else "en") or node)

    events = all_events(network, made.sources)
    out = []
    for event in events[-TIMELINE_EVENTS:]:
        fact = event.fact
        zh, en = relations.get(fact.relation, (fact.relation, fact.relation))
        out.append({"date": event.date, "dateText": fact.date_text or event.date,
                    "subjectZh": name(fact.subject, "zh"), "subjectEn": name(fact.subject, "en"),
                    "relationZh": zh, "relationEn": en,
                    "objectZh": name(fact.object, "zh"), "objectEn": name(fact.object, "en"),
                    "quote": quotes.cite(fact.statement, fact.quote, fact.source, fact.statement)})
    if len(events) <= TIMELINE_EVENTS:
        return out, ("", "")
    return out, (f"；时间线仅列最近 {TIMELINE_EVENTS} 件（共 {len(events)} 件）",
                 f"; the timeline lists the latest {TIMELINE_EVENTS} of {len(events)} events")
