"""One build path: seeds → checked model → N-Triples lines (the one writer) → output files; the
rdflib and NetworkX graphs are made from the model only when asked for (`Built.graph`, `.network`)."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .checks import check_model, check_quotes, read_texts
from .collector import collector_paused
from .exporters import EXPORTERS, LANGS, VIEW_FILE, ExportInput, exporter
from .model import Seeds
from .problems import ConfigError as ConfigError  # defined with the problems; imported from here too
from .problems import InputError, Loc, Problems
from .progress import Progress
from .references import check_identifiers, load_reference
from .safe_io import shown, writable_target
from .schema import Schema, load_schema
from .seeds import read_seeds
from .settings import Built as Built  # the build's result and its settings, defined below build
from .settings import Settings as Settings
from .settings import is_directory
from .snapshot import Snapshot, take_snapshot, turtle_comment
from .wording import check_as_printed, check_bounds, check_modality
from .writer import model_lines


def check_seeds(settings: Settings, problems: Problems) -> tuple[Seeds, Schema, list[str]]:
    """Read and check the seeds: shape, references, identifiers and (when texts are at hand) quotes."""
    schema = load_schema()
    seeds = read_seeds(settings.seeds_dir, schema, problems)
    check_model(seeds, schema, problems)
    check_bounds(seeds, schema, problems)
    check_modality(seeds, schema, problems)
    notes = []
    if settings.reference_dir is not None:
        table_problems = Problems()
        reference = load_reference(settings.reference_dir, table_problems)
        if table_problems:  # identifiers are not checked against broken tables: their problems say why
            problems.items.extend(table_problems.items)
        else:
            check_identifiers(seeds, reference, problems)
    else:
        notes.append("identifiers not checked: no reference directory (--reference-dir or JJJKG_REFERENCE)")
    if settings.sources_dir is not None:
        texts = read_texts(seeds, settings.sources_dir, problems)
        check_quotes(seeds, texts, problems)
        check_as_printed(seeds, texts, problems)
    else:
        notes.append("quotes not checked: no source texts (--sources-dir or JJJKG_SOURCES)")
    return seeds, schema, notes


def checked_seeds(settings: Settings) -> tuple[Seeds, Schema, list[str]]:
    """check_seeds, raising InputError listing every problem; with settings.as_of, the checked
    seeds as of that date (its note says what was kept and left out)."""
    problems = Problems()
    seeds, schema, notes = check_seeds(settings, problems)
    if problems:
        raise InputError(problems)
    seeds, _ = apply_as_of(seeds, settings, notes)
    return seeds, schema, notes


def apply_as_of(seeds: Seeds, settings: Settings, notes: list[str]) -> tuple[Seeds, Snapshot | None]:
    """The checked seeds as of settings.as_of (all of them without it); the snapshot's counts
    are added to notes. The seeds are checked whole first, so a snapshot never hides a problem."""
    if settings.as_of is None:
        return seeds, None
    seeds, snapshot = take_snapshot(seeds, settings.as_of)
    notes.append(str(snapshot))
    return seeds, snapshot


def require_facts(seeds: Seeds, settings: Settings, problems: Problems) -> None:
    """A graph needs at least one fact or indicator value (a facts file that cannot be read is its
    own problem)."""
    if not seeds.facts and not seeds.observations and "facts" not in seeds.unreadable:
        base, facts_dir = settings.seeds_dir.parent, settings.seeds_dir / "facts"
        name = str(facts_dir.relative_to(base)) if facts_dir.is_relative_to(base) else str(facts_dir)
        problems.add(Loc(name), "no-facts",
                     "no facts: the seeds hold no fact or indicator value (add a YAML file of facts to facts/)")


def build(settings: Settings, progress: Progress | None = None) -> Built:
    """Read, check and write the seeds' graph; raises InputError listing every problem in the seeds."""
    if progress:
        progress.phase("reading and checking the seeds")
    with collector_paused():
        problems = Problems()
        seeds, schema, notes = check_seeds(settings, problems)
        require_facts(seeds, settings, problems)
        if problems:
            raise InputError(problems)
        seeds, snapshot = apply_as_of(seeds, settings, notes)
        return assemble(seeds, schema, notes, progress=progress, snapshot=snapshot)


