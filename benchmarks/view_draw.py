"""How fast the network view draws a large graph in headless Chromium, beside pyvis's defaults.

Run:  python benchmarks/view_draw.py [--nodes 5000 --nodes 50000] [--repeat 3] [--pyvis-timeout 30] [--pyvis-up-to 5000]
Needs Chromium (Debian: apt-get install -y chromium) and the test extras (playwright).

A synthetic graph shaped like the curated one (entity types, regions, relations, 4% of nodes with
coordinates, 1.5 edges per node, a quote on every edge) is drawn three ways, networking blocked:
  - jjjkg: page_data + render_page (layouts precomputed, physics off), timed to vis's first
    "afterDrawing" (performance.now(): navigation start → first frame, so it includes parsing
    the file, the JSON and building the DataSets);
  - pyvis defaults: Network() + add_node/add_edge + write_html (cdn_resources="local", physics
    on): timed to the end of stabilisation, which is when pyvis's page has drawn the graph;
  - pyvis with cdn_resources="in_line" (vis inlined, bootstrap still from a CDN), physics on.
No assertions: the figures are printed and recorded in benchmarks/README.md.
"""
from __future__ import annotations

import argparse
import contextlib
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium, open_view  # noqa: E402
from graph.model import Source  # noqa: E402
from graph.schema import load_schema  # noqa: E402
from graph.view.data import Heading, page_data  # noqa: E402
from graph.view.page import render_page  # noqa: E402

SOURCES = {f"s{i}": Source(f"s{i}", f"合成来源文章 {i}", "合成日报", f"s{i}.txt", "zh", published=f"202{i % 5}-03-0{i + 1}")
           for i in range(6)}


def synthetic(n: int, seed: int = 7) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    schema = load_schema()
    types = sorted(schema.types)
    relations = sorted(schema.relations.values(), key=lambda r: r.key)
    regions = ["Beijing", "Tianjin", "Hebei", "Beijing/Hebei", "other"]
    g = nx.MultiDiGraph()
    for i in range(n):
        attrs: dict[str, Any] = {"type": rng.choice(types), "zh": f"实体{i}号", "en": f"Entity {i}",
                                 "iri": f"https://w3id.org/jjjkg/id/e{i}", "region": rng.choice(regions)}
        if rng.random() < 0.04:
            attrs["lat"], attrs["lon"] = rng.uniform(36.0, 42.6), rng.uniform(113.5, 119.8)
        if rng.random() < 0.3:
            attrs["aliases"] = f"别名{i}"
        g.add_node(f"e{i}", **attrs)
    for j in range(int(n * 1.5)):
        u, v = f"e{rng.randrange(n)}", f"e{rng.randrange(n)}"
        rel = rng.choice(relations)
        g.add_edge(u, v, key=f"st{j}", relation=rel.key, relation_zh=rel.zh, relation_en=rel.en,
                   source=f"s{rng.randrange(6)}", statement=f"https://w3id.org/jjjkg/statement/st{j}",
                   quote=f"合成引语第{j}条：实体{u[1:]}号与实体{v[1:]}号之间的联系，原文照录，不作改动。")
    return g


def time_ours(browser: Any, g: nx.MultiDiGraph, folder: Path, repeat: int) -> tuple[float, float, list[float], int]:
    start = time.perf_counter()
    data = page_data(g, SOURCES, load_schema(), Heading("合成图", "synthetic"))
    built = time.perf_counter() - start
    html = render_page(data)
    rendered = time.perf_counter() - start - built
    path = folder / "ours.html"
    path.write_bytes(html)
    draws = []
    for _ in range(repeat):
        opened = open_view(browser, path, timeout_ms=60000)
        drawn = opened.js("[jjjkgView.network.body.nodeIndices.length, jjjkgView.network.body.edgeIndices.length]")
        shown = opened.js("[jjjkgView.visibleNodeIds().length, jjjkgView.visibleEdgeIds().length]")
        assert drawn == shown and shown[0] > 0.8 * g.number_of_nodes(), (drawn, shown)  # all but the hierarchy
        draws.append(opened.js("jjjkgView.firstDrawMs") / 1000)
        opened.page.context.close()
    return built, rendered, draws, len(html)


