"""The fuzz test's cases: which fixture file is mutated, how, and which jjjkg command reads it.

Case number N of seed S is made from random.Random(f"{S}-{N}") alone, so any case can be made again
(`python tools/fuzz.py --seed S --first N --cases 1`) without the ones before it. A case is a folder
of files (the minimal seeds, texts, reference tables, the import table and mapping, a query file,
sometimes a previous out/) and an argv relative to that folder.
"""
from __future__ import annotations

import os
import random
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from fuzz_mutate import CSV_MUTATORS, TEXT_MUTATORS, YAML_MUTATORS, Mutator, mutate
from fuzz_sparql import sparql_case

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "tests" / "examples"
FIXTURE_DIRS = {"seeds": EXAMPLES / "valid" / "minimal" / "seeds", "texts": EXAMPLES / "texts",
                "reference": EXAMPLES / "reference", "tables": EXAMPLES / "tables"}
TABLE, MAPPING = "tables/relocations.csv", "tables/relocations.yaml"
SEED_ARGS = ["--seeds", "seeds", "--sources-dir", "texts", "--reference-dir", "reference"]
ARGV_LIMIT = 100_000  # a longer -e query is passed as a .rq file (Linux refuses an argument over 128 KiB)
PREVIOUS_OUT = {"out/jjjkg.ttl": b"# a previous build\n", "out/network.html": b"<p>previous</p>\n",
                "out/keep/notes.txt": b"not jjjkg's\n"}

# what a "special" case puts where an input file should be (all but fifo and directory: symlinks to these)
SPECIALS = {"fifo": "", "directory": "", "dev-zero": "/dev/zero", "dev-null": "/dev/null", "link-loop": "(itself)",
            "dangling-link": "absent.yaml", "link-to-folder": "."}
# kind -> (weight, commands it runs with, their weights)
KINDS: dict[str, tuple[float, list[str], list[float]]] = {
    "seeds": (0.40, ["validate", "build", "stats", "query"], [0.30, 0.35, 0.15, 0.20]),
    "reference": (0.05, ["validate", "build", "stats"], [0.4, 0.3, 0.3]),
    "texts": (0.03, ["validate", "stats"], [0.5, 0.5]),
    "special": (0.02, ["validate", "build", "import-csv"], [0.4, 0.3, 0.3]),  # an input that is no regular file
    "mapping": (0.12, ["import-csv"], [1.0]),
    "table": (0.12, ["import-csv"], [1.0]),
    "sparql": (0.28, ["query"], [1.0]),
}


@dataclass
class Case:
    """One fuzz case: the files of its folder, the argv run in it, and how its input was made."""

    seed: int
    number: int
    kind: str
    command: str
    mutated: str  # the mutated file, relative to the case's folder
    mutations: list[str]
    argv: list[str]
    files: dict[str, bytes] = field(repr=False)
    out: str | None = None  # the folder that must be unchanged when the command fails
    only: list[str] | None = None  # the kinds make_case chose from, when not all

    @property
    def again(self) -> str:
        """The command line that runs this case alone."""
        kinds = "".join(f" --kind {kind}" for kind in self.only or [])
        return f"python tools/fuzz.py --seed {self.seed} --first {self.number} --cases 1{kinds}"

    specials: dict[str, str] = field(default_factory=dict)  # path -> one of SPECIALS, instead of a file

    def write(self, folder: Path) -> None:
        for name, data in self.files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        for name, special in self.specials.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if special == "fifo":
                os.mkfifo(path)
            elif special == "directory":
                path.mkdir()
            else:
                path.symlink_to(path.name if special == "link-loop" else SPECIALS[special])

    def describe(self) -> str:
        return f"case {self.number} ({self.kind} -> {self.command}): {self.mutated}: " + " | ".join(self.mutations)


@lru_cache(maxsize=1)
def fixtures() -> dict[str, bytes]:
    """Every fixture file by its path in a case's folder (seeds/..., texts/..., reference/..., tables/...)."""
    files = {}
    for prefix, folder in FIXTURE_DIRS.items():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                files[f"{prefix}/{path.relative_to(folder).as_posix()}"] = path.read_bytes()
    return files


@lru_cache(maxsize=1)
def catalogue() -> dict[str, str]:
    """The catalogue's query texts by name (queries/*.rq)."""
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted((ROOT / "queries").glob("*.rq"))}


