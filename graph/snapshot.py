"""The graph as of a date (`--as-of DATE`): the checked seeds with the facts and indicator values
dated after DATE left out, before the graph is assembled.

The date rule. A fact's date is its own (the `date` qualifier), else its article's publication date
(the source's `published`); an indicator value's is its period, else its article's publication date.
An item with neither is *undated* and always kept. A dated item is kept when its date *begins* on or
before the *end* of DATE: `--as-of 2024` means up to 2024-12-31 and `--as-of 2024-06` up to
2024-06-30, and a fact dated 2024 begins on 2024-01-01. So the two are compared at the precision of
the shorter one: a fact dated 2024 is kept as of 2024-06 (its year has begun), one dated 2024-07 is
kept as of 2024 and left out as of 2024-06, one dated 2024-06-15 is kept as of 2024-06 and left out
as of 2024-06-14. This is the network view's year rule: the view dates an edge by the year of the
same date, and `--as-of YYYY` keeps exactly the edges its year slider shows with the range ending at
YYYY, undated ones included.

Only facts and indicator values are dated. Sources, entities, industries and indicators (the
registry) stay, and so do the registry's own links (an entity's located_in): an entity named only
by facts that were left out remains, as a node without those links.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .fields import valid_date
from .model import Fact, Observation, Seeds

AS_OF_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"


@dataclass(frozen=True)
class AsOf:
    """A date the graph is taken as of: YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date."""
    text: str

    @classmethod
    def parse(cls, text: str) -> AsOf:
        """The date as given; ValueError saying what is wrong (2024-13, yesterday, 20240101)."""
        if not valid_date(text):
            raise ValueError(f"{text[:40]!r} is not a date: give {AS_OF_FORMS}")
        return cls(text)

    def admits(self, date: str) -> bool:
        """True when an item dated `date` (YYYY[-MM[-DD]]) begins on or before the end of this
        date: both are compared at the precision of the shorter one."""
        common = min(len(date), len(self.text))
        return date[:common] <= self.text[:common]

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Snapshot:
    """What a snapshot kept and left out, by kind: dated and kept, dated after it and left out,
    undated and kept (the three add up to what the seeds hold)."""
    as_of: AsOf
    facts_kept: int
    facts_left_out: int
    facts_undated: int
    values_kept: int
    values_left_out: int
    values_undated: int

    def __str__(self) -> str:
        return (f"as of {self.as_of}: kept {self.facts_kept} dated facts, left out {self.facts_left_out} dated "
                f"after it, kept {self.facts_undated} undated; indicator values: kept {self.values_kept} "
                f"dated, left out {self.values_left_out}, kept {self.values_undated} undated")


def fact_date(fact: Fact, seeds: Seeds) -> str | None:
    """The fact's own date, else its article's publication date, else None (undated)."""
    source = seeds.sources.get(fact.source)
    return fact.qualifiers.get("date") or (source.published if source else None) or None


def value_date(value: Observation, seeds: Seeds) -> str | None:
    """The indicator value's period, else its article's publication date, else None (undated)."""
    source = seeds.sources.get(value.source)
    return value.period or (source.published if source else None) or None


def take_snapshot(seeds: Seeds, as_of: AsOf) -> tuple[Seeds, Snapshot]:
    """The seeds with the facts and indicator values dated after as_of left out (in their order;
    the registry untouched), and the counts. The given seeds are not changed."""
    fact_dates = [fact_date(fact, seeds) for fact in seeds.facts]
    value_dates = [value_date(value, seeds) for value in seeds.observations]
    facts = [f for f, date in zip(seeds.facts, fact_dates) if date is None or as_of.admits(date)]
    values = [v for v, date in zip(seeds.observations, value_dates) if date is None or as_of.admits(date)]
    undated_facts, undated_values = fact_dates.count(None), value_dates.count(None)
    summary = Snapshot(as_of, len(facts) - undated_facts, len(seeds.facts) - len(facts), undated_facts,
                       len(values) - undated_values, len(seeds.observations) - len(values), undated_values)
    return replace(seeds, facts=facts, observations=values), summary


def turtle_comment(as_of: AsOf) -> bytes:
    """The line a snapshot's Turtle carries under its header, saying what it is."""
    return (f"# A snapshot as of {as_of} (jjjkg --as-of {as_of}): facts and indicator values dated after it "
            "are left out.\n").encode("utf-8")
