"""Run a piece of work in a child process that is killed at a deadline or on Ctrl-C.

`jjjkg query` evaluates and renders its query this way: Oxigraph cannot stop every query (a COUNT
over a 4-way cross product ignores cancellation, upstream oxigraph/oxigraph#1336) and, deep in its
evaluator, does not return to Python for Ctrl-C to be seen. A forked child shares the built store
without copying it; the parent only waits, so the deadline and Ctrl-C always hold. Where fork is not
available (not Linux or macOS), the work runs in-process, without a deadline.
"""
from __future__ import annotations

import os
import multiprocessing
import signal
import time
from collections.abc import Callable
from multiprocessing.connection import Connection

from .problems import ConfigError

POLL_S = 0.1


class WorkFailed(RuntimeError):
    """The work raised something other than a ConfigError in the child."""


def _child(work: Callable[[], str], sender: Connection) -> None:  # pragma: no cover - runs in the child
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; it kills this process
    os.environ.pop("RUST_BACKTRACE", None)
    try:
        sender.send(("ok", work()))
    except ConfigError as exc:
        sender.send(("config", str(exc)))
    except BaseException as exc:  # noqa: BLE001 - a Rust panic is a BaseException
        sender.send(("internal", f"{exc.__class__.__name__}: {' '.join(str(exc).split())[:500]}"))
    finally:
        sender.close()


def _how(exit_code: int | None) -> str:
    if exit_code is not None and exit_code < 0:
        try:
            return f"killed by {signal.Signals(-exit_code).name}"
        except ValueError:
            return f"killed by signal {-exit_code}"
    return f"exit code {exit_code}"


def run_with_deadline(work: Callable[[], str], timeout_s: float, what: str) -> str:
    """work()'s text; a ConfigError naming --timeout-s when it runs past timeout_s."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return work()
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(work, sender), daemon=True)
    child.start()
    sender.close()
    deadline = time.monotonic() + timeout_s
    kind, text = "died", ""
    try:
        while not receiver.poll(POLL_S):
            if time.monotonic() > deadline:
                raise ConfigError(f"--timeout-s: {what} ran longer than {timeout_s:g} s and was stopped")
            if not child.is_alive() and not receiver.poll(0):
                break
        else:
            try:
                kind, text = receiver.recv()
            except EOFError:
                pass
    finally:
        if child.is_alive():
            child.kill()
        child.join()  # after this, the exit code is known
        receiver.close()
    if kind == "died":
        raise WorkFailed(f"{what} stopped its process ({_how(child.exitcode)})")
    if kind == "config":
        raise ConfigError(text)
    if kind == "internal":
        raise WorkFailed(text)
    return str(text)
