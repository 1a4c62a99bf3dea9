"""`jjjkg accept DRAFT`: move the items a curator marked `review: accept` in a draft (written by
`jjjkg propose`) into the seeds, then validate; all or nothing.

The draft is read with its lines (graph/yamlfile.py) and checked on its own first. The accepted
items are then appended as text (graph/accept_files.py: the seed files keep their comments) to a
copy of the seeds and texts folders, and the copy is validated (graph/validate.py). A problem in an
appended item is reported at the draft's line of that item; any other at the seeds' own path.
Only a copy that validates is written back, each changed file replaced whole (build.open_staging
and build.publish), after checking that none changed meanwhile."""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .accept_files import AppendRefused, append_items, plain, scalar
from .build import open_staging, publish
from .problems import ConfigError, InputError, Loc, Problem, Problems
from .resources import TEXTS_DIR_NAME
from .safe_io import BadText, FileRefused, decode_utf8, read_capped, regular_kind, shown
from .settings import Settings
from .yamlfile import YList, YMap, read_yaml

REVIEWS = ("accept", "reject", "pending")
TOP_KEYS = ("source", "entities", "linked", "facts", "observations")
# Keys of the draft that inform the curator only: never written to the seeds.
INFORMATIONAL = {"confidence", "evidence", "review", "mentions"}
DROPPED = {"source": INFORMATIONAL | {"article"}, "entity": INFORMATIONAL | {"quote"},
           "fact": INFORMATIONAL, "observation": INFORMATIONAL}
# The order keys are written in, as in the curated seeds; other keys follow in the draft's order.
ORDER = {
    "source": ("id", "title", "title_en", "publisher", "publisher_en", "published", "authors", "editors",
               "photographers", "original_title", "republished_by", "republished_by_en", "language", "file",
               "kind"),
    "entity": ("id", "type", "zh", "en", "aliases", "located_in"),
    "fact": ("subject", "relation", "object", "modality", "qualifiers", "amount", "quote"),
    "observation": ("indicator", "area", "about", "counterpart", "period", "period_text", "value", "unit",
                    "bound", "modality", "note", "quote"),
}
PLACE_FILE, POLICY_FILE, ORGANIZATION_FILE = "places.yaml", "policies.yaml", "organizations.yaml"
ENTITY_FILES = {"place": PLACE_FILE, "zone": PLACE_FILE, "park": PLACE_FILE, "policy": POLICY_FILE}
DIVISION_TYPES = {"province", "prefecture", "county"}  # generated into divisions.yaml, never accepted
# Keys whose values name entities (ids), checked against the draft's entities left out.
ID_KEYS = {"entity": ("located_in",), "fact": ("subject", "object"),
           "observation": ("area", "counterpart", "about")}
QUALIFIER_ID_KEYS = ("from", "ships_from", "via", "industry", "technology", "product")


@dataclass
class DraftItem:
    kind: str  # source, entity, fact or observation
    data: YMap  # as the draft gives it
    review: str

    @property
    def accepted(self) -> bool:
        return self.review == "accept"

    def written(self) -> YMap:
        """The item as the seeds take it: informational keys and empty values left out, known keys
        in the seeds' order. A YMap, so that numbers keep the form the draft printed them in."""
        keys = [k for k in ORDER[self.kind] if k in self.data]
        keys += [k for k in self.data if k not in keys]
        out = YMap()
        out.loc, out.locs, out.raw = self.data.loc, {}, {}
        for key in keys:
            value = self.data[key]
            if key in DROPPED[self.kind] or value is None or value == "" or value == [] or value == {}:
                continue
            out[key], out.locs[key] = value, self.data.locs[key]
            if key in self.data.raw:
                out.raw[key] = self.data.raw[key]
        return out


@dataclass
class Draft:
    name: str
    source: DraftItem | None = None
    items: list[DraftItem] = field(default_factory=list)  # entities, facts and observations

    def accepted(self, kind: str) -> list[DraftItem]:
        return [item for item in self.items if item.kind == kind and item.accepted]

    def count(self, review: str) -> int:
        return sum(item.review == review for item in [*([self.source] if self.source else []), *self.items])


