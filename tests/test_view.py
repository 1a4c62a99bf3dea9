"""The network view without a browser: self-containment, escaping, style coverage, layouts,
subgraphs and the `jjjkg view` command. (What Chromium draws is in test_view_browser.py.)"""
from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import graph
from conftest import MINIMAL, TEXTS, fixture_args, hostile_args, run_cli
from graph.schema import load_schema
from graph.view import FULL_HEADING, ViewRequest, make_view, page_for
from graph.view import layout
from graph.view.credits import REFERENCE_TABLES, drawn
from graph.view.data import load_style, page_data
from graph.inline_page import json_for_script
from graph.view.subgraph import find_entity, neighbourhood
from graph.build import ConfigError


class _Resources(HTMLParser):
    """Every element and every attribute that could make a browser fetch something."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.fetching: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "action", "srcset", "poster", "data", "background", "formaction"):
                self.fetching.append((tag, name, value or ""))


def _data(html: bytes) -> dict[str, Any]:
    match = re.search(rb'<script type="application/json" id="jjjkg-data">(.*?)</script>', html, re.S)
    assert match, "no data block"
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def test_page_is_self_contained(curated: graph.Built) -> None:
    html = page_for(curated)
    parser = _Resources()
    parser.feed(html.decode("utf-8"))
    assert parser.fetching == []  # no src=, href=, … at all: scripts and styles are inline
    assert "link" not in parser.tags and "iframe" not in parser.tags
    assert parser.tags.count("script") == 7  # data, vis-network, map, share, panel, permalink, view
    text = html.decode("utf-8")
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), "a stylesheet fetches something"
    assert not re.search(r"@import", text)
    assert "Content-Security-Policy" in text and "default-src 'none'" in text and "connect-src 'none'" in text


def test_page_carries_every_node_edge_and_quote(curated: graph.Built) -> None:
    data = _data(page_for(curated))
    network = drawn(curated.network)
    assert len(data["visNodes"]) == len(data["nodes"]) == curated.network.number_of_nodes()
    assert len(data["visEdges"]) == len(data["edges"]) == network.number_of_edges()
    quotes = {d["statement"]: d["quote"] for _, _, d in curated.network.edges(data=True) if d["statement"]}
    assert {e["statement"]: e["quote"] for e in data["edges"] if e["statement"]} == quotes
    assert all(e["quote"] for e in data["edges"] if e["source"] not in REFERENCE_TABLES)
    sources = {s["key"] for s in data["legend"]["sources"]}
    assert set(curated.seeds.sources) <= sources


def test_registry_links_are_credited_to_their_reference_table(curated: graph.Built) -> None:
    """The divisions' located_in links are credited to the table they came from, said as such; no
    link is credited to an unnamed "division register"."""
    data = _data(page_for(curated))
    nodes = {n["id"]: n for n in data["nodes"]}
    unquoted = [e for e in data["edges"] if not e["statement"]]
    assert unquoted and all(e["relation"] == "located_in" and not e["quote"] for e in unquoted)
    assert all(e["source"] != "registry" for e in data["edges"])
    for edge in unquoted:
        code = nodes[edge["from"]]["division_code"]
        assert edge["source"] == ("places.csv" if code.endswith("00") else "admin-divisions-county.csv"), edge
    mancheng = next(e for e in unquoted if e["from"] == "mancheng")
    assert (mancheng["to"], mancheng["source"]) == ("baoding", "admin-divisions-county.csv")
    legend = {s["key"]: s for s in data["legend"]["sources"]}
    county_table = legend["admin-divisions-county.csv"]
    assert county_table["zh"] == "行政区划代码表 admin-divisions-county.csv"
    assert county_table["en"] == "reference table admin-divisions-county.csv (GB/T 2260 codes)"
    assert county_table["count"] == sum(1 for e in unquoted if e["source"] == "admin-divisions-county.csv") > 200
    assert legend["places.csv"]["count"] == 11  # the prefectures of Hebei in Hebei
    assert not any("division register" in s["en"] or "名录" in s["zh"] for s in data["legend"]["sources"])


def _registry_network() -> nx.MultiDiGraph:
    """Two divisions and a curated park, with the registry's links as network.py makes them."""
    net = nx.MultiDiGraph()
    for node, attrs in {"hebei": {"division_code": "130000", "type": "province"},
                        "baoding": {"division_code": "130600", "type": "prefecture"},
                        "mancheng": {"division_code": "130607", "type": "county"},
                        "demo-park": {"type": "park"}, "demo-tech": {"type": "company"}}.items():
        net.add_node(node, zh=node, en=node, region="Hebei", iri=f"https://w3id.org/jjjkg/id/{node}", **attrs)
    registry = {"relation": "located_in", "statement": "", "source": "registry", "quote": ""}
    net.add_edge("baoding", "hebei", key="located_in:hebei", **registry)
    net.add_edge("mancheng", "baoding", key="located_in:baoding", **registry)
    net.add_edge("demo-park", "mancheng", key="located_in:mancheng", **registry)  # a curator's claim, no quote
    net.add_edge("demo-tech", "demo-park", key="s1", relation="located_in", statement="s1", source="demo",
                 quote="示例科技落户示例园区。")
    return net


