"""`--as-of DATE`: the graph as of a date (graph/snapshot.py). The fixture tests/examples/valid/as-of
holds facts dated by their own date (2023, 2024-06, 2025-03-15), by their article's publication
date (2024-05-01) and not at all (an article without a date), and indicator values likewise."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import graph
from conftest import CURATED_REFERENCE, CURATED_TEXTS, EXAMPLES, REFERENCE, run_cli
from graph.build import Settings, build, render
from graph.snapshot import AsOf, take_snapshot
from graph.view import page_for

FIXTURE = EXAMPLES / "valid" / "as-of"
ARGS = ["--seeds", str(FIXTURE / "seeds"), "--sources-dir", str(FIXTURE / "texts"), "--reference-dir", str(REFERENCE)]


def built_as_of(date: str | None) -> graph.Built:
    return build(Settings.resolve(FIXTURE / "seeds", FIXTURE / "texts", REFERENCE,
                                  AsOf.parse(date) if date else None))


def statements(built: graph.Built) -> set[str]:
    return {data["statement"] for _, _, data in built.network.edges(data=True) if data["statement"]}


@pytest.mark.parametrize(("fact", "as_of", "kept"), [
    ("2024", "2024-06", True),         # the year has begun
    ("2024", "2023-12-31", False),
    ("2024-07", "2024", True),         # as of 2024: up to its end
    ("2024-07", "2024-06", False),
    ("2024-06-15", "2024-06", True),   # the month has begun... and ends after it
    ("2024-06-15", "2024-06-14", False),
    ("2024-06-15", "2024-06-15", True),
    ("2023-12-31", "2024-01-01", True),
])
def test_the_date_rule_compares_at_the_shorter_precision(fact: str, as_of: str, kept: bool) -> None:
    assert AsOf.parse(as_of).admits(fact) is kept


def test_a_dated_fact_is_left_out_before_its_date_and_kept_from_it() -> None:
    before, on = built_as_of("2025-03-14"), built_as_of("2025-03-15")
    assert (len(before.seeds.facts), len(on.seeds.facts)) == (9, 10)
    assert len(on.seeds.facts) == len(built_as_of(None).seeds.facts)
    late = [u for u, v, data in on.network.edges(data=True) if data["relation"] == "production_location"
            and u == "late-tech"]
    assert late and not any(u == "late-tech" for u, _, _ in before.network.edges(data=True))
    assert statements(before) < statements(on)
    assert before.size()[0] < on.size()[0]  # fewer triples
    assert before.snapshot is not None and (before.snapshot.facts_kept, before.snapshot.facts_left_out) == (8, 1)


def test_the_article_date_dates_a_fact_without_its_own() -> None:
    """The fixture's demo article is published 2024-05-01: its facts without a date go by it."""
    dated_by_article = {f.id for f in built_as_of(None).seeds.facts
                        if f.source == "demo" and "date" not in f.qualifiers}
    assert dated_by_article
    assert not dated_by_article & {f.id for f in built_as_of("2024-04").seeds.facts}
    assert dated_by_article <= {f.id for f in built_as_of("2024-05").seeds.facts}  # the month has begun


def test_undated_facts_and_values_are_kept_and_counted() -> None:
    early = built_as_of("2022")
    assert [(f.source, f.relation) for f in early.seeds.facts] == [("memo", "rd_location")]
    assert [(o.source, o.period) for o in early.seeds.observations] == [("memo", None)]
    snapshot = early.snapshot
    assert snapshot is not None
    assert (snapshot.facts_kept, snapshot.facts_left_out, snapshot.facts_undated) == (0, 9, 1)
    assert (snapshot.values_kept, snapshot.values_left_out, snapshot.values_undated) == (0, 2, 1)


def test_entities_and_the_registry_stay() -> None:
    """An entity named only by left-out facts remains, as a node without their links."""
    full, early = built_as_of(None), built_as_of("2024")
    assert early.seeds.entities == full.seeds.entities and early.seeds.sources == full.seeds.sources
    assert "late-tech" in early.network and early.network.degree("late-tech") == 0
    assert set(early.network) == set(full.network)


def test_the_seeds_given_are_not_changed() -> None:
    full = built_as_of(None)
    facts = list(full.seeds.facts)
    seeds, _ = take_snapshot(full.seeds, AsOf("2022"))
    assert full.seeds.facts == facts and len(seeds.facts) == 1


def test_without_as_of_nothing_changes() -> None:
    full = built_as_of(None)
    assert full.snapshot is None and not any(note.startswith("as of") for note in full.notes)
    assert full.lines == graph.load(FIXTURE / "seeds", FIXTURE / "texts", REFERENCE).lines


def test_the_message_says_what_was_kept_and_left_out(tmp_path: Path) -> None:
    done = run_cli("build", *ARGS, "--as-of", "2024-06-30", "--format", "ntriples", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "note: as of 2024-06-30: kept 8 dated facts, left out 1 dated after it, kept 1 undated; "
        "indicator values: kept 1 dated, left out 1, kept 1 undated"]
    assert done.stdout.startswith("built ") and "from 9 facts and 2 indicator values" in done.stdout


