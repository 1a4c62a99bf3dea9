"""The staged copy `jjjkg accept` works on: the seeds and texts folders copied, the accepted items of
a draft appended as text (graph/accept_files.py: the seed files keep their comments), each place of
an appended item mapped to the draft's line, and, once the copy validates, the changed files written
back over the real ones (build.open_staging and build.publish) after checking none changed meanwhile."""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .accept_draft import Draft, DraftItem
from .accept_files import AppendRefused, append_items, plain, scalar
from .accept_seeds import facts_file_of, new_facts_name
from .build import open_staging, publish
from .problems import ConfigError, InputError, Loc, Problem, Problems
from .safe_io import FileRefused, decode_utf8, read_capped, regular_kind, shown
from .yamlfile import YList, YMap, read_yaml

PLACE_FILE, POLICY_FILE, ORGANIZATION_FILE = "places.yaml", "policies.yaml", "organizations.yaml"
ENTITY_FILES = {"place": PLACE_FILE, "zone": PLACE_FILE, "park": PLACE_FILE, "policy": POLICY_FILE}


@dataclass
class Staged:
    """A copy of the seeds and texts with the accepted items in, and how to report its problems."""

    seeds: Path
    texts: Path
    real_seeds: Path
    real_texts: Path
    base: Path = field(init=False)  # problem names are relative to the seeds' parent
    changed: dict[Path, bytes | None] = field(default_factory=dict)  # staged file → its bytes before
    exact: dict[Loc, Loc] = field(default_factory=dict)  # a place in an appended item → the draft's
    lines: dict[tuple[str, int], Loc] = field(default_factory=dict)  # a line of one → the draft's

    def __post_init__(self) -> None:
        self.base = self.seeds.parent

    def name(self, path: Path) -> str:
        return str(path.relative_to(self.base))

    def real(self, staged: Path) -> Path:
        if staged.is_relative_to(self.seeds):
            return self.real_seeds / staged.relative_to(self.seeds)
        return self.real_texts / staged.relative_to(self.texts)

    def change(self, path: Path, data: bytes) -> None:
        if path not in self.changed:
            self.changed[path] = path.read_bytes() if path.exists() else None
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def problem(self, problem: Problem) -> Problem:
        """The problem at the draft's line where it lies in an appended item, else at the real path."""
        loc = self.exact.get(problem.loc) or self.lines.get((problem.loc.file, problem.loc.line))
        message = problem.message.replace(str(self.seeds), str(self.real_seeds)).replace(
            str(self.texts), str(self.real_texts))
        if loc is None:
            loc = Loc(problem.loc.file.replace(str(self.seeds), str(self.real_seeds)).replace(
                str(self.texts), str(self.real_texts)), problem.loc.line, problem.loc.column)
        return Problem(loc, problem.code, message, problem.severity)


def _copy_regular(src: str, dst: str) -> None:
    """shutil.copytree's copy: regular files only (a FIFO is left out, never opened)."""
    try:
        data = read_capped(Path(src))
    except FileRefused:
        return  # validate of the copy reports the file missing
    Path(dst).write_bytes(data)
    shutil.copymode(src, dst)


def stage(root: Path, seeds_dir: Path, texts_dir: Path) -> Staged:
    """Copy the seeds folder (and the texts folder, if outside it) into root."""
    seeds = root / "staged" / (seeds_dir.resolve().name or "seeds")
    shutil.copytree(seeds_dir, seeds, copy_function=_copy_regular)
    real_texts = texts_dir.resolve()
    if real_texts.is_relative_to(seeds_dir.resolve()):
        texts = seeds / real_texts.relative_to(seeds_dir.resolve())
    else:
        texts = root / "texts"
        if texts_dir.is_dir():
            shutil.copytree(texts_dir, texts, copy_function=_copy_regular)
    texts.mkdir(parents=True, exist_ok=True)
    return Staged(seeds, texts, seeds_dir, texts_dir)


