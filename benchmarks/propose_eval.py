"""Leave-one-article-out evaluation of `jjjkg propose` on the curated seeds (benchmarks/README.md).

For each article text (two sources may share one text, a newspaper page of two articles: their
facts are scored together, as propose reads the whole text): hide the entities that only its facts and values name (the divisions stay: they
come from the reference tables, not from articles), propose from its text, and score the candidate
facts against its curated facts. A candidate counts when its subject, relation and object are the
curated fact's (either way round for a symmetric relation; a new name stands for a hidden entity
whose zh label or alias it equals) and its quote overlaps the curated quote (one holds the other,
or they share a run of at least 8 characters). Then each article is proposed again through the
command line, to time it whole (start-up included): median of --runs, with the load average, interleaved
with as many runs on the test fixture's 300-character article, its floor (start-up and reading the registry).

    python benchmarks/propose_eval.py [--runs 3] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.build import check_seeds  # noqa: E402
from graph.model import Seeds  # noqa: E402
from graph.problems import Problems  # noqa: E402
from graph.propose import SourceMeta, names_in, propose, read_article  # noqa: E402
from graph.propose.gazetteer import DIVISION_TYPES, gazetteer  # noqa: E402
from graph.settings import Settings  # noqa: E402

SYMMETRIC = {"cooperates_with", "co_develops"}
OVERLAP = 8


def hidden_for(seeds: Seeds, sources: frozenset[str]) -> frozenset[str]:
    """Entities named by these sources' facts and values and by no other source's."""
    named: dict[str, set[str]] = {}
    for fact in seeds.facts:
        for ident in (fact.subject, fact.object, *fact.qualifiers.values()):
            named.setdefault(ident, set()).add(fact.source)
    for value in seeds.observations:
        for ident in (*value.areas, *value.counterparts, value.about or ""):
            named.setdefault(ident, set()).add(value.source)
    return frozenset(ident for ident, named_by in named.items() if named_by <= sources
                     and ident in seeds.entities and seeds.entities[ident].type not in DIVISION_TYPES)


def quotes_overlap(one: str, other: str) -> bool:
    if one in other or other in one:
        return True
    match = SequenceMatcher(None, one, other, autojunk=False).find_longest_match(0, len(one), 0, len(other))
    return match.size >= OVERLAP


def _norm(name: str) -> str:
    return name.translate({ord(c): None for c in "“”\"‘’'「」 "})


def score_article(seeds: Seeds, draft: dict, sources: frozenset[str], hidden: frozenset[str]
                  ) -> tuple[Counter, Counter, Counter, Counter]:
    """By relation: candidates that match a curated fact, candidates, curated facts, curated facts matched."""
    by_label: dict[str, str] = {}
    for ident in hidden:
        entity = seeds.entities[ident]
        for name in (entity.zh, *entity.aliases):
            by_label.setdefault(_norm(name), ident)
    new_to_curated = {e["id"]: by_label.get(_norm(e["zh"]), e["id"]) for e in draft["entities"]}
    curated = [f for f in seeds.facts if f.source in sources]
    candidates, matched, found = Counter(), Counter(), Counter()
    used: set[int] = set()
    for item in draft["facts"]:
        s = new_to_curated.get(item["subject"], item["subject"])
        o = new_to_curated.get(item["object"], item["object"])
        candidates[item["relation"]] += 1
        for index, fact in enumerate(curated):
            same = (fact.subject, fact.object) == (s, o) or (
                fact.relation in SYMMETRIC and (fact.object, fact.subject) == (s, o))
            if same and fact.relation == item["relation"] and quotes_overlap(fact.quote, item["quote"]):
                matched[item["relation"]] += 1
                used.add(index)
                break
    for index in used:
        found[curated[index].relation] += 1
    return matched, candidates, Counter(f.relation for f in curated), found


def run(runs: int) -> dict:
    settings = Settings.resolve()
    problems = Problems()
    seeds, schema, _ = check_seeds(settings, problems)
    assert not problems, problems.sorted()[:3]
    rows = []
    all_tp, all_cand, all_cur, all_found = Counter(), Counter(), Counter(), Counter()
    by_file: dict[str, list] = {}
    for source in sorted(seeds.sources.values(), key=lambda s: (s.file, s.id)):
        if source.kind == "article":
            by_file.setdefault(source.file, []).append(source)
    for file, sharing in sorted(by_file.items()):
        source, sources = sharing[0], frozenset(s.id for s in sharing)
        path = settings.sources_dir / file
        article = read_article(path)
        hidden = hidden_for(seeds, sources)
        meta = SourceMeta(f"eval-{source.id}", source.title, "eval.txt", str(path), source.publisher, source.published)
        draft = propose(article, seeds, schema, meta, hidden)
        tp, cand, cur, found = score_article(seeds, draft, sources, hidden)
        ceiling = named_in_sentence(seeds, schema, article, sources, hidden)
        all_tp += tp
        all_cand += cand
        all_cur += cur
        all_found += found
        seconds, floor = _timed(path, runs)
        rows.append({"source": " + ".join(sorted(sources)), "hidden": len(hidden), "curated": sum(cur.values()),
                     "candidates": sum(cand.values()), "correct": sum(tp.values()), "found": sum(found.values()),
                     "named": ceiling, "seconds": seconds, "floor": floor})
    relations = sorted(set(all_cand) | set(all_cur), key=lambda r: (-all_cur[r], r))
    per_relation = [{"relation": r, "curated": all_cur[r], "candidates": all_cand[r], "correct": all_tp[r],
                     "found": all_found[r]} for r in relations]
    return {"articles": rows, "relations": per_relation, "load": os.getloadavg()[0],
            "precision": _ratio(sum(all_tp.values()), sum(all_cand.values())),
            "recall": _ratio(sum(all_found.values()), sum(all_cur.values()))}


def named_in_sentence(seeds: Seeds, schema: object, article: object, sources: frozenset[str],
                      hidden: frozenset[str]) -> int:
    """How many curated facts of the source have both ends named (found by propose's name finder,
    a hidden entity by its exact label) in the sentences their quote spans: the ceiling of recall
    for any extractor that reads a fact's names off its sentence."""
    names = gazetteer(seeds, hidden)
    visible = Seeds(sources=seeds.sources, entities={k: v for k, v in seeds.entities.items() if k not in hidden},
                    industries=seeds.industries, indicators=seeds.indicators)
    mentions = names_in(article, visible, schema, names)
    by_label = {_norm(name): ident for ident in hidden
                for name in (seeds.entities[ident].zh, *seeds.entities[ident].aliases)}
    count = 0
    for fact in (f for f in seeds.facts if f.source in sources):
        at = article.text.find(fact.quote)
        spans = [s for s in article.sentences if s.start < at + len(fact.quote) and at < s.end]
        ids: set[str] = set()
        for mention in mentions:
            if any(s.start <= mention.start < s.end for s in spans):
                ids |= set(mention.ids) if mention.ids else {by_label.get(_norm(mention.name or ""), "")}
        count += fact.subject in ids and fact.object in ids
    return count