@dataclass
class AcceptResult:
    """What accept did: the counts for its summary, the files it wrote, validate's warnings."""

    draft: Path
    seeds_dir: Path
    source_id: str | None = None
    source_added: bool = False
    entities: int = 0
    facts: int = 0
    observations: int = 0
    pending: int = 0
    rejected: int = 0
    files: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> int:
        return int(self.source_added) + self.entities + self.facts + self.observations

    def summary(self) -> str:
        left = [f"{n} {what}" for n, what in ((self.pending, "pending"), (self.rejected, "rejected")) if n]
        left_out = f" ({' and '.join(left)} left out)" if left else ""
        if not self.accepted:
            return f"nothing accepted in {self.draft}{left_out}: the seeds are unchanged"
        counts = [_count(n, word) for n, word in ((int(self.source_added), "source"), (self.entities, "entity"),
                                                  (self.facts, "fact"), (self.observations, "observation")) if n]
        return f"accepted {', '.join(counts)} into {self.seeds_dir}/{left_out}; valid"


def _count(number: int, word: str) -> str:
    plural = word[:-1] + "ies" if word.endswith("y") else word + "s"
    return f"{number} {word if number == 1 else plural}"


# --- reading and checking the draft ------------------------------------------------------------

def read_draft(path: Path, problems: Problems) -> Draft:
    """The draft's items with their review; every misfit of the draft itself is a problem."""
    name = str(path)
    draft = Draft(name)
    data = read_yaml(path, name, problems)
    if problems:
        return draft
    if not isinstance(data, YMap):
        problems.add(getattr(data, "loc", Loc(name, 1)), "shape",
                     "a draft is a mapping with 'source', 'entities', 'facts' and 'observations'"
                     + (" (the file is empty)" if data is None else ""))
        return draft
    for key in data:
        if key not in TOP_KEYS:
            problems.add(data.locs[key], "unknown-key", f"unknown key '{key}' in a draft (allowed: {', '.join(TOP_KEYS)})")
    source = data.get("source")
    if not isinstance(source, YMap):
        problems.add(data.locs.get("source", data.loc), "shape", "the draft needs a 'source' mapping with its id")
    else:
        draft.source = _item("source", source, problems)
        if draft.source is not None and not isinstance(source.get("id"), str):
            problems.add(source.locs.get("id", source.loc), "missing", "the draft's source needs an 'id'")
    for key, kind in (("entities", "entity"), ("facts", "fact"), ("observations", "observation")):
        items = data.get(key)
        if items is None:
            continue
        if not isinstance(items, YList):
            problems.add(data.locs[key], "shape", f"'{key}' must be a list")
            continue
        for value, loc in zip(items, items.locs):
            if not isinstance(value, YMap):
                problems.add(loc, "shape", f"each of '{key}' must be a mapping of keys to values")
                continue
            item = _item(kind, value, problems)
            if item is not None:
                draft.items.append(item)
    return draft


def _item(kind: str, data: YMap, problems: Problems) -> DraftItem | None:
    review = data.get("review")
    if review not in REVIEWS:
        where = data.locs.get("review", data.loc)
        problems.add(where, "bad-review", f"review must be one of {', '.join(REVIEWS)}"
                     + (f", not '{review}'" if review is not None else " (it is missing)"))
        return None
    return DraftItem(kind, data, str(review))


def _ids(value: Any, loc: Loc) -> list[tuple[str, Loc]]:
    """The ids a value names (one id or a list of them), each with its place."""
    if isinstance(value, str):
        return [(value, loc)]
    if isinstance(value, YList):
        return [(item, where) for item, where in zip(value, value.locs) if isinstance(item, str)]
    return []


