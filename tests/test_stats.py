"""`jjjkg stats`: the coverage report counts what the seeds hold."""
from __future__ import annotations

import json
from pathlib import Path

from conftest import MINIMAL, REFERENCE, TEXTS, fixture_args, run_cli

from graph.textable import display_width, render_table


def test_stats_json_counts_the_minimal_seeds() -> None:
    result = run_cli("stats", "--format", "json", *fixture_args(MINIMAL / "seeds"))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    import graph

    seeds = graph.load(MINIMAL / "seeds", TEXTS, REFERENCE).seeds
    assert report["totals"]["facts"] == len(seeds.facts) > 0
    assert report["totals"]["entities"] == len(seeds.entities)
    assert sum(report["entities_by_type"].values()) == len(seeds.entities)
    assert sum(report["facts_by_relation"].values()) == len(seeds.facts)
    assert sum(report["facts_by_source"].values()) == len(seeds.facts)
    assert sum(report["indicator_values_by_indicator"].values()) == len(seeds.observations)
    places = report["places"]
    assert places["with division code"] + places["without division code"] == places["places"]
    assert places["with coordinates"] + places["without coordinates"] == places["places"]
    assert "reference divisions not in the seeds" in places


def test_stats_text_is_aligned_tables() -> None:
    result = run_cli("stats", *fixture_args(MINIMAL / "seeds"))
    assert result.returncode == 0, result.stderr
    for heading in ("Totals", "Entities by type", "Facts by relation", "Facts by source", "Places"):
        assert f"\n{heading}\n" in f"\n{result.stdout}"


def test_stats_refuses_broken_seeds(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_text("sources: [\n", encoding="utf-8")
    result = run_cli("stats", "--seeds", str(tmp_path))
    assert result.returncode == 1
    assert "sources.yaml:" in result.stderr and "Traceback" not in result.stderr


def test_tables_align_chinese_double_width() -> None:
    table = render_table(["名称", "n"], [["京津冀", 3], ["ab", 12]], numeric=[False, True])
    lines = table.splitlines()
    assert {display_width(line) for line in lines[:2]} == {display_width(lines[1])}
    assert display_width(lines[2]) == display_width(lines[3]) == display_width(lines[1])
    assert render_table(["x"], [["a\nb\x1b[31m"]]).splitlines()[2] == "a b [31m"
