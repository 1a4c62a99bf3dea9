"""Every command block of the README runs as written and prints what the README shows
(tools/readme_blocks.py states the rules), and every CLI command has a README section with one.
The runner itself is tested on small READMEs written here."""
from __future__ import annotations

import argparse
import socket
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, free_port
from graph.cli import make_parser

sys.path.insert(0, str(ROOT / "tools"))
import readme_blocks  # noqa: E402
from readme_rules import BlockResult, output_matches, parse_blocks, refill  # noqa: E402

README = ROOT / "README.md"
BLOCKS = parse_blocks(README.read_text("utf-8"))
FENCE = "```"


@pytest.fixture(scope="module")
def readme_session() -> Iterator[readme_blocks.Session]:
    """One run of the README, in order, in a scratch copy of the working tree (blocks run on demand)."""
    with readme_blocks.Session(ROOT, BLOCKS) as session:
        yield session


@pytest.mark.parametrize("index", range(len(BLOCKS)), ids=[block.label for block in BLOCKS])
def test_readme_command_block(readme_session: readme_blocks.Session, index: int) -> None:
    result = readme_session.result(index)
    if result.skipped:
        pytest.skip(result.skipped)
    if result.problems:
        pytest.fail("\n\n".join(result.problems), pytrace=False)


def test_every_command_has_a_readme_section_with_a_command_block() -> None:
    parser = make_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    shown = {(block.heading, command.text.split()[1]) for block in BLOCKS for command in block.commands
             if command.text.startswith("jjjkg ") and len(command.text.split()) > 1}
    missing = [name for name in commands if (f"`jjjkg {name}`", name) not in shown]
    assert not missing, ("no README section `### `jjjkg NAME`` with a command block running it for: "
                         + ", ".join(missing))


# --- the runner, on small READMEs -------------------------------------------------------------------------

def block(*lines: str) -> str:
    return "\n".join([FENCE, *lines, FENCE, ""])


def run(tmp_path: Path, text: str) -> list[BlockResult]:
    (tmp_path / "README.md").write_text(text, "utf-8")
    with readme_blocks.Session(tmp_path, parse_blocks(text)) as session:
        return list(session.results())


def test_parse_finds_command_blocks_only() -> None:
    text = "\n".join([
        "# Title", "```sh", "python -m venv .venv && jjjkg build", "```",
        "## Commands", "```python", "import graph", "```", "```", "河北 | 保定市", "```",
        "### `jjjkg build`", "```yaml", "# not a heading", "a: 1", "```",
        "```console", "", "$ echo one \\", "  two", "one two", "", "$ jjjkg serve", "serving", "```",
    ])
    blocks = parse_blocks(text)
    assert len(blocks) == 1
    found = blocks[0]
    assert (found.line, found.end_line, found.heading) == (17, 25, "`jjjkg build`")
    first, second = found.commands
    assert (first.line, first.text, first.expected) == (19, "echo one \\\n  two", ("one two",))
    assert (second.line, second.text, second.expected, second.is_server) == (23, "jjjkg serve", ("serving",), True)
    assert not first.is_server
    assert found.label == "README.md:17 $ echo one \\"


@pytest.mark.parametrize(("expected", "printed", "matches"), [
    (["a", "b"], ["a", "b"], True),
    (["a", "b"], ["a", "b", "c"], False),
    (["a", "b"], ["a", "x"], False),
    (["a", "…", "d"], ["a", "b", "c", "d"], True),
    (["a", "…", "d"], ["a", "d"], True),
    (["a", "…", "d"], ["a", "b", "c"], False),
    (["a", "[…]"], ["a", "b"], True),
    (["[… the tables for", "   each type …]", "z"], ["x", "y", "z"], True),
    (["[… never closed", "z"], ["x", "z"], False),
    (["…", "b", "…"], ["a", "b", "c"], True),
    (["…", "b", "…"], ["a", "c"], False),
])
def test_output_matching_and_elisions(expected: list[str], printed: list[str], matches: bool) -> None:
    assert output_matches(expected, printed) is matches


def test_refill_keeps_elisions() -> None:
    assert refill(["a", "[… b …]", "X"], ["a", "b", "c", "d"]) == ["a", "[… b …]", "d"]
    assert refill(["old"], ["new", "lines"]) == ["new", "lines"]
    assert refill(["Totals", "1", "…", "Places", "9"], ["Totals", "2", "t", "Places", "8", "7"]) == \
        ["Totals", "2", "…", "Places", "8", "7"]


