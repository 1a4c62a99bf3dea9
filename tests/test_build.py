"""The build path: golden graph, statement pattern, NetworkX view, determinism, atomic writes."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

import graph
from conftest import MINIMAL, REFERENCE, ROOT, TEXTS, fixture_args, run_cli
from graph.namespaces import ENT, JJJ

GOLDEN = ROOT / "tests" / "golden" / "minimal.ttl"


@pytest.fixture(scope="module")
def minimal() -> graph.Built:
    return graph.load(MINIMAL / "seeds", TEXTS, REFERENCE)


def test_golden_graph_is_isomorphic(minimal: graph.Built) -> None:
    golden = Graph().parse(GOLDEN, format="turtle")
    if not isomorphic(golden, minimal.graph):
        _, only_golden, only_built = graph_diff(to_isomorphic(golden), to_isomorphic(minimal.graph))
        pytest.fail("graph differs from golden\nonly in golden:\n"
                    + only_golden.serialize(format="nt") + "\nonly in build:\n" + only_built.serialize(format="nt"))


def test_truthy_triple_and_statement_node(minimal: graph.Built) -> None:
    rows = list(minimal.graph.query("""
        PREFIX jjj: <https://w3id.org/jjjkg/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?firm ?quote ?source WHERE {
          ?firm jjj:hasRDLocation ?beijing ; jjj:hasProductionLocation ?site .
          ?st rdf:subject ?firm ; rdf:predicate jjj:hasRDLocation ; rdf:object ?beijing ;
              jjj:quote ?quote ; prov:wasDerivedFrom ?source .
        }"""))
    assert len(rows) == 1
    assert rows[0][0] == ENT["demo-tech"]
    assert str(rows[0][1]) == "示例科技有限公司研发中心设在北京"


def test_headquarters_relocation_is_an_nary_event(minimal: graph.Built) -> None:
    rows = list(minimal.graph.query("""
        PREFIX jjj: <https://w3id.org/jjjkg/ontology#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?org ?from ?to ?date WHERE {
          ?ev a jjj:HeadquartersRelocation ; rdf:subject ?org ; jjj:fromPlace ?from ; rdf:object ?to ;
              jjj:date ?date .
        }"""))
    assert [(r[0], r[1], r[2], str(r[3])) for r in rows] == [
        (ENT["demo-tech"], ENT["beijing"], ENT["baoding"], "2023")]


def test_amounts_and_indicators_are_normalised(minimal: graph.Built) -> None:
    amounts = {str(v) for v in minimal.graph.objects(None, JJJ.amount)}
    assert amounts == {"350000000.0"}
    values = list(minimal.graph.objects(None, JJJ.value))
    assert values == [Literal("120.0", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal"))]


def test_networkx_nodes_and_edges_carry_attributes(minimal: graph.Built) -> None:
    net = minimal.network
    assert isinstance(net, nx.MultiDiGraph)
    firm = net.nodes["demo-tech"]
    assert (firm["zh"], firm["en"], firm["type"], firm["region"]) == (
        "示例科技有限公司", "Demo Technology Co., Ltd.", "company", "Hebei")
    assert net.nodes["baoding"]["lat"] == pytest.approx(38.867)
    assert net.nodes["beijing"]["region"] == "Beijing"
    edges = [d for _, o, d in net.out_edges("demo-tech", data=True) if d["relation"] == "hq_relocated_to"]
    assert len(edges) == 1
    assert edges[0]["from"] == "beijing" and edges[0]["date"] == "2023" and edges[0]["source"] == "demo"
    assert edges[0]["quote"] == "去年底,示例科技把总部从北京搬到保定。"
    located = [d for _, o, d in net.out_edges("mancheng", data=True) if d["relation"] == "located_in"]
    assert located and located[0]["source"] == "registry"


def test_build_is_byte_identical_across_runs(tmp_path: Path) -> None:
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        result = run_cli("build", *fixture_args(MINIMAL / "seeds"), "--out", str(out),
                         env={"PYTHONHASHSEED": seed})
        assert result.returncode == 0, result.stderr
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]
    assert set(outputs[0]) == {"jjjkg.ttl", "jjjkg.nt", "jjjkg.jsonld", "jjjkg.graphml", "edges.csv", "network.html"}


def test_turtle_has_only_our_prefixes(tmp_path: Path) -> None:
    result = run_cli("build", *fixture_args(MINIMAL / "seeds"), "--out", str(tmp_path), "--format", "turtle")
    assert result.returncode == 0, result.stderr
    prefixes = {line.split()[1] for line in (tmp_path / "jjjkg.ttl").read_text().splitlines()
                if line.startswith("@prefix")}
    from graph.namespaces import PREFIXES
    assert prefixes <= {f"{p}:" for p in PREFIXES}
    assert "brick:" not in prefixes and "schema1:" not in prefixes


def test_failed_build_leaves_previous_outputs_untouched(minimal_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("build", *fixture_args(minimal_copy), "--out", str(out)).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    facts = minimal_copy / "facts" / "demo.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("object: beijing", "object: atlantis"),
                     encoding="utf-8")
    result = run_cli("build", *fixture_args(minimal_copy), "--out", str(out))
    assert result.returncode == 1
    assert "nothing was written" in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_write_outputs_replaces_all_or_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "jjjkg.ttl").write_bytes(b"old")
    blocker = out / "edges.csv"
    blocker.mkdir()  # a directory where a file must go: os.replace fails
    with pytest.raises(graph.ConfigError):
        graph.write_outputs({"jjjkg.ttl": b"new", "edges.csv": b"new"}, out)
    assert (out / "jjjkg.ttl").read_bytes() == b"old"
    assert not [p for p in out.iterdir() if p.name.startswith(".jjjkg-build-")]


def test_library_is_usable_without_the_cli() -> None:
    import subprocess
    import sys

    code = ("import sys, graph; b = graph.load(sys.argv[1], sys.argv[2], sys.argv[3]); "
            "print(len(b.graph), 'graph.cli' in sys.modules, 'argparse' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code, str(MINIMAL / "seeds"), str(TEXTS), str(REFERENCE)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    triples, cli_loaded, argparse_loaded = result.stdout.split()
    assert int(triples) > 100 and cli_loaded == "False"


def test_the_collector_is_paused_for_a_build_and_restored_after() -> None:
    import gc

    from graph.collector import collector_paused

    assert gc.isenabled()
    seen: list[bool] = []
    try:
        with collector_paused():
            seen.append(gc.isenabled())
            raise RuntimeError("a build that fails")
    except RuntimeError:
        pass
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled(), "a collector the caller turned off stays off"
    finally:
        gc.enable()