def check_draft(draft: Draft, known_sources: set[str], known_entities: set[str], problems: Problems) -> None:
    """What the draft must hold before anything is staged: accepted items name no entity the draft
    leaves out (unless the seeds have it: a draft made before another of the same article was accepted), accepted entities have an English label, accepted observations an indicator, and
    accepted items have a source (accepted, or already in the seeds)."""
    new_ids = {item.data.get("id") for item in draft.items if item.kind == "entity"}
    accepted_ids = {item.data.get("id") for item in draft.accepted("entity")}
    for item in draft.items:
        if not item.accepted:
            continue
        data = item.data
        if item.kind == "entity":
            if not isinstance(data.get("en"), str) or not data["en"].strip():
                problems.add(data.locs.get("en", data.loc), "missing-en",
                             f"accepted entity '{data.get('id')}' has no English label: write its 'en' "
                             "(official or faithful; propose never invents one)")
            if data.get("type") in DIVISION_TYPES:
                problems.add(data.locs["type"], "division",
                             f"a {data['type']} is a division: divisions come from seeds/reference/ through "
                             "tools/make_divisions.py, never from a draft")
        if item.kind == "observation" and (not isinstance(data.get("indicator"), str) or not data["indicator"].strip()):
            problems.add(data.locs.get("indicator", data.loc), "missing-indicator",
                         "accepted observation has no indicator: pick one of seeds/indicators.yaml")
        named = [pair for key in ID_KEYS.get(item.kind, ()) if key in data for pair in _ids(data[key], data.locs[key])]
        qualifiers = data.get("qualifiers") if item.kind == "fact" else None
        if isinstance(qualifiers, YMap):
            named += [pair for key in QUALIFIER_ID_KEYS if key in qualifiers
                      for pair in _ids(qualifiers[key], qualifiers.locs[key])]
        for ident, loc in named:
            if ident in new_ids and ident not in accepted_ids and ident not in known_entities:
                problems.add(loc, "entity-not-accepted",
                             f"'{ident}' is an entity of this draft that is not accepted: accept it too, "
                             f"or leave this {item.kind} out")
    source = draft.source
    if source is None:
        return
    source_id = source.data.get("id")
    accepted_items = sum(item.accepted for item in draft.items)
    if accepted_items and not source.accepted and source_id not in known_sources:
        problems.add(source.data.locs.get("review", source.data.loc), "source-not-accepted",
                     f"{accepted_items} item(s) are accepted but their source '{source_id}' is {source.review} "
                     "and not in the seeds: accept the source too")


def _read_article(draft_path: Path, source: YMap, texts_dir: Path, problems: Problems) -> bytes | None:
    """The article's bytes to copy into the texts folder, or None (a problem says why, or the same
    text is there already)."""
    article, file = source.get("article"), source.get("file")
    if not isinstance(file, str) or not file.strip() or Path(file).name != file or file in (".", ".."):
        problems.add(source.locs.get("file", source.loc), "bad-file",
                     "the accepted source needs 'file': the plain file name its text gets in the texts folder")
        return None
    if not isinstance(article, str) or not article.strip():
        problems.add(source.locs.get("article", source.loc), "missing-article",
                     "the accepted source needs 'article': the text propose read, to copy into the texts folder")
        return None
    path = Path(article)
    if not path.is_absolute():
        path = draft_path.parent / path
    try:
        data = read_capped(path)
        decode_utf8(data)
    except FileRefused as exc:
        where = exc.where() if isinstance(exc, BadText) else str(exc)
        problems.add(source.locs["article"], "bad-article", f"cannot read the article {shown(path)}: {where}")
        return None
    target = texts_dir / file
    there = regular_kind(target)
    if there == "missing":
        return data
    if there is not None:
        problems.add(source.locs["file"], "bad-file", f"{shown(target)} is {there}, not a text file")
        return None
    try:
        same = read_capped(target) == data
    except FileRefused as exc:
        problems.add(source.locs["file"], "bad-file", f"cannot read {shown(target)}: {exc}")
        return None
    if not same:
        problems.add(source.locs["file"], "file-exists",
                     f"{shown(target)} already exists with another text: give the source another 'file' name")
    return None


def _top(path: Path, name: str) -> Any:
    """A seed file as read_yaml reads it, or None when it cannot be read (validate says why)."""
    return read_yaml(path, name, Problems()) if path.is_file() else None


def known_source_ids(seeds_dir: Path) -> set[str]:
    data = _top(seeds_dir / "sources.yaml", "sources.yaml")
    items = data.get("sources") if isinstance(data, YMap) else None
    return {item["id"] for item in items or [] if isinstance(item, YMap) and isinstance(item.get("id"), str)} \
        if isinstance(items, YList) else set()


