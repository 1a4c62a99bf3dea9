"""The shapes compiled to SPARQL on Oxigraph find exactly what pySHACL finds, on graphs broken in
every way the compiled constraints cover."""
from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from pyshacl import validate as pyshacl_validate
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS, XSD

import graph
from conftest import MINIMAL, REFERENCE, TEXTS
from graph.namespaces import DCTERMS, ENT, GEO, INDUSTRY, JJJ, PROV, SH, SRC
from graph.oxigraph import to_store
from graph.schema import SHAPES_FILE, load_schema
from graph.shacl_core import compile_shapes, violations

SHAPES = Graph().parse(SHAPES_FILE, format="turtle")


def _built() -> graph.Built:
    return graph.load(MINIMAL / "seeds", TEXTS, REFERENCE)


def _first_fact(data: Graph) -> object:
    return sorted(data.subjects(RDF.type, JJJ.Statement))[0]


BREAKS: dict[str, Callable[[Graph], None]] = {
    "no quote": lambda g: g.remove((_first_fact(g), JJJ.quote, None)),
    "two quotes": lambda g: g.add((_first_fact(g), JJJ.quote, Literal("另一句话", lang="zh"))),
    "quote too short": lambda g: g.set((_first_fact(g), JJJ.quote, Literal("话", lang="zh"))),
    "quote not text": lambda g: g.set((_first_fact(g), JJJ.quote, Literal("一句话"))),
    "third label": lambda g: g.add((ENT["demo-tech"], RDFS.label, Literal("第三个标签", lang="zh"))),
    "label in French": lambda g: g.set((ENT["demo-tech"], RDFS.label, Literal("Démo", lang="fr"))),
    "located in a literal": lambda g: g.add((ENT["demo-tech"], JJJ.locatedIn, Literal("北京"))),
    "located in a non-place": lambda g: g.add((ENT["demo-tech"], JJJ.locatedIn, SRC["nowhere"])),
    "latitude out of range": lambda g: g.set((ENT["beijing"], GEO.lat, Literal(Decimal("95.5")))),
    "latitude a string": lambda g: g.set((ENT["beijing"], GEO.lat, Literal("39.9"))),
    "two longitudes": lambda g: g.add((ENT["beijing"], GEO.long, Literal(Decimal("1.5")))),
    "division code pattern": lambda g: g.set((ENT["beijing"], JJJ.divisionCode, Literal("01000"))),
    "source not a source": lambda g: g.set((_first_fact(g), PROV.wasDerivedFrom, ENT["beijing"])),
    "no source": lambda g: g.remove((_first_fact(g), PROV.wasDerivedFrom, None)),
    "date a string": lambda g: g.add((_first_fact(g), JJJ.date, Literal("2020"))),
    "source row 1": lambda g: g.add((_first_fact(g), JJJ.sourceRow, Literal(1))),
    "subject a literal": lambda g: g.set((_first_fact(g), RDF.subject, Literal("x"))),
    "no predicate": lambda g: g.remove((_first_fact(g), RDF.predicate, None)),
    "industry without labels": lambda g: g.remove((sorted(g.subjects(SKOS.inScheme, None))[0], SKOS.prefLabel, None)),
    "broader not a concept": lambda g: g.add((sorted(g.subjects(SKOS.inScheme, None))[0], SKOS.broader,
                                              INDUSTRY["no-such-industry"])),
    "source without title": lambda g: g.remove((sorted(g.subjects(RDF.type, JJJ.Source))[0],
                                                 DCTERMS.title, None)),
    "amount not decimal": lambda g: g.add((_first_fact(g), JJJ.amount, Literal("12", datatype=XSD.integer))),
}


def _pyshacl(data: Graph) -> set[tuple[str, str]]:
    _, report, _ = pyshacl_validate(data, shacl_graph=SHAPES, inference="none", allow_warnings=True, advanced=True)
    return {(str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultPath)))
            for r in report.subjects(RDF.type, SH.ValidationResult) if report.value(r, SH.resultSeverity) == SH.Violation}


def _compiled(data: Graph) -> set[tuple[str, str]]:
    checks, refused = compile_shapes(SHAPES)
    assert not refused
    return {(focus.value, check.path) for check, focus in violations(to_store(data), checks)}


def test_every_shipped_shape_compiles() -> None:
    checks, refused = compile_shapes(SHAPES)
    assert not refused and len(checks) > 40


def test_a_clean_graph_breaks_no_shape() -> None:
    data = _built().graph + load_schema().graph
    assert _compiled(data) == _pyshacl(data) == set()


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_the_compiled_shapes_find_what_pyshacl_finds(name: str) -> None:
    data = _built().graph + load_schema().graph
    BREAKS[name](data)
    expected = _pyshacl(data)
    assert expected, f"{name}: the break should violate a shape"
    assert _compiled(data) == expected


def test_a_shape_beyond_the_compiled_part_is_refused_so_pyshacl_runs() -> None:
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ( ex:a ex:b ) ; sh:minCount 1 ] .
        ex:T a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this WHERE {}" ] .
        ex:U a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:a ; sh:hasValue 1 ] .
    """, format="turtle")
    checks, refused = compile_shapes(shapes)
    assert checks == [] and len(refused) == 3
