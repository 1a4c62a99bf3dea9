"""The report page: its data (every number cites a quote that is in the list, verbatim from the seeds)
and, in headless Chromium with networking blocked, every chart drawn and non-blank, no request,
each number's quote reachable, hostile strings inert."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import graph
from browser import open_view, wait_until
from graph.report import make_report, report_data

READY = "window.jjjkgReport && window.jjjkgReport.drawn"


def _data(html: bytes) -> dict[str, Any]:
    block = re.search(rb'<script type="application/json" id="jjjkg-report">(.*?)</script>', html, re.S)
    assert block
    return json.loads(block.group(1))  # type: ignore[no-any-return]


def test_every_number_cites_a_listed_quote_from_the_seeds(curated: graph.Built) -> None:
    data = report_data(curated)
    listed = {q["id"]: q for q in data["quotes"]}
    seeds_quotes = {o.quote for o in curated.seeds.observations} | {f.quote for f in curated.seeds.facts}
    values = [v for i in data["indicators"] for v in i["values"]]
    assert len(values) == len(curated.seeds.observations)  # every indicator value of the seeds is in the report
    assert all(v["quote"] in listed for v in values)
    assert all(q["quote"] in seeds_quotes for q in listed.values())
    assert {s["id"] for s in data["sources"]} == set(curated.seeds.sources)
    assert make_report(curated) == make_report(curated)  # deterministic


@pytest.fixture(scope="module")
def report_page(curated: graph.Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_bytes(make_report(curated))
    return path


def test_the_report_draws_every_chart_offline(browser: Any, report_page: Path) -> None:
    opened = open_view(browser, report_page, ready=READY, height=1200)
    charts = opened.js("jjjkgReport.charts.length")
    assert charts >= 5
    for i in range(charts):  # each chart's SVG has drawn marks, not just an empty frame
        svg = opened.js(f"jjjkgReport.svg({i})")
        assert svg.startswith("<svg") and svg.count("<path") + svg.count("<rect") > 5, i
    assert opened.requests == [report_page.resolve().as_uri()] and opened.errors == []
    opened.page.context.close()


def test_each_number_leads_to_its_quote(browser: Any, curated: graph.Built, report_page: Path) -> None:
    opened = open_view(browser, report_page, ready=READY, height=1200)
    links = opened.page.locator("a.q")
    assert links.count() >= len(curated.seeds.observations)
    for i in (0, links.count() // 2, links.count() - 1):
        link = links.nth(i)
        ids = link.get_attribute("data-quotes").split()
        assert ids and all(opened.page.locator(f"#quotes li#{q} blockquote").count() == 1 for q in ids)
        link.click()
        assert not opened.page.is_hidden("#picked")
        quote = opened.page.locator(f"#quotes li#{ids[0]} blockquote").text_content()
        assert quote in opened.page.text_content("#picked")
    opened.page.click("#lang")
    assert "Indicators" in opened.page.text_content("#report")
    assert opened.errors == []
    opened.page.context.close()


def test_hostile_strings_stay_text(browser: Any, hostile: graph.Built, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_bytes(make_report(hostile))
    opened = open_view(browser, path, ready=READY)
    assert '<script>window.__pwned = "title"</script>' in opened.page.text_content("#sources")
    for link in opened.page.locator("a.q").all():
        link.click()
    wait_until(opened.page, "true")
    opened.page.wait_for_timeout(200)
    assert opened.js("typeof window.__pwned") == "undefined"
    assert opened.js("document.querySelectorAll('img, iframe, object, embed, b').length") == 0
    assert opened.requests == [path.resolve().as_uri()] and opened.errors == []
    opened.page.context.close()


def test_the_report_command_writes_the_page_and_its_charts(tmp_path: Path) -> None:
    from conftest import run_cli

    out, charts = tmp_path / "report.html", tmp_path / "charts"
    done = run_cli("report", "--out", str(out), "--charts", str(charts), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"wrote {out}: ") and "quotes" in done.stdout
    svgs = sorted(charts.glob("*.svg"))
    assert len(svgs) >= 5 and {"flows.svg", "hubs.svg", "timeline.svg"} <= {p.name for p in svgs}
    for svg in svgs:
        text = svg.read_text(encoding="utf-8")
        assert text.startswith("<svg") and "<path" in text
    assert "Beijing" in (charts / "flows.svg").read_text(encoding="utf-8")  # the English labels
    assert not list(charts.glob(".charts-*"))  # no staging left behind


def test_charts_without_node_exit_2_and_write_nothing(tmp_path: Path) -> None:
    import os
    import sys

    from conftest import run_cli

    bare = tmp_path / "bin"
    bare.mkdir()
    (bare / "python").symlink_to(sys.executable)  # a PATH with Python and nothing else
    out = tmp_path / "out" / "report.html"
    done = run_cli("report", "--out", str(out), "--charts", str(tmp_path / "charts"), env={"PATH": str(bare)})
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [done.stderr.strip()] and "--charts" in done.stderr and "Node.js" in done.stderr
    assert not out.exists() and not (tmp_path / "charts").exists()
    assert os.environ.get("PATH")  # the test's own PATH is untouched