def test_curated_located_in_is_not_drawn_from_the_registry() -> None:
    """Divisions' registry links are credited to their reference table; a curated entity's located_in
    (no division code) is drawn only as a fact with its quote, never from the registry."""
    network = _registry_network()
    shown = drawn(network)
    assert {(u, v): d["source"] for u, v, d in shown.edges(data=True)} == {
        ("baoding", "hebei"): "places.csv", ("mancheng", "baoding"): "admin-divisions-county.csv",
        ("demo-tech", "demo-park"): "demo"}
    assert network.number_of_edges() == 4 and network.edges["demo-park", "mancheng", "located_in:mancheng"]
    assert {d["source"] for _, _, d in network.edges(data=True)} == {"registry", "demo"}  # the input is unchanged
    assert list(drawn(shown).edges(keys=True, data=True)) == list(shown.edges(keys=True, data=True))  # idempotent
    data = page_data(network, {}, load_schema(), FULL_HEADING)
    assert {(e["from"], e["to"], e["source"]) for e in data["edges"]} == {
        ("baoding", "hebei", "places.csv"), ("mancheng", "baoding", "admin-divisions-county.csv"),
        ("demo-tech", "demo-park", "demo")}
    assert {s["key"]: s["en"] for s in data["legend"]["sources"]} == {
        "admin-divisions-county.csv": "reference table admin-divisions-county.csv (GB/T 2260 codes)",
        "places.csv": "reference table places.csv (provinces and prefectures, GB/T 2260 codes)", "demo": "demo"}
    assert next(n for n in data["nodes"] if n["id"] == "demo-park")["degree"] == 1  # the drawn links only


def test_curated_entities_have_no_unquoted_links_in_the_page(curated: graph.Built) -> None:
    data = _data(page_for(curated))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert all(nodes[e["from"]].get("division_code") for e in data["edges"] if not e["quote"])


def test_focus_does_not_walk_registry_links_of_curated_entities(curated: graph.Built) -> None:
    shown = drawn(curated.network)
    view = make_view(curated, ViewRequest.parse(None, [], "xiongan", 1, "en"))
    data = _data(view.html)
    assert {n["id"] for n in data["nodes"]} == {"xiongan", *shown.predecessors("xiongan"), *shown.successors("xiongan")}
    assert view.edges == len(data["edges"])
    assert all(e["quote"] for e in data["edges"] if "xiongan" in (e["from"], e["to"]))


def test_encoding_follows_the_style(curated: graph.Built) -> None:
    data = _data(page_for(curated))
    style = load_style()
    nodes = {n["id"]: n for n in data["nodes"]}
    for vis in data["visNodes"]:
        node = nodes[vis["id"]]
        assert vis["color"]["background"] == style.types[node["type"]]["colour"]
        assert vis["color"]["border"] == style.regions[node["region"]]["colour"]
        assert vis["shape"] == style.types[node["type"]]["shape"]
        assert vis["value"] == node["degree"]
        assert "label" not in vis and node["en"] in vis["title"]  # labels are the page's own (map.js)
    assert nodes["beijing"]["region"] == "Beijing" and nodes["xiongan"]["region"] == "Hebei"
    for vis, edge in zip(data["visEdges"], data["edges"]):
        colour = style.relations[edge["relation"]]["colour"]  # selected or hovered too
        assert vis["color"] == {"color": colour, "highlight": colour, "hover": colour, "inherit": False}
        assert vis["arrows"] == "to"
    legend = data["legend"]
    assert {t["key"] for t in legend["types"]} == {n["type"] for n in data["nodes"]}
    assert {r["key"] for r in legend["relations"]} == {e["relation"] for e in data["edges"]}