FLOOR_ARTICLE = ROOT / "tests" / "fixtures" / "propose" / "article.txt"  # 300 characters: start-up and registry


def _timed(path: Path, runs: int) -> tuple[float, float]:
    """Medians of the whole command on path and on the floor article (start-up, the registry and the
    ontology read, almost nothing to propose), runs of each interleaved: the machine's noise hits both."""
    times: dict[Path, list[float]] = {path: [], FLOOR_ARTICLE: []}
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(runs):
            for article in times:
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "graph", "propose", str(article), "--source-id", "eval-timing",
                                "--out", str(Path(folder) / "draft.yaml")], check=True, capture_output=True, cwd=ROOT)
                times[article].append(time.perf_counter() - start)
    return statistics.median(times[path]), statistics.median(times[FLOOR_ARTICLE])


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="timed command-line runs per article (median)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    args = parser.parse_args()
    result = run(args.runs)
    width = max(len(row["source"]) for row in result["articles"])
    print(f"{'article':{width}} {'hidden':>6} {'curated':>7} {'named':>5} {'proposed':>8} {'correct':>7} {'found':>5} "
          f"{'P':>5} {'R':>5} {'s':>5} {'floor':>5}")
    for row in result["articles"]:
        print(f"{row['source']:{width}} {row['hidden']:6} {row['curated']:7} {row['named']:5} {row['candidates']:8} {row['correct']:7} "
              f"{row['found']:5} {_ratio(row['correct'], row['candidates']):5.2f} {_ratio(row['found'], row['curated']):5.2f} "
              f"{row['seconds']:5.2f} {row['floor']:5.2f}")
    print(f"\noverall: precision {result['precision']:.2f} (target ≥ 0.7), recall {result['recall']:.2f} (target ≥ 0.6); "
          f"slowest article {max(r['seconds'] for r in result['articles']):.2f} s (target ≤ 1 s), load {result['load']:.2f}")
    named = sum(r["named"] for r in result["articles"])
    curated = sum(r["curated"] for r in result["articles"])
    print(f"ceiling: {named} of {curated} curated facts ({_ratio(named, curated):.2f}) name both ends in their quote's sentences\n")
    print(f"{'relation':24} {'curated':>7} {'proposed':>8} {'correct':>7} {'found':>5} {'P':>5} {'R':>5}")
    for row in result["relations"]:
        print(f"{row['relation']:24} {row['curated']:7} {row['candidates']:8} {row['correct']:7} {row['found']:5} "
              f"{_ratio(row['correct'], row['candidates']):5.2f} {_ratio(row['found'], row['curated']):5.2f}")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
