"""The aggregated flows view that `jjjkg import-csv` writes as network.html above FLOWS_VIEW rows:
relation groups, counts from the derived graph, bounded samples, the query for all of an arrow's
statements, hostile strings kept as text, and what Chromium draws (networking blocked)."""
from __future__ import annotations

import csv
import io
import json
import re
import shlex
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

import graph
from browser import assert_legible, only_the_file, open_view
from conftest import CURATED_REFERENCE, CURATED_TEXTS, EXAMPLES, ROOT, load_benchmark, run_cli
from graph.importer import FLOWS_VIEW
from graph.oxigraph import memory_store
from graph.schema import load_schema
from graph.store_layout import query_dataset
from graph.analysis.flows import load_flow_groups
from graph.view.flows import SAMPLE, flows_data, flows_page, samples
from graph.view.flows_store import FlowStore

READY = "window.jjjkgFlows && window.jjjkgFlows.drawn"
SOURCE_TITLE = "示例:京津冀企业迁移表(合成数据)"
FLOW_COUNTS = """PREFIX jjj: <https://w3id.org/jjjkg/ontology#>
SELECT ?level ?origin ?destination ?relation ?count WHERE { GRAPH <https://w3id.org/jjjkg/graph/derived> {
  ?f jjj:level ?level ; jjj:origin ?origin ; jjj:destination ?destination ; jjj:relation ?relation ;
     jjj:statementCount ?count } }"""


class _Tags(HTMLParser):
    """Every element, and every attribute that could make a browser fetch something."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.fetching: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.fetching += [(tag, name) for name, _ in attrs if name in ("src", "href", "action", "srcset", "data")]


def _data(html: bytes) -> dict[str, Any]:
    match = re.search(rb'<script type="application/json" id="jjjkg-data">(.*?)</script>', html, re.S)
    assert match, "no data block"
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def _import(table: Path, mapping: Path, out: Path) -> str:
    result = run_cli("import-csv", str(table), "--mapping", str(mapping), "--out", str(out), "--seeds",
                     str(ROOT / "seeds"), "--sources-dir", str(CURATED_TEXTS), "--reference-dir", str(CURATED_REFERENCE))
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def large(large_import: tuple[Path, str]) -> tuple[Path, str]:
    """The session's 100,000-row synthetic import (conftest.large_import): its output folder and what it printed."""
    return large_import


def _store(built: graph.Built) -> ox.Store:
    """A built graph's store as import-csv writes it: data, ontology and the derived graph."""
    return memory_store(built.ntriples, built.schema.graph, built.derived)


def _derived(store: ox.Store) -> dict[tuple[str, str, str, str], int]:
    prefix = "https://w3id.org/jjjkg/id/"
    keys = {str(r.iri): key for key, r in load_schema().relations.items()}
    return {(row["level"].value, row["origin"].value.removeprefix(prefix), row["destination"].value.removeprefix(prefix),
             keys[row["relation"].value]): int(row["count"].value) for row in store.query(FLOW_COUNTS)}


def test_every_relation_but_located_in_and_part_of_is_in_one_group() -> None:
    relations = set(load_schema().relations)
    groups = load_flow_groups()
    listed = [relation for group in groups for relation in group.relations]
    assert sorted(listed) == sorted(set(listed)), "a relation is in two groups"
    assert set(listed) == relations - {"located_in", "part_of"}
    assert len({g.key for g in groups}) == len(groups)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", g.colour) and g.zh and g.en for g in groups)


def test_arrow_counts_are_the_derived_graphs_and_samples_are_bounded(curated: graph.Built) -> None:
    store = _store(curated)
    schema = curated.schema
    data = flows_data(FlowStore(store, schema), schema, size=2)
    derived = _derived(store)
    group_of = {relation: g.key for g in load_flow_groups() for relation in g.relations}
    expected: dict[tuple[str, str, str, str], int] = {}
    for (level, origin, destination, relation), count in derived.items():
        if relation in group_of:
            key = (level, origin, destination, group_of[relation])
            expected[key] = expected.get(key, 0) + count
    arrows = {(a["level"], a["from"], a["to"], a["group"]): a for a in data["arrows"]}
    assert {k: a["count"] for k, a in arrows.items()} == expected
    flows = FlowStore(store, schema)  # the page's own pass over the statements counts as derived.py does
    assert samples(flows.statements(), flows.membership(), group_of)[1] == expected
    for arrow in data["arrows"]:
        assert sum(n for _, n in arrow["relations"]) == arrow["count"]
        ids = [data["facts"][i][0] for i in arrow["facts"]]
        assert len(ids) == min(2, arrow["count"]) and ids == sorted(ids)
        # The arrow's query lists all of its statements, the sample first.
        rows = list(store.query(arrow["query"], **query_dataset(arrow["query"])))
        assert len(rows) == arrow["count"], arrow["query"]
        assert [r["statement"].value.rsplit("/", 1)[1] for r in rows[:2]] == ids
        assert all(r["quote"] is not None and r["sourceTitle"] is not None for r in rows)
    assert any(a["count"] > 2 for a in data["arrows"])  # the bound was reached somewhere
    assert {a["level"] for a in data["arrows"]} == {"province", "prefecture"}


