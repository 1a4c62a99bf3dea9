"""`jjjkg flows` (graph/analysis/flows.py): the flow matrix equals the catalogue's province flows, counts
and direction on a small fixture (from-place, subject, object) for every relation group, the
rd-to-production row kind, formats and errors, and an import store's counts."""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import EXAMPLES, LARGE_IMPORT_ROWS as ROWS, REFERENCE, run_cli
from graph.analysis.flows import RD_TO_PRODUCTION, curated_store, flow_matrix, load_flow_groups
from graph.query import Engine, load_catalogue
from graph.schema import load_schema

FIXTURE = EXAMPLES / "valid" / "analysis-flows"
ARGS = ["--seeds", str(FIXTURE / "seeds"), "--sources-dir", str(FIXTURE / "texts"), "--reference-dir", str(REFERENCE)]
ENT = "https://w3id.org/jjjkg/id/"


@pytest.fixture(scope="module")
def fixture_built():  # type: ignore[no-untyped-def]
    import graph

    return graph.load(FIXTURE / "seeds", FIXTURE / "texts", REFERENCE)


def _cells(matrix) -> dict[tuple[str, str, str], int]:  # type: ignore[no-untyped-def]
    return {(c.origin, c.destination, c.key): c.count for c in matrix.cells}


def test_province_flows_by_relation_equal_the_catalogue_query(curated) -> None:  # type: ignore[no-untyped-def]
    store = curated_store(curated)
    keys = {str(r.iri): key for key, r in curated.schema.relations.items()}
    engine = Engine(curated, store)
    expected = {(row["fromProvince"].value[len(ENT):], row["toProvince"].value[len(ENT):], keys[row["relation"].value]):
                int(row["linkages"].value)
                for row in engine.execute(load_catalogue()["linkage-flows-by-province"])}
    assert expected
    assert _cells(flow_matrix(store, curated.schema, "province", "relation", 0)) == expected


def test_groups_sum_the_relations_and_leave_out_part_of(curated) -> None:  # type: ignore[no-untyped-def]
    store = curated_store(curated)
    by_relation = _cells(flow_matrix(store, curated.schema, "prefecture", "relation", 0))
    group_of = {r: g.key for g in load_flow_groups() for r in g.relations}
    summed: Counter[tuple[str, str, str]] = Counter()
    for (o, d, relation), count in by_relation.items():
        if relation in group_of:
            summed[(o, d, group_of[relation])] += count
    by_group = _cells(flow_matrix(store, curated.schema, "prefecture", "group", 0))
    assert {k: v for k, v in by_group.items() if k[2] != RD_TO_PRODUCTION} == dict(summed)
    assert by_group[("beijing", "zhangjiakou", RD_TO_PRODUCTION)] == 1  # R&D in Beijing, production in Zhangjiakou


def test_fixture_counts_and_direction_for_every_group(fixture_built) -> None:  # type: ignore[no-untyped-def]
    matrix = flow_matrix(curated_store(fixture_built), fixture_built.schema, "prefecture", "group", 1)
    assert _cells(matrix) == {
        ("beijing", "baoding", "headquarters"): 3,   # firm-e lies in Tianjin but moves from Beijing: from-place
        ("tianjin", "baoding", "supply-markets"): 1,  # firm-e supplies: its subject's place
        ("baoding", "beijing", "supply-markets"): 1,  # to Xinfadi, in Beijing: the object's place
        ("baoding", "beijing", "parks-clusters"): 1,
        ("beijing", "baoding", "cooperation"): 1,
        ("beijing", "tianjin", "cooperation"): 1,
        ("beijing", "baoding", "production-rd"): 1,
        ("beijing", "hebei", "policy"): 1,           # Hebei has no prefecture: it stands as itself
        ("beijing", "baoding", RD_TO_PRODUCTION): 1,
    }
    cells = {(c.origin, c.destination, c.key): c for c in matrix.cells}
    rd = cells[("beijing", "baoding", RD_TO_PRODUCTION)]
    assert rd.counted == "firms" and rd.examples[0].quote == "甲公司研发中心设在北京 … 生产基地建在保定"
    assert len(rd.examples[0].statements) == 2
    hq = cells[("beijing", "baoding", "headquarters")].examples[0]
    assert hq.statements[0].startswith("https://w3id.org/jjjkg/statement/")
    assert hq.sources[0].title == "查询样例 京津冀联系" and hq.sources[0].published == "2024-06-01"
    text = (FIXTURE / "texts" / "fixture.txt").read_text("utf-8")
    assert all(part in text for c in matrix.cells for e in c.examples for part in e.quote.split(" … "))