def time_curated(browser: Any, folder: Path, repeat: int) -> tuple[list[float], tuple[int, int]]:
    """The curated graph's page (out/network.html as `jjjkg build` writes it), to its first frame."""
    import graph
    from graph.view import page_for

    built = graph.load(None, ROOT / "seeds" / "texts", ROOT / "seeds" / "reference")
    path = folder / "curated.html"
    path.write_bytes(page_for(built))
    draws = []
    for _ in range(repeat):
        opened = open_view(browser, path, timeout_ms=60000)
        draws.append(opened.js("jjjkgView.firstDrawMs") / 1000)
        opened.page.context.close()
    return draws, (built.network.number_of_nodes(), built.network.number_of_edges())


def time_pyvis(browser: Any, g: nx.MultiDiGraph, folder: Path, cdn: str, timeout_s: float) -> tuple[float, str]:
    from pyvis.network import Network

    start = time.perf_counter()
    net = Network(directed=True, cdn_resources=cdn)
    for node, attrs in g.nodes(data=True):
        net.add_node(node, label=attrs["zh"], title=attrs["en"])
    for u, v, attrs in g.edges(data=True):
        net.add_edge(u, v, title=attrs["relation_zh"])
    path = folder / f"pyvis-{cdn}.html"
    with contextlib.chdir(folder):  # pyvis copies its lib/ folder into the working directory
        net.write_html(path.name)
    built = time.perf_counter() - start
    ready = ("typeof network !== 'undefined' && network && network.body && "
             "(document.getElementById('loadingBar') === null || "
             "document.getElementById('loadingBar').style.display === 'none')")
    begin = time.perf_counter()
    opened = open_view(browser, path, ready=None)
    try:
        opened.page.wait_for_function(ready, timeout=int(timeout_s * 1000))
        result = f"{time.perf_counter() - begin:.2f} s"
    except Exception as exc:  # playwright's TimeoutError
        if "Timeout" not in exc.__class__.__name__:
            raise
        loaded = opened.js("typeof vis !== 'undefined'")
        result = f"no draw in {timeout_s:.0f} s" + ("" if loaded else ": vis-network not loaded")
    blocked = [u for u in opened.requests if not u.startswith("file:")]
    opened.page.context.close()
    return built, result + (f" ({len(blocked)} CDN request(s) refused)" if blocked else "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, action="append", default=None, help="graph size (repeatable; default 1000 and 5000)")
    parser.add_argument("--repeat", type=int, default=3, help="page loads per size for jjjkg (median reported)")
    parser.add_argument("--pyvis-timeout", type=float, default=30.0, help="seconds to wait for a pyvis page")
    parser.add_argument("--pyvis-up-to", type=int, default=5000, help="no pyvis run above this many nodes")
    args = parser.parse_args()
    sizes = args.nodes or [1000, 5000]
    print(f"{'nodes':>6} {'edges':>6} {'what':34} {'python s':>9} {'draw in Chromium':>30}")
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        folder = Path(tmp)
        curated_draws, curated = time_curated(browser, folder, args.repeat)
        draw = f"{statistics.median(curated_draws):.2f} s (min {min(curated_draws):.2f})"
        print(f"{curated[0]:6} {curated[1]:6} {'jjjkg view, curated graph':34} {'':>9} {draw:>30}")
        for n in sizes:
            g = synthetic(n)
            layout_s, render_s, draws, size = time_ours(browser, g, folder, args.repeat)
            draw = f"{statistics.median(draws):.2f} s (min {min(draws):.2f}, {size / 1e6:.1f} MB)"
            print(f"{n:6} {g.number_of_edges():6} {'jjjkg view (layouts + page)':34} {layout_s + render_s:9.2f} {draw:>30}")
            for cdn in ("local", "in_line") if n <= args.pyvis_up_to else ():
                built, result = time_pyvis(browser, g, folder, cdn, args.pyvis_timeout)
                name = "pyvis defaults" if cdn == "local" else 'pyvis cdn_resources="in_line"'
                print(f"{n:6} {g.number_of_edges():6} {name:34} {built:9.2f} {result:>30}")


if __name__ == "__main__":
    main()
