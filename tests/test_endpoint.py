"""`jjjkg serve` (the real Oxigraph server, read-only) and `jjjkg push` (Graph Store Protocol),
tested over HTTP against real Oxigraph processes."""
from __future__ import annotations

import http.server as http_server
import json
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, free_port, query_fixture_args, run_cli, start_cli, stub_server, wait_for
from query_goldens import FIXTURE

FIXTURE_ARGS = query_fixture_args()


def http(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


def sparql_get(base: str, query: str, accept: str) -> tuple[int, dict[str, str], bytes]:
    return http(f"{base}/query?{urllib.parse.urlencode({'query': query})}", headers={"Accept": accept})


@pytest.fixture(scope="module")
def endpoint() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    port = free_port()
    process = start_cli("serve", "--port", str(port), "--timeout-s", "1", *FIXTURE_ARGS)
    try:
        wait_for(port, process)
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C: jjjkg stops its Oxigraph server
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


PROVINCES = "SELECT ?p WHERE { ?p a <https://w3id.org/jjjkg/ontology#Province> } ORDER BY ?p"


def test_sparqlwrapper_queries_the_endpoint(endpoint) -> None:  # type: ignore[no-untyped-def]
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(f"{endpoint[0]}/query")
    client.setQuery(PROVINCES)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]  # type: ignore[index,call-overload]
    assert [r["p"]["value"].rsplit("/", 1)[-1] for r in rows] == ["beijing", "hebei", "tianjin"]


@pytest.mark.parametrize("accept,content_type,marker", [
    ("application/sparql-results+json", "application/sparql-results+json", b'"bindings"'),
    ("application/sparql-results+xml", "application/sparql-results+xml", b"<sparql"),
    ("text/csv", "text/csv", b"p\r\nhttps://w3id.org/jjjkg/id/beijing"),
])
def test_content_negotiation(endpoint, accept: str, content_type: str, marker: bytes) -> None:  # type: ignore[no-untyped-def]
    status, headers, body = sparql_get(endpoint[0], PROVINCES, accept)
    assert status == 200
    assert headers["content-type"].startswith(content_type)
    assert marker in body


def test_ontology_is_visible_for_subclass_paths(endpoint) -> None:  # type: ignore[no-untyped-def]
    query = ("SELECT (COUNT(?x) AS ?n) WHERE { ?x a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
             "<https://w3id.org/jjjkg/ontology#Organization> }")
    status, _, body = sparql_get(endpoint[0], query, "application/sparql-results+json")
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "6"


def test_update_is_refused(endpoint) -> None:  # type: ignore[no-untyped-def]
    update = b"update=" + urllib.parse.quote_plus("INSERT DATA { <urn:a> <urn:b> <urn:c> }").encode()
    status, _, _ = http(f"{endpoint[0]}/update", data=update,
                        headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert 400 <= status < 500
    _, _, body = sparql_get(endpoint[0], "ASK { <urn:a> <urn:b> <urn:c> }", "application/sparql-results+json")
    assert json.loads(body)["boolean"] is False


def test_malformed_query_gets_400_with_a_message(endpoint) -> None:  # type: ignore[no-untyped-def]
    status, _, body = sparql_get(endpoint[0], "SELEC ?x WHERE", "application/sparql-results+json")
    assert status == 400 and b"error" in body.lower()


def test_runaway_query_is_stopped_and_the_server_keeps_answering(endpoint) -> None:  # type: ignore[no-untyped-def]
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # ~10^9 rows
    start = time.monotonic()
    status, _, body = sparql_get(endpoint[0], runaway, "application/sparql-results+json")
    elapsed = time.monotonic() - start
    assert elapsed < 25, f"the 1 s timeout did not stop the query ({elapsed:.1f} s)"
    finished = status == 200 and body.rstrip().endswith(b"}")
    assert not finished or b"cancelled" in body, "the runaway query ran to completion"
    status, _, body = sparql_get(endpoint[0], PROVINCES, "text/csv")
    assert status == 200 and body.count(b"\n") == 4


@pytest.mark.xfail(strict=True, reason="Oxigraph 0.5 cancels cooperatively: a COUNT over a 4-way cross "
                   "product is not stopped by --timeout-s (upstream oxigraph/oxigraph#1336)")
def test_deep_runaway_query_is_stopped() -> None:
    port = free_port()
    process = start_cli("serve", "--port", str(port), "--timeout-s", "1", *FIXTURE_ARGS)
    try:
        wait_for(port, process)
        query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        try:
            status, _, body = http(f"http://127.0.0.1:{port}/query?{urllib.parse.urlencode({'query': query})}",
                                   timeout=10)
        except TimeoutError:
            raise AssertionError("the query was still running 10 s after a 1 s timeout") from None
        assert status != 200 or b"cancelled" in body
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)


