"""The `path` and `timeline` commands: thin calls of graph.analysis.paths and graph.analysis.timeline."""
from __future__ import annotations

import argparse
import shutil
import sys

from typing import TYPE_CHECKING

from .cli_common import built_of

if TYPE_CHECKING:
    import networkx as nx

    from .model import Source
    from .schema import Schema

EXIT_OK, EXIT_NOT_FOUND = 0, 1


def _graph(args: argparse.Namespace) -> tuple[nx.MultiDiGraph, dict[str, Source], Schema]:
    """The network, sources and schema: of the --store folder, else of the curated build."""
    if args.store:
        from .cli_analysis import store_graph

        network, sources, schema, _ = store_graph(args)
        return network, sources, schema
    built = built_of(args)
    return built.network, built.seeds.sources, built.schema


def cmd_path(args: argparse.Namespace) -> int:
    from .analysis.paths import (check_limits, find_chains, find_node, name_index, not_found_line,
                                 search_json, search_text, usable_relations)

    check_limits(args.max_hops, args.paths)  # before the build
    network, sources, schema = _graph(args)
    index = name_index(network)
    start, end = find_node(network, args.start, "FROM", index), find_node(network, args.end, "TO", index)
    relations = usable_relations(schema.relations, args.via, args.exclude_admin)
    found = find_chains(network, start, end, relations, args.max_hops, args.paths)
    if not found.chains:
        print(f"jjjkg path: {not_found_line(network, found, args.lang)}", file=sys.stderr)
        return EXIT_NOT_FOUND
    if args.format == "json":
        import json

        print(json.dumps(search_json(network, sources, found, args.lang), ensure_ascii=False, indent=2))
    else:
        print(search_text(network, sources, found, args.lang, args.all_facts,
                          admin_left_out=args.exclude_admin and not args.via))
    return EXIT_OK


def cmd_timeline(args: argparse.Namespace) -> int:
    from .analysis.timeline import check_bounds, csv_text, json_text, table_text, timeline

    check_bounds(args.from_date, args.to_date)  # before the build
    network, sources, schema = _graph(args)
    events = timeline(network, sources, schema.relations, start=args.from_date, end=args.to_date,
                      relations=args.relation, entity=args.entity, article_dates=args.article_dates)
    if args.format == "json":
        print(json_text(network, sources, events, args.lang))
    elif args.format == "csv":
        print(csv_text(network, sources, events, args.lang))
    else:
        width = None if args.wide or not sys.stdout.isatty() else shutil.get_terminal_size().columns
        print(table_text(network, sources, events, args.lang, width))
    return EXIT_OK
