"""Generate seeds/entities/divisions.yaml: every province, prefecture and county-level unit of
Beijing, Tianjin and Hebei, from seeds/reference.

A curation tool, run by hand when the reference changes (needs `pip install pypinyin`):

    python tools/make_divisions.py seeds/reference > seeds/entities/divisions.yaml

Codes, Wikidata ids and coordinates are copied from the reference and nothing else; where
the reference has none, the field is left out. Coordinates follow graph.references' rule, one
table per level: a county-level unit's come from county-coordinates.csv (the county-level source;
places.csv's coordinates of its few counties are not used), a province's or prefecture's from
places.csv. English names: the reference's where it has one, else the pinyin romanisation of the
name stem plus the unit word (满城区 → Mancheng District); where two units would share one, each
gets its prefecture's (or municipality's) name after a comma (Jizhou District, Tianjin / Jizhou
District, Hengshui). Readings pypinyin gets wrong for place names are fixed in READINGS. Ids
already used by the curated facts are kept (ID_OVERRIDES). Aliases are whole short names, never a
name cut mid-word (see short_names).
"""
from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from collections.abc import Collection
from pathlib import Path

from pypinyin import Style, lazy_pinyin

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's graph package
from graph.references import Division, load_reference  # noqa: E402

# Place-name readings that differ from the common reading of the character.
READINGS = {
    "朝阳": "chaoyang", "望都": "wangdu", "信都": "xindu", "襄都": "xiangdu", "泊头": "botou",
    "乐亭": "laoting", "蔚": "yu", "行唐": "xingtang", "柏乡": "baixiang", "蠡": "li",
    "长安": "chang'an", "大城": "dacheng", "藁城": "gaocheng", "曲阳": "quyang", "曲周": "quzhou",
    "井陉": "jingxing", "涞水": "laishui", "涞源": "laiyuan", "任泽": "renze", "任丘": "renqiu",
    "阜平": "fuping", "阜城": "fucheng", "沧": "cang", "献": "xian", "磁": "ci", "唐": "tang", "易": "yi", "涿鹿": "zhuolu", "涿州": "zhuozhou", "鹰手营子": "yingshouyingzi",
    "冀南": "jinan", "宝坻": "baodi", "栾城": "luancheng", "大厂": "dachang", "巨鹿": "julu",
}
# Names whose English form is not stem + unit word.
ENGLISH = {
    "石家庄高新技术产业开发区": "Shijiazhuang High-tech Industrial Development Zone",
    "石家庄循环化工园区": "Shijiazhuang Circular Chemical Industry Park",
    "河北唐山芦台经济开发区": "Hebei Tangshan Lutai Economic Development Zone",
    "唐山市汉沽管理区": "Tangshan Hangu Administrative Area",
    "唐山高新技术产业开发区": "Tangshan High-tech Industrial Development Zone",
    "河北唐山海港经济开发区": "Hebei Tangshan Haigang Economic Development Zone",
    "秦皇岛市经济技术开发区": "Qinhuangdao Economic and Technological Development Zone",
    "北戴河新区": "Beidaihe New Area",
    "邯郸经济技术开发区": "Handan Economic and Technological Development Zone",
    "邯郸冀南新区": "Handan Jinan New Area",
    "河北邢台经济开发区": "Hebei Xingtai Economic Development Zone",
    "保定高新技术产业开发区": "Baoding High-tech Industrial Development Zone",
    "保定白沟新城": "Baoding Baigou New Town",
    "张家口经济开发区": "Zhangjiakou Economic Development Zone",
    "张家口市察北管理区": "Zhangjiakou Chabei Administrative Area",
    "张家口市塞北管理区": "Zhangjiakou Saibei Administrative Area",
    "承德高新技术产业开发区": "Chengde High-tech Industrial Development Zone",
    "河北沧州经济开发区": "Hebei Cangzhou Economic Development Zone",
    "沧州高新技术产业开发区": "Cangzhou High-tech Industrial Development Zone",
    "沧州渤海新区": "Cangzhou Bohai New Area",
    "廊坊经济技术开发区": "Langfang Economic and Technological Development Zone",
    "河北衡水高新技术产业开发区": "Hengshui High-tech Industrial Development Zone",
    "衡水滨湖新区": "Hengshui Binhu New Area",
    "青龙满族自治县": "Qinglong Manchu Autonomous County",
    "孟村回族自治县": "Mengcun Hui Autonomous County",
    "丰宁满族自治县": "Fengning Manchu Autonomous County",
    "宽城满族自治县": "Kuancheng Manchu Autonomous County",
    "围场满族蒙古族自治县": "Weichang Manchu and Mongol Autonomous County",
    "大厂回族自治县": "Dachang Hui Autonomous County",
}
ID_OVERRIDES = {
    "130973": "cangzhou-bohai-new-area",
    "131171": "hengshui-hi-tech-zone",
}
ALIASES = {
    "130973": ["渤海新区"],
    "131171": ["衡水高新区", "衡水市高新区"],
    "130607": ["满城", "保定满城区"],
}
SUFFIXES = [("矿区", "Mining District"), ("新区", "New Area"), ("区", "District"),
            ("县", "County"), ("市", "City")]