def test_query_page_is_served_locally(endpoint) -> None:  # type: ignore[no-untyped-def]
    status, _, page = http(f"{endpoint[0]}/")
    assert status == 200 and b"yasgui" in page.lower()
    assert b"http://" not in page and b"https://" not in page, "the query page must not load from the network"
    status, _, script = http(f"{endpoint[0]}/yasgui.min.js")
    assert status == 200 and len(script) > 10_000


def test_ctrl_c_stops_cleanly() -> None:
    port = free_port()
    process = start_cli("serve", "--port", str(port), *FIXTURE_ARGS)
    try:
        wait_for(port, process)
        out = process.stdout.readline().decode() if process.stdout else ""
        assert f"http://127.0.0.1:{port}/" in out
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
    finally:
        if process.poll() is None:
            process.kill()


def test_serve_rejects_a_bad_port() -> None:
    result = run_cli("serve", "--port", "70000", *FIXTURE_ARGS)
    assert result.returncode == 2 and "--port" in result.stderr and "Traceback" not in result.stderr


def test_serve_rejects_a_busy_port() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run_cli("serve", "--port", str(taken.getsockname()[1]), *FIXTURE_ARGS)
    assert result.returncode == 2 and "--port" in result.stderr and "in use" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


# The front (graph/serve_front.py): jjjkg's page at /, the SPARQL paths passed to Oxigraph.