def test_lang_flips_labels(curated: graph.Built) -> None:
    data = _data(page_for(curated, lang="en"))
    beijing = next(n for n in data["visNodes"] if n["id"] == "beijing")
    assert "北京市" in beijing["title"]
    assert data["lang"] == "en" and b'<html lang="en">' in page_for(curated, lang="en")[:200]


def test_style_covers_every_type_and_relation() -> None:
    schema, style = load_schema(), load_style()
    assert set(schema.types) | {"industry"} <= set(style.types), "types without a view style"
    assert set(schema.relations) <= set(style.relations), "relations without a view colour"
    assert {s["shape"] for s in style.types.values()} <= set(style.shapes)
    colours = [s["colour"] for s in style.types.values()]
    assert len(colours) == len(set(colours)), "two entity types share a fill colour"
    relation_colours = [s["colour"] for s in style.relations.values()]
    assert len(relation_colours) == len(set(relation_colours)), "two relations share an edge colour"


def test_hostile_strings_stay_inside_the_json_block(hostile: graph.Built) -> None:
    html = page_for(hostile).decode("utf-8")
    block = re.search(r'<script type="application/json" id="jjjkg-data">(.*?)</script>', html, re.S)
    assert block
    assert "<" not in block.group(1) and ">" not in block.group(1)
    assert "<img" not in html.split("<script", 1)[0]  # head and body markup: only ours
    parser = _Resources()
    parser.feed(html)
    assert parser.tags.count("script") == 7 and "img" not in parser.tags and "a" not in parser.tags
    assert parser.fetching == []
    data = _data(html.encode())
    company = next(n for n in data["nodes"] if n["id"] == "demo-tech")
    assert company["zh"].startswith("<img src=x onerror=")  # kept as data, exactly


