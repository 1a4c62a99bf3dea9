"""Every RDF export round-trips through rdflib and pyoxigraph; GraphML and CSV load in their tools."""
from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

import graph
from conftest import MINIMAL, REFERENCE, ROOT, TEXTS

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
