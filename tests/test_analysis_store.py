"""hubs, path, timeline and report on an import's store (--store): the store's network
(graph/analysis/store_network.py) equals the curated build's on the same triples, and the four
commands run on a 100,000-row synthetic import, the report's data bounded."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from conftest import LARGE_IMPORT_ROWS as ROWS, run_cli
from graph.analysis.flows import curated_store
from graph.analysis.store_network import store_network, store_sources

NODE_ATTRS = ("zh", "en", "aliases", "type", "region", "iri", "division_code", "wikidata", "lat", "lon")
EDGE_ATTRS = ("relation", "relation_zh", "relation_en", "relation_iri", "quote", "source", "statement", "date",
              "date_text", "modality", "from", "amount", "note", "note_zh")


def _nodes(network: Any) -> dict[str, tuple[Any, ...]]:
    return {n: tuple(d.get(a) for a in NODE_ATTRS) for n, d in network.nodes(data=True)}


def _edges(network: Any) -> dict[tuple[str, str, str], tuple[Any, ...]]:
    return {(u, v, k): tuple(d.get(a) for a in EDGE_ATTRS) for u, v, k, d in network.edges(keys=True, data=True)}


def test_store_network_equals_the_curated_network(curated) -> None:  # type: ignore[no-untyped-def]
    store = curated_store(curated)
    network = store_network(store, curated.schema)
    assert _nodes(network) == _nodes(curated.network)
    assert _edges(network) == _edges(curated.network)
    registry = [k for k in _edges(network) if _edges(network)[k][6] == ""]
    assert registry and all(_edges(network)[k][5] == "registry" for k in registry)  # located_in, both sides
    assert list(network.edges(keys=True)) == list(curated.network.edges(keys=True))  # the same order too
    sources = store_sources(store)
    fields = ("title", "title_en", "publisher", "publisher_en", "published", "language", "kind")
    assert {k: tuple(getattr(s, f) for f in fields) for k, s in sources.items()} == \
        {k: tuple(getattr(s, f) for f in fields) for k, s in curated.seeds.sources.items()}




@pytest.fixture(scope="module")
def large_store(large_import: tuple[Path, str]) -> Path:
    """The session's 100,000-row synthetic import (conftest.large_import): its store folder."""
    return large_import[0] / "jjjkg.oxigraph"


@pytest.fixture(scope="module")
def shared_place(large_store: Path) -> tuple[str, str, str]:
    """Two synthetic firms whose headquarters moved to the same place, and the place."""
    store = ox.Store.read_only(str(large_store))
    rows = store.query("""PREFIX jjj: <https://w3id.org/jjjkg/ontology#>
        SELECT ?a ?b ?place WHERE { ?a jjj:relocatedHeadquartersTo ?place . ?b jjj:relocatedHeadquartersTo ?place .
        FILTER(STR(?a) < STR(?b) && CONTAINS(STR(?a), "/company-") && CONTAINS(STR(?b), "/company-")) } LIMIT 1""")
    a, b, place = (term.value.rsplit("/", 1)[-1] for term in next(iter(rows)))  # type: ignore[arg-type]
    del store
    return a, b, place


def test_hubs_on_the_import(large_store: Path) -> None:
    result = run_cli("hubs", "--store", str(large_store), "--top", "5", "--facts", "1", "--format", "json")
    assert result.returncode == 0, result.stderr
    hubs = json.loads(result.stdout)
    assert len(hubs) == 5 and hubs[0]["degree"] > 100 and all(h["topFacts"][0]["quote"] for h in hubs)
    assert "betweenness estimated from 32 sampled sources" in result.stderr


def test_path_between_two_firms_sharing_a_place(large_store: Path, shared_place: tuple[str, str, str]) -> None:
    a, b, place = shared_place
    result = run_cli("path", a, b, "--store", str(large_store), "--format", "json", "--max-hops", "2")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["hops"] == 2 and found["shortest_chains"] >= 1
    assert any(chain["nodes"][1]["id"] == place for chain in found["chains"])
    assert all(f["quote"] and f["source"]["id"] == "synthetic-moves"
               for hop in found["chains"][0]["hops"] for f in hop["facts"])


def test_timeline_rows_are_dated_from_the_table(large_store: Path) -> None:
    result = run_cli("timeline", "--store", str(large_store), "--format", "csv", "--from", "2024", "--to", "2024")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    synthetic = [r for r in rows if r["source"] == "synthetic-moves"]
    assert len(synthetic) > ROWS // 20  # one year of eleven
    assert all(r["date"].startswith("2024") and r["dated_by"] == "fact" for r in synthetic)
    assert all(r["date"][:4] in r["quote"] for r in synthetic[:200])  # the table's year, quoted in its row


def test_report_of_the_import_is_bounded(large_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run_cli("report", "--store", str(large_store), "--out", str(out), "--lang", "en")
    assert result.returncode == 0, result.stderr
    block = re.search(rb'<script type="application/json" id="jjjkg-report">(.*?)</script>', out.read_bytes(), re.S)
    assert block
    data = json.loads(block.group(1))
    assert len(data["flows"]["cells"]) == 60 < data["flows"]["total"]
    assert len(data["hubs"]) == 15 and len(data["timeline"]) == 200
    assert "latest 200 of" in data["metaEn"] and int(data["metaEn"].split(" facts")[0].split()[-1]) > ROWS // 2
    assert len(data["quotes"]) < 2000 and out.stat().st_size < 3_000_000
    assert {s["id"] for s in data["sources"]} >= {"synthetic-moves"}


@pytest.mark.parametrize(("command", "args", "option"), [
    ("hubs", ["--store", "/nonexistent-store"], "--store"), ("path", ["a", "b", "--store", "/nonexistent-store"], "--store"),
    ("timeline", ["--store", "/nonexistent-store"], "--store"), ("report", ["--store", "/nonexistent-store"], "--store"),
    ("hubs", ["--store", "STORE", "--as-of", "2024"], "--as-of"), ("timeline", ["--store", "STORE", "--from", "20x"], "--from"),
    ("path", ["nowhere-at-all-x", "beijing", "--store", "STORE"], "FROM")])
def test_bad_options_exit_2_with_one_line(large_store: Path, command: str, args: list[str], option: str) -> None:
    result = run_cli(command, *[str(large_store) if a == "STORE" else a for a in args])
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and option in result.stderr and "Traceback" not in result.stderr