def test_the_page_is_self_contained_and_deterministic(curated: graph.Built) -> None:
    html = flows_page(_store(curated), curated.schema)
    assert html == flows_page(_store(curated), curated.schema)
    text = html.decode("utf-8")
    assert "default-src 'none'" in text and "connect-src 'none'" in text
    parser = _Tags()
    parser.feed(text)
    assert parser.fetching == [] and "link" not in parser.tags and "iframe" not in parser.tags
    assert parser.tags.count("script") == 4  # data, vis-network, map.js, flows.js
    head = text[:text.index("</head>")]
    assert head.count("<style>") == head.count("</style>") == 3, "every stylesheet in its own <style>, none shown as text"


def test_hostile_labels_and_quotes_stay_data(hostile: graph.Built) -> None:
    html = flows_page(_store(hostile), hostile.schema)
    for markup in (b"<img src=x", b"<script>window", b"<a href=\"javascript"):
        assert markup not in html  # only in the JSON block, escaped as \u003c…
    data = _data(html)
    quotes = [f[6] for f in data["facts"]]
    assert any("<script>window.__pwned='quote-script'</script>" in q for q in quotes)
    assert any(e[1].startswith("<img src=x") for e in data["entities"])


def test_a_small_import_still_writes_the_network_view(tmp_path: Path) -> None:
    tables = EXAMPLES / "tables"
    printed = _import(tables / "relocations.csv", tables / "relocations.yaml", tmp_path / "out")
    page = (tmp_path / "out" / "network.html").read_text(encoding="utf-8")
    assert "window.jjjkgView" in page and "window.jjjkgFlows" not in page
    assert "flows between places" not in printed


def test_above_the_threshold_the_import_writes_the_flows_view_with_every_export(tmp_path: Path) -> None:
    """Between FLOWS_VIEW and SMALL_IMPORT rows: the flows view, and JSON-LD, GraphML and CSV still;
    the same table gives the same page."""
    table, mapping = load_benchmark("synthetic").table(FLOWS_VIEW + 500, tmp_path)
    printed = _import(table, mapping, tmp_path / "a")
    assert f"facts are more than {FLOWS_VIEW:,}: network.html shows the flows between places" in printed
    assert "GraphML and CSV edges are not written" not in printed
    for name in ("jjjkg.jsonld", "jjjkg.graphml", "edges.csv"):
        assert (tmp_path / "a" / name).exists(), name
    page = (tmp_path / "a" / "network.html").read_bytes()
    assert b"window.jjjkgFlows" in page
    _import(table, mapping, tmp_path / "b")
    assert (tmp_path / "b" / "network.html").read_bytes() == page


def test_the_large_import_page_is_the_store_alone_page(large: tuple[Path, str]) -> None:
    """The import hands over each statement's ends as it streams the rows; reading them back from
    the store gives the same bytes."""
    out, printed = large
    assert "network.html shows the flows between places" in printed
    assert "JSON-LD, GraphML and CSV edges are not written" in printed
    store = ox.Store.read_only(str(out / "jjjkg.oxigraph"))
    assert flows_page(store, load_schema()) == (out / "network.html").read_bytes()
    data = _data((out / "network.html").read_bytes())
    assert max(a["count"] for a in data["arrows"]) > SAMPLE
    assert all(len(a["facts"]) == min(SAMPLE, a["count"]) for a in data["arrows"])
    assert len((out / "network.html").read_bytes()) < 4_000_000


def test_the_arrows_command_lists_all_its_statements(browser: Any, large: tuple[Path, str]) -> None:
    """The command the panel copies, run in the page's folder as a shell splits it, lists every
    statement of the arrow, the sample first."""
    out, _ = large
    data = _data((out / "network.html").read_bytes())
    arrow = min((a for a in data["arrows"] if a["count"] > SAMPLE), key=lambda a: a["count"])
    opened = open_view(browser, out / "network.html", ready=READY)
    command = opened.js(f"jjjkgFlows.command('{arrow['id']}')")
    opened.page.context.close()
    assert command == "jjjkg query --store jjjkg.oxigraph --format csv -e " + shlex.quote(arrow["query"])
    words = shlex.split(command)
    assert words[:2] == ["jjjkg", "query"]
    result = run_cli(*words[1:], cwd=out)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == arrow["count"]
    assert [r["statement"].rsplit("/", 1)[1] for r in rows[:SAMPLE]] == [data["facts"][i][0] for i in arrow["facts"]]
    assert {r["sourceTitle"] for r in rows} <= {SOURCE_TITLE, *(s["zh"] for s in data["sources"])}


