"""All of issue 6's scale figures in one run, side by side with the obvious alternatives.

Run:  python benchmarks/run.py [--rows 100000 1000000] [--facts 1000 10000] [--work DIR]

Every figure is a whole process (wall time, and peak RSS from wait4), except the query rows,
which time the query alone in a process that has the data loaded. Inputs come from
benchmarks/synthetic.py. Prints a table; nothing is asserted (machines are shared and noisy).
Targets (issue 6): curated build <= 1.5x the import floor; 10k YAML facts <= 10 s with growth
exponent <= 1.1; 1M CSV rows <= 3x the pyoxigraph N-Triples floor and <= 4 GB; flows query on
the 1M-row graph <= 0.5 s.
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

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "seeds" / "reference"
FLOWS = ROOT / "queries" / "linkage-flows-by-province.rq"
OX_QUERY = """import sys, time, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1]); text = open(sys.argv[2], encoding="utf-8").read()
times = []
for _ in range(3):
    start = time.perf_counter(); rows = list(store.query(text, use_default_graph_as_union=True))
    times.append(time.perf_counter() - start)
print(min(times), len(rows))"""
RDFLIB_QUERY = """import sys, time, rdflib
start = time.perf_counter()
graph = rdflib.Dataset(default_union=True); graph.parse(sys.argv[1], format="nt")
graph.graph(rdflib.URIRef("https://w3id.org/jjjkg/ontology")).parse(sys.argv[3], format="turtle")
loaded = time.perf_counter() - start
start = time.perf_counter(); rows = list(graph.query(open(sys.argv[2], encoding="utf-8").read()))
print(time.perf_counter() - start, len(rows), loaded)"""
OX_FLOOR = "import sys, pyoxigraph as ox; ox.Store().bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_TRIPLES)"


def measure(cmd: list[str], limit_s: float | None = None) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in GB, and standard output of one process; "" as output when it was
    stopped after limit_s seconds."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=err)
        stopped = False
        while True:  # wait4, not Popen.wait: it also gives the child's peak RSS
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if limit_s is not None and time.perf_counter() - start > limit_s:
                process.kill()
                stopped = True
            time.sleep(0.02)
        process.returncode = status
        seconds = time.perf_counter() - start
        if stopped:
            return seconds, usage.ru_maxrss / 1024 / 1024, ""
        out.seek(0)
        err.seek(0)
        if status:
            sys.exit(f"failed: {' '.join(cmd)}\n{err.read().decode(errors='replace')[-2000:]}")
        return seconds, usage.ru_maxrss / 1024 / 1024, out.read().decode()


def median_of(cmd: list[str], repeat: int) -> tuple[float, float]:
    runs = [measure(cmd) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def jjjkg(*args: str) -> list[str]:
    return [sys.executable, "-m", "graph", *args]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000, 1_000_000], help="CSV table sizes")
    parser.add_argument("--facts", type=int, nargs="+", default=[1_000, 10_000], help="YAML seed sizes")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the small cases (median)")
    parser.add_argument("--rdflib-max-rows", type=int, default=100_000,
                        help="largest table rdflib's engine is run on (it needs about 1.4 GB per 1M triples)")
    parser.add_argument("--rdflib-limit-s", type=float, default=300, help="stop rdflib's run after this long")
    parser.add_argument("--work", type=Path, default=None, help="folder for the inputs and outputs (default: temporary)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="jjjkg-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[str, str, str, str, str]] = []

    def add(what: str, seconds: float, gb: float | None, against: str = "", target: str = "") -> None:
        rows.append((what, f"{seconds:9.2f}", f"{gb:6.2f}" if gb is not None else "", against, target))
        print(f"  {what}: {seconds:.2f} s", file=sys.stderr, flush=True)

    floor, floor_gb = median_of([sys.executable, "-c", "import rdflib, networkx, yaml, pyvis"], args.repeat)
    add("import floor: rdflib, networkx, yaml, pyvis", floor, floor_gb)
    curated, curated_gb = median_of(jjjkg("build", "--out", str(work / "curated")), args.repeat)
    add("jjjkg build, curated seeds", curated, curated_gb, f"{curated / floor:.2f}x floor", "<= 1.5x")

    yaml_times: list[tuple[int, float]] = []
    for facts in args.facts:
        seeds_dir, texts = synthetic.seeds(facts, work)
        cmd = jjjkg("build", "--seeds", str(seeds_dir), "--sources-dir", str(texts), "--out", str(work / f"y{facts}"))
        if REFERENCE.is_dir():
            cmd += ["--reference-dir", str(REFERENCE)]
        seconds, gb = median_of(cmd, 1 if facts > 5000 else args.repeat)
        yaml_times.append((facts, seconds))
        add(f"jjjkg build, YAML seeds with {facts:,} synthetic facts", seconds, gb, "", "10k: <= 10 s")
    if len(yaml_times) >= 2:
        (n0, t0), (n1, t1) = yaml_times[0], yaml_times[-1]
        raw = math.log(t1 / t0) / math.log(n1 / n0)
        net = math.log(max(t1 - curated, 1e-3) / max(t0 - curated, 1e-3)) / math.log(n1 / n0)
        rows.append((f"growth exponent {n0:,} -> {n1:,} facts (net of the curated build)", f"{raw:9.2f}", "",
                     f"net {net:.2f}", "<= 1.1"))

    biggest = None
    for count in args.rows:
        table, mapping = synthetic.table(count, work)
        out = work / f"csv{count}"
        seconds, gb, _ = measure(jjjkg("import-csv", str(table), "--mapping", str(mapping), "--out", str(out)))
        nt = out / "jjjkg.nt"
        triples = sum(1 for _ in open(nt, "rb"))
        floor_s, floor_gb, _ = measure([sys.executable, "-c", OX_FLOOR, str(nt)])
        add(f"pyoxigraph floor: load its {triples:,} triples (N-Triples, in memory)", floor_s, floor_gb)
        add(f"jjjkg import-csv, {count:,} rows (incl. curated build, Turtle, store)", seconds, gb,
            f"{seconds / floor_s:.2f}x floor", "1M: <= 3x, <= 4 GB")
        ox_s, _, ox_out = measure([sys.executable, "-c", OX_QUERY, str(out / "jjjkg.oxigraph"), str(FLOWS)])
        add(f"flows query, {count:,} rows: Oxigraph (on-disk store, best of 3)", float(ox_out.split()[0]), None,
            f"{ox_out.split()[1]} rows", "1M: <= 0.5 s")
        if count <= args.rdflib_max_rows:
            rd_s, rd_gb, rd_out = measure([sys.executable, "-c", RDFLIB_QUERY, str(nt), str(FLOWS),
                                           str(ROOT / "ontology" / "jjjkg.ttl")], args.rdflib_limit_s)
            if rd_out:
                query_s, n, loaded = rd_out.split()
                add(f"flows query, {count:,} rows: rdflib engine (after {float(loaded):.0f} s parsing)",
                    float(query_s), rd_gb, f"{n} rows")
            else:
                add(f"flows query, {count:,} rows: rdflib engine (parse + query stopped)", rd_s, rd_gb,
                    "not finished")
        biggest = out
    width = max(len(r[0]) for r in rows)
    print(f"\n{'what':{width}} {'seconds':>9} {'GB':>6}  {'compared':<14} target")
    for what, seconds, gb, against, target in rows:
        print(f"{what:{width}} {seconds} {gb:>6}  {against:<14} {target}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    elif biggest is not None:
        print(f"\ninputs and outputs kept in {work}")


if __name__ == "__main__":
    main()
