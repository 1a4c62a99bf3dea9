"""The one writer: the checked model as N-Triples lines, following Wikidata's statement pattern (a
direct, "truthy" triple for every fact, plus a statement node with its qualifiers, quote and source).

Curated seeds and imported tables go through it alike: `build` collects the lines of the whole model
(`model_lines`) and Oxigraph turns them into Turtle, N-Triples and JSON-LD; `import-csv` streams a
table's rows through the same `NTriplesWriter` into a file. Terms are written by Oxigraph
(`ox.Literal`'s N-Triples form), so a line is byte for byte what Oxigraph's own serializer writes.
The rdflib Graph of the library's API (`Built.graph`) is parsed from these lines on demand.
"""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pyoxigraph as ox

from .model import Entity, Fact, IndicatorDef, Industry, Note, Observation, Quantity, Seeds, Source
from .namespaces import (DCTERMS, ENT, GEO, INDICATOR, INDUSTRY, JJJ, OBS, PROV, QB, RDF, RDFS, SCHEMA, SKOS, SRC,
                         STMT, WD, XSD)
from .schema import Schema

DATASET = "https://w3id.org/jjjkg/dataset/indicators"
DATE_TYPES = {4: str(XSD.gYear), 7: str(XSD.gYearMonth), 10: str(XSD.date)}  # by length: YYYY, YYYY-MM, YYYY-MM-DD
_TEXT_RANGES = (RDF.langString, RDFS.Literal)


def literal(text: str, lang: str | None = None, datatype: str | None = None) -> str:
    """A literal in N-Triples, escaped by Oxigraph."""
    return str(ox.Literal(text, language=lang, datatype=ox.NamedNode(datatype) if datatype else None))


def date_literal(text: str) -> str:
    """YYYY → xsd:gYear, YYYY-MM → xsd:gYearMonth, YYYY-MM-DD → xsd:date."""
    return literal(text, datatype=DATE_TYPES[len(text)])


def decimal_text(value: Decimal) -> str:
    """Always with a decimal point (120.0), the canonical-looking form Turtle writers round-trip."""
    text = format(value.normalize(), "f")
    return text if "." in text else text + ".0"


def decimal_literal(value: Decimal) -> str:
    return literal(decimal_text(value), datatype=str(XSD.decimal))


def node_iri(seeds: Seeds, ident: str) -> str:
    """Entities live under id/, industry concepts under industry/."""
    return str(INDUSTRY[ident] if ident in seeds.industries and ident not in seeds.entities else ENT[ident])


def nt_iri(term: str) -> str:
    """An IRI as an N-Triples term."""
    return f"<{term}>"


TYPE, LABEL, ALT = nt_iri(RDF.type), nt_iri(RDFS.label), nt_iri(SKOS.altLabel)
STATEMENT = nt_iri(JJJ.Statement)
QUOTE = nt_iri(JJJ.quote)
DERIVED_FROM = nt_iri(PROV.wasDerivedFrom)
SOURCE_ROW = nt_iri(JJJ.sourceRow)
UNIT = nt_iri(JJJ.unit)
VALUE_AS_PRINTED = nt_iri(JJJ.valueAsPrinted)
UNIT_AS_PRINTED = nt_iri(JJJ.unitAsPrinted)
BOUND = nt_iri(JJJ.bound)
MODALITY = nt_iri(JJJ.modality)
AMOUNT = nt_iri(JJJ.amount)
LOCATED_IN = nt_iri(JJJ.locatedIn)
CURATOR_NOTE = nt_iri(JJJ.curatorNote)
INTEGER = str(XSD.integer)


