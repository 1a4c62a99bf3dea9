"""The analysis commands (`jjjkg flows`, `jjjkg hubs`): each calls one function of graph/analysis and
prints its rows as a table, CSV or JSON."""
from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import sys

from typing import TYPE_CHECKING

from .build import ConfigError
from .cli_common import built_of, refuse_as_of_with
from .textable import render_table

if TYPE_CHECKING:
    import networkx as nx
    import pyoxigraph as ox

    from .model import Source
    from .schema import Schema


def open_store(args: argparse.Namespace) -> tuple[ox.Store, Schema]:
    """The --store folder, opened read-only, and the schema; --as-of is refused with it."""
    from .query import Engine
    from .schema import load_schema

    refuse_as_of_with(args, "--store", args.store)
    return Engine.open(args.store).store, load_schema()


def store_graph(args: argparse.Namespace) -> tuple[nx.MultiDiGraph, dict[str, Source], Schema, ox.Store]:
    """The network and the sources of the --store folder (graph/analysis/store_network.py)."""
    from .analysis.store_network import store_network, store_sources

    store, schema = open_store(args)
    return store_network(store, schema), store_sources(store), schema, store


def _width(wide: bool) -> int | None:
    """The terminal's width for tables to fit, or None (full cells) with --wide or when piped."""
    return None if wide or not sys.stdout.isatty() else shutil.get_terminal_size().columns


def _print(fmt: str, headers: list[str], rows: list[list[object]], records: object, wide: bool) -> None:
    if fmt == "json":
        print(json.dumps(records, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(headers)
        writer.writerows(rows)
        sys.stdout.write(out.getvalue())
    else:
        numeric = [h in ("count", "rank", "degree", "facts", "betweenness") for h in headers]
        print(render_table(headers, rows, numeric, _width(wide)))


def _count(option: str, value: int, lowest: int) -> int:
    if value < lowest:
        raise ConfigError(f"{option}: give a number of at least {lowest}, not {value}")
    return value


def _place(engine: object, option: str, value: str | None) -> str | None:
    """The entity id a --from / --to value names (id, label or alias), or a ConfigError naming the option."""
    if value is None:
        return None
    from .namespaces import ENT

    index = engine.names(str(ENT))  # type: ignore[attr-defined]
    found = index.find(value)
    if found.id is None:
        raise ConfigError(f"{option}: {index.explain(value, found, 'entity')}")
    return str(found.id)


def cmd_flows(args: argparse.Namespace) -> int:
    from .analysis.flows import curated_store, flow_matrix, flow_records, flow_rows
    from .query import Engine

    _count("--examples", args.examples, 0)
    if args.store:
        store, schema = open_store(args)
        engine = Engine(None, store)
    else:
        built = built_of(args)
        engine, schema = Engine(built, curated_store(built)), built.schema
    origin, destination = _place(engine, "--from", args.origin), _place(engine, "--to", args.destination)
    matrix = flow_matrix(engine.store, schema, args.level, args.by, args.examples, origin, destination)
    headers, rows = flow_rows(matrix, args.lang)
    if args.format == "csv":
        headers, rows = _with_ids(headers, rows, matrix)
    _print(args.format, headers, rows, flow_records(matrix, args.lang), args.wide)
    return 0


def _with_ids(headers: list[str], rows: list[list[object]], matrix: object) -> tuple[list[str], list[list[object]]]:
    """CSV rows carry the cell's columns on every line, so each line stands alone."""
    filled: list[list[object]] = []
    last: list[object] = []
    for row in rows:
        last = row[:5] if row[0] != "" else last
        filled.append([*last, *row[5:]])
    return headers, filled


def cmd_hubs(args: argparse.Namespace) -> int:
    from .analysis.hubs import SAMPLE_SEED, betweenness_sample, hub_records, hub_rows, rank_network_hubs

    _count("--top", args.top, 1)
    _count("--facts", args.facts, 0)
    if args.store:
        network, sources, schema, _ = store_graph(args)
    else:
        built = built_of(args)
        network, sources, schema = built.network, built.seeds.sources, built.schema
    hubs = rank_network_hubs(network, schema, sources, args.top, args.kind, args.rank_by, args.facts,
                             args.include_admin, args.include_industries)
    sample = betweenness_sample(network.number_of_nodes())
    if sample:
        print(f"note: betweenness estimated from {sample} sampled sources (seed {SAMPLE_SEED}; the network has "
              f"more than 5,000 nodes), the same every run", file=sys.stderr)
    headers, rows = hub_rows(network, hubs, args.lang)
    if args.format == "csv":
        last: list[object] = []
        filled = []
        for row in rows:
            last = row[:6] if row[0] != "" else last
            filled.append([*last, *row[6:]])
        rows = filled
    _print(args.format, headers, rows, hub_records(network, hubs, args.lang), args.wide)
    return 0
