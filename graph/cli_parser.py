"""The jjjkg command line's arguments: every command, its options and its help text. The
commands themselves are in graph/cli.py, looked up by name."""
from __future__ import annotations

import argparse
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from .build import FORMATS
from .cli_accept import add_accept_parser
from .snapshot import AsOf
from .cli_propose import add_propose_parser

DESCRIPTION = """jjjkg: a citable knowledge graph of Beijing–Tianjin–Hebei industrial linkages.

exit codes: 0 success; 1 the seeds have problems (one line each, file:line:column);
2 a wrong argument or unreadable directory; 3 an internal error (please report it)."""


class OneLineParser(argparse.ArgumentParser):
    """argparse, each error on one line (`--help` shows the usage)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {' '.join(message.split())} (see {self.prog} --help)\n")


def _limit(name: str, default: int) -> int:
    try:
        return int(os.pathconf("/", name))
    except (OSError, ValueError, AttributeError):
        return default


PATH_MAX, NAME_MAX = _limit("PC_PATH_MAX", 4096), _limit("PC_NAME_MAX", 255)


def seconds_argument(maximum: float) -> Callable[[str], float]:
    """An argparse type: a number of seconds above 0 and at most maximum (not nan, not inf)."""
    def seconds(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text[:40]!r} is not a number of seconds") from None
        if not (math.isfinite(value) and 0 < value <= maximum):
            raise argparse.ArgumentTypeError(f"give a number of seconds above 0 and at most {maximum:g}")
        return value
    return seconds


def path_argument(text: str) -> Path:
    """A path as given on the command line: not empty, no NUL, within the system's limits (a longer
    one fails in the middle of a run with "File name too long")."""
    if not text:
        raise argparse.ArgumentTypeError("the path is empty")
    return Path(name_or_path(text))


def name_or_path(text: str) -> str:
    """A catalogue name or a file's path (query NAME|FILE): as path_argument, but it may be empty."""
    if "\0" in text:
        raise argparse.ArgumentTypeError("the path holds a NUL character")
    encoded = os.fsencode(text)
    longest = max(len(part) for part in encoded.split(b"/"))
    if len(encoded) >= PATH_MAX or longest > NAME_MAX:
        raise argparse.ArgumentTypeError(
            f"the path is too long ({len(encoded):,} bytes; at most {PATH_MAX - 1:,}, and {NAME_MAX} a name)")
    return text


def as_of_argument(text: str) -> AsOf:
    """An argparse type: --as-of DATE (YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date)."""
    try:
        return AsOf.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _add_seed_options(parser: argparse.ArgumentParser, as_of: bool = True) -> None:
    parser.add_argument("--seeds", type=path_argument, default=None, metavar="DIR",
                        help="seed directory (default: the shipped seeds/, with its texts/ and reference/)")
    parser.add_argument("--sources-dir", type=path_argument, default=None, metavar="DIR",
                        help="directory of source texts for the quote check (default: $JJJKG_SOURCES, "
                             "else texts/ in the seeds directory)")
    parser.add_argument("--reference-dir", type=path_argument, default=None, metavar="DIR",
                        help="directory of reference identifier tables (default: $JJJKG_REFERENCE, "
                             "else reference/ in the seeds directory, else the shipped seeds/reference)")
    if as_of:  # every command that builds the graph; not validate (it checks all) nor import-csv
        parser.add_argument("--as-of", type=as_of_argument, default=None, metavar="DATE",
                            help="the graph as of DATE (YYYY, YYYY-MM or YYYY-MM-DD): facts and indicator "
                                 "values dated after it are left out (a fact's own date, else its article's "
                                 "publication date; undated ones are kept)")


def _add_param_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help=f"{what} (repeatable), e.g. --param entity=xiongan")


def _add_out_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=path_argument, default=Path("out"), metavar="DIR",
                        help="output directory (default: out)")


def _add_store_option(parser: argparse.ArgumentParser, verb: str) -> None:
    parser.add_argument("--store", type=path_argument, default=None, metavar="DIR",
                        help=f"{verb} an Oxigraph store written by `jjjkg import-csv` (out/jjjkg.oxigraph) "
                             "instead of building the seeds")