@pytest.mark.parametrize("date", ["2024-13", "yesterday", "20240101", "2024-02-30", "24", ""])
@pytest.mark.parametrize("command", ["build", "query", "view", "stats"])
def test_bad_dates_exit_2_with_one_line(command: str, date: str) -> None:
    extra = ["hq-relocations"] if command == "query" else []
    done = run_cli(command, *extra, "--as-of", date)
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and "--as-of" in done.stderr


@pytest.mark.parametrize("command", ["validate", "import-csv"])
def test_commands_that_take_the_seeds_whole_have_no_as_of(command: str) -> None:
    extra = ["x.csv", "--mapping", "m.yaml"] if command == "import-csv" else []
    done = run_cli(command, *extra, "--as-of", "2024")
    assert done.returncode == 2 and "--as-of" in done.stderr


@pytest.mark.parametrize("args", [["query", "hq-relocations", "--store", "somewhere"],
                                  ["serve", "--store", "somewhere"],
                                  ["push", "--store", "http://127.0.0.1:9/store", "--from", "somewhere"]])
def test_a_store_or_built_folder_refuses_as_of(args: list[str]) -> None:
    done = run_cli(*args, "--as-of", "2024")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"jjjkg {args[0]}: error: --as-of: not with {args[-2]} (it holds what was imported or built, undated); "
        "leave out one of them"]


def test_query_as_of() -> None:
    before = run_cli("query", "hq-relocations", *ARGS, "--as-of", "2024-05", "--ids", "--format", "csv")
    after = run_cli("query", "hq-relocations", *ARGS, "--as-of", "2024-06", "--ids", "--format", "csv")
    assert before.returncode == after.returncode == 0, before.stderr + after.stderr
    assert "2024-06" not in before.stdout and "2024-06,2024年6月" in after.stdout
    assert "baoding" in before.stdout  # the 2023 move to Baoding is kept
    assert after.stderr.startswith("note: as of 2024-06: kept 8 dated facts")


def test_stats_as_of() -> None:
    done = run_cli("stats", *ARGS, "--as-of", "2023", "--format", "json")
    assert done.returncode == 0, done.stderr
    totals = json.loads(done.stdout)["totals"]
    assert (totals["facts"], totals["indicator values"], totals["entities"]) == (3, 2, 7)
    assert done.stderr.startswith("note: as of 2023: kept 2 dated facts, left out 7 dated after it, kept 1 undated")


def test_snapshots_are_deterministic_and_the_turtle_says_so() -> None:
    one, two = built_as_of("2024"), built_as_of("2024")
    assert one.ntriples == two.ntriples
    files = render(one, ["turtle", "ntriples"])
    assert files == render(two, ["turtle", "ntriples"])
    assert files["jjjkg.ttl"].splitlines()[1] == (
        b"# A snapshot as of 2024 (jjjkg --as-of 2024): facts and indicator values dated after it are left out.")
    assert b"# A snapshot" not in render(built_as_of(None), ["turtle"])["jjjkg.ttl"]


def _page_data(html: bytes) -> dict[str, Any]:
    match = re.search(rb'<script type="application/json" id="jjjkg-data">(.*?)</script>', html, re.S)
    assert match, "no data block"
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def _edges(data: dict[str, Any]) -> set[tuple[str, str, str, str]]:
    return {(e["from"], e["to"], e["relation"], e["statement"]) for e in data["edges"]}


@pytest.fixture(scope="module")
def curated_full_page() -> dict[str, Any]:
    return _page_data(page_for(graph.load(None, CURATED_TEXTS, CURATED_REFERENCE)))


@pytest.mark.parametrize("year", [2019, 2023, 2024])
def test_the_view_year_slider_agrees_with_as_of(curated_full_page: dict[str, Any], year: int) -> None:
    """--as-of YYYY keeps exactly the edges the full page shows with its year range ending at YYYY,
    undated ones included (view.js: e.year === null ? state.undated : e.year <= end)."""
    snapshot = build(Settings.resolve(None, CURATED_TEXTS, CURATED_REFERENCE, AsOf.parse(str(year))))
    shown = {(e["from"], e["to"], e["relation"], e["statement"]) for e in curated_full_page["edges"]
             if e["year"] is None or e["year"] <= year}
    assert _edges(_page_data(page_for(snapshot))) == shown
    assert len(shown) < len(curated_full_page["edges"])  # the year leaves something out


def test_the_fixture_view_agrees_with_as_of_too() -> None:
    full = _page_data(page_for(built_as_of(None)))
    for year in (2022, 2023, 2024, 2025):
        shown = {(e["from"], e["to"], e["relation"], e["statement"]) for e in full["edges"]
                 if e["year"] is None or e["year"] <= year}
        assert _edges(_page_data(page_for(built_as_of(str(year))))) == shown, year


def test_the_library_takes_as_of_too() -> None:
    """graph.load(as_of=…) is the command's --as-of: the same facts, the same note."""
    whole = graph.load(None, CURATED_TEXTS, CURATED_REFERENCE)
    then = graph.load(None, CURATED_TEXTS, CURATED_REFERENCE, as_of="2023")
    assert then.snapshot is not None and whole.snapshot is None
    assert 0 < len(then.seeds.facts) < len(whole.seeds.facts)
    with pytest.raises(ValueError, match="2023-13"):
        graph.load(None, CURATED_TEXTS, CURATED_REFERENCE, as_of="2023-13")
