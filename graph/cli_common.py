"""What every command that builds the curated graph shares: its Settings from the seed options
(with --as-of), and the build, saying on stderr what a snapshot kept and left out. The command
modules (cli.py, cli_analysis.py, cli_paths.py, cli_report.py) import it; it imports none of them."""
from __future__ import annotations

import argparse
import sys

from .build import Built, ConfigError, Settings, build


def settings_of(args: argparse.Namespace) -> Settings:
    return Settings.resolve(args.seeds, args.sources_dir, args.reference_dir, getattr(args, "as_of", None))


def built_of(args: argparse.Namespace) -> Built:
    """build(settings_of(args)); with --as-of, says on stderr what the snapshot kept and left out."""
    built = build(settings_of(args))
    if built.snapshot is not None:
        print(f"note: {built.snapshot}", file=sys.stderr)
    return built


def refuse_as_of_with(args: argparse.Namespace, option: str, given: object) -> None:
    """--as-of takes the seeds as of a date; a store or folder holds what was imported or built."""
    if given is not None and getattr(args, "as_of", None) is not None:
        raise ConfigError(f"--as-of: not with {option} (it holds what was imported or built, undated); "
                          "leave out one of them")
