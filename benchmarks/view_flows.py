"""Issue 16: the aggregated flows view of a large import: how long it takes to make, how large it
is, and how fast Chromium first draws it.

Run:  python benchmarks/view_flows.py [--rows 1000000] [--repeat 3] [--work DIR]
Needs Chromium (Debian: apt-get install -y chromium) and the test extras (playwright).

1. benchmarks/synthetic.py's table of --rows firm movements is imported in a child process as
   `jjjkg import-csv` does it (import_csv, collector on): the whole import's wall time and peak RSS,
   and, from the progress phases, the time of "making the flows view" within it (the page made from
   the store and the statements' ends the import noted as it streamed the rows).
2. On the finished store, in this process: the page function again, given the statements' ends read
   back from the store beforehand (what the import does), and the page from the store alone (the
   statements read by the page's own SPARQL pass), each timed; both pages must be the import's bytes.
3. The page's size, and its parts (vis-network, the base map, the statements).
4. Chromium, networking blocked: performance.now() at vis-network's first "afterDrawing" (from
   navigation start: reading the file, the JSON, the DataSets), median of --repeat loads.
5. The largest prefecture arrow's query through `jjjkg query --store` (whole process, CSV): its rows
   must be the arrow's count.
6. With --network-rows N…: smaller tables imported with the network view whatever their size
   (importer.FLOWS_VIEW raised in the child), and that view's first draw and drawn edges: where the
   threshold comes from.
Nothing is asserted but the equalities above; the figures are recorded in benchmarks/README.md.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import shlex
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import synthetic  # noqa: E402
from browser import chromium, open_view  # noqa: E402
from run import measure  # noqa: E402

CHILD = """import json, sys, time
from pathlib import Path
from graph.build import Settings
from graph.importer import import_csv
from graph.progress import Progress

class Phases(Progress):
    def __init__(self, total: int) -> None:
        super().__init__("", total, enabled=False)
        self.marks: list[tuple[str, float]] = []
    def phase(self, text: str) -> None:
        self.marks.append((text, time.perf_counter()))

table, mapping, out = map(Path, sys.argv[1:4])
if len(sys.argv) > 4:  # --network-rows: the network view whatever the size, to see where it stops serving
    import graph.importer
    graph.importer.FLOWS_VIEW = int(sys.argv[4])
