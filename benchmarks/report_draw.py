"""How big the report is, how long it takes to make, and how soon Chromium draws it.

Run:  python benchmarks/report_draw.py [--repeat 3]
Needs Chromium (Debian: apt-get install -y chromium) and the test extras (playwright).

Builds the curated graph once, then times report_data + render_report (the page's data: flow matrix,
hubs, timeline, indicators, sources; the HTML with ECharts inlined) and, opening the page from
file:// with networking blocked, performance.now() when report.js has drawn every chart (from
navigation start: parsing the 1.1 MB of ECharts and the data included). Medians of --repeat runs,
with the load average before and after. No assertions: the figures go to benchmarks/README.md.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import graph  # noqa: E402
from browser import chromium, open_view  # noqa: E402
from graph.report import render_report, report_data  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measure (median reported)")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()}")
    built = graph.load(None, ROOT / "seeds" / "texts", ROOT / "seeds" / "reference")
    makes, html = [], b""
    for _ in range(args.repeat):
        start = time.perf_counter()
        html = render_report(report_data(built))
        makes.append(time.perf_counter() - start)
    draws = []
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        path = Path(tmp) / "report.html"
        path.write_bytes(html)
        for _ in range(args.repeat):
            opened = open_view(browser, path, ready="window.jjjkgReport && window.jjjkgReport.drawn")
            draws.append(opened.js("jjjkgReport.firstDrawMs") / 1000)
            charts = opened.js("jjjkgReport.charts.length")
            opened.page.context.close()
    print(f"report.html: {len(html):,} bytes, {charts} charts")
    print(f"make (data + page): median {statistics.median(makes):.2f} s (min {min(makes):.2f})")
    print(f"first draw in Chromium, every chart: median {statistics.median(draws):.2f} s (min {min(draws):.2f})")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
