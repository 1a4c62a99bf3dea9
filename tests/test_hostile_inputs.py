"""Issue 14, the CLI: hostile input ends with one line naming the file:line or the parameter,
exit 1 (the input) or 2 (an argument), nothing written; never a traceback, an internal error (3)
or a hang. Each test is named after the case it covers."""
from __future__ import annotations

import csv
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import EXAMPLES, MINIMAL, REFERENCE, ROOT, TEXTS, fixture_args

TABLES = EXAMPLES / "tables"
TABLE, MAPPING = TABLES / "relocations.csv", TABLES / "relocations.yaml"
LONG = "a" * 5000
ERROR = re.compile(r": error\[[a-z-]+\]: ")


def jjjkg(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None,
          timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`python -m graph ARGS`; a hang fails the test (subprocess.TimeoutExpired)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("JJJKG_")} | (env or {})
    return subprocess.run([sys.executable, "-m", "graph", *args], cwd=cwd, env=clean, capture_output=True,
                          text=True, timeout=timeout)


def errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if ERROR.search(line)]


def refused_input(result: subprocess.CompletedProcess[str], where: str, needle: str = "") -> None:
    """Exit 1 with a problem at `where` (file:line...) saying `needle`, and no traceback."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert any(where in line and needle in line for line in errors(result)), result.stderr


def refused_argument(result: subprocess.CompletedProcess[str], option: str, needle: str = "") -> None:
    """Exit 2 with one short line naming the option."""
    assert result.returncode == 2, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and option in lines[0] and needle in lines[0], result.stderr
    assert len(lines[0]) < 400, "the message repeats a huge argument"


def seeds_file(seeds: Path, relative: str) -> str:
    """How messages name a file of a seeds folder (relative to the folder's parent)."""
    return f"{seeds.name}/{relative}"


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def validate(seeds: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return jjjkg("validate", *fixture_args(seeds), *extra)


def import_csv(tmp_path: Path, table: Path = TABLE, mapping: Path = MAPPING, *extra: str
               ) -> subprocess.CompletedProcess[str]:
    return jjjkg("import-csv", str(table), "--mapping", str(mapping), "--out", str(tmp_path / "out"),
                 "--seeds", str(ROOT / "seeds"), *extra)


def mapping_with(tmp_path: Path, old: str, new: str) -> Path:
    text = MAPPING.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "mapping.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


# 1. deeply nested YAML


def test_1_deeply_nested_seed_file_is_one_problem_at_its_line(minimal_copy: Path) -> None:
    (minimal_copy / "entities" / "deep.yaml").write_text("entities:\n  - " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = validate(minimal_copy)
    refused_input(result, seeds_file(minimal_copy, "entities/deep.yaml:2:"), "nests deeper than")
    assert len(errors(result)) == 1


def test_1_deeply_nested_mapping_file_is_one_problem_at_its_line(tmp_path: Path) -> None:
    mapping = mapping_with(tmp_path, "qualifiers:\n", "deep: " + "{a: " * 5000 + "1" + "}" * 5000 + "\nqualifiers:\n")
    result = import_csv(tmp_path, mapping=mapping)
    refused_input(result, f"{mapping}:{line_of(mapping, 'deep:')}:", "nests deeper than")
    assert not (tmp_path / "out").exists()


# 2. a language tag that is not one


@pytest.mark.parametrize("tag", ["zh CN", "中文"])
def test_2_bad_language_tag_in_sources_names_the_field(minimal_copy: Path, tag: str) -> None:
    sources = minimal_copy / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("language: zh", f"language: {tag}"), encoding="utf-8")
    refused_input(validate(minimal_copy), seeds_file(minimal_copy, f"sources.yaml:{line_of(sources, 'language:')}:"),
                  "is not a language tag")


@pytest.mark.parametrize("tag", ["zh CN", "中文"])
def test_2_bad_language_tag_in_a_mapping_names_the_field(tmp_path: Path, tag: str) -> None:
    mapping = mapping_with(tmp_path, "language: zh", f"language: {tag}")
    refused_input(import_csv(tmp_path, mapping=mapping), f"{mapping}:{line_of(mapping, 'language:')}:",
                  "is not a language tag")


# 3. numbers out of range


def test_3_huge_amount_in_a_seed_is_a_problem_at_its_line(minimal_copy: Path) -> None:
    facts = minimal_copy / "facts" / "demo.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("value: 3.5", "value: 1e999999999"), encoding="utf-8")
    refused_input(validate(minimal_copy), seeds_file(minimal_copy, f"facts/demo.yaml:{line_of(facts, '1e999999999')}:"),
                  "out of range")


def test_3_huge_amount_in_a_csv_cell_is_a_bad_row(tmp_path: Path) -> None:
    table = tmp_path / "table.csv"
    text = TABLE.read_text(encoding="utf-8")
    assert ",1200\n" in text
    table.write_text(text.replace(",1200\n", ",1e999999999\n"), encoding="utf-8")
    line = line_of(table, "1e999999999")
    reported = import_csv(tmp_path, table)
    assert reported.returncode == 0, reported.stderr  # bad rows are reported by line and skipped
    assert f"table.csv:{line}: error[bad-number]" in reported.stderr and "out of range" in reported.stderr
    shutil.rmtree(tmp_path / "out")
    strict = import_csv(tmp_path, table, MAPPING, "--strict")
    refused_input(strict, f"table.csv:{line}:", "out of range")
    assert not (tmp_path / "out").exists()


# 4. a mapping value of the wrong type


def test_4_relation_values_that_are_not_a_mapping(tmp_path: Path) -> None:
    mapping = mapping_with(tmp_path, "values: {总部迁入: hq_relocated_to, 生产基地: production_location}", "values: 5")
    refused_input(import_csv(tmp_path, mapping=mapping), f"{mapping}:{line_of(mapping, 'values:')}:", "must be a mapping")


# 5. a path longer than the system takes


@pytest.mark.parametrize(("argv", "option"), [
    (["build", "--seeds", LONG], "--seeds"),
    (["validate", "--sources-dir", LONG], "--sources-dir"),
    (["stats", "--reference-dir", LONG], "--reference-dir"),
    (["build", "--out", LONG], "--out"),
    (["view", "--out", LONG], "--out"),
    (["import-csv", LONG, "--mapping", str(MAPPING)], "FILE"),
    (["import-csv", str(TABLE), "--mapping", LONG], "--mapping"),
    (["import-csv", str(TABLE), "--mapping", str(MAPPING), "--out", "x/" * 2100], "--out"),
    (["push", "--store", "http://127.0.0.1:9/store", "--from", LONG], "--from"),
    (["query", "--store", LONG, "hq-relocations"], "--store"),
    (["query", LONG], "NAME|FILE"),
    (["view", "--query", LONG], "--query"),
])
def test_5_a_5000_character_path_names_the_parameter(argv: list[str], option: str) -> None:
    refused_argument(jjjkg(*argv), option, "too long")


def test_5_a_long_path_from_the_environment_names_the_variable() -> None:
    refused_argument(jjjkg("validate", env={"JJJKG_SOURCES": LONG}), "JJJKG_SOURCES")


# 6. and 14. reference tables


def _reference(tmp_path: Path) -> Path:
    reference = tmp_path / "reference"
    shutil.copytree(REFERENCE, reference)
    return reference


def test_6_reference_coordinate_that_is_not_a_number(minimal_copy: Path, tmp_path: Path) -> None:
    reference = _reference(tmp_path)
    places = reference / "places.csv"
    places.write_text(places.read_text(encoding="utf-8").replace(",38.867,", ",abc,"), encoding="utf-8")
    result = jjjkg("validate", "--seeds", str(minimal_copy), "--sources-dir", str(TEXTS), "--reference-dir", str(reference))
    refused_input(result, f"places.csv:{line_of(places, ',abc,')}:", "'abc' is not a number")


def test_6_reference_field_of_200_kb(minimal_copy: Path, tmp_path: Path) -> None:
    reference = _reference(tmp_path)
    organizations = reference / "organizations.csv"
    with open(organizations, "a", encoding="utf-8") as fh:
        fh.write(f"某公司,{'x' * 200_000},Q1,evidence\n")
    result = jjjkg("validate", "--seeds", str(minimal_copy), "--sources-dir", str(TEXTS), "--reference-dir", str(reference))
    refused_input(result, f"organizations.csv:{line_of(organizations, '某公司')}:", "field larger than field limit")


def test_14_reference_table_missing_a_column(minimal_copy: Path, tmp_path: Path) -> None:
    reference = _reference(tmp_path)
    table = reference / "admin-divisions-county.csv"
    table.write_text(table.read_text(encoding="utf-8").replace("name_zh", "name", 1), encoding="utf-8")
    result = jjjkg("validate", "--seeds", str(minimal_copy), "--sources-dir", str(TEXTS), "--reference-dir", str(reference))
    refused_input(result, "admin-divisions-county.csv:1:", "missing column name_zh")
    assert len(errors(result)) == 1, result.stderr  # not the county coordinates that follow from it


# 7. a push URL with control characters


@pytest.mark.parametrize(("argv", "option"), [
    (["--store", "http://127.0.0.1:9/st\x01ore"], "--store"),
    (["--store", "http://127.0.0.1:9/store\r\nX-Injected: 1"], "--store"),
    (["--store", "http://[::1/store"], "--store"),
    (["--store", "http://127.0.0.1:99999/store"], "--store"),
    (["--store", "http://127.0.0.1:9/store", "--graph", "urn:g\x7f"], "--graph"),
])
def test_7_push_url_with_control_characters_names_the_parameter(argv: list[str], option: str) -> None:
    refused_argument(jjjkg("push", *argv, *fixture_args(MINIMAL / "seeds")), option)


# 8. FIFOs, devices and oversized files: refused before they are read


def _fifo(path: Path) -> Path:
    path.unlink(missing_ok=True)
    os.mkfifo(path)
    return path


def _zero(path: Path) -> Path:
    path.unlink(missing_ok=True)
    path.symlink_to("/dev/zero")
    return path


@pytest.mark.parametrize("make", [_fifo, _zero], ids=["fifo", "dev-zero"])
@pytest.mark.parametrize("relative", ["facts/demo.yaml", "entities/extra.yaml", "sources.yaml"])
def test_8_seed_file_that_is_not_a_regular_file(minimal_copy: Path, make, relative: str) -> None:  # type: ignore[no-untyped-def]
    make(minimal_copy / relative)
    result = validate(minimal_copy)
    refused_input(result, seeds_file(minimal_copy, relative), "not a regular file")
    assert len(errors(result)) == 1, result.stderr


@pytest.mark.parametrize("make", [_fifo, _zero], ids=["fifo", "dev-zero"])
def test_8_source_text_that_is_not_a_regular_file(minimal_copy: Path, tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    texts = tmp_path / "texts"
    shutil.copytree(TEXTS, texts)
    make(texts / "demo.txt")
    result = jjjkg("validate", "--seeds", str(minimal_copy), "--sources-dir", str(texts), "--reference-dir", str(REFERENCE))
    refused_input(result, seeds_file(minimal_copy, "sources.yaml:"), "not a regular file")


@pytest.mark.parametrize("make", [_fifo, _zero], ids=["fifo", "dev-zero"])
def test_8_reference_table_that_is_not_a_regular_file(minimal_copy: Path, tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    reference = _reference(tmp_path)
    make(reference / "places.csv")
    result = jjjkg("validate", "--seeds", str(minimal_copy), "--sources-dir", str(TEXTS), "--reference-dir", str(reference))
    refused_input(result, "places.csv", "not a regular file")


@pytest.mark.parametrize("make", [_fifo, _zero], ids=["fifo", "dev-zero"])
def test_8_table_or_mapping_that_is_not_a_regular_file(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    odd = make(tmp_path / "odd")
    refused_argument(import_csv(tmp_path, table=odd), "FILE", "not a regular file")
    refused_argument(import_csv(tmp_path, mapping=odd), "--mapping", "not a regular file")
    assert not (tmp_path / "out").exists()


def test_8_seed_file_over_the_size_cap(minimal_copy: Path) -> None:
    with open(minimal_copy / "entities" / "huge.yaml", "wb") as fh:
        fh.truncate(51 * 1024 * 1024)  # sparse: no time or disk spent
    refused_input(validate(minimal_copy), seeds_file(minimal_copy, "entities/huge.yaml"), "larger than 50 MB")


# 9. Ctrl-C during start-up


def _commands() -> list[list[str]]:
    script = Path(sys.executable).with_name("jjjkg")
    found = [[str(script), "validate"]] if script.is_file() else []
    return found + [[sys.executable, "-m", "graph", "validate"]]


@pytest.mark.parametrize("delay", [0.05, 0.1, 0.15, 0.2, 0.3])
def test_9_ctrl_c_during_start_up_prints_one_line(delay: float) -> None:
    subprocess.run([sys.executable, "-c", "import rdflib, networkx"], timeout=120)  # warm the file cache
    for command in _commands():
        env = {k: v for k, v in os.environ.items() if not k.startswith("JJJKG_")}
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=120)
        text = stderr.decode("utf-8", "replace")
        assert "Traceback" not in text, f"{command[0]} after {delay} s:\n{text}"
        assert process.returncode == 130 and text.strip() == "jjjkg: interrupted", (process.returncode, text)


# 10. a broken sources.yaml: the root cause, not the facts that follow from it


@pytest.mark.parametrize(("content", "needle"), [
    ("- demo\n", "must be a mapping with a 'sources' list"),
    ("", "is empty"),
    (None, "is a directory"),
    ("PASSWD", "must be a plain file name"),
])
def test_10_broken_sources_file_is_reported_alone(minimal_copy: Path, content: str | None, needle: str) -> None:
    sources = minimal_copy / "sources.yaml"
    if content is None:
        sources.unlink()
        sources.mkdir()
    elif content == "PASSWD":
        sources.write_text(sources.read_text(encoding="utf-8").replace("file: demo.txt", "file: ../../../etc/passwd"),
                           encoding="utf-8")
    else:
        sources.write_text(content, encoding="utf-8")
    result = validate(minimal_copy)
    refused_input(result, seeds_file(minimal_copy, "sources.yaml"), needle)
    assert len(errors(result)) == 1, result.stderr  # no "source 'demo' is not in seeds/sources.yaml" per fact


def test_10_broken_entities_file_hides_no_other_file_but_its_followers(minimal_copy: Path) -> None:
    (minimal_copy / "entities" / "organizations.yaml").write_text("entities: [\n", encoding="utf-8")
    result = validate(minimal_copy)
    refused_input(result, seeds_file(minimal_copy, "entities/organizations.yaml:"), "YAML syntax")
    assert len(errors(result)) == 1, result.stderr  # not "subject 'demo-tech' is not a known entity" per fact


# 11. encoding errors by line and column


def test_11_nul_byte_is_reported_by_line_and_column(minimal_copy: Path) -> None:
    (minimal_copy / "entities" / "nul.yaml").write_bytes(b"entities:\n  - id: x\x00y\n")
    refused_input(validate(minimal_copy), seeds_file(minimal_copy, "entities/nul.yaml:2:10:"), "U+0000")


def test_11_invalid_utf8_is_reported_by_line_and_column(minimal_copy: Path) -> None:
    (minimal_copy / "entities" / "latin1.yaml").write_bytes("entities:\n  - {id: x, zh: 中文".encode() + b"\xe9}\n")
    refused_input(validate(minimal_copy), seeds_file(minimal_copy, "entities/latin1.yaml:2:19:"), "not UTF-8")


# 12. a mapping refused without a problem


def test_12_relation_that_is_a_number_is_a_problem_at_its_line(tmp_path: Path) -> None:
    text = MAPPING.read_text(encoding="utf-8")
    start = text.index("relation:\n")
    end = text.index("object:")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(text[:start] + "relation: 42\n" + text[end:], encoding="utf-8")
    result = import_csv(tmp_path, mapping=mapping)
    refused_input(result, f"{mapping}:{line_of(mapping, 'relation: 42')}:", "unknown relation '42'")
    assert "0 problem(s)" not in result.stderr


def test_12_an_input_error_always_carries_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    from graph import cli
    from graph.problems import InputError, Loc, Problems

    with pytest.raises(ValueError):
        InputError(Problems())
    problems = Problems()
    problems.add(Loc("x.yaml"), "demo", "a problem")
    emptied = InputError(problems)
    problems.items.clear()

    def command(args: object) -> int:
        raise emptied

    monkeypatch.setitem(cli.COMMANDS, "stats", command)
    assert cli.main(["stats"]) == cli.EXIT_INTERNAL


# 13. delimiters that cannot separate cells


@pytest.mark.parametrize("delimiter", ["'\"'", '"\\n"', '"\\r"', '""', "ab", "'x'", '"\\0"'])
def test_13_nonsense_delimiter_is_a_problem_at_its_line(tmp_path: Path, delimiter: str) -> None:
    mapping = mapping_with(tmp_path, "qualifiers:\n", f"delimiter: {delimiter}\nqualifiers:\n")
    refused_input(import_csv(tmp_path, mapping=mapping), f"{mapping}:{line_of(mapping, 'delimiter:')}:", "delimiter")


@pytest.mark.parametrize("delimiter", ['"\\t"', "'\\t'"])
def test_13_a_tab_delimiter_is_read(tmp_path: Path, delimiter: str) -> None:
    table = tmp_path / "table.tsv"
    with open(TABLE, encoding="utf-8", newline="") as source, open(table, "w", encoding="utf-8", newline="") as tsv:
        csv.writer(tsv, delimiter="\t", lineterminator="\n").writerows(csv.reader(source))
    mapping = mapping_with(tmp_path, "qualifiers:\n", f"delimiter: {delimiter}\nqualifiers:\n")
    result = import_csv(tmp_path, table, mapping)
    assert result.returncode == 0 and "imported 5 of 9 rows" in result.stdout, result.stderr


# 15. outputs replace regular files only


def _char_device(path: Path) -> bool:
    return stat.S_ISCHR(os.stat(path).st_mode)


def test_15_view_out_refuses_a_fifo_and_a_link_to_a_device(tmp_path: Path) -> None:
    fifo = _fifo(tmp_path / "view.html")
    link = tmp_path / "null.html"
    link.symlink_to("/dev/null")
    for target in (fifo, link):
        refused_argument(jjjkg("view", *fixture_args(MINIMAL / "seeds"), "--out", str(target)), "--out",
                         "regular files only")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and link.is_symlink() and _char_device(Path("/dev/null"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null.html", "view.html"]


def test_15_build_out_refuses_to_replace_special_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    fifo = _fifo(out / "jjjkg.ttl")
    (out / "edges.csv").symlink_to("/dev/null")
    refused_argument(jjjkg("build", *fixture_args(MINIMAL / "seeds"), "--out", str(out)), "--out", "regular files only")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and (out / "edges.csv").is_symlink() and _char_device(Path("/dev/null"))
    assert sorted(p.name for p in out.iterdir()) == ["edges.csv", "jjjkg.ttl"]


# 16. characters XML cannot carry: refused at validate (the examples under tests/examples/invalid/
# control-character, noncharacter and line-break-in-label), and by build


def test_16_build_refuses_a_noncharacter_in_a_label(minimal_copy: Path, tmp_path: Path) -> None:
    orgs = minimal_copy / "entities" / "organizations.yaml"
    orgs.write_text(orgs.read_text(encoding="utf-8").replace("en: Demo Technology Co., Ltd.",
                                                             'en: "Demo\\uFFFF Technology"'), encoding="utf-8")
    result = jjjkg("build", *fixture_args(minimal_copy), "--out", str(tmp_path / "out"))
    refused_input(result, seeds_file(minimal_copy, f"entities/organizations.yaml:{line_of(orgs, 'en:')}:"), "U+FFFF")
    assert not (tmp_path / "out").exists()


# 17. an empty --out


@pytest.mark.parametrize("command", ["build", "view", "import-csv"])
def test_17_empty_out_names_the_parameter(tmp_path: Path, command: str) -> None:
    extra = [str(TABLE), "--mapping", str(MAPPING)] if command == "import-csv" else []
    refused_argument(jjjkg(command, *extra, *fixture_args(MINIMAL / "seeds"), "--out", "", cwd=tmp_path), "--out", "empty")
    assert not list(tmp_path.iterdir())


# 18. seeds without facts


def test_18_seeds_without_facts_do_not_build(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(MINIMAL, project)
    seeds = project / "seeds"
    (seeds / "facts" / "demo.yaml").unlink()
    (seeds / "entities" / "organizations.yaml").unlink()
    places = seeds / "entities" / "places.yaml"
    places.write_text("".join(line for line in places.read_text(encoding="utf-8").splitlines(keepends=True)
                              if "demo-park" not in line), encoding="utf-8")
    out = tmp_path / "out"
    result = jjjkg("build", *fixture_args(seeds), "--out", str(out))
    refused_input(result, seeds_file(seeds, "facts"), "no facts")
    assert not out.exists()
    refused_input(validate(seeds), seeds_file(seeds, "facts"), "no facts")
