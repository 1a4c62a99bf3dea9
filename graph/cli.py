"""The jjjkg command line: thin commands, each calling one library function."""
from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .build import FORMATS, ConfigError, Settings, build, render, write_outputs
from .problems import InputError
from .progress import Progress

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

DESCRIPTION = """jjjkg: a citable knowledge graph of Beijing–Tianjin–Hebei industrial linkages.

exit codes: 0 success; 1 the seeds have problems (one line each, file:line:column);
2 a wrong argument or unreadable directory; 3 an internal error (please report it)."""


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.resolve(args.seeds, args.sources_dir, args.reference_dir)


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validate  # pySHACL loads only for this command

    problems, notes = validate(_settings(args))
    for problem in problems.sorted():
        print(problem, file=sys.stderr)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return EXIT_INVALID
    print("valid: seeds, identifiers, quotes, SHACL shapes and violation queries all pass")
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    progress = Progress("build", 1)  # steps shown on a terminal only
    built = build(_settings(args), progress)
    for note in built.notes:
        print(f"note: {note}", file=sys.stderr)
    paths = write_outputs(render(built, args.format, progress), args.out)
    print(f"built {len(built.graph)} triples, {built.network.number_of_nodes()} nodes, "
          f"{built.network.number_of_edges()} edges from {len(built.seeds.facts)} facts and "
          f"{len(built.seeds.observations)} indicator values")
    for path in paths:
        print(f"wrote {path}")
    return EXIT_OK


def cmd_view(args: argparse.Namespace) -> int:
    from .view import ViewRequest, make_view

    request = ViewRequest.parse(args.query, args.param, args.focus, args.depth, args.lang)  # before the build
    page = make_view(build(_settings(args)), request)
    out = args.out or Path("out") / page.file_name
    write_outputs({out.name: page.html}, out.parent)
    print(f"wrote {out}: {page.nodes} nodes, {page.edges} edges")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from .stats import collect, render_text

    report, notes = collect(_settings(args))
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(dataclasses.asdict(report), ensure_ascii=False, indent=2))
    else:
        print(render_text(report))
    return EXIT_OK


def cmd_query(args: argparse.Namespace) -> int:
    from .query import Engine, bind, resolve
    from .results import render

    query = resolve(args.query, args.expression)
    substitutions = bind(query, args.param)  # checked before the (slower) build
    engine = Engine.open(args.store) if args.store else Engine(build(_settings(args)))
    output = render(engine, engine.execute(query, substitutions), args.format, args.lang, args.ids)
    sys.stdout.write(output if output.endswith("\n") else output + "\n")
    return EXIT_OK


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
    from .serve import serve

    built = None if args.store else build(_settings(args))
    what = f"the store {args.store}" if built is None else f"{len(built.graph)} triples"
    print(f"serving {what} read-only at http://{args.host}:{args.port}/ "
          f"(SPARQL endpoint /query; query timeout {args.timeout_s:g} s; Ctrl-C stops)", flush=True)
    return serve(built, args.host, args.port, args.timeout_s, args.store)


def cmd_import_csv(args: argparse.Namespace) -> int:
    from .importer import import_csv

    result = import_csv(_settings(args), args.file, args.mapping, args.out, args.strict)
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
    from .push import push

    result = push(build(_settings(args)), args.store, args.graph, args.append, args.user,
                  os.environ.get("JJJKG_STORE_PASSWORD"))
    print(f"{'appended' if args.append else 'replaced'} {result.url}: sent {result.triples} triples "
          f"(HTTP {result.status})")
    return EXIT_OK


def _add_seed_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seeds", type=Path, default=None, metavar="DIR",
                        help="seed directory (default: seeds/ of this project)")
    parser.add_argument("--sources-dir", type=Path, default=None, metavar="DIR",
                        help="directory of source texts for the quote check (default: $JJJKG_SOURCES, "
                             "else ../shared/seeds beside the project)")
    parser.add_argument("--reference-dir", type=Path, default=None, metavar="DIR",
                        help="directory of reference identifiers (default: $JJJKG_REFERENCE, "
                             "else ../shared/reference beside the project)")


def _add_param_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help=f"{what} (repeatable), e.g. --param entity=xiongan")


def _add_out_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, default=Path("out"), metavar="DIR", help="output directory (default: out)")


