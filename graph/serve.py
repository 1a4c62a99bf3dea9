"""A read-only SPARQL 1.1 Protocol endpoint: the real Oxigraph server (`oxigraph serve-read-only`).

The built graph (data in the default graph, the ontology in a named graph) is loaded into an
on-disk Oxigraph store in a temporary directory, which the server then serves read-only with
the union of the graphs as its default graph, a per-query timeout, and the YASGUI query page
Oxigraph ships at `/` (its scripts come from the server itself, so it works offline).
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pyoxigraph as ox

from .build import Built, ConfigError
from .query import Engine, store_folder


def oxigraph_binary() -> str:
    """The `oxigraph` server installed beside this Python (PyPI package `oxigraph`), else on PATH."""
    beside = Path(sys.executable).parent / ("oxigraph.exe" if os.name == "nt" else "oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise ConfigError("the Oxigraph server is not installed: pip install 'oxigraph>=0.5,<0.6'")
    return found


def prepare_store(built: Built, directory: Path) -> Path:
    """Write the graph as N-Quads and load it with `oxigraph load`; returns the store location."""
    quads = directory / "jjjkg.nq"
    with open(quads, "wb") as fh:
        Engine(built).store.dump(fh, format=ox.RdfFormat.N_QUADS)
    location = directory / "store"
    result = subprocess.run([oxigraph_binary(), "load", "--location", str(location), "--file", str(quads)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise ConfigError(f"oxigraph load failed: {' '.join(result.stderr.split())[:300]}")
    return location


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the server gets SIGTERM if jjjkg dies (even by SIGKILL), so no server outlives it."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def server_command(location: Path, host: str, port: int, timeout_s: float) -> list[str]:
    return [oxigraph_binary(), "serve-read-only", "--location", str(location), "--bind", f"{host}:{port}",
            "--union-default-graph", "--timeout-s", f"{timeout_s:g}"]


def serve(built: Built | None, host: str = "127.0.0.1", port: int = 7878, timeout_s: float = 30.0,
          store: Path | None = None) -> int:
    """Serve until interrupted (Ctrl-C or SIGTERM): the built graph from a temporary store (removed
    on the way out), or a store folder that `jjjkg import-csv` wrote."""
    if not 0 < port < 65536:
        raise ConfigError(f"--port: {port} is not a port number (1-65535)")
    if timeout_s <= 0:
        raise ConfigError(f"--timeout-s: {timeout_s} must be positive")
    if store is not None:
        return _run(store_folder(store), host, port, timeout_s)
    assert built is not None
    with tempfile.TemporaryDirectory(prefix="jjjkg-serve-") as tmp:
        return _run(prepare_store(built, Path(tmp)), host, port, timeout_s)


def _run(location: Path, host: str, port: int, timeout_s: float) -> int:
    """Run `oxigraph serve-read-only` on location until it stops."""
    process = subprocess.Popen(server_command(location, host, port, timeout_s),
                               preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
    previous = signal.signal(signal.SIGTERM, lambda *_: process.terminate())
    try:
        return_code = process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return_code = 0
    finally:
        signal.signal(signal.SIGTERM, previous)
        if process.poll() is None:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    if return_code not in (0, -signal.SIGTERM):
        raise ConfigError(f"the Oxigraph server stopped with exit code {return_code} "
                          f"(is {host}:{port} already in use?)")
    return 0
