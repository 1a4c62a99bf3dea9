"""Upload the built graph to any store speaking the SPARQL 1.1 Graph Store HTTP Protocol
(Oxigraph, Fuseki, GraphDB, Virtuoso): PUT replaces the target graph, POST appends to it.

The store URL is the store's Graph Store endpoint (Oxigraph: http://host:7878/store; Fuseki:
http://host:3030/DATASET/data; GraphDB: http://host:7200/repositories/REPO/rdf-graphs/service).
"""
from __future__ import annotations

import base64
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pyoxigraph as ox

from .build import Built, ConfigError
from .oxigraph import to_store


@dataclass(frozen=True)
class PushResult:
    url: str
    method: str
    triples: int
    status: int


def target_url(store: str, graph: str | None) -> str:
    """The Graph Store Protocol URL: ?graph=IRI for a named graph, ?default for the default graph."""
    parts = urllib.parse.urlsplit(store)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"--store: '{store}' is not an http(s) URL")
    if graph is not None:
        graph_parts = urllib.parse.urlsplit(graph)
        if not graph_parts.scheme or any(ch in graph for ch in " <>\"{}|\\^`"):
            raise ConfigError(f"--graph: '{graph}' is not an absolute IRI")
        query = urllib.parse.urlencode({"graph": graph})
    else:
        query = "default"
    joined = f"{parts.query}&{query}" if parts.query else query
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, joined, ""))


def push(built: Built, store: str, graph: str | None = None, append: bool = False,
         user: str | None = None, password: str | None = None, timeout_s: float = 300.0) -> PushResult:
    """Send the data graph as N-Triples; raises ConfigError with a one-line reason on failure."""
    url = target_url(store, graph)
    body = to_store(built.graph).dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b""
    method = "POST" if append else "PUT"
    request = urllib.request.Request(url, data=body, method=method,
                                     headers={"Content-Type": "application/n-triples"})
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode("utf-8")).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310 (http(s) checked)
            status = response.status
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read(300).decode("utf-8", "replace").split())
        raise ConfigError(f"push to {url}: HTTP {exc.code} {exc.reason}{': ' + detail if detail else ''}") from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise ConfigError(f"push to {url}: cannot connect ({reason})") from exc
    return PushResult(url, method, len(built.graph), status)