def make_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="jjjkg", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate", help="check seeds, identifiers, quotes, SHACL shapes and violation queries",
        description="Check the seeds: YAML shape, ids, relations, domains and ranges, dates and numbers, "
                    "identifiers against the reference tables, verbatim quotes; then the SHACL shapes on the "
                    "built graph (compiled to SPARQL and run on Oxigraph) and every queries/*-violation.rq. "
                    "Reports every problem, one line each.")
    _add_seed_options(validate, as_of=False)
    validate.add_argument("--pyshacl", action="store_true",
                          help="run the shapes with pySHACL instead (slower; it also checks that every typed "
                               "literal is well formed for its datatype)")

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
    build_cmd.add_argument("--lang", choices=["zh", "en"], default="zh",
                           help="language of the GraphML node and edge labels (default: zh; "
                                "falls back to the other language, then the id)")

    query = commands.add_parser(
        "query", help="run a catalogue query, a .rq file or inline SPARQL on the built graph",
        description="Run SPARQL on the built graph (Oxigraph engine; the ontology is visible, so "
                    "a/rdfs:subClassOf* and jjj:locatedIn* work). SELECT gives a table with labels in "
                    "--lang, or a SPARQL 1.1 results format; ASK gives true/false; CONSTRUCT and DESCRIBE "
                    "give Turtle. Parameters are bound by substitution, never pasted into the query.")
    query.add_argument("query", nargs="?", type=name_or_path, metavar="NAME|FILE", help="catalogue name (see `jjjkg queries`) or .rq file")
    query.add_argument("-e", "--expression", metavar="SPARQL", help="the query text itself")
    _add_param_option(query, "bind a declared parameter")
    query.add_argument("--format", choices=["table", "md", "json", "csv", "tsv"], default="table",
                       help="table (default) or md for people; json, csv, tsv are SPARQL 1.1 results formats")
    query.add_argument("--lang", choices=["zh", "en"], default="zh", help="label language in table and md (default zh)")
    query.add_argument("--ids", action="store_true", help="show entity ids instead of labels in table and md")
    query.add_argument("--wide", action="store_true",
                       help="full cells on a terminal too (by default a table fits the terminal's width and "
                            "long cells such as quotes wrap; piped output is never wrapped)")
    query.add_argument("--timeout-s", type=seconds_argument(86400), default=300.0,
                       help="stop the query after this many seconds, at most 86400 (default 300)")
    _add_store_option(query, "query")
    _add_seed_options(query)

    queries = commands.add_parser(
        "queries", help="list the query catalogue with titles and parameters",
        description="List queries/*.rq: name, title (in --lang) and parameters. Data checks "
                    "(*-violation) are listed with --checks.")
    queries.add_argument("--lang", choices=["zh", "en"], default="en", help="title language (default en)")
    queries.add_argument("--checks", action="store_true", help="include the *-violation data checks")
    queries.add_argument("--format", choices=["table", "json"], default="table", help="output format")

    serve = commands.add_parser(
        "serve", help="serve the graph read-only as a SPARQL 1.1 endpoint",
        description="Build the graph and serve it read-only: the SPARQL 1.1 Protocol at /query (GET, or POST "
                    "as a form or application/sparql-query), a query page at / (YASGUI with jjjkg's prefixes "
                    "and a sample query; it asks no other host). Each query runs in a worker process that is "
                    "killed at --timeout-s (answer 422). Refused with a 400 that says why: SERVICE (no request "
                    "ever leaves for another host), updates, nesting deeper than 64 brackets, queries over "
                    "100,000 characters; bodies over 2 MB get a 413. Binds 127.0.0.1 unless --host says "
                    "otherwise. Ctrl-C stops it and removes its temporary store.")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    serve.add_argument("--port", type=int, default=7878, help="port (default 7878)")
    serve.add_argument("--timeout-s", type=seconds_argument(3600), default=30.0,
                       help="per-query time limit in seconds, at most 3600 (default 30)")
    serve.add_argument("--workers", type=int, default=0,
                       help="query worker processes (default 0: one per CPU core, at least 2, at most 8)")
    serve.add_argument("--queue", type=int, default=16,
                       help="queries that may wait per worker; more are answered 503 with Retry-After (default 16)")
    _add_store_option(serve, "serve")
    _add_seed_options(serve)

    push_cmd = commands.add_parser(
        "push", help="upload the graph to a store over the SPARQL 1.1 Graph Store Protocol",
        description="Upload the graph as N-Triples to any store that speaks the SPARQL 1.1 Graph Store "
                    "Protocol (Oxigraph /store, Fuseki /DATASET/data, GraphDB .../rdf-graphs/service, "
                    "Virtuoso /sparql-graph-crud-auth with --graph): the curated graph built from the seeds, "
                    "or with --from what `jjjkg import-csv` wrote, streamed from disk. Into --graph IRI or the "
                    "default graph; PUT replaces it, --append POSTs. With --user (the password in "
                    "$JJJKG_STORE_PASSWORD) it logs in by HTTP Basic or Digest, as the store asks: a bodiless "
                    "HEAD first finds out, so a wrong password fails before any data is sent.")
    push_cmd.add_argument("--store", required=True, metavar="URL", help="the store's Graph Store Protocol endpoint")
    push_cmd.add_argument("--graph", metavar="IRI", default=None,
                          help="named graph (default: the default graph; Virtuoso needs a named graph)")
    push_cmd.add_argument("--append", action="store_true", help="add to the graph instead of replacing it")
    push_cmd.add_argument("--from", dest="from_dir", type=path_argument, default=None, metavar="DIR",
                          help="send what `jjjkg import-csv --out DIR` wrote (DIR/jjjkg.nt, else the default graph "
                               "of DIR/jjjkg.oxigraph) instead of building the seeds")
    push_cmd.add_argument("--user", default=None,
                          help="log in as this user, by HTTP Basic or Digest as the store asks "
                               "(password from $JJJKG_STORE_PASSWORD)")
    push_cmd.add_argument("--timeout-s", type=seconds_argument(86400), default=300.0,
                          help="seconds to wait for the store at each step (default 300; a large upload may need more)")
    _add_seed_options(push_cmd)

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
    import_cmd.add_argument("file", type=path_argument, metavar="FILE", help="the CSV table (header row first)")
    import_cmd.add_argument("--mapping", type=path_argument, required=True, metavar="MAPPING.yaml",
                            help="how the columns map onto the ontology (see README)")
    import_cmd.add_argument("--strict", action="store_true", help="fail, writing nothing, if any row is bad")
    _add_out_option(import_cmd)
    _add_seed_options(import_cmd, as_of=False)

    view = commands.add_parser(
        "view", help="write an interactive network view: the whole graph, a query's results, or a neighbourhood",
        description="Write one self-contained HTML page (works offline, from file://) drawing the whole graph, "
                    "the entities a catalogue query's results name and the links among them (--query), or "
                    "an entity's neighbourhood (--focus, --depth). Click a node or edge for its facts, "
                    "quotes and sources. Default file: out/network.html, out/query-NAME.html or "
                    "out/focus-ID-DEPTH.html.")
    view.add_argument("--query", type=name_or_path, metavar="NAME|FILE", default=None, help="draw this catalogue query's results")
    _add_param_option(view, "bind a parameter of --query")
    view.add_argument("--focus", metavar="ENTITY", default=None, help="draw this entity's neighbourhood (id, zh or en label)")
    view.add_argument("--depth", type=int, default=None, metavar="N",
                      help="with --focus: how many links out (default 1, at most 6)")
    view.add_argument("--lang", choices=["zh", "en"], default="zh", help="label language (default zh; the page can switch)")
    view.add_argument("--out", type=path_argument, default=None, metavar="FILE", help="the HTML file to write")
    _add_seed_options(view)

    stats = commands.add_parser(
        "stats", help="coverage report: entities by type, facts by relation and source, indicators, places",
        description="Count what the seeds hold: entities by type, facts by relation and by source, indicator "
                    "values by indicator and source, places with and without division codes and "
                    "coordinates, and reference divisions the seeds lack. The seeds are checked first.")
    _add_seed_options(stats)
    stats.add_argument("--format", choices=["text", "json"], default="text", help="output format (default: text)")
    _add_analysis_parsers(commands)
    _add_flow_and_hub_parsers(commands)
    _add_report_parser(commands)
    add_propose_parser(commands, _add_seed_options, path_argument)
    add_accept_parser(commands, _add_seed_options, path_argument)
    return parser


