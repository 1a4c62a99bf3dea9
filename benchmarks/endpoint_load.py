"""Load on `jjjkg serve`: clients running every catalogue query over HTTP, hostile requests mixed in.

    python benchmarks/endpoint_load.py [--seconds 30] [--clients 8] [--timeout-s 3]
    python benchmarks/endpoint_load.py --floor [--rounds 3] [--seconds 30]

starts `jjjkg serve` on the curated seeds, and for --seconds runs --clients threads, each sending the
catalogue queries (every non-check query, unparametrised, GET with keep-alive) in turn; every fifth
request of client 0 is instead one of four hostile requests: a SERVICE query aimed at a listener this
script runs, 5,000 nested parentheses, a 4-way cross product (never cancelled by Oxigraph itself) and
a 10 MB body. It prints requests, p50 and p99 per kind, the statuses seen, the connections the
listener received (must be 0), whether the server still answers, and the load average.
tests/test_endpoint_load.py runs `run_load` and asserts on its report.

--floor compares throughput with its floor: the catalogue queries alone (no hostile requests, which
would crash the floor) against `jjjkg serve` and against the bare Oxigraph server (`oxigraph
serve-read-only`, test extras) on the same store, rounds interleaved, medians printed.
"""
from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.query import load_catalogue  # noqa: E402

CROSS_4 = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@dataclass
class LoadReport:
    catalogue_statuses: Counter[int] = field(default_factory=Counter)
    catalogue_seconds: list[float] = field(default_factory=list)
    hostile_statuses: dict[str, Counter[int]] = field(default_factory=dict)
    hostile_seconds: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)  # connection-level failures
    listener_connections: int = 0
    alive_at_end: bool = False

    def lines(self) -> list[str]:
        def quantiles(values: list[float]) -> str:
            if len(values) < 2:
                return "n/a"
            cuts = statistics.quantiles(values, n=100)
            return f"p50 {cuts[49] * 1000:.0f} ms, p99 {cuts[98] * 1000:.0f} ms"
        out = [f"catalogue queries: {len(self.catalogue_seconds)} requests, {quantiles(self.catalogue_seconds)}, "
               f"statuses {dict(sorted(self.catalogue_statuses.items()))}"]
        for kind, statuses in sorted(self.hostile_statuses.items()):
            out.append(f"hostile {kind}: statuses {dict(sorted(statuses.items()))}")
        out.append(f"hostile requests: {len(self.hostile_seconds)}, {quantiles(self.hostile_seconds)}")
        out.append(f"connection errors: {dict(self.errors) or 'none'}")
        out.append(f"connections received by the listener: {self.listener_connections}")
        out.append(f"server answering at the end: {self.alive_at_end}")
        return out


