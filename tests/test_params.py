"""--param takes names: an id, a zh or en label, an alias, a title; ambiguous and unknown names
are one-line errors (exit 2) that name the candidates — never an empty answer with exit 0."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from conftest import run_cli

from graph.names import NameIndex
from graph.query import Engine, QueryError, bind, load_catalogue

CATALOGUE = load_catalogue()
XIONGAN = ox.NamedNode("https://w3id.org/jjjkg/id/xiongan")


@pytest.fixture(scope="module")
def engine(curated) -> Engine:  # type: ignore[no-untyped-def]
    return Engine(curated)


@pytest.mark.parametrize("value", ["xiongan", "ent:xiongan", "https://w3id.org/jjjkg/id/xiongan", "雄安新区", "雄安",
                                   "Xiong'an New Area", "xiong'an new area", "Xiong'an", " 雄安 新区 "])
def test_a_place_is_named_by_id_label_alias_or_short_english_name(engine: Engine, value: str) -> None:
    assert engine.bind(CATALOGUE["hq-relocations"], [f"to={value}"]) == {ox.Variable("to"): XIONGAN}


def test_indicators_and_industries_are_named_by_their_labels(engine: Engine) -> None:
    bound = engine.bind(CATALOGUE["indicator-time-series"], ["indicator=输出技术合同成交额"])
    assert bound[ox.Variable("indicator")].value.endswith("/indicator/tech-contract-turnover-output")


def test_an_ambiguous_name_lists_every_candidate(engine: Engine) -> None:
    with pytest.raises(QueryError, match=r"'桥西区' names 2 entities: .*shijiazhuang-qiaoxi.*zhangjiakou-qiaoxi"):
        engine.bind(CATALOGUE["hq-relocations"], ["to=桥西区"])
    with pytest.raises(QueryError, match=r"hengshui-jizhou.*tianjin-jizhou"):
        engine.bind(CATALOGUE["hq-relocations"], ["to=Jizhou"])


@pytest.mark.parametrize("value,nearest", [("雄按新区", "xiongan"), ("xiongann", "xiongan"), ("hebie", "hebei")])
def test_an_unknown_id_or_name_suggests_the_nearest(engine: Engine, value: str, nearest: str) -> None:
    with pytest.raises(QueryError, match=rf"no entity with id or name '{value}'; did you mean .*\({nearest}\)"):
        engine.bind(CATALOGUE["hq-relocations"], [f"to={value}"])


def test_without_a_graph_only_ids_bind() -> None:
    assert bind(CATALOGUE["hq-relocations"], ["to=xiongan"]) == {ox.Variable("to"): XIONGAN}
    with pytest.raises(QueryError, match="is not an entity id"):
        bind(CATALOGUE["hq-relocations"], ["to=雄安新区"])


def test_a_short_english_name_never_shadows_a_full_one() -> None:
    index = NameIndex.of([("chengde", ["承德市", "Chengde"]), ("chengde-county", ["承德县", "Chengde County"])])
    assert index.find("Chengde").id == "chengde"
    assert index.find("chengde county").id == "chengde-county"


def test_the_cli_answers_a_name_and_refuses_an_unknown_one() -> None:
    named = run_cli("query", "hq-relocations", "--param", "to=雄安新区", "--ids", "--format", "csv")
    by_id = run_cli("query", "hq-relocations", "--param", "to=xiongan", "--ids", "--format", "csv")
    assert named.returncode == 0 and named.stdout == by_id.stdout and named.stdout.count("\n") > 3
    unknown = run_cli("query", "hq-relocations", "--param", "to=雄按新区")
    assert unknown.returncode == 2 and unknown.stdout == ""
    assert unknown.stderr.strip().splitlines() == [
        "jjjkg query: error: --param to: no entity with id or name '雄按新区'; did you mean 雄安新区 (xiongan)?"]
    view = run_cli("view", "--query", "hq-relocations", "--param", "to=桥西区", "--out", "/nonexistent/x.html")
    assert view.returncode == 2 and "'桥西区' names 2 entities" in view.stderr