def _add_report_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """report (graph/cli_report.py)."""
    report = commands.add_parser(
        "report", help="write a one-page report: flows, hubs, timeline, indicators, sources, as charts with quotes",
        description="Write out/report.html, one self-contained page (works offline, from file://): the flow "
                    "matrix as a Sankey diagram, the hubs, the timeline, every indicator's values and the "
                    "sources, each number linked to the quote that states it. Charts are Apache ECharts, "
                    "inlined; each can be saved as SVG from the page, or all of them with --charts.")
    report.add_argument("--out", type=path_argument, default=None, metavar="FILE",
                        help="the HTML file to write (default out/report.html)")
    report.add_argument("--lang", choices=["zh", "en"], default="zh", help="language (default zh; the page can switch)")
    report.add_argument("--level", choices=["prefecture", "province"], default="prefecture",
                        help="the flow matrix's level (default prefecture)")
    report.add_argument("--charts", type=path_argument, default=None, metavar="DIR",
                        help="also write each chart as DIR/NAME.svg (needs Node.js: apt-get install -y nodejs)")
    _add_store_option(report, "report on")
    _add_seed_options(report)


def _add_table_options(parser: argparse.ArgumentParser) -> None:
    """--lang, --format table|csv|json and --wide: the analyses that print a table (flows, hubs, timeline)."""
    parser.add_argument("--lang", choices=["zh", "en"], default="zh", help="label and title language (default zh)")
    parser.add_argument("--format", choices=["table", "csv", "json"], default="table",
                        help="output format (default: table)")
    parser.add_argument("--wide", action="store_true",
                        help="full cells on a terminal too (by default the table fits the terminal's width)")


