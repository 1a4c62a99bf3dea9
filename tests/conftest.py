from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import types
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "tests" / "examples"
MINIMAL = EXAMPLES / "valid" / "minimal"
TEXTS = EXAMPLES / "texts"
REFERENCE = EXAMPLES / "reference"
CURATED_TEXTS = ROOT / "seeds" / "texts"          # the five articles the curated facts quote
CURATED_REFERENCE = ROOT / "seeds" / "reference"  # the reference identifier tables


def _user_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment without JJJKG_ settings, so each test says what it uses."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JJJKG_")}
    env.update(extra or {})
    return env


def run_cli(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m graph` as a user would, in a separate process."""
    return subprocess.run([sys.executable, "-m", "graph", *args], cwd=cwd, env=_user_env(env), capture_output=True,
                          text=True, timeout=300)


def start_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """Start a long-running `python -m graph` command (serve) without waiting for it."""
    return subprocess.Popen([sys.executable, "-m", "graph", *args], cwd=ROOT, env=_user_env(env),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def fixture_args(seeds: Path) -> list[str]:
    return ["--seeds", str(seeds), "--sources-dir", str(TEXTS), "--reference-dir", str(REFERENCE)]


def query_fixture_args() -> list[str]:
    """Options selecting the query fixture (tests/examples/valid/queries) with its own texts."""
    from query_goldens import FIXTURE

    return ["--seeds", str(FIXTURE / "seeds"), "--sources-dir", str(FIXTURE / "texts"),
            "--reference-dir", str(REFERENCE)]


@pytest.fixture
def minimal_copy(tmp_path: Path) -> Path:
    """A writable copy of the minimal valid example; returns its seeds directory."""
    shutil.copytree(MINIMAL, tmp_path / "project")
    return tmp_path / "project" / "seeds"


HOSTILE = EXAMPLES / "valid" / "hostile"


def hostile_args() -> list[str]:
    """Options selecting the hostile-strings fixture (markup in labels, aliases, titles and quotes)."""
    return ["--seeds", str(HOSTILE / "seeds"), "--sources-dir", str(HOSTILE / "texts"),
            "--reference-dir", str(REFERENCE)]


@pytest.fixture(scope="session")
def curated():  # type: ignore[no-untyped-def]
    """The curated seeds, built once for the view's tests (quotes and identifiers checked)."""
    import graph

    return graph.load(None, CURATED_TEXTS, CURATED_REFERENCE)


@pytest.fixture(scope="session")
def hostile():  # type: ignore[no-untyped-def]
    """The hostile-strings fixture, built."""
    import graph

    return graph.load(HOSTILE / "seeds", HOSTILE / "texts", REFERENCE)


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """One headless Chromium for the session (see tests/browser.py)."""
    from browser import chromium

    with chromium() as launched:
        yield launched


def on_a_terminal(*args: str, columns: int = 80) -> str:
    """Run `python -m graph ARGS` with a pseudo-terminal of `columns` columns as its output;
    return what it showed (line ends as the terminal gives them, \r\n)."""
    import fcntl
    import pty
    import struct
    import termios

    pid, fd = pty.fork()
    if pid == 0:  # pragma: no cover - the child
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))  # the terminal's size
        os.chdir(ROOT)
        env = _user_env()
        env.pop("COLUMNS", None)
        os.execve(sys.executable, [sys.executable, "-m", "graph", *args], env)
    shown = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.waitpid(pid, 0)
    return shown.decode("utf-8", errors="replace")


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def stub_server(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[int]:
    """A small HTTP server on 127.0.0.1 answering with `handler`, in a thread; yields its port."""
    server = http.server.HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()


def wait_for(port: int, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    """Until something answers on 127.0.0.1:port; an AssertionError if process exits first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited early with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("server did not start")


def load_benchmark(name: str) -> types.ModuleType:
    """A script of benchmarks/ as a module (tests share its load drivers and listeners)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def curated_page(curated, tmp_path_factory: pytest.TempPathFactory) -> Path:  # type: ignore[no-untyped-def]
    """The curated graph's view page, written once."""
    from graph.view import page_for

    path = tmp_path_factory.mktemp("view") / "network.html"
    path.write_bytes(page_for(curated))
    return path


@pytest.fixture(scope="session")
def hostile_page(hostile, tmp_path_factory: pytest.TempPathFactory) -> Path:  # type: ignore[no-untyped-def]
    """The hostile fixture's view page, written once."""
    from graph.view import page_for

    path = tmp_path_factory.mktemp("hostile") / "network.html"
    path.write_bytes(page_for(hostile))
    return path


LARGE_IMPORT_ROWS = 100_000


@pytest.fixture(scope="session")
def large_import(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A 100,000-row synthetic import (benchmarks/synthetic.py) of the curated seeds, made once for
    the session (the flows view, flows, and the analyses on a store read it; none writes to it):
    its output folder and what the import printed."""
    folder = tmp_path_factory.mktemp("large-import")
    table, mapping = load_benchmark("synthetic").table(LARGE_IMPORT_ROWS, folder)
    out = folder / "out"
    result = run_cli("import-csv", str(table), "--mapping", str(mapping), "--out", str(out), "--seeds",
                     str(ROOT / "seeds"), "--sources-dir", str(CURATED_TEXTS), "--reference-dir", str(CURATED_REFERENCE))
    assert result.returncode == 0, result.stderr[-2000:]
    return out, result.stdout + result.stderr


@functools.lru_cache(maxsize=1)
def propose_registry():  # type: ignore[no-untyped-def]
    """The curated registry (no facts) and the schema, as `jjjkg propose` reads them: read once per session."""
    from graph.problems import Problems
    from graph.schema import load_schema
    from graph.seeds import read_seeds

    schema = load_schema()
    return read_seeds(ROOT / "seeds", schema, Problems(), facts=False), schema
