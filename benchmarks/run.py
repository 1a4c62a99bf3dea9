"""Issue 15's scale figures in one run, each side by side with its floor, runs interleaved.

Run:  python benchmarks/run.py [--rows 1000000] [--facts 1000 3000 10000 30000] [--repeat 5] [--work DIR]

Every figure is a whole process (wall time, and peak RSS from wait4), except the query rows, which
time each query alone in a process that has the store open (best of 3). Small cases run --repeat
rounds, every command once per round with its floor first, so noise hits them alike; medians are
reported with the load average. Inputs come from benchmarks/synthetic.py. Nothing is asserted
(machines are shared and noisy). Targets (issue 15): curated build <= 1.5x the import floor,
`--format turtle` <= 1.2x, validate <= 3x; 10k YAML facts <= 4 s, growth exponent <= 1.1 net of the
curated build; 1M CSV rows <= 2.5x the pyoxigraph floor and <= 3 GB; the flows query on the 1M-row
store <= 0.3 s and every catalogue query <= 2 s (each `jjjkg query --store` process, stopped at 20 s).
"""
from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from graph.query import load_catalogue  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "seeds" / "reference"
FLOWS = """import sys, time, pyoxigraph as ox
from graph.store_layout import query_dataset
store = ox.Store.read_only(sys.argv[1]); text = open(sys.argv[2], encoding="utf-8").read()
times = []
for _ in range(3):
    start = time.perf_counter(); rows = list(store.query(text, **query_dataset(text))); times.append(time.perf_counter() - start)
print(min(times), len(rows))"""
QUERY_TIMEOUT_S = 20
OX_FLOOR = "import sys, pyoxigraph as ox; ox.Store().bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_TRIPLES)"
FLOOR = [sys.executable, "-c", "import rdflib, networkx, yaml, pyvis"]


def measure(cmd: list[str], allow_fail: bool = False) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in GB, and standard output of one process ("" if it failed and
    allow_fail)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)  # wait4, not Popen.wait: it also gives the child's peak RSS
        process.returncode = status
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        if status and allow_fail:
            return seconds, usage.ru_maxrss / 1024 / 1024, ""
        if status:
            sys.exit(f"failed: {' '.join(cmd)}\n{err.read().decode(errors='replace')[-2000:]}")
        return seconds, usage.ru_maxrss / 1024 / 1024, out.read().decode()


def interleaved(cases: dict[str, list[str]], repeat: int) -> dict[str, tuple[float, float]]:
    """Median wall seconds and peak GB of each command, every command once per round."""
    runs: dict[str, list[tuple[float, float, str]]] = {name: [] for name in cases}
    for _ in range(repeat):
        for name, cmd in cases.items():
            runs[name].append(measure(cmd))
    return {name: (statistics.median(r[0] for r in found), max(r[1] for r in found)) for name, found in runs.items()}


def jjjkg(*args: str) -> list[str]:
    return [sys.executable, "-m", "graph", *args]