def _append(staged: Staged, path: Path, key: str, items: list[DraftItem], style: str,
            blank_before: bool = False) -> None:
    """Append items to the `key` list of a staged seed file and map their places to the draft's."""
    name = staged.name(path)
    problems = Problems()
    text = decode_utf8(path.read_bytes()) if path.exists() else ""
    top = read_yaml(path, name, problems) if path.exists() else None
    if problems:  # a broken seed file: validate reports it, at its real path
        raise InputError(Problems([staged.problem(p) for p in problems.items]))
    before = len(top[key]) if isinstance(top, YMap) and isinstance(top.get(key), YList) else 0
    written = [item.written() for item in items]
    try:
        new = append_items(text, top, key, written, style, blank_before)
    except (AppendRefused, ValueError) as exc:
        problems.add(items[0].data.loc, "cannot-append", f"cannot add this {items[0].kind} to {name}: {exc}")
        raise InputError(problems) from None
    staged.change(path, new.encode("utf-8"))
    after = read_yaml(path, name, problems)
    got = after.get(key) if isinstance(after, YMap) else None
    appended = list(got[before:]) if isinstance(got, YList) else []
    if problems or len(appended) != len(items) or [plain(a) for a in appended] != [plain(w) for w in written]:
        problems.add(items[0].data.loc, "cannot-append",
                     f"accept could not write this {items[0].kind} to {name} so that it reads back the same "
                     "(please report it)")
        raise InputError(problems)
    for item, value in zip(items, appended):
        _pair(value, item.data, staged)
        staged.lines.setdefault((value.loc.file, value.loc.line), item.data.loc)


def _pair(staged_value: Any, draft_value: Any, staged: Staged) -> None:
    """Map each place of an appended value to the same value's place in the draft."""
    if isinstance(staged_value, YMap) and isinstance(draft_value, YMap):
        staged.exact[staged_value.loc] = draft_value.loc
        for key, loc in staged_value.locs.items():
            if key in draft_value.locs:
                staged.exact[loc] = draft_value.locs[key]
                staged.lines.setdefault((loc.file, loc.line), draft_value.locs[key])
                _pair(staged_value[key], draft_value[key], staged)
    elif isinstance(staged_value, YList) and isinstance(draft_value, YList):
        staged.exact[staged_value.loc] = draft_value.loc
        for index, loc in enumerate(staged_value.locs[:len(draft_value.locs)]):
            staged.exact[loc] = draft_value.locs[index]
            _pair(staged_value[index], draft_value[index], staged)


def apply_draft(draft: Draft, staged: Staged, article: bytes | None, add_source: bool) -> None:
    """Append the accepted items to the staged seeds (and the article to the staged texts)."""
    assert draft.source is not None
    source = draft.source
    source_id = str(source.data["id"])
    if add_source:
        _append(staged, staged.seeds / "sources.yaml", "sources", [source], "block", blank_before=True)
        if article is not None:
            staged.change(staged.texts / str(source.data["file"]), article)
    by_file: dict[str, list[DraftItem]] = {}
    for item in draft.accepted("entity"):
        by_file.setdefault(ENTITY_FILES.get(str(item.data.get("type")), ORGANIZATION_FILE), []).append(item)
    for file_name, items in sorted(by_file.items()):
        _append(staged, staged.seeds / "entities" / file_name, "entities", items, "flow")
    facts, observations = draft.accepted("fact"), draft.accepted("observation")
    if not facts and not observations:
        return
    path = facts_file_of(staged.seeds, source_id)
    if path is None:
        path = staged.seeds / "facts" / new_facts_name(staged.seeds, source_id)
        staged.change(path, (f"# Accepted from {Path(draft.name).name} by `jjjkg accept`.\n"
                             f"source: {scalar(source_id)}\n").encode("utf-8"))
    if facts:
        _append(staged, path, "facts", facts, "block")
    if observations:
        _append(staged, path, "observations", observations, "block")


# --- writing back ---------------------------------------------------------------------------------

def write_back(staged: Staged) -> list[Path]:
    """Replace each changed file of the real seeds and texts with its staged version, after checking
    that none changed since it was copied; every file is written before any replaces its old one."""
    by_dir: dict[Path, list[tuple[str, Path]]] = {}
    for path, before in staged.changed.items():
        real = staged.real(path)
        now = read_capped(real) if regular_kind(real) is None else None
        if now != before:
            raise ConfigError(f"{shown(real)} changed while accept ran: run it again")
        by_dir.setdefault(real.parent, []).append((real.name, path))
    stagings: list[tuple[Path, Path, list[str]]] = []
    try:
        try:
            for folder, files in by_dir.items():
                names = [name for name, _ in files]
                staging = open_staging(folder, names, option="")
                stagings.append((staging, folder, names))
                for name, path in files:
                    shutil.copyfile(path, staging / name)
                    shutil.copymode(folder / name if (folder / name).is_file() else path, staging / name)
            for staging, folder, names in stagings:
                publish(staging, folder, names, option="")
        except OSError as exc:
            raise ConfigError(f"cannot write the accepted items: {exc.strerror or exc}") from exc
    finally:
        for staging, _, _ in stagings:
            shutil.rmtree(staging, ignore_errors=True)
    return sorted(staged.real(path) for path in staged.changed)
