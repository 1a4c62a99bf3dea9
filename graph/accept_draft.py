"""The draft `jjjkg accept` reads (written by `jjjkg propose`): its items with their review, and the
checks it must pass on its own before anything is staged. Read with its lines (graph/yamlfile.py),
so that every problem points at the draft's file:line."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .problems import Loc, Problems
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
