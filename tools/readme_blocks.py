"""Run the README's command blocks and compare what they print with what the README shows.

    python tools/readme_blocks.py --check     # run every command block, report, exit 1 on a difference
    python tools/readme_blocks.py --update    # run them and rewrite their outputs in README.md in place

The rules (the contract between the README and tests/test_readme.py):

1. A *command block* is a fenced block whose first non-empty line starts with `$ `. Each `$ ` line
   is a command (a line ending in `\\` continues it on the next line); the lines up to the next
   `$ ` line are its output. Other fenced blocks (```sh install lines, ```sparql, output only) are
   not run.
2. Commands run in README order with bash (`bash -c COMMAND`, stdout and stderr together, each
   Python unbuffered so they interleave as on a terminal) in a scratch copy of the repository's
   working tree (without .git, .venv, out/), so `out/` and other relative paths are the copy's;
   PYTHONPATH points at the copy and the running Python's bin folder (the venv's: `jjjkg`,
   `oxigraph`) comes first on PATH. HOME and TMPDIR are scratch folders; JJJKG_* variables are
   unset. A command runs even if one before it failed. Afterwards the copy is removed, and so are
   the paths under /tmp that commands name and that did not exist before the run.
3. Output must be equal line by line, except that trailing spaces and trailing empty lines are
   ignored, and an *elision* matches any number of lines: a line `…`, or lines from one starting
   with `[…` to one ending with `…]` (e.g. `[… the other tables …]`).
4. A command must exit 0, unless it ends with a comment `# exits N` (or `# exit N`): then it must
   exit N (`$ jjjkg validate --seeds bad/  # exits 1`). Its output is compared as usual.
5. A *server* is a command ending in `&` or starting with `jjjkg serve` or `oxigraph serve`. It runs
   in the background until the next heading (so later blocks of its section can use it), then
   gets SIGTERM (its whole process group; SIGKILL 10 s later). Its
   address comes from `--bind HOST:PORT`, else `--host`/`--port`, else 127.0.0.1:7878; it must be
   a loopback address. Its output is what it printed once its port answers. If the port is
   already taken, the rest of the section is skipped, with the reason.

`--update` rewrites the output of each block that differs with what was printed, keeping its
elisions (the lines around them are refilled by position: review the diff). A command that exited
with another code than rule 4 wants, or did not finish, is not rewritten: fix the command instead.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from readme_rules import (Block, BlockResult, Command, Outcome, check, is_background, normal, parse_blocks,
                          pattern, refill)

COMMAND_TIMEOUT_S = 180.0
SERVER_START_TIMEOUT_S = 90.0
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
NOT_COPIED_AT_TOP = {".git", ".venv", "venv", "out", "build", "dist"}
NOT_COPIED = {".pytest_cache", ".mypy_cache", "node_modules"}
TMP_PATH = re.compile(r"(?<![\w./-])/tmp/([^\s/'\";|&<>()]+)")


def _address(text: str) -> tuple[str, int]:
    bind = re.search(r"--bind[ =]['\"]?\[?([^\s'\"\]]+?)\]?:(\d+)", text)
    if bind:
        return bind.group(1), int(bind.group(2))
    host, port = re.search(r"--host[ =]['\"]?([^\s'\"]+)", text), re.search(r"--port[ =](\d+)", text)
    return (host.group(1) if host else "127.0.0.1"), (int(port.group(1)) if port else 7878)


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


class Session:
    """One run of the README's blocks, in order, in a scratch copy of the working tree."""

    def __init__(self, root: Path, blocks: list[Block]) -> None:
        root = root.resolve()
        self.blocks = blocks
        self._scratch = Path(tempfile.mkdtemp(prefix="readme-blocks-"))
        self.workdir = self._scratch / "repo"
        try:
            shutil.copytree(root, self.workdir, symlinks=True, ignore=lambda folder, names: [
                n for n in names if n in NOT_COPIED or n.endswith(".egg-info")
                or (Path(folder) == root and n in NOT_COPIED_AT_TOP)])
        except BaseException:
            shutil.rmtree(self._scratch, ignore_errors=True)
            raise
        for name in ("home", "tmp"):
            (self._scratch / name).mkdir()
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("JJJKG_")}
        self.env.update(HOME=str(self._scratch / "home"), TMPDIR=str(self._scratch / "tmp"), PYTHONUNBUFFERED="1",
                        PYTHONPATH=str(self.workdir), LC_ALL="C.UTF-8", LANG="C.UTF-8",
                        PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
        named = {Path("/tmp", m) for b in blocks for c in b.commands for m in TMP_PATH.findall(c.text)}
        self.tmp_paths_found = sorted(p for p in named if os.path.lexists(p))  # left as they are
        self._tmp_paths = named.difference(self.tmp_paths_found)                # removed by close()
        self._results: list[BlockResult] = []
        self._servers: list[subprocess.Popen[bytes]] = []
        self._server_section = -1
        self._skipped_section: tuple[int, str] | None = None

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def results(self) -> Iterator[BlockResult]:
        for index in range(len(self.blocks)):
            yield self.result(index)

    def result(self, index: int) -> BlockResult:
        """The result of block index, running the blocks before it first (once)."""
        while len(self._results) <= index:
            self._results.append(self._run_block(self.blocks[len(self._results)]))
        return self._results[index]

    def close(self) -> None:
        self._stop_servers()
        shutil.rmtree(self._scratch, ignore_errors=True)
        for path in self._tmp_paths:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            elif os.path.lexists(path):
                path.unlink()

    def _run_block(self, block: Block) -> BlockResult:
        if self._server_section != block.section:
            self._stop_servers()
        result, started = BlockResult(block), time.monotonic()
        if self._skipped_section and self._skipped_section[0] == block.section:
            result.skipped = self._skipped_section[1]
            return result
        for command in block.commands:
            if command.is_server:
                host, port = _address(command.text)
                if host not in LOOPBACK:
                    result.outcomes.append(Outcome(command, [], None, f"README.md:{command.line}: refusing to "
                                                   f"start a server on {host}, which is not a loopback address"))
                    continue
                if _answers(host, port):
                    result.skipped = (f"port {port} on {host} is already in use, so the server of README.md:"
                                      f"{command.line} and the rest of its section are not run")
                    self._skipped_section = (block.section, result.skipped)
                    break
                outcome = self._start_server(command, host, port)
            else:
                outcome = self._run(command)
            check(outcome)
            result.outcomes.append(outcome)
        result.seconds = time.monotonic() - started
        return result

    def _spawn(self, text: str, log: Path) -> subprocess.Popen[bytes]:
        with open(log, "wb") as sink:
            return subprocess.Popen(["bash", "-c", text], cwd=self.workdir, env=self.env, stdin=subprocess.DEVNULL,
                                    stdout=sink, stderr=subprocess.STDOUT, start_new_session=True,
                                    preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)

    def _log(self) -> Path:
        return Path(tempfile.mkstemp(prefix="output-", dir=self._scratch)[1])

    def _run(self, command: Command) -> Outcome:
        log = self._log()
        process = self._spawn(command.text, log)
        try:
            code: int | None = process.wait(timeout=COMMAND_TIMEOUT_S)
            problem = None
        except subprocess.TimeoutExpired:
            code, problem = None, f"README.md:{command.line}: did not finish within {COMMAND_TIMEOUT_S:g} s"
        _stop(process)
        return Outcome(command, normal(log.read_text("utf-8", "replace").split("\n")), code, problem)

    def _start_server(self, command: Command, host: str, port: int) -> Outcome:
        log = self._log()
        text = command.text.rstrip()[:-1] if is_background(command.text) else command.text  # we background it
        process = self._spawn(text, log)
        self._servers.append(process)
        self._server_section = self.blocks[len(self._results)].section
        deadline, problem = time.monotonic() + SERVER_START_TIMEOUT_S, None
        while not _answers(host, port):
            if process.poll() is not None or time.monotonic() > deadline:
                problem = (f"README.md:{command.line}: the server stopped (exit code {process.returncode})"
                           if process.returncode is not None else
                           f"README.md:{command.line}: nothing answered on {host}:{port} within "
                           f"{SERVER_START_TIMEOUT_S:g} s")
                break
            time.sleep(0.1)
        wanted = sum(1 for item in pattern(command.expected) if isinstance(item, str))
        settle = time.monotonic() + 3.0  # its startup lines may follow the port by a moment
        while len(normal(log.read_text("utf-8", "replace").split("\n"))) < wanted and time.monotonic() < settle:
            time.sleep(0.05)
        output = normal(log.read_text("utf-8", "replace").split("\n"))
        return Outcome(command, output, process.returncode, problem)

    def _stop_servers(self) -> None:
        for process in self._servers:
            _stop(process)
        self._servers.clear()


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the command gets SIGTERM if this runner dies (even by SIGKILL), so no server outlives it."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End process and everything it started (its own session): SIGTERM, then SIGKILL after 10 s."""
    for sig, grace in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


def update(readme: Path, text_run: str, results: list[BlockResult]) -> int:
    """Rewrite the outputs of the blocks that differ; returns how many blocks changed."""
    if readme.read_text("utf-8") != text_run:
        raise SystemExit(f"{readme} changed during the run; nothing rewritten (run --update again)")
    lines, changed = text_run.split("\n"), 0
    for result in sorted(results, key=lambda r: -r.block.line):
        if result.skipped or not result.problems:
            continue
        block, body = result.block, []
        for outcome in result.outcomes:
            output = refill(outcome.command.expected, outcome.output) if outcome.output_differs \
                else outcome.command.expected
            body += [*outcome.command.source, *output]
        if len(result.outcomes) < len(block.commands):  # a command the run did not reach stays as it is
            continue
        if body != lines[block.line:block.end_line - 1]:
            lines[block.line:block.end_line - 1] = body
            changed += 1
    temporary = readme.with_name(readme.name + ".updating")
    temporary.write_text("\n".join(lines), "utf-8")
    os.replace(temporary, readme)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the README's command blocks (see the rules in this file).")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="report each block; exit 1 if any differs")
    mode.add_argument("--update", action="store_true", help="rewrite the outputs that differ in place")
    parser.add_argument("readme", nargs="?", type=Path, default=Path(__file__).resolve().parent.parent / "README.md")
    args = parser.parse_args(argv)
    readme = args.readme.resolve()
    if not readme.is_file():
        parser.error(f"readme: {args.readme} is not a file")
    started, text_run, results = time.monotonic(), readme.read_text("utf-8"), []
    with Session(readme.parent, parse_blocks(text_run)) as session:
        for path in session.tmp_paths_found:
            print(f"note: {path} existed before the run and is used as it is")
        for result in session.results():
            results.append(result)
            status = "skip" if result.skipped else "FAIL" if result.problems else "ok"
            print(f"{status:4}  {result.block.label}  ({result.seconds:.1f} s)", flush=True)
            for text in [result.skipped or "", *result.problems]:
                if text:
                    print("      " + text.replace("\n", "\n      "), flush=True)
    failed = sum(1 for r in results if r.problems)
    print(f"{len(results)} command blocks: {len(results) - failed} pass or skip, {failed} differ "
          f"({time.monotonic() - started:.1f} s)")
    if args.update:
        print(f"rewrote the output of {update(readme, text_run, results)} block(s) in {readme}")
        return 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