class Listener:
    """Counts every TCP connection made to it (a SERVICE request would be one)."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.port = int(self.sock.getsockname()[1])
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while self.running:
            try:
                connection, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self.running = False
        self.thread.join(2)
        self.sock.close()


def hostile_requests(listener_port: int) -> list[tuple[str, str, str, bytes]]:
    """(kind, method, path, body) of the four hostile requests."""
    service = f"SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{listener_port}/sparql> {{ ?s ?p ?o }} }}"
    deep = "SELECT * WHERE " + "(" * 5000 + ")" * 5000
    return [("SERVICE", "GET", "/query?" + urllib.parse.urlencode({"query": service}), b""),
            ("5000-deep", "POST", "/query", deep.encode()),
            ("4-way cross product", "GET", "/query?" + urllib.parse.urlencode({"query": CROSS_4}), b""),
            ("10 MB body", "POST", "/query", b"ASK {}" + b" " * (10 * 1024 * 1024))]


def _send(connection: http.client.HTTPConnection, method: str, path: str, body: bytes) -> int:
    headers = {"Accept": "application/sparql-results+json"}
    if method == "POST":
        headers["Content-Type"] = "application/sparql-query"
    connection.request(method, path, body=body or None, headers=headers)
    response = connection.getresponse()
    response.read()
    if response.getheader("Connection", "").lower() == "close":
        connection.close()
    return response.status


def run_load(port: int, seconds: float, clients: int, listener: Listener, hostile_mixed_in: bool = True) -> LoadReport:
    report = LoadReport()
    lock = threading.Lock()
    paths = ["/query?" + urllib.parse.urlencode({"query": q.text}) for q in load_catalogue().values() if not q.is_check]
    hostile = hostile_requests(listener.port)
    stop_at = time.monotonic() + seconds

    def client(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        sent = 0
        while time.monotonic() < stop_at:
            is_hostile = hostile_mixed_in and number == 0 and sent % 5 == 4
            kind, method, path, body = (hostile[(sent // 5) % len(hostile)] if is_hostile
                                        else ("catalogue", "GET", paths[(sent + number) % len(paths)], b""))
            sent += 1
            start = time.monotonic()
            try:
                status = _send(connection, method, path, body)
            except (OSError, http.client.HTTPException) as exc:
                connection.close()
                with lock:
                    report.errors[f"{kind}: {exc.__class__.__name__}"] += 1
                continue
            elapsed = time.monotonic() - start
            with lock:
                if is_hostile:
                    report.hostile_statuses.setdefault(kind, Counter())[status] += 1
                    report.hostile_seconds.append(elapsed)
                else:
                    report.catalogue_statuses[status] += 1
                    report.catalogue_seconds.append(elapsed)
        connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    time.sleep(0.5)
    report.listener_connections = listener.connections
    try:
        check = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        report.alive_at_end = _send(check, "GET", "/query?" + urllib.parse.urlencode({"query": "ASK {}"}), b"") == 200
    except OSError:
        report.alive_at_end = False
    return report


def start_serve(port: int, timeout_s: float, extra: list[str]) -> subprocess.Popen[bytes]:
    """`jjjkg serve` in a child process; returns once its banner says it answers."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JJJKG_")}
    process = subprocess.Popen([sys.executable, "-m", "graph", "serve", "--port", str(port), "--timeout-s",
                                f"{timeout_s:g}", *extra], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    banner = process.stdout.readline().decode()
    if "serving" not in banner:
        process.kill()
        raise RuntimeError(f"jjjkg serve did not start: {process.stderr.read().decode() if process.stderr else ''}")
    return process


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_oxigraph(port: int, location: Path, timeout_s: float) -> subprocess.Popen[bytes]:
    """The bare Oxigraph server on the store at location; returns once it answers."""
    binary = Path(sys.executable).parent / "oxigraph"
    process = subprocess.Popen([str(binary), "serve-read-only", "--location", str(location), "--bind",
                                f"127.0.0.1:{port}", "--union-default-graph", "--timeout-s", f"{timeout_s:g}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the Oxigraph server did not start")


def floor(rounds: int, seconds: float, clients: int, timeout_s: float) -> None:
    import tempfile

    import graph
    from graph.serve import write_store

    listener = Listener()
    figures: dict[str, list[tuple[float, float, float]]] = {"jjjkg serve": [], "oxigraph serve-read-only": []}
    with tempfile.TemporaryDirectory() as tmp:
        location = write_store(graph.load(), Path(tmp) / "store")
        for _ in range(rounds):
            for name in figures:
                port = free_port()
                process = (start_serve(port, timeout_s, []) if name == "jjjkg serve"
                           else start_oxigraph(port, location, timeout_s))
                try:
                    report = run_load(port, seconds, clients, listener, hostile_mixed_in=False)
                finally:
                    process.terminate()
                    process.wait(30)
                cuts = statistics.quantiles(report.catalogue_seconds, n=100)
                assert set(report.catalogue_statuses) == {200}, (name, report.catalogue_statuses)
                figures[name].append((len(report.catalogue_seconds) / seconds, cuts[49], cuts[98]))
    listener.close()
    print(f"catalogue queries only, {clients} clients, {rounds} interleaved rounds of {seconds:g} s, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"  {'server':<28}{'requests/s':>12}{'p50 ms':>9}{'p99 ms':>9}   (medians)")
    for name, runs in figures.items():
        rate, p50, p99 = (statistics.median(column) for column in zip(*runs))
        print(f"  {name:<28}{rate:>12.1f}{p50 * 1000:>9.0f}{p99 * 1000:>9.0f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--timeout-s", type=float, default=3)
    parser.add_argument("--floor", action="store_true", help="compare with the bare Oxigraph server")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.floor:
        floor(args.rounds, args.seconds, args.clients, args.timeout_s)
        return 0
    port = free_port()
    listener = Listener()
    process = start_serve(port, args.timeout_s, [])
    try:
        report = run_load(port, args.seconds, args.clients, listener)
    finally:
        process.terminate()
        process.wait(30)
        listener.close()
    print(f"jjjkg serve, {args.clients} clients for {args.seconds:g} s, query timeout {args.timeout_s:g} s, "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for line in report.lines():
        print("  " + line)
    print(f"  serve exit code after SIGTERM: {process.returncode}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
