"""The fuzz test's runner: cases spread over worker processes, each case judged as it ends.

A worker (tools/fuzz_worker.py) runs one case at a time; this side gives each case a deadline, kills
and restarts a worker that passes it (a hang) or dies (a signal), and judges every case by the
criteria of issue 14 (see judge). A case that ends in an internal error is run once more with
JJJKG_DEBUG=1 in the same worker, for the traceback that says where it happened.
"""
from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fuzz_cases import Case

WORKER_FILE = Path(__file__).resolve().parent / "fuzz_worker.py"
START_LIMIT_S = 120.0
OK_CODES = {0, 1, 2}
STDERR_ALARMS = ("Traceback", "panicked", "stack overflow")
Snapshot = object  # None (absent), bytes (a file) or dict of relative path -> bytes (a folder)


def snapshot(path: Path) -> Snapshot:
    if path.is_symlink() or path.is_file():
        return path.read_bytes() if path.is_file() else ("link", os.readlink(path))
    if not path.is_dir():
        return None
    return {p.relative_to(path).as_posix(): (p.read_bytes() if p.is_file() else "dir")
            for p in sorted(path.rglob("*"))}


@dataclass
class Outcome:
    """How one case ended and why it failed (reasons empty: it passed)."""

    case: Case
    code: int | None  # the exit status; None when killed by a signal or stopped as a hang
    signal: int | None = None
    hung: bool = False
    seconds: float = 0.0
    stdout: bytes = b""
    stderr: bytes = b""
    traceback: str = ""  # an escaped traceback, or the JJJKG_DEBUG=1 re-run's
    reasons: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        if self.hung:
            return "hang"
        if self.signal is not None:
            known = self.signal in signal.valid_signals()
            return signal.Signals(self.signal).name if known else f"signal {self.signal}"
        return str(self.code)


def judge(outcome: Outcome, timeout: float, out_unchanged: bool) -> list[str]:
    """Issue 14's failures: exit 3 or outside 0-2, a signal, a traceback or Rust panic on stderr,
    a silent non-zero exit, a hang, or a failing command that changed its --out folder."""
    reasons = []
    stderr = outcome.stderr.decode("utf-8", "replace")
    if outcome.hung:
        reasons.append(f"hang: no answer within {timeout:g} s")
    elif outcome.signal is not None:
        reasons.append(f"killed by {outcome.status}")
    elif outcome.code == 3:
        reasons.append("internal error (exit 3)")
    elif outcome.code not in OK_CODES:
        reasons.append(f"exit status {outcome.code}")
    reasons += [f"{alarm!r} on stderr" for alarm in STDERR_ALARMS if alarm in stderr]
    if outcome.code not in (None, 0) and not stderr.strip():
        reasons.append(f"exit {outcome.code} with nothing on stderr")
    if outcome.code in (1, 2) and not out_unchanged:
        reasons.append(f"exit {outcome.code} but {outcome.case.out}/ was changed")
    return reasons


class Worker:
    """One worker process and the job it runs; start() again after kill() or a death."""

    def __init__(self, scratch: Path, number: int) -> None:
        self.scratch, self.number = scratch, number
        self.log = scratch / f"worker-{number}.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.buffer = b""
        self.ready = False
        self.job: Job | None = None
        self.deadline = 0.0

    def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JJJKG_", "RUST_BACKTRACE", "RUST_LIB"))}
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen([sys.executable, str(WORKER_FILE)], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=log, cwd=self.scratch, env=env,
                                            start_new_session=True)  # its own process group, see kill()
        self.buffer, self.ready, self.deadline = b"", False, time.monotonic() + START_LIMIT_S

    def fileno(self) -> int:
        assert self.process is not None and self.process.stdout is not None
        return self.process.stdout.fileno()

    def send(self, job: Job, timeout: float) -> None:
        assert self.process is not None and self.process.stdin is not None
        folder = job.folder
        request = {"number": job.case.number, "cwd": str(folder), "argv": job.case.argv, "env": job.env,
                   "stdout": str(folder / f"{job.prefix}stdout.txt"), "stderr": str(folder / f"{job.prefix}stderr.txt")}
        self.job, self.deadline = job, time.monotonic() + timeout
        self.process.stdin.write(json.dumps(request).encode() + b"\n")
        self.process.stdin.flush()

    def read(self) -> dict[str, Any] | int | None:
        """A reply, the exit status if the worker died (negative: a signal), or None (not yet)."""
        assert self.process is not None
        chunk = os.read(self.fileno(), 1 << 16)
        if not chunk:
            return self.kill()
        self.buffer += chunk
        if b"\n" not in self.buffer:
            return None
        line, self.buffer = self.buffer.split(b"\n", 1)
        return dict(json.loads(line))

    def kill(self) -> int:
        """Kill the worker and what it started (a query's child process), by its process group."""
        assert self.process is not None
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # the group start() made: this worker and its children
        except ProcessLookupError:
            pass
        status = self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe:
                try:
                    pipe.close()
                except OSError:  # the worker is gone: nothing was left to flush
                    pass
        return status


