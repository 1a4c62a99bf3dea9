"""What the aggregated flows view reads from an import's Oxigraph store, and nothing else: the flow
counts, where each entity lies and the places' names and coordinates from the derived graph
(graph/derived.py) with SPARQL; every statement's relation and two ends in one streamed query (only
when the import did not hand them over); and, for the few statements a page shows, their quotes,
sources and names by direct look-ups. Nothing is loaded into rdflib or NetworkX.

Ids are local: an entity by its id (the IRI after …/id/), a statement by its id (after
…/statement/), a relation by its key. An IRI outside those namespaces stays whole.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..namespaces import DCTERMS, ENT, GEO, JJJ, PROV, RDF, RDFS, SRC, STMT
from ..schema import Schema
from ..store_layout import DERIVED_GRAPH

StatementRow = tuple[str, str, str, str]  # statement id, relation key, start id, end id
Membership = tuple[tuple[str, ...], tuple[str, ...]]  # the provinces and the prefectures an entity lies in

_PREFIXES = f"""PREFIX jjj: <{JJJ}>
PREFIX rdf: <{RDF}>
PREFIX rdfs: <{RDFS}>
PREFIX geo: <{GEO}>
"""
FLOW_COUNTS = _PREFIXES + f"""SELECT ?level ?origin ?destination ?relation ?count WHERE {{
  GRAPH <{DERIVED_GRAPH.value}> {{
    ?flow a jjj:FlowCount ; jjj:level ?level ; jjj:origin ?origin ; jjj:destination ?destination ;
          jjj:relation ?relation ; jjj:statementCount ?count .
  }}
}}"""
MEMBERSHIP = _PREFIXES + f"""SELECT ?entity ?property ?place WHERE {{
  GRAPH <{DERIVED_GRAPH.value}> {{ VALUES ?property {{ jjj:inProvince jjj:inPrefecture }} ?entity ?property ?place }}
}}"""
# The flows' ends, and every division (the base map names its units by division code).
PLACES = _PREFIXES + f"""SELECT ?place ?label ?lat ?lon ?code WHERE {{
  {{ SELECT DISTINCT ?place WHERE {{
    {{ GRAPH <{DERIVED_GRAPH.value}> {{ ?flow jjj:origin|jjj:destination ?place }} }} UNION {{ ?place jjj:divisionCode ?any }}
  }} }}
  OPTIONAL {{ ?place rdfs:label ?label }}
  OPTIONAL {{ ?place geo:lat ?lat ; geo:long ?lon }}
  OPTIONAL {{ ?place jjj:divisionCode ?code }}
}}"""
# Every statement but the located_in ones: its relation, subject, object and from-place. One pass;
# 34 s on a 1M-row import's store (benchmarks/README.md), which is why the import hands them over.
STATEMENTS = _PREFIXES + """SELECT ?statement ?relation ?subject ?object ?from WHERE {
  ?statement rdf:predicate ?relation ; rdf:subject ?subject ; rdf:object ?object .
  FILTER(?relation != jjj:locatedIn)
  OPTIONAL { ?statement jjj:fromPlace ?from }
}"""


def local(iri: str, namespace: str) -> str:
    return iri[len(namespace):] if iri.startswith(namespace) else iri


def _entity(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str:
    return local(term.value, str(ENT)) if term is not None else ""


@dataclass(frozen=True)
class FlowCount:
    level: str
    origin: str
    destination: str
    relation: str
    count: int


@dataclass
class Place:
    id: str
    zh: str = ""
    en: str = ""
    lat: float | None = None
    lon: float | None = None
    code: str = ""


@dataclass
class Fact:
    """A statement as the page lists it."""
    id: str
    relation: str
    subject: str
    object: str
    from_place: str = ""
    date: str = ""
    quote: str = ""
    source: str = ""


@dataclass
class Source:
    id: str
    titles: dict[str, str] = field(default_factory=dict)
    publishers: dict[str, str] = field(default_factory=dict)
    published: str = ""

    def record(self) -> dict[str, str]:
        """As the page shows it: title and publisher in Chinese and English (each falling back on
        the other language), and the date."""
        def pick(texts: dict[str, str], lang: str) -> str:
            return texts.get(lang) or next((texts[k] for k in sorted(texts)), "")

        return {"id": self.id, "zh": pick(self.titles, "zh"), "en": pick(self.titles, "en"),
                "publisher": pick(self.publishers, "zh"), "publisherEn": pick(self.publishers, "en"),
                "published": self.published}


class FlowStore:
    """An import's store, opened read-only."""

    def __init__(self, store: ox.Store, schema: Schema) -> None:
        self.store = store
        self.relation_keys = {str(r.iri): key for key, r in schema.relations.items()}

    def _select(self, query: str) -> Iterator[ox.QuerySolution]:
        yield from self.store.query(query)  # type: ignore[misc]

    def flow_counts(self) -> list[FlowCount]:
        found = [FlowCount(row["level"].value, _entity(row["origin"]), _entity(row["destination"]),
                           self.relation_keys.get(row["relation"].value, row["relation"].value), int(row["count"].value))
                 for row in self._select(FLOW_COUNTS)]
        return sorted(found, key=lambda f: (f.level, f.origin, f.destination, f.relation))

    def membership(self) -> dict[str, Membership]:
        """Each entity that lies in a province → its provinces and prefectures, sorted. Equal
        tuples are one object, so a caller may key a cache on them."""
        places: dict[str, tuple[list[str], list[str]]] = {}
        for row in self._select(MEMBERSHIP):
            entry = places.setdefault(_entity(row["entity"]), ([], []))
            entry[row["property"].value == str(JJJ.inPrefecture)].append(_entity(row["place"]))
        shared: dict[Membership, Membership] = {}
        out: dict[str, Membership] = {}
        for entity, (provinces, prefectures) in places.items():
            value = (tuple(sorted(provinces)), tuple(sorted(prefectures)))
            out[entity] = shared.setdefault(value, value)
        return out

    def places(self) -> dict[str, Place]:
        """The origins and destinations of the flow counts, and every division, with their names,
        coordinates and division codes."""
        found: dict[str, Place] = {}
        for row in self._select(PLACES):
            place = found.setdefault(_entity(row["place"]), Place(_entity(row["place"])))
            label = row["label"]
            if isinstance(label, ox.Literal) and label.language in ("zh", "en"):
                before = getattr(place, label.language)  # of several labels, the first in code point order
                setattr(place, label.language, min(before, label.value) if before else label.value)
            if row["lat"] is not None and row["lon"] is not None:
                place.lat, place.lon = float(row["lat"].value), float(row["lon"].value)
            if row["code"] is not None:
                place.code = row["code"].value
        return found

    def statements(self) -> Iterator[StatementRow]:
        """Every statement (but located_in ones): id, relation key, start (its from-place, else its
        subject) and end (its object)."""
        keys, stmt = self.relation_keys, str(STMT)
        for row in self._select(STATEMENTS):
            start = row["from"] if row["from"] is not None else row["subject"]
            yield (local(row["statement"].value, stmt), keys.get(row["relation"].value, row["relation"].value),
                   _entity(start), _entity(row["object"]))

    def _about(self, iri: str) -> dict[str, list[ox.NamedNode | ox.BlankNode | ox.Literal]]:
        values: dict[str, list[ox.NamedNode | ox.BlankNode | ox.Literal]] = {}
        for quad in self.store.quads_for_pattern(ox.NamedNode(iri), None, None, ox.DefaultGraph()):
            values.setdefault(quad.predicate.value, []).append(quad.object)  # type: ignore[arg-type]
        return values

    def facts(self, ids: list[str]) -> dict[str, Fact]:
        """The statements of these ids, by direct look-ups (0.3 s for 5,000 on a 1M-row store)."""
        out: dict[str, Fact] = {}
        for ident in ids:
            about = self._about(str(STMT) + ident)

            def first(prop: str, about: dict[str, list[ox.NamedNode | ox.BlankNode | ox.Literal]] = about) -> str:
                terms = about.get(prop)
                return min(t.value for t in terms) if terms else ""

            relation = first(str(RDF.predicate))
            out[ident] = Fact(ident, self.relation_keys.get(relation, relation), local(first(str(RDF.subject)), str(ENT)),
                              local(first(str(RDF.object)), str(ENT)), local(first(str(JJJ.fromPlace)), str(ENT)),
                              first(str(JJJ.date)), first(str(JJJ.quote)), local(first(str(PROV.wasDerivedFrom)), str(SRC)))
        return out

    def labels(self, ids: list[str]) -> dict[str, tuple[str, str]]:
        """Entity id → (zh, en) label; an id with none of its own keeps ("", "")."""
        out: dict[str, tuple[str, str]] = {}
        label = ox.NamedNode(str(RDFS.label))
        for ident in ids:
            names: dict[str, list[str]] = {"zh": [], "en": []}
            iri = ident if ":" in ident else str(ENT) + ident
            for quad in self.store.quads_for_pattern(ox.NamedNode(iri), label, None, ox.DefaultGraph()):
                term = quad.object
                if isinstance(term, ox.Literal) and term.language in names:
                    names[term.language].append(term.value)
            out[ident] = (min(names["zh"], default=""), min(names["en"], default=""))
        return out

    def sources(self, ids: list[str]) -> dict[str, Source]:
        out: dict[str, Source] = {}
        for ident in ids:
            about = self._about(str(SRC) + ident)
            source = out[ident] = Source(ident)
            for prop, into in ((str(DCTERMS.title), source.titles), (str(DCTERMS.publisher), source.publishers)):
                for term in sorted(about.get(prop, []), key=lambda t: t.value):
                    if isinstance(term, ox.Literal):
                        into.setdefault(term.language or "", term.value)
            issued = about.get(str(DCTERMS.issued))
            source.published = min(t.value for t in issued) if issued else ""
        return out
