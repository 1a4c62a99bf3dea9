"""`jjjkg accept DRAFT`: the accepted items of a draft go into (a copy of) the seeds, the rest stay
out, and a draft that would not validate changes nothing and is refused at the draft's lines."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from graph.accept import accept_draft
from graph.accept_files import append_items, scalar
from graph.cli import main
from graph.problems import InputError, Problems
from graph.settings import Settings
from graph.yamlfile import read_yaml

ARTICLE = """河北某装备公司落户保定
某某报讯 2026年3月1日，河北某装备有限公司宣布，公司研发中心设在北京，制造基地建在保定。
该公司计划投资超过50亿元，在雄安新区建设新工厂。
去年，河北吸纳京津技术合同成交额突破400亿元。
"""

DRAFT = """# written by propose
source:
  id: demo-2026-03-01
  title: 河北某装备公司落户保定
  publisher: 某某报
  published: 2026-03-01
  language: zh
  file: demo-2026-03-01.txt
  article: article.txt
  review: accept
entities:
  - id: hebei-mou-zhuangbei
    type: company
    zh: 河北某装备有限公司
    en: "Hebei Mou Equipment Co., Ltd."
    aliases: [某装备]
    quote: 河北某装备有限公司宣布
    confidence: 0.6
    evidence: "named as the subject"
    review: accept
  - id: other-mou-co
    type: company
    zh: 另一公司
    en: null
    review: pending
  - id: rejected-mou-park
    type: park
    zh: 某园区
    en: Some park
    review: reject
linked:
  - {zh: 保定, id: baoding, mentions: 2}
facts:
  - subject: hebei-mou-zhuangbei
    relation: production_location
    object: baoding
    qualifiers: {role: 制造基地}
    quote: 制造基地建在保定
    confidence: 0.8
    evidence: "..."
    review: accept
  - subject: hebei-mou-zhuangbei
    relation: rd_location
    object: beijing
    qualifiers: {role: 研发中心}
    quote: 研发中心设在北京
    review: accept
  - subject: hebei-mou-zhuangbei
    relation: production_location
    object: xiongan
    modality: planned
    amount: {value: 50, unit: 亿元, bound: more_than}
    quote: 该公司计划投资超过50亿元，在雄安新区建设新工厂。
    review: reject
  - subject: other-mou-co
    relation: production_location
    object: baoding
    quote: 制造基地建在保定
    review: pending
observations:
  - indicator: tech-contract-turnover-absorbed
    area: hebei
    period: "2025"
    period_text: 去年
    value: 400
    unit: 亿元
    bound: more_than
    quote: 去年，河北吸纳京津技术合同成交额突破400亿元。
    confidence: 0.7
    evidence: "..."
    review: accept
"""


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A copy of the curated seeds (with texts/ and reference/), and the article beside it."""
    copy = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", copy)
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    return copy


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def write_draft(seeds: Path, text: str, name: str = "draft.yaml") -> Path:
    path = seeds.parent / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, marker: str, occurrence: int = 1) -> int:
    """The line (from 1) of the marker's nth occurrence in text."""
    at = -1
    for _ in range(occurrence):
        at = text.index(marker, at + 1)
    return text.count("\n", 0, at) + 1


def accept(capsys: pytest.CaptureFixture[str], draft: Path, seeds: Path) -> tuple[int, str, str]:
    code = main(["accept", str(draft), "--seeds", str(seeds)])
    out, err = capsys.readouterr()
    return code, out, err


def totals(capsys: pytest.CaptureFixture[str], seeds: Path) -> dict[str, int]:
    assert main(["stats", "--seeds", str(seeds), "--format", "json"]) == 0
    return dict(json.loads(capsys.readouterr().out)["totals"])


