"""`jjjkg query` against hostile queries: refused with one line, stopped at --timeout-s or Ctrl-C."""
from __future__ import annotations

import shutil
import signal
import time
from pathlib import Path

import pytest

from conftest import ROOT, query_fixture_args, run_cli, start_cli
from test_endpoint import CROSS_4, descendants

FIXTURE_ARGS = query_fixture_args()


@pytest.mark.parametrize("argv,needle", [
    (["-e", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"], "updates are refused"),
    (["-e", "SELECT * WHERE " + "{" * 5000 + "}" * 5000], "deeper than 64"),
    (["-e", "SELECT * WHERE {" + " " * 100_001 + "}"], "at most 100,000"),
    (["hq-relocations", "-e", "ASK {}"], "not both"),
    (["hq-relocations", "--timeout-s", "nan"], "--timeout-s"),
    (["hq-relocations", "--timeout-s", "inf"], "--timeout-s"),
    (["hq-relocations", "--timeout-s", "0"], "--timeout-s"),
])
def test_refused_with_one_line(argv: list[str], needle: str) -> None:
    result = run_cli("query", *argv, *FIXTURE_ARGS)
    assert result.returncode == 2 and needle in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""


def test_a_50k_deep_query_file_does_not_crash(tmp_path: Path) -> None:
    deep = tmp_path / "deep.rq"
    deep.write_text("SELECT * WHERE " + "{" * 40_000 + "}" * 40_000, encoding="utf-8")
    result = run_cli("query", str(deep), *FIXTURE_ARGS)
    assert result.returncode == 2 and "deeper than 64" in result.stderr, result.stderr


def test_the_timeout_stops_an_uncancellable_query() -> None:
    start = time.monotonic()
    result = run_cli("query", "-e", CROSS_4, "--timeout-s", "1", *FIXTURE_ARGS)
    assert result.returncode == 2 and "ran longer than 1 s" in result.stderr, result.stderr
    assert time.monotonic() - start < 30


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the child through /proc")
def test_ctrl_c_stops_a_csv_query_at_once() -> None:
    process = start_cli("query", "-e", CROSS_4, "--format", "csv", *FIXTURE_ARGS)
    deadline = time.monotonic() + 60
    while not descendants(process.pid) and time.monotonic() < deadline:  # the query's child has started
        time.sleep(0.05)
    children = descendants(process.pid)
    assert children, "the query did not start"
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=5) == 130
    stderr = process.stderr.read().decode() if process.stderr else ""
    assert stderr.strip() == "jjjkg: interrupted", stderr
    time.sleep(0.2)
    assert not any(Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text()
                   for pid, _ in children)


def test_a_corrupted_store_is_one_line(tmp_path: Path) -> None:
    tables = ROOT / "tests" / "examples" / "tables"
    result = run_cli("import-csv", str(tables / "relocations.csv"), "--mapping", str(tables / "relocations.yaml"),
                     "--out", str(tmp_path / "out"), *FIXTURE_ARGS)
    assert result.returncode == 0, result.stderr
    store = tmp_path / "out" / "jjjkg.oxigraph"
    damaged = [tmp_path / name for name in ("tables", "manifest", "missing")]
    for copy in damaged:
        shutil.copytree(store, copy)
    for table in damaged[0].glob("*.sst"):
        table.write_bytes(b"x" * 100)
    for manifest in damaged[1].glob("MANIFEST-*"):
        manifest.write_bytes(b"garbage\n")
    next(iter(sorted(damaged[2].glob("*.sst")))).unlink()
    for copy in damaged:
        result = run_cli("query", "-e", "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", "--store", str(copy))
        assert result.returncode == 2 and "--store" in result.stderr, (copy.name, result.stderr)
        assert len(result.stderr.strip().splitlines()) == 1