def _add_flow_and_hub_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """flows and hubs (graph/cli_analysis.py)."""
    flows = commands.add_parser(
        "flows", help="the flow matrix: linkages from each place to each other place, by group or relation",
        description="Count the stated linkages from each origin to each destination place (the derived graph's "
                    "jjj:FlowCount: a statement starts at its from-place, else its subject, and ends at its "
                    "object), by relation group (graph/view/flow_groups.yaml) or relation, with each cell's "
                    "first example facts by statement IRI (quote, source, statement IRI). By group, the row kind "
                    "rd-to-production counts firms with R&D in the origin and production in the destination.")
    flows.add_argument("--level", choices=["province", "prefecture"], default="prefecture",
                       help="the places counted between (default prefecture; Beijing and Tianjin stand as themselves)")
    flows.add_argument("--by", choices=["group", "relation"], default="group",
                       help="one row per relation group (default) or per relation")
    flows.add_argument("--examples", type=int, default=1, metavar="N",
                       help="example facts per cell, first by statement IRI (default 1; 0 for counts only)")
    flows.add_argument("--from", dest="origin", default=None, metavar="PLACE",
                       help="only flows starting at or within this place (id, zh or en name, alias; e.g. 北京)")
    flows.add_argument("--to", dest="destination", default=None, metavar="PLACE",
                       help="only flows ending at or within this place (e.g. hebei)")
    _add_table_options(flows)
    _add_store_option(flows, "count from")
    _add_seed_options(flows)

    hubs = commands.add_parser(
        "hubs", help="places and actors ranked by degree, facts and betweenness, with the facts that make them hubs",
        description="Rank the entities of the linkage network (the curated graph, as an undirected simple graph "
                    "for degree and betweenness) by distinct neighbours (degree), facts (weighted degree) and "
                    "betweenness (NetworkX, normalised; above 5,000 nodes estimated from 32 sampled sources, "
                    "seed 0, as stderr says). Where things lie (located_in, part_of) and industry tags "
                    "(in_industry) are left out unless --include-admin / --include-industries. Each hub shows its "
                    "facts, one of each of its most frequent relations in turn, with quote and source.")
    hubs.add_argument("--top", type=int, default=20, metavar="N", help="how many hubs (default 20)")
    hubs.add_argument("--kind", choices=["places", "actors", "all"], default="all",
                      help="places, actors (organisations) or all entities (default all)")
    hubs.add_argument("--rank-by", choices=["degree", "facts", "betweenness"], default="degree",
                      help="the measure ranked by, ties broken by the other two (default degree)")
    hubs.add_argument("--facts", type=int, default=3, metavar="N", help="facts shown per hub (default 3; 0 for none)")
    hubs.add_argument("--include-admin", action="store_true",
                      help="count located_in and part_of links (the administrative hierarchy) too")
    hubs.add_argument("--include-industries", action="store_true", help="count in_industry links (industry tags) too")
    _add_table_options(hubs)
    _add_store_option(hubs, "rank the hubs of")
    _add_seed_options(hubs)


