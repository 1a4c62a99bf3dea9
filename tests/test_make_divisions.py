"""tools/make_divisions.py, the place registry's generator: aliases are whole short names,
English names are distinct, coordinates are the reference's; and divisions.yaml is what it writes."""
from __future__ import annotations

import contextlib
import csv
import importlib.util
import io
import re
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from conftest import CURATED_REFERENCE, ROOT

pytest.importorskip("pypinyin")  # the generator's one extra dependency (a curation tool's)

GENERATOR = ROOT / "tools" / "make_divisions.py"
DIVISIONS = ROOT / "seeds" / "entities" / "divisions.yaml"
PREFECTURES = ["石家庄", "唐山", "秦皇岛", "邯郸", "邢台", "保定", "张家口", "承德", "沧州", "廊坊", "衡水"]
# What an alias may never end in: a zone or unit word cut in half.
CUT_ENDINGS = ("经济开发", "技术产业开发", "开发", "自治", "园", "管理", "族")


def _load_generator() -> ModuleType:
    """tools/ is not a package: load the script from its path."""
    spec = importlib.util.spec_from_file_location("make_divisions", GENERATOR)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    return _load_generator()


@pytest.fixture(scope="module")
def registry() -> list[dict[str, object]]:
    with open(DIVISIONS, encoding="utf-8") as fh:
        return list(yaml.safe_load(fh)["entities"])


@pytest.mark.parametrize(("zh", "aliases"), [
    ("河北唐山芦台经济开发区", ["芦台经济开发区"]),
    ("大厂回族自治县", ["大厂"]),
    ("围场满族蒙古族自治县", ["围场"]),
    ("石家庄循环化工园区", ["循环化工园区"]),
    ("秦皇岛市经济技术开发区", ["秦皇岛经济技术开发区", "秦皇岛经开区"]),
    ("唐山高新技术产业开发区", ["唐山高新区"]),
    ("唐山市汉沽管理区", ["汉沽管理区"]),
    ("保定白沟新城", ["白沟新城"]),
    ("张家口经济开发区", []),   # already as short as it gets
    ("北戴河新区", []),          # nothing in front to leave out; 北戴河 is 北戴河区
    ("井陉矿区", []),            # 井陉 is 井陉县
    ("满城区", ["满城"]),
    ("雄县", []),                # a one-character stem is no name
])
def test_short_names_are_whole_names(generator: ModuleType, zh: str, aliases: list[str]) -> None:
    assert generator.short_names(zh, PREFECTURES) == aliases


def test_english_names_that_collide_get_their_parent(generator: ModuleType) -> None:
    names = {"120119": "Jizhou District", "131103": "Jizhou District", "130607": "Mancheng District"}
    parents = {"120119": "Tianjin", "131103": "Hengshui", "130607": "Baoding"}
    assert generator.distinct_english(names, parents) == {
        "120119": "Jizhou District, Tianjin", "131103": "Jizhou District, Hengshui", "130607": "Mancheng District"}


def test_generator_writes_the_shipped_registry(generator: ModuleType) -> None:
    written = io.StringIO()
    with contextlib.redirect_stdout(written):
        generator.main(CURATED_REFERENCE)
    assert written.getvalue() == DIVISIONS.read_text(encoding="utf-8"), \
        "divisions.yaml is stale: python tools/make_divisions.py seeds/reference > seeds/entities/divisions.yaml"


def test_every_alias_is_a_whole_name(registry: list[dict[str, object]]) -> None:
    """No alias is a name cut mid-word: the only part of its own name an alias may drop at the
    end is the unit word (满城区 → 满城) or an autonomous county's minority and 自治县."""
    allowed_tail = re.compile(r"^(?:[省区县市]|(?:蒙古族|回族|满族)+自治县)$")
    for entity in registry:
        zh = str(entity["zh"])
        for alias in entity.get("aliases", []):  # type: ignore[attr-defined]
            assert not alias.endswith(CUT_ENDINGS), f"{zh}: alias {alias} is cut mid-word"
            if zh.startswith(alias):
                tail = zh[len(alias):]
                assert allowed_tail.match(tail), f"{zh}: alias {alias} drops {tail}, not a unit word"
                assert not zh.endswith(("新区", "园区", "开发区", "管理区", "矿区")), f"{zh}: alias {alias} cuts a zone word"


def test_english_names_are_distinct(registry: list[dict[str, object]]) -> None:
    counts = Counter(str(e["en"]) for e in registry)
    assert [en for en, n in counts.items() if n > 1] == []
    by_id = {str(e["id"]): str(e["en"]) for e in registry}
    assert by_id["tianjin-jizhou"] == "Jizhou District, Tianjin"
    assert by_id["hengshui-jizhou"] == "Jizhou District, Hengshui"
    assert by_id["shijiazhuang-qiaoxi"] == "Qiaoxi District, Shijiazhuang"
    assert by_id["zhangjiakou-qiaoxi"] == "Qiaoxi District, Zhangjiakou"
    assert by_id["handan-wei-county"] == "Wei County, Handan"
    assert by_id["mancheng"] == "Mancheng District"  # only the colliding ones change


def test_county_coordinates_are_the_county_table_s(registry: list[dict[str, object]]) -> None:
    """Every county-level unit the county table gives has exactly its coordinates; the others none;
    provinces and prefectures keep places.csv's."""
    with open(CURATED_REFERENCE / "county-coordinates.csv", encoding="utf-8", newline="") as fh:
        table = {row["code"]: (row["lat"], row["lon"]) for row in csv.DictReader(fh)}
    with open(CURATED_REFERENCE / "admin-divisions-county.csv", encoding="utf-8", newline="") as fh:
        county_codes = {row["code"] for row in csv.DictReader(fh)}
    with open(CURATED_REFERENCE / "places.csv", encoding="utf-8", newline="") as fh:
        places = {row["code"]: (row["lat"], row["lon"]) for row in csv.DictReader(fh) if row["level"] != "county"}
    # as printed: read the YAML's text, not a float
    printed = {m["code"]: (m["lat"], m["lon"]) for m in re.finditer(
        r'division_code: "(?P<code>\d+)"(?:, wikidata: Q\d+)?, lat: (?P<lat>[\d.]+), lon: (?P<lon>[\d.]+)\}',
        DIVISIONS.read_text(encoding="utf-8"))}
    codes = {str(e["division_code"]) for e in registry}
    assert len(county_codes) == 222 and len(table) == 197
    assert {code: printed[code] for code in county_codes if code in printed} == table
    assert {code: printed[code] for code in places} == places
    assert codes == county_codes | set(places)
