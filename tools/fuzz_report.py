"""The fuzz test's findings: counts, failures grouped by cause, and a folder to reproduce each.

A failure's cause is its kind (internal error, signal, hang, ...) with the exception class and the
innermost frame in graph/ when a traceback says so (the JJJKG_DEBUG=1 re-run's, or faulthandler's
stack for a signal), so one bug met by many cases is listed once, with its smallest case.
"""
from __future__ import annotations

import json
import re
import shlex
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from fuzz_cases import Case
from fuzz_runner import Outcome

FRAME = re.compile(r'File "([^"]+)", line (\d+),? in (\S+)')


def graph_frame(stack: str, innermost_first: bool) -> str:
    """`graph/x.py:function:line` of the innermost frame in graph/ (else the innermost frame)."""
    frames = FRAME.findall(stack)
    if innermost_first:
        frames.reverse()
    ours = [f for f in frames if "/graph/" in f[0] and "/site-packages/" not in f[0]]
    if not (ours or frames):
        return ""
    path, line, function = (ours or frames)[-1]
    short = path[path.rindex("/graph/") + 1:] if "/graph/" in path else path.rsplit("/", 2)[-1]
    return f"{short}:{function}:{line}"


def cause(outcome: Outcome) -> tuple[str, str]:
    """(what, where): e.g. ('internal error RecursionError', 'graph/yamlfile.py:_convert:58')."""
    stderr = outcome.stderr.decode("utf-8", "replace")
    if outcome.hung:
        return "hang", outcome.case.command
    fatal = re.search(r"Fatal Python error: ([^\n]+)", stderr)  # faulthandler's, in the worker or a child
    if outcome.signal is not None:
        panic = re.search(r"panicked at ([^\s:]+)|fatal runtime error: ([^\n,]+)", stderr)
        where = (panic.group(1) or panic.group(2)) if panic else ""
        return outcome.status, where or graph_frame(stderr, innermost_first=True)
    child = f" (a child process: {fatal.group(1)} at {graph_frame(stderr, innermost_first=True)})" if fatal else ""
    if outcome.traceback:
        last = [line for line in outcome.traceback.strip().splitlines() if line and not line.startswith(" ")][-1]
        error = last.split(":", 1)[0]
        kind = "internal error" if outcome.code == 3 else "traceback"
        return f"{kind} {error}{child}", graph_frame(outcome.traceback, innermost_first=False)
    named = re.search(r"internal error: (\w+)", stderr)
    if named:
        return f"internal error {named.group(1)}{child}", ""
    return "; ".join(re.sub(r"\d+", "N", r) for r in outcome.reasons), outcome.case.command


def _size(outcome: Outcome) -> int:
    case = outcome.case
    return len(case.mutations) * 10_000_000 + len(case.files.get(case.mutated, b""))


