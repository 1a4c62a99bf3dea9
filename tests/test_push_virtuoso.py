"""`jjjkg push` with logins (HTTP Digest and Basic) and `--from` an import-csv out folder: against a
real Virtuoso (Debian's virtuoso-t, its own database in a temporary folder, on free ports of
127.0.0.1), and against small stub servers that check what each request carries."""
from __future__ import annotations

import base64
import hashlib
import http.server as http_server
import json
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import (CURATED_REFERENCE, CURATED_TEXTS, EXAMPLES, ROOT, free_port, query_fixture_args, run_cli,
                      stub_server)
from graph import push_body
from graph.push_body import FileBody, count_triples

sys.path.insert(0, str(ROOT / "tools"))
import virtuoso_sandbox as sandbox  # noqa: E402  (the README's instructions)

HEBEI = "https://w3id.org/jjjkg/id/hebei"
TABLES = EXAMPLES / "tables"
CURATED_ARGS = ["--seeds", str(ROOT / "seeds"), "--sources-dir", str(CURATED_TEXTS),
                "--reference-dir", str(CURATED_REFERENCE)]


# ----------------------------------------------------------------------------------- Virtuoso

@dataclass(frozen=True)
class Virtuoso:
    base: str  # http://127.0.0.1:PORT
    user: str  # may write: has the SPARQL_UPDATE role
    password: str
    reader: str  # may log in, may not write

    @property
    def crud(self) -> str:
        return f"{self.base}/sparql-graph-crud-auth"

    def select(self, query: str) -> list[dict[str, dict[str, str]]]:
        url = f"{self.base}/sparql?{urllib.parse.urlencode({'query': query})}"
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read())["results"]["bindings"]  # type: ignore[no-any-return]

    def count(self, graph: str) -> int:
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
        return int(rows[0]["n"]["value"])


@pytest.fixture(scope="module")
def virtuoso() -> Iterator[Virtuoso]:
    """One Virtuoso for the module, set up exactly as the README says (tools/virtuoso_sandbox.py),
    on free ports, with a writer and a user who may only log in."""
    if shutil.which("virtuoso-t") is None or shutil.which("isql-vt") is None:
        pytest.skip("virtuoso-t is not installed (Debian: apt-get install virtuoso-opensource; .ci/run does)")
    folder = Path(tempfile.mkdtemp(prefix="jjjkg-virtuoso-"))
    process: subprocess.Popen[bytes] | None = None
    try:
        sql_port, http_port = free_port(), free_port()
        process = sandbox.start(folder, http_port, sql_port)
        sandbox.wait_until_ready(process, folder, http_port)
        password = secrets.token_urlsafe(12)
        sandbox.add_user(sql_port, "jjjkg", password)
        sandbox.add_user(sql_port, "reader", password, may_write=False)
        yield Virtuoso(f"http://127.0.0.1:{http_port}", "jjjkg", password, "reader")
    finally:
        if process is not None:
            sandbox.stop(folder, process)
        shutil.rmtree(folder, ignore_errors=True)


