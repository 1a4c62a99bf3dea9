"""The query catalogue: headers, parameters, expected results on the curated graph and the fixture."""
from __future__ import annotations

from functools import cache

import pytest

from conftest import SHARED
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
    if graph_name == "curated" and not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not beside the checkout")
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
