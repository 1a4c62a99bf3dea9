"""The SHACL shapes (ontology/shapes.ttl) checked on Oxigraph: each constraint a SPARQL query.

pySHACL takes 0.7 s on the curated graph, and 0.13 s more to import; the shapes use a small part
of SHACL Core, which compiles to one short query per constraint (0.05 s for all of them). What is
compiled: node shapes targeting a class (its instances through rdf:type/rdfs:subClassOf*, as
SHACL's class targets do) or the subjects of a property; property shapes with an IRI path and
sh:minCount, sh:maxCount, sh:datatype, sh:class, sh:nodeKind sh:IRI, sh:uniqueLang,
sh:languageIn, sh:minInclusive, sh:maxInclusive, sh:pattern, sh:minLength, and sh:or of datatypes.
Shapes that use anything else (another path, constraint, target or severity) make `compile_shapes`
report them as not compiled, and `jjjkg validate` then runs pySHACL, which reads them all. A test
holds the two engines to the same results on graphs broken in every compiled way.

Not checked here, as pySHACL would: whether a literal's text is well formed for its datatype
("abc"^^xsd:decimal). The writer makes every typed literal from a checked value, so none is
ill-formed; `validate --pyshacl` runs pySHACL for a graph of another origin.
"""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS

from .namespaces import SH
from .store_layout import query_dataset

NODE_KEYS = {RDF.type, RDFS.comment, RDFS.label, SH.targetClass, SH.targetSubjectsOf, SH.property}
PROPERTY_KEYS = {RDF.type, SH.path, SH.message, SH.name, SH.description, RDFS.comment, SH.minCount, SH.maxCount, SH.datatype,
                 SH["class"], SH.nodeKind, SH.uniqueLang, SH.languageIn, SH.minInclusive, SH.maxInclusive, SH.pattern,
                 SH.minLength, SH["or"]}


@dataclass(frozen=True)
class Check:
    """One constraint of one property shape, as a query whose rows (?focus, maybe ?value) violate it."""
    shape: str
    path: str
    component: str
    message: str
    query: str


def _term(node: object) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise ValueError(f"not a constant: {node!r}")


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _targets(shapes: Graph, shape: URIRef | BNode) -> list[str]:
    patterns = [f"?focus a/<{RDFS.subClassOf}>* {_term(cls)} ." for cls in shapes.objects(shape, SH.targetClass)]
    patterns += [f"?focus {_term(prop)} [] ." for prop in shapes.objects(shape, SH.targetSubjectsOf)]
    return patterns


def _or_datatypes(shapes: Graph, node: object) -> list[str] | None:
    """The datatypes of an sh:or whose members each say only sh:datatype; else None."""
    found = []
    for member in Collection(shapes, node):  # type: ignore[arg-type]
        keys = set(shapes.predicates(member, None))
        datatype = shapes.value(member, SH.datatype)
        if keys != {SH.datatype} or datatype is None:
            return None
        found.append(_term(datatype))
    return found


def _value_filters(shapes: Graph, prop: URIRef | BNode) -> list[tuple[str, str]]:
    """(component, FILTER condition on ?v that marks a violation) for each value constraint."""
    out = []
    for datatype in shapes.objects(prop, SH.datatype):
        out.append(("datatype", f"!isLiteral(?v) || datatype(?v) != {_term(datatype)}"))
    for cls in shapes.objects(prop, SH["class"]):
        out.append(("class", f"NOT EXISTS {{ ?v a/<{RDFS.subClassOf}>* {_term(cls)} }}"))
    for kind in shapes.objects(prop, SH.nodeKind):
        if kind != SH.IRI:
            raise ValueError(f"sh:nodeKind {kind}")
        out.append(("nodeKind", "!isIRI(?v)"))
    for langs in shapes.objects(prop, SH.languageIn):
        matches = " || ".join(f"langMatches(lang(?v), {_string(str(tag))})" for tag in Collection(shapes, langs))
        out.append(("languageIn", f"!isLiteral(?v) || !({matches or 'false'})"))
    for bound, op, name in ((SH.minInclusive, ">=", "minInclusive"), (SH.maxInclusive, "<=", "maxInclusive")):
        for limit in shapes.objects(prop, bound):
            out.append((name, f"COALESCE(!(?v {op} {_term(limit)}), true)"))
    for pattern in shapes.objects(prop, SH.pattern):
        out.append(("pattern", f"isBlank(?v) || !regex(str(?v), {_string(str(pattern))})"))
    for length in shapes.objects(prop, SH.minLength):
        out.append(("minLength", f"isBlank(?v) || strlen(str(?v)) < {int(length)}"))
    for members in shapes.objects(prop, SH["or"]):
        datatypes = _or_datatypes(shapes, members)
        if datatypes is None:
            raise ValueError("sh:or of other than datatypes")
        out.append(("or", f"!isLiteral(?v) || !(datatype(?v) IN ({', '.join(datatypes)}))"))
    return out


