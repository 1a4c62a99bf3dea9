"""The ontology as data: entity types, relations, qualifiers, units and bounds read from
ontology/jjjkg.ttl, so the seed checks follow whatever the ontology says."""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from .namespaces import JJJ
from .oxigraph import rdflib_graph
from .resources import ONTOLOGY_DIR

ONTOLOGY_FILE = ONTOLOGY_DIR / "jjjkg.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"


@dataclass(frozen=True)
class EntityType:
    key: str
    iri: URIRef
    zh: str
    en: str


@dataclass(frozen=True)
class Relation:
    key: str
    iri: URIRef
    zh: str
    en: str
    domain: frozenset[URIRef]
    range: frozenset[URIRef]
    statement_class: URIRef | None


@dataclass(frozen=True)
class Qualifier:
    key: str
    iri: URIRef
    range: URIRef  # a literal datatype, or the class (or jjj:Entity for a union) of an object value
    classes: frozenset[URIRef] = frozenset()  # the classes an object value may have (members of a union)
    allowed_on: frozenset[str] = frozenset()  # relation keys it may qualify; empty: any


@dataclass(frozen=True)
class Unit:
    key: str
    iri: URIRef
    symbol: str
    factor: Decimal
    base: URIRef | None  # None: a base unit itself, or a scale word (万, 亿)
    is_scale: bool


@dataclass(frozen=True)
class Schema:
    graph: Graph
    types: dict[str, EntityType]
    relations: dict[str, Relation]
    relations_by_iri: dict[URIRef, Relation]
    qualifiers: dict[str, Qualifier]
    units: dict[str, Unit]  # by symbol as printed, and by key
    bounds: dict[str, URIRef]
    modalities: dict[str, URIRef]
    markers: dict[str, tuple[str, ...]]  # by bound or modality key: the words that signal it, longest first
    superclasses: dict[URIRef, frozenset[URIRef]]

    def is_a(self, cls: URIRef, targets: frozenset[URIRef]) -> bool:
        """True when cls is one of targets or a subclass of one of them."""
        return bool(self.superclasses.get(cls, frozenset({cls})) & targets)


def _label(graph: Graph, node: URIRef, lang: str) -> str:
    for label in graph.objects(node, RDFS.label):
        if isinstance(label, Literal) and label.language == lang:
            return str(label)
    return ""


def _classes(graph: Graph, node: URIRef | None) -> frozenset[URIRef]:
    """A class, or the members of an owl:unionOf class expression."""
    if node is None:
        return frozenset({JJJ.Entity})
    union = graph.value(node, OWL.unionOf)
    if union is not None:
        return frozenset(URIRef(str(m)) for m in Collection(graph, union))
    return frozenset({URIRef(str(node))})


def _superclass_closure(graph: Graph) -> dict[URIRef, frozenset[URIRef]]:
    direct: dict[URIRef, set[URIRef]] = {}
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            direct.setdefault(sub, set()).add(sup)
    closure: dict[URIRef, frozenset[URIRef]] = {}
    for cls in list(direct) + [SKOS.Concept]:
        seen, todo = {cls}, [cls]
        while todo:
            for sup in direct.get(todo.pop(), ()):
                if sup not in seen:
                    seen.add(sup)
                    todo.append(sup)
        closure[cls] = frozenset(seen)
    return closure


def _is_subproperty(graph: Graph, prop: URIRef, top: URIRef) -> bool:
    return top in set(graph.transitive_objects(prop, RDFS.subPropertyOf))


def load_schema_graph(path: Path = ONTOLOGY_FILE) -> Schema:
    """The schema the ontology file at path defines. Oxigraph parses the Turtle (1.5 ms for the
    shipped ontology, where rdflib's parser took 30 ms); the rdflib Graph of its triples is kept."""
    graph = rdflib_graph(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    superclasses = _superclass_closure(graph)
    types: dict[str, EntityType] = {}
    relations: dict[str, Relation] = {}
    qualifiers: dict[str, Qualifier] = {}
    units: dict[str, Unit] = {}
    bounds: dict[str, URIRef] = {}
    modalities: dict[str, URIRef] = {}
    markers: dict[str, tuple[str, ...]] = {}
    allowed_on: dict[URIRef, set[URIRef]] = {}
    for prop, relation in graph.subject_objects(JJJ.allowedOn):
        allowed_on.setdefault(URIRef(str(prop)), set()).add(URIRef(str(relation)))
    for node, key in graph.subject_objects(JJJ.yamlKey):
        node, key = URIRef(str(node)), str(key)
        kinds = set(graph.objects(node, RDF.type))
        if OWL.Class in kinds and JJJ.Entity in superclasses.get(node, ()):
            types[key] = EntityType(key, node, _label(graph, node, "zh"), _label(graph, node, "en"))
        elif _is_subproperty(graph, node, JJJ.linkage):
            relations[key] = Relation(
                key, node, _label(graph, node, "zh"), _label(graph, node, "en"),
                _classes(graph, graph.value(node, RDFS.domain)),
                _classes(graph, graph.value(node, RDFS.range)),
                graph.value(node, JJJ.statementClass))  # type: ignore[arg-type]
        elif (node, RDFS.domain, JJJ.Statement) in graph or (node, RDF.type, OWL.DatatypeProperty) in graph:
            rng = graph.value(node, RDFS.range)
            classes = _classes(graph, rng) if (node, RDF.type, OWL.ObjectProperty) in graph else frozenset()
            single = URIRef(str(rng)) if isinstance(rng, URIRef) else (JJJ.Entity if rng is not None else RDFS.Literal)
            qualifiers[key] = Qualifier(key, node, single, classes, frozenset(str(r) for r in allowed_on.get(node, ())))
        elif JJJ.Unit in kinds:
            symbol = graph.value(node, JJJ.unitSymbol)
            base = graph.value(node, JJJ.baseUnit)
            factor = Decimal(str(graph.value(node, JJJ.conversionFactor)))
            is_scale = base is None and factor != 1
            unit = Unit(key, node, str(symbol) if symbol else key, factor,
                        URIRef(str(base)) if base else (None if is_scale else node), is_scale)
            units[key] = unit
            if symbol:
                units[str(symbol)] = unit
        elif JJJ.Bound in kinds or JJJ.Modality in kinds:
            (bounds if JJJ.Bound in kinds else modalities)[key] = node
            words = str(graph.value(node, JJJ.markers) or "")
            markers[key] = tuple(sorted(filter(None, words.split(",")), key=len, reverse=True))
    by_iri = {r.iri: r for r in relations.values()}
    qualifiers = {key: replace(q, allowed_on=frozenset(by_iri[URIRef(iri)].key for iri in q.allowed_on
                                                       if URIRef(iri) in by_iri))
                  for key, q in qualifiers.items()}  # relation IRIs (the ontology's) → relation keys
    return Schema(graph, types, relations, by_iri, qualifiers, units, bounds, modalities, markers, superclasses)


@lru_cache(maxsize=1)
def load_schema() -> Schema:
    """The schema of the shipped ontology (parsed once per process)."""
    return load_schema_graph(ONTOLOGY_FILE)
