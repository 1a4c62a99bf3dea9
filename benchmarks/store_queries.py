"""Every catalogue query timed on an import store, each in its own `jjjkg query --store` process.

Run:  python benchmarks/store_queries.py STORE [--timeout-s 20] [--optimize]
Prints, per query, the wall time of the whole process (store opened read-only, query run, answer
written) and its row count, or that it was stopped at --timeout-s. --optimize first runs Oxigraph's
optimize() on a copy of the store and times that too. Nothing is asserted.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from graph.query import load_catalogue  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--timeout-s", type=float, default=20)
    parser.add_argument("--optimize", action="store_true", help="time optimize() on a copy, then query the copy")
    args = parser.parse_args()
    store = args.store
    with tempfile.TemporaryDirectory() as work:
        if args.optimize:
            import pyoxigraph as ox
            store = Path(work) / "store"
            shutil.copytree(args.store, store)
            start = time.perf_counter()
            opened = ox.Store(str(store))
            opened.optimize()
            opened.flush()
            del opened
            print(f"optimize(): {time.perf_counter() - start:.1f} s", flush=True)
        for name in sorted(load_catalogue()):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "graph", "query", name, "--store", str(store), "--format", "csv",
                                   "--timeout-s", str(args.timeout_s)], cwd=ROOT, capture_output=True, text=True)
            seconds = time.perf_counter() - start
            rows = max(done.stdout.count("\n") - 1, 0)
            shown = f"{rows} rows" if done.returncode == 0 else f"stopped (exit {done.returncode})"
            print(f"{name:40} {seconds:7.2f} s  {shown}", flush=True)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