def exponent(points: list[tuple[int, float]]) -> float:
    """The least-squares slope of log(seconds) on log(facts)."""
    xs, ys = [math.log(n) for n, _ in points], [math.log(max(t, 1e-3)) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="*", default=[1_000_000], help="CSV table sizes")
    parser.add_argument("--facts", type=int, nargs="*", default=[1_000, 3_000, 10_000, 30_000], help="YAML seed sizes")
    parser.add_argument("--repeat", type=int, default=5, help="interleaved rounds of the small cases (medians)")
    parser.add_argument("--work", type=Path, default=None, help="folder for the inputs and outputs (default: temporary)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="jjjkg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, str, str, str, str]] = []

    def add(what: str, seconds: float, gb: float | None, against: str = "", target: str = "") -> None:
        rows.append((what, f"{seconds:9.3f}", f"{gb:6.2f}" if gb is not None else "", against, target))
        print(f"  {what}: {seconds:.2f} s", file=sys.stderr, flush=True)

    small = interleaved({"floor": FLOOR, "build": jjjkg("build", "--out", str(work / "curated")),
                         "turtle": jjjkg("build", "--format", "turtle", "--out", str(work / "turtle")),
                         "validate": jjjkg("validate")}, args.repeat)
    floor = small["floor"][0]
    add("import floor: rdflib, networkx, yaml, pyvis", *small["floor"])
    add("jjjkg build, curated seeds, all outputs", *small["build"], f"{small['build'][0] / floor:.2f}x floor", "<= 1.5x")
    add("jjjkg build --format turtle, curated seeds", *small["turtle"], f"{small['turtle'][0] / floor:.2f}x floor",
        "<= 1.2x")
    add("jjjkg validate, curated seeds (incl. SHACL)", *small["validate"],
        f"{small['validate'][0] / floor:.2f}x floor", "<= 3x")

    net: list[tuple[int, float]] = []
    for facts in args.facts:
        seeds_dir, texts = synthetic.seeds(facts, work)
        cmd = jjjkg("build", "--seeds", str(seeds_dir), "--sources-dir", str(texts), "--out", str(work / f"y{facts}"))
        found = interleaved({"curated": jjjkg("build", "--out", str(work / "curated")), "yaml": cmd},
                            args.repeat if facts <= 3_000 else max(1, args.repeat // 2))
        seconds, gb = found["yaml"]
        net.append((facts, seconds - found["curated"][0]))
        add(f"jjjkg build, YAML seeds with {facts:,} synthetic facts (+ the curated)", seconds, gb,
            f"net {net[-1][1]:.2f} s", "10k: <= 4 s")
    if len(net) >= 2:
        rows.append((f"growth exponent {net[0][0]:,} -> {net[-1][0]:,} facts, net of the curated build",
                     f"{exponent(net):9.3f}", "", "least squares", "<= 1.1"))

    for count in args.rows:
        table, mapping = synthetic.table(count, work)
        out = work / f"csv{count}"
        seconds, gb, _ = measure(jjjkg("import-csv", str(table), "--mapping", str(mapping), "--out", str(out)))
        nt = out / "jjjkg.nt"
        triples = sum(1 for _ in open(nt, "rb"))
        floor_s, floor_gb, _ = measure([sys.executable, "-c", OX_FLOOR, str(nt)])
        add(f"pyoxigraph floor: load its {triples:,} triples (N-Triples, in memory)", floor_s, floor_gb)
        add(f"jjjkg import-csv, {count:,} rows (incl. curated build, Turtle, store)", seconds, gb,
            f"{seconds / floor_s:.2f}x floor", "<= 2.5x, <= 3 GB")
        _, _, flows = measure([sys.executable, "-c", FLOWS, str(out / "jjjkg.oxigraph"),
                               str(ROOT / "queries" / "linkage-flows-by-province.rq")])
        add(f"flows query alone, {count:,} rows (on-disk store, best of 3)", float(flows.split()[0]), None,
            f"{flows.split()[1]} rows", "<= 0.3 s")
        for name in sorted(load_catalogue()):
            seconds, _, answer = measure(jjjkg("query", name, "--store", str(out / "jjjkg.oxigraph"), "--format", "csv",
                                               "--timeout-s", str(QUERY_TIMEOUT_S)), allow_fail=True)
            shown = f"{max(answer.count(chr(10)) - 1, 0)} rows" if answer else f"stopped at {QUERY_TIMEOUT_S} s"
            add(f"jjjkg query {name}, {count:,} rows (whole process)", seconds, None, shown, "<= 2 s")
    width = max(len(r[0]) for r in rows)
    print(f"\nload average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'what':{width}} {'seconds':>9} {'GB':>6}  {'compared':<14} target")
    for what, seconds, gb, against, target in rows:
        print(f"{what:{width}} {seconds} {gb:>6}  {against:<14} {target}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
