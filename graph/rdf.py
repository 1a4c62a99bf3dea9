"""Model → rdflib Graph, following Wikidata's statement pattern: a direct ("truthy") triple for
every fact, plus a statement node with its qualifiers, quote and source."""
from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from .model import Fact, Observation, Quantity, Seeds
from .namespaces import ENT, GEO, INDICATOR, INDUSTRY, JJJ, OBS, QB, SCHEMA, SRC, STMT, WD, new_graph
from .schema import Schema

DATASET = URIRef("https://w3id.org/jjjkg/dataset/indicators")


DATE_TYPES = {4: XSD.gYear, 7: XSD.gYearMonth, 10: XSD.date}  # by length: YYYY, YYYY-MM, YYYY-MM-DD


def date_literal(text: str) -> Literal:
    """YYYY → xsd:gYear, YYYY-MM → xsd:gYearMonth, YYYY-MM-DD → xsd:date."""
    return Literal(text, datatype=DATE_TYPES[len(text)])


def decimal_literal(value: Decimal) -> Literal:
    """Always with a decimal point (120.0): the form rdflib's Turtle writer gives, so that it
    round-trips to the letter. Oxigraph reads it as the same value (and writes 120)."""
    text = format(value.normalize(), "f")
    return Literal(text if "." in text else text + ".0", datatype=XSD.decimal)


def node_iri(seeds: Seeds, ident: str) -> URIRef:
    """Entities live under id/, industry concepts under industry/."""
    return INDUSTRY[ident] if ident in seeds.industries and ident not in seeds.entities else ENT[ident]


def build_graph(seeds: Seeds, schema: Schema) -> Graph:
    graph = new_graph()
    add = graph.add
    for source in sorted(seeds.sources.values(), key=lambda s: s.id):
        iri = SRC[source.id]
        add((iri, RDF.type, JJJ.Source))
        add((iri, RDF.type, SCHEMA.NewsArticle if source.kind == "article" else SCHEMA.Dataset))
        add((iri, DCTERMS.title, Literal(source.title, lang=source.language)))
        if source.title_en:
            add((iri, DCTERMS.title, Literal(source.title_en, lang="en")))
        if source.publisher:
            add((iri, DCTERMS.publisher, Literal(source.publisher, lang=source.language)))
        if source.publisher_en:
            add((iri, DCTERMS.publisher, Literal(source.publisher_en, lang="en")))
        if source.published:
            add((iri, DCTERMS.issued, date_literal(source.published)))
        for person in source.authors:
            add((iri, SCHEMA.author, Literal(person, lang=source.language)))
        for person in source.editors:
            add((iri, SCHEMA.editor, Literal(person, lang=source.language)))
        for person in source.photographers:
            add((iri, SCHEMA.contributor, Literal(person, lang=source.language)))
        if source.original_title:
            add((iri, DCTERMS.alternative, Literal(source.original_title, lang=source.language)))
        if source.republished_by:
            add((iri, JJJ.republishedBy, Literal(source.republished_by, lang=source.language)))
        if source.republished_by_en:
            add((iri, JJJ.republishedBy, Literal(source.republished_by_en, lang="en")))
        add((iri, DCTERMS.language, Literal(source.language)))
        add((iri, JJJ.textFile, Literal(source.file)))
    for industry in sorted(seeds.industries.values(), key=lambda i: i.id):
        iri = INDUSTRY[industry.id]
        add((iri, RDF.type, SKOS.Concept))
        add((iri, SKOS.inScheme, INDUSTRY[""]))
        for prop in (SKOS.prefLabel, RDFS.label):
            add((iri, prop, Literal(industry.zh, lang="zh")))
            add((iri, prop, Literal(industry.en, lang="en")))
        for alias in industry.aliases:
            add((iri, SKOS.altLabel, Literal(alias, lang="zh")))
        if industry.broader:
            add((iri, SKOS.broader, INDUSTRY[industry.broader]))
        else:
            add((iri, SKOS.topConceptOf, INDUSTRY[""]))
    for indicator in sorted(seeds.indicators.values(), key=lambda i: i.id):
        iri = INDICATOR[indicator.id]
        add((iri, RDF.type, JJJ.Indicator))
        add((iri, RDFS.label, Literal(indicator.zh, lang="zh")))
        add((iri, RDFS.label, Literal(indicator.en, lang="en")))
        add((iri, JJJ.unit, schema.units[indicator.unit].iri))
        if indicator.description:
            add((iri, RDFS.comment, Literal(indicator.description, lang="en")))
    for entity in sorted(seeds.entities.values(), key=lambda e: e.id):
        iri = ENT[entity.id]
        add((iri, RDF.type, schema.types[entity.type].iri))
        add((iri, RDFS.label, Literal(entity.zh, lang="zh")))
        if entity.en:  # an entity added from a table has no English name: none is invented
            add((iri, RDFS.label, Literal(entity.en, lang="en")))
        for alias in entity.aliases:
            add((iri, SKOS.altLabel, Literal(alias, lang="zh")))
        for parent in entity.located_in:
            add((iri, JJJ.locatedIn, ENT[parent]))
        if entity.division_code:
            add((iri, JJJ.divisionCode, Literal(entity.division_code)))
        if entity.wikidata:
            add((iri, JJJ.wikidata, WD[entity.wikidata]))
        if entity.lat is not None and entity.lon is not None:
            add((iri, GEO.lat, decimal_literal(entity.lat)))
            add((iri, GEO.long, decimal_literal(entity.lon)))
        if entity.description:
            add((iri, RDFS.comment, Literal(entity.description, lang="en")))
    for fact in seeds.facts:
        _add_fact(graph, seeds, schema, fact)
    if seeds.observations:
        add((DATASET, RDF.type, QB.DataSet))
        add((DATASET, RDFS.label, Literal("京津冀指标", lang="zh")))
        add((DATASET, RDFS.label, Literal("jjjkg indicators", lang="en")))
    for obs in seeds.observations:
        _add_observation(graph, seeds, schema, obs)
    return graph