def push(virtuoso: Virtuoso, graph: str, *extra: str, user: str | None = None,
         password: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {"JJJKG_STORE_PASSWORD": password if password is not None else virtuoso.password}
    return run_cli("push", "--store", virtuoso.crud, "--graph", graph, "--user", user or virtuoso.user,
                   *extra, env=env)


def sent(stdout: str) -> int:
    return int(stdout.split("sent ", 1)[1].split(" triples", 1)[0])


def test_curated_graph_round_trips_through_virtuoso(virtuoso: Virtuoso, curated) -> None:  # type: ignore[no-untyped-def]
    graph = "https://w3id.org/jjjkg/graph/curated"
    result = push(virtuoso, graph)  # the default (shipped) seeds
    assert result.returncode == 0, result.stderr
    assert sent(result.stdout) == len(curated.graph) == virtuoso.count(graph)
    rows = virtuoso.select(f'SELECT ?p WHERE {{ GRAPH <{graph}> {{ <{HEBEI}> ?p "河北省"@zh }} }}')
    assert rows, "the zh label 河北省 did not come back intact"
    again = push(virtuoso, graph, "--append")
    assert again.returncode == 0 and virtuoso.count(graph) == len(curated.graph)  # the same triples: a set


@pytest.fixture(scope="module")
def large_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An out folder with 8 MB of N-Triples: Virtuoso refuses an upload without credentials at once and
    closes the connection, and from about 4 MB on the sender then meets a broken pipe."""
    out = tmp_path_factory.mktemp("large") / "out"
    out.mkdir()
    with open(out / "jjjkg.nt", "w", encoding="utf-8") as nt:
        for i in range(60_000):
            nt.write(f'<https://example.org/s{i}> <https://example.org/p> "河北 {i} {"x" * 80}"@zh .\n')
    assert (out / "jjjkg.nt").stat().st_size > 8_000_000
    return out


def test_large_upload_with_digest_is_sent_once(virtuoso: Virtuoso, large_out: Path) -> None:
    """The Digest login is settled (on a bodiless HEAD) before the body goes, so the body goes once."""
    result = push(virtuoso, "urn:jjjkg:test:large", "--from", str(large_out))
    assert result.returncode == 0, result.stderr
    assert sent(result.stdout) == 60_000 == virtuoso.count("urn:jjjkg:test:large")


def test_import_folder_round_trips_through_virtuoso(virtuoso: Virtuoso, tmp_path: Path) -> None:
    out = tmp_path / "out"
    imported = run_cli("import-csv", str(TABLES / "relocations.csv"), "--mapping", str(TABLES / "relocations.yaml"),
                       "--out", str(out), *CURATED_ARGS)
    assert imported.returncode == 0, imported.stderr
    in_file = sum(1 for _ in ox.parse(path=out / "jjjkg.nt", format=ox.RdfFormat.N_TRIPLES))
    result = push(virtuoso, "urn:jjjkg:test:import-nt", "--from", str(out))
    assert result.returncode == 0, result.stderr
    assert sent(result.stdout) == in_file == virtuoso.count("urn:jjjkg:test:import-nt")
    assert f"from {out / 'jjjkg.nt'}" in result.stdout
    store_only = tmp_path / "store-only"  # no jjjkg.nt: the store's default graph is sent
    shutil.copytree(out / "jjjkg.oxigraph", store_only / "jjjkg.oxigraph")
    result = push(virtuoso, "urn:jjjkg:test:import-store", "--from", str(store_only))
    assert result.returncode == 0, result.stderr
    assert sent(result.stdout) == in_file == virtuoso.count("urn:jjjkg:test:import-store")
    assert "(default graph)" in result.stdout


@pytest.mark.parametrize("case,needle", [
    ("wrong password", "HTTP 401 Unauthorized: wrong user or password?"),
    ("no write grant", "HTTP 403 Forbidden: the user may not write to this store"),
    ("no login", "HTTP 401 Unauthorized: the store wants a login"),
    ("default graph", "not configured to have default graph"),
])
def test_virtuoso_refusals_are_one_line(virtuoso: Virtuoso, large_out: Path, case: str, needle: str) -> None:
    """Its own words, even where Virtuoso answers before it has read the body and closes the connection."""
    graph = f"urn:jjjkg:test:{case.replace(' ', '-')}"
    large = ["--from", str(large_out)]
    if case == "wrong password":
        result = push(virtuoso, graph, *large, password="not-" + virtuoso.password)
    elif case == "no write grant":
        result = push(virtuoso, graph, *large, user=virtuoso.reader)
    elif case == "no login":
        result = run_cli("push", "--store", virtuoso.crud, "--graph", graph, *large)
    else:
        result = run_cli("push", "--store", virtuoso.crud, "--user", virtuoso.user, *large,
                         env={"JJJKG_STORE_PASSWORD": virtuoso.password})
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and needle in lines[0], result.stderr
    assert virtuoso.count(graph) == 0


# --------------------------------------------------------------- stub stores: what each request carries

REALM, NONCE = "stub", "6e6f6e6365"


def _digest_ok(header: str, method: str, user: str, password: str) -> bool:
    fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(header.split(" ", 1)[1]))

    def md5(text: str) -> str:
        return hashlib.md5(text.encode()).hexdigest()  # noqa: S324 (the Digest scheme's MD5)

    expected = md5(":".join([md5(f"{user}:{REALM}:{password}"), fields["nonce"], fields["nc"], fields["cnonce"],
                             "auth", md5(f"{method}:{fields['uri']}")]))
    return fields.get("username") == user and fields.get("response") == expected


@pytest.fixture
def stub() -> Iterator[tuple[str, list[tuple[str, str, int]], dict[str, str]]]:
    """A store answering as `mode` says ("digest", "basic" or "none": never challenges, has no HEAD);
    records (method, Authorization scheme, body bytes read) of every request."""
    seen: list[tuple[str, str, int]] = []
    mode = {"mode": "none", "user": "ana", "password": "s3cret"}

    class Handler(http_server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(length) if length else b""
            auth = self.headers.get("Authorization", "")
            seen.append((self.command, auth.split(" ", 1)[0], len(body)))
            if mode["mode"] == "none":
                if self.command == "HEAD":
                    self.send_error(501)
                    return
                ok = True
            elif mode["mode"] == "digest":
                ok = auth.startswith("Digest ") and _digest_ok(auth, self.command, mode["user"], mode["password"])
            else:
                token = mode["user"] + ":" + mode["password"]
                ok = auth == "Basic " + base64.b64encode(token.encode()).decode()
            if not ok:
                self.send_response(401)
                self.send_header("WWW-Authenticate", f'Digest realm="{REALM}", nonce="{NONCE}", qop="auth", '
                                 'algorithm="MD5", opaque="x"' if mode["mode"] == "digest"
                                 else f'Basic realm="{REALM}"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200 if self.command == "HEAD" else 204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_PUT = do_POST = do_HEAD = _answer

        def log_message(self, *args: object) -> None:
            pass

    with stub_server(Handler) as port:
        yield f"http://127.0.0.1:{port}/data", seen, mode


def stub_push(url: str, password: str = "s3cret") -> subprocess.CompletedProcess[str]:
    return run_cli("push", "--store", url, "--user", "ana", *query_fixture_args(),
                   env={"JJJKG_STORE_PASSWORD": password})


def test_digest_store_never_sees_basic_and_gets_the_body_once(stub) -> None:  # type: ignore[no-untyped-def]
    url, seen, mode = stub
    mode["mode"] = "digest"
    result = stub_push(url)
    assert result.returncode == 0, result.stderr
    assert [(method, scheme) for method, scheme, _ in seen] == [("HEAD", ""), ("HEAD", "Digest"), ("PUT", "Digest")]
    assert seen[-1][2] > 0


def test_basic_challenge_is_met_and_the_upload_carries_basic(stub) -> None:  # type: ignore[no-untyped-def]
    url, seen, mode = stub
    mode["mode"] = "basic"
    result = stub_push(url)
    assert result.returncode == 0, result.stderr
    assert [(method, scheme) for method, scheme, _ in seen] == [("HEAD", ""), ("HEAD", "Basic"), ("PUT", "Basic")]


def test_store_that_never_challenges_gets_basic_with_the_upload(stub) -> None:  # type: ignore[no-untyped-def]
    """What tests/test_push.py::test_push_sends_basic_auth_and_the_method expects, plus the HEAD
    that asks first, which carries no password."""
    url, seen, _ = stub
    result = stub_push(url)
    assert result.returncode == 0, result.stderr
    assert [(method, scheme) for method, scheme, _ in seen] == [("HEAD", ""), ("PUT", "Basic")]


@pytest.mark.parametrize("mode_name", ["digest", "basic"])
def test_wrong_password_fails_before_the_data_is_sent(stub, mode_name: str) -> None:  # type: ignore[no-untyped-def]
    url, seen, mode = stub
    mode["mode"] = mode_name
    result = stub_push(url, password="wrong")
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1, result.stderr
    assert lines[0].endswith(f"push to {url}?default: HTTP 401 Unauthorized: wrong user or password?")
    assert all(method == "HEAD" for method, _, _ in seen)


# ------------------------------------------------------------------------------ --from and counting

def test_from_folder_errors_are_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for argv, needle in ((["--from", str(tmp_path / "empty")], "holds neither jjjkg.nt nor jjjkg.oxigraph/"),
                         (["--from", str(tmp_path / "missing")], "is not a folder"),
                         (["--from", str(tmp_path / "empty"), "--seeds", str(ROOT / "seeds")], "give no --seeds")):
        result = run_cli("push", "--store", "http://127.0.0.1:9/store", *argv)
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 2 and len(lines) == 1 and "--from" in lines[0] and needle in lines[0], \
            result.stderr


DOC = ('<urn:a> <urn:b> "x # not a comment" .\n'
       "# a comment line\n"
       "\n"
       '   <urn:a#frag> <urn:b> "河北省"@zh .   # a triple and a comment\r\n'
       "\t\n"
       "  # indented comment\r"
       "<urn:a> <urn:b> <urn:c> .\n\n\n"
       "<urn:a> <urn:b> <urn:d> .").encode()


def triples_in_pieces(pieces: list[bytes]) -> int:
    total, line_open = 0, False
    for piece in pieces:
        triples, line_open = count_triples(piece, line_open)
        total += triples
    return total


def test_triples_are_counted_wherever_the_blocks_cut() -> None:
    expected = sum(1 for _ in ox.parse(DOC, format=ox.RdfFormat.N_TRIPLES))
    assert expected == 4 and triples_in_pieces([DOC]) == expected
    for cut in range(1, len(DOC)):
        assert triples_in_pieces([DOC[:cut], DOC[cut:]]) == expected, cut
    rng = random.Random(0)
    for _ in range(2000):
        cuts = sorted(rng.sample(range(1, len(DOC)), 4))
        pieces = [DOC[a:b] for a, b in zip([0, *cuts], [*cuts, len(DOC)])]
        assert triples_in_pieces(pieces) == expected, cuts
    plain = b"<urn:a> <urn:b> <urn:c> .\n" * 5
    assert triples_in_pieces([plain[:30], plain[30:]]) == 5


def test_file_body_streams_in_blocks_and_can_be_sent_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "jjjkg.nt"
    path.write_bytes(DOC)
    monkeypatch.setattr(push_body, "BLOCK", 7)
    body = FileBody(path, "test")
    for _ in range(2):  # a login challenge sends it again
        blocks = list(body)
        assert b"".join(blocks) == DOC and max(map(len, blocks)) == 7 and body.triples == 4
    assert body.size == len(DOC)
