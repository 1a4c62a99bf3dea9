"""The command line: help text and a README section for every command, clear one-line errors."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import MINIMAL, REFERENCE, ROOT, TEXTS, fixture_args, run_cli
from graph.cli import make_parser


def _commands() -> dict[str, object]:
    parser = make_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return dict(action.choices)  # type: ignore[attr-defined]


COMMANDS = sorted(_commands())


def test_there_are_commands() -> None:
    assert {"validate", "build"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_help_text(command: str) -> None:
    parser = make_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    helps = {choice.dest: choice.help for choice in action._choices_actions}  # type: ignore[attr-defined]
    assert helps.get(command), f"{command} has no one-line help"
    result = run_cli(command, "--help")
    assert result.returncode == 0
    assert len(result.stdout.strip().splitlines()) > 3


@pytest.mark.parametrize("command", COMMANDS)
def test_command_has_readme_section(command: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"^### `jjjkg {command}`", readme, re.MULTILINE), f"README has no section for {command}"


def test_readme_documents_exit_codes() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code in ("0", "1", "2", "3"):
        assert re.search(rf"^\| `?{code}`? \|", readme, re.MULTILINE), f"exit code {code} undocumented"


def test_build_prints_what_it_wrote(tmp_path: Path) -> None:
    result = run_cli("build", *fixture_args(MINIMAL / "seeds"), "--out", str(tmp_path / "o"))
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stdout and (tmp_path / "o" / "jjjkg.ttl").is_file()


@pytest.mark.parametrize("args,needle", [
    (["build", "--seeds", "/nonexistent/seeds"], "--seeds"),
    (["build", "--sources-dir", "/nonexistent"], "--sources-dir"),
    (["validate", "--reference-dir", "/nonexistent"], "--reference-dir"),
    (["build", "--format", "xml"], "--format"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_arguments_exit_2_with_one_line(args: list[str], needle: str) -> None:
    result = run_cli(*args)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert needle in result.stderr


def test_out_that_is_a_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("keep me")
    result = run_cli("build", *fixture_args(MINIMAL / "seeds"), "--out", str(target))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--out" in result.stderr
    assert target.read_text() == "keep me"


def test_validate_without_source_texts_is_a_usage_error(tmp_path: Path) -> None:
    project = tmp_path / "p"
    import shutil

    shutil.copytree(MINIMAL, project)
    result = run_cli("validate", "--seeds", str(project / "seeds"), "--reference-dir", str(REFERENCE))
    assert result.returncode == 2
    assert "--sources-dir" in result.stderr


def test_environment_variables_name_the_directories(tmp_path: Path) -> None:
    result = run_cli("validate", "--seeds", str(MINIMAL / "seeds"),
                     env={"JJJKG_SOURCES": str(TEXTS), "JJJKG_REFERENCE": str(REFERENCE)})
    assert result.returncode == 0, result.stderr


def test_hostile_yaml_gets_a_line_not_a_traceback(minimal_copy: Path) -> None:
    (minimal_copy / "entities" / "evil.yaml").write_text(
        "entities:\n  - !!python/object/apply:os.system ['touch /tmp/pwned-jjjkg']\n", encoding="utf-8")
    (minimal_copy / "facts" / "binary.yaml").write_bytes(b"\xff\xfe\x00garbage")
    result = run_cli("validate", *fixture_args(minimal_copy))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "seeds/entities/evil.yaml:2:" in result.stderr
    assert "seeds/facts/binary.yaml" in result.stderr
    assert not Path("/tmp/pwned-jjjkg").exists()


def test_python_dash_m_graph_works() -> None:
    result = run_cli("--help")
    assert result.returncode == 0 and "jjjkg" in result.stdout