def test_the_flows_are_drawn_labelled_and_listed(browser: Any, large: tuple[Path, str]) -> None:
    out, _ = large
    path = out / "network.html"
    data = _data(path.read_bytes())
    opened = open_view(browser, path, ready=READY)
    page = opened.page
    # By zoom: prefectures as the page opens on the whole map, provinces once zoomed out past it.
    assert opened.js("jjjkgFlows.level()") == "prefecture"
    box = page.locator("#network").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for wanted, step in (("province", 100), ("prefecture", -100)):  # out, then back in
        for _ in range(8):
            page.mouse.wheel(0, step)
            page.wait_for_timeout(100)
            if opened.js("jjjkgFlows.level()") == wanted:
                break
        assert opened.js("jjjkgFlows.level()") == wanted
    page.click("#fit")
    for level in ("prefecture", "province"):
        opened.js(f"jjjkgFlows.setLevel('{level}')")
        page.wait_for_timeout(100)
        expected = [a for a in data["arrows"] if a["level"] == level]
        drawn = opened.js("jjjkgFlows.arrows()")
        assert sorted(a["id"] for a in drawn) == sorted(a["id"] for a in expected)
        assert opened.js("jjjkgFlows.network.body.edgeIndices.length") == len(expected)
        labels = opened.js("jjjkgFlows.labels")
        counts = {label["level"]: label["text"] for label in labels if label["kind"] == "count"}
        biggest = max(expected, key=lambda a: a["count"])
        assert counts[biggest["id"]] == f"{biggest['count']:,}"  # the largest arrow is always labelled
        assert all(text == f"{next(a for a in expected if a['id'] == i)['count']:,}" for i, text in counts.items())
        places = {label["text"] for label in labels if label["kind"] == "place"}
        assert {"北京市", "天津市"} <= places
        assert_legible(labels)  # names, counts and the map's names: none over another
    # Click the largest prefecture arrow where it is drawn: its statements are listed.
    opened.js("jjjkgFlows.setLevel('prefecture')")
    page.wait_for_timeout(100)
    arrow = max(opened.js("jjjkgFlows.arrows()"), key=lambda a: a["count"])
    page.mouse.click(*arrow["middle"])
    assert opened.js("jjjkgFlows.shown && jjjkgFlows.shown.id") == arrow["id"]
    panel = page.text_content("#panel")
    record = next(a for a in data["arrows"] if a["id"] == arrow["id"])
    assert f"显示 {SAMPLE} / {record['count']:,} 条" in panel
    facts = [data["facts"][i] for i in record["facts"]]
    assert len(facts) == SAMPLE and all(fact[6] in panel and fact[0] in panel for fact in facts)  # quotes, ids
    assert SOURCE_TITLE in panel
    assert page.input_value("#panel textarea") == record["query"]
    # Expanded into its entities: each with the number of the sample's statements it is in.
    page.click("#panel button.expand")
    entities = page.locator("#panel ol.entities li")
    assert entities.count() > 1
    first = entities.first.text_content() or ""
    assert re.search(r"×\d+$", first)
    entities.first.locator("button").click()
    assert page.locator("#panel .fact").count() == int(first.rsplit("×", 1)[1])
    page.click("#lang")
    assert f"Showing {SAMPLE} of {record['count']:,}" in (page.text_content("#panel") or "")
    only_the_file(opened, path)
    page.context.close()


def test_hostile_strings_are_drawn_and_shown_as_text(browser: Any, hostile: graph.Built, tmp_path: Path) -> None:
    """Markup in a place's name (drawn on the canvas), a firm's name and a quote (in the panel) runs
    nothing and is shown as the characters it is."""
    hostile_name = "<img src=x onerror=\"window.__pwned='place'\">保定市"
    escaped = hostile_name.replace('"', '\\"')
    ntriples = hostile.ntriples.replace('"保定市"@zh'.encode(), f'"{escaped}"@zh'.encode())
    store = memory_store(ntriples, hostile.schema.graph, hostile.derived)
    path = tmp_path / "network.html"
    path.write_bytes(flows_page(store, hostile.schema))
    opened = open_view(browser, path, ready=READY)
    opened.js("jjjkgFlows.setLevel('prefecture')")
    texts = [label["text"] for label in opened.js("jjjkgFlows.labels")]
    assert hostile_name in texts
    arrow = opened.js("jjjkgFlows.arrows()")[0]
    opened.js(f"jjjkgFlows.showArrow('{arrow['id']}')")
    panel = opened.page.text_content("#panel")
    assert "<script>window.__pwned='quote-script'</script>" in panel and hostile_name in panel
    opened.page.click("#panel button.expand")
    opened.js(f"jjjkgFlows.showPlace('prefecture:{arrow['from']}')")
    assert opened.js("window.__pwned === undefined")
    assert opened.page.locator("#panel img, #panel script, #panel a").count() == 0
    only_the_file(opened, path)
    opened.page.context.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
