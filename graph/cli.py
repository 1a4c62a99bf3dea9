"""The jjjkg command line: thin commands, each calling one library function."""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from .build import ConfigError, build, render, write_outputs
from .collector import collector_paused
from .cli_common import built_of, refuse_as_of_with, settings_of
from .cli_parser import make_parser
from .cli_report import cmd_report
from .cli_propose import cmd_propose
from .cli_accept import cmd_accept
from .cli_paths import cmd_path, cmd_timeline
from .cli_analysis import cmd_flows, cmd_hubs
from .problems import InputError
from .progress import Progress

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validate  # pySHACL loads only where it runs

    problems, notes = validate(settings_of(args), pyshacl=args.pyshacl)
    for problem in problems.sorted():
        print(problem, file=sys.stderr)
    for warning in problems.sorted_warnings():
        print(warning, file=sys.stderr)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return EXIT_INVALID
    warned = f" ({len(problems.warnings)} warning(s) above)" if problems.warnings else ""
    print(f"valid: seeds, identifiers, quotes, SHACL shapes and violation queries all pass{warned}")
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    progress = Progress("build", 1)  # steps shown on a terminal only
    built = build(settings_of(args), progress)
    for note in built.notes:
        print(f"note: {note}", file=sys.stderr)
    paths = write_outputs(render(built, args.format, progress, lang=args.lang), args.out)
    triples, nodes, edges = built.size()
    print(f"built {triples} triples, {nodes} nodes, {edges} edges from {len(built.seeds.facts)} facts and "
          f"{len(built.seeds.observations)} indicator values")
    for path in paths:
        print(f"wrote {path}")
    return EXIT_OK


def cmd_view(args: argparse.Namespace) -> int:
    from .view import ViewRequest, make_view

    request = ViewRequest.parse(args.query, args.param, args.focus, args.depth, args.lang)  # before the build
    page = make_view(built_of(args), request)
    out = args.out or Path("out") / page.file_name
    write_outputs({out.name: page.html}, out.parent)
    print(f"wrote {out}: {page.nodes} nodes, {page.edges} edges")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from .stats import collect, render_text

    report, notes = collect(settings_of(args))
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(dataclasses.asdict(report), ensure_ascii=False, indent=2))
    else:
        print(render_text(report))
    return EXIT_OK


def cmd_query(args: argparse.Namespace) -> int:
    from .deadline import run_with_deadline
    from .query import Engine, parse_params, resolve
    from .results import render

    query = resolve(args.query, args.expression)  # refused queries (SERVICE, updates) fail here
    parse_params(query, args.param)  # checked before the (slower) build
    refuse_as_of_with(args, "--store", args.store)
    engine = Engine.open(args.store) if args.store else Engine(built_of(args))
    width = terminal_width(args.wide)

    def answer() -> str:
        return render(engine, engine.execute(query, engine.bind(query, args.param)), args.format, args.lang,
                      args.ids, width)

    output = run_with_deadline(answer, args.timeout_s, f"the query {query.name}")
    sys.stdout.write(output if output.endswith("\n") else output + "\n")
    return EXIT_OK


def terminal_width(wide: bool) -> int | None:
    """The terminal's width for tables to fit, or None (full cells) with --wide or when piped."""
    return None if wide or not sys.stdout.isatty() else shutil.get_terminal_size().columns


def cmd_queries(args: argparse.Namespace) -> int:
    from .query import load_catalogue
    from .textable import render_table

    rows = [[q.name, q.title(args.lang), " ".join(f"?{p.name}" for p in q.parameters)]
            for q in load_catalogue().values() if args.checks or not q.is_check]
    if args.format == "json":
        keys = ("name", "title", "parameters")
        print(json.dumps([dict(zip(keys, row)) for row in rows], ensure_ascii=False, indent=2))
    else:
        print(render_table(["name", "title", "parameters"], rows))
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import ServeOptions, serve

    options = ServeOptions(args.host, args.port, args.timeout_s, args.workers, args.queue).check()  # before the build
    refuse_as_of_with(args, "--store", args.store)
    built = None if args.store else built_of(args)
    what = f"the store {args.store}" if built is None else f"{len(built.lines)} triples"

    def banner(options: ServeOptions) -> None:
        print(f"serving {what} read-only at http://{options.host}:{options.port}/ (SPARQL endpoint /query; "
              f"{options.worker_count} query workers; query timeout {options.timeout_s:g} s; Ctrl-C stops)",
              flush=True)

    return serve(built, options, args.store, banner)


