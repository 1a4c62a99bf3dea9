"""`jjjkg path`: the shortest chains of facts linking two entities (graph/analysis/paths.py), on a
small fixture with a known chain A–B–C–D, a tie through E and administrative short cuts, and on
the curated question "What links Jizhou to Beijing?"."""
from __future__ import annotations

import json

import pytest

from conftest import EXAMPLES, REFERENCE, run_cli
from graph.analysis.paths import ADMIN_RELATIONS, find_chains, find_node, usable_relations
from graph.problems import ConfigError

FIXTURE = EXAMPLES / "valid" / "analysis-paths"
ARGS = ["--seeds", str(FIXTURE / "seeds"), "--sources-dir", str(FIXTURE / "texts"), "--reference-dir", str(REFERENCE)]
QUOTES_OF_THE_CHAIN = ["2023年5月，甲公司开始为乙公司供货。", "2024年2月10日，丙研究所把技术转移给乙公司。",
                       "丁公司与丙研究所协同研发新材料。"]


@pytest.fixture(scope="module")
def fixture_built():  # type: ignore[no-untyped-def]
    import graph

    return graph.load(FIXTURE / "seeds", FIXTURE / "texts", REFERENCE)


def linkage(built) -> frozenset[str]:  # type: ignore[no-untyped-def]
    return usable_relations(built.schema.relations)


def test_the_chain_and_its_tie_are_found_in_order(fixture_built) -> None:  # type: ignore[no-untyped-def]
    found = find_chains(fixture_built.network, "firm-a", "firm-d", linkage(fixture_built))
    assert (found.length, found.total) == (3, 2)
    assert [chain.nodes for chain in found.chains] == [("firm-a", "firm-b", "firm-c", "firm-d"),
                                                       ("firm-a", "firm-e", "firm-c", "firm-d")]
    first = found.chains[0]
    back = first.hops[1].facts[0]  # the fact points from C to B: shown in its own direction
    assert (back.subject, back.relation, back.object) == ("firm-c", "technology_transfer", "firm-b")
    parallel = first.hops[2].facts
    assert {f.relation for f in parallel} == {"co_develops", "cooperates_with"}
    assert all(f.quote and f.statement.startswith("https://w3id.org/jjjkg/statement/") for f in parallel)


def test_paths_limits_the_chains_shown_but_counts_them_all(fixture_built) -> None:  # type: ignore[no-untyped-def]
    found = find_chains(fixture_built.network, "firm-a", "firm-d", linkage(fixture_built), limit=1)
    assert (len(found.chains), found.total) == (1, 2)


def test_admin_links_are_left_out_unless_asked_for(fixture_built) -> None:  # type: ignore[no-untyped-def]
    assert not ADMIN_RELATIONS & linkage(fixture_built)
    everything = usable_relations(fixture_built.schema.relations, exclude_admin=False)
    found = find_chains(fixture_built.network, "firm-a", "firm-d", everything)
    assert [chain.nodes for chain in found.chains] == [("firm-a", "beijing", "firm-d")]


def test_max_hops_cuts_and_via_filters(fixture_built) -> None:  # type: ignore[no-untyped-def]
    network = fixture_built.network
    assert find_chains(network, "firm-a", "firm-d", linkage(fixture_built), max_hops=2).chains == ()
    supplies = usable_relations(fixture_built.schema.relations, ["supplies"])
    assert [c.nodes for c in find_chains(network, "firm-a", "firm-c", supplies).chains] == \
        [("firm-a", "firm-e", "firm-c")]
    assert find_chains(network, "firm-a", "firm-d", supplies).chains == ()
    with pytest.raises(ConfigError, match="--via: unknown relation 'suplies'; did you mean supplies"):
        usable_relations(fixture_built.schema.relations, ["suplies"])
    with pytest.raises(ConfigError, match="--max-hops: 9 is out of range"):
        find_chains(network, "firm-a", "firm-d", supplies, max_hops=9)


def test_names_resolve_and_unknown_ones_suggest(fixture_built) -> None:  # type: ignore[no-untyped-def]
    assert find_node(fixture_built.network, "甲", "FROM") == "firm-a"
    assert find_node(fixture_built.network, "Firm D", "TO") == "firm-d"
    with pytest.raises(ConfigError, match=r"TO: no entity with id or name '丁'; did you mean 丁公司 \(firm-d\)"):
        find_node(fixture_built.network, "丁", "TO")


def test_cli_prints_every_hop_with_its_quote_and_source() -> None:
    result = run_cli("path", "甲", "丁公司", *ARGS)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("甲公司 (firm-a) to 丁公司 (firm-d): 2 shortest chains of 3 hops")
    assert "chain 1: 甲公司 — 乙公司 — 丙研究所 — 丁公司" in out and "chain 2: 甲公司 — 戊公司 — 丙研究所 — 丁公司" in out
    assert "  2. 丙研究所 — 技术转移至 → 乙公司 [2024-02-10, 2024年2月10日]" in out
    for quote in QUOTES_OF_THE_CHAIN:
        assert f"“{quote}”" in out
    assert "《链条样例 京津冀企业往来》, 样例日报, 2024-06-01" in out
    assert "(+1 more fact linking 丙研究所 and 丁公司: --all-facts)" in out


def test_cli_json_lists_every_parallel_fact() -> None:
    result = run_cli("path", "firm-a", "firm-d", "--paths", "1", "--format", "json", "--lang", "en", *ARGS)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert (answer["hops"], answer["shortest_chains"], len(answer["chains"])) == (3, 2, 1)
    last = answer["chains"][0]["hops"][2]["facts"]
    assert sorted(f["relation"] for f in last) == ["co_develops", "cooperates_with"]
    assert last[0]["source"] == {"id": "chain-news", "title": "Chain sample", "publisher": "Sample Daily",
                                 "published": "2024-06-01"}


@pytest.mark.parametrize(("args", "code", "message"), [
    (["甲", "丁公司", "--max-hops", "2"], 1, "jjjkg path: no chain of at most 2 facts links 甲公司 (firm-a) and 丁公司 (firm-d)"),
    (["甲", "火星公司"], 2, "jjjkg path: error: TO: no entity with id or name '火星公司'; did you mean"),
    (["甲", "丁公司", "--via", "nope"], 2, "jjjkg path: error: --via: unknown relation 'nope'"),
    (["甲", "丁公司", "--paths", "0"], 2, "jjjkg path: error: --paths: 0 is out of range (1 to 100)"),
    (["甲", "甲公司"], 2, "jjjkg path: error: FROM and TO are the same entity (firm-a)"),
])
def test_cli_errors_are_one_line(args: list[str], code: int, message: str) -> None:
    result = run_cli("path", *args, *ARGS)
    assert result.returncode == code
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1, result.stderr
    assert result.stdout == ""


def test_what_links_jizhou_to_beijing() -> None:
    """The curated question, in one command: 蓟州 is Tianjin's 蓟州区 (not Hengshui's 冀州区)."""
    result = run_cli("path", "蓟州", "北京", "--all-facts")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("蓟州区 (tianjin-jizhou) to 北京市 (beijing): 1 shortest chain of 1 hop")
    assert "  1. 蓟州区 — 销售渠道 → 北京市" in out
    assert "“今年以来，蓟州区已签约北京地区项目13个，协议投资总额超百亿元”" in out
    assert "《天津蓟州区实施“四大工程”加快融入京津冀》" in out
    assert out.count("https://w3id.org/jjjkg/statement/jizhou-four-projects-") == 5
