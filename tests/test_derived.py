"""The derived graph (graph/derived.py): places and flow counts, and the flows query that reads them."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import CURATED_REFERENCE, CURATED_TEXTS, REFERENCE, ROOT
from graph.derived import ASSERTED_GRAPH, DERIVED_GRAPH, FlowCounter, flow_counts
from graph.model import Entity, Fact
from graph.namespaces import BASE, ENT, JJJ
from graph.schema import load_schema

ONTOLOGY = ox.NamedNode(BASE + "ontology")
FLOWS = ROOT / "queries" / "linkage-flows-by-province.rq"
PROV = "http://www.w3.org/ns/prov#"
RULE = BASE + "rule/places-and-flow-counts"

# The flows query before the derived graph (the reference): it counts the statements itself.
OLD_FLOWS_QUERY = """\
# title: 省际联系流量 / Linkages between provinces by relation
# answers: How many stated linkages run from each province to each other province, by relation (e.g. Beijing→Hebei technology transfer)? The origin is the statement's from-place where it has one (a headquarters move), else where the subject lies.
# parameter: ?fromProvince entity — only linkages starting in this province (e.g. beijing)
# parameter: ?toProvince entity — only linkages ending in this province (e.g. hebei)
# Each part is its own subquery so that Oxigraph joins the parts by hashing rather than looking up
# every statement's triples one at a time: 8x faster on a 100,000-row import (benchmarks/run.py).
PREFIX jjj: <https://w3id.org/jjjkg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?fromProvince ?toProvince ?relation (COUNT(DISTINCT ?statement) AS ?linkages) WHERE {
  { SELECT ?relation WHERE { ?relation rdfs:subPropertyOf* jjj:linkage . FILTER(?relation != jjj:locatedIn) } }
  { SELECT ?statement ?relation WHERE { ?statement rdf:predicate ?relation } }
  { SELECT ?statement ?o WHERE { ?statement rdf:object ?o } }
  { SELECT ?o ?toProvince WHERE { ?toProvince a jjj:Province . ?o jjj:locatedIn* ?toProvince } }
  { SELECT ?statement ?start WHERE {
      { SELECT ?statement ?s WHERE { ?statement rdf:subject ?s } }
      OPTIONAL { SELECT ?statement ?origin WHERE { ?statement jjj:fromPlace ?origin } }
      BIND(COALESCE(?origin, ?s) AS ?start) } }
  { SELECT ?start ?fromProvince WHERE { ?fromProvince a jjj:Province . ?start jjj:locatedIn* ?fromProvince } }
  FILTER(?fromProvince != ?toProvince)
}
GROUP BY ?fromProvince ?toProvince ?relation
ORDER BY ?fromProvince ?toProvince DESC(?linkages) ?relation
"""

# The same count at the prefecture level, the rule written in SPARQL: an end in no prefecture stands
# as its province.
PREFECTURE_FLOWS_QUERY = """\
PREFIX jjj: <https://w3id.org/jjjkg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?from ?to ?relation (COUNT(DISTINCT ?statement) AS ?n) WHERE {
  { SELECT ?relation WHERE { ?relation rdfs:subPropertyOf* jjj:linkage . FILTER(?relation != jjj:locatedIn) } }
  ?statement rdf:predicate ?relation ; rdf:object ?o ; rdf:subject ?s .
  OPTIONAL { ?statement jjj:fromPlace ?origin }
  BIND(COALESCE(?origin, ?s) AS ?start)
  { ?to a jjj:Prefecture . ?o jjj:locatedIn* ?to }
  UNION { ?to a jjj:Province . ?o jjj:locatedIn* ?to . FILTER NOT EXISTS { ?o jjj:locatedIn* ?p . ?p a jjj:Prefecture } }
  { ?from a jjj:Prefecture . ?start jjj:locatedIn* ?from }
  UNION { ?from a jjj:Province . ?start jjj:locatedIn* ?from .
          FILTER NOT EXISTS { ?start jjj:locatedIn* ?q . ?q a jjj:Prefecture } }
  FILTER(?from != ?to)
}
GROUP BY ?from ?to ?relation
"""


def _entities() -> list[Entity]:
    def place(ident: str, kind: str, *parents: str) -> Entity:
        return Entity(ident, kind, ident, ident, located_in=list(parents))

    return [place("beijing", "province"), place("tianjin", "province"), place("hebei", "province"),
            place("baoding", "prefecture", "hebei"), place("zhangjiakou", "prefecture", "hebei"),
            place("langfang", "prefecture", "hebei"), place("mancheng", "county", "baoding"),
            place("zone-x", "zone", "langfang", "beijing"),   # in two provinces
            place("corridor", "zone", "baoding", "zhangjiakou"),  # in two prefectures of one province
            place("firm-a", "company", "mancheng"),            # a firm in a Hebei prefecture's county
            place("firm-b", "company", "beijing"),             # a firm in Beijing
            place("firm-c", "company"),                        # placed by a located_in fact, later
            place("firm-d", "company", "zhangjiakou"), place("firm-e", "company", "beijing")]


def _facts() -> list[Fact]:
    def fact(n: int, subject: str, relation: str, obj: str, **qualifiers: str) -> Fact:
        return Fact("src", subject, relation, obj, f"quote {n}", qualifiers, id=f"f{n}")

    return [fact(1, "firm-b", "supplies", "firm-a"),
            fact(2, "firm-d", "hq_relocated_to", "baoding", **{"from": "beijing"}),  # starts at its from-place
            fact(3, "firm-c", "supplies", "firm-b"),                  # firm-c is placed only by fact 4
            fact(4, "firm-c", "located_in", "tianjin"),
            fact(5, "firm-a", "cooperates_with", "firm-d"),           # Hebei → Hebei; Baoding → Zhangjiakou
            fact(6, "zone-x", "cooperates_with", "firm-a"),           # from Beijing and from Hebei (Langfang)
            fact(7, "firm-b", "supplies", "firm-a"),                  # a second statement, the same ends
            fact(8, "firm-b", "supplies", "firm-e"),                  # Beijing → Beijing: at no level
            fact(9, "firm-a", "in_industry", "rail-transit"),         # an industry lies nowhere
            fact(10, "firm-b", "supplies", "corridor")]               # Beijing → Hebei once, by two ways


def _counter(entities: Iterable[Entity], facts: Iterable[Fact]) -> FlowCounter:
    counter = FlowCounter(load_schema())
    for entity in entities:
        counter.entity(entity)
    for item in facts:
        counter.fact(item)
    return counter


def _store(nquads: str) -> ox.Store:
    store = ox.Store()
    store.load(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
    return store


def _counts(store: ox.Store) -> dict[tuple[str, str, str, str], int]:
    rows = store.query("""SELECT ?level ?from ?to ?relation ?n WHERE { GRAPH ?g {
        ?flow a jjj:FlowCount ; jjj:level ?level ; jjj:origin ?from ; jjj:destination ?to ;
              jjj:relation ?relation ; jjj:statementCount ?n } }""", prefixes={"jjj": str(JJJ)})
    return {(r["level"].value, r["from"].value[len(ENT):], r["to"].value[len(ENT):],
             r["relation"].value[len(JJJ):]): int(r["n"].value) for r in rows}


def test_counts_on_a_small_fixture_at_both_levels() -> None:
    counts = _counts(_store(_counter(_entities(), _facts()).nquads()))
    assert counts == {
        ("province", "beijing", "hebei", "suppliesTo"): 3,
        ("province", "beijing", "hebei", "relocatedHeadquartersTo"): 1,
        ("province", "tianjin", "beijing", "suppliesTo"): 1,
        ("province", "beijing", "hebei", "cooperatesWith"): 1,  # zone-x's Hebei → Hebei is not a flow
        ("prefecture", "beijing", "baoding", "suppliesTo"): 3,
        ("prefecture", "beijing", "zhangjiakou", "suppliesTo"): 1,
        ("prefecture", "beijing", "baoding", "relocatedHeadquartersTo"): 1,
        ("prefecture", "tianjin", "beijing", "suppliesTo"): 1,
        ("prefecture", "baoding", "zhangjiakou", "cooperatesWith"): 1,
        ("prefecture", "langfang", "baoding", "cooperatesWith"): 1,  # zone-x lies in a prefecture: Langfang
    }


def test_places_of_entities() -> None:
    store = _store(_counter(_entities(), _facts()).nquads())

    def objects(subject: str, prop: str) -> set[str]:
        return {q.object.value[len(ENT):] for q in store.quads_for_pattern(
            ox.NamedNode(ENT[subject]), ox.NamedNode(JJJ[prop]), None, ox.NamedNode(DERIVED_GRAPH))}

    assert objects("zone-x", "inProvince") == {"beijing", "hebei"}
    assert objects("zone-x", "inPrefecture") == {"langfang"}
    assert objects("firm-a", "inProvince") == {"hebei"} and objects("firm-a", "inPrefecture") == {"baoding"}
    assert objects("firm-c", "inProvince") == {"tianjin"}  # from the located_in fact that came last
    assert objects("beijing", "inProvince") == {"beijing"} and objects("beijing", "inPrefecture") == set()
    assert objects("baoding", "inPrefecture") == {"baoding"}
    assert objects("corridor", "inPrefecture") == {"baoding", "zhangjiakou"} and objects("corridor", "inProvince") == {"hebei"}
    assert not list(store.quads_for_pattern(ox.NamedNode(ENT["rail-transit"]), None, None, None))


def test_the_order_of_input_does_not_matter() -> None:
    forward = _counter(_entities(), _facts()).nquads()
    assert forward == _counter(_entities(), _facts()).nquads()  # deterministic
    reordered = _counter(reversed(_entities()), reversed(_facts())).nquads()
    assert reordered == forward


def test_a_located_in_cycle_ends() -> None:
    entities = [Entity("hebei", "province", "h", "h"), Entity("a", "zone", "a", "a", located_in=["b"]),
                Entity("b", "zone", "b", "b", located_in=["a", "hebei"]), Entity("beijing", "province", "b", "b")]
    counts = _counts(_store(_counter(entities, [Fact("s", "a", "supplies", "beijing", "q", id="x")]).nquads()))
    assert counts[("province", "hebei", "beijing", "suppliesTo")] == 1


def test_every_line_is_one_quad_in_the_derived_graph_sorted() -> None:
    text = _counter(_entities(), _facts()).nquads()
    lines = text.splitlines(keepends=True)
    assert text.endswith("\n") and lines == sorted(lines) and len(set(lines)) == len(lines)
    for line in lines:
        quads = list(ox.parse(line.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
        assert len(quads) == 1 and quads[0].graph_name == ox.NamedNode(DERIVED_GRAPH), line


def test_provenance_and_nothing_in_the_default_graph() -> None:
    store = _store(_counter(_entities(), _facts()).nquads())
    graph = ox.NamedNode(DERIVED_GRAPH)
    assert not list(store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert list(store.named_graphs()) == [graph]
    iri = ox.NamedNode

    def has(s: str, p: str, o: ox.NamedNode) -> bool:
        return ox.Quad(iri(s), iri(p), o, graph) in store

    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    assert has(DERIVED_GRAPH, rdf_type, iri(PROV + "Entity"))
    assert has(DERIVED_GRAPH, PROV + "wasDerivedFrom", iri(ASSERTED_GRAPH))
    assert has(DERIVED_GRAPH, PROV + "wasGeneratedBy", iri(RULE))
    assert has(RULE, rdf_type, iri(PROV + "Activity"))
    comments = [q.object for q in store.quads_for_pattern(
        iri(RULE), iri("http://www.w3.org/2000/01/rdf-schema#comment"), None, graph)]
    assert len(comments) == 1 and comments[0].language == "en" and "locatedIn" in comments[0].value


def test_the_new_terms_are_not_for_curators() -> None:
    schema = load_schema()
    new = {JJJ[name] for name in ("inProvince", "inPrefecture", "FlowCount", "level", "origin", "destination",
                                  "relation", "statementCount")}
    assert all((term, None, None) in schema.graph for term in new)
    used = {t.iri for t in schema.types.values()} | {r.iri for r in schema.relations.values()} \
        | {q.iri for q in schema.qualifiers.values()}
    assert not new & used


# ---------------------------------------------------------------- the old query and the new agree

FIXTURE = ROOT / "tests" / "examples" / "valid" / "queries"
GRAPHS = {"curated": (None, CURATED_TEXTS, CURATED_REFERENCE),
          "fixture": (FIXTURE / "seeds", FIXTURE / "texts", REFERENCE)}
_BUILT: dict[str, tuple[ox.Store, ox.Store]] = {}
_TEXT: dict[str, str] = {}


def _stores(name: str) -> tuple[ox.Store, ox.Store]:
    """The graph's data (default graph) and ontology (named graph); the second store with the derived
    graph too."""
    if name not in _BUILT:
        import graph
        from graph.schema import ONTOLOGY_FILE

        built = graph.load(*GRAPHS[name])
        data = getattr(built, "ntriples", None)
        if data is None:  # an older Built
            from graph.oxigraph import sorted_triples
            data = ox.serialize(sorted_triples(built.graph), format=ox.RdfFormat.N_TRIPLES)
        stores = ox.Store(), ox.Store()
        for store in stores:
            store.load(data, format=ox.RdfFormat.N_TRIPLES)
            store.load(path=ONTOLOGY_FILE, format=ox.RdfFormat.TURTLE, to_graph=ONTOLOGY)
        text = _TEXT[name] = flow_counts(built.seeds, built.schema).nquads()
        stores[1].load(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
        _BUILT[name] = stores
    return _BUILT[name]


def _rows(solutions: ox.QuerySolutions) -> list[tuple[str, ...]]:
    return [tuple(str(row[v]) for v in solutions.variables) for row in solutions]


PARAMS = [{}, *({name: place} for name in ("fromProvince", "toProvince") for place in ("beijing", "tianjin", "hebei")),
          {"fromProvince": "beijing", "toProvince": "hebei"}]


@pytest.mark.parametrize("name", GRAPHS)
@pytest.mark.parametrize("params", PARAMS, ids=lambda p: ",".join(f"{k}={v}" for k, v in p.items()) or "unbound")
def test_the_new_query_answers_as_the_old(name: str, params: dict[str, str]) -> None:
    plain, derived = _stores(name)
    substitutions = {ox.Variable(k): ox.NamedNode(ENT[v]) for k, v in params.items()}
    old = _rows(plain.query(OLD_FLOWS_QUERY, use_default_graph_as_union=True,  # type: ignore[arg-type]
                            substitutions=substitutions))
    new = _rows(derived.query(Path(FLOWS).read_text(encoding="utf-8"),  # type: ignore[arg-type]
                              default_graph=[ox.DefaultGraph(), ONTOLOGY], substitutions=substitutions))
    assert new == old
    if not params:
        assert len(old) > 3  # there is something to compare


@pytest.mark.parametrize("name", GRAPHS)
def test_the_derived_graph_of_the_seeds_is_apart_and_sorted(name: str) -> None:
    plain, derived = _stores(name)
    lines = _TEXT[name].splitlines(keepends=True)
    assert lines == sorted(set(lines))
    assert len(derived) == len(plain) + len(lines)
    assert len(list(derived.quads_for_pattern(None, None, None, ox.NamedNode(DERIVED_GRAPH)))) == len(lines)
    assert set(derived.quads_for_pattern(None, None, None, ox.DefaultGraph())) == \
        set(plain.quads_for_pattern(None, None, None, ox.DefaultGraph()))  # nothing derived in the default graph
    assert set(derived.named_graphs()) == {ONTOLOGY, ox.NamedNode(DERIVED_GRAPH)}


@pytest.mark.parametrize("name", GRAPHS)
def test_prefecture_counts_match_the_rule_in_sparql(name: str) -> None:
    plain, derived = _stores(name)
    expected = {("prefecture", r["from"].value[len(ENT):], r["to"].value[len(ENT):], r["relation"].value[len(JJJ):]):
                int(r["n"].value) for r in plain.query(PREFECTURE_FLOWS_QUERY, use_default_graph_as_union=True)}
    assert len(expected) > 3 or name == "fixture"
    assert {k: v for k, v in _counts(derived).items() if k[0] == "prefecture"} == expected


def test_the_query_keeps_its_header_and_reads_the_derived_graph() -> None:
    from graph.query import parse_query_file

    new, old = parse_query_file(FLOWS), parse_query_file(FLOWS, OLD_FLOWS_QUERY)
    assert (new.title_zh, new.title_en, new.answers, new.parameters) == \
        (old.title_zh, old.title_en, old.answers, old.parameters)
    assert "GRAPH <https://w3id.org/jjjkg/graph/derived>" in new.text and "COUNT" not in new.text