def test_json_for_script_escapes_what_could_end_the_block() -> None:
    text = json_for_script({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_geographic_layout_pins_places_and_sets_others_beside_them(curated: graph.Built) -> None:
    network = curated.network
    geo = layout.geographic(network)
    assert set(geo) == set(network)
    beijing = network.nodes["beijing"]
    assert geo["beijing"] == pytest.approx(layout.project(beijing["lat"], beijing["lon"]))
    assert geo["tianjin"][0] > geo["beijing"][0] and geo["tianjin"][1] > geo["beijing"][1]  # south-east
    assert geo["zhangjiakou"][1] < geo["beijing"][1]  # north of Beijing
    # Mancheng has county-coordinates.csv's; Dingzhou has none: it sits beside Baoding, its prefecture.
    assert geo["mancheng"] == pytest.approx(layout.project(38.9482, 115.3160))
    assert "lat" not in network.nodes["dingzhou"]
    assert math.dist(geo["dingzhou"], geo["baoding"]) < 200
    assert len({tuple(p) for p in geo.values()}) == len(geo), "two nodes on the same spot"


def test_force_layout_is_deterministic_and_spread(curated: graph.Built) -> None:
    geo = layout.geographic(curated.network)
    first, second = layout.force(curated.network, geo), layout.force(curated.network, geo)
    assert first == second
    xs = [p[0] for p in first.values()]
    assert max(xs) - min(xs) > 1000 and len({(round(x), round(y)) for x, y in first.values()}) > 0.95 * len(first)


def test_neighbourhood_and_entity_lookup(curated: graph.Built) -> None:
    network = curated.network
    assert find_entity(network, "xiongan") == "xiongan"
    assert find_entity(network, "雄安新区") == "xiongan"
    assert find_entity(network, "Xiong'an New Area") == "xiongan"
    with pytest.raises(ConfigError, match="did you mean .*xiongan"):
        find_entity(network, "xiongann")
    assert list(neighbourhood(network, "xiongan", 0)) == ["xiongan"]
    one = neighbourhood(network, "xiongan", 1)
    direct = set(network.successors("xiongan")) | set(network.predecessors("xiongan")) | {"xiongan"}
    assert set(one) == direct
    assert set(neighbourhood(network, "xiongan", 2)) > set(one)
    with pytest.raises(ConfigError, match="--depth"):
        neighbourhood(network, "xiongan", 7)


def test_query_view_draws_what_the_results_name(curated: graph.Built) -> None:
    page = make_view(curated, ViewRequest.parse("rd-here-production-there", [], None, None, "zh"))
    data = _data(page.html)
    ids = {n["id"] for n in data["nodes"]}
    assert {"hebei-jingche", "mr-suspension-maker", "beijing"} <= ids
    assert page.file_name == "query-rd-here-production-there.html"
    assert {e["relation"] for e in data["edges"]} >= {"rd_location", "production_location"}
    assert data["heading"]["zh"].startswith("查询：")
    with pytest.raises(ConfigError, match="nothing to draw"):
        make_view(curated, ViewRequest.parse("indicators", [], None, None, "zh"))


def test_query_view_draws_areas_listed_in_one_cell(curated: graph.Built) -> None:
    """Values measured for several areas together are one row listing them (tianjin hebei): the
    view draws each listed area."""
    page = make_view(curated, ViewRequest.parse("indicator-time-series", ["indicator=tech-contract-turnover-output"],
                                                None, None, "zh"))
    assert {"beijing", "tianjin", "hebei"} <= {n["id"] for n in _data(page.html)["nodes"]}


def test_view_request_rejects_mixed_arguments() -> None:
    for args, message in ((("sources", [], "xiongan", None), "--query and --focus"),
                          ((None, ["entity=x"], None, None), "--param"),
                          ((None, [], None, 2), "--depth")):
        with pytest.raises(ConfigError, match=message):
            ViewRequest.parse(*args, "zh")  # type: ignore[arg-type]


def test_view_command_writes_pages(tmp_path: Path) -> None:
    out = tmp_path / "focus.html"
    result = run_cli("view", *fixture_args(MINIMAL / "seeds"), "--focus", "示例科技", "--depth", "1", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote {out}: 5 nodes, 7 edges"
    assert _data(out.read_bytes())["heading"]["zh"].startswith("示例科技有限公司")


@pytest.mark.parametrize("args, message", [
    (["--focus", "nowhere"], "--focus: no entity with id or name 'nowhere'"),
    (["--focus", "demo-tech", "--depth", "-1"], "--depth: -1 is out of range"),
    (["--query", "no-such-query"], "no query named 'no-such-query'"),
    (["--query", "facts-about-entity", "--param", "colour=red"], "--param colour"),
    (["--depth", "2"], "--depth: only with --focus"),
])
def test_view_command_errors_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "page.html"
    result = run_cli("view", *fixture_args(MINIMAL / "seeds"), *args, "--out", str(out))
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_build_writes_the_view_with_the_other_outputs(tmp_path: Path) -> None:
    result = run_cli("build", *hostile_args(), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert f"wrote {tmp_path / 'network.html'}" in result.stdout
    assert _data((tmp_path / "network.html").read_bytes())["heading"] == {"zh": FULL_HEADING.zh, "en": FULL_HEADING.en}
    only = run_cli("build", *fixture_args(MINIMAL / "seeds"), "--format", "html", "--out", str(tmp_path / "h"))
    assert only.returncode == 0 and [p.name for p in (tmp_path / "h").iterdir()] == ["network.html"]


def test_page_data_is_deterministic(curated: graph.Built) -> None:
    args = (curated.network, curated.seeds.sources, curated.schema, FULL_HEADING)
    assert page_data(*args) == page_data(*args)
    assert TEXTS.is_dir()


def test_readme_shows_the_committed_screenshot() -> None:
    from PIL import Image

    from conftest import ROOT

    shot = ROOT / "docs" / "network-view.png"
    assert "(docs/network-view.png)" in (ROOT / "README.md").read_text(encoding="utf-8")
    image = Image.open(shot).convert("RGB")
    assert image.size == (1600, 1000) and len(image.getcolors(maxcolors=1 << 20) or []) > 100
