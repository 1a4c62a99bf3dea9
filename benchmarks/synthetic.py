"""Synthetic inputs of any size, shaped like the real ones, for the benchmarks.

- table(N): a CSV of N firm movements (企业名称, 迁出地, 迁入地, 类型, 年份, 投资额(万元)) with its
  mapping. Places are drawn from the real division list (seeds/entities/divisions.yaml) and written
  as tables write them: full name, short form, division code, or prefixed by the prefecture. One row
  in 200 names a place no list has, so the unresolved report has work to do.
- seeds(N): a seeds folder with N facts (the real sources, divisions, industries and indicators,
  plus one synthetic article whose text holds every quote verbatim), and its texts folder.

    python benchmarks/synthetic.py table 100000 /tmp/bench
    python benchmarks/synthetic.py seeds 10000 /tmp/bench

Everything is made up and marked so (示例); nothing here goes into seeds/.
"""
from __future__ import annotations

import csv
import random
import shutil
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

_HEADS = "京津冀华燕渤海河北长城金泰恒瑞中科博远新兴智联宏达天成卓越"
_TRADES = ["科技", "制造", "医药", "物流", "汽车零部件", "新材料", "电子", "装备", "能源", "食品", "信息", "生物"]
MAPPING = """# Mapping for the synthetic firm-movement table (benchmarks/synthetic.py); all rows are made up.
source:
  id: synthetic-moves
  title: 示例:京津冀企业迁移表(合成数据)
  title_en: "Synthetic table of firm movements in Beijing-Tianjin-Hebei (benchmark data)"
  publisher: jjjkg benchmarks
  published: 2025
  language: zh
subject: {column: 企业名称, type: company}
relation:
  column: 类型
  values: {总部迁入: hq_relocated_to, 生产基地: production_location, 研发中心: rd_location}
object: 迁入地
qualifiers:
  from: 迁出地
  date: 年份
amount: {column: 投资额(万元), unit: 万元}
"""


def divisions() -> list[dict]:
    data = yaml.load((SEEDS / "entities" / "divisions.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return data["entities"]


def _forms(divs: list[dict]) -> tuple[list[list[str]], list[list[str]]]:
    """For each place, the ways a table may write it; places of Beijing and Tianjin, and of Hebei.
    A name two places share (桥西区) is written only with its prefecture (张家口市桥西区)."""
    names = {d["id"]: d["zh"] for d in divs}
    shared = Counter(f for d in divs for f in [d["zh"], *d.get("aliases", [])])
    origin, target = [], []
    for d in divs:
        if d["type"] == "province":
            continue
        forms = [f for f in [d["zh"], *d.get("aliases", [])] if shared[f] == 1]
        if "division_code" in d:
            forms.append(d["division_code"])
        if d["type"] == "county" and d.get("located_in"):
            forms.append(names[d["located_in"]] + d["zh"])
        (target if str(d.get("division_code", "")).startswith("13") else origin).append(forms)
    return origin, target


def table(rows: int, folder: Path, seed: int = 7) -> tuple[Path, Path]:
    """Write moves-N.csv and its mapping into folder."""
    rng = random.Random(seed)
    origin, target = _forms(divisions())
    folder.mkdir(parents=True, exist_ok=True)
    path, mapping = folder / f"moves-{rows}.csv", folder / "moves.yaml"
    firms = max(rows // 4, 1)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["企业名称", "迁出地", "迁入地", "类型", "年份", "投资额(万元)"])
        for i in range(rows):
            firm = rng.randrange(firms)
            name = f"示例{_HEADS[firm % len(_HEADS)]}{_HEADS[firm // 7 % len(_HEADS)]}{_TRADES[firm % 12]}有限公司{firm}"
            to = rng.choice(rng.choice(target)) if i % 200 else "示例无名县"
            kind = rng.choices(["总部迁入", "生产基地", "研发中心"], [5, 4, 1])[0]
            amount = str(rng.randrange(50, 200000)) if rng.random() < 0.4 else ""
            year = str(rng.randrange(2014, 2025)) + (f"年{rng.randrange(1, 13)}月" if rng.random() < 0.2 else "")
            out.writerow([name, rng.choice(rng.choice(origin)), to, kind, year, amount])
    mapping.write_text(MAPPING, encoding="utf-8")
    return path, mapping


def seeds(facts: int, folder: Path, seed: int = 7) -> tuple[Path, Path]:
    """A seeds folder with the curated seeds plus `facts` synthetic facts, and a texts folder holding
    every source text. The curated facts stay: they state where the curated entities lie, which
    validation requires (issue 13)."""
    rng = random.Random(seed)
    base = folder / f"seeds-{facts}"
    shutil.rmtree(base, ignore_errors=True)
    seeds_dir, texts = base / "seeds", base / "texts"
    shutil.copytree(SEEDS, seeds_dir)
    shutil.copytree(ROOT / "seeds" / "texts", texts)
    prefectures = [d for d in divisions() if d["type"] in ("prefecture", "county")]
    firms = max(facts // 3, 1)
    entities = [{"id": f"synthetic-firm-{i}", "type": "company", "zh": f"示例企业{i}号有限公司",
                 "en": f"Synthetic Firm {i} Co., Ltd."} for i in range(firms)]
    (seeds_dir / "entities" / "synthetic.yaml").write_text(
        yaml.dump({"entities": entities}, allow_unicode=True, sort_keys=False, Dumper=yaml.CSafeDumper),
        encoding="utf-8")
    relations = [("production_location", "生产基地设在"), ("rd_location", "研发中心设在"),
                 ("headquarters", "总部位于")]
    rows, sentences = [], []
    for i in range(facts):
        firm = i % firms
        relation, verb = relations[i // firms % 3]
        place = rng.choice(prefectures)
        quote = f"示例企业{firm}号有限公司{verb}{place['zh']},第{i}条。"
        sentences.append(quote)
        rows.append({"subject": f"synthetic-firm-{firm}", "relation": relation, "object": place["id"],
                     "quote": quote, "qualifiers": {"date": str(2014 + i % 11)}})
    (texts / "synthetic.txt").write_text("示例合成文章\n" + "\n".join(sentences) + "\n", encoding="utf-8")
    with open(seeds_dir / "sources.yaml", "a", encoding="utf-8") as fh:
        fh.write("\n  - {id: synthetic, title: 示例合成文章, publisher: jjjkg benchmarks, published: 2025-01-01, "
                 "language: zh, file: synthetic.txt}\n")
    (seeds_dir / "facts" / "synthetic.yaml").write_text(
        yaml.dump({"source": "synthetic", "facts": rows}, allow_unicode=True, sort_keys=False,
                  Dumper=yaml.CSafeDumper), encoding="utf-8")
    return seeds_dir, texts


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("table", "seeds") or not sys.argv[2].isdigit():
        sys.exit("usage: python benchmarks/synthetic.py table|seeds N FOLDER")
    made = (table if sys.argv[1] == "table" else seeds)(int(sys.argv[2]), Path(sys.argv[3]))
    print("wrote", *made)
