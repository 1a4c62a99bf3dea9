"""The HTTP front of `jjjkg serve`: jjjkg's query page at `/`, everything else passed to Oxigraph.

Why a front at all: the page Oxigraph builds into its binary runs YASGUI with its defaults, which
fetch prefix.cc and Linked Open Vocabularies from the browser (requests off the machine) and know
none of jjjkg's prefixes; `oxigraph serve-read-only` has no option to change its page (0.5 builds
`cli/templates/query.html` into the binary). So the Oxigraph server listens on a private loopback
port, and this small stdlib server (`ThreadingHTTPServer`) on the public address serves three
files of its own, while YASGUI itself still comes from the Oxigraph binary (no copy in jjjkg):

- `/` (`serve_static/index.html`, with a Content-Security-Policy that lets the page connect to
  this server only, so even a YASGUI code path we missed, or a share link naming another endpoint,
  cannot reach another host),
- `/jjjkg-query.js` (`serve_static/`: YASGUI set up with prefix completion from `/prefixes.json`
  and no remote completers, the editor opening on jjjkg's PREFIX lines and a sample query),
- `/prefixes.json` (`namespaces.PREFIX_IRIS`, in the prefix.cc format YASGUI reads).

Every other path Oxigraph serves (`/query`, `/sparql`, `/update`, `/store…`, and YASGUI's own
`/yasgui.min.js`, `/yasgui.min.css`, `/logo.svg` from the binary) is forwarded to the one internal
Oxigraph address and nowhere else: no other path, no absolute URL, so it is no open proxy. The
forwarding streams both ways in 64 KiB pieces (a request body needs a Content-Length and is never
held whole; a response without a length is re-chunked), passes status, reason and headers except
the hop-by-hop ones, and gives up on Oxigraph after `--timeout-s` plus a grace (504) so a thread is
never held forever; a client silent for CLIENT_IDLE_S is dropped. Query time limits themselves stay
Oxigraph's job. Limits on request size and concurrency come with the endpoint hardening (issue 14).
"""
from __future__ import annotations

import http.client
import json
import re
import socket
import socketserver
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .build import ConfigError
from .namespaces import PREFIX_IRIS

STATIC = Path(__file__).resolve().parent / "serve_static"
PIECE = 64 * 1024
CLIENT_IDLE_S = 60.0
UPSTREAM_GRACE_S = 30.0
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                           "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
                           "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
FORWARDED_PATHS = frozenset({"/query", "/sparql", "/update", "/store", "/yasgui.min.js", "/yasgui.min.css",
                             "/logo.svg"})
HOP_BY_HOP = frozenset({"connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
                        "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"})
NOT_FORWARDED = HOP_BY_HOP | {"host", "expect"}  # the front sets Host and answers `Expect: 100-continue`
DIGITS = re.compile(r"[0-9]{1,18}")


def page_files() -> dict[str, tuple[str, bytes]]:
    """The files the front serves itself: path -> (content type, bytes)."""
    return {
        "/": ("text/html; charset=utf-8", (STATIC / "index.html").read_bytes()),
        "/jjjkg-query.js": ("text/javascript; charset=utf-8", (STATIC / "jjjkg-query.js").read_bytes()),
        "/prefixes.json": ("application/json", json.dumps(PREFIX_IRIS, indent=1).encode() + b"\n"),
    }


def is_forwarded(path: str) -> bool:
    return path in FORWARDED_PATHS or path.startswith("/store/")


class FrontServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_port = False  # never share the port with another server

    def __init__(self, address: tuple[str, int], family: int, upstream: tuple[str, int],
                 upstream_timeout_s: float) -> None:
        self.address_family = family
        self.upstream = upstream
        self.upstream_timeout_s = upstream_timeout_s
        self.files = page_files()
        super().__init__(address, FrontHandler)

    def server_bind(self) -> None:
        """Bind without HTTPServer's reverse DNS lookup of the host (slow or hanging offline)."""
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = str(self.server_address[0]), int(self.server_address[1])

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that went away is normal; anything else is one line on stderr, no traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, (ConnectionError, TimeoutError)):
            print(f"jjjkg serve: {client_address}: {error.__class__.__name__}: {error}", file=sys.stderr)


