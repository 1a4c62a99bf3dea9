"""`jjjkg report`: out/report.html, one self-contained page for a paper or an article: the flow
matrix (a Sankey diagram), the hubs, the timeline, every indicator's values and the sources, each
number linked to the quote that states it.

Charts are drawn by Apache ECharts 6.1.0 (Apache-2.0; static/echarts.LICENSE), inlined from the file
tools/vendor_echarts.py copies out of its npm package; the page fetches nothing and runs only its
own scripts (a Content-Security-Policy with their hashes, as the network view)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..inline_page import csp_hash, inline, json_for_script
from ..model import IndicatorDef, Observation, Source
from ..schema import Schema
from .sections import Quotes, indicators, sources

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph as ox

    from ..settings import Built

HERE = Path(__file__).resolve().parent
REPORT_FILE = "report.html"
SCRIPTS = ("echarts.min.js", "charts.js", "report.js")
HEADING = {"zh": "京津冀产业联系：报告", "en": "Beijing–Tianjin–Hebei industrial linkages: a report"}


@dataclass
class ReportInput:
    """What the report is made of: the network (hubs, timeline, each statement's quote), a store with
    the derived graph (flows), the sources, the indicators and their observations, the names of the
    areas those cite (entity id → zh, en) and how many facts there are."""
    network: nx.MultiDiGraph
    schema: Schema
    store: ox.Store
    sources: Mapping[str, Source]
    indicators: Mapping[str, IndicatorDef]
    observations: list[Observation]
    names: Mapping[str, tuple[str, str]]
    facts: int

    @classmethod
    def of_built(cls, built: Built) -> ReportInput:
        from ..analysis.flows import curated_store

        return cls(built.network, built.schema, curated_store(built), built.seeds.sources, built.seeds.indicators,
                   built.seeds.observations, {k: (e.zh, e.en) for k, e in built.seeds.entities.items()},
                   len(built.seeds.facts))

    @classmethod
    def of_store(cls, store: ox.Store, schema: Schema) -> ReportInput:
        """An import's store (graph/analysis/store_network.py): read with SPARQL, no rdflib."""
        from ..analysis.store_network import statement_count, store_indicators, store_network, store_sources

        definitions, observations, names = store_indicators(store, schema)
        return cls(store_network(store, schema), schema, store, store_sources(store), definitions, observations,
                   names, statement_count(store))


def report_data(given: Built | ReportInput, lang: str = "zh", level: str = "prefecture") -> dict[str, Any]:
    """The page's data: the flow matrix at `level`, the hubs, the timeline, the indicators and the
    sources; quotes numbered in the order first cited. Large graphs are bounded: the largest flow
    cells, the top hubs and the latest events (graph/report/analysis_sections.py), each saying so."""
    from .analysis_sections import flows_section, hubs_section, timeline_section

    made = given if isinstance(given, ReportInput) else ReportInput.of_built(given)
    quotes = Quotes(made.sources)
    data: dict[str, Any] = {"lang": lang, "heading": HEADING}
    data["flows"] = flows_section(made, quotes, level)
    data["hubs"] = hubs_section(made, quotes)
    data["timeline"], data["timelineNote"] = timeline_section(made, quotes)
    data["indicators"] = indicators(made.indicators, made.observations, made.names, made.schema, quotes)
    data["sources"] = sources(made.sources, quotes)
    facts, values = made.facts, len(made.observations)
    data["metaZh"] = f"{len(made.sources)} 篇来源，{facts} 条事实，{values} 个指标值" + data["timelineNote"][0]
    data["metaEn"] = f"{len(made.sources)} sources, {facts} facts, {values} indicator values" + data["timelineNote"][1]
    data["quotes"] = quotes.items
    return data


def render_report(data: dict[str, Any]) -> bytes:
    import jinja2  # only the pages use it

    env = jinja2.Environment(  # the pages' shared head.html (CSP, meta) is the view's
        loader=jinja2.FileSystemLoader([HERE / "templates", HERE.parent / "view" / "templates"]), autoescape=True,
        keep_trailing_newline=True)
    scripts = [inline(HERE / "static" / name, "script") for name in SCRIPTS]
    html = env.get_template("report.html").render(
        lang=data["lang"], title=data["heading"][data["lang"]], scripts=scripts,
        script_hashes=" ".join(csp_hash(s) for s in scripts), data=Markup(json_for_script(data)))
    return html.encode("utf-8")


def make_report(built: Built, lang: str = "zh", level: str = "prefecture") -> bytes:
    return render_report(report_data(built, lang, level))