def _add_analysis_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """path and timeline (graph/cli_paths.py)."""
    path = commands.add_parser(
        "path", help="the shortest chains of facts linking two entities, each hop with its quote and source",
        description="Find the shortest chains of facts linking FROM and TO (searched as if the links had no "
                    "direction; each hop is shown in its fact's own direction, subject — relation → object) "
                    "with each fact's verbatim quote, source (title, publisher, date) and statement IRI. "
                    "Ties give several chains, in the order of the ids along them. Where several facts link "
                    "the same two entities, a hop shows the first and counts the rest (--all-facts, or "
                    "--format json, lists them). Exits 1, saying so, when no chain is within --max-hops.")
    path.add_argument("start", metavar="FROM", help="an entity: id, zh or en label or alias (e.g. 蓟州)")
    path.add_argument("end", metavar="TO", help="the other entity (e.g. 北京)")
    path.add_argument("--max-hops", type=int, default=4, metavar="N",
                      help="the longest chain looked for, in facts (default 4, 1 to 8)")
    path.add_argument("--via", action="append", default=[], metavar="REL",
                      help="use only this relation (repeatable; e.g. --via hq_relocated_to); a relation named "
                           "here is used even if it is administrative")
    path.add_argument("--exclude-admin", dest="exclude_admin", action="store_true", default=True,
                      help="leave out located_in, part_of and in_industry links (the default)")
    path.add_argument("--include-admin", dest="exclude_admin", action="store_false",
                      help="use located_in, part_of and in_industry links too")
    path.add_argument("--paths", type=int, default=5, metavar="N",
                      help="show at most N of the shortest chains when several tie (default 5, 1 to 100)")
    path.add_argument("--all-facts", action="store_true",
                      help="list every fact of a hop in text output, not the first and a count")
    path.add_argument("--lang", choices=["zh", "en"], default="zh", help="label and title language (default zh)")
    path.add_argument("--format", choices=["text", "json"], default="text", help="output format (default: text)")
    _add_store_option(path, "search")
    _add_seed_options(path)

    timeline = commands.add_parser(
        "timeline", help="dated facts in date order (headquarters moves, cluster listings, co-building…) with quotes",
        description="List every fact that carries its own date, in date order, with its quote and source. Facts "
                    "dated only by their article's publication date are listed with --article-dates, marked "
                    "'article'. A date given as a year or month stands for that whole period: it is listed "
                    "when the period overlaps --from..--to and comes before the dates within it.")
    timeline.add_argument("--from", dest="from_date", default=None, metavar="DATE",
                          help="only events on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
    timeline.add_argument("--to", dest="to_date", default=None, metavar="DATE",
                          help="only events on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
    timeline.add_argument("--relation", action="append", default=[], metavar="REL",
                          help="only facts of this relation (repeatable; e.g. hq_relocated_to, member_of_cluster)")
    timeline.add_argument("--entity", default=None, metavar="ENTITY",
                          help="only events naming this entity (id, zh or en label or alias) as subject, object "
                               "or the place moved from")
    timeline.add_argument("--article-dates", action="store_true",
                          help="also list facts dated only by their article's publication date (marked 'article')")
    _add_table_options(timeline)
    _add_store_option(timeline, "list the events of")
    _add_seed_options(timeline)