class FrontHandler(BaseHTTPRequestHandler):
    server: FrontServer
    protocol_version = "HTTP/1.1"
    server_version = "jjjkg"
    timeout = CLIENT_IDLE_S

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        """Quiet, as the Oxigraph server is: no line per request."""

    def do_GET(self) -> None:
        self.handle_one()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_QUERY = do_OPTIONS = do_GET  # what Oxigraph answers

    def handle_one(self) -> None:
        path = self.path.split("?", 1)[0]
        if path in self.server.files:
            if self.command not in ("GET", "HEAD"):
                self.reply(405, f"{path} only answers GET and HEAD", {"Allow": "GET, HEAD"})
            else:
                self.send_own(*self.server.files[path], html=path == "/")
        elif is_forwarded(path):
            self.forward()
        else:
            self.reply(404, f"no such page: {path[:200]} (the SPARQL endpoint is /query)")

    def send_own(self, content_type: str, body: bytes, html: bool) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        if html:
            self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def reply(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        """A one-line plain-text answer of the front itself; the connection closes if a request
        body may be left unread."""
        body = (message + "\n").encode()
        if "Content-Length" in self.headers or "Transfer-Encoding" in self.headers:
            self.close_connection = True
        self.send_response(status)
        for name, value in {"Content-Type": "text/plain; charset=utf-8", "Content-Length": str(len(body)),
                            "X-Content-Type-Options": "nosniff", **(headers or {})}.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def forward(self) -> None:
        """Send this request to Oxigraph and stream its answer back."""
        if "Transfer-Encoding" in self.headers:
            return self.reply(411, "send the request body with a Content-Length (no chunked upload)")
        length_header = self.headers.get("Content-Length", "0").strip()
        if not DIGITS.fullmatch(length_header):
            return self.reply(400, "Content-Length is not a number")
        host, port = self.server.upstream
        upstream = http.client.HTTPConnection(host, port, timeout=self.server.upstream_timeout_s)
        try:
            try:
                self.send_request_to(upstream, int(length_header))
                response = upstream.getresponse()
            except ValueError as exc:  # http.client refuses the path or a header value
                return self.reply(400, f"bad request: {exc}")
            except TimeoutError:
                return self.reply(504, f"the query server did not answer within "
                                       f"{self.server.upstream_timeout_s:g} s")
            except OSError as exc:
                if isinstance(exc, _ClientGone):
                    raise
                return self.reply(502, f"the query server is not answering ({exc.__class__.__name__})")
            self.stream_back(response)
        finally:
            upstream.close()

    def send_request_to(self, upstream: http.client.HTTPConnection, length: int) -> None:
        connection_tokens = {token.strip().lower() for token in self.headers.get("Connection", "").split(",")}
        upstream.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
        upstream.putheader("Host", f"{upstream.host}:{upstream.port}")
        for name, value in self.headers.items():
            lowered = name.lower()
            if lowered not in NOT_FORWARDED and lowered not in connection_tokens:
                upstream.putheader(name, value)
        upstream.endheaders()
        remaining = length
        while remaining:
            try:
                piece = self.rfile.read(min(remaining, PIECE))
            except OSError as exc:
                raise _ClientGone(str(exc)) from exc
            if not piece:
                raise _ClientGone("the client closed before sending its whole body")
            upstream.send(piece)
            remaining -= len(piece)

    def stream_back(self, response: http.client.HTTPResponse) -> None:
        status = response.status
        bodiless = self.command == "HEAD" or status in (204, 304) or status < 200
        length = response.getheader("Content-Length")
        chunked = not bodiless and length is None and self.request_version == "HTTP/1.1"
        if not bodiless and length is None and not chunked:
            self.close_connection = True  # HTTP/1.0 client: the end of the body is the close
        self.send_response_only(status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in HOP_BY_HOP:
                self.send_header(name, value)
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if bodiless:
            return
        try:
            while piece := response.read1(PIECE):
                self.wfile.write(b"%X\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
        except (OSError, http.client.HTTPException):
            self.close_connection = True  # cut short: the client must not take it as complete
            return
        if chunked:
            self.wfile.write(b"0\r\n\r\n")


class _ClientGone(ConnectionError):
    """The client stopped sending its request body."""


def open_front(host: str, port: int, upstream: tuple[str, int], upstream_timeout_s: float) -> FrontServer:
    """Bind the public address (a busy port is a clear error before Oxigraph starts); connections
    wait in the listen queue until `serve_forever`. upstream_timeout_s is the query time limit."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except (socket.gaierror, UnicodeError) as exc:
        raise ConfigError(f"--host: cannot resolve {host!r}: {exc}") from None
    try:
        return FrontServer((host, port), family, upstream, upstream_timeout_s + UPSTREAM_GRACE_S)
    except OSError as exc:
        raise ConfigError(f"--port: cannot listen on {host}:{port}: {exc.strerror or exc}") from None
