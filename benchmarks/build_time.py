"""Curated build wall time vs the import floor (the libraries the build needs), side by side.

Run:  python benchmarks/build_time.py [--repeat N]
Prints a table; the figures are recorded in benchmarks/README.md. No assertions: machines are noisy.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per command (median reported)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        cases = {
            "import floor (rdflib, networkx, yaml, pyvis)": [sys.executable, "-c",
                                                             "import rdflib, networkx, yaml, pyvis"],
            "jjjkg build (all exports)": [sys.executable, "-m", "graph", "build", "--out", out],
            "jjjkg validate (incl. SHACL)": [sys.executable, "-m", "graph", "validate"],
        }
        rows = []
        for name, cmd in cases.items():
            times = [wall(cmd) for _ in range(args.repeat)]
            rows.append((name, statistics.median(times), min(times)))
    floor = rows[0][1]
    print(f"{'what':48} {'median s':>9} {'min s':>7} {'x floor':>8}")
    for name, median, best in rows:
        print(f"{name:48} {median:9.3f} {best:7.3f} {median / floor:8.2f}")


if __name__ == "__main__":
    main()
