"""Looking things up by name, one way everywhere: `import-csv` cells, `view --focus` and
`query --param` all accept an id, a zh or en label or an alias, compared without spaces and case.

A name that fits one thing gives its id; one that fits several is ambiguous and lists them; one
that fits nothing gives the nearest names (difflib), so a typo is one step from being fixed.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

_SPACE = re.compile(r"[\s\u3000]+")
# English names are also found without their generic tail (Xiong'an New Area → Xiong'an, Haidian
# District → Haidian, Jizhou District, Tianjin → Jizhou), as the zh aliases drop 区/县/市; only
# where no full name is the same.
_EN_TAIL = re.compile(r"^(?P<stem>.+?)\s+(?:New Area|District|County|City|Municipality|Province)"
                     r"(?:,\s*[^,]+)?$")  # a homonym's prefecture: "Jizhou District, Tianjin"
NEAREST = 5
_PLURAL = {"entity": "entities", "industry": "industries"}


def normal_name(text: str) -> str:
    """A name as looked up: without spaces (full-width ones too), case-folded."""
    return _SPACE.sub("", text).casefold()


@dataclass(frozen=True)
class Found:
    """One look-up's outcome: the id, or why there is none ("unresolved" or "ambiguous") and the
    candidates (ids) to offer instead."""

    id: str | None
    problem: str = ""
    candidates: tuple[str, ...] = ()


@dataclass
class NameIndex:
    """Names (normalised) → the ids that carry them, and each id's label for messages."""

    ids: dict[str, set[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    short: dict[str, set[str]] = field(default_factory=dict)  # English names without their generic tail

    @classmethod
    def of(cls, records: Iterable[tuple[str, Iterable[str | None]]]) -> NameIndex:
        """From (id, names) pairs; the first name given is the id's label in messages."""
        index = cls()
        for key, names in records:
            index.add(key, names)
        return index

    def add(self, key: str, names: Iterable[str | None]) -> None:
        for name in (key, *names):
            if name:
                self.ids.setdefault(normal_name(name), set()).add(key)
                if name != key:
                    self.labels.setdefault(key, name)
                tail = _EN_TAIL.match(name)
                if tail:
                    self.short.setdefault(normal_name(tail["stem"]), set()).add(key)

    def find(self, text: str) -> Found:
        hits = self.ids.get(normal_name(text)) or self.short.get(normal_name(text), set())
        if len(hits) == 1:
            return Found(next(iter(hits)))
        if hits:
            return Found(None, "ambiguous", tuple(sorted(hits)))
        near = difflib.get_close_matches(normal_name(text), list(self.ids), n=NEAREST, cutoff=0.6) or \
            difflib.get_close_matches(normal_name(text), list(self.ids), n=NEAREST, cutoff=0.4)
        candidates: list[str] = []
        for name in near:
            candidates += [key for key in sorted(self.ids[name]) if key not in candidates]
        return Found(None, "unresolved", tuple(candidates[:NEAREST]))

    def describe(self, keys: Iterable[str]) -> str:
        """'雄安新区 (xiongan), 保定市 (baoding)' for messages."""
        return ", ".join(f"{self.labels[key]} ({key})" if key in self.labels else key for key in keys)

    def explain(self, text: str, found: Found, what: str = "entity") -> str:
        """The one-line reason a look-up failed, naming the candidates."""
        if found.problem == "ambiguous":
            return (f"{text!r} names {len(found.candidates)} {_PLURAL.get(what, what + 's')}: "
                    f"{self.describe(found.candidates)}; give the id")
        hint = f"; did you mean {self.describe(found.candidates)}?" if found.candidates else "; no name is close"
        return f"no {what} with id or name {text!r}{hint}"
