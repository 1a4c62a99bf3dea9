"""rdflib's SPARQL engine and Oxigraph side by side on the query catalogue (curated graph).

    python benchmarks/query_engines.py [--repeat 5]

Prints, per query, the median wall time of each engine and the ratio. Both engines see the data
plus the ontology (rdflib: one merged Graph; Oxigraph: default graph + ontology named graph,
queried as their union), and both get the same prefixes.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import graph  # noqa: E402
from graph.namespaces import sparql_prologue  # noqa: E402
from graph.query import Engine, load_catalogue  # noqa: E402


def timed(run, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    built = graph.load()
    start = time.perf_counter()
    engine = Engine(built)
    load_s = time.perf_counter() - start
    merged = built.graph + built.schema.graph
    print(f"graph: {len(built.graph)} data triples + {len(built.schema.graph)} ontology triples; "
          f"copy into Oxigraph {load_s * 1000:.1f} ms")
    print(f"{'query':34} {'rdflib ms':>10} {'oxigraph ms':>12} {'ratio':>7}")
    total_r = total_o = 0.0
    for query in load_catalogue().values():
        text = query.text
        if "PREFIX" not in text:
            text = sparql_prologue() + text
        r = timed(lambda: list(merged.query(text)), args.repeat)
        o = timed(lambda: list(engine.execute(query)), args.repeat)
        total_r, total_o = total_r + r, total_o + o
        print(f"{query.name:34} {r * 1000:10.1f} {o * 1000:12.2f} {r / o if o else float('inf'):7.0f}x")
    print(f"{'all queries':34} {total_r * 1000:10.1f} {total_o * 1000:12.2f} {total_r / total_o:7.0f}x")


if __name__ == "__main__":
    main()
