"""Resolve place names and division codes, as tables print them, to the place entities of the seeds.

Accepted: the full name (保定市), any alias (保定), the English name (Baoding, any case), the id
(baoding), the six-digit division code (130600, or its twelve-digit statistical form 130600000000),
and a name prefixed by its parents (河北省保定市, 张家口市桥西区), which is how an ambiguous county
name (桥西区 lies in 石家庄, 张家口 and 邢台) is told apart.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .checks import PLACE
from .model import Entity, Seeds
from .names import NameIndex, normal_name
from .schema import Schema

_CODE = re.compile(r"^([1-9]\d{5})(?:0{6})?$")


@dataclass(frozen=True)
class Resolution:
    """One name's outcome: the place id, or why there is none."""

    place: str | None
    problem: str = ""  # "unresolved" or "ambiguous"
    detail: str = ""


@dataclass
class PlaceIndex:
    names: dict[str, set[str]] = field(default_factory=dict)  # name or code → place ids
    parents: dict[str, list[str]] = field(default_factory=dict)  # place id → located_in
    labels: dict[str, str] = field(default_factory=dict)  # place id → zh label
    _cache: dict[str, Resolution] = field(default_factory=dict)

    @classmethod
    def from_seeds(cls, seeds: Seeds, schema: Schema) -> PlaceIndex:
        places = [e for e in seeds.entities.values() if schema.is_a(schema.types[e.type].iri, PLACE)]
        names = name_index(places)
        for place in places:
            if place.division_code:
                names.setdefault(place.division_code, set()).add(place.id)
        return cls(names, {p.id: list(p.located_in) for p in places}, {p.id: p.zh for p in places})

    def within(self, place: str, ancestors: set[str]) -> bool:
        """True when place lies (transitively) in one of ancestors."""
        todo, seen = list(self.parents.get(place, ())), set()
        while todo:
            current = todo.pop()
            if current in ancestors:
                return True
            if current not in seen:
                seen.add(current)
                todo.extend(self.parents.get(current, ()))
        return False

    def resolve(self, text: str) -> Resolution:
        """The place a cell names; results are cached, since tables repeat their place names."""
        found = self._cache.get(text)
        if found is None:
            found = self._cache[text] = self._resolve(text)
        return found

    def _candidates(self, key: str) -> set[str]:
        code = _CODE.match(key)
        return set(self.names.get(code.group(1) if code else key, ()))

    def _resolve(self, text: str) -> Resolution:
        key = normal_name(text)
        candidates = self._candidates(key) or self._by_parents(key)
        if len(candidates) == 1:
            return Resolution(next(iter(candidates)))
        if not candidates:
            return Resolution(None, "unresolved", f"no place of the seeds is called '{text}'")
        named = ", ".join(f"{self._path(c)} ({c})" for c in sorted(candidates))
        return Resolution(None, "ambiguous", f"'{text}' may be {named}: prefix the prefecture, e.g. "
                                             f"'{self._path(min(candidates))}'")

    def _by_parents(self, key: str) -> set[str]:
        """河北省保定市 → 保定市 within 河北省; tries the longest known prefix first."""
        for cut in range(len(key) - 1, 0, -1):
            heads = self.names.get(key[:cut])
            if not heads:
                continue
            tails = self._candidates(key[cut:]) or self._by_parents(key[cut:])
            inside = {t for t in tails if self.within(t, heads)}
            if inside:
                return inside
        return set()

    def _path(self, place: str) -> str:
        """The zh names from the prefecture down: 张家口市桥西区."""
        parents = self.parents.get(place, [])
        parent = parents[0] if parents else None
        if parent and self.parents.get(parent):  # leave out the province
            return self.labels.get(parent, "") + self.labels.get(place, place)
        return self.labels.get(place, place)


def name_index(entities: Iterable[Entity]) -> dict[str, set[str]]:
    """Every entity's id, zh and en labels and aliases, as looked up → the ids that carry them."""
    return NameIndex.of((entity.id, (entity.zh, entity.en, *entity.aliases)) for entity in entities).ids
