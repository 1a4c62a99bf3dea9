"""`jjjkg push` (SPARQL 1.1 Graph Store Protocol), tested over HTTP against a real Oxigraph server
and a stub that records what it receives."""
from __future__ import annotations

import http.server as http_server
import json
import shutil
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, free_port, query_fixture_args, run_cli, stub_server, wait_for
from query_goldens import FIXTURE
from test_endpoint import http

FIXTURE_ARGS = query_fixture_args()


def oxigraph_binary() -> str:
    """The Oxigraph server of the test extras (PyPI package `oxigraph`), beside this Python or on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    assert found, "the test extras install the Oxigraph server: pip install -e '.[test]'"
    return found


@pytest.fixture
def store(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(tmp_path / "store"),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for(port, process)  # type: ignore[arg-type]
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def count(base: str, graph: str | None) -> int:
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    query = urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"})
    _, _, body = http(f"{base}/query?{query}", headers={"Accept": "application/sparql-results+json"})
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])
def fixture_triples() -> int:
    import graph

    return len(graph.load(FIXTURE / "seeds", FIXTURE / "texts", ROOT / "tests" / "examples" / "reference").graph)


def test_push_round_trips_the_triple_count(store: str) -> None:
    expected = fixture_triples()
    named = "https://w3id.org/jjjkg/graph/test"
    result = run_cli("push", "--store", f"{store}/store", "--graph", named, *FIXTURE_ARGS)
    assert result.returncode == 0, result.stderr
    assert count(store, named) == expected and count(store, None) == 0
    again = run_cli("push", "--store", f"{store}/store", "--graph", named, "--append", *FIXTURE_ARGS)
    assert again.returncode == 0 and count(store, named) == expected  # same triples: a set
    default = run_cli("push", "--store", f"{store}/store", *FIXTURE_ARGS)
    assert default.returncode == 0 and count(store, None) == expected
    assert f"sent {expected} triples" in default.stdout


def test_push_sends_basic_auth_and_the_method() -> None:
    seen: list[tuple[str, str, str]] = []

    class Handler(http_server.BaseHTTPRequestHandler):
        def _record(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            seen.append((self.command, self.path, self.headers.get("Authorization", "")))
            self.send_response(204)
            self.end_headers()

        do_PUT = do_POST = _record

        def log_message(self, *args: object) -> None:
            pass

    with stub_server(Handler) as port:
        url = f"http://127.0.0.1:{port}/data"
        env = {"JJJKG_STORE_PASSWORD": "s3cret"}
        assert run_cli("push", "--store", url, "--user", "ana", *FIXTURE_ARGS, env=env).returncode == 0
        assert run_cli("push", "--store", url, "--append", "--graph", "urn:g", *FIXTURE_ARGS).returncode == 0
    import base64

    assert seen[0] == ("PUT", "/data?default", "Basic " + base64.b64encode(b"ana:s3cret").decode())
    assert seen[1][:2] == ("POST", "/data?graph=urn%3Ag") and seen[1][2] == ""


@pytest.mark.parametrize("argv,needle", [
    (["--store", "ftp://example.org/x"], "is not an http(s) URL"),
    (["--store", "http://127.0.0.1:9/store"], "cannot connect"),
    (["--store", "http://127.0.0.1:9/store", "--graph", "not an iri"], "--graph"),
    (["--store", "http://127.0.0.1:9/store", "--timeout-s", "1e300"], "--timeout-s"),
    (["--store", "http://127.0.0.1:9/store", "--timeout-s", "nan"], "--timeout-s"),
])
def test_push_errors_are_one_line(argv: list[str], needle: str) -> None:
    result = run_cli("push", *argv, *FIXTURE_ARGS)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], result.stderr
