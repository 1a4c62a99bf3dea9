"""The command line: help text and a README section for every command, clear one-line errors."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import MINIMAL, REFERENCE, ROOT, TEXTS, fixture_args, query_fixture_args, run_cli
from graph.cli import make_parser


def _commands() -> dict[str, object]:
    parser = make_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return dict(action.choices)  # type: ignore[attr-defined]


COMMANDS = sorted(_commands())


def test_there_are_commands() -> None:
    from graph import cli

    assert {"validate", "build"} <= set(COMMANDS)
    assert set(cli.COMMANDS) == set(COMMANDS), "every command the parser knows runs a function of graph/cli.py"


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


def test_query_table_shows_labels_in_the_chosen_language() -> None:
    args = query_fixture_args()
    zh = run_cli("query", "hq-relocations", *args)
    assert zh.returncode == 0, zh.stderr
    assert "甲公司" in zh.stdout and "雄安新区" in zh.stdout and "(1 row)" in zh.stdout
    en = run_cli("query", "hq-relocations", "--lang", "en", *args)
    assert "Firm A" in en.stdout and "Xiong'an New Area" in en.stdout
    ids = run_cli("query", "hq-relocations", "--ids", *args)
    assert "firm-a" in ids.stdout


def test_query_formats_and_parameters() -> None:
    import csv
    import io
    import json

    args = query_fixture_args()
    as_json = run_cli("query", "facts-about-entity", "--param", "entity=firm-a", "--format", "json", *args)
    data = json.loads(as_json.stdout)
    assert data["head"]["vars"][0] == "entity" and len(data["results"]["bindings"]) == 4
    as_csv = run_cli("query", "facts-about-entity", "--param", "entity=firm-a", "--format", "csv", *args)
    assert len(list(csv.reader(io.StringIO(as_csv.stdout)))) == 5
    as_md = run_cli("query", "policy-roles", "--format", "md", *args)
    assert as_md.stdout.startswith("| policy | party | role | quote | sourceTitle | publisher | published |")
    turtle = run_cli("query", "-e", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(?s = ent:firm-a) }", *args)
    assert turtle.returncode == 0 and "ent:firm-a" in turtle.stdout
    ask = run_cli("query", "-e", "ASK { ent:firm-a jjj:relocatedHeadquartersTo ent:xiongan }", *args)
    assert ask.stdout.strip() == "true"


@pytest.mark.parametrize("argv,needle", [
    (["query", "no-such-query"], "no query named 'no-such-query'"),
    (["query", "-e", "SELECT * WHERE { ?x ?y }"], "-e:"),
    (["query", "facts-about-entity", "--param", "nope=1"], "--param nope"),
    (["query", "facts-about-entity", "--param", "entity=x> } DROP ALL"], "--param entity: no entity with id or name"),
    (["query", "hq-relocations", "--param", "to=\x1b[31mred"], "--param to: give 1 to 200 printable characters"),
    (["query", "hq-relocations", "--param", "to=" + "长" * 201], "--param to: give 1 to 200 printable characters"),
    (["query", "indicator-time-series", "--param", "indicator"], "write name=value"),
    (["query", "missing.rq"], "query file not found"),
    (["query"], "give a query"),
])
def test_query_errors_are_one_line_and_exit_2(argv: list[str], needle: str) -> None:
    result = run_cli(*argv)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], result.stderr
    assert "Traceback" not in result.stderr


def test_update_through_query_is_refused() -> None:
    result = run_cli("query", "-e", "DELETE WHERE { ?s ?p ?o }")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_queries_lists_the_catalogue() -> None:
    listing = run_cli("queries")
    assert listing.returncode == 0
    assert "hq-relocations" in listing.stdout and "Headquarters relocations" in listing.stdout
    assert "violation" not in listing.stdout
    zh = run_cli("queries", "--lang", "zh", "--checks", "--format", "json")
    import json

    entries = json.loads(zh.stdout)
    assert any(e["title"] == "总部迁移" for e in entries)
    assert any(e["name"].endswith("-violation") for e in entries)


def test_a_closed_pipe_ends_the_command_quietly(capsys: pytest.CaptureFixture[str]) -> None:
    """`jjjkg stats | head -1`: once the reader has gone, no 'internal error', exit 141 (128 + SIGPIPE)."""
    import io
    import os

    from graph.cli import main

    read_end, write_end = os.pipe()
    os.close(read_end)
    saved = os.dup(1)
    stdout = io.TextIOWrapper(os.fdopen(write_end, "wb", buffering=0), encoding="utf-8", write_through=True)
    try:
        with capsys.disabled():
            import sys

            real, sys.stdout = sys.stdout, stdout
            try:
                code = main(["stats"])
            finally:
                sys.stdout = real
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    assert code == 141
