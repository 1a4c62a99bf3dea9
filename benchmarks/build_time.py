"""Curated build and validate wall time vs the import floor (the libraries the build needs), side by side.

Run:  python benchmarks/build_time.py [--repeat N] [--before REV]
Each round runs every command once (floor first), so noise hits them alike; medians are printed
with the load average. --before REV also times the same commands at git revision REV (checked out
in a temporary worktree) in the same rounds. No assertions: machines are noisy.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def wall(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True)  # `python -m graph` runs cwd's graph/
    return time.perf_counter() - start


def commands(out: str) -> dict[str, list[str]]:
    graph = [sys.executable, "-m", "graph"]
    return {"jjjkg build (all outputs)": [*graph, "build", "--out", f"{out}/all"],
            "jjjkg build --format turtle": [*graph, "build", "--format", "turtle", "--out", f"{out}/ttl"],
            "jjjkg validate (incl. SHACL)": [*graph, "validate"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="rounds (medians reported)")
    parser.add_argument("--before", metavar="REV", help="also time the commands at this git revision")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        trees = {"": ROOT}
        if args.before:
            trees[f", at {args.before}"] = Path(out) / "before"
            subprocess.run(["git", "worktree", "add", "-f", "--detach", str(trees[f", at {args.before}"]), args.before],
                           cwd=ROOT, check=True, capture_output=True)
        cases = {"import floor (rdflib, networkx, yaml, pyvis)":
                 ([sys.executable, "-c", "import rdflib, networkx, yaml, pyvis"], ROOT)}
        per_tree = {suffix: commands(f"{out}/out{number}") for number, suffix in enumerate(trees)}
        for name in per_tree[""]:
            for suffix, tree in trees.items():
                cases[name + suffix] = (per_tree[suffix][name], tree)
        times: dict[str, list[float]] = {name: [] for name in cases}
        try:
            for _ in range(args.repeat):
                for name, (cmd, tree) in cases.items():
                    times[name].append(wall(cmd, tree))
        finally:
            if args.before:
                subprocess.run(["git", "worktree", "remove", "--force", str(trees[f", at {args.before}"])], cwd=ROOT,
                               capture_output=True)
    floor = statistics.median(times[next(iter(cases))])
    print(f"{args.repeat} interleaved rounds, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{'what':56} {'median s':>9} {'min s':>7} {'x floor':>8}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:56} {median:9.3f} {min(values):7.3f} {median / floor:8.2f}")


if __name__ == "__main__":
    main()
