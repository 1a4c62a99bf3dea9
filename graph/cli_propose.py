"""`jjjkg propose`: a thin call of graph.propose (read the article, propose, write the draft)."""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from .build import write_outputs
from .cli_common import settings_of
from .fields import ID_PATTERN, valid_date
from .problems import ConfigError, InputError, Problems
from .safe_io import shown


def _source_id(args: argparse.Namespace, article: Path) -> str:
    if args.source_id is not None:
        if not ID_PATTERN.match(args.source_id):
            raise ConfigError(f"--source-id: {args.source_id!r} is not an id: lowercase letters, digits and "
                              "single hyphens (cctv-2025-02-27)")
        return str(args.source_id)
    guess = re.sub(r"[^a-z0-9]+", "-", article.stem.lower()).strip("-")
    if not guess or not ID_PATTERN.match(guess):
        raise ConfigError(f"--source-id: give the new source's id (the file name {article.name!r} gives none)")
    return guess


def cmd_propose(args: argparse.Namespace) -> int:
    from .propose import SourceMeta, propose, read_article, render
    from .schema import load_schema
    from .seeds import read_seeds

    article = read_article(args.article)  # the article first: a bad one is refused before the seeds are read
    if args.date is not None and not valid_date(args.date):
        raise ConfigError(f"--date: {args.date!r} is not a date: YYYY, YYYY-MM or YYYY-MM-DD, a day of the calendar")
    settings = settings_of(args)
    schema = load_schema()
    problems = Problems()
    seeds = read_seeds(settings.seeds_dir, schema, problems, facts=False)  # the registry is what propose needs
    if problems:
        raise InputError(problems)
    source_id = _source_id(args, args.article)
    if source_id in seeds.sources:
        raise ConfigError(f"--source-id: {source_id!r} is already a source of the seeds: give the new article its own id")
    title = args.title or next((line.strip() for line in article.text.split("\n") if line.strip()), "")
    if args.title is not None and args.title not in article.text:
        raise ConfigError(f"--title: {args.title!r} is not printed in {shown(args.article)}: give the title as printed")
    where = str(args.article) if args.out is None else _relative(args.article, args.out.parent)
    meta = SourceMeta(source_id, title, f"{source_id}.txt", where, args.publisher, args.date)
    draft = propose(article, seeds, schema, meta)
    data = render(draft, args.format, len(article.sentences))
    if args.out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    write_outputs({args.out.name: data}, args.out.parent)
    print(f"wrote {args.out}: {len(draft['facts'])} candidate facts, {len(draft['observations'])} indicator values, "
          f"{len(draft['entities'])} new names, {len(draft['linked'])} known names "
          f"(from {len(article.sentences)} sentences{', traditional characters' if article.traditional else ''}); "
          "every item is review: pending", file=sys.stderr)
    return 0


def _relative(path: Path, folder: Path) -> str:
    """path as seen from folder (where the draft is written), so that accept finds the article."""
    try:
        return os.path.relpath(path.resolve(), folder.resolve())
    except ValueError:  # another drive
        return str(path.resolve())


def add_propose_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser],
                       seed_options: object, path_type: object) -> None:
    propose = commands.add_parser(
        "propose", help="propose candidate facts, indicator values and new entities from a new Chinese article",
        description="Read a UTF-8 Chinese article (simplified or traditional) and write a draft in the seed "
                    "format: a source entry, candidate facts with the sentence quoted verbatim, indicator "
                    "values, new names with a type guess and known names linked to their ids. Every item "
                    "carries its confidence, the evidence that produced it and review: pending; a curator "
                    "marks items accept or reject, then runs `jjjkg accept`. Offline and rule-based: the "
                    "registry is the gazetteer, and the relation patterns are data in ontology/jjjkg.ttl "
                    "(jjj:proposeTrigger).")
    propose.add_argument("article", type=path_type, metavar="ARTICLE.txt", help="the article's text, UTF-8")
    propose.add_argument("--source-id", default=None, metavar="ID",
                         help="the new source's id (default: from the file name)")
    propose.add_argument("--title", default=None, help="the title as printed (default: the article's first line)")
    propose.add_argument("--publisher", default=None, help="the publisher as the article names it")
    propose.add_argument("--date", default=None, metavar="DATE",
                         help="publication date, YYYY, YYYY-MM or YYYY-MM-DD; relative dates (去年) resolve against it")
    propose.add_argument("--out", type=path_type, default=None, metavar="DRAFT.yaml",
                         help="write the draft here (default: standard output)")
    propose.add_argument("--format", choices=["yaml", "json"], default="yaml", help="the draft's format (default: yaml)")
    seed_options(propose, as_of=False)  # type: ignore[operator]
