"""The network view's controls in a real browser (headless Chromium, networking blocked): --focus
and --query pages open on what they show with the focus marked and named, a lit neighbourhood keeps
its relation colours, the year slider (with play) and the legend's counts follow each other, the
permalink restores a view, the PNG export is the map as drawn, and a hostile URL or fixture stays
inert in every one of them."""
from __future__ import annotations

import base64
import io
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from PIL import Image

import graph
from browser import assert_legible, labels_drawn, only_the_file, open_view, slide, wait_until
from graph.view import ViewRequest, make_view
from graph.view.data import load_style

ADMIN = {"located_in", "part_of"}
PAGE_DATA = "JSON.parse(document.getElementById('jjjkg-data').textContent)"


def _write(view: Any, tmp_path: Path) -> Path:
    path = tmp_path / view.file_name
    path.write_bytes(view.html)
    return path


def _in_sight(opened: Any, ids: list[str]) -> None:
    size = opened.js("[document.getElementById('network').clientWidth, document.getElementById('network').clientHeight]")
    for node in ids:
        spot = opened.js("id => jjjkgView.network.canvasToDOM(jjjkgView.network.getPosition(id))", node)
        assert 0 <= spot["x"] <= size[0] and 0 <= spot["y"] <= size[1], node


def test_a_focus_page_marks_and_names_its_entity_and_fits_what_it_shows(browser: Any, curated: graph.Built,
                                                                          tmp_path: Path) -> None:
    path = _write(make_view(curated, ViewRequest.parse(None, [], "xiongan", 1, "zh")), tmp_path)
    opened = open_view(browser, path)
    focus = opened.js("jjjkgView.nodes.get('xiongan')")
    assert focus["borderWidth"] == 7 and focus["color"]["border"] == "#111111"
    assert opened.js("jjjkgView.nodes.get().filter(n => n.borderWidth === 7).length") == 1
    labels = labels_drawn(opened)
    assert labels[0]["text"] == "雄安新区" and labels[0]["px"] >= 14  # named first, whatever else is drawn
    assert_legible(labels)
    shown = opened.js("jjjkgView.visibleNodeIds()")
    assert len(shown) > 1
    _in_sight(opened, shown)
    # The whole-map page opens further out than the neighbourhood does.
    whole = open_view(browser, _write(make_view(curated, ViewRequest.parse(None, [], None, None, "zh")), tmp_path))
    assert opened.js("jjjkgView.network.getScale()") > whole.js("jjjkgView.network.getScale()")
    only_the_file(opened, path)
    opened.page.context.close()
    whole.page.context.close()


def test_a_query_page_opens_on_its_results(browser: Any, curated: graph.Built, tmp_path: Path) -> None:
    view = make_view(curated, ViewRequest.parse("rd-here-production-there", [], None, None, "en"))
    path = _write(view, tmp_path)
    opened = open_view(browser, path)
    shown = opened.js("jjjkgView.visibleNodeIds()")
    assert len(shown) == view.nodes
    _in_sight(opened, shown)
    assert any(label["kind"] == "node" for label in labels_drawn(opened))
    only_the_file(opened, path)
    opened.page.context.close()


def test_a_lit_neighbourhood_keeps_its_relation_colours(browser: Any, curated_page: Path) -> None:
    opened = open_view(browser, curated_page)
    opened.js("jjjkgView.selectNode('xiongan', false)")
    colours = {key: style["colour"] for key, style in load_style().relations.items()}
    data = opened.js(PAGE_DATA)
    relation = {e["id"]: e["relation"] for e in data["edges"]}
    lit = [e for e in opened.js("jjjkgView.edges.get()") if e["id"] in opened.js("jjjkgView.network.getSelectedEdges()")]
    assert lit
    for edge in lit:  # selected with the node: drawn in its relation's colour, highlighted or not
        wanted = colours[relation[edge["id"]]]
        assert edge["color"]["color"] == wanted and edge["color"]["highlight"] == wanted, edge
    opened.page.context.close()


