"""Fuzz the jjjkg command line: mutated seeds, mapping files, CSV tables and SPARQL strings.

    python tools/fuzz.py --cases 20000 --seed 1          # the long run
    python tools/fuzz.py --seed 1 --first 4711 --cases 1  # case 4711 again, alone
    python tools/fuzz.py --seed 1 --case 12 --case 4711   # some cases again (after a fix)

Each case mutates one fixture (tests/examples/valid/minimal, tests/examples/tables, the reference
tables and texts, or a catalogue query) and runs `validate`, `build --out`, `stats`, `import-csv` or
`query -e` on it, in-process in long-lived worker processes (tools/fuzz_worker.py). A case fails on
exit 3 or outside 0-2, a signal, "Traceback"/"panicked"/"stack overflow" on stderr, a non-zero exit
with nothing on stderr, a hang past --timeout, or exit 1/2 with its --out folder changed. Each
failing case is written to a folder (its files as before the run, repro.sh, what it printed) and
the summary groups the failures by cause. Used as a library by tests/test_fuzz.py (see fuzz()).

The modules: fuzz_mutate (bytes, lines, YAML, CSV), fuzz_sparql (queries), fuzz_cases (what each
case is), fuzz_worker and fuzz_runner (running and judging), fuzz_report (the summary).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the fuzz_* modules beside this file

from fuzz_cases import KINDS, Case, make_case  # noqa: E402
from fuzz_report import Report  # noqa: E402
from fuzz_runner import Outcome, run_cases  # noqa: E402

DEFAULT_TIMEOUT_S = 10.0


def fuzz(cases: int, seed: int, first: int = 0, workers: int = 2, timeout: float = DEFAULT_TIMEOUT_S,
         failures: Path | None = None, kinds: list[str] | None = None,
         progress: Callable[[Outcome], None] | None = None, numbers: list[int] | None = None) -> Report:
    """Run cases first .. first+cases-1 of `seed` (or those `numbers`); failing cases are written under
    `failures` (default: a new folder in the temporary directory, named in the report)."""
    folder = failures or Path(tempfile.mkdtemp(prefix=f"jjjkg-fuzz-seed{seed}-"))
    folder.mkdir(parents=True, exist_ok=True)
    report = Report(seed, folder, workers=workers)

    def record(outcome: Outcome) -> None:
        report.add(outcome)
        if progress:
            progress(outcome)

    def made() -> Iterator[Case]:
        for number in numbers or range(first, first + cases):
            yield make_case(seed, number, kinds)

    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="jjjkg-fuzz-work-") as scratch:
        run_cases(made(), Path(scratch), workers, timeout, record)
    report.seconds = time.monotonic() - start
    return report


def _progress_printer(total: int) -> Callable[[Outcome], None]:
    done = [0]

    def show(outcome: Outcome) -> None:
        done[0] += 1
        if outcome.reasons:
            print(f"FAIL {outcome.case.describe()[:200]}: {'; '.join(outcome.reasons)}", file=sys.stderr)
        if done[0] % 500 == 0 or done[0] == total:
            print(f"... {done[0]}/{total} cases", file=sys.stderr)

    return show


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000, help="how many cases (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed: the same seed makes the same cases")
    parser.add_argument("--first", type=int, default=0, help="number of the first case (to run one case again)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S,
                        help=f"seconds a case may take before it counts as a hang (default {DEFAULT_TIMEOUT_S:g})")
    parser.add_argument("--failures", type=Path, default=None,
                        help="folder for the failing cases (default: a new one in the temporary directory)")
    parser.add_argument("--case", type=int, action="append", default=None, metavar="N",
                        help="run case N (repeatable; instead of --first and --cases), e.g. the failing ones again")
    parser.add_argument("--kind", action="append", choices=sorted(KINDS), default=None,
                        help="only cases of this kind (repeatable; default: all)")
    parser.add_argument("--brief", action="store_true", help="list causes only, not every failing case")
    parser.add_argument("--quiet", action="store_true", help="no line for each failure while running")
    args = parser.parse_args(argv)
    if args.cases < 1 or args.workers < 1 or not args.timeout > 0:
        parser.error("--cases, --workers and --timeout must be positive")
    total = len(args.case) if args.case else args.cases
    report = fuzz(total, args.seed, args.first, args.workers, args.timeout, args.failures, args.kind,
                  None if args.quiet else _progress_printer(total), args.case)
    print(report.text(every_failure=not args.brief))
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
