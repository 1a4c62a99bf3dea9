"""`jjjkg report`: out/report.html, one self-contained page for a paper or an article: the flow
matrix (a Sankey diagram), the hubs, the timeline, every indicator's values and the sources, each
number linked to the quote that states it.

Charts are drawn by Apache ECharts 6.1.0 (Apache-2.0; static/echarts.LICENSE), inlined from the file
tools/vendor_echarts.py copies out of its npm package; the page fetches nothing and runs only its
own scripts (a Content-Security-Policy with their hashes, as the network view)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..inline_page import csp_hash, inline, json_for_script
from .sections import Quotes, indicators, sources

if TYPE_CHECKING:
    from ..settings import Built

HERE = Path(__file__).resolve().parent
REPORT_FILE = "report.html"
SCRIPTS = ("echarts.min.js", "charts.js", "report.js")
HEADING = {"zh": "京津冀产业联系：报告", "en": "Beijing–Tianjin–Hebei industrial linkages: a report"}


def report_data(built: Built, lang: str = "zh", level: str = "prefecture") -> dict[str, Any]:
    """The page's data: the flow matrix at `level`, the hubs, the timeline, the indicators and the
    sources; quotes numbered in the order first cited."""
    from .analysis_sections import flows_section, hubs_section, timeline_section

    quotes = Quotes(built.seeds)
    data: dict[str, Any] = {"lang": lang, "heading": HEADING}
    data["flows"] = flows_section(built, quotes, level)
    data["hubs"] = hubs_section(built, quotes)
    data["timeline"] = timeline_section(built, quotes)
    data["indicators"] = indicators(built.seeds, built.schema, quotes)
    data["sources"] = sources(built.seeds, quotes)
    facts, values = len(built.seeds.facts), len(built.seeds.observations)
    data["metaZh"] = f"{len(built.seeds.sources)} 篇来源，{facts} 条事实，{values} 个指标值"
    data["metaEn"] = f"{len(built.seeds.sources)} sources, {facts} facts, {values} indicator values"
    data["quotes"] = quotes.items
    return data


def render_report(data: dict[str, Any]) -> bytes:
    import jinja2  # only the pages use it

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             keep_trailing_newline=True)
    scripts = [inline(HERE / "static" / name, "script") for name in SCRIPTS]
    html = env.get_template("report.html").render(
        lang=data["lang"], title=data["heading"][data["lang"]], scripts=scripts,
        script_hashes=" ".join(csp_hash(s) for s in scripts), data=Markup(json_for_script(data)))
    return html.encode("utf-8")


def make_report(built: Built, lang: str = "zh", level: str = "prefecture") -> bytes:
    return render_report(report_data(built, lang, level))