def _pick(rng: random.Random, prefix: str, suffix: str) -> str:
    return rng.choice([name for name in fixtures() if name.startswith(prefix) and name.endswith(suffix)])


def make_case(seed: int, number: int, kinds: list[str] | None = None) -> Case:
    case = _make_case(seed, number, kinds)
    case.only = sorted(kinds) if kinds else None
    return case


def _make_case(seed: int, number: int, kinds: list[str] | None) -> Case:
    rng = random.Random(f"{seed}-{number}")
    names = sorted(kinds) if kinds else list(KINDS)
    kind = rng.choices(names, weights=[KINDS[k][0] for k in names])[0]
    command = rng.choices(KINDS[kind][1], weights=KINDS[kind][2])[0]
    files = dict(fixtures())
    if kind == "sparql":
        data, mutations = sparql_case(rng, catalogue())
        return _query_case(rng, seed, number, kind, files, data, mutations)
    if kind == "special":
        target = rng.choice([MAPPING, TABLE] if command == "import-csv" else [n for n in files if n.endswith(".yaml")
                                                                               and n.startswith("seeds/")])
        special = rng.choice(sorted(SPECIALS))
        del files[target]
        case = Case(seed, number, kind, command, target, [f"special: {special}"], [], files, specials={target: special})
    else:
        target, mutators = _target(rng, kind)
        files[target], mutations = mutate(rng, files[target], mutators)
        case = Case(seed, number, kind, command, target, mutations, [], files)
    if command == "query":
        name = rng.choice([n for n in sorted(catalogue()) if not n.endswith("-violation")])
        query_case = _query_case(rng, seed, number, kind, files, catalogue()[name].encode(), mutations)
        query_case.mutated = target
        return query_case
    if command in ("build", "import-csv"):
        case.out = "out"
        _previous_out(rng, files)
    if command == "build":
        case.argv = ["build", "--out", "out", *SEED_ARGS]
        if rng.random() < 0.3:
            case.argv += ["--format", rng.choice(["turtle", "graphml", "csv", "html", "jsonld", "ntriples"])]
    elif command == "import-csv":
        case.argv = ["import-csv", TABLE, "--mapping", MAPPING, "--out", "out", *SEED_ARGS]
        if rng.random() < 0.3:
            case.argv.append("--strict")
    else:
        case.argv = [command, *SEED_ARGS]
    return case


def _target(rng: random.Random, kind: str) -> tuple[str, list[Mutator]]:
    if kind == "seeds":
        return _pick(rng, "seeds/", ".yaml"), YAML_MUTATORS
    if kind == "reference":
        return _pick(rng, "reference/", ".csv"), CSV_MUTATORS
    if kind == "texts":
        return _pick(rng, "texts/", ".txt"), TEXT_MUTATORS
    if kind == "mapping":
        return MAPPING, YAML_MUTATORS
    return TABLE, CSV_MUTATORS


def _previous_out(rng: random.Random, files: dict[str, bytes]) -> None:
    """Half the time out/ holds a previous build (it must survive a failure), else it is absent;
    now and then it is a file, which a command must refuse to replace."""
    roll = rng.random()
    if roll < 0.45:
        files.update(PREVIOUS_OUT)
    elif roll < 0.5:
        files["out"] = b"a file where the out folder should be\n"


def _query_case(rng: random.Random, seed: int, number: int, kind: str, files: dict[str, bytes], query: bytes,
                mutations: list[str]) -> Case:
    """`query -e TEXT` (a file query.rq when the text holds NUL or is too long for an argument)."""
    files["query.rq"] = query
    as_file = b"\x00" in query or len(query) > ARGV_LIMIT
    argv = ["query", "query.rq"] if as_file else ["query", "-e", os.fsdecode(query)]
    fmt = rng.choice(["table", "table", "json", "csv", "tsv", "md"])
    if fmt != "table":
        argv += ["--format", fmt]
    if rng.random() < 0.2:
        argv += rng.choice([["--ids"], ["--lang", "en"], ["--wide"]])
    if rng.random() < 0.2:  # the deadline, and values it must refuse
        argv += ["--timeout-s", rng.choice(["5", "0.5", "0.001", "0", "-1", "nan", "inf", "1e300"])]
    return Case(seed, number, kind, "query", "query.rq", mutations, [*argv, *SEED_ARGS], files)