def assemble(seeds: Seeds, schema: Schema, notes: list[str], progress: Progress | None = None,
             snapshot: Snapshot | None = None) -> Built:
    """The graph of checked seeds, as N-Triples lines (the rdflib and NetworkX graphs follow on demand)."""
    if progress:
        progress.phase(f"building the graph of {len(seeds.facts):,} facts")
    return Built(seeds, schema, model_lines(seeds, schema), notes, snapshot)


FORMATS = [*EXPORTERS, "html"]  # html: the interactive network view


def render(built: Built, formats: list[str] | None = None, progress: Progress | None = None,
           lang: str = LANGS[0]) -> dict[str, bytes]:
    """The bytes of every output file, all made before anything is written; lang: GraphML's labels."""
    if lang not in LANGS:
        raise ConfigError(f"--lang: must be one of {', '.join(LANGS)}, not {lang!r}")
    chosen = formats or FORMATS
    data = ExportInput(built.ntriples, lambda: built.network_parts, lang)
    files: dict[str, bytes] = {}
    with collector_paused():
        for name in chosen:
            if progress:
                progress.phase(f"writing {name}")
            if name in EXPORTERS:
                files[EXPORTERS[name][0]] = exporter(name)(data)
                if name == "turtle" and built.snapshot is not None:  # a comment under the header says so
                    header, _, rest = files[EXPORTERS[name][0]].partition(b"\n")
                    files[EXPORTERS[name][0]] = header + b"\n" + turtle_comment(built.snapshot.as_of) + rest
            elif name == "html":
                from .view import page_for  # one more output of the build; its libraries load only for it
                files[VIEW_FILE] = page_for(built)
    return files


def write_outputs(files: dict[str, bytes], out_dir: Path) -> list[Path]:
    """Write all files or none: each goes to a temporary file first, then replaces the old one."""
    staging = open_staging(out_dir, list(files))
    try:
        for name, data in files.items():
            with open(staging / name, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        return publish(staging, out_dir, list(files))
    except OSError as exc:
        raise ConfigError(f"--out: cannot write to {out_dir}: {exc.strerror}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def open_staging(out_dir: Path, names: list[str], folders: tuple[str, ...] = (), option: str = "--out") -> Path:
    """A fresh temporary folder inside out_dir for files that will replace names (and folders) there;
    a refusal names `option` ("": the path alone, for a command that writes where its input says)."""
    say = f"{option}: " if option else ""
    if not is_directory(out_dir, option) and (out_dir.exists() or out_dir.is_symlink()):
        raise ConfigError(f"{say}{shown(out_dir)} exists and is not a directory")
    for name in names:  # catch what would make a replace fail, or replace what is not a file, before any write
        there = writable_target(out_dir / name)
        if there == "a directory":
            raise ConfigError(f"{say}{shown(out_dir / name)} is a directory; cannot replace it with a file")
        if there is not None:
            raise ConfigError(f"{say}{shown(out_dir / name)} is {there}; jjjkg writes and replaces regular files only")
    for name in folders:
        if (out_dir / name).exists() and not (out_dir / name).is_dir():
            raise ConfigError(f"{say}{shown(out_dir / name)} is a file; cannot replace it with a folder")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=".jjjkg-build-", dir=out_dir))
    except OSError as exc:
        raise ConfigError(f"{say}cannot write to {out_dir}: {exc.strerror}") from exc


def publish(staging: Path, out_dir: Path, names: list[str], option: str = "--out") -> list[Path]:
    """Move finished files and folders from staging into out_dir, each replacing the old one."""
    say = f"{option}: " if option else ""
    for name in names:
        target = out_dir / name
        if (staging / name).is_file() and writable_target(target) is not None:  # swapped in since the check
            raise ConfigError(f"{say}{shown(target)} is {writable_target(target)}; jjjkg replaces regular files only")
        if (staging / name).is_dir() and target.is_dir():
            old = staging / (name + ".old")
            os.replace(target, old)  # a folder cannot replace a non-empty folder in one step
        os.replace(staging / name, target)
    return [out_dir / name for name in names]
