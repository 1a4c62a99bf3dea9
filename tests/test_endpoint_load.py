"""Issue 14's endpoint test: 8 clients for 30 s on every catalogue query over HTTP, with a SERVICE
query, a 5,000-deep nesting, a 4-way cross product and a 10 MB body mixed in (benchmarks/endpoint_load.py)."""
from __future__ import annotations

from conftest import free_port, load_benchmark


def test_serve_survives_eight_clients_with_hostile_requests_mixed_in() -> None:
    load = load_benchmark("endpoint_load")
    port = free_port()
    listener = load.Listener()
    process = load.start_serve(port, 3, [])
    try:
        report = load.run_load(port, 30, 8, listener)
    finally:
        process.terminate()
        process.wait(30)
        listener.close()
    print("\n".join(report.lines()))
    assert report.catalogue_seconds and set(report.catalogue_statuses) == {200}, report.lines()
    assert set(report.hostile_statuses) == {"SERVICE", "5000-deep", "4-way cross product", "10 MB body"}
    for kind, statuses in report.hostile_statuses.items():
        assert all(400 <= status < 500 for status in statuses), (kind, statuses)
    assert not report.errors, report.errors
    assert report.listener_connections == 0
    assert report.alive_at_end and process.returncode == 0
