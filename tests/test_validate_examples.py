"""LinkML-style examples: everything under valid/ passes, every invalid/ case fails with a one-line
message naming the right file and line."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, MINIMAL, REFERENCE, TEXTS, fixture_args, run_cli

INVALID = sorted(p for p in (EXAMPLES / "invalid").iterdir() if p.is_dir())
ERROR_LINE = re.compile(r"^\S+?(:\d+:\d+)?: error\[[a-z-]+\]: \S.*$")


def test_there_are_at_least_15_invalid_cases() -> None:
    assert len(INVALID) >= 15


def test_minimal_example_is_valid() -> None:
    result = run_cli("validate", *fixture_args(MINIMAL / "seeds"))
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout


@pytest.mark.parametrize("case", INVALID, ids=[p.name for p in INVALID])
def test_invalid_case_names_file_and_line(case: Path, tmp_path: Path) -> None:
    expected = yaml.safe_load((case / "expected.yaml").read_text(encoding="utf-8"))
    project = tmp_path / "project"
    shutil.copytree(MINIMAL, project)
    shutil.copytree(case / "seeds", project / "seeds", dirs_exist_ok=True)
    result = run_cli("validate", *fixture_args(project / "seeds"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "error[" in line]
    assert errors, result.stderr
    for line in errors:
        assert ERROR_LINE.match(line), f"not a one-line message: {line!r}"
    prefix = f"{expected['file']}:{expected['line']}:"
    wanted = [line for line in errors if line.startswith(prefix) and f"error[{expected['code']}]" in line]
    assert wanted, f"no {expected['code']} error at {prefix} in:\n{result.stderr}"


def test_all_problems_are_reported_in_one_run(minimal_copy: Path) -> None:
    facts = minimal_copy / "facts" / "demo.yaml"
    text = facts.read_text(encoding="utf-8")
    text = text.replace("relation: rd_location", "relation: nowhere_rel").replace("object: mancheng", "object: atlantis")
    facts.write_text(text, encoding="utf-8")
    orgs = minimal_copy / "entities" / "organizations.yaml"
    orgs.write_text(orgs.read_text(encoding="utf-8").replace("type: company", "type: firm"), encoding="utf-8")
    result = run_cli("validate", *fixture_args(minimal_copy))
    assert result.returncode == 1
    codes = set(re.findall(r"error\[([a-z-]+)\]", result.stderr))
    assert {"unknown-relation", "unknown-entity", "unknown-type"} <= codes


MANCHENG = "{id: mancheng, type: county, zh: 满城区, en: Mancheng District, located_in: baoding, division_code: \"130607\""


def _locate_mancheng(seeds: Path, lat: str, lon: str) -> None:
    places = seeds / "entities" / "places.yaml"
    text = places.read_text(encoding="utf-8")
    assert MANCHENG + "}" in text
    places.write_text(text.replace(MANCHENG + "}", f"{MANCHENG}, lat: {lat}, lon: {lon}}}"), encoding="utf-8")


def test_county_coordinates_of_the_county_table_are_accepted(minimal_copy: Path) -> None:
    _locate_mancheng(minimal_copy, "38.9482", "115.3160")  # county-coordinates.csv's, as printed
    result = run_cli("validate", *fixture_args(minimal_copy))
    assert result.returncode == 0, result.stderr


def test_invented_county_coordinates_are_refused_at_their_line(minimal_copy: Path) -> None:
    _locate_mancheng(minimal_copy, "38.95", "115.316")  # near, but not the table's
    result = run_cli("validate", *fixture_args(minimal_copy))
    assert result.returncode == 1
    line = next(n for n, text in enumerate((minimal_copy / "entities" / "places.yaml").read_text(
        encoding="utf-8").splitlines(), start=1) if "id: mancheng" in text)
    assert re.search(rf"^\S*seeds/entities/places\.yaml:{line}:\d+: error\[reference-mismatch\]: coordinates differ "
                     r"from county-coordinates\.csv \(38\.9482, 115\.3160\)$", result.stderr, re.M), result.stderr


def test_county_level_coordinates_come_only_from_the_county_table(minimal_copy: Path, tmp_path: Path) -> None:
    """places.csv's coordinates of a county are not a source: the county table is."""
    reference = tmp_path / "reference"
    shutil.copytree(REFERENCE, reference)
    with open(reference / "places.csv", "a", encoding="utf-8") as fh:
        fh.write("130607,满城区,Mancheng District,county,130600,,38.9,115.3\n")
    table = reference / "county-coordinates.csv"
    table.write_text("".join(line for line in table.read_text(encoding="utf-8").splitlines(keepends=True)
                             if not line.startswith("130607,")), encoding="utf-8")
    _locate_mancheng(minimal_copy, "38.9", "115.3")
    result = run_cli("validate", "--seeds", str(minimal_copy), "--sources-dir", str(TEXTS),
                     "--reference-dir", str(reference))
    assert result.returncode == 1
    assert "error[not-in-reference]" in result.stderr and "county-coordinates.csv" in result.stderr, result.stderr


FACT_NOTE = 'note: {en: "Self-supply keeps the fixture small.", zh: "自己给自己供货，让示例保持简短。"}'


@pytest.mark.parametrize("note", [
    'note: "Self-supply keeps the fixture small."',  # the plain form: English
    "note: Self-supply keeps the fixture small.",
    'note: {zh: "自己给自己供货。"}',
    'note: {en: "Self-supply."}',
    'note: {en: "Self-supply,\\nover two lines.", zh: "自己\\n供货。"}',  # line breaks, as a plain note may hold
])
def test_a_note_in_english_chinese_or_both_is_valid(minimal_copy: Path, note: str) -> None:
    facts = minimal_copy / "facts" / "demo.yaml"
    text = facts.read_text(encoding="utf-8")
    assert text.count(FACT_NOTE) == 1
    facts.write_text(text.replace(FACT_NOTE, note), encoding="utf-8")
    result = run_cli("validate", *fixture_args(minimal_copy))
    assert result.returncode == 0, result.stderr


def test_every_problem_of_a_note_is_one_line_at_its_place(minimal_copy: Path) -> None:
    facts = minimal_copy / "facts" / "demo.yaml"
    text = facts.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), start=1) if FACT_NOTE in row)
    facts.write_text(text.replace(FACT_NOTE, 'note: {en: "", zh: 3, de: "Selbstversorgung."}'), encoding="utf-8")
    result = run_cli("validate", *fixture_args(minimal_copy))
    assert result.returncode == 1
    errors = [row for row in result.stderr.splitlines() if "error[" in row]
    assert all(ERROR_LINE.match(row) for row in errors), errors
    found = {re.sub(r":\d+: error", ": error", row.split("seeds/facts/demo.yaml:", 1)[1]) for row in errors}
    assert found == {f"{line}: error[missing]: 'en' of 'note' must not be empty",
                     f"{line}: error[type]: 'zh' of 'note' must be text",
                     f"{line}: error[unknown-key]: unknown key 'de' in 'note' (allowed: en, zh)"}, result.stderr
