"""The typed in-memory model that seeds are read into and the RDF graph is built from."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from rdflib import URIRef

from .problems import Loc


@dataclass
class Source:
    id: str
    title: str
    publisher: str | None
    file: str
    language: str
    kind: str = "article"  # "article" or "dataset"
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    publisher_en: str | None = None
    title_en: str | None = None
    loc: Loc = Loc("")
    photographers: list[str] = field(default_factory=list)
    original_title: str | None = None  # the title at first publication, where a republication prints it
    republished_by: str | None = None  # the site the text was taken from, where it is not the publisher
    republished_by_en: str | None = None


@dataclass
class Entity:
    id: str
    type: str
    zh: str
    en: str
    aliases: list[str] = field(default_factory=list)
    located_in: list[str] = field(default_factory=list)
    division_code: str | None = None
    wikidata: str | None = None
    lat: Decimal | None = None
    lon: Decimal | None = None
    description: str | None = None
    loc: Loc = Loc("")
    locs: dict[str, Loc] = field(default_factory=dict)
    en_shared_because: str | None = None  # why its English label may equal another entity's
    located_in_source: str | None = None  # "reference": the reference tables state its located_in, not an article


@dataclass
class Industry:
    id: str
    zh: str
    en: str
    broader: str | None = None
    aliases: list[str] = field(default_factory=list)
    loc: Loc = Loc("")
    locs: dict[str, Loc] = field(default_factory=dict)


@dataclass
class IndicatorDef:
    id: str
    zh: str
    en: str
    unit: str  # key of the base unit
    description: str | None = None
    loc: Loc = Loc("")
    locs: dict[str, Loc] = field(default_factory=dict)


@dataclass
class Quantity:
    """A number as printed (400, 亿元, 突破 → more_than) and normalised to a base unit."""

    printed: str
    unit_printed: str
    value: Decimal
    unit: URIRef
    bound: str | None = None


@dataclass(frozen=True)
class Note:
    """A curator's note on how a quote was read (jjj:curatorNote), in English, Chinese or both;
    at least one of the two is given. Never a fact of its own."""

    en: str | None = None
    zh: str | None = None

    def __post_init__(self) -> None:
        if not self.en and not self.zh:
            raise ValueError("a note needs its English or its Chinese text")

    def texts(self) -> list[tuple[str, str]]:
        """(language tag, text) for each language given: en first, then zh."""
        return [(lang, text) for lang, text in (("en", self.en), ("zh", self.zh)) if text]


@dataclass
class Fact:
    source: str
    subject: str
    relation: str
    object: str
    quote: str
    qualifiers: dict[str, str] = field(default_factory=dict)
    amount: Quantity | None = None
    id: str = ""
    loc: Loc = Loc("")
    locs: dict[str, Loc] = field(default_factory=dict)
    row: int | None = None  # for a dataset's fact: the line of the file where its record begins
    modality: str | None = None  # planned / under_way / done, from the quote's wording; None: stated plainly
    note: Note | None = None  # the curator's note; never one of `qualifiers`

    def __post_init__(self) -> None:
        if "note" in self.qualifiers:  # an imported table's note column: English, as a plain-string note is
            text = self.qualifiers["note"]
            self.qualifiers = {key: value for key, value in self.qualifiers.items() if key != "note"}
            self.note = self.note or (Note(en=text) if text else None)


@dataclass
class Observation:
    source: str
    indicator: str
    quantity: Quantity
    quote: str
    period: str | None = None
    period_text: str | None = None
    areas: list[str] = field(default_factory=list)
    counterparts: list[str] = field(default_factory=list)
    about: str | None = None
    note: Note | None = None
    id: str = ""
    loc: Loc = Loc("")
    locs: dict[str, Loc] = field(default_factory=dict)
    modality: str | None = None


@dataclass
class Seeds:
    sources: dict[str, Source] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    industries: dict[str, Industry] = field(default_factory=dict)
    indicators: dict[str, IndicatorDef] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    # What could not be read, so that what follows from it is not reported as well: the kinds of
    # record ("sources", "entities", "industries", "indicators", "facts") of which a file was
    # unreadable or of the wrong shape, and the ids of records that were written but refused.
    unreadable: set[str] = field(default_factory=set)
    refused: set[str] = field(default_factory=set)

    def explains_missing(self, ident: str, *kinds: str) -> bool:
        """True when ident, not found among `kinds`, may be one of the records already reported
        as unreadable or refused (so "unknown id" would only repeat that problem)."""
        return ident in self.refused or any(kind in self.unreadable for kind in kinds)

    def where(self) -> dict[str, Loc]:
        """Where each entity, fact and observation was written: maps local ids to file:line."""
        places: dict[str, Loc] = {}
        for registry in (self.sources, self.entities, self.industries, self.indicators):
            for key, record in registry.items():
                places[key] = record.loc
        items: list[Fact | Observation] = [*self.facts, *self.observations]
        for item in items:
            places[item.id] = item.loc
        return places