def known_entity_ids(seeds_dir: Path) -> set[str]:
    """The ids of the seeds' entity registry (entities/*.yaml)."""
    found: set[str] = set()
    for path in sorted((seeds_dir / "entities").glob("*.yaml")):
        data = _top(path, path.name)
        items = data.get("entities") if isinstance(data, YMap) else None
        if isinstance(items, YList):
            found.update(item["id"] for item in items if isinstance(item, YMap) and isinstance(item.get("id"), str))
    return found


def facts_file_of(seeds_dir: Path, source_id: str) -> Path | None:
    """The facts file whose `source:` is source_id, if any."""
    for path in sorted((seeds_dir / "facts").glob("*.yaml")):
        data = _top(path, path.name)
        if isinstance(data, YMap) and data.get("source") == source_id:
            return path
    return None


def new_facts_name(seeds_dir: Path, source_id: str) -> str:
    """NNN_<source-id>.yaml, NNN the next number after the highest three-digit prefix (004b → 005)."""
    numbers = [int(path.name[:3]) for path in (seeds_dir / "facts").glob("*.yaml") if path.name[:3].isdigit()]
    return f"{max(numbers, default=-1) + 1:03d}_{source_id}.yaml"


# --- staging: the accepted items appended to a copy of the seeds ---------------------------------

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
                staging = open_staging(folder, names)
                stagings.append((staging, folder, names))
                for name, path in files:
                    shutil.copyfile(path, staging / name)
                    shutil.copymode(folder / name if (folder / name).is_file() else path, staging / name)
            for staging, folder, names in stagings:
                publish(staging, folder, names)
        except OSError as exc:
            raise ConfigError(f"cannot write the accepted items: {exc.strerror or exc}") from exc
        except ConfigError as exc:
            raise ConfigError(str(exc).removeprefix("--out: ")) from exc
    finally:
        for staging, _, _ in stagings:
            shutil.rmtree(staging, ignore_errors=True)
    return sorted(staged.real(path) for path in staged.changed)


# --- the whole run --------------------------------------------------------------------------------

def accept_draft(draft_path: Path, settings: Settings) -> AcceptResult:
    """Accept the draft's accepted items into settings' seeds (and its texts folder), all or none.

    InputError (every problem, at the draft's file:line where an item of it is the cause) when the
    draft is unusable or the seeds with its accepted items would not validate: nothing is written."""
    from .validate import validate  # pySHACL and the query catalogue load only where accept runs

    problems = Problems()
    draft = read_draft(draft_path, problems)
    if problems:
        raise InputError(problems)
    seeds_dir = settings.seeds_dir
    texts_dir = settings.sources_dir or seeds_dir / TEXTS_DIR_NAME
    known = known_source_ids(seeds_dir)
    check_draft(draft, known, known_entity_ids(seeds_dir), problems)
    assert draft.source is not None
    source_id = str(draft.source.data["id"])
    add_source = draft.source.accepted and source_id not in known
    article = _read_article(draft_path, draft.source.data, texts_dir, problems) if add_source else None
    if problems:
        raise InputError(problems)
    result = AcceptResult(draft_path, seeds_dir, source_id, add_source, len(draft.accepted("entity")),
                          len(draft.accepted("fact")), len(draft.accepted("observation")),
                          draft.count("pending"), draft.count("reject"))
    if draft.source.accepted and not add_source:
        result.notes.append(f"the source '{source_id}' is in the seeds already: not added again")
    if not result.accepted:
        return result
    with tempfile.TemporaryDirectory(prefix="jjjkg-accept-") as root:
        staged = stage(Path(root), seeds_dir, texts_dir)
        apply_draft(draft, staged, article, add_source)
        found, notes = validate(Settings(staged.seeds, staged.texts, settings.reference_dir))
        mapped = Problems([staged.problem(p) for p in found.items], [staged.problem(p) for p in found.warnings])
        if mapped:
            raise InputError(mapped)
        result.warnings = mapped.sorted_warnings()
        result.notes += notes
        result.files = write_back(staged)
    return result
