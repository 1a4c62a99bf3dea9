"""The query catalogue: headers, parameters, expected results on the curated graph and the fixture."""
from __future__ import annotations

from functools import cache

import pytest

from query_goldens import GOLDEN, engines, result_tsv, runs

from graph.query import load_catalogue

CATALOGUE = load_catalogue()
QUESTIONS = [q for q in CATALOGUE.values() if not q.is_check]


@cache
def _engines():  # type: ignore[no-untyped-def]
    return engines()


def test_at_least_twenty_competency_queries() -> None:
    assert len(QUESTIONS) >= 20


@pytest.mark.parametrize("query", CATALOGUE.values(), ids=lambda q: q.name)
def test_header_has_title_question_and_declared_parameters(query) -> None:  # type: ignore[no-untyped-def]
    assert query.title_zh and query.title_en, f"{query.name}: '# title: zh / en'"
    assert query.answers.endswith(("?", ".", ")")), f"{query.name}: '# answers:' states the question"
    body = "\n".join(line for line in query.text.splitlines() if not line.startswith("#"))
    select = body[body.find("SELECT"):body.find("WHERE")]
    for param in query.parameters:
        assert f"?{param.name}" in select, f"{query.name}: parameter ?{param.name} must be projected"
        assert "e.g." in param.doc, f"{query.name}: parameter ?{param.name} gives an example"
    if query.is_check:
        assert "?focus" in select and "?message" in select


CASES = [(graph_name, query, file_name, params)
         for graph_name in ("curated", "fixture")
         for query in CATALOGUE.values()
         for file_name, params in runs(query, graph_name).items()]


@pytest.mark.parametrize("graph_name,query,file_name,params", CASES,
                         ids=[f"{g}/{f}" for g, _, f, _ in CASES])
def test_query_gives_its_expected_result(graph_name, query, file_name, params) -> None:  # type: ignore[no-untyped-def]
    expected_path = GOLDEN / graph_name / file_name
    assert expected_path.is_file(), f"no expected result {expected_path}: run python tests/query_goldens.py"
    expected = expected_path.read_text(encoding="utf-8").splitlines()
    actual = result_tsv(_engines()[graph_name], query, params).splitlines()
    assert actual[0] == expected[0]
    assert sorted(actual[1:]) == sorted(expected[1:])
    if query.is_check:
        assert len(actual) == 1, f"{query.name} must return no rows"


def test_every_competency_query_answers_something_on_the_fixture() -> None:
    empty = [name for name in (q.name for q in QUESTIONS)
             if len((GOLDEN / "fixture" / f"{name}.example.tsv" if CATALOGUE[name].parameters
                     else GOLDEN / "fixture" / f"{name}.tsv").read_text(encoding="utf-8").splitlines()) < 2]
    assert empty == []


# Listings answer "what is there", not a sourced claim: they need no quote. Every other question
# gives, on each row, the quote and the article (title, publisher, date) to cite it by.
LISTINGS = {"entity-kinds", "indicators", "industries", "sources", "search-labels", "places-without-coordinates",
            "linkage-flows-by-province"}
CITATION = ("quote", "sourceTitle", "publisher", "published")
# entities-in-province also lists located_in from the entity registry, which no statement states.
MAY_LACK_A_QUOTE = {"entities-in-province"}
CITED = [q for q in QUESTIONS if q.name not in LISTINGS]


