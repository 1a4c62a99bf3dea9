"""`jjjkg stats`: the coverage report counts what the seeds hold."""
from __future__ import annotations

import json
import re
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


def _coverage(seeds_dir: Path, reference: Path):  # type: ignore[no-untyped-def]
    """The report of seeds as read (not checked: the place counts need no facts)."""
    from graph.problems import Problems
    from graph.schema import load_schema
    from graph.seeds import read_seeds
    from graph.stats import coverage

    schema = load_schema()
    return coverage(read_seeds(seeds_dir, schema, Problems()), schema, reference)


def test_stats_counts_county_coordinates_of_the_curated_registry() -> None:
    from conftest import CURATED_REFERENCE, ROOT
    from graph.stats import COUNTY_LEVEL, COUNTY_LEVEL_LOCATED, INVENTED, render_text

    report = _coverage(ROOT / "seeds", CURATED_REFERENCE)
    assert (report.places[COUNTY_LEVEL], report.places[COUNTY_LEVEL_LOCATED], report.places[INVENTED]) == (222, 197, 0)
    text = render_text(report)
    assert re.search(r"^county-level units with coordinates from county-coordinates\.csv +197$", text, re.M)
    assert re.search(r"^invented coordinates \(given by no reference table\) +0$", text, re.M)
    assert "Places with invented coordinates" not in text


def test_stats_counts_an_invented_coordinate(tmp_path: Path) -> None:
    import shutil

    from graph.stats import COUNTY_LEVEL, COUNTY_LEVEL_LOCATED, INVENTED, render_text

    seeds = tmp_path / "seeds"
    shutil.copytree(MINIMAL / "seeds", seeds)
    places = seeds / "entities" / "places.yaml"
    text = places.read_text(encoding="utf-8")
    text = text.replace('division_code: "130607"}', 'division_code: "130607", lat: 38.9482, lon: 115.3160}')
    places.write_text(text.replace("zh: 示例园区, en: Demo Park,", "zh: 示例园区, en: Demo Park, lat: 38.9, lon: 115.4,"),
                      encoding="utf-8")
    report = _coverage(seeds, REFERENCE)
    assert (report.places[COUNTY_LEVEL], report.places[COUNTY_LEVEL_LOCATED], report.places[INVENTED]) == (1, 1, 1)
    assert report.invented_coordinates == ["demo-park"]
    assert "Places with invented coordinates (1): demo-park" in render_text(report)


def test_stats_json_has_the_county_coordinate_counts() -> None:
    result = run_cli("stats", "--format", "json", *fixture_args(MINIMAL / "seeds"))
    assert result.returncode == 0, result.stderr
    places = json.loads(result.stdout)["places"]
    assert places["county-level units"] == 1  # mancheng, without coordinates in the minimal seeds
    assert places["county-level units with coordinates from county-coordinates.csv"] == 0
    assert places["invented coordinates (given by no reference table)"] == 0