@dataclass
class Report:
    """Everything the runner judged; text() is the summary the script prints."""

    seed: int
    folder: Path  # where failing cases are written to be reproduced
    outcomes: int = 0
    seconds: float = 0.0
    workers: int = 0
    by_status: Counter[str] = field(default_factory=Counter)
    by_command: Counter[str] = field(default_factory=Counter)
    seconds_by_command: dict[str, float] = field(default_factory=dict)
    failures: list[Outcome] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        self.outcomes += 1
        self.by_status[outcome.status] += 1
        self.by_command[outcome.case.command] += 1
        command = outcome.case.command
        self.seconds_by_command[command] = self.seconds_by_command.get(command, 0.0) + outcome.seconds
        if outcome.reasons:
            self.failures.append(outcome)
            write_reproduction(outcome, self.folder)

    def causes(self) -> dict[tuple[str, str], list[Outcome]]:
        groups: dict[tuple[str, str], list[Outcome]] = {}
        for outcome in sorted(self.failures, key=lambda o: o.case.number):
            what, where = cause(outcome)
            groups.setdefault((what, re.sub(r":\d+$", "", where)), []).append(outcome)  # any line of a function
        return dict(sorted(groups.items(), key=lambda kv: -len(kv[1])))

    def text(self, every_failure: bool = True) -> str:
        rate = self.outcomes / self.seconds if self.seconds else 0.0
        status = ", ".join(f"{k}: {v}" for k, v in sorted(self.by_status.items()))
        commands = ", ".join(f"{k} {v} ({self.seconds_by_command[k] / v:.3f} s each)"
                             for k, v in sorted(self.by_command.items()))
        lines = [f"fuzz: {self.outcomes} cases (seed {self.seed}) in {self.seconds:.1f} s = {rate:.1f} cases/s "
                 f"on {self.workers} worker(s)", f"  by exit status: {status}", f"  by command: {commands}",
                 f"  failures: {len(self.failures)} case(s), {len(self.causes())} distinct cause(s)"
                 + (f"; reproductions in {self.folder}" if self.failures else "")]
        for number, ((what, where), group) in enumerate(self.causes().items(), 1):
            smallest = min(group, key=_size)
            at = sorted({int(m.group()) for o in group if (m := re.search(r"(?<=:)\d+$", cause(o)[1]))})
            where += f" (line {', '.join(map(str, at))})" if at else ""
            lines += [f"[{number}] {what}" + (f" at {where}" if where else "") + f": {len(group)} case(s); "
                      f"smallest: {smallest.case.describe()}", f"    {reproduce_line(smallest, self.folder)}",
                      f"    stderr: {headline(smallest.stderr)}"]
        if every_failure and self.failures:
            lines.append("every failing case (folder, reasons, argv):")
            lines += [f"  {case_folder(self.folder, o.case)}: {'; '.join(o.reasons)}: {shown_argv(o.case)}"
                      for o in self.failures]
        return "\n".join(lines)


def headline(stderr: bytes) -> str:
    """The line of stderr that says most: a fatal error or panic, else the last line."""
    lines = [line for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    telling = [line for line in lines if re.search(r"Fatal Python error|panicked|fatal runtime error", line)]
    return ((telling or lines)[-1][:300] if lines else "(empty)")


def case_folder(root: Path, case: Case) -> Path:
    return root / f"case-{case.number:06d}"


def shown_argv(case: Case, limit: int = 160) -> str:
    """The argv on one line: a -e query as "$(cat query.rq)" (the file holds it), long words cut."""
    words = []
    for before, word in zip(["", *case.argv[:-1]], case.argv, strict=True):
        if before == "-e":
            words.append('"$(cat query.rq)"')
        else:
            words.append(shlex.quote(word if len(word) <= limit else word[:limit] + "…").replace("\n", "\\n"))
    return "jjjkg " + " ".join(words)


def reproduce_line(outcome: Outcome, root: Path) -> str:
    return f"reproduce: cd {case_folder(root, outcome.case)} && sh repro.sh   ({shown_argv(outcome.case, 80)})"


def write_reproduction(outcome: Outcome, root: Path) -> Path:
    """The case's files as they were before it ran, repro.sh (its argv), what it printed, and why it failed."""
    folder = case_folder(root, outcome.case)
    case = outcome.case
    case.write(folder)
    argv = " ".join(shlex.quote(word) for word in case.argv)
    (folder / "repro.sh").write_bytes(b'cd "$(dirname "$0")" && exec jjjkg ' + argv.encode("utf-8", "surrogateescape")
                                      + b"\n")
    (folder / "argv.json").write_text(json.dumps(case.argv) + "\n", encoding="utf-8")
    (folder / "what.txt").write_text(
        f"{case.describe()}\nthis case alone: {case.again}\nstatus: {outcome.status} after {outcome.seconds:.2f} s\n"
        f"reasons: {'; '.join(outcome.reasons)}\n", encoding="utf-8")
    (folder / "run-stdout.txt").write_bytes(outcome.stdout)
    (folder / "run-stderr.txt").write_bytes(outcome.stderr)
    if outcome.traceback:
        (folder / "traceback.txt").write_text(outcome.traceback, encoding="utf-8", errors="replace")
    return folder
