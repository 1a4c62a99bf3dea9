"""`jjjkg propose` refuses what is not a Chinese article, and options it cannot use, with one line on
stderr naming the file or the option, exit 2, no traceback and nothing written (no draft, no stray
temporary file beside it); a good article gives a draft that reads back, the same in YAML and JSON,
and the same bytes every time."""
from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from graph.cli import main
from graph.propose.article import MAX_ARTICLE_KB

ARTICLE = ROOT / "tests" / "fixtures" / "propose" / "article.txt"
SEEDS = ROOT / "seeds"
NEW_ID = "test-daily-2026-03-01"
KNOWN_ID = "cctv-2025-02-27"  # a source of the curated seeds
EXIT_USAGE = 2  # ConfigError
SUBPROCESS_SECONDS = 120  # a FIFO opened for reading would wait for a writer for ever


# --- hostile articles: each written into a folder, with what its one-line refusal must say ----------

def _empty(folder: Path) -> Path:
    path = folder / "empty.txt"
    path.write_bytes(b"")
    return path


def _whitespace(folder: Path) -> Path:
    path = folder / "blank.txt"
    path.write_text("  \n\t\n\u3000\u3000\n\r\n", encoding="utf-8")
    return path


def _binary(folder: Path) -> Path:
    path = folder / "picture.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(256))
    return path


def _not_utf8(folder: Path) -> Path:
    """A first line of UTF-8 Chinese, then random bytes (no NUL, so not taken for binary) that are not UTF-8."""
    noise = bytes(random.Random(20260301).randrange(1, 256) for _ in range(4096))
    path = folder / "noise.txt"
    path.write_bytes("北京和河北签署协议。\n".encode() + b"abc\xff" + noise)
    return path