def raw(port: int, request: bytes) -> bytes:
    """Send bytes as they are and read the answer until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        answer = b""
        while piece := sock.recv(65536):
            answer += piece
    return answer


def test_post_queries_pass_through_with_negotiation(endpoint) -> None:  # type: ignore[no-untyped-def]
    form = urllib.parse.urlencode({"query": PROVINCES}).encode()
    status, headers, body = http(f"{endpoint[0]}/query", data=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
    assert status == 200 and headers["content-type"].startswith("text/csv") and body.count(b"\n") == 4
    status, headers, body = http(f"{endpoint[0]}/query", data=PROVINCES.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert status == 200 and headers["content-type"] == "application/sparql-results+json"
    assert len(json.loads(body)["results"]["bindings"]) == 3
    assert headers["server"].startswith("Oxigraph/")  # Oxigraph's own answer, headers passed on


def test_front_forwards_only_oxigraph_paths(endpoint) -> None:  # type: ignore[no-untyped-def]
    port = int(endpoint[0].rsplit(":", 1)[1])
    status, headers, _ = http(f"{endpoint[0]}/nothing-here")
    assert status == 404 and headers["server"] == "jjjkg"
    for target in (b"http://127.0.0.1:9/query?query=ASK%7B%7D", b"//example.org/query", b"*"):
        answer = raw(port, b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 404 "), answer[:100]
    answer = raw(port, b"POST /query HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                       b"Content-Type: application/sparql-query\r\n\r\n6\r\nASK {}\r\n0\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 411 ")


def test_an_http10_client_gets_the_whole_streamed_answer(endpoint) -> None:  # type: ignore[no-untyped-def]
    port = int(endpoint[0].rsplit(":", 1)[1])
    target = "/query?" + urllib.parse.urlencode({"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"})
    _, headers, expected = http(endpoint[0] + target, headers={"Accept": "application/n-triples"})
    assert "content-length" not in headers and len(expected) > 150_000  # streamed, several pieces
    answer = raw(port, f"GET {target} HTTP/1.0\r\nAccept: application/n-triples\r\n\r\n".encode())
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 ") and b"chunked" not in head.lower()  # the end is the close
    assert sorted(body.splitlines()) == sorted(expected.splitlines())


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def test_serve_store_serves_an_imported_store(tmp_path: Path) -> None:
    tables = ROOT / "tests" / "examples" / "tables"
    result = run_cli("import-csv", str(tables / "relocations.csv"), "--mapping", str(tables / "relocations.yaml"),
                     "--out", str(tmp_path / "out"), *FIXTURE_ARGS)
    assert result.returncode == 0, result.stderr
    port = free_port()
    process = start_cli("serve", "--store", str(tmp_path / "out" / "jjjkg.oxigraph"), "--port", str(port))
    try:
        wait_for(port, process)
        query = "ASK { ?s <https://w3id.org/jjjkg/ontology#relocatedHeadquartersTo> ?o }"
        _, _, body = sparql_get(f"http://127.0.0.1:{port}", query, "application/sparql-results+json")
        assert json.loads(body)["boolean"] is True
        assert b"jjjkg-query.js" in http(f"http://127.0.0.1:{port}/")[2]
    finally:
        stop(process)
    assert process.returncode == 0


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the Oxigraph child through /proc")
def test_serve_stops_with_one_line_when_oxigraph_dies() -> None:
    port = free_port()
    process = start_cli("serve", "--port", str(port), *FIXTURE_ARGS)
    try:
        wait_for(port, process)
        assert sparql_get(f"http://127.0.0.1:{port}", PROVINCES, "text/csv")[0] == 200  # Oxigraph is up too
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        oxigraph = [int(pid) for pid in children if "oxigraph" in Path(f"/proc/{pid}/cmdline").read_text()]
        assert len(oxigraph) == 1
        os.kill(oxigraph[0], signal.SIGKILL)  # the Oxigraph child this test's own jjjkg started
        assert process.wait(timeout=20) == 2
        stderr = process.stderr.read().decode() if process.stderr else ""
        assert "the Oxigraph server stopped" in stderr and "Traceback" not in stderr
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
    finally:
        stop(process)


def test_the_front_times_out_a_silent_query_server() -> None:
    from graph.serve_front import FrontServer

    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        front = FrontServer(("127.0.0.1", 0), socket.AF_INET, silent.getsockname(), upstream_timeout_s=1)
        thread = threading.Thread(target=front.serve_forever, daemon=True)
        thread.start()
        try:
            base = f"http://127.0.0.1:{front.server_port}"
            start = time.monotonic()
            status, _, body = http(f"{base}/query?query=ASK%7B%7D", timeout=20)
            assert status == 504 and b"did not answer within 1 s" in body and time.monotonic() - start < 10
            silent.close()  # now nothing listens there
            status, _, _ = http(f"{base}/query?query=ASK%7B%7D", timeout=20)
            assert status == 502
            assert http(f"{base}/prefixes.json")[0] == 200  # the front's own files need no Oxigraph
        finally:
            front.shutdown()
            front.server_close()


# ------------------------------------------------------------------------------------------ push

@pytest.fixture
def store(tmp_path: Path) -> Iterator[str]:
    from graph.serve import oxigraph_binary

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
    _, _, body = sparql_get(base, f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}", "application/sparql-results+json")
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
])
def test_push_errors_are_one_line(argv: list[str], needle: str) -> None:
    result = run_cli("push", *argv, *FIXTURE_ARGS)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], result.stderr
