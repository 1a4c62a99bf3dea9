"""LinkML-style examples: everything under valid/ passes, every invalid/ case fails with a one-line
message naming the right file and line."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, MINIMAL, fixture_args, run_cli

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
