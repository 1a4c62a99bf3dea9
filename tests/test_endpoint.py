"""`jjjkg serve`: the SPARQL 1.1 Protocol over HTTP, and what it refuses, tested against the real
server (uvicorn, the Starlette app, query workers) started as a user would."""
from __future__ import annotations

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

from conftest import ROOT, free_port, load_benchmark, query_fixture_args, run_cli, start_cli

FIXTURE_ARGS = query_fixture_args()
PROVINCES = "SELECT ?p WHERE { ?p a <https://w3id.org/jjjkg/ontology#Province> } ORDER BY ?p"
LOAD = load_benchmark("endpoint_load")  # its hostile requests and listener serve these tests too
CROSS_4 = LOAD.CROSS_4  # a 4-way cross product: Oxigraph never cancels it (oxigraph#1336)


def http(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
         method: str | None = None, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


def sparql_get(base: str, query: str, accept: str = "application/sparql-results+json",
               timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    return http(f"{base}/query?{urllib.parse.urlencode({'query': query})}", headers={"Accept": accept},
                timeout=timeout)


def wait_ready(process: subprocess.Popen[bytes], seconds: float = 120) -> str:
    """The banner `jjjkg serve` prints once its workers answer; an AssertionError if it exits first."""
    assert process.stdout is not None
    holder: list[str] = []
    reader = threading.Thread(target=lambda: holder.append(process.stdout.readline().decode()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    reader.join(seconds)
    if not holder or not holder[0]:
        stderr = process.stderr.read().decode() if process.poll() is not None and process.stderr else ""
        raise AssertionError(f"serve did not start (exit {process.poll()}): {stderr}")
    return holder[0]


def start_serve(*args: str, env: dict[str, str] | None = None) -> tuple[str, subprocess.Popen[bytes]]:
    port = free_port()
    process = start_cli("serve", "--port", str(port), *args, env=env)
    wait_ready(process)
    return f"http://127.0.0.1:{port}", process


def stop(process: subprocess.Popen[bytes]) -> int:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)  # Ctrl-C
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    return process.returncode


@pytest.fixture(scope="module")
def endpoint() -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    base, process = start_serve("--timeout-s", "2", *FIXTURE_ARGS)
    try:
        yield base, process
    finally:
        stop(process)


def test_sparqlwrapper_queries_the_endpoint(endpoint) -> None:  # type: ignore[no-untyped-def]
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(f"{endpoint[0]}/query")
    client.setQuery(PROVINCES)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]  # type: ignore[index,call-overload]
    assert [r["p"]["value"].rsplit("/", 1)[-1] for r in rows] == ["beijing", "hebei", "tianjin"]


@pytest.mark.parametrize("query,accept,content_type,marker", [
    (PROVINCES, "application/sparql-results+json", "application/sparql-results+json", b'"bindings"'),
    (PROVINCES, "application/sparql-results+xml", "application/sparql-results+xml", b"<sparql"),
    (PROVINCES, "text/csv", "text/csv", b"p\r\nhttps://w3id.org/jjjkg/id/beijing"),
    (PROVINCES, "text/tab-separated-values", "text/tab-separated-values", b"?p\n<https://w3id.org/jjjkg/id/beijing>"),
    (PROVINCES, "text/html;q=0.9, text/csv;q=0.5, */*;q=0.1", "text/csv", b"p\r\n"),
    (PROVINCES, "", "application/sparql-results+json", b'"bindings"'),
    ("ASK { ?s ?p ?o }", "application/json", "application/json", b'"boolean":true'),
    ("CONSTRUCT WHERE { ?p a <https://w3id.org/jjjkg/ontology#Province> }", "text/turtle", "text/turtle", b"Province"),
    ("CONSTRUCT WHERE { ?p a <https://w3id.org/jjjkg/ontology#Province> }", "application/n-triples",
     "application/n-triples", b"> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <"),
    ("DESCRIBE <https://w3id.org/jjjkg/id/beijing>", "application/ld+json", "application/ld+json", b"beijing"),
])
def test_content_negotiation(endpoint, query: str, accept: str, content_type: str, marker: bytes) -> None:  # type: ignore[no-untyped-def]
    status, headers, body = sparql_get(endpoint[0], query, accept)
    assert status == 200, body
    assert headers["content-type"].startswith(content_type)
    assert marker in body and headers["content-length"] == str(len(body))


def test_an_unacceptable_accept_gets_406(endpoint) -> None:  # type: ignore[no-untyped-def]
    status, _, body = sparql_get(endpoint[0], PROVINCES, "image/png")
    assert status == 406 and b"application/sparql-results+json" in body


def test_ontology_is_visible_for_subclass_paths(endpoint) -> None:  # type: ignore[no-untyped-def]
    query = ("SELECT (COUNT(?x) AS ?n) WHERE { ?x a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
             "<https://w3id.org/jjjkg/ontology#Organization> }")
    status, _, body = sparql_get(endpoint[0], query)
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "6"


def test_dataset_parameters_choose_the_graphs(endpoint) -> None:  # type: ignore[no-untyped-def]
    base, query = endpoint[0], "ASK { ?x <http://www.w3.org/2000/01/rdf-schema#subClassOf> ?y }"
    ontology = urllib.parse.urlencode({"query": query, "default-graph-uri": "https://w3id.org/jjjkg/ontology"})
    data_only = urllib.parse.urlencode({"query": query, "default-graph-uri": "urn:x-jjjkg:nothing"})
    assert json.loads(http(f"{base}/query?{ontology}")[2])["boolean"] is True
    assert json.loads(http(f"{base}/query?{data_only}")[2])["boolean"] is False
    bad = urllib.parse.urlencode({"query": query, "default-graph-uri": "not an iri"})
    assert http(f"{base}/query?{bad}")[0] == 400


def test_post_queries_with_negotiation(endpoint) -> None:  # type: ignore[no-untyped-def]
    form = urllib.parse.urlencode({"query": PROVINCES}).encode()
    status, headers, body = http(f"{endpoint[0]}/query", data=form, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
    assert status == 200 and headers["content-type"].startswith("text/csv") and body.count(b"\n") == 4
    status, headers, body = http(f"{endpoint[0]}/sparql", data=PROVINCES.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert status == 200 and headers["content-type"] == "application/sparql-results+json"
    assert len(json.loads(body)["results"]["bindings"]) == 3 and headers["server"] == "jjjkg"
    status, _, body = http(f"{endpoint[0]}/query", data=b"query=x", headers={"Content-Type": "text/plain"})
    assert status == 415 and b"application/sparql-query" in body


def test_the_catalogue_prefixes_need_no_declaration(endpoint) -> None:  # type: ignore[no-untyped-def]
    status, _, body = sparql_get(endpoint[0], "SELECT (COUNT(*) AS ?n) WHERE { ?p a jjj:Province }")
    assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "3"


@pytest.mark.parametrize("method,path,data,content_type", [
    ("POST", "/update", b"update=" + urllib.parse.quote_plus("INSERT DATA { <urn:a> <urn:b> <urn:c> }").encode(),
     "application/x-www-form-urlencoded"),
    ("POST", "/query", b"update=" + urllib.parse.quote_plus("INSERT DATA { <urn:a> <urn:b> <urn:c> }").encode(),
     "application/x-www-form-urlencoded"),
    ("POST", "/query", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-query"),
    ("POST", "/query", b"DROP ALL", "application/sparql-query"),
])
def test_updates_are_refused(endpoint, method: str, path: str, data: bytes, content_type: str) -> None:  # type: ignore[no-untyped-def]
    status, _, body = http(f"{endpoint[0]}{path}", data=data, headers={"Content-Type": content_type}, method=method)
    assert status in (400, 403) and b"read-only" in body, body
    _, _, answer = sparql_get(endpoint[0], "ASK { <urn:a> <urn:b> <urn:c> }")
    assert json.loads(answer)["boolean"] is False


def test_malformed_query_gets_400_with_a_message(endpoint) -> None:  # type: ignore[no-untyped-def]
    status, _, body = sparql_get(endpoint[0], "SELEC ?x WHERE")
    assert status == 400 and b"error" in body.lower()
    assert http(f"{endpoint[0]}/query")[0] == 400  # no query at all
    twice = urllib.parse.urlencode([("query", "ASK {}"), ("query", "ASK {}")])
    assert http(f"{endpoint[0]}/query?{twice}")[0] == 400


def test_a_timed_out_query_gets_an_error_status_and_others_are_answered_meanwhile(endpoint) -> None:  # type: ignore[no-untyped-def]
    """The 4-way cross product is the shape Oxigraph 0.5 never cancels (oxigraph/oxigraph#1336):
    here its worker is killed at the 2 s deadline."""
    results: dict[str, object] = {}

    def runaway() -> None:
        start = time.monotonic()
        results["runaway"] = sparql_get(endpoint[0], CROSS_4, timeout=60)
        results["elapsed"] = time.monotonic() - start

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    start = time.monotonic()
    status, _, body = sparql_get(endpoint[0], PROVINCES, "text/csv")
    assert status == 200 and body.count(b"\n") == 4 and time.monotonic() - start < 1.5
    thread.join(60)
    status, headers, body = results["runaway"]  # type: ignore[misc]
    assert status == 422 and b"longer than this endpoint's 2 s limit" in body
    assert headers["content-length"] == str(len(body))
    assert results["elapsed"] < 8  # type: ignore[operator]
    assert sparql_get(endpoint[0], PROVINCES, "text/csv")[0] == 200  # a new worker took its place


@pytest.mark.parametrize("query,needle", [
    ("SELECT * WHERE " + "(" * 5000 + ")" * 5000, b"nest deeper than 64"),
    ("SELECT * WHERE " + "{" * 50000 + "}" * 50000, b"at most 100,000"),
    ("SELECT * WHERE { ?s ?p ?o " + "FILTER(" * 70 + "true" + ")" * 70 + "}", b"nest deeper than 64"),
])
def test_deep_nesting_is_refused_and_the_server_lives(endpoint, query: str, needle: bytes) -> None:  # type: ignore[no-untyped-def]
    status, _, body = http(f"{endpoint[0]}/query", data=query.encode(),
                           headers={"Content-Type": "application/sparql-query"})
    assert status == 400 and needle in body, body[:200]
    assert sparql_get(endpoint[0], PROVINCES)[0] == 200


def test_a_large_body_gets_413(endpoint) -> None:  # type: ignore[no-untyped-def]
    port = int(endpoint[0].rsplit(":", 1)[1])
    body = b"x" * (10 * 1024 * 1024)
    answer = raw(port, b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                       b"Connection: close\r\nContent-Length: %d\r\n\r\n" % len(body), body[:1024 * 1024])
    assert answer.startswith(b"HTTP/1.1 413 ")
    chunk = b"%X\r\n%s\r\n" % (1024 * 1024, b"x" * (1024 * 1024))
    answer = raw(port, b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                       b"Connection: close\r\nTransfer-Encoding: chunked\r\n\r\n", chunk * 3)
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert sparql_get(endpoint[0], PROVINCES)[0] == 200


def test_query_page_is_served_locally(endpoint) -> None:  # type: ignore[no-untyped-def]
    status, headers, page = http(f"{endpoint[0]}/")
    assert status == 200 and b"yasgui" in page.lower() and "default-src 'none'" in headers["content-security-policy"]
    assert b"http://" not in page and b"https://" not in page, "the query page must not load from the network"
    for path in ("/yasgui.min.js", "/yasgui.min.css", "/jjjkg-query.js", "/prefixes.json"):
        status, _, body = http(f"{endpoint[0]}{path}")
        assert status == 200 and len(body) > 500, path


def raw(port: int, request: bytes, body: bytes = b"") -> bytes:
    """Send bytes as they are and read the answer until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        try:
            sock.sendall(body)
        except OSError:
            pass  # the server answered and closed before the whole body was sent
        answer = b""
        try:
            while piece := sock.recv(65536):
                answer += piece
        except ConnectionResetError:
            pass
    return answer


def test_only_the_endpoint_paths_are_answered(endpoint) -> None:  # type: ignore[no-untyped-def]
    port = int(endpoint[0].rsplit(":", 1)[1])
    status, headers, _ = http(f"{endpoint[0]}/nothing-here")
    assert status == 404 and headers["server"] == "jjjkg"
    for target in (b"http://127.0.0.1:9/query?query=ASK%7B%7D", b"//example.org/query", b"*", b"/store"):
        answer = raw(port, b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 404 ") or answer.startswith(b"HTTP/1.1 400 "), answer[:100]
    assert http(f"{endpoint[0]}/query", method="PUT", data=b"x")[0] == 405


def test_an_http10_client_gets_the_whole_answer(endpoint) -> None:  # type: ignore[no-untyped-def]
    port = int(endpoint[0].rsplit(":", 1)[1])
    target = "/query?" + urllib.parse.urlencode({"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"})
    _, headers, expected = http(endpoint[0] + target, headers={"Accept": "application/n-triples"})
    assert int(headers["content-length"]) == len(expected) > 150_000
    answer = raw(port, f"GET {target} HTTP/1.0\r\nAccept: application/n-triples\r\n\r\n".encode())
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 ")
    assert sorted(body.splitlines()) == sorted(expected.splitlines())


def descendants(pid: int) -> list[tuple[int, int]]:
    """(pid, depth) of every process below pid, through /proc."""
    found, todo = [], [(pid, 0)]
    while todo:
        parent, depth = todo.pop()
        for task in Path(f"/proc/{parent}/task").iterdir():
            for child in (task / "children").read_text().split():
                found.append((int(child), depth + 1))
                todo.append((int(child), depth + 1))
    return found


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the workers through /proc")
def test_killed_workers_are_replaced_and_ctrl_c_leaves_no_process() -> None:
    base, process = start_serve("--workers", "2", *FIXTURE_ARGS)
    try:
        below = descendants(process.pid)
        workers = [pid for pid, depth in below if depth == 2]  # forkserver → workers
        assert len(workers) == 2, below
        for pid in workers:
            os.kill(pid, signal.SIGKILL)
        time.sleep(1)
        for _ in range(4):
            assert sparql_get(base, PROVINCES, "text/csv")[0] == 200
    finally:
        below = descendants(process.pid) if process.poll() is None else []
        assert stop(process) == 0
    time.sleep(0.5)
    assert not [pid for pid, _ in below if Path(f"/proc/{pid}").exists()
                and "zombie" not in Path(f"/proc/{pid}/status").read_text()], "a worker outlived jjjkg serve"


def test_ctrl_c_stops_cleanly() -> None:
    port = free_port()
    process = start_cli("serve", "--port", str(port), *FIXTURE_ARGS)
    try:
        banner = wait_ready(process)
        assert f"http://127.0.0.1:{port}/" in banner
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        assert b"Traceback" not in process.stderr.read()  # type: ignore[union-attr]
    finally:
        if process.poll() is None:
            process.kill()


def test_sigterm_stops_cleanly() -> None:
    base, process = start_serve(*FIXTURE_ARGS)
    process.terminate()
    assert process.wait(timeout=20) == 0


@pytest.mark.parametrize("args,needle", [
    (["--port", "70000"], "--port"),
    (["--port", "0"], "--port"),
    (["--timeout-s", "nan"], "--timeout-s"),
    (["--timeout-s", "inf"], "--timeout-s"),
    (["--timeout-s", "1e300"], "--timeout-s"),
    (["--timeout-s", "-1"], "--timeout-s"),
    (["--host", "not a host"], "--host"),
    (["--host", "no-such-host.invalid"], "--host"),
    (["--workers", "1000"], "--workers"),
])
def test_serve_rejects_bad_options_before_anything(args: list[str], needle: str) -> None:
    result = run_cli("serve", *args, *FIXTURE_ARGS)
    assert result.returncode == 2 and needle in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == "", "no banner for a refused option"


def test_serve_rejects_a_busy_port() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run_cli("serve", "--port", str(taken.getsockname()[1]), *FIXTURE_ARGS)
    assert result.returncode == 2 and "--port" in result.stderr and "in use" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_serve_store_serves_an_imported_store(tmp_path: Path) -> None:
    tables = ROOT / "tests" / "examples" / "tables"
    result = run_cli("import-csv", str(tables / "relocations.csv"), "--mapping", str(tables / "relocations.yaml"),
                     "--out", str(tmp_path / "out"), *FIXTURE_ARGS)
    assert result.returncode == 0, result.stderr
    base, process = start_serve("--store", str(tmp_path / "out" / "jjjkg.oxigraph"))
    try:
        query = "ASK { ?s <https://w3id.org/jjjkg/ontology#relocatedHeadquartersTo> ?o }"
        assert json.loads(sparql_get(base, query)[2])["boolean"] is True
        assert b"jjjkg-query.js" in http(f"{base}/")[2]
    finally:
        assert stop(process) == 0


def test_serve_refuses_a_corrupted_store(tmp_path: Path) -> None:
    tables = ROOT / "tests" / "examples" / "tables"
    run_cli("import-csv", str(tables / "relocations.csv"), "--mapping", str(tables / "relocations.yaml"),
            "--out", str(tmp_path / "out"), *FIXTURE_ARGS)
    store = tmp_path / "out" / "jjjkg.oxigraph"
    for table in store.glob("*.sst"):
        table.write_bytes(b"not a table")
    result = run_cli("serve", "--store", str(store), "--port", str(free_port()))
    assert result.returncode == 2 and "--store" in result.stderr and result.stdout == "", result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


Listener = LOAD.Listener  # counts every connection made to it


def service_queries(port: int) -> list[str]:
    url = f"http://127.0.0.1:{port}/sparql"
    return [f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
            f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}",
            f"SELECT * WHERE {{ ?x ?y ?z . SERVICE <http\\u003A//127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
            f"ASK {{ {{ SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> {{ ?a ?b ?c }} }} }}"]


def test_service_is_refused_by_serve_and_no_request_leaves(endpoint) -> None:  # type: ignore[no-untyped-def]
    listener = Listener()
    try:
        for query in service_queries(listener.port):
            status, _, body = sparql_get(endpoint[0], query)
            assert status == 400 and b"SERVICE is refused" in body, query
            status, _, body = http(f"{endpoint[0]}/query", data=query.encode(),
                                   headers={"Content-Type": "application/sparql-query"})
            assert status == 400 and b"SERVICE is refused" in body, query
        time.sleep(0.5)
        assert listener.connections == 0
    finally:
        listener.close()


def test_service_is_refused_by_query_and_no_request_leaves() -> None:
    listener = Listener()
    try:
        for query in service_queries(listener.port)[:4]:
            result = run_cli("query", "-e", query, *FIXTURE_ARGS)
            assert result.returncode == 2 and "SERVICE is refused" in result.stderr, result.stderr
            assert len(result.stderr.strip().splitlines()) == 1
        time.sleep(0.5)
        assert listener.connections == 0
    finally:
        listener.close()


def test_no_rust_backtrace_even_when_asked_for() -> None:
    base, process = start_serve("--timeout-s", "1", *FIXTURE_ARGS, env={"RUST_BACKTRACE": "full"})
    try:
        for query in ("SELECT * WHERE " + "(" * 5000 + ")" * 5000, CROSS_4, "SELEC nothing"):
            assert 400 <= http(f"{base}/query", data=query.encode(),
                               headers={"Content-Type": "application/sparql-query"})[0] < 500
    finally:
        assert stop(process) == 0
    stderr = process.stderr.read().decode() if process.stderr else ""
    assert "backtrace" not in stderr and "panicked" not in stderr and "Traceback" not in stderr, stderr


def test_a_client_that_goes_away_frees_its_worker() -> None:
    base, process = start_serve("--workers", "1", "--timeout-s", "30", *FIXTURE_ARGS)
    try:
        port = int(base.rsplit(":", 1)[1])
        target = "/query?" + urllib.parse.urlencode({"query": CROSS_4})
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            time.sleep(1)
        start = time.monotonic()  # the one worker was busy with the cross product until the client left
        status, _, _ = sparql_get(base, PROVINCES, timeout=60)
        assert status == 200 and time.monotonic() - start < 10
    finally:
        assert stop(process) == 0


def test_more_queries_than_the_queue_holds_get_503() -> None:
    base, process = start_serve("--workers", "1", "--queue", "0", "--timeout-s", "3", *FIXTURE_ARGS)
    try:
        busy = threading.Thread(target=sparql_get, args=(base, CROSS_4), kwargs={"timeout": 60})
        busy.start()
        time.sleep(0.5)
        status, headers, body = sparql_get(base, PROVINCES)
        assert status == 503 and headers["retry-after"] == "1" and b"busy" in body
        busy.join(60)
        assert sparql_get(base, PROVINCES)[0] == 200
    finally:
        assert stop(process) == 0


def test_a_client_that_never_finishes_its_headers_is_dropped(endpoint) -> None:  # type: ignore[no-untyped-def]
    """Slowloris: a header line now and then must not hold a connection for ever (10 s limit)."""
    port = int(endpoint[0].rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        start = time.monotonic()
        sock.sendall(b"GET /query HTTP/1.1\r\nHost: x\r\n")
        for _ in range(6):
            time.sleep(2)
            try:
                sock.sendall(b"X-Slow: 1\r\n")
            except OSError:
                break
        assert sock.recv(100) == b"" and time.monotonic() - start < 20
    assert sparql_get(endpoint[0], PROVINCES)[0] == 200