def cmd_import_csv(args: argparse.Namespace) -> int:
    from .importer import import_csv

    result = import_csv(settings_of(args), args.file, args.mapping, args.out, args.strict)
    report = result.report
    for problem in result.shown:
        print(problem, file=sys.stderr)
    if report.problems > len(result.shown):
        print(f"... {report.problems - len(result.shown):,} more problem(s)", file=sys.stderr)
    for (column, text, why), rows in sorted(report.unresolved.items(), key=lambda kv: (-kv[1], kv[0]))[:20]:
        print(f"{why} in column {column}: '{text}' ({rows:,} row(s))", file=sys.stderr)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"imported {report.facts:,} of {report.rows:,} rows of {args.file} as source '{result.source}' "
          f"({report.new_entities:,} new entities); skipped {report.bad_rows:,} bad row(s); "
          f"{result.triples:,} triples with the curated graph")
    for path in result.files:
        print(f"wrote {path}")
    return EXIT_OK


def cmd_push(args: argparse.Namespace) -> int:
    from contextlib import nullcontext

    from .push import push, target_url
    from .push_body import GraphBody, folder_body

    target_url(args.store, args.graph)  # a wrong URL fails before anything is built
    if args.from_dir is not None and (args.seeds or args.sources_dir or args.reference_dir):
        raise ConfigError("--from: the folder holds a built graph; give no --seeds, --sources-dir or --reference-dir")
    refuse_as_of_with(args, "--from", args.from_dir)
    source = (folder_body(args.from_dir) if args.from_dir is not None
              else nullcontext(GraphBody(built_of(args))))
    with source as body:
        result = push(body, args.store, args.graph, args.append, args.user,
                      os.environ.get("JJJKG_STORE_PASSWORD"), args.timeout_s)
    origin = f" from {body.label}" if body.label else ""
    print(f"{'appended' if args.append else 'replaced'} {result.url}: sent {result.triples} triples{origin} "
          f"(HTTP {result.status})")
    return EXIT_OK


# Commands that build once and end: the collector stays paused to the end (the build pauses it
# itself, but turned on between the build and its outputs it walks every object the build made).
# serve runs on and import-csv streams rows: both keep it.
ONE_BUILD_COMMANDS = frozenset({"validate", "build", "query", "view", "stats", "push", "path", "timeline", "flows", "hubs", "report"})

COMMANDS = {"validate": cmd_validate, "build": cmd_build, "query": cmd_query, "queries": cmd_queries,
            "serve": cmd_serve, "push": cmd_push, "import-csv": cmd_import_csv, "view": cmd_view, "report": cmd_report, "propose": cmd_propose, "stats": cmd_stats,
            "path": cmd_path, "timeline": cmd_timeline, "flows": cmd_flows, "hubs": cmd_hubs,
            "accept": cmd_accept}


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        if args.command in ONE_BUILD_COMMANDS:  # a short process around one build: see graph/collector.py
            with collector_paused():
                return int(COMMANDS[args.command](args))
        return int(COMMANDS[args.command](args))
    except InputError as exc:
        if not exc.problems:  # a bug: the user would be told nothing
            print(f"jjjkg {args.command}: internal error: input refused without a problem to report "
                  "(please report it)", file=sys.stderr)
            return EXIT_INTERNAL
        for problem in exc.problems.sorted():
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found; nothing was written", file=sys.stderr)
        return EXIT_INVALID
    except ConfigError as exc:
        print(f"jjjkg {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("jjjkg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (| head): stop quietly, as other tools do
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so that the exit's flush of stdout finds no pipe
        return 141  # 128 + SIGPIPE, as shells report a tool ended by a closed pipe
    except Exception as exc:  # never a traceback for users; JJJKG_DEBUG=1 shows it
        if os.environ.get("JJJKG_DEBUG"):
            raise
        print(f"jjjkg {args.command}: internal error: {exc.__class__.__name__}: {exc} "
              "(set JJJKG_DEBUG=1 for details)", file=sys.stderr)
        return EXIT_INTERNAL


def run() -> None:
    sys.exit(main())