def test_the_year_slider_and_the_legend_counts_follow_each_other(browser: Any, curated: graph.Built,
                                                                  curated_page: Path) -> None:
    opened = open_view(browser, curated_page)
    data = opened.js(PAGE_DATA)
    first, last = data["legend"]["years"]
    linkages = [e for e in data["edges"] if e["relation"] not in ADMIN]

    def expected(lo: int, hi: int, undated: bool) -> list[dict[str, Any]]:
        return [e for e in linkages if (e["year"] is None and undated) or (e["year"] is not None and lo <= e["year"] <= hi)]

    assert sorted(opened.js("jjjkgView.visibleEdgeIds()")) == sorted(e["id"] for e in expected(first, last, True))
    middle = (first + last) // 2
    assert first <= middle < last
    slide(opened, "#year-to", middle)
    shown = expected(first, middle, True)
    assert sorted(opened.js("jjjkgView.visibleEdgeIds()")) == sorted(e["id"] for e in shown)
    assert 0 < len(shown) < len(linkages)
    assert opened.page.text_content("#year-shown") == (f"{first} – {middle}" if first < middle else str(first))
    counts = Counter(e["relation"] for e in shown)  # the legend counts what the slider leaves
    for key, count in counts.items():
        assert opened.page.text_content(f"#f-relations label:has(input[value={key}]) .count") == str(count), key
    assert f"{len(shown)} / {len(data['edges'])}" in opened.page.text_content("#counts")
    slide(opened, "#year-from", last)  # past the end year: the end year follows, the range is never empty
    assert opened.js("jjjkgView.state().years") == [last, last]
    slide(opened, "#year-from", first - 50)  # out of range: held at the first year
    assert opened.js("jjjkgView.state().years") == [first, last]
    opened.page.click("#undated")
    assert all(data["edges"][int(i[1:])]["year"] is not None for i in opened.js("jjjkgView.visibleEdgeIds()"))
    opened.page.click("#reset")
    slide(opened, "#year-from", last - 1)
    opened.page.click("#play")  # play: the end year starts at the start year and steps on, a year a second
    assert opened.js("jjjkgView.state().years") == [last - 1, last - 1]
    wait_until(opened.page, f"jjjkgView.state().years[1] === {last}", 5000)
    assert opened.page.text_content("#play").startswith("▶")  # stopped at the end
    only_the_file(opened, curated_page)
    opened.page.context.close()


def test_the_permalink_restores_the_view(browser: Any, curated_page: Path) -> None:
    opened = open_view(browser, curated_page)
    page = opened.page
    page.click("#lang")
    page.click("#f-types input[value=policy]")
    slide(opened, "#year-to", 2024)
    page.fill("#search", "雄安")
    opened.js("jjjkgView.selectNode('xiongan', false)")
    opened.js("jjjkgView.network.moveTo({position: {x: 12.5, y: -40.25}, scale: 1.75})")
    url = opened.js("jjjkgView.permalink()")
    assert "#" in url and "lang=en" in url
    state, visible = opened.js("jjjkgView.state()"), sorted(opened.js("jjjkgView.visibleEdgeIds()"))
    again = browser.new_context(viewport={"width": 1400, "height": 900}).new_page()
    again.goto(url)
    wait_until(again, "window.jjjkgView && window.jjjkgView.drawn")
    restored = again.evaluate("jjjkgView.state()")
    for key in ("lang", "layout", "years", "undated", "query", "shown"):
        assert restored[key] == state[key], key
    assert restored["scale"] == 1.75  # the centre to 0.1 canvas pixel: under a screen pixel at any zoom up to 10
    assert restored["position"] == {"x": pytest.approx(12.5, abs=0.06), "y": pytest.approx(-40.25, abs=0.06)}
    assert sorted(again.evaluate("jjjkgView.visibleEdgeIds()")) == visible
    assert not again.is_checked("#f-types input[value=policy]")
    assert again.input_value("#search") == "雄安" and "Xiong'an New Area" in again.text_content("#panel")
    assert again.text_content("#lang") == "中文"
    # The hash is kept up to date as the reader goes: a layout change is in it without asking.
    page.check("input[name=layout][value=force]")
    wait_until(page, "location.hash.includes('layout=force')", 3000)
    again.context.close()
    only_the_file(opened, curated_page)
    page.context.close()