def assert_valid(capsys: pytest.CaptureFixture[str], seeds: Path) -> None:
    code = main(["validate", "--seeds", str(seeds)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.startswith("valid:")


def test_accept_adds_exactly_the_accepted_items(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = totals(capsys, seeds)
    before_files = files_of(seeds)
    draft = write_draft(seeds, DRAFT)
    code, out, err = accept(capsys, draft, seeds)
    assert code == 0, err
    assert out.splitlines()[0] == (f"accepted 1 source, 1 entity, 2 facts, 1 observation into {seeds}/ "
                                   "(2 pending and 2 rejected left out); valid")
    assert "Traceback" not in err
    assert_valid(capsys, seeds)
    after = totals(capsys, seeds)
    assert after["sources"] == before["sources"] + 1
    assert after["entities"] == before["entities"] + 1
    assert after["facts"] == before["facts"] + 2
    assert after["indicator values"] == before["indicator values"] + 1
    changed = {name for name, data in files_of(seeds).items() if before_files.get(name) != data}
    assert changed == {"sources.yaml", "entities/organizations.yaml", "facts/005_demo-2026-03-01.yaml",
                       "texts/demo-2026-03-01.txt"}
    assert (seeds / "texts" / "demo-2026-03-01.txt").read_text(encoding="utf-8") == ARTICLE
    # the old files are kept byte for byte, the new items appended after them
    for name in ("sources.yaml", "entities/organizations.yaml"):
        assert (seeds / name).read_bytes().startswith(before_files[name])
    organizations = (seeds / "entities" / "organizations.yaml").read_text(encoding="utf-8")
    assert organizations.endswith('  - {id: hebei-mou-zhuangbei, type: company, zh: 河北某装备有限公司, '
                                  'en: "Hebei Mou Equipment Co., Ltd.", aliases: [某装备]}\n')
    facts = (seeds / "facts" / "005_demo-2026-03-01.yaml").read_text(encoding="utf-8")
    assert "source: demo-2026-03-01\n" in facts
    assert "    qualifiers: {role: 制造基地}\n    quote: 制造基地建在保定\n" in facts
    assert "    value: 400\n" in facts
    added = facts + "".join((seeds / name).read_bytes()[len(before_files[name]):].decode("utf-8")
                            for name in ("sources.yaml", "entities/organizations.yaml"))
    for left_out in ("other-mou-co", "rejected-mou-park", "xiongan", "confidence", "evidence", "review",
                     "article", "mentions"):
        assert left_out not in added
    assert "places.yaml" not in changed


def test_json_draft_is_read_too(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import yaml

    draft = write_draft(seeds, json.dumps(yaml.safe_load(DRAFT), ensure_ascii=False, indent=2, default=str),
                        "draft.json")
    code, out, err = accept(capsys, draft, seeds)
    assert code == 0, err
    assert out.startswith("accepted 1 source, 1 entity, 2 facts, 1 observation")
    assert_valid(capsys, seeds)


def test_a_second_draft_of_the_same_source_appends_to_its_facts_file(
        seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert accept(capsys, write_draft(seeds, DRAFT), seeds)[0] == 0
    first = files_of(seeds)
    second = DRAFT.replace("review: reject\n  - subject: other-mou-co", "review: reject\n  - subject: other-mou-co")
    second = second.replace("    review: accept\n", "    review: pending\n")  # everything pending ...
    second = second.replace("    quote: 该公司计划投资超过50亿元，在雄安新区建设新工厂。\n    review: reject",
                            "    quote: 该公司计划投资超过50亿元，在雄安新区建设新工厂。\n    review: accept")
    second = second.replace("  review: pending\nentities", "  review: accept\nentities")  # ... but the source
    code, out, err = accept(capsys, write_draft(seeds, second, "second.yaml"), seeds)
    assert code == 0, err
    assert out.startswith(f"accepted 1 fact into {seeds}/")
    assert "is in the seeds already" in err
    changed = {name for name, data in files_of(seeds).items() if first.get(name) != data}
    assert changed == {"facts/005_demo-2026-03-01.yaml"}
    facts = (seeds / "facts" / "005_demo-2026-03-01.yaml").read_text(encoding="utf-8")
    assert facts.index("object: xiongan") < facts.index("observations:")  # in facts:, before observations:
    assert "    amount: {value: 50, unit: 亿元, bound: more_than}\n" in facts
    assert "    modality: planned\n" in facts
    assert_valid(capsys, seeds)


def test_facts_of_a_curated_source_go_into_its_file_before_its_observations(
        seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """002's file lists facts, then observations: a new fact goes at the end of facts:."""
    draft = write_draft(seeds, """source:
  id: hebtv-2023-02-28
  review: pending
entities:
  - {id: test-widget-maker, type: company, zh: 某部件厂, en: Some parts maker, review: accept}
facts:
  - {subject: test-widget-maker, relation: production_location, object: baoding, quote: 制造基地建在保定, review: accept}
""")
    path = seeds / "facts" / "002_hebtv-2023-02-28.yaml"
    old = path.read_text(encoding="utf-8")
    code, out, err = accept(capsys, draft, seeds)
    assert code == 0, err
    assert out.startswith(f"accepted 1 entity, 1 fact into {seeds}/ (1 pending left out); valid")
    new = path.read_text(encoding="utf-8")
    added = "  - subject: test-widget-maker\n    relation: production_location\n    object: baoding\n" \
            "    quote: 制造基地建在保定\n"
    assert added in new and new.replace(added, "", 1) == old
    assert new.index(added) < new.index("\nobservations:")
    assert not any(p.name.startswith("005") for p in (seeds / "facts").iterdir())
    assert_valid(capsys, seeds)


def test_nothing_accepted_changes_nothing(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = files_of(seeds)
    draft = write_draft(seeds, DRAFT.replace("review: accept", "review: pending"))
    code, out, err = accept(capsys, draft, seeds)
    assert code == 0, err
    assert out.strip() == f"nothing accepted in {draft} (7 pending and 2 rejected left out): the seeds are unchanged"
    assert files_of(seeds) == before


def test_the_library_call_needs_no_cli(seeds: Path) -> None:
    draft = write_draft(seeds, DRAFT)
    result = accept_draft(draft, Settings.resolve(seeds))
    assert (result.source_added, result.entities, result.facts, result.observations) == (True, 1, 2, 1)
    assert (result.pending, result.rejected) == (2, 2)
    assert seeds / "facts" / "005_demo-2026-03-01.yaml" in result.files
    with pytest.raises(InputError) as refused:  # the same draft again: the entity is defined already
        accept_draft(draft, Settings.resolve(seeds))
    assert any(p.code == "duplicate-id" and p.loc.file == str(draft) for p in refused.value.problems.items)


REFUSALS = {
    # name: (old text, new text, marker whose line the problem is at, code)
    "unknown relation": ("relation: rd_location", "relation: no_such_relation", "relation: no_such_relation",
                         "unknown-relation"),
    "quote not in the article": ("quote: 研发中心设在北京", "quote: 研发中心设在天津", "quote: 研发中心设在天津",
                                 "quote-not-verbatim"),
    "fact cites a pending entity": ("  - subject: other-mou-co\n    relation: production_location\n"
                                    "    object: baoding\n    quote: 制造基地建在保定\n    review: pending",
                                    "  - subject: other-mou-co\n    relation: production_location\n"
                                    "    object: baoding\n    quote: 制造基地建在保定\n    review: accept",
                                    "subject: other-mou-co", "entity-not-accepted"),
    "entity without en": ("    en: null\n    review: pending", "    en: null\n    review: accept", "en: null",
                          "missing-en"),
    "observation without indicator": ("indicator: tech-contract-turnover-absorbed", "indicator: null",
                                      "indicator: null", "missing-indicator"),
    "bad review": ("    confidence: 0.8\n    evidence: \"...\"\n    review: accept",
                   "    confidence: 0.8\n    evidence: \"...\"\n    review: maybe", "review: maybe", "bad-review"),
    "source pending and new": ("  article: article.txt\n  review: accept", "  article: article.txt\n  review: pending",
                               "  review: pending\nentities", "source-not-accepted"),
    "entity id already in the registry": ("  - id: hebei-mou-zhuangbei\n", "  - id: baoding\n", "id: baoding",
                                          "duplicate-id"),
    "bound with no word for it": ("    bound: more_than\n    quote: 去年", "    bound: about\n    quote: 去年",
                                  "bound: about", "bound-disagrees"),
    "article missing": ("article: article.txt", "article: no-such-article.txt", "article: no-such", "bad-article"),
    "article is a directory": ("article: article.txt", "article: seeds", "article: seeds", "bad-article"),
    "unknown key": ("    qualifiers: {role: 研发中心}", "    qualifiers: {role: 研发中心}\n    colour: red",
                    "colour: red", "unknown-key"),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_a_draft_that_would_not_validate_is_refused_at_its_line(
        case: str, seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new, marker, code_expected = REFUSALS[case]
    assert old in DRAFT
    text = DRAFT.replace(old, new, 1)
    before = files_of(seeds)
    draft = write_draft(seeds, text)
    code, out, err = accept(capsys, draft, seeds)
    assert code == 1, err
    assert out == ""
    at = f"{draft}:{line_of(text, marker)}:"
    assert any(line.startswith(at) and f"[{code_expected}]" in line for line in err.splitlines()), err
    assert "nothing was written" in err and "Traceback" not in err
    assert files_of(seeds) == before  # byte for byte: no file changed, none added
    assert not list(seeds.parent.glob("**/.jjjkg-*"))


def test_the_code_of_each_refusal_is_one_the_seeds_know() -> None:
    """The codes above are checked as written: a refusal with another code would fail its test."""
    assert {case[3] for case in REFUSALS.values()} >= {"unknown-relation", "quote-not-verbatim", "missing-en"}


def test_a_text_file_of_that_name_with_other_content_is_refused(
        seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (seeds / "texts" / "demo-2026-03-01.txt").write_text("另一篇文章\n", encoding="utf-8")
    before = files_of(seeds)
    draft = write_draft(seeds, DRAFT)
    code, _, err = accept(capsys, draft, seeds)
    assert code == 1
    assert f"{draft}:{line_of(DRAFT, 'file: demo')}:" in err and "[file-exists]" in err
    assert files_of(seeds) == before


HOSTILE: dict[str, bytes | None] = {
    "missing": None,
    "binary": b"\x00\x01\x02\xff\xfe",
    "not utf-8": "source:\n  id: 河北\n".encode("gb18030"),
    "yaml syntax": b"source:\n  id: [x\nfacts: {\n",
    "a list": b"- a\n- b\n",
    "empty": b"",
    "anchors": b"source: &a {id: x, review: accept}\nfacts: [*a]\n",
    "no source": b"facts: []\n",
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_drafts_are_refused_in_one_line(case: str, seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = files_of(seeds)
    draft = seeds.parent / "draft.yaml"
    data = HOSTILE[case]
    if data is not None:
        draft.write_bytes(data)
    code, out, err = accept(capsys, draft, seeds)
    assert code == 1
    assert out == ""
    problems = [line for line in err.splitlines() if "nothing was written" not in line]
    assert problems and all(line.startswith(str(draft)) for line in problems), err
    assert "Traceback" not in err and "internal error" not in err
    assert files_of(seeds) == before


def test_a_directory_and_a_huge_file_are_refused(seeds: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = files_of(seeds)
    folder = seeds.parent / "a-folder"
    folder.mkdir()
    code, _, err = accept(capsys, folder, seeds)
    assert code == 1 and f"{folder}: error[io]: cannot read file: it is a directory" in err
    huge = seeds.parent / "huge.yaml"
    with open(huge, "wb") as fh:
        fh.truncate(51 * 1024 * 1024)  # sparse: nothing is written to the disk
    code, _, err = accept(capsys, huge, seeds)
    assert code == 1 and "larger than 50 MB" in err and str(huge) in err
    assert files_of(seeds) == before


def test_scalars_read_back_as_written() -> None:
    import yaml

    for value in ["Hebei, Ltd.", "2025", "it's", "a: b", "# no comment", "line\nbreak", "yes", "“携手”11年", "'", '"']:
        assert yaml.safe_load(f"k: {scalar(value)}")["k"] == value
    assert scalar(20.1, "20.10") == "20.10"  # a number as the draft printed it
    assert scalar("2026-03-01") == "2026-03-01"


def test_append_finds_the_list_wherever_it_stands(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    text = ("# head\nsource: s\nobservations:\n  - {indicator: a}\n\n# the facts\nfacts:\n  - subject: x\n"
            "# tail comment\n")
    path.write_text(text, encoding="utf-8")
    top = read_yaml(path, "f.yaml", Problems())
    new = append_items(text, top, "observations", [{"indicator": "b", "value": 1}], "block")
    assert new == text.replace("  - {indicator: a}\n", "  - {indicator: a}\n  - indicator: b\n    value: 1\n")
    new = append_items(text, top, "facts", [{"subject": "y"}], "flow")
    assert new == text + "  - {subject: y}\n"
    new = append_items("source: s\n", read_yaml(_write(path, "source: s\n"), "f", Problems()), "facts",
                       [{"subject": "y"}], "block")
    assert new == "source: s\n\nfacts:\n  - subject: y\n"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