class NTriplesWriter:
    """Writes the model's parts as N-Triples lines through emit; each truthy triple once, also
    across calls (stated: the truthy triples already written, for an import after the curated part)."""

    def __init__(self, seeds: Seeds, schema: Schema, emit: Callable[[str], object],
                 stated: set[tuple[str, str, str]] | None = None) -> None:
        self.seeds, self.schema, self.emit = seeds, schema, emit
        self.truthy: set[tuple[str, str, str]] = set() if stated is None else stated
        self.triples = 0
        self._nodes: dict[str, str] = {}
        self._spo = (nt_iri(RDF.subject), nt_iri(RDF.predicate), nt_iri(RDF.object))
        self._relations = {k: (nt_iri(r.iri), nt_iri(r.statement_class) if r.statement_class else None)
                           for k, r in schema.relations.items()}
        self._qualifiers = {k: (nt_iri(q.iri), q.range in _TEXT_RANGES) for k, q in schema.qualifiers.items()}
        self._types = {k: nt_iri(t.iri) for k, t in schema.types.items()}
        self._sources = {s.id: (nt_iri(SRC[s.id]), s.language) for s in seeds.sources.values()}

    def _write(self, lines: list[str]) -> None:
        self.emit("".join(lines))
        self.triples += len(lines)

    def node(self, ident: str) -> str:
        found = self._nodes.get(ident)
        if found is None:
            found = self._nodes[ident] = nt_iri(node_iri(self.seeds, ident))
        return found

    def model(self) -> None:
        """Every part of the seeds: sources, industries, indicators, entities, facts, values."""
        seeds = self.seeds
        for source in seeds.sources.values():
            self.source(source)
        for industry in seeds.industries.values():
            self.industry(industry)
        for indicator in seeds.indicators.values():
            self.indicator(indicator)
        for entity in seeds.entities.values():
            self.entity(entity)
        for fact in seeds.facts:
            self.fact(fact)
        if seeds.observations:
            self._write([f"<{DATASET}> {TYPE} {nt_iri(QB.DataSet)} .\n",
                         f"<{DATASET}> {LABEL} {literal('京津冀指标', 'zh')} .\n",
                         f"<{DATASET}> {LABEL} {literal('jjjkg indicators', 'en')} .\n"])
        for obs in seeds.observations:
            self.observation(obs)

    def source(self, source: Source) -> None:
        iri, lang = nt_iri(SRC[source.id]), source.language
        kind = SCHEMA.NewsArticle if source.kind == "article" else SCHEMA.Dataset
        lines = [f"{iri} {TYPE} {nt_iri(JJJ.Source)} .\n", f"{iri} {TYPE} {nt_iri(kind)} .\n"]
        texts = [(DCTERMS.title, source.title, lang), (DCTERMS.title, source.title_en, "en"),
                 (DCTERMS.publisher, source.publisher, lang), (DCTERMS.publisher, source.publisher_en, "en"),
                 *((SCHEMA.author, person, lang) for person in source.authors),
                 *((SCHEMA.editor, person, lang) for person in source.editors),
                 *((SCHEMA.contributor, person, lang) for person in source.photographers),
                 (DCTERMS.alternative, source.original_title, lang),
                 (JJJ.republishedBy, source.republished_by, lang), (JJJ.republishedBy, source.republished_by_en, "en")]
        lines += [f"{iri} {nt_iri(prop)} {literal(text, text_lang)} .\n" for prop, text, text_lang in texts if text]
        if source.published:
            lines.append(f"{iri} {nt_iri(DCTERMS.issued)} {date_literal(source.published)} .\n")
        lines += [f"{iri} {nt_iri(DCTERMS.language)} {literal(lang)} .\n",
                  f"{iri} {nt_iri(JJJ.textFile)} {literal(source.file)} .\n"]
        self._write(lines)

    def industry(self, industry: Industry) -> None:
        iri, scheme = nt_iri(INDUSTRY[industry.id]), nt_iri(INDUSTRY[""])
        lines = [f"{iri} {TYPE} {nt_iri(SKOS.Concept)} .\n", f"{iri} {nt_iri(SKOS.inScheme)} {scheme} .\n"]
        for prop in (nt_iri(SKOS.prefLabel), LABEL):
            lines += [f"{iri} {prop} {literal(industry.zh, 'zh')} .\n", f"{iri} {prop} {literal(industry.en, 'en')} .\n"]
        lines += [f"{iri} {ALT} {literal(alias, 'zh')} .\n" for alias in industry.aliases]
        if industry.broader:
            lines.append(f"{iri} {nt_iri(SKOS.broader)} {nt_iri(INDUSTRY[industry.broader])} .\n")
        else:
            lines.append(f"{iri} {nt_iri(SKOS.topConceptOf)} {scheme} .\n")
        self._write(lines)

    def indicator(self, indicator: IndicatorDef) -> None:
        iri = nt_iri(INDICATOR[indicator.id])
        lines = [f"{iri} {TYPE} {nt_iri(JJJ.Indicator)} .\n", f"{iri} {LABEL} {literal(indicator.zh, 'zh')} .\n",
                 f"{iri} {LABEL} {literal(indicator.en, 'en')} .\n",
                 f"{iri} {UNIT} {nt_iri(self.schema.units[indicator.unit].iri)} .\n"]
        if indicator.description:
            lines.append(f"{iri} {nt_iri(RDFS.comment)} {literal(indicator.description, 'en')} .\n")
        self._write(lines)

    def entity(self, entity: Entity) -> None:
        iri = nt_iri(ENT[entity.id])
        self.seeds.entities.setdefault(entity.id, entity)  # node_iri must see it
        lines = [f"{iri} {TYPE} {self._types[entity.type]} .\n", f"{iri} {LABEL} {literal(entity.zh, 'zh')} .\n"]
        if entity.en:  # an entity added from a table has no English name: none is invented
            lines.append(f"{iri} {LABEL} {literal(entity.en, 'en')} .\n")
        lines += [f"{iri} {ALT} {literal(alias, 'zh')} .\n" for alias in entity.aliases]
        for parent in entity.located_in:
            triple = (iri, LOCATED_IN, nt_iri(ENT[parent]))
            if triple not in self.truthy:
                self.truthy.add(triple)
                lines.append(f"{iri} {LOCATED_IN} {triple[2]} .\n")
        if entity.division_code:
            lines.append(f"{iri} {nt_iri(JJJ.divisionCode)} {literal(entity.division_code)} .\n")
        if entity.wikidata:
            lines.append(f"{iri} {nt_iri(JJJ.wikidata)} {nt_iri(WD[entity.wikidata])} .\n")
        if entity.lat is not None and entity.lon is not None:
            lines += [f"{iri} {nt_iri(GEO.lat)} {decimal_literal(entity.lat)} .\n",
                      f"{iri} {nt_iri(GEO.long)} {decimal_literal(entity.lon)} .\n"]
        if entity.description:
            lines.append(f"{iri} {nt_iri(RDFS.comment)} {literal(entity.description, 'en')} .\n")
        self._write(lines)

    def _quantity(self, node: str, value_prop: str, quantity: Quantity) -> list[str]:
        lines = [f"{node} {value_prop} {decimal_literal(quantity.value)} .\n",
                 f"{node} {UNIT} {nt_iri(quantity.unit)} .\n",
                 f"{node} {VALUE_AS_PRINTED} {literal(quantity.printed)} .\n",
                 f"{node} {UNIT_AS_PRINTED} {literal(quantity.unit_printed)} .\n"]
        if quantity.bound:
            lines.append(f"{node} {BOUND} {nt_iri(self.schema.bounds[quantity.bound])} .\n")
        return lines

    def _modality(self, node: str, modality: str | None) -> list[str]:
        return [f"{node} {MODALITY} {nt_iri(self.schema.modalities[modality])} .\n"] if modality else []

    @staticmethod
    def _note(node: str, note: Note | None) -> list[str]:
        """One jjj:curatorNote literal per language the note is written in (@en, @zh)."""
        return [f"{node} {CURATOR_NOTE} {literal(text, lang)} .\n" for lang, text in note.texts()] if note else []

    def fact(self, fact: Fact) -> None:
        predicate, statement_class = self._relations[fact.relation]
        subject, obj = self.node(fact.subject), self.node(fact.object)
        node = nt_iri(STMT[fact.id])
        source, language = self._sources[fact.source]
        lines = []
        if (subject, predicate, obj) not in self.truthy:
            self.truthy.add((subject, predicate, obj))
            lines.append(f"{subject} {predicate} {obj} .\n")
        lines.append(f"{node} {TYPE} {STATEMENT} .\n")
        if statement_class:
            lines.append(f"{node} {TYPE} {statement_class} .\n")
        s, p, o = self._spo
        lines += [f"{node} {s} {subject} .\n", f"{node} {p} {predicate} .\n", f"{node} {o} {obj} .\n",
                  f"{node} {QUOTE} {literal(fact.quote, language)} .\n",
                  f"{node} {DERIVED_FROM} {source} .\n"]
        if fact.row is not None:
            lines.append(f"{node} {SOURCE_ROW} {literal(str(fact.row), datatype=INTEGER)} .\n")
        for key, value in sorted(fact.qualifiers.items()):
            iri, is_text = self._qualifiers[key]
            if key == "date":
                term = date_literal(value)
            elif is_text:
                term = literal(value, "zh")
            else:
                term = self.node(value)
            lines.append(f"{node} {iri} {term} .\n")
        if fact.amount is not None:
            lines += self._quantity(node, AMOUNT, fact.amount)
        self._write(lines + self._modality(node, fact.modality) + self._note(node, fact.note))

    def observation(self, obs: Observation) -> None:
        node = nt_iri(OBS[obs.id])
        lines = [f"{node} {TYPE} {nt_iri(JJJ.Observation)} .\n", f"{node} {nt_iri(QB.dataSet)} <{DATASET}> .\n",
                 f"{node} {nt_iri(JJJ.indicator)} {nt_iri(INDICATOR[obs.indicator])} .\n"]
        lines += [f"{node} {nt_iri(JJJ.refArea)} {nt_iri(ENT[area])} .\n" for area in obs.areas]
        lines += [f"{node} {nt_iri(JJJ.counterpartArea)} {nt_iri(ENT[area])} .\n" for area in obs.counterparts]
        if obs.about:
            lines.append(f"{node} {nt_iri(JJJ.about)} {self.node(obs.about)} .\n")
        if obs.period:
            lines.append(f"{node} {nt_iri(JJJ.refPeriod)} {date_literal(obs.period)} .\n")
        if obs.period_text:
            lines.append(f"{node} {nt_iri(JJJ.periodText)} {literal(obs.period_text, 'zh')} .\n")
        lines += self._quantity(node, nt_iri(JJJ.value), obs.quantity)
        lines += [f"{node} {QUOTE} {literal(obs.quote, self.seeds.sources[obs.source].language)} .\n",
                  f"{node} {DERIVED_FROM} {nt_iri(SRC[obs.source])} .\n"]
        self._write(lines + self._modality(node, obs.modality) + self._note(node, obs.note))


def model_lines(seeds: Seeds, schema: Schema, stated: set[tuple[str, str, str]] | None = None) -> list[str]:
    """The whole model as sorted, distinct N-Triples lines (each ending in a newline): the graph's
    canonical text, from which every RDF output is made. stated: filled with the truthy triples
    written, for a writer that goes on (an import's rows)."""
    chunks: list[str] = []
    NTriplesWriter(seeds, schema, chunks.append, stated).model()
    return sorted(set("".join(chunks).splitlines(keepends=True)))
