"""SHACL shapes and *-violation.rq queries catch broken graphs, and report file:line when they can."""
from __future__ import annotations

from pathlib import Path

from rdflib import Literal
from rdflib.namespace import RDF, RDFS

import graph
from conftest import MINIMAL, REFERENCE, ROOT, TEXTS
from graph.namespaces import ENT, JJJ, STMT
from graph.problems import Loc, Problems
from graph.schema import load_schema
from graph.validate import QUERIES_DIR, shacl_problems, violation_problems


def _built() -> graph.Built:
    return graph.load(MINIMAL / "seeds", TEXTS, REFERENCE)


def test_clean_graph_has_no_shacl_or_violation_problems() -> None:
    built = _built()
    problems = Problems()
    shacl_problems(built.graph + load_schema().graph, built.where(), problems)
    violation_problems(built.graph + load_schema().graph, QUERIES_DIR, built.where(), problems)
    assert not problems, [str(p) for p in problems.items]


def test_shacl_catches_statement_without_quote_and_points_at_its_line() -> None:
    built = _built()
    fact = built.seeds.facts[0]
    built.graph.remove((STMT[fact.id], JJJ.quote, None))
    built.graph.add((ENT["demo-tech"], RDFS.label, Literal("第三个标签", lang="zh")))
    problems = Problems()
    shacl_problems(built.graph + load_schema().graph, built.where(), problems)
    text = [str(p) for p in problems.sorted()]
    assert any(p.startswith(f"{fact.loc}: error[shacl]") and "quote" in p for p in text), text
    assert any("error[shacl]" in p and "demo-tech" in p for p in text), text


def test_violation_queries_catch_cycles_and_missing_truthy_triples() -> None:
    built = _built()
    built.graph.add((ENT["hebei"], JJJ.locatedIn, ENT["mancheng"]))
    fact = built.seeds.facts[0]
    built.graph.remove((ENT[fact.subject], JJJ.hasRDLocation, ENT[fact.object]))
    built.graph.add((ENT["demo-tech"], JJJ.hasSubsidiary, ENT["demo-park"]))  # no statement
    problems = Problems()
    violation_problems(built.graph + load_schema().graph, QUERIES_DIR, built.where(), problems)
    text = "\n".join(str(p) for p in problems.sorted())
    assert "located-in-cycle-violation" in text
    assert "statement-without-truthy-violation" in text
    assert "truthy-without-statement-violation" in text
    assert str(fact.loc) in text  # the statement's problem points at its seed line


def test_every_violation_query_has_a_header() -> None:
    for path in sorted(QUERIES_DIR.glob("*.rq")):
        head = path.read_text(encoding="utf-8").splitlines()[:3]
        assert head[0].startswith("# title:") and "/" in head[0], path.name
        assert any(line.startswith("# answers:") for line in head), path.name


def test_broken_violation_query_is_reported_not_raised(tmp_path: Path) -> None:
    (tmp_path / "broken-violation.rq").write_text("# title: x / x\n# answers: x\nSELECT ?focus WHERE {", "utf-8")
    built = _built()
    problems = Problems()
    violation_problems(built.graph + load_schema().graph, tmp_path, built.where(), problems)
    assert [p.code for p in problems.items] == ["bad-query"]
    assert "\n" not in str(problems.items[0])


def test_ontology_terms_all_have_zh_en_labels_and_comments() -> None:
    from rdflib.namespace import OWL

    ontology = load_schema().graph
    terms = {s for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
             for s in ontology.subjects(RDF.type, kind) if str(s).startswith("https://w3id.org/jjjkg/")}
    assert len(terms) > 60
    for term in terms:
        langs = {label.language for label in ontology.objects(term, RDFS.label)}
        assert {"zh", "en"} <= langs, term
        assert ontology.value(term, RDFS.comment) is not None, term
    for kind in (OWL.ObjectProperty, OWL.DatatypeProperty):
        for prop in ontology.subjects(RDF.type, kind):
            assert ontology.value(prop, RDFS.domain) is not None, f"{prop} has no domain"
            assert ontology.value(prop, RDFS.range) is not None, f"{prop} has no range"


def test_wgs84_namespace_is_http() -> None:
    from graph.namespaces import GEO

    assert str(GEO) == "http://www.w3.org/2003/01/geo/wgs84_pos#"
    assert Loc("a.yaml", 3, 4).__str__() == "a.yaml:3:4"
    assert (ROOT / "ontology" / "shapes.ttl").is_file()