def _add_store_option(parser: argparse.ArgumentParser, verb: str) -> None:
    parser.add_argument("--store", type=Path, default=None, metavar="DIR",
                        help=f"{verb} an Oxigraph store written by `jjjkg import-csv` (out/jjjkg.oxigraph) "
                             "instead of building the seeds")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jjjkg", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate", help="check seeds, identifiers, quotes, SHACL shapes and violation queries",
        description="Check the seeds: YAML shape, ids, relations, domains and ranges, dates and numbers, "
                    "identifiers against the reference tables, verbatim quotes; then SHACL on the built "
                    "graph and every queries/*-violation.rq. Reports every problem, one line each.")
    _add_seed_options(validate)
    validate.set_defaults(run=cmd_validate)

    build_cmd = commands.add_parser(
        "build", help="build the graph; write Turtle, N-Triples, JSON-LD, GraphML, CSV and the HTML view to out/",
        description="Build the graph from the seeds and write every export and the interactive network "
                    "view (network.html) to the output directory. "
                    "All files are made first and then replace the old ones, so a failed build leaves "
                    "the previous outputs untouched.")
    _add_seed_options(build_cmd)
    _add_out_option(build_cmd)
    build_cmd.add_argument("--format", action="append", choices=sorted(FORMATS), default=None,
                           help="write only this format (repeatable; default: all)")
    build_cmd.set_defaults(run=cmd_build)

    query = commands.add_parser(
        "query", help="run a catalogue query, a .rq file or inline SPARQL on the built graph",
        description="Run SPARQL on the built graph (Oxigraph engine; the ontology is visible, so "
                    "a/rdfs:subClassOf* and jjj:locatedIn* work). SELECT gives a table with labels in "
                    "--lang, or a SPARQL 1.1 results format; ASK gives true/false; CONSTRUCT and DESCRIBE "
                    "give Turtle. Parameters are bound by substitution, never pasted into the query.")
    query.add_argument("query", nargs="?", metavar="NAME|FILE", help="catalogue name (see `jjjkg queries`) or .rq file")
    query.add_argument("-e", "--expression", metavar="SPARQL", help="the query text itself")
    _add_param_option(query, "bind a declared parameter")
    query.add_argument("--format", choices=["table", "md", "json", "csv", "tsv"], default="table",
                       help="table (default) or md for people; json, csv, tsv are SPARQL 1.1 results formats")
    query.add_argument("--lang", choices=["zh", "en"], default="zh", help="label language in table and md (default zh)")
    query.add_argument("--ids", action="store_true", help="show entity ids instead of labels in table and md")
    _add_store_option(query, "query")
    _add_seed_options(query)
    query.set_defaults(run=cmd_query)

    queries = commands.add_parser(
        "queries", help="list the query catalogue with titles and parameters",
        description="List queries/*.rq: name, title (in --lang) and parameters. Data checks "
                    "(*-violation) are listed with --checks.")
    queries.add_argument("--lang", choices=["zh", "en"], default="en", help="title language (default en)")
    queries.add_argument("--checks", action="store_true", help="include the *-violation data checks")
    queries.add_argument("--format", choices=["table", "json"], default="table", help="output format")
    queries.set_defaults(run=cmd_queries)

    serve = commands.add_parser(
        "serve", help="serve the graph read-only as a SPARQL 1.1 endpoint (the Oxigraph server)",
        description="Build the graph and serve it with the real Oxigraph server (oxigraph serve-read-only): "
                    "SPARQL 1.1 Protocol at /query, the YASGUI query page at / (served locally, works "
                    "offline), updates refused, each query stopped after --timeout-s. Binds 127.0.0.1 "
                    "unless --host says otherwise. Ctrl-C stops it and removes its temporary store.")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=7878, help="port (default 7878)")
    serve.add_argument("--timeout-s", type=float, default=30.0, help="per-query time limit in seconds (default 30)")
    _add_store_option(serve, "serve")
    _add_seed_options(serve)
    serve.set_defaults(run=cmd_serve)

    push_cmd = commands.add_parser(
        "push", help="upload the graph to a store over the SPARQL 1.1 Graph Store Protocol",
        description="Build the graph and upload it to any store that speaks the SPARQL 1.1 Graph Store "
                    "Protocol (Oxigraph /store, Fuseki /DATASET/data, GraphDB .../rdf-graphs/service, "
                    "Virtuoso): into --graph IRI or the default graph; PUT replaces it, --append POSTs. "
                    "Basic auth with --user and the password in $JJJKG_STORE_PASSWORD.")
    push_cmd.add_argument("--store", required=True, metavar="URL", help="the store's Graph Store Protocol endpoint")
    push_cmd.add_argument("--graph", metavar="IRI", default=None, help="named graph (default: the default graph)")
    push_cmd.add_argument("--append", action="store_true", help="add to the graph instead of replacing it")
    push_cmd.add_argument("--user", default=None, help="basic-auth user (password from $JJJKG_STORE_PASSWORD)")
    _add_seed_options(push_cmd)
    push_cmd.set_defaults(run=cmd_push)

    import_cmd = commands.add_parser(
        "import-csv", help="import a table (CSV) through a mapping; write it merged with the curated graph",
        description="Turn each row of a CSV table into a fact, as its mapping (YAML) says: subject, relation, "
                    "object, qualifiers, amount. Provenance is the dataset (the mapping's source) and the line "
                    "the row begins on; its quote is the row as written. Place names (保定, 保定市, 张家口市桥西区) "
                    "and division codes are resolved against the seeds' places. Bad rows are reported with their "
                    "line and skipped (all in out/import-problems.tsv), or fail the import with --strict. "
                    "Writes the merged Turtle, N-Triples and an Oxigraph store (out/jjjkg.oxigraph, for "
                    "`query --store` and `serve --store`); up to 10,000 rows also JSON-LD, GraphML, CSV and "
                    "the network view. A progress bar shows on a terminal.")
    import_cmd.add_argument("file", type=Path, metavar="FILE", help="the CSV table (header row first)")
    import_cmd.add_argument("--mapping", type=Path, required=True, metavar="MAPPING.yaml",
                            help="how the columns map onto the ontology (see README)")
    import_cmd.add_argument("--strict", action="store_true", help="fail, writing nothing, if any row is bad")
    _add_out_option(import_cmd)
    _add_seed_options(import_cmd)
    import_cmd.set_defaults(run=cmd_import_csv)

    view = commands.add_parser(
        "view", help="write an interactive network view: the whole graph, a query's results, or a neighbourhood",
        description="Write one self-contained HTML page (works offline, from file://) drawing the whole graph, "
                    "the entities a catalogue query's results name and the links among them (--query), or "
                    "an entity's neighbourhood (--focus, --depth). Click a node or edge for its facts, "
                    "quotes and sources. Default file: out/network.html, out/query-NAME.html or "
                    "out/focus-ID-DEPTH.html.")
    view.add_argument("--query", metavar="NAME|FILE", default=None, help="draw this catalogue query's results")
    _add_param_option(view, "bind a parameter of --query")
    view.add_argument("--focus", metavar="ENTITY", default=None, help="draw this entity's neighbourhood (id, zh or en label)")
    view.add_argument("--depth", type=int, default=None, metavar="N",
                      help="with --focus: how many links out (default 1, at most 6)")
    view.add_argument("--lang", choices=["zh", "en"], default="zh", help="label language (default zh; the page can switch)")
    view.add_argument("--out", type=Path, default=None, metavar="FILE", help="the HTML file to write")
    _add_seed_options(view)
    view.set_defaults(run=cmd_view)

    stats = commands.add_parser(
        "stats", help="coverage report: entities by type, facts by relation and source, indicators, places",
        description="Count what the seeds hold: entities by type, facts by relation and by source, indicator "
                    "values by indicator and source, places with and without division codes and "
                    "coordinates, and reference divisions the seeds lack. The seeds are checked first.")
    _add_seed_options(stats)
    stats.add_argument("--format", choices=["text", "json"], default="text", help="output format (default: text)")
    stats.set_defaults(run=cmd_stats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except InputError as exc:
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
    except Exception as exc:  # never a traceback for users; JJJKG_DEBUG=1 shows it
        if os.environ.get("JJJKG_DEBUG"):
            raise
        print(f"jjjkg {args.command}: internal error: {exc.__class__.__name__}: {exc} "
              "(set JJJKG_DEBUG=1 for details)", file=sys.stderr)
        return EXIT_INTERNAL


def run() -> None:
    sys.exit(main())
