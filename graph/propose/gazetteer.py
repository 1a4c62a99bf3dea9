"""The registry as a gazetteer: every label, alias and division short form (保定市 → 保定) and every
industry name, mapped to the ids it names, in one Aho–Corasick automaton for mentions.py."""
from __future__ import annotations

from dataclasses import dataclass, field

import ahocorasick

from ..model import Seeds

DIVISION_TYPES = ("province", "prefecture", "county")
_DIVISION_ENDINGS = ("自治县", "新区", "省", "市", "区", "县")


@dataclass
class Gazetteer:
    automaton: ahocorasick.Automaton
    by_name: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def spans(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        """(start, end, name) of every registry or industry name in text[start:end], overlapping
        ones too, as offsets into text."""
        hits = self.automaton.iter(text, start, len(text) if end is None else end)
        return [(last + 1 - length, last + 1, name) for last, (length, name) in hits]

    def industry_spans(self, text: str, seeds: Seeds) -> list[tuple[int, int, str]]:
        """The spans of text that name an industry of seeds (overlapping ones too)."""
        return [hit for hit in self.spans(text) if any(i in seeds.industries for i in self.by_name.get(hit[2], ()))]


def short_forms(zh: str) -> list[str]:
    """A division's names without its ending (保定市 → 保定, 满城区 → 满城), when two characters remain."""
    return [zh[:-len(end)] for end in _DIVISION_ENDINGS if zh.endswith(end) and len(zh) - len(end) >= 2]


def gazetteer(seeds: Seeds, hidden: frozenset[str] = frozenset()) -> Gazetteer:
    """Every name of the registry and the industry scheme, mapped to the ids it names; a name of two
    ids (桥西区 in two prefectures) maps to both and is linked only where the article settles it."""
    names: dict[str, set[str]] = {}
    rank: dict[str, int] = {}  # a full name or alias (0) before a short form: a province's (1), a prefecture's (2), …

    def add(form: str, ident: str, level: int) -> None:
        if len(form) < 2 or rank.get(form, level) < level:
            return
        if rank.get(form, level) > level:
            names[form] = set()
        rank[form] = level
        names.setdefault(form, set()).add(ident)

    for entity in seeds.entities.values():
        if entity.id in hidden:
            continue
        for form in (entity.zh, *entity.aliases):
            add(form, entity.id, 0)
            if entity.type in DIVISION_TYPES:
                for short in short_forms(form):
                    add(short, entity.id, 1 + DIVISION_TYPES.index(entity.type))
    for industry in seeds.industries.values():
        for form in (industry.zh, *industry.aliases):
            if len(form) >= 2 and form not in names:
                names[form] = {industry.id}
    automaton = ahocorasick.Automaton()
    by_name = {name: tuple(sorted(ids)) for name, ids in names.items()}
    for name, ids in by_name.items():
        automaton.add_word(name, (len(name), name))
    automaton.make_automaton()
    return Gazetteer(automaton, by_name)