def test_province_level_and_place_filters(fixture_built) -> None:  # type: ignore[no-untyped-def]
    store = curated_store(fixture_built)
    assert _cells(flow_matrix(store, fixture_built.schema, "province", "relation", 0)) == {
        ("beijing", "hebei", "hq_relocated_to"): 2, ("beijing", "hebei", "subsidiary"): 1,
        ("beijing", "hebei", "production_location"): 1, ("beijing", "hebei", "technology_transfer"): 1,
        ("beijing", "hebei", "role_in"): 1, ("beijing", "tianjin", "cooperates_with"): 1,
        ("tianjin", "hebei", "supplies"): 1, ("hebei", "beijing", "market_channel"): 1,
        ("hebei", "beijing", "receiving_platform_for"): 1}
    only = flow_matrix(store, fixture_built.schema, "prefecture", "group", 0, origin="tianjin", destination="hebei")
    assert _cells(only) == {("tianjin", "baoding", "supply-markets"): 1}


def test_cli_formats_agree() -> None:
    table = run_cli("flows", *ARGS, "--lang", "en")
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[0].split()[:5] == ["origin", "destination", "group", "count", "counted"]
    assert "Beijing  Baoding      headquarters" in table.stdout
    as_json = run_cli("flows", *ARGS, "--format", "json", "--examples", "2")
    data = json.loads(as_json.stdout)
    assert data["level"] == "prefecture" and data["by"] == "group"
    first = data["cells"][0]
    assert (first["origin"], first["destination"], first["group"], first["count"]) == ("beijing", "baoding", "headquarters", 3)
    assert len(first["examples"]) == 2 and first["examples"][0]["sources"][0]["publisher"] == "样例日报"
    rows = list(csv.DictReader(io.StringIO(run_cli("flows", *ARGS, "--format", "csv", "--examples", "3").stdout)))
    assert sum(1 for r in rows if r["group"] == "headquarters" and r["origin"] == "北京市") == 3  # cell repeated per line
    assert all(r["origin"] for r in rows)


@pytest.mark.parametrize(("args", "option"), [
    (["--level", "city"], "--level"), (["--by", "firm"], "--by"), (["--examples", "-1"], "--examples"),
    (["--examples", "x"], "--examples"), (["--format", "xml"], "--format"), (["--from", "雄按"], "--from"),
    (["--to", "nowhere-at-all"], "--to"), (["--store", "/nonexistent-store"], "--store")])
def test_bad_options_exit_2_with_one_line(args: list[str], option: str) -> None:
    result = run_cli("flows", *ARGS, *args)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and option in result.stderr and "Traceback" not in result.stderr




@pytest.fixture(scope="module")
def large_store(large_import: tuple[Path, str]) -> Path:
    """The session's 100,000-row synthetic import (conftest.large_import): its store folder."""
    return large_import[0] / "jjjkg.oxigraph"


def test_store_counts_equal_the_derived_graph(large_store: Path) -> None:
    keys = {str(r.iri): key for key, r in load_schema().relations.items()}
    store = ox.Store.read_only(str(large_store))
    derived = {(row["o"].value[len(ENT):], row["d"].value[len(ENT):], keys[row["r"].value]): int(row["n"].value)
               for row in store.query("""PREFIX jjj: <https://w3id.org/jjjkg/ontology#>
               SELECT ?o ?d ?r ?n WHERE { GRAPH <https://w3id.org/jjjkg/graph/derived> {
               ?f jjj:level "prefecture" ; jjj:origin ?o ; jjj:destination ?d ; jjj:relation ?r ; jjj:statementCount ?n } }""")}
    del store
    result = run_cli("flows", "--store", str(large_store), "--by", "relation", "--format", "json")
    assert result.returncode == 0, result.stderr
    cells = json.loads(result.stdout)["cells"]
    assert {(c["origin"], c["destination"], c["relation"]): c["count"] for c in cells} == derived
    assert sum(c["count"] for c in cells) > ROWS // 2
    assert all(len(c["examples"]) == 1 and c["examples"][0]["quote"] for c in cells)