def test_blocks_pass_and_fail_as_they_should(tmp_path: Path) -> None:
    text = "\n".join([
        "## one",
        block("$ printf 'a\\nb  \\n\\n'", "a", "b",
              "$ python -c \"import sys; print('out1'); print('err', file=sys.stderr); print('out2')\"",
              "out1", "err", "out2"),
        block("$ mkdir out && echo made > out/file && cat out/file && basename \"$PWD\"", "made", "repo"),
        block("$ python -c \"import sys; sys.exit('tool: error: --x: bad')\"  # exits 1", "tool: error: --x: bad"),
        block("$ false"),
        block("$ echo wrong", "right"),
        block("$ env | grep -c '^JJJKG_' || true", "0"),
        block("$ echo 'jjjkg: error: no such file' && exit 2  # exits 1", "jjjkg: error: no such file"),
    ])
    results = run(tmp_path, text)
    assert [bool(r.problems) for r in results] == [False, False, False, True, True, False, True], \
        [r.problems for r in results]
    assert "exited 1, not 0" in results[3].problems[0]
    assert "-right\n+wrong" in results[4].problems[0]
    assert "exited 2, not 1" in results[6].problems[0]
    assert not (tmp_path / "out").exists()  # relative paths are the scratch copy's


def test_tmp_paths_made_by_the_readme_are_removed(tmp_path: Path) -> None:
    made, kept = Path(f"/tmp/readme-blocks-test-{uuid.uuid4().hex}"), Path(f"/tmp/readme-blocks-test-{uuid.uuid4().hex}")
    kept.mkdir()
    try:
        results = run(tmp_path, block(f"$ mkdir -p {made}/x && touch {kept}/y && ls {made}", "x"))
        assert not results[0].problems
        assert not made.exists() and (kept / "y").exists()
    finally:
        for path in (made / "x", made):
            if path.exists():
                path.rmdir()
        (kept / "y").unlink(missing_ok=True)
        kept.rmdir()


def test_a_command_that_hangs_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readme_blocks, "COMMAND_TIMEOUT_S", 1.0)
    results = run(tmp_path, block("$ sleep 60"))
    assert "did not finish within 1 s" in results[0].problems[0]
    assert results[0].seconds < 20


def test_a_server_runs_until_the_next_heading(tmp_path: Path) -> None:
    port, store = free_port(), Path(f"/tmp/readme-blocks-store-{uuid.uuid4().hex}")
    probe = f"$ curl -s http://127.0.0.1:{port}/ > /dev/null && echo up || echo down"
    text = "\n".join([
        "### `a store`",
        block(f"$ oxigraph serve --location {store} --bind 127.0.0.1:{port} &",
              f"Listening for requests at http://127.0.0.1:{port}"),
        block(probe, "up"),
        "### next",
        block(probe, "down"),
    ])
    results = run(tmp_path, text)
    assert [r.problems for r in results] == [[], [], []]
    assert not store.exists()
    with socket.socket() as again:
        again.bind(("127.0.0.1", port))  # nothing is left listening


def test_a_busy_port_skips_the_rest_of_the_section(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        text = "\n".join(["### `jjjkg serve`", block(f"$ jjjkg serve --port {port}", "serving"),
                          block("$ echo using it", "using it"), "### next", block("$ echo after", "after")])
        results = run(tmp_path, text)
    assert [bool(r.skipped) for r in results] == [True, True, False]
    assert f"port {port} on 127.0.0.1 is already in use" in str(results[1].skipped)
    assert not results[2].problems


def test_a_server_off_loopback_is_refused(tmp_path: Path) -> None:
    results = run(tmp_path, block("$ jjjkg serve --host 0.0.0.0 --port 1", "serving"))
    assert "not a loopback address" in results[0].problems[0]


def test_check_and_update(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = tmp_path / "README.md"
    text = "\n".join(["Intro.", block("$ printf 'a\\nb\\nc\\nd\\n'", "a", "[… b and c …]", "X", "$ echo same", "same",
                                      "$ false"),
                      "Between.", block("$ echo new", "old"), block("$ echo oops; exit 2  # exits 1", "fine"),
                      "End."])
    readme.write_text(text, "utf-8")
    assert readme_blocks.main(["--check", str(readme)]) == 1
    assert "FAIL  README.md:2 $ printf" in capsys.readouterr().out
    assert readme.read_text("utf-8") == text
    assert readme_blocks.main(["--update", str(readme)]) == 0
    assert readme.read_text("utf-8") == "\n".join([
        "Intro.", block("$ printf 'a\\nb\\nc\\nd\\n'", "a", "[… b and c …]", "d", "$ echo same", "same", "$ false"),
        "Between.", block("$ echo new", "new"), block("$ echo oops; exit 2  # exits 1", "fine"), "End."])
    readme.write_text(readme.read_text("utf-8").replace("$ false\n", "$ false  # exits 1\n")
                      .replace("exit 2  # exits 1", "exit 2  # exits 2").replace("fine", "oops"), "utf-8")
    assert readme_blocks.main(["--check", str(readme)]) == 0


def test_update_refuses_a_readme_changed_during_the_run(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("now\n", "utf-8")
    with pytest.raises(SystemExit, match="changed during the run"):
        readme_blocks.update(readme, "before\n", [])