PROVINCE_IDS = {"110000": "beijing", "120000": "tianjin", "130000": "hebei"}
UNIT_WORDS = "区县市"
# The minorities the region's autonomous counties name (大厂回族自治县, 围场满族蒙古族自治县).
AUTONOMOUS_COUNTY = re.compile(r"^(?P<stem>.+?)(?:蒙古族|回族|满族)+自治县$")
# Zone words: a name ending in one is not a place-name stem plus 区/县/市.
ZONE_WORDS = ("高新技术产业开发区", "经济技术开发区", "经济开发区", "管理区", "新区", "新城", "园区", "矿区")
# The common short form of the two kinds of national development zone (唐山高新区, 廊坊经开区).
ZONE_ABBREVIATIONS = {"高新技术产业开发区": "高新区", "经济技术开发区": "经开区"}


def romanise(stem: str) -> str:
    for chars, reading in READINGS.items():
        if stem == chars or (len(chars) > 1 and stem.startswith(chars)):
            rest = stem[len(chars):]
            return reading + (romanise(rest) if rest else "")
    syllables = lazy_pinyin(stem, style=Style.NORMAL)
    out = syllables[0]
    for syl in syllables[1:]:
        out += ("'" if syl[0] in "aoe" else "") + syl
    return out


def english(zh: str) -> tuple[str, str]:
    """(English name, stem romanisation) of a county-level name."""
    for suffix, word in SUFFIXES:
        if zh.endswith(suffix) and len(zh) > len(suffix):
            roman = romanise(zh[: -len(suffix)])
            return f"{roman[0].upper()}{roman[1:]} {word}", roman
    raise SystemExit(f"no English rule for {zh}")


def id_stem(zh: str) -> str:
    if zh in ENGLISH:
        en = ENGLISH[zh]
        if "Autonomous" in en:
            return slug(en.split()[0])
        name = slug(en).removeprefix("hebei-")
        return name.replace("high-tech-industrial-development-zone", "hi-tech-zone").replace(
            "economic-and-technological-development-zone", "etdz").replace(
            "economic-development-zone", "edz")
    roman = slug(english(zh)[1])
    if zh.endswith("矿区"):
        return f"{roman}-mining"
    return f"{roman}-county" if len(zh) == 2 and zh.endswith("县") else roman


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def quote(value: str) -> str:
    return value if re.fullmatch(r"[\w\u4e00-\u9fff·' .()-]+", value) and not value[0].isdigit() else f'"{value}"'


def short_names(zh: str, prefectures: Collection[str]) -> list[str]:
    """Whole short names of a county-level unit, for search; `prefectures` are the prefectures'
    names without 市 (唐山).

    满城区 → 满城 (a place-name stem without its unit word; one-character stems are no name: 雄县);
    大厂回族自治县 → 大厂; a zone: its proper name without the province and prefecture in front
    (河北唐山芦台经济开发区 → 芦台经济开发区, 唐山市汉沽管理区 → 汉沽管理区), or where the zone word is
    all that is left, the prefecture's name with the zone word and its common abbreviation
    (秦皇岛市经济技术开发区 → 秦皇岛经济技术开发区, 秦皇岛经开区). Never a name cut inside a word:
    石家庄循环化工园区 is not shortened to 石家庄循环化工园.
    """
    autonomous = AUTONOMOUS_COUNTY.match(zh)
    if autonomous:
        return [autonomous["stem"]]
    if "自治" in zh:
        raise SystemExit(f"no alias rule for {zh}: add its minority to AUTONOMOUS_COUNTY")
    zone_word = next((w for w in ZONE_WORDS if zh.endswith(w)), None)
    if zone_word is None:
        stem = zh[:-1]
        return [stem] if zh[-1] in UNIT_WORDS and len(stem) >= 2 else []
    prefix = re.match(rf"^(?:河北)?(?P<prefecture>{'|'.join(map(re.escape, prefectures))})市?", zh)
    if prefix is None:
        return []  # 北戴河新区, 井陉矿区: nothing in front to leave out
    local = zh[prefix.end():]
    if local != zone_word:
        return [local]
    city = prefix["prefecture"]
    names = [f"{city}{zone_word}"] if f"{city}{zone_word}" != zh else []
    if zone_word in ZONE_ABBREVIATIONS:
        names.append(f"{city}{ZONE_ABBREVIATIONS[zone_word]}")
    return names


