"""`jjjkg hubs` (graph/analysis/hubs.py): ranking by degree, facts and betweenness on a small fixture,
administrative and industry links left out by default, the facts shown, formats and errors."""
from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import EXAMPLES, REFERENCE, run_cli
from graph.analysis.hubs import rank_hubs

FIXTURE = EXAMPLES / "valid" / "analysis-flows"
ARGS = ["--seeds", str(FIXTURE / "seeds"), "--sources-dir", str(FIXTURE / "texts"), "--reference-dir", str(REFERENCE)]


@pytest.fixture(scope="module")
def built():  # type: ignore[no-untyped-def]
    import graph

    return graph.load(FIXTURE / "seeds", FIXTURE / "texts", REFERENCE)


def test_ranking_by_degree_facts_and_betweenness(built) -> None:  # type: ignore[no-untyped-def]
    hubs = rank_hubs(built, top=5, facts=0)
    assert [(h.id, h.degree, h.facts) for h in hubs[:4]] == [
        ("beijing", 6, 6), ("baoding", 5, 5), ("firm-a", 4, 4), ("firm-a-tech", 3, 3)]
    by_betweenness = rank_hubs(built, top=3, rank_by="betweenness", facts=0)
    assert [h.id for h in by_betweenness] == ["beijing", "firm-a", "baoding"]
    assert by_betweenness[0].betweenness > by_betweenness[1].betweenness > by_betweenness[2].betweenness


def test_admin_and_industry_links_are_left_out_by_default(built) -> None:  # type: ignore[no-untyped-def]
    default = {h.id: h for h in rank_hubs(built, top=100, facts=0)}
    assert "national-amc-list" not in default and "auto-parts" not in default and "automotive" not in default
    assert not any(r in h.by_relation for h in default.values() for r in ("located_in", "part_of", "in_industry"))
    everything = {h.id: h for h in rank_hubs(built, top=100, facts=0, include_admin=True, include_industries=True)}
    assert "national-amc-list" in everything and "automotive" in everything
    assert everything["baoding"].degree == 9 and everything["baoding"].by_relation["located_in"] == 4


def test_kinds_and_facts(built) -> None:  # type: ignore[no-untyped-def]
    places = rank_hubs(built, top=3, kind="places", facts=2)
    assert [h.id for h in places] == ["beijing", "baoding", "hebei"]
    actors = rank_hubs(built, top=2, kind="actors", facts=2)
    assert [h.id for h in actors] == ["firm-a", "firm-a-tech"] and all(h.kind == "actor" for h in actors)
    facts = actors[0].top_facts
    assert len(facts) == 2 and facts[0].relation != facts[1].relation  # one of each relation in turn
    text = (FIXTURE / "texts" / "fixture.txt").read_text("utf-8")
    assert all(f.quote in text and f.statement.startswith("https://w3id.org/jjjkg/statement/") for f in facts)
    assert facts[0].title == "查询样例 京津冀联系" and facts[0].published == "2024-06-01"


def test_cli_formats() -> None:
    table = run_cli("hubs", *ARGS, "--top", "3", "--lang", "en")
    assert table.returncode == 0, table.stderr
    assert table.stdout.splitlines()[0].split()[:6] == ["rank", "hub", "type", "degree", "facts", "betweenness"]
    data = json.loads(run_cli("hubs", *ARGS, "--top", "2", "--format", "json").stdout)
    assert [d["id"] for d in data] == ["beijing", "baoding"] and len(data[0]["topFacts"]) == 3
    rows = list(csv.DictReader(io.StringIO(run_cli("hubs", *ARGS, "--top", "2", "--facts", "2", "--format", "csv").stdout)))
    assert [r["rank"] for r in rows] == ["1", "1", "2", "2"] and all(r["quote"] for r in rows)


@pytest.mark.parametrize(("args", "option"), [
    (["--top", "0"], "--top"), (["--facts", "-1"], "--facts"), (["--kind", "firms"], "--kind"),
    (["--rank-by", "pagerank"], "--rank-by"), (["--format", "xml"], "--format"), (["--store", "out/jjjkg.oxigraph"], "--store")])
def test_bad_options_exit_2_with_one_line(args: list[str], option: str) -> None:
    result = run_cli("hubs", *ARGS, *args)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and option in result.stderr and "Traceback" not in result.stderr
