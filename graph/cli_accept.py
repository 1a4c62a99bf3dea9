"""`jjjkg accept DRAFT`: a thin call of graph.accept.accept_draft, and its arguments.

add_accept_parser is called by graph/cli_parser.py, which hands it its seed options and path type
(this module does not import cli_parser, which imports it: no import cycle)."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from .cli_common import settings_of


def cmd_accept(args: argparse.Namespace) -> int:
    from .accept import accept_draft

    result = accept_draft(args.draft, settings_of(args))
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    print(result.summary())
    for path in result.files:
        print(f"wrote {path}")
    return 0


def add_accept_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser],
                      add_seed_options: Callable[..., None], path_type: Callable[[str], Path]) -> None:
    """The accept subcommand; add_seed_options and path_type are cli_parser's _add_seed_options and
    path_argument."""
    accept = commands.add_parser(
        "accept", help="move the items a curator marked `review: accept` in a draft (jjjkg propose) into the seeds",
        description="Read DRAFT (YAML or JSON, as `jjjkg propose` writes it) and add the source, entities, facts "
                    "and indicator observations marked `review: accept` to the seeds: the source to sources.yaml "
                    "and its article to the texts folder, entities to entities/organizations.yaml, places.yaml "
                    "or policies.yaml, facts and observations to the source's facts file (a new "
                    "facts/NNN_<source-id>.yaml if it has none). Items marked reject or pending are left out. "
                    "The seeds with the accepted items are validated first: if they would not validate, every "
                    "problem is reported (at the draft's file:line where one of its items is the cause) and "
                    "nothing is written.")
    accept.add_argument("draft", metavar="DRAFT", type=path_type,
                        help="the reviewed draft: each item's `review:` is accept, reject or pending")
    add_seed_options(accept, as_of=False)