phases = Phases(table.stat().st_size)
start = time.perf_counter()
result = import_csv(Settings.resolve(), table, mapping, out, progress=phases)
print(json.dumps({"start": start, "end": time.perf_counter(), "marks": phases.marks, "facts": result.report.facts}))
"""
READY = "window.jjjkgFlows && window.jjjkgFlows.drawn"


def page_parts(html: bytes) -> dict[str, int]:
    """Bytes of the page's parts: the data block by key, and the scripts and styles."""
    text = html.decode("utf-8")
    data = json.loads(re.search(r'id="jjjkg-data">(.*?)</script>', text, re.S).group(1))  # type: ignore[union-attr]
    parts = {f"data.{key}": len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode())
             for key, value in data.items()}
    parts["scripts and styles"] = len(html) - sum(parts.values())
    return dict(sorted(parts.items(), key=lambda kv: -kv[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="table size")
    parser.add_argument("--repeat", type=int, default=3, help="page loads in Chromium (median reported)")
    parser.add_argument("--work", type=Path, default=None, help="folder for the table and the import (default: temporary)")
    parser.add_argument("--network-rows", type=int, nargs="*", default=[],
                        help="also time the full network view of imports this size (e.g. 2000 5000 10000)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="jjjkg-flows-"))
    table, mapping = synthetic.table(args.rows, work)
    out = work / f"out{args.rows}"
    seconds, gb, printed = measure([sys.executable, "-c", CHILD, str(table), str(mapping), str(out)])
    run: dict[str, Any] = json.loads(printed.strip().splitlines()[-1])
    marks = [*run["marks"], ["end", run["end"]]]
    phase = {text: marks[i + 1][1] - at for i, (text, at) in enumerate(marks[:-1])}
    flows_s = phase.get("making the flows view")
    html = (out / "network.html").read_bytes()

    import pyoxigraph as ox

    from graph.schema import load_schema
    from graph.view.flows import flows_page
    from graph.view.flows_store import FlowStore

    schema = load_schema()
    store = ox.Store.read_only(str(out / "jjjkg.oxigraph"))
    begin = time.perf_counter()
    rows = list(FlowStore(store, schema).statements())
    read_s = time.perf_counter() - begin
    begin = time.perf_counter()
    given = flows_page(store, schema, rows)
    given_s = time.perf_counter() - begin
    del rows
    begin = time.perf_counter()
    alone = flows_page(store, schema)
    alone_s = time.perf_counter() - begin
    assert given == html and alone == html, "the pages differ"
    data = json.loads(re.search(rb'id="jjjkg-data">(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]

    draws, drawn = [], []
    with chromium() as browser:
        for _ in range(args.repeat):
            opened = open_view(browser, out / "network.html", ready=READY, timeout_ms=60000)
            draws.append(opened.js("jjjkgFlows.firstDrawMs") / 1000)
            drawn.append(opened.js("jjjkgFlows.network.body.edgeIndices.length"))
            assert not opened.errors, opened.errors
            opened.page.context.close()

    arrow = max((a for a in data["arrows"] if a["level"] == "prefecture"), key=lambda a: a["count"])
    command = shlex.split("jjjkg query --store jjjkg.oxigraph --format csv -e " + shlex.quote(arrow["query"]))
    command[command.index("--store") + 1] = str(out / "jjjkg.oxigraph")  # the page's folder is not ours
    query_s, _, answer = measure([sys.executable, "-m", "graph", *command[1:], "--timeout-s", "600"])
    listed = list(csv.DictReader(io.StringIO(answer)))
    assert len(listed) == arrow["count"], (len(listed), arrow["count"])

    network = []
    for rows_n in args.network_rows:
        small_table, _ = synthetic.table(rows_n, work)
        small_out = work / f"network{rows_n}"
        measure([sys.executable, "-c", CHILD, str(small_table), str(mapping), str(small_out), str(10**9)])
        with chromium() as browser:
            loads = []
            for _ in range(args.repeat):
                opened = open_view(browser, small_out / "network.html", timeout_ms=120000)
                loads.append(opened.js("jjjkgView.firstDrawMs") / 1000)
                edges = opened.js("jjjkgView.network.body.edgeIndices.length")
                opened.page.context.close()
        network.append((rows_n, edges, statistics.median(loads), (small_out / "network.html").stat().st_size))

    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{args.rows:,} rows, {run['facts']:,} facts imported")
    print(f"  jjjkg import-csv, whole process                      {seconds:8.2f} s  peak {gb:.2f} GB")
    for text, took in phase.items():
        print(f"    {text:51} {took:8.2f} s")
    print(f"  flows page within the import                         {flows_s if flows_s is not None else float('nan'):8.2f} s")
    print(f"  flows page, statements' ends given (as the import)    {given_s:8.2f} s")
    print(f"  statements' ends read from the store (SPARQL)        {read_s:8.2f} s")
    print(f"  flows page from the store alone                      {alone_s:8.2f} s")
    print(f"  page size {len(html):,} bytes; {len(data['arrows'])} arrows, {len(data['facts']):,} statements listed, "
          f"{len(data['entities']):,} entities")
    for part, size in page_parts(html).items():
        print(f"    {part:30} {size:>10,} bytes")
    print(f"  first draw in Chromium: median {statistics.median(draws):.2f} s "
          f"(min {min(draws):.2f}, max {max(draws):.2f}; {args.repeat} loads; {drawn[0]} arrows drawn)")
    print(f"  query of the largest prefecture arrow ({arrow['from']} -> {arrow['to']}, {arrow['group']}): "
          f"{len(listed):,} rows in {query_s:.2f} s (jjjkg query --store, whole process)")
    for rows_n, edges, draw, size in network:
        print(f"  network view of a {rows_n:,}-row import: {edges:,} edges drawn, first draw {draw:.2f} s "
              f"(median of {args.repeat}), {size:,} bytes")


if __name__ == "__main__":
    main()
