"""`jjjkg timeline`: dated facts in date order (graph/analysis/timeline.py), on the analysis-paths
fixture and the curated seeds."""
from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import EXAMPLES, REFERENCE, run_cli
from graph.analysis.timeline import ARTICLE, FACT, check_bounds, period, timeline
from graph.problems import ConfigError

FIXTURE = EXAMPLES / "valid" / "analysis-paths"
ARGS = ["--seeds", str(FIXTURE / "seeds"), "--sources-dir", str(FIXTURE / "texts"), "--reference-dir", str(REFERENCE)]


@pytest.fixture(scope="module")
def fixture_built():  # type: ignore[no-untyped-def]
    import graph

    return graph.load(FIXTURE / "seeds", FIXTURE / "texts", REFERENCE)


def events_of(built, **options):  # type: ignore[no-untyped-def]
    return timeline(built.network, built.seeds.sources, built.schema.relations, **options)


def test_only_facts_with_their_own_date_in_date_order(fixture_built) -> None:  # type: ignore[no-untyped-def]
    events = events_of(fixture_built)
    assert [(e.date, e.fact.relation) for e in events] == [
        ("2022-11", "hq_relocated_to"), ("2023-05", "supplies"), ("2024", "supplies"),
        ("2024-02-10", "technology_transfer")]
    assert {e.dated_by for e in events} == {FACT}


def test_article_dates_add_the_rest_marked_and_skip_undated_articles(fixture_built) -> None:  # type: ignore[no-untyped-def]
    events = events_of(fixture_built, article_dates=True)
    assert len(events) == 10  # the undated article's fact is never listed
    by_article = [e for e in events if e.dated_by == ARTICLE]
    assert len(by_article) == 6 and {e.date for e in by_article} == {"2024-06-01"}
    assert [e.date for e in events] == sorted(e.date for e in events)


def test_filters(fixture_built) -> None:  # type: ignore[no-untyped-def]
    assert [e.date for e in events_of(fixture_built, start="2024")] == ["2024", "2024-02-10"]
    assert [e.date for e in events_of(fixture_built, start="2024-03")] == ["2024"]  # a year overlaps its months
    assert [e.date for e in events_of(fixture_built, end="2023")] == ["2022-11", "2023-05"]
    assert [e.fact.relation for e in events_of(fixture_built, relations=["hq_relocated_to"])] == ["hq_relocated_to"]
    assert [e.date for e in events_of(fixture_built, entity="丙研究所")] == ["2024", "2024-02-10"]
    assert [e.date for e in events_of(fixture_built, entity="天津")] == ["2022-11"]  # the place moved from


@pytest.mark.parametrize(("start", "end", "message"), [
    ("2024-13", None, "--from: '2024-13' is not a date"),
    (None, "2023-02-30", "--to: '2023-02-30' is not a date"),
    ("24", None, "--from: '24' is not a date"),
    ("2025", "2024", "--from: 2025 is after --to 2024"),
])
def test_bad_dates(start: str | None, end: str | None, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        check_bounds(start, end)


def test_periods() -> None:
    assert period("2024") == ("2024-01-01", "2024-12-31")
    assert period("2024-02") == ("2024-02-01", "2024-02-29")
    assert period("2023-05-03") == ("2023-05-03", "2023-05-03")


def test_cli_table_csv_and_json() -> None:
    table = run_cli("timeline", *ARGS)
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split()[:4] == ["date", "dated", "by", "subject"]
    assert lines[2].startswith("2022-11     fact      乙公司    总部迁往    远方市")
    assert "2022年11月，乙公司把总部从天津迁到远方市。" in lines[2] and lines[-1] == "(4 events)"
    rows = list(csv.DictReader(io.StringIO(run_cli("timeline", "--format", "csv", "--article-dates", *ARGS).stdout)))
    assert len(rows) == 10 and rows[0]["statement"].startswith("https://w3id.org/jjjkg/statement/")
    assert rows[-1]["dated_by"] == "article" and rows[-1]["published"] == "2024-06-01"
    answer = json.loads(run_cli("timeline", "--format", "json", "--lang", "en", "--relation", "supplies", *ARGS).stdout)
    assert [(e["date"], e["subject_label"], e["object_label"]) for e in answer] == [
        ("2023-05", "Firm A", "Firm B"), ("2024", "Firm E", "Institute C")]
    assert answer[0]["source"]["title"] == "Chain sample"


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "2024-13"], "jjjkg timeline: error: --from: '2024-13' is not a date"),
    (["--relation", "nope"], "jjjkg timeline: error: --relation: unknown relation 'nope'"),
    (["--entity", "火星公司"], "jjjkg timeline: error: --entity: no entity with id or name '火星公司'"),
])
def test_cli_errors_are_one_line(args: list[str], message: str) -> None:
    result = run_cli("timeline", *args, *ARGS)
    assert result.returncode == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1, result.stderr


def test_curated_headquarters_moves_and_cluster_listings(curated) -> None:  # type: ignore[no-untyped-def]
    moves = events_of(curated, relations=["hq_relocated_to"])
    assert [(e.date, e.fact.subject, e.fact.object) for e in moves] == [("2024", "robotics-unicorn", "xiongan")]
    december = events_of(curated, start="2024-12", end="2024-12")
    assert december and all(e.date in ("2024", "2024-12") for e in december)
    assert any(e.fact.relation == "co_built_by" and e.date == "2024-12" for e in december)
