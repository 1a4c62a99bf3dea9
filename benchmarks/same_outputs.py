"""Are the outputs of this tree the same as at an earlier revision? Byte for byte, file by file.

Run:  python benchmarks/same_outputs.py --before REV [--seeds DIR --sources-dir DIR]
Builds every output (`jjjkg build`) with the working tree and with REV (checked out in a temporary
worktree), then compares each file's bytes; where they differ, RDF files are also compared as graphs
(rdflib.compare.isomorphic). Issue 15 used it to show the one-path writer changes no byte.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph
from rdflib.compare import isomorphic

ROOT = Path(__file__).resolve().parent.parent
RDF_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}


def build(tree: Path, out: Path, extra: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "graph", "build", "--out", str(out), *extra], cwd=tree, check=True,
                   capture_output=True)  # `python -m graph` runs the cwd's graph/
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", metavar="REV", required=True)
    parser.add_argument("--seeds", type=Path)
    parser.add_argument("--sources-dir", type=Path)
    args = parser.parse_args()
    extra = [*(["--seeds", str(args.seeds.resolve())] if args.seeds else []),
             *(["--sources-dir", str(args.sources_dir.resolve())] if args.sources_dir else [])]
    with tempfile.TemporaryDirectory() as work:
        before = Path(work) / "before"
        subprocess.run(["git", "worktree", "add", "-f", "--detach", str(before), args.before], cwd=ROOT, check=True,
                       capture_output=True)
        try:
            old_s = build(before, Path(work) / "old", extra)
            new_s = build(ROOT, Path(work) / "new", extra)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(before)], cwd=ROOT, capture_output=True)
        old_files = sorted(p.name for p in (Path(work) / "old").iterdir())
        new_files = sorted(p.name for p in (Path(work) / "new").iterdir())
        print(f"built in {old_s:.2f} s at {args.before}, {new_s:.2f} s now; files: {', '.join(new_files)}")
        differ = 0
        for name in sorted(set(old_files) | set(new_files)):
            old, new = Path(work) / "old" / name, Path(work) / "new" / name
            if not (old.exists() and new.exists()):
                print(f"{name:16} only {'now' if new.exists() else 'before'}")
                differ += 1
            elif old.read_bytes() == new.read_bytes():
                print(f"{name:16} byte-identical ({new.stat().st_size:,} bytes)")
            else:
                differ += 1
                verdict = "differs"
                if new.suffix in RDF_FORMATS:
                    same = isomorphic(Graph().parse(old, format=RDF_FORMATS[new.suffix]),
                                      Graph().parse(new, format=RDF_FORMATS[new.suffix]))
                    verdict += ", " + ("the same graph" if same else "NOT the same graph")
                print(f"{name:16} {verdict}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
