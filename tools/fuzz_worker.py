"""The fuzz test's worker: a long-lived Python process running `graph.cli.main(argv)` for each case.

Starting Python and importing jjjkg for every case would cost most of the time, so one process runs
case after case. It reads one JSON request a line from its standard input and answers one JSON line
on its standard output; both were moved to other descriptors at start, so what the command prints
(descriptors 1 and 2, native code's messages included) goes to the case's own files instead.

The parent (fuzz_runner.Worker) enforces the per-case time limit and survives this process dying of
a signal: it kills and restarts it. faulthandler shows where Python was when a signal struck.
"""
from __future__ import annotations

import faulthandler
import json
import os
import resource
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

ROOT = Path(__file__).resolve().parent.parent
Main = Callable[[Sequence[str]], int]


def exit_status(code: object) -> int:
    """The status Python exits with for SystemExit(code), printing a message as Python does."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


@contextmanager
def captured(stdout_path: str, stderr_path: str, home_fd: int) -> Iterator[None]:
    """Descriptors 1 and 2 (and sys.stdout, sys.stderr on them) write to the two files meanwhile."""
    sys.stdout.flush()
    sys.stderr.flush()
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        try:
            yield
        finally:
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except (OSError, ValueError):
                    pass
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
            os.dup2(home_fd, 1)
            os.dup2(home_fd, 2)


def run_case(main: Main, request: dict[str, Any], home_fd: int) -> dict[str, Any]:
    """Run one argv in its folder with its environment; the exit status and any escaped traceback."""
    here = os.getcwd()
    env = request.get("env", {})
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    os.chdir(request["cwd"])
    escaped = None
    start = time.perf_counter()
    try:
        with captured(request["stdout"], request["stderr"], home_fd):
            try:
                code = main(request["argv"])
            except SystemExit as exc:
                code = exit_status(exc.code)
            except BaseException:  # noqa: BLE001 - what Python would print on its way out
                escaped = traceback.format_exc()
                sys.stderr.write(escaped)
                code = 1
    finally:
        os.chdir(here)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return {"code": code, "escaped": escaped, "seconds": time.perf_counter() - start}


def warm_up() -> Main:
    """Import what the commands load lazily, so the first case's time is its own."""
    sys.path.insert(0, str(ROOT))
    from graph import cli, importer, query, results, stats, validate  # noqa: F401
    from graph.schema import load_schema

    load_schema()
    return cli.main


def serve(requests: BinaryIO, replies: BinaryIO, home_fd: int) -> None:
    main = warm_up()

    def reply(message: dict[str, Any]) -> None:
        replies.write(json.dumps(message).encode() + b"\n")
        replies.flush()

    reply({"ready": os.getpid()})
    for line in requests:
        request = json.loads(line)
        reply({"number": request["number"], **run_case(main, request, home_fd)})


def start() -> None:
    """Move the request and reply pipes off 0 and 1, send 1 and 2 to the log, and serve."""
    requests = os.fdopen(os.dup(0), "rb")
    replies = os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    home_fd = os.dup(2)  # the worker's log, where the parent sent its standard error
    os.dup2(home_fd, 1)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash leaves no core file
    faulthandler.enable()  # on a signal, the Python stack goes to descriptor 2: the case's stderr file
    serve(requests, replies, home_fd)


if __name__ == "__main__":
    start()
