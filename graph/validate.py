"""`jjjkg validate`: seed checks, then the SHACL shapes on the built graph (compiled to SPARQL on
Oxigraph by shacl_core; pySHACL when asked, or when a shape uses more than shacl_core compiles),
then every queries/*-violation.rq, which must return no rows."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from .build import ConfigError, Settings, assemble, check_seeds, require_facts
from .namespaces import PREFIX_IRIS, SH
from .network import local_id
from .oxigraph import memory_store, rdflib_graph, to_store
from .problems import Loc, Problems
from .query import QUERIES_DIR
from .resources import display_name
from .schema import SHAPES_FILE
from .shacl_core import Check, compile_shapes, violations
from .store_layout import query_dataset


def validate(settings: Settings, queries_dir: Path = QUERIES_DIR, pyshacl: bool = False
             ) -> tuple[Problems, list[str]]:
    """Every problem in the seeds; SHACL and violation queries run once the seeds are readable."""
    if settings.sources_dir is None:
        raise ConfigError("no source texts to check quotes against: give --sources-dir or set JJJKG_SOURCES")
    if settings.reference_dir is None:
        raise ConfigError("no reference identifiers: give --reference-dir or set JJJKG_REFERENCE")
    problems = Problems()
    seeds, schema, notes = check_seeds(settings, problems)
    require_facts(seeds, settings, problems)
    if problems:
        notes.append("SHACL and violation queries skipped until the problems above are fixed")
        return problems, notes
    # data + ontology for both checks: the ontology declares the units, bounds, subclasses and
    # subproperties that the shapes and violation queries rely on
    built = assemble(seeds, schema, notes)
    where = seeds.where()
    store = memory_store(built.ntriples, schema.graph)
    checks, refused = compile_shapes(rdflib_graph(ox.parse(path=str(SHAPES_FILE), format=ox.RdfFormat.TURTLE)))
    if pyshacl or refused:
        notes += [f"pySHACL runs the shapes: {reason}" for reason in refused]
        shacl_problems(built.graph + schema.graph, where, problems)
    else:
        shape_problems(store, checks, where, problems)
    violation_problems(store, queries_dir, where, problems)
    return problems, notes


def _loc_of(node: object, where: dict[str, Loc], fallback: Loc) -> Loc:
    return where.get(local_id(str(node)), fallback) if isinstance(node, URIRef) else fallback


def shape_problems(data: ox.Store | Graph, checks: list[Check], where: dict[str, Loc], problems: Problems) -> None:
    """The compiled shapes' checks over the data and the ontology (a store, or an rdflib graph of both)."""
    store = to_store(data) if isinstance(data, Graph) else data
    fallback = Loc(display_name(SHAPES_FILE))
    for check, focus in violations(store, checks):
        node = URIRef(focus.value) if isinstance(focus, ox.NamedNode) else None
        problems.add(_loc_of(node, where, fallback), "shacl",
                     f"{local_id(str(focus.value))}: {local_id(check.path)} {check.message}")


def shacl_problems(combined: Graph, where: dict[str, Loc], problems: Problems,
                   shapes_file: Path = SHAPES_FILE) -> None:
    """SHACL by pySHACL over `combined`, the data joined with the ontology."""
    from pyshacl import validate as shacl_validate  # 0.13 s to import: only where pySHACL runs

    shapes = Graph().parse(shapes_file, format="turtle")
    conforms, report, _ = shacl_validate(combined, shacl_graph=shapes, inference="none",
                                         allow_warnings=True, advanced=True)
    if conforms:
        return
    fallback = Loc(display_name(shapes_file))
    for result in sorted(report.subjects(RDF.type, SH.ValidationResult)):
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        problems.add(_loc_of(focus, where, fallback), "shacl",
                     f"{local_id(str(focus))}: {local_id(str(path)) if path else ''} {message}")


def violation_problems(data: ox.Store | Graph, queries_dir: Path, where: dict[str, Loc], problems: Problems) -> None:
    """Run each *-violation.rq over the data and the ontology (a store, or an rdflib graph holding
    both) on Oxigraph (0.02 s where rdflib's engine took 0.38 s on the curated seeds); every row is
    a problem at its ?focus."""
    store = to_store(data) if isinstance(data, Graph) else data
    for path in sorted(queries_dir.glob("*-violation.rq")):
        name = display_name(path)
        try:
            text = path.read_text(encoding="utf-8")
            rows = store.query(text, prefixes=PREFIX_IRIS, **query_dataset(text))  # type: ignore[arg-type]
        except (SyntaxError, OSError, RuntimeError, ValueError) as exc:
            problems.add(Loc(name), "bad-query", f"cannot run violation query: {' '.join(str(exc).split())}")
            continue
        if not isinstance(rows, ox.QuerySolutions):
            problems.add(Loc(name), "bad-query", "a violation query must be a SELECT with ?focus and ?message")
            continue
        for row in rows:
            focus, message = _value(row, "focus"), _value(row, "message")
            focus_node = URIRef(focus.value) if isinstance(focus, ox.NamedNode) else None
            problems.add(_loc_of(focus_node, where, Loc(name)), "violation",
                         f"{path.stem}: {local_id(focus.value) if focus is not None else ''} "
                         f"{message.value if message is not None else 'violation'}")


def _value(row: ox.QuerySolution, variable: str) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
    try:
        return row[variable]  # type: ignore[no-any-return]
    except KeyError:
        return None
