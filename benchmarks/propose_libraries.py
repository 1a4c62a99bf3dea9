"""Start-up cost of the libraries `jjjkg propose` could use (benchmarks/README.md, issue 18): each
is imported and made ready in a fresh process, median of --runs. A library not installed is
skipped (jieba is not a dependency: `pip install jieba` to time it).

    python benchmarks/propose_libraries.py [--runs 3]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

CASES = {
    "opencc (t2s, one conversion)": "import opencc; opencc.OpenCC('t2s').convert('研發中心設在北京')",
    "pypinyin character table, its JSON file": "import importlib.util, json, pathlib; "
                                "d = pathlib.Path(importlib.util.find_spec('pypinyin').submodule_search_locations[0]); "
                                "json.loads((d / 'pinyin_dict.json').read_text('utf-8'))[str(ord('满'))]",
    "pypinyin.pinyin_dict imported": "from pypinyin.pinyin_dict import pinyin_dict; pinyin_dict[ord('满')]",
    "pypinyin lazy_pinyin (phrase tables)": "from pypinyin import lazy_pinyin; lazy_pinyin('河北京车')",
    "jieba (dictionary loaded)": "import jieba; jieba.setLogLevel(60); jieba.initialize()",
    "jieba posseg on 河北京车…": "import jieba, jieba.posseg as p; jieba.setLogLevel(60); "
                                "print([(w.word, w.flag) for w in p.cut('河北京车轨道交通车辆装备有限公司研发中心设在北京')])",
    "python alone": "pass",
}


def timed(code: str) -> tuple[float, str] | None:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if done.returncode != 0:
        return None
    return time.perf_counter() - start, done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}")
    for name, code in CASES.items():
        runs = [timed(code) for _ in range(args.runs)]
        if any(r is None for r in runs):
            print(f"{name:40} not installed")
            continue
        seconds = statistics.median(r[0] for r in runs if r)
        shown = runs[-1][1] if runs[-1] else ""
        print(f"{name:40} {seconds:5.2f} s  {shown[:80]}")


if __name__ == "__main__":
    main()
