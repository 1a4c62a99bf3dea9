"""Upload N-Triples to any store speaking the SPARQL 1.1 Graph Store HTTP Protocol (Oxigraph,
Fuseki, GraphDB, Virtuoso): PUT replaces the target graph, POST appends to it. What is sent (the
curated graph, or an import-csv out folder streamed from disk) comes from `push_body`.

The store URL is the store's Graph Store endpoint (Oxigraph: http://host:7878/store; Fuseki:
http://host:3030/DATASET/data; GraphDB: http://host:7200/repositories/REPO/rdf-graphs/service;
Virtuoso: http://host:8890/sparql-graph-crud-auth, named graphs only).

Login (`--user`, the password in $JJJKG_STORE_PASSWORD) is HTTP Basic or Digest, as the store asks,
with the standard library's handlers. What Virtuoso 7.2 does decided the order: it answers a write
that has no credentials, or Basic ones, with 401 at once and closes the connection without reading
the body (from about 4 MB of body the sender meets a broken pipe); and to Basic credentials its
401 carries no challenge at all, so they cannot be retried as Digest. So with --user, push first
sends a bodiless HEAD without credentials: a Digest challenge is met on the HEAD (a wrong password
fails there, before any data goes), and the upload then carries Digest credentials from its first
byte. Otherwise (a Basic challenge, or none: some stores, such as ClioPatria, never challenge and
expect the header with every call) the upload carries Basic credentials from its first byte; the
password never goes in the clear to a store that asked for Digest. When a store answers before it
has read the body, the answer is read rather than the broken pipe reported (`_EarlyAnswer`).
"""
from __future__ import annotations

import http.client
import re
import ssl
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from .problems import ConfigError
from .push_body import Body

HTML_HEAD = re.compile(r"<head\b.*?</head>", re.IGNORECASE | re.DOTALL)
HTML_TAG = re.compile(r"<[^>]*>")
STALE = re.compile(r"\bstale\s*=\s*\"?true", re.IGNORECASE)  # an old nonce, not a wrong password
ADVICE = {401: "wrong user or password?", 403: "the user may not write to this store"}


@dataclass(frozen=True)
class PushResult:
    url: str
    method: str
    triples: int
    status: int


def _printable(value: str, option: str) -> None:
    """A URL or IRI holds no space and no control character (a header could be forged with one)."""
    bad = next((ch for ch in value if ch.isspace() or not ch.isprintable()), None)
    if bad is not None:
        raise ConfigError(f"{option}: {value[:200]!r} holds U+{ord(bad):04X} (a space or control character); "
                          f"percent-encode it")


def target_url(store: str, graph: str | None) -> str:
    """The Graph Store Protocol URL: ?graph=IRI for a named graph, ?default for the default graph."""
    _printable(store, "--store")
    try:
        parts = urllib.parse.urlsplit(store)
        parts.port  # noqa: B018 (an out-of-range port raises here, not at connect time)
    except ValueError as exc:
        raise ConfigError(f"--store: '{store[:200]}' is not a URL: {exc}") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"--store: '{store[:200]}' is not an http(s) URL")
    if graph is not None:
        _printable(graph, "--graph")
        try:
            scheme = urllib.parse.urlsplit(graph).scheme
        except ValueError:  # a broken [IPv6] part
            scheme = ""
        if not scheme or any(ch in graph for ch in " <>\"{}|\\^`"):
            raise ConfigError(f"--graph: '{graph[:200]}' is not an absolute IRI")
        query = urllib.parse.urlencode({"graph": graph})
    else:
        query = "default"
    joined = f"{parts.query}&{query}" if parts.query else query
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, joined, ""))


class _Closed(Exception):
    """The store closed the connection while the body was being sent."""


class _EarlyAnswer(http.client.HTTPConnection):
    """A connection that, when the store answers and closes before it has read the whole body (Virtuoso
    does for any refusal it can tell from the URL and headers), stops sending and reads that answer
    instead of failing with a broken pipe."""

    def send(self, data: Any) -> None:
        try:
            super().send(data)
        except (BrokenPipeError, ConnectionResetError) as exc:
            raise _Closed from exc

    def endheaders(self, message_body: Any = None, *, encode_chunked: bool = False) -> None:
        try:
            super().endheaders(message_body, encode_chunked=encode_chunked)
        except _Closed:
            pass  # getresponse() reads what the store said, if it said anything


class _EarlyAnswerTLS(_EarlyAnswer, http.client.HTTPSConnection):
    pass


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_EarlyAnswer, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self) -> None:
        self.tls = ssl.create_default_context()
        super().__init__(context=self.tls)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_EarlyAnswerTLS, req, context=self.tls)


class _BasicAuth(urllib.request.HTTPBasicAuthHandler):
    """The standard Basic handler, noting whether the store challenged with Basic."""

    challenged = False

    def retry_http_basic_auth(self, host: str, req: urllib.request.Request, realm: str) -> Any:
        self.challenged = True
        return super().retry_http_basic_auth(host, req, realm)