@dataclass
class Job:
    case: Case
    folder: Path
    before: Snapshot
    debug_of: Outcome | None = None  # set for the JJJKG_DEBUG=1 re-run of this outcome

    @property
    def env(self) -> dict[str, str]:
        return {"JJJKG_DEBUG": "1"} if self.debug_of else {}

    @property
    def prefix(self) -> str:
        return "debug-" if self.debug_of else ""


def run_cases(cases: Iterator[Case], scratch: Path, workers: int, timeout: float,
              report: Callable[[Outcome], None]) -> None:
    """Run every case on `workers` processes; report(outcome) for each as it is judged."""
    pool = [Worker(scratch, n) for n in range(workers)]
    reruns: deque[Job] = deque()
    for worker in pool:
        worker.start()
    try:
        while True:
            for worker in pool:
                if worker.ready and worker.job is None:
                    job = reruns.popleft() if reruns else _next_job(cases, scratch)
                    if job is not None:
                        worker.send(job, timeout)
            waiting = [w for w in pool if not w.ready or w.job is not None]
            if all(w.ready for w in pool) and not any(w.job for w in pool):
                return
            wait = max(0.0, min(w.deadline for w in waiting) - time.monotonic())
            readable = select.select(waiting, [], [], wait)[0]
            for worker in waiting:
                answer: dict[str, Any] | int | str | None
                if worker in readable or select.select([worker], [], [], 0)[0]:
                    answer = worker.read()
                elif time.monotonic() > worker.deadline:
                    died = worker.process is not None and worker.process.poll() is not None
                    status = worker.kill()  # dead already: a child of it kept the pipe open
                    answer = status if died else "hang"
                else:
                    continue
                if answer is None:
                    continue
                if not worker.ready:  # the ready line, or a worker that could not start
                    if not isinstance(answer, dict):
                        log = worker.log.read_text(encoding="utf-8", errors="replace")[-2000:]
                        raise RuntimeError(f"fuzz worker {worker.number} did not start ({answer}):\n{log}")
                    worker.ready = True
                    continue
                job, worker.job = worker.job, None
                assert job is not None
                if not isinstance(answer, dict):
                    worker.start()
                _finish(job, answer, timeout, reruns, report)
    finally:
        for worker in pool:
            if worker.process is not None and worker.process.returncode is None:  # not reaped: still ours
                worker.kill()


def _next_job(cases: Iterator[Case], scratch: Path) -> Job | None:
    case = next(cases, None)
    if case is None:
        return None
    folder = scratch / f"case-{case.number:06d}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    case.write(folder)
    return Job(case, folder, snapshot(folder / case.out) if case.out else None)


def _finish(job: Job, answer: dict[str, Any] | int | str, timeout: float, reruns: deque[Job],
            report: Callable[[Outcome], None]) -> None:
    if job.debug_of is not None:  # the re-run only adds its traceback
        outcome = job.debug_of
        if isinstance(answer, dict) and answer.get("escaped"):
            outcome.traceback = answer["escaped"]
    else:
        outcome = _outcome(job, answer, timeout)
        if outcome.code == 3 and not outcome.traceback:
            reruns.appendleft(Job(job.case, job.folder, None, debug_of=outcome))
            return
    report(outcome)
    shutil.rmtree(job.folder, ignore_errors=True)


def _outcome(job: Job, answer: dict[str, Any] | int | str, timeout: float) -> Outcome:
    def text(name: str) -> bytes:
        path = job.folder / name
        return path.read_bytes() if path.exists() else b""

    outcome = Outcome(job.case, None, stdout=text("stdout.txt"), stderr=text("stderr.txt"))
    if answer == "hang":
        outcome.hung, outcome.seconds = True, timeout
    elif isinstance(answer, int):
        if answer < 0:
            outcome.signal = -answer
        else:
            outcome.code = answer  # the worker itself exited (os._exit in the command?)
    else:
        assert isinstance(answer, dict)
        outcome.code, outcome.seconds, outcome.traceback = answer["code"], answer["seconds"], answer["escaped"] or ""
    unchanged = job.case.out is None or snapshot(job.folder / job.case.out) == job.before
    outcome.reasons = judge(outcome, timeout, unchanged)
    return outcome
