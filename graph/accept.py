"""`jjjkg accept DRAFT`: move the items a curator marked `review: accept` in a draft (written by
`jjjkg propose`) into the seeds, then validate; all or nothing.

The draft is read with its lines and checked on its own first (graph/accept_draft.py, against what
the seeds hold: graph/accept_seeds.py). The accepted items are then appended as text to a copy of the
seeds and texts folders (graph/accept_stage.py, graph/accept_files.py: the seed files keep their
comments), and the copy is validated (graph/validate.py). A problem in an appended item is reported
at the draft's line of that item; any other at the seeds' own path. Only a copy that validates is
written back, each changed file replaced whole, after checking that none changed meanwhile."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .accept_draft import Draft, DraftItem, check_draft, read_draft
from .accept_seeds import facts_file_of, known_entity_ids, known_source_ids, new_facts_name
from .accept_stage import Staged, apply_draft, stage, write_back
from .problems import InputError, Problem, Problems
from .resources import TEXTS_DIR_NAME
from .safe_io import BadText, FileRefused, decode_utf8, read_capped, regular_kind, shown
from .settings import Settings
from .yamlfile import YMap

__all__ = ["AcceptResult", "Draft", "DraftItem", "Staged", "accept_draft", "apply_draft", "check_draft",
           "facts_file_of", "known_entity_ids", "known_source_ids", "new_facts_name", "read_draft", "stage",
           "write_back"]


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