def _rows(graph_name: str, name: str, params: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    from graph.query import bind

    engine = _engines()[graph_name]
    result = engine.execute(CATALOGUE[name], bind(CATALOGUE[name], list(params)))
    return [v.value for v in result.variables], list(result)


def test_listings_are_named_queries() -> None:
    assert LISTINGS | MAY_LACK_A_QUOTE <= set(CATALOGUE)


@pytest.mark.parametrize("query", CITED, ids=lambda q: q.name)
def test_every_answer_can_be_cited_from_its_row(query) -> None:  # type: ignore[no-untyped-def]
    variables, rows = _rows("curated", query.name)
    missing = [name for name in CITATION if name not in variables]
    assert not missing, f"{query.name} must project ?{' ?'.join(missing)} (or be listed in LISTINGS)"
    assert "source" not in variables, f"{query.name}: the citation is ?sourceTitle ?publisher ?published"
    assert rows, f"{query.name} answers nothing on the curated graph"
    if query.name in MAY_LACK_A_QUOTE:
        rows = [row for row in rows if row["quote"] is not None]
        assert rows, f"{query.name}: no row has a quote"
    uncited = [row for row in rows if not (row["quote"] and row["quote"].value and row["sourceTitle"]
                                           and row["sourceTitle"].value)]
    assert not uncited, f"{query.name}: {len(uncited)} row(s) without a quote or a source title"


def test_a_value_for_several_areas_together_is_one_row() -> None:
    """Beijing's contracts to Tianjin and Hebei (one value, two counterpart areas) never become a row
    per area that a sum would count twice."""
    from graph.results import render

    variables, rows = _rows("fixture", "indicator-time-series", ("indicator=tech-contract-turnover-output",))
    assert [row["printed"].value for row in rows] == ["356", "748"]
    ent = "https://w3id.org/jjjkg/id/"
    assert {row["counterparts"].value for row in rows} == {f"{ent}hebei {ent}tianjin"}
    assert {row["areas"].value for row in rows} == {f"{ent}beijing"}
    engine = _engines()["fixture"]
    query = CATALOGUE["indicator-time-series"]
    from graph.query import bind

    table = render(engine, engine.execute(query, bind(query, ["indicator=tech-contract-turnover-output"])), "md")
    assert table.count("| 北京市 | 河北省、天津市 |") == 2, table
    english = render(engine, engine.execute(query, bind(query, ["indicator=tech-contract-turnover-output"])), "md",
                     lang="en")
    assert english.count("| Beijing | Hebei, Tianjin |") == 2, english


def test_curated_observations_for_several_areas_are_one_row_each() -> None:
    _, rows = _rows("curated", "indicator-time-series")
    engine = _engines()["curated"]
    observations = engine.store.query("SELECT (COUNT(*) AS ?n) WHERE { ?o a jjj:Observation }",
                                      prefixes={"jjj": "https://w3id.org/jjjkg/ontology#"})
    assert len(rows) == int(next(iter(observations))["n"].value)
    assert any(" " in row["counterparts"].value for row in rows if row["counterparts"])


def test_tables_show_sources_and_relations_in_the_chosen_language() -> None:
    from graph.query import bind, parse_query_file
    from graph.results import render
    from pathlib import Path

    engine = _engines()["curated"]
    query = CATALOGUE["hq-relocations"]
    zh = render(engine, engine.execute(query, bind(query, ["to=xiongan"])), "md", lang="zh")
    en = render(engine, engine.execute(query, bind(query, ["to=xiongan"])), "md", lang="en")
    assert "| 同心筑梦,京津冀协同发展迈上新台阶 | 河北日报 |" in zh
    assert "| Building the dream together: Beijing–Tianjin–Hebei coordinated development reaches a new stage " \
           "| Hebei Daily |" in en
    assert "| 央视网 | 2025-02-27 |" in zh and "| CCTV.com | 2025-02-27 |" in en
    assert "中国矿产总部项目主体结构已开工" in en  # quotes stay as printed
    inline = parse_query_file(Path("-e"), "SELECT ?source ?relation WHERE { "
                              "BIND(src:cctv-2025-02-27 AS ?source) BIND(jjj:hasRDLocation AS ?relation) }")
    zh = render(engine, engine.execute(inline), "md")
    assert "| “携手”11年 京津冀产业协同如何再升级? | 研发地 |" in zh
    assert "| Eleven years 'hand in hand': how can Beijing–Tianjin–Hebei industrial coordination upgrade again? " \
           "| has R&D location |" in render(engine, engine.execute(inline), "md", lang="en")
    assert "| src:cctv-2025-02-27 |" in render(engine, engine.execute(inline), "md", ids=True)


def test_facts_about_an_entity_read_as_directed_sentences() -> None:
    from graph.query import bind
    from graph.results import render

    engine = _engines()["curated"]
    query = CATALOGUE["facts-about-entity"]
    table = render(engine, engine.execute(query, bind(query, ["entity=hebei-jingche"])), "md", lang="en")
    assert "| Hebei Jingche Rail Transit Vehicle Equipment Co., Ltd. | has R&D location | Beijing |  | " \
           "研发中心设在北京,制造基地建在保定 |" in table  # no modality: the sentence states it plainly
    _, rows = _rows("curated", "facts-about-entity", ("entity=xiongan",))
    ent = "https://w3id.org/jjjkg/id/xiongan"
    assert rows and all(ent in (row["subject"].value, row["object"].value) for row in rows)
    assert any(row["object"].value == ent for row in rows) and any(row["subject"].value == ent for row in rows)


@pytest.mark.parametrize("query", load_catalogue().values(), ids=lambda q: q.name)
def test_every_query_declares_its_prefixes_and_passes_the_guard(query) -> None:  # type: ignore[no-untyped-def]
    """A catalogue query runs as it is on any SPARQL store (no jjjkg default prefixes), and within
    what `jjjkg serve` accepts."""
    import pyoxigraph as ox

    from graph.sparql_guard import check_query

    ox.Store().query(query.text)  # a SyntaxError names an undeclared prefix
    check_query(query.text)
