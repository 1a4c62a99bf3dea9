"""`jjjkg report`: a thin call of graph.report (the page) and graph.report.chart_files (--charts)."""
from __future__ import annotations

import argparse
from pathlib import Path

from .build import write_outputs
from .cli_common import built_of

DEFAULT_OUT = Path("out") / "report.html"


def cmd_report(args: argparse.Namespace) -> int:
    from .report import ReportInput, render_report, report_data

    if args.store:  # an import's store: read with SPARQL (graph/analysis/store_network.py)
        from .cli_analysis import open_store

        made = ReportInput.of_store(*open_store(args))
    else:
        made = ReportInput.of_built(built_of(args))
    data = report_data(made, args.lang, args.level)
    html = render_report(data)
    out: Path = args.out or DEFAULT_OUT
    if args.charts is not None:  # rendered before anything is written: all or nothing
        from .report.chart_files import render_svgs, write_charts

        render_svgs(data, args.lang)
    write_outputs({out.name: html}, out.parent)
    shown, total = len(data["flows"]["cells"]), data["flows"]["total"]
    counts = (f"{shown}{f' of {total}' if total > shown else ''} flows, {len(data['hubs'])} hubs, {len(data['timeline'])} events, "
              f"{sum(len(i['values']) for i in data['indicators'])} indicator values, {len(data['quotes'])} quotes")
    print(f"wrote {out}: {counts} ({len(html) / 1e6:.1f} MB)")
    if args.charts is not None:
        files = write_charts(data, args.lang, args.charts)
        print(f"wrote {len(files)} charts to {args.charts} (SVG)")
    return 0
