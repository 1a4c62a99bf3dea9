"""`jjjkg propose`: a fixture article written for the tests (simplified and traditional) gives a
draft that holds its known facts with verbatim quotes; marking them accepted and running
`jjjkg accept` puts them into (a copy of) the seeds, which still validate."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, propose_registry
from graph.cli import main
from graph.propose import SourceMeta, article_of_text, propose, read_article
from graph.propose.article import simplified, split_sentences
from graph.propose.rules import load_triggers
from graph.schema import load_schema

FIXTURES = ROOT / "tests" / "fixtures" / "propose"
SIMPLIFIED, TRADITIONAL = FIXTURES / "article.txt", FIXTURES / "article-traditional.txt"
NEW = "hebei-hengli-jinggong"
# (subject, relation, object, qualifiers that must be there): what the article states
KNOWN_FACTS = [
    (NEW, "rd_location", "beijing", {"role": "研发中心"}),
    (NEW, "production_location", "baoding", {"role": "制造基地"}),
    (NEW, "hq_relocated_to", "xiongan", {"from": "beijing", "date": "2025", "date_text": "去年底"}),
    (NEW, "hosted_by", "mancheng-rail-transit-park", {}),
    ("beijing", "technology_transfer", "baoding", {"date_text": "今年以来"}),
    ("tianjin", "technology_transfer", "baoding", {"date_text": "今年以来"}),
]


def _draft(capsys: pytest.CaptureFixture[str], article: Path, out: Path, *extra: str) -> dict:
    code = main(["propose", str(article), "--source-id", "test-daily-2026-03-01", "--date", "2026-03-01",
                 "--publisher", "测试日报", "--out", str(out), *extra])
    assert code == 0, capsys.readouterr().err
    return yaml.safe_load(out.read_text(encoding="utf-8"))


def _facts(draft: dict) -> dict[tuple[str, str, str], dict]:
    return {(f["subject"], f["relation"], f["object"]): f for f in draft["facts"]}


@pytest.mark.parametrize("article", [SIMPLIFIED, TRADITIONAL], ids=["simplified", "traditional"])
def test_the_draft_holds_the_known_facts_with_verbatim_quotes(
        article: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = _draft(capsys, article, tmp_path / "draft.yaml")
    text = article.read_text(encoding="utf-8")
    facts = _facts(draft)
    for subject, relation, obj, qualifiers in KNOWN_FACTS:
        fact = facts.get((subject, relation, obj))
        assert fact is not None, f"missing {subject} {relation} {obj}; proposed {sorted(facts)}"
        assert fact["quote"] in text, "the quote is the sentence as printed, traditional characters kept"
        assert fact["review"] == "pending" and 0 < fact["confidence"] <= 1 and fact["evidence"]
        for key, value in qualifiers.items():
            printed = fact["qualifiers"][key]
            assert simplified(printed) == value and (key not in ("role", "date_text") or printed in fact["quote"])
    entity = next(e for e in draft["entities"] if e["id"] == NEW)
    assert simplified(entity["zh"]) == "河北恒力精工装备有限公司" and entity["zh"] in text
    assert entity["type"] == "company" and entity["en"] is None and entity["review"] == "pending"
    assert [simplified(a) for a in entity["aliases"]] == ["恒力精工"], "the short form the article sets up"
    value = next(v for v in draft["observations"] if v["indicator"] == "tech-contract-turnover-absorbed")
    assert (value["value"], value["unit"], value["bound"]) == ("50", "亿元", "more_than")
    assert (value["area"], value["counterpart"], value["period"]) == ("baoding", ["beijing", "tianjin"], "2026")
    count = next(v for v in draft["observations"] if v["unit"] == "家")
    assert (count["value"], count["bound"]) == ("60", "more_than"), "60多家: 多 is the bound"
    linked = {row["zh"]: row["id"] for row in draft["linked"]}
    assert linked["保定市"] == "baoding" and linked["雄安新区" if article == SIMPLIFIED else "雄安新區"] == "xiongan"
    source = {key: value for key, value in draft["source"].items() if key != "article"}
    assert source == {"id": "test-daily-2026-03-01", "title": text.split("\n")[0], "publisher": "测试日报",
                      "published": "2026-03-01", "language": "zh", "file": "test-daily-2026-03-01.txt",
                      "review": "pending"}
    assert (tmp_path / draft["source"]["article"]).resolve() == article.resolve(), "accept finds the article from the draft"


def test_propose_then_accept_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    draft_path = tmp_path / "draft.yaml"
    main(["propose", str(SIMPLIFIED), "--source-id", "test-daily-2026-03-01", "--date", "2026-03-01",
          "--title", "京冀产业协作再添新例", "--publisher", "测试日报", "--out", str(draft_path), "--seeds", str(seeds)])
    capsys.readouterr()
    before = _stats(capsys, seeds)
    # the curator's review: accept the known facts and the new firm (with its English label), the
    # source; reject the rest; accept the technology-contract value
    text = draft_path.read_text(encoding="utf-8")
    draft = yaml.safe_load(text)
    wanted = {(s, r, o) for s, r, o, _ in KNOWN_FACTS}
    draft["source"]["review"] = "accept"
    for entity in draft["entities"]:
        entity["review"] = "accept" if entity["id"] == NEW else "reject"
        if entity["id"] == NEW:
            entity["en"] = "Hebei Hengli Precision Equipment Co., Ltd. (test fixture)"
    for fact in draft["facts"]:
        fact["review"] = "accept" if (fact["subject"], fact["relation"], fact["object"]) in wanted else "reject"
    for value in draft["observations"]:
        value["review"] = "accept" if value["indicator"] == "tech-contract-turnover-absorbed" else "reject"
    draft_path.write_text(yaml.safe_dump(draft, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code = main(["accept", str(draft_path), "--seeds", str(seeds)])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert main(["validate", "--seeds", str(seeds)]) == 0, capsys.readouterr().err
    capsys.readouterr()
    after = _stats(capsys, seeds)
    assert after["sources"] == before["sources"] + 1
    assert after["entities"] == before["entities"] + 1
    assert after["facts"] == before["facts"] + len(wanted)
    assert after["indicator values"] == before["indicator values"] + 1
    assert (seeds / "texts" / "test-daily-2026-03-01.txt").read_bytes() == SIMPLIFIED.read_bytes()
    facts_file = next(p for p in (seeds / "facts").glob("*.yaml") if "test-daily-2026-03-01" in p.name)
    written = facts_file.read_text(encoding="utf-8")
    assert "该公司的研发中心设在北京，制造基地建在保定" in written and "review" not in written and "confidence" not in written


def _stats(capsys: pytest.CaptureFixture[str], seeds: Path) -> dict[str, int]:
    assert main(["stats", "--seeds", str(seeds)]) == 0
    counts = {}
    for line in capsys.readouterr().out.splitlines():
        parts = line.rsplit(None, 1)
        if len(parts) == 2 and parts[1].isdigit():
            counts.setdefault(parts[0].strip(), int(parts[1]))
    return counts


def test_every_relation_pattern_of_the_ontology_parses_and_names_a_relation() -> None:
    schema = load_schema()
    triggers = load_triggers(schema)
    assert len({t.relation.key for t in triggers}) >= 20, "patterns for most relations"
    for trigger in triggers:
        kinds = [kind for kind, _ in trigger.parts]
        assert "text" in kinds or "role" in kinds, f"{trigger.pattern}: a pattern needs words of its own"


def test_a_curator_adds_a_pattern_without_code(tmp_path: Path) -> None:
    """A new jjj:proposeTrigger in the ontology is all it takes to find a new wording."""
    from graph.model import Seeds
    from graph.schema import load_schema_graph

    base = (ROOT / "ontology" / "jjjkg.ttl").read_text(encoding="utf-8")
    article = article_of_text("标题行\n北京某某研究院牵手保定市，在当地研究新材料。\n", "test.txt")
    seeds = propose_registry()[0]
    meta = SourceMeta("t", "标题行", "t.txt", "t.txt")
    before = propose(article, seeds, load_schema(), meta)
    assert not [f for f in before["facts"] if f["relation"] == "cooperates_with"]
    extended = tmp_path / "jjjkg.ttl"
    extended.write_text(base + '\njjj:cooperatesWith jjj:proposeTrigger "{S}牵手{O}" .\n', encoding="utf-8")
    after = propose(article, seeds, load_schema_graph(extended), meta)
    assert [(f["relation"], f["object"]) for f in after["facts"] if f["relation"] == "cooperates_with"] == [
        ("cooperates_with", "baoding")]
    assert isinstance(seeds, Seeds)


def test_sentences_keep_their_text_as_printed() -> None:
    text = "第一句。 第二句！\n\n第三句；第四句"
    assert [text[s.start:s.end] for s in split_sentences(text)] == ["第一句", "第二句", "第三句", "第四句"]
    assert simplified("研發中心設在北京") == "研发中心设在北京"
    assert read_article(TRADITIONAL).traditional and not read_article(SIMPLIFIED).traditional