class _DigestAuth(urllib.request.HTTPDigestAuthHandler):
    """The standard Digest handler; once a challenge is met, later requests carry Digest credentials
    for it from the start (nonce count 2, 3, …), so an upload is not refused before its body is read."""

    challenge: str | None = None

    def http_error_auth_reqed(self, auth_header: str, host: str, req: urllib.request.Request,
                              headers: http.client.HTTPMessage) -> Any:
        if (req.get_header("Authorization") or "").startswith("Digest ") \
                and not STALE.search(headers.get(auth_header) or ""):
            raise urllib.error.HTTPError(req.full_url, 401, "Unauthorized", headers, None)  # once is enough
        return super().http_error_auth_reqed(auth_header, host, req, headers)

    def retry_http_digest_auth(self, req: urllib.request.Request, auth: str) -> Any:
        self.challenge = auth
        return super().retry_http_digest_auth(req, auth)

    def http_request(self, req: urllib.request.Request) -> urllib.request.Request:
        if self.challenge is not None and not req.has_header("Authorization"):
            _, fields = self.challenge.split(" ", 1)
            chal = urllib.request.parse_keqv_list([f for f in urllib.request.parse_http_list(fields) if f])
            credentials = self.get_authorization(req, chal)
            if credentials:
                req.add_unredirected_header("Authorization", f"Digest {credentials}")
        return req

    https_request = http_request


def _opener(url: str, user: str, password: str, timeout_s: float) -> urllib.request.OpenerDirector:
    """Handlers for Basic and Digest, after a bodiless HEAD has found out which the store wants."""
    passwords = urllib.request.HTTPPasswordMgrWithPriorAuth()
    passwords.add_password(None, url, user, password, is_authenticated=False)
    basic, digest = _BasicAuth(passwords), _DigestAuth(passwords)
    opener = urllib.request.build_opener(_HTTPHandler(), _HTTPSHandler(), basic, digest)
    try:
        with opener.open(urllib.request.Request(url, method="HEAD"), timeout=timeout_s):
            pass
    except urllib.error.HTTPError as exc:
        if exc.code == 401 and (basic.challenged or digest.challenge is not None):
            raise _http_error(url, exc) from exc  # credentials sent and refused: no data sent
        exc.close()  # 404, 405, 501...: the store has no HEAD here or no such graph yet; fine
    digest.reset_retry_count()
    if digest.challenge is None:
        passwords.update_authenticated(url, True)  # Basic from the first byte of the upload
    return opener


def push(body: Body, store: str, graph: str | None = None, append: bool = False,
         user: str | None = None, password: str | None = None, timeout_s: float = 300.0) -> PushResult:
    """Send the body (N-Triples); raises ConfigError with a one-line reason on failure."""
    url = target_url(store, graph)
    method = "POST" if append else "PUT"
    request = urllib.request.Request(url, data=body, method=method, headers={
        "Content-Type": "application/n-triples", "Content-Length": str(body.size)})
    try:
        opener = (urllib.request.build_opener(_HTTPHandler(), _HTTPSHandler()) if user is None
                  else _opener(url, user, password or "", timeout_s))
        with opener.open(request, timeout=timeout_s) as response:  # noqa: S310 (http(s) checked)
            status = response.status
    except urllib.error.HTTPError as exc:
        raise _http_error(url, exc, user is None) from exc
    except ValueError as exc:  # the handlers' word for a scheme or algorithm they do not know
        raise ConfigError(f"push to {url}: cannot log in: {exc}") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, (ConnectionResetError, BrokenPipeError)):
            raise ConfigError(f"push to {url}: the store closed the connection without an answer ({reason})") from exc
        raise ConfigError(f"push to {url}: cannot connect ({reason})") from exc
    return PushResult(url, method, body.triples, status)


def _http_error(url: str, exc: urllib.error.HTTPError, anonymous: bool = False) -> ConfigError:
    """One line: the status, a hint for 401/403, and the start of the store's own explanation."""
    try:
        text = exc.read(4000).decode("utf-8", "replace") if exc.fp is not None else ""
    except OSError:
        text = ""
    words = HTML_TAG.sub(" ", HTML_HEAD.sub(" ", text)).split()
    detail = "".join(ch for ch in " ".join(words) if ch.isprintable())[:300]  # no terminal escapes
    advice = "the store wants a login: give --user and $JJJKG_STORE_PASSWORD" \
        if exc.code == 401 and anonymous else ADVICE.get(exc.code, "")
    tail = "".join(f": {part}" for part in (advice, detail) if part)
    try:
        phrase = HTTPStatus(exc.code).phrase
    except ValueError:
        phrase = str(exc.reason)
    return ConfigError(f"push to {url}: HTTP {exc.code} {phrase}{tail}")