def _too_long(folder: Path) -> Path:
    text = ARTICLE.read_text(encoding="utf-8")
    path = folder / "long.txt"
    path.write_text(text * (10 * 1024 * 1024 // len(text.encode()) + 1), encoding="utf-8")  # some 10 MB
    assert path.stat().st_size >= 10 * 1024 * 1024
    return path


def _html(folder: Path) -> Path:
    path = folder / "page.txt"
    path.write_text("<html><body><p>北京市与河北省签署协议，推动京津冀产业协同发展，保定市吸纳京津技术合同成交额超过50亿元。"
                    "</p></body></html>\n", encoding="utf-8")
    return path


def _english(folder: Path) -> Path:
    path = folder / "english.txt"
    path.write_text("Beijing and Hebei signed an agreement on industrial cooperation. The rail transit park in "
                    "Baoding now hosts more than sixty suppliers. The company moved its headquarters to Xiongan "
                    "late last year. Technology contracts with Beijing and Tianjin grew strongly (北京, 河北).\n",
                    encoding="utf-8")
    return path


def _missing(folder: Path) -> Path:
    return folder / "no-such-article.txt"


def _directory(folder: Path) -> Path:
    path = folder / "a-folder.txt"
    path.mkdir()
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


# name → (how to make it, a pattern the message must match after the file's name)
HOSTILE_ARTICLES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "empty": (_empty, r": the article is empty"),
    "whitespace": (_whitespace, r": the article is empty"),
    "binary": (_binary, r": .*binary"),
    "not-utf8": (_not_utf8, r":2:4: byte 0xff is not UTF-8"),
    "too-long": (_too_long, rf": .*larger than {MAX_ARTICLE_KB} KB"),
    "html": (_html, r":1: the file is HTML"),
    "english": (_english, r": not a Chinese article"),
    "missing": (_missing, r": .*no such file"),
    "directory": (_directory, r": .*directory"),
}


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    return folder


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """An empty folder for the draft: after a refusal it must still be empty."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _propose_args(article: Path, out: Path | None, *options: str) -> list[str]:
    args = ["propose", str(article), *options, "--seeds", str(SEEDS)]
    if "--source-id" not in options:
        args += ["--source-id", NEW_ID]
    return args + (["--out", str(out)] if out is not None else [])


def _assert_refused(code: int, stderr: str, named: str, pattern: str, out: Path, out_dir: Path) -> None:
    assert "Traceback" not in stderr, stderr
    assert code == EXIT_USAGE, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, f"one line on stderr, not {len(lines)}:\n{stderr}"
    assert named in lines[0], lines[0]
    assert re.search(re.escape(named) + pattern, lines[0]), lines[0]
    assert not out.exists() or out.is_dir(), "no draft is written"
    assert not [path.name for path in out_dir.iterdir() if path != out], "no stray file beside the draft"


@pytest.mark.parametrize("case", HOSTILE_ARTICLES)
def test_a_hostile_article_is_refused_in_one_line(
        case: str, inputs: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make, pattern = HOSTILE_ARTICLES[case]
    article = make(inputs)
    out = out_dir / "draft.yaml"
    code = main(_propose_args(article, out))
    captured = capsys.readouterr()
    assert captured.out == ""
    _assert_refused(code, captured.err, str(article), pattern, out, out_dir)


# option → (its value, a pattern the message must match after the option's name)
BAD_OPTIONS: dict[str, tuple[str, str]] = {
    "--source-id": ("Bad ID!", r": 'Bad ID!' is not an id"),
    "--date": ("2026/3/1", r": '2026/3/1' is not a date"),
    "--title": ("一个文中没有的标题", r": '一个文中没有的标题' is not printed in "),
}


@pytest.mark.parametrize("option", BAD_OPTIONS)
def test_a_bad_option_is_refused_in_one_line(
        option: str, out_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    value, pattern = BAD_OPTIONS[option]
    out = out_dir / "draft.yaml"
    code = main(_propose_args(ARTICLE, out, option, value))
    captured = capsys.readouterr()
    assert captured.out == ""
    _assert_refused(code, captured.err, option, pattern, out, out_dir)


def test_a_source_id_the_seeds_have_is_refused(out_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = out_dir / "draft.yaml"
    code = main(_propose_args(ARTICLE, out, "--source-id", KNOWN_ID))
    captured = capsys.readouterr()
    _assert_refused(code, captured.err, "--source-id", rf": '{KNOWN_ID}' is already a source of the seeds",
                    out, out_dir)


@pytest.mark.parametrize("where", ["the folder", "a folder inside it"])
def test_out_at_an_existing_directory_is_refused(
        where: str, out_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = out_dir if where == "the folder" else out_dir / "draft.yaml"
    out.mkdir(exist_ok=True)
    code = main(_propose_args(ARTICLE, out))
    captured = capsys.readouterr()
    _assert_refused(code, captured.err, "--out", r": .* is a directory", out, out_dir)
    assert out.is_dir() and not any(out.iterdir()), "the directory is left as it was"


@pytest.mark.parametrize("date", ["2026-13-45", "2026-02-30", "0000"])
def test_an_impossible_date_is_refused(date: str, out_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = out_dir / "draft.yaml"
    code = main(_propose_args(ARTICLE, out, "--date", date))
    captured = capsys.readouterr()
    _assert_refused(code, captured.err, "--date", rf": '{date}' is not a date", out, out_dir)


def test_a_line_break_in_the_file_name_keeps_the_message_on_one_line(
        inputs: Path, out_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = inputs / "two\nlines.txt"
    article.write_bytes(b"")
    out = out_dir / "draft.yaml"
    code = main(_propose_args(article, out))
    captured = capsys.readouterr()
    assert code == EXIT_USAGE and "Traceback" not in captured.err
    assert len(captured.err.splitlines()) == 1, captured.err
    assert not out.exists() and not any(out_dir.iterdir())


# --- in a separate process: no traceback reaches stderr, and a FIFO never hangs -----------------------

def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("JJJKG_")}
    return subprocess.run([sys.executable, "-m", "graph", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=SUBPROCESS_SECONDS)


SUBPROCESS_CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "fifo": (_fifo, r": .*FIFO"),
    "binary": HOSTILE_ARTICLES["binary"],
    "not-utf8": HOSTILE_ARTICLES["not-utf8"],
    "directory": HOSTILE_ARTICLES["directory"],
}


@pytest.mark.parametrize("case", SUBPROCESS_CASES)
def test_a_hostile_article_gives_no_traceback_in_a_process(case: str, inputs: Path, out_dir: Path) -> None:
    if case == "fifo" and not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    make, pattern = SUBPROCESS_CASES[case]
    article = make(inputs)
    out = out_dir / "draft.yaml"
    done = _run(*_propose_args(article, out))
    assert done.stdout == ""
    _assert_refused(done.returncode, done.stderr, str(article), pattern, out, out_dir)


# --- a good article: a draft that reads back, the same in both formats, the same every time ----------

def _propose(capsys: pytest.CaptureFixture[str], out: Path, *options: str) -> bytes:
    code = main(_propose_args(ARTICLE, out, "--date", "2026-03-01", "--publisher", "测试日报", *options))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.out == "" and len(captured.err.splitlines()) == 1 and captured.err.startswith(f"wrote {out}")
    return out.read_bytes()


def test_the_yaml_and_json_drafts_hold_the_same(out_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    as_yaml = yaml.safe_load(_propose(capsys, out_dir / "draft.yaml").decode("utf-8"))
    as_json = json.loads(_propose(capsys, out_dir / "draft.json", "--format", "json").decode("utf-8"))
    assert isinstance(as_yaml, dict) and as_yaml["source"]["id"] == NEW_ID and as_yaml["facts"]
    assert as_json == as_yaml
    assert sorted(path.name for path in out_dir.iterdir()) == ["draft.json", "draft.yaml"], "no stray file"


def test_the_same_article_gives_the_same_bytes(out_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = _propose(capsys, out_dir / "draft.yaml")
    assert _propose(capsys, out_dir / "draft.yaml") == first, "a second run over the first draft"
    assert _propose(capsys, out_dir / "again.yaml") == first, "a run into another file of the same folder"