def _property_checks(shapes: Graph, shape: str, targets: list[str], prop: URIRef | BNode) -> list[Check]:
    unknown = set(shapes.predicates(prop, None)) - PROPERTY_KEYS
    path = shapes.value(prop, SH.path)
    if unknown or not isinstance(path, URIRef):
        raise ValueError(f"{', '.join(sorted(map(str, unknown)))} or a path that is not an IRI")
    focus = " UNION ".join(f"{{ {pattern} }}" for pattern in targets)
    message = str(shapes.value(prop, SH.message) or "")
    checks = []
    for bound, op, name in ((SH.minCount, "<", "minCount"), (SH.maxCount, ">", "maxCount")):
        for count in shapes.objects(prop, bound):
            query = (f"SELECT ?focus WHERE {{ {{ SELECT DISTINCT ?focus WHERE {{ {focus} }} }} "
                     f"OPTIONAL {{ ?focus <{path}> ?v }} }} GROUP BY ?focus HAVING (COUNT(DISTINCT ?v) {op} {int(count)})")
            checks.append(Check(shape, str(path), name, message or f"{name} {int(count)}", query))
    if shapes.value(prop, SH.uniqueLang) == Literal(True):
        query = (f"SELECT DISTINCT ?focus WHERE {{ {{ SELECT DISTINCT ?focus WHERE {{ {focus} }} }} "
                 f"?focus <{path}> ?a, ?b . FILTER(?a != ?b && lang(?a) != \"\" && lang(?a) = lang(?b)) }}")
        checks.append(Check(shape, str(path), "uniqueLang", message or "one value per language", query))
    for name, condition in _value_filters(shapes, prop):
        query = (f"SELECT DISTINCT ?focus ?v WHERE {{ {{ SELECT DISTINCT ?focus WHERE {{ {focus} }} }} "
                 f"?focus <{path}> ?v . FILTER({condition}) }}")
        checks.append(Check(shape, str(path), name, message or f"{name} not met", query))
    return checks


def compile_shapes(shapes: Graph) -> tuple[list[Check], list[str]]:
    """The checks of every shape compiled, and the shapes that could not be (with why)."""
    checks: list[Check] = []
    refused: list[str] = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
        try:
            unknown = set(shapes.predicates(shape, None)) - NODE_KEYS
            targets = _targets(shapes, shape)
            if unknown or not targets:
                raise ValueError(", ".join(sorted(map(str, unknown))) or "no class or subjects-of target")
            for prop in sorted(shapes.objects(shape, SH.property), key=str):
                checks += _property_checks(shapes, str(shape), targets, prop)  # type: ignore[arg-type]
        except ValueError as exc:
            refused.append(f"{shape}: {exc}")
    return checks, refused


def violations(store: ox.Store, checks: list[Check]) -> list[tuple[Check, ox.NamedNode | ox.BlankNode]]:
    """Each check's violating focus nodes in the store (the data and the ontology, as queries see them)."""
    found = []
    for check in checks:
        for row in store.query(check.query, **query_dataset(check.query)):  # type: ignore[arg-type, union-attr]
            found.append((check, row["focus"]))
    return found