def _add_quantity(graph: Graph, node: URIRef, value_prop: URIRef, quantity: Quantity, schema: Schema) -> None:
    graph.add((node, value_prop, decimal_literal(quantity.value)))
    graph.add((node, JJJ.unit, quantity.unit))
    graph.add((node, JJJ.valueAsPrinted, Literal(quantity.printed)))
    graph.add((node, JJJ.unitAsPrinted, Literal(quantity.unit_printed)))
    if quantity.bound:
        graph.add((node, JJJ.bound, schema.bounds[quantity.bound]))


def _add_fact(graph: Graph, seeds: Seeds, schema: Schema, fact: Fact) -> None:
    relation = schema.relations[fact.relation]
    subject, obj = node_iri(seeds, fact.subject), node_iri(seeds, fact.object)
    node = STMT[fact.id]
    graph.add((subject, relation.iri, obj))  # truthy
    graph.add((node, RDF.type, JJJ.Statement))
    if relation.statement_class is not None:
        graph.add((node, RDF.type, relation.statement_class))
    graph.add((node, RDF.subject, subject))
    graph.add((node, RDF.predicate, relation.iri))
    graph.add((node, RDF.object, obj))
    graph.add((node, JJJ.quote, Literal(fact.quote, lang=seeds.sources[fact.source].language)))
    graph.add((node, PROV.wasDerivedFrom, SRC[fact.source]))
    if fact.row is not None:
        graph.add((node, JJJ.sourceRow, Literal(fact.row)))
    for key, value in sorted(fact.qualifiers.items()):
        qualifier = schema.qualifiers[key]
        if key == "date":
            graph.add((node, qualifier.iri, date_literal(value)))
        elif qualifier.range in (RDF.langString, RDFS.Literal):
            graph.add((node, qualifier.iri, Literal(value, lang="en" if key == "note" else "zh")))
        else:
            graph.add((node, qualifier.iri, node_iri(seeds, value)))
    if fact.amount is not None:
        _add_quantity(graph, node, JJJ.amount, fact.amount, schema)
    if fact.modality:
        graph.add((node, JJJ.modality, schema.modalities[fact.modality]))


def _add_observation(graph: Graph, seeds: Seeds, schema: Schema, obs: Observation) -> None:
    node = OBS[obs.id]
    graph.add((node, RDF.type, JJJ.Observation))
    graph.add((node, QB.dataSet, DATASET))
    graph.add((node, JJJ.indicator, INDICATOR[obs.indicator]))
    for area in obs.areas:
        graph.add((node, JJJ.refArea, ENT[area]))
    for area in obs.counterparts:
        graph.add((node, JJJ.counterpartArea, ENT[area]))
    if obs.about:
        graph.add((node, JJJ.about, node_iri(seeds, obs.about)))
    if obs.period:
        graph.add((node, JJJ.refPeriod, date_literal(obs.period)))
    if obs.period_text:
        graph.add((node, JJJ.periodText, Literal(obs.period_text, lang="zh")))
    _add_quantity(graph, node, JJJ.value, obs.quantity, schema)
    graph.add((node, JJJ.quote, Literal(obs.quote, lang=seeds.sources[obs.source].language)))
    graph.add((node, PROV.wasDerivedFrom, SRC[obs.source]))
    if obs.note:
        graph.add((node, JJJ.curatorNote, Literal(obs.note, lang="en")))
    if obs.modality:
        graph.add((node, JJJ.modality, schema.modalities[obs.modality]))
