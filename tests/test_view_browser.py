"""The network view in a real browser (Debian's headless Chromium, networking blocked): it draws
the whole graph from file://, fetches nothing, search and filters change what is drawn, hostile
strings are shown as text and run nothing, and a screenshot is not blank."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

import graph
from graph.view.credits import drawn
from browser import DRAWN, OpenedPage, assert_legible, labels_drawn, only_the_file, open_view, slide
from graph.view import ViewRequest, make_view


ADMIN = ("located_in", "part_of")


def _linkages(network: Any) -> tuple[set[str], int]:
    """The nodes and the number of edges the map opens on: every link but the administrative ones."""
    links = [(u, v) for u, v, d in network.edges(data=True) if d["relation"] not in ADMIN]
    return {n for link in links for n in link}, len(links)


def test_whole_graph_is_drawn_offline(browser: Any, curated: graph.Built, curated_page: Path) -> None:
    opened = open_view(browser, curated_page)
    shown = drawn(curated.network)  # registry links with no source are not drawn (graph/view/credits.py)
    linked, links = _linkages(shown)  # the map opens on the linkages: no located-in / part-of, no lone county
    assert opened.js(DRAWN) == [len(linked), links]
    assert set(opened.js("jjjkgView.visibleNodeIds()")) == linked
    assert not any(shown.nodes[n]["type"] == "county" and all(d["relation"] in ADMIN for *_, d in shown.edges(n, data=True))
                   and all(d["relation"] in ADMIN for *_, d in shown.in_edges(n, data=True)) for n in linked)
    opened.page.click("#admin")  # the administrative hierarchy, behind its switch
    assert opened.js(DRAWN) == [shown.number_of_nodes(), shown.number_of_edges()]
    assert opened.js("jjjkgView.visibleNodeIds().length") == curated.network.number_of_nodes()
    counts = opened.page.text_content("#counts")
    assert f"{curated.network.number_of_nodes()} / {curated.network.number_of_nodes()}" in counts
    assert opened.page.is_checked("#f-relations input[value=located_in]")
    opened.page.click("#admin")
    assert opened.js(DRAWN) == [len(linked), links]
    assert not opened.page.is_checked("#f-relations input[value=part_of]")
    only_the_file(opened, curated_page)
    opened.page.context.close()


def test_search_narrows_the_view(browser: Any, curated: graph.Built, curated_page: Path) -> None:
    opened = open_view(browser, curated_page)
    total = opened.js(DRAWN)
    opened.page.fill("#search", "雄安")
    nodes, edges = opened.js(DRAWN)
    assert 0 < nodes < total[0] and 0 < edges < total[1]
    assert "xiongan" in opened.js("jjjkgView.visibleNodeIds()")
    assert opened.page.locator("#results li").count() >= 1
    opened.page.fill("#search", "Xiong'an")  # English label
    assert "xiongan" in opened.js("jjjkgView.visibleNodeIds()")
    opened.page.fill("#search", "Hebei Fusao")  # an alias
    assert opened.js(DRAWN)[0] >= 1
    opened.page.fill("#search", "")
    assert opened.js(DRAWN) == total
    only_the_file(opened, curated_page)
    opened.page.context.close()


def test_filters_change_what_is_drawn(browser: Any, curated: graph.Built, curated_page: Path) -> None:
    opened = open_view(browser, curated_page)
    page, network = opened.page, drawn(curated.network)
    page.click("#admin")
    total = opened.js(DRAWN)
    part_of = sum(1 for *_, d in network.edges(data=True) if d["relation"] == "part_of")
    page.click("#f-relations input[value=part_of]")
    assert opened.js(DRAWN)[1] == total[1] - part_of
    page.click("#reset")
    page.click("#admin")
    assert opened.js(DRAWN) == total
    # Entity type: hide the counties, and every edge touching one goes too.
    counties = {n for n, d in network.nodes(data=True) if d["type"] == "county"}
    page.click("#f-types input[value=county]")
    touching = sum(1 for u, v in network.edges() if u in counties or v in counties)
    assert opened.js(DRAWN) == [total[0] - len(counties), total[1] - touching]
    page.click("#reset")
    page.click("#admin")
    # Source: only the CCTV article; only its facts and the nodes they link are drawn.
    page.click("#f-sources button:text('全不选')")
    page.click("#f-sources input[value='cctv-2025-02-27']")
    cctv = [(u, v) for u, v, d in network.edges(data=True) if d["source"] == "cctv-2025-02-27"]
    assert opened.js(DRAWN) == [len({n for e in cctv for n in e}), len(cctv)]
    page.click("#reset")
    page.click("#admin")
    # Year range: 2025 only, undated facts left out.
    slide(opened, "#year-from", 2025)
    page.click("#undated")
    shown = opened.js("jjjkgView.visibleEdgeIds()")
    assert 0 < len(shown) < total[1]
    data = {e["id"]: e for e in opened.js("JSON.parse(document.getElementById('jjjkg-data').textContent).edges")}
    assert all(data[i]["year"] == 2025 for i in shown)
    page.click("#f-regions input[value=Tianjin]")
    assert all(network.nodes[n]["region"] != "Tianjin" for n in opened.js("jjjkgView.visibleNodeIds()"))
    only_the_file(opened, curated_page)
    page.context.close()


def test_clicking_a_node_shows_its_facts_and_quotes(browser: Any, curated: graph.Built, curated_page: Path) -> None:
    opened = open_view(browser, curated_page)
    page = opened.page
    opened.js("jjjkgView.network.moveTo({position: jjjkgView.network.getPosition('xiongan'), scale: 1.5})")
    x, y = _screen_position(opened, "xiongan")
    page.mouse.click(x, y)
    panel = page.text_content("#panel")
    assert "雄安新区" in panel and "https://w3id.org/jjjkg/id/xiongan" in panel
    quotes = {d["quote"] for u, v, d in curated.network.edges("xiongan", data=True) if d["quote"]}
    quotes |= {d["quote"] for u, v, d in curated.network.in_edges("xiongan", data=True) if d["quote"]}
    assert quotes and all(q in panel for q in quotes)
    dimmed = opened.js("jjjkgView.nodes.get().filter(n => n.opacity === 0.35).length")
    assert dimmed > 0  # neighbourhood highlight: everything else is dimmed
    page.click("#lang")
    assert "Xiong'an New Area" in {label["text"] for label in labels_drawn(opened)}
    assert "Xiong'an New Area" in page.text_content("#panel")
    before = opened.js("jjjkgView.network.getPosition('beijing')")
    page.click("input[name=layout][value=force]")
    assert opened.js("jjjkgView.network.getPosition('beijing')") != before
    only_the_file(opened, curated_page)
    page.context.close()


def _screen_position(opened: OpenedPage, node: str) -> tuple[float, float]:
    box = opened.page.locator("#network canvas").bounding_box()
    point = opened.js(f"jjjkgView.network.canvasToDOM(jjjkgView.network.getPosition('{node}'))")
    return box["x"] + point["x"], box["y"] + point["y"]


def test_hostile_strings_are_shown_as_text_and_run_nothing(browser: Any, hostile_page: Path) -> None:
    opened = open_view(browser, hostile_page)
    page = opened.page
    opened.js("jjjkgView.network.moveTo({position: jjjkgView.network.getPosition('demo-tech'), scale: 2})")
    x, y = _screen_position(opened, "demo-tech")
    page.mouse.move(x, y)
    page.wait_for_selector("div.vis-tooltip", state="visible")
    tooltip = page.locator("div.vis-tooltip")
    assert "<script>" in tooltip.text_content() and tooltip.locator("*").count() == 0
    page.mouse.click(x, y)
    panel = page.text_content("#panel")
    assert '<img src=x onerror="window.__pwned=\'label-img\'">示例科技' in panel
    assert "<script>window.__pwned='quote-script'</script>" in panel
    assert '<a href="javascript:window.__pwned=\'quote-href\'">链接</a>' in panel
    assert '<script>window.__pwned = "title"</script>' in panel  # source title
    assert "<script>window.__pwned='note-zh'</script>编者注" in panel  # the curator's note, in the page's language
    assert "note-en" not in panel
    page.fill("#search", "href")  # the alias and the park's English label hold "href"
    assert "demo-tech" in opened.js("jjjkgView.visibleNodeIds()")
    page.click("#results li button >> nth=0")
    page.click("#lang")
    opened.js("jjjkgView.selectNode('demo-tech', false)")
    assert '<b onmouseover="window.__pwned=\'note-en\'">note</b>' in page.text_content("#panel")
    opened.js("jjjkgView.showEdge('e0')")
    hostile_fact = opened.js("jjjkgView.visibleEdgeIds().find(id => jjjkgView.citationText(id).includes('quote-script'))")
    opened.js(f"jjjkgView.showEdge('{hostile_fact}')")
    page.locator("#panel .fact .copy").first.click()  # the new controls carry the same strings, as text
    assert "<script>window.__pwned='quote-script'</script>" in opened.js("jjjkgView.lastCopied")
    exported = opened.js("jjjkgView.visibleCsv()")
    assert "<script>window.__pwned='quote-script'</script>" in exported
    with page.expect_download():
        page.click("#export-csv")
    page.wait_for_timeout(300)  # let any injected handler run if one had been created
    assert opened.js("typeof window.__pwned") == "undefined"
    assert opened.js("document.querySelectorAll('img, iframe, object, embed, a[href], b').length") == 0
    assert opened.js("document.querySelectorAll('script').length") == 7  # the data, vis, map, share, panel, permalink, view
    only_the_file(opened, hostile_page)
    page.context.close()


def test_screenshot_is_not_blank(browser: Any, curated_page: Path) -> None:
    opened = open_view(browser, curated_page)
    image = Image.open(io.BytesIO(opened.page.locator("#network").screenshot())).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20) or []
    inked = sum(count for count, rgb in colours if rgb != (255, 255, 255))
    assert len(colours) > 50 and inked > 0.01 * image.width * image.height
    opened.page.context.close()


@pytest.mark.parametrize("request_args", [("rd-here-production-there", [], None, None),
                                          (None, [], "xiongan", 1)])
def test_query_and_focus_pages_draw_their_subgraph(browser: Any, curated: graph.Built, tmp_path: Path,
                                                  request_args: tuple[Any, ...]) -> None:
    view = make_view(curated, ViewRequest.parse(*request_args, "zh"))
    path = tmp_path / view.file_name
    path.write_bytes(view.html)
    opened = open_view(browser, path)
    assert opened.js(DRAWN) == [view.nodes, view.edges]
    assert opened.page.text_content("#heading").startswith(("查询：", "雄安新区"))
    only_the_file(opened, path)
    opened.page.context.close()


PREFECTURES_ZH = {"石家庄市", "唐山市", "秦皇岛市", "邯郸市", "邢台市", "保定市", "张家口市", "承德市", "沧州市", "廊坊市",
                  "衡水市"}


def test_the_base_map_names_every_province_and_prefecture_without_overlap(browser: Any, curated_page: Path) -> None:
    opened = open_view(browser, curated_page)
    labels = labels_drawn(opened)
    names = {label["text"] for label in labels if label["kind"] == "map"}
    assert {"北京市", "天津市", "河北省"} | PREFECTURES_ZH <= names, names
    assert any(label["kind"] == "node" for label in labels)  # the most linked entities are named too
    assert_legible(labels)  # no label over another, all at least 10 px
    whole = opened.js("""(() => { const r = document.getElementById('network').getBoundingClientRect();
                          return [0, 0, r.width, r.height]; })()""")  # label boxes are in the canvas's pixels
    for label in labels:  # the whole region is in sight as the page opens
        assert whole[0] <= label["x"] and label["x"] + label["w"] <= whole[2], label
        assert whole[1] <= label["y"] and label["y"] + label["h"] <= whole[3], label
    opened.page.click("#lang")
    english = {label["text"] for label in labels_drawn(opened)}
    assert {"Beijing", "Tianjin", "Hebei", "Shijiazhuang", "Zhangjiakou"} <= english, english
    assert_legible(labels_drawn(opened))
    opened.page.check("input[name=layout][value=force]")
    assert labels_drawn(opened, "basemapLabels") == []  # the map belongs to the geographic layout
    assert_legible(labels_drawn(opened))
    only_the_file(opened, curated_page)
    opened.page.context.close()


def test_the_base_map_shows_more_names_as_the_reader_zooms_in(browser: Any, curated_page: Path) -> None:
    opened = open_view(browser, curated_page)
    before = labels_drawn(opened)
    opened.js("jjjkgView.network.moveTo({position: jjjkgView.network.getPosition('beijing'), scale: jjjkgView.network.getScale() * 3})")
    after = labels_drawn(opened)
    districts = [sum(label["level"] == "district" for label in labels) for labels in (before, after)]
    assert districts[1] > districts[0], districts  # Beijing's districts are named once there is room
    entities = [sum(label["kind"] == "node" for label in labels) for labels in (before, after)]
    assert entities[1] > entities[0], entities  # and more entities
    assert_legible(after)
    opened.js("jjjkgView.network.moveTo({position: jjjkgView.network.getPosition('xiongan'), scale: 3})")
    close = labels_drawn(opened)
    assert any(label["kind"] == "edge" for label in close)  # close in, the relations are named on the edges
    assert_legible(close)
    opened.page.context.close()


def test_a_fact_is_cited_and_what_is_shown_exports_as_csv(browser: Any, curated: graph.Built,
                                                           curated_page: Path) -> None:
    opened = open_view(browser, curated_page)
    opened.js("jjjkgView.selectNode('xiongan', false)")
    opened.page.locator("#panel .fact .copy").first.click()
    cited = opened.js("jjjkgView.lastCopied")
    first = opened.page.locator("#panel .fact blockquote").first.text_content()
    assert cited.startswith("“" + first + "”——《") and cited.endswith("。"), cited
    assert opened.page.locator("#panel .fact .copy").first.text_content() == "已复制"
    opened.page.click("#lang")
    opened.page.locator("#panel .fact .copy").first.click()
    assert opened.js("jjjkgView.lastCopied").startswith("\u201c" + first + "\u201d \u2014 ")
    csv_text = opened.js("jjjkgView.visibleCsv()")
    assert csv_text.startswith('"subject","relation","object","date","quote","source_title","publisher","source_date"\n')
    lines = list(csv.reader(io.StringIO(csv_text)))  # a quote may hold a line break
    assert len(lines) == 1 + len(opened.js("jjjkgView.visibleEdgeIds()")) and {len(row) for row in lines} == {8}
    assert first in csv_text and "Hebei Daily" in csv_text  # quotes and titles/publishers present
    with opened.page.expect_download() as download:
        opened.page.click("#export-csv")
    saved = download.value.path()
    assert Path(saved).read_text(encoding="utf-8") == csv_text
    opened.page.fill("#search", "雄安")  # narrowing the view narrows the export
    narrowed = list(csv.reader(io.StringIO(opened.js("jjjkgView.visibleCsv()"))))
    assert 1 < len(narrowed) < len(lines)
    only_the_file(opened, curated_page)
    opened.page.context.close()


def test_search_zooms_to_what_it_finds_and_reset_clears_everything(browser: Any, curated_page: Path) -> None:
    opened = open_view(browser, curated_page)
    start = opened.js("jjjkgView.network.getScale()")
    opened.page.fill("#search", "雄安")
    assert opened.js("jjjkgView.network.getScale()") > start
    size = opened.js("[document.getElementById('network').clientWidth, document.getElementById('network').clientHeight]")
    for node in opened.js("jjjkgView.visibleNodeIds()"):  # 雄安 and every neighbour in sight
        spot = opened.js(f"jjjkgView.network.canvasToDOM(jjjkgView.network.getPosition({node!r}))")
        assert 0 <= spot["x"] <= size[0] and 0 <= spot["y"] <= size[1], node
    labels = labels_drawn(opened)
    assert any(label["text"] == "雄安新区" and label["px"] >= 12 for label in labels), labels
    assert_legible(labels)
    opened.js("jjjkgView.selectNode('xiongan', false)")
    assert opened.js("jjjkgView.nodes.get().filter(n => n.opacity === 0.35).length") > 0  # the rest dims
    opened.page.click("#reset")
    assert opened.js("jjjkgView.nodes.get().filter(n => n.opacity === 0.35).length") == 0
    assert opened.js("jjjkgView.network.getSelectedNodes()") == []
    assert opened.page.locator("#panel .fact").count() == 0
    assert opened.js("jjjkgView.network.getScale()") == pytest.approx(start)
    opened.page.click("#lang")
    assert opened.page.get_attribute("#search", "placeholder") == "Chinese name / English / alias"
    opened.page.context.close()


def test_amounts_are_shown_as_printed_numbers(browser: Any, curated: graph.Built, curated_page: Path) -> None:
    opened = open_view(browser, curated_page)
    amounts = opened.js("""(() => { const D = JSON.parse(document.getElementById('jjjkg-data').textContent);
        return D.edges.flatMap(e => e.qualifiers.filter(q => q[0] === 'amount').map(q => q[1])); })()""")
    assert amounts and "300" in amounts and not any(a.endswith(".0") for a in amounts), amounts
    opened.page.context.close()