def distinct_english(names: dict[str, str], parents: dict[str, str]) -> dict[str, str]:
    """English names by code, where two would be the same each followed by its parent's
    (Jizhou District → Jizhou District, Tianjin and Jizhou District, Hengshui)."""
    counts = Counter(names.values())
    return {code: f"{en}, {parents[code]}" if counts[en] > 1 else en for code, en in names.items()}


def coordinates(division: Division | None) -> str | None:
    """`lat: …, lon: …` as the reference table prints them, or None where it gives none."""
    if division is None or division.lat is None or division.lon is None:
        return None
    return f"lat: {division.lat}, lon: {division.lon}"


def main(ref_dir: Path) -> None:
    with open(ref_dir / "places.csv", encoding="utf-8", newline="") as fh:
        places = {row["code"]: row for row in csv.DictReader(fh)}
    with open(ref_dir / "admin-divisions-county.csv", encoding="utf-8", newline="") as fh:
        counties = list(csv.DictReader(fh))
    divisions = load_reference(ref_dir).divisions
    ids: dict[str, str] = dict(PROVINCE_IDS)
    for code, row in places.items():
        if row["level"] == "prefecture":
            ids[code] = slug(row["name_en"])
    stems: dict[str, list[dict[str, str]]] = {}
    for row in counties:
        if row["code"] not in ID_OVERRIDES:
            stems.setdefault(id_stem(row["name_zh"]), []).append(row)
    taken = set(ids.values())
    for stem, rows in stems.items():
        for row in rows:
            parent = row["city_code"] if row["city_code"] in ids else row["province_code"]
            clash = len(rows) > 1 or stem in taken
            if stem == ids[parent]:
                ids[row["code"]] = f"{stem}-county"
            else:
                ids[row["code"]] = f"{ids[parent]}-{stem}" if clash else stem
    ids.update(ID_OVERRIDES)

    print("# GENERATED by tools/make_divisions.py from seeds/reference: every province, prefecture")
    print("# and county-level unit of Beijing, Tianjin and Hebei. Codes, Wikidata ids and coordinates")
    print("# are the reference's; where it has none the field is left out. English names of county-level")
    print("# units are pinyin romanisations unless the reference gives one. Edit the generator, not this file.")
    print("entities:")

    def emit(code: str, zh: str, en: str, kind: str, parent: str | None, aliases: list[str]) -> None:
        ref = places.get(code, {})
        fields = [f"id: {ids[code]}", f"type: {kind}", f"zh: {zh}", f"en: {quote(en)}"]
        if aliases:
            fields.append(f"aliases: [{', '.join(aliases)}]")
        if parent:
            fields.append(f"located_in: {parent}")
        fields.append(f'division_code: "{code}"')
        if ref.get("wikidata"):
            fields.append(f"wikidata: {ref['wikidata']}")
        located = coordinates(divisions.get(code))
        if located:
            fields.append(located)
        print("  - {" + ", ".join(fields) + "}")

    print("  # --- provinces")
    for code in PROVINCE_IDS:
        zh = places[code]["name_zh"]
        emit(code, zh, places[code]["name_en"], "province", None, [zh[:-1], {"110000": "京", "120000": "津", "130000": "冀"}[code]])
    print("  # --- prefectures of Hebei")
    for code, row in places.items():
        if row["level"] == "prefecture":
            emit(code, row["name_zh"], row["name_en"], "prefecture", ids[row["parent_code"]], [row["name_zh"][:-1]])
    prefecture_names = [p["name_zh"].removesuffix("市") for p in places.values() if p["level"] == "prefecture"]
    taken_short = {p["name_zh"][:-1] for p in places.values() if p["level"] != "county"}
    parent_codes = {r["code"]: r["city_code"] if r["city_code"] in places else r["province_code"] for r in counties}
    english_names = distinct_english(
        {r["code"]: places.get(r["code"], {}).get("name_en") or ENGLISH.get(r["name_zh"]) or english(r["name_zh"])[0]
         for r in counties},
        {code: places[parent]["name_en"] for code, parent in parent_codes.items()})
    for parent_code in dict.fromkeys(r["city_code"] for r in counties):
        parent = ids.get(parent_code) or ids[parent_code[:2] + "0000"]
        print(f"  # --- county-level units of {places.get(parent_code, places.get(parent_code[:2] + '0000'))['name_zh']}")
        for row in (r for r in counties if r["city_code"] == parent_code):
            zh = row["name_zh"]
            generated = [name for name in short_names(zh, prefecture_names) if name not in taken_short]
            aliases = list(dict.fromkeys(generated + ALIASES.get(row["code"], [])))
            emit(row["code"], zh, english_names[row["code"]], "county", parent, aliases)


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "seeds/reference"))