def test_the_png_export_is_the_map_as_drawn(browser: Any, curated_page: Path) -> None:
    opened = open_view(browser, curated_page)
    url = opened.js("jjjkgView.pngDataUrl()")
    assert url.startswith("data:image/png;base64,")
    image = Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))).convert("RGB")
    canvas = opened.js("[jjjkgView.network.canvas.frame.canvas.width, jjjkgView.network.canvas.frame.canvas.height]")
    assert image.width == canvas[0] and image.height > canvas[1]  # the canvas and its caption strip
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50
    with opened.page.expect_download() as download:
        opened.page.click("#export-png")
    assert download.value.suggested_filename == "jjjkg-view.png"
    assert Path(download.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    only_the_file(opened, curated_page)
    opened.page.context.close()


HOSTILE_HASH = "&".join([
    "lang=" + quote("<img src=x onerror=window.__pwned=1>"), "layout=" + quote("javascript:alert(1)"),
    "xt=" + quote("__proto__") + "," + quote("constructor"), "xr=" + quote("<b>x</b>"),
    "years=" + quote("1-99999"), "q=" + quote("<script>window.__pwned=2</script>"),
    "sel=" + quote("n:<svg onload=window.__pwned=3>"), "zoom=" + quote("NaN Infinity 1e999"), "bad=%E0%A4%A", "=x"])


def test_a_hostile_permalink_and_the_hostile_fixture_stay_inert(browser: Any, hostile_page: Path) -> None:
    opened = open_view(browser, hostile_page)
    page = opened.page
    page.goto(hostile_page.resolve().as_uri() + "#" + HOSTILE_HASH)
    wait_until(page, "window.jjjkgView && window.jjjkgView.drawn")
    assert opened.js("jjjkgView.state().lang") == "zh" and opened.js("jjjkgView.state().layout") == "geo"
    assert page.input_value("#search") == "<script>window.__pwned=2</script>"  # a search for the text, no more
    assert opened.js("isFinite(jjjkgView.network.getScale())")
    page.click("#admin")
    slide(opened, "#year-from", 2000)
    page.click("#play")
    page.click("#play")
    opened.js("jjjkgView.selectNode('demo-tech', false)")
    url = opened.js("jjjkgView.permalink()")
    page.goto(url)  # the fixture's own ids and labels in the hash, read back
    wait_until(page, "window.jjjkgView && window.jjjkgView.drawn")
    assert '<img src=x onerror="window.__pwned=\'label-img\'">示例科技' in page.text_content("#panel")
    assert opened.js("jjjkgView.pngDataUrl()").startswith("data:image/png")
    page.wait_for_timeout(300)
    assert opened.js("typeof window.__pwned") == "undefined"
    assert opened.js("document.querySelectorAll('img, iframe, object, embed, a[href], b, svg').length") == 0
    assert opened.errors == []
    assert {r.split("#")[0] for r in opened.requests} == {hostile_page.resolve().as_uri()}
    page.context.close()


def test_curator_notes_follow_the_page_language(browser: Any, curated: graph.Built, curated_page: Path) -> None:
    noted = next((u, d) for u, _, d in curated.network.edges(data=True) if d.get("note") and d.get("note_zh"))
    opened = open_view(browser, curated_page)
    opened.js("id => jjjkgView.selectNode(id, false)", noted[0])
    panel = opened.page.text_content("#panel")
    assert noted[1]["note_zh"] in panel and noted[1]["note"] not in panel
    opened.page.click("#lang")
    panel = opened.page.text_content("#panel")
    assert noted[1]["note"] in panel and noted[1]["note_zh"] not in panel
    opened.page.context.close()
