"""The checks that a curator's wording agrees with the quote: bounds read from the words next to the
number, roles and periods as printed, modality warnings, qualifier domains, fractions."""
from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph

from conftest import MINIMAL, REFERENCE, TEXTS, fixture_args, run_cli
from graph.model import Quantity
from graph.namespaces import JJJ
from graph.schema import load_schema
from graph.wording import printed_bounds, sentence_around


def _bounds(quote: str, printed: str, unit: str) -> set[str]:
    quantity = Quantity(printed, unit, Decimal(1), JJJ.x, None)
    return set(printed_bounds(quote, quantity, load_schema()))


@pytest.mark.parametrize(("quote", "printed", "unit", "expected"), [
    ("将拓展京津冀地区企业客户170个以上", "170", "个", {"more_than"}),
    ("已汇聚京津冀三地240多家数据高需求企业", "240", "家", {"more_than"}),
    ("特别是去年突破了400亿元", "400", "亿元", {"more_than"}),
    ("协议投资总额超百亿元", "百", "亿元", {"more_than"}),
    ("停车场里停了将近2000辆车", "2000", "辆", {"nearly"}),
    ("约3000人", "3000", "人", {"about"}),
    ("不到4分钟", "4", "分钟", {"less_than"}),
    ("通勤时间至少节省40分钟", "40", "分钟", {"at_least"}),  # a verb between a two-character word and the number
    ("签约30个项目", "30", "个", set()),  # 签约 is not 约 (about)
    ("最近3年新增企业5家", "3", "年", set()),  # 最近 is not 近 (nearly)
    ("由2013年的3500多家增长到2024年的1万多家", "2013", "年", set()),
    ("由2013年的3500多家增长到2024年的1万多家", "3500", "家", {"more_than"}),
])
def test_bound_words_next_to_the_number(quote: str, printed: str, unit: str, expected: set[str]) -> None:
    assert _bounds(quote, printed, unit) == expected


def test_sentence_around_widens_to_the_article_sentence() -> None:
    text = "第一句。今年以来,蓟州区引进项目50个,总投资10亿元。第三句。"
    assert sentence_around("引进项目50个", text) == "今年以来,蓟州区引进项目50个,总投资10亿元。"
    assert sentence_around("不在文中", text) == "不在文中"


def _project(tmp_path: Path, extra_text: str, extra_fact: str) -> tuple[Path, list[str]]:
    """The minimal example with one more sentence in its article and one more fact; its facts file
    and the validate/build options."""
    shutil.copytree(MINIMAL, tmp_path / "project")
    shutil.copytree(TEXTS, tmp_path / "texts")
    (tmp_path / "texts" / "demo.txt").write_text(
        (TEXTS / "demo.txt").read_text(encoding="utf-8") + extra_text + "\n", encoding="utf-8")
    seeds = tmp_path / "project" / "seeds"
    facts = seeds / "facts" / "demo.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("observations:", extra_fact + "observations:"),
                     encoding="utf-8")
    return facts, ["--seeds", str(seeds), "--sources-dir", str(tmp_path / "texts"), "--reference-dir", str(REFERENCE)]


def _built(args: list[str], out: Path) -> Graph:
    """`jjjkg build` with these options; the Turtle it wrote, parsed."""
    result = run_cli("build", *args, "--out", str(out))
    assert result.returncode == 0, result.stderr
    return Graph().parse(out / "jjjkg.ttl")


def test_a_plan_without_modality_warns_and_validates(tmp_path: Path) -> None:
    facts, args = _project(tmp_path, "示例科技将在满城区建设第二工厂。",
                           "  - subject: demo-tech\n    relation: production_location\n    object: mancheng\n"
                           "    quote: 示例科技将在满城区建设第二工厂\n")
    result = run_cli("validate", *args)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning[modality-missing]" in line]
    assert len(warnings) == 1, result.stderr
    assert "demo.yaml:" in warnings[0] and "«将»" in warnings[0] and "modality: planned" in warnings[0]
    assert "1 warning(s)" in result.stdout
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "    quote: 示例科技将在满城区建设第二工厂\n", "    quote: 示例科技将在满城区建设第二工厂\n    modality: planned\n"),
        encoding="utf-8")
    result = run_cli("validate", *args)
    assert result.returncode == 0 and "warning[" not in result.stderr, result.stderr
    graph = _built(args, tmp_path / "out")
    assert list(graph.objects(None, JJJ.modality)) == [JJJ.Planned]


def test_a_fraction_with_no_unit_word(tmp_path: Path) -> None:
    _, args = _project(tmp_path, "示例园区为入驻企业降低1/3的综合成本。",
                       "  - subject: demo-park\n    relation: serves\n    object: rail-transit-equipment\n"
                       "    amount: {value: 1/3, unit: share}\n    quote: 示例园区为入驻企业降低1/3的综合成本\n")
    result = run_cli("validate", *args)
    assert result.returncode == 0, result.stderr
    graph = _built(args, tmp_path / "out")
    assert [str(v) for v in graph.objects(None, JJJ.amount) if str(v).startswith("0.3")] == ["0.333333333333"]


def test_shared_english_label_is_allowed_when_said_why(minimal_copy: Path) -> None:
    places = minimal_copy / "entities" / "places.yaml"
    places.write_text(places.read_text(encoding="utf-8").replace(
        "en: Demo Park,", 'en: "Demo Technology Co., Ltd.", en_shared_because: "The park is named after the firm.",'),
        encoding="utf-8")
    result = run_cli("validate", *fixture_args(minimal_copy))
    assert result.returncode == 0, result.stderr
