"""Issue 14's fuzz test: mutated seeds, mapping files, CSV tables and SPARQL strings thrown at
`validate`, `build --out`, `stats`, `import-csv` and `query -e`. Every case must end with exit 0, 1
or 2 and a message, within the time limit, and a failing command must leave its --out folder as it
was. A fixed seed and count run here; the long run is `python tools/fuzz.py --cases 20000`
(tools/fuzz.py says how it works and how to run one case again)."""
from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))

import fuzz  # noqa: E402
import fuzz_runner  # noqa: E402
from fuzz_cases import make_case  # noqa: E402
from fuzz_runner import Outcome, judge  # noqa: E402

SEED, CASES = 14, 800  # about 17 s on two cores (48 cases/s)


def test_fuzzed_inputs_end_with_a_message_never_a_crash_or_hang(tmp_path: Path) -> None:
    report = fuzz.fuzz(CASES, SEED, workers=2, failures=tmp_path / "failures")
    summary = report.text()
    print(summary)
    assert report.outcomes == CASES
    failed = len(report.failures)
    assert failed == 0, f"{failed} fuzz case(s) failed:\n{summary}"


def test_cases_are_made_again_from_seed_and_number_alone() -> None:
    first, again = make_case(SEED, 123), make_case(SEED, 123)
    assert (first.argv, first.files, first.mutations) == (again.argv, again.files, again.mutations)
    assert [make_case(SEED, n).kind for n in range(40)] != [make_case(SEED + 1, n).kind for n in range(40)]


@pytest.mark.parametrize(("code", "stderr", "unchanged", "failed"), [
    (0, b"", True, False),
    (1, b"seeds/x.yaml:3:1: error[yaml]: ...", True, False),
    (2, b"jjjkg build: error: --out ...", True, False),
    (3, b"jjjkg build: internal error: ValueError: x", True, True),
    (4, b"odd", True, True),
    (1, b"", True, True),  # a failure must say why
    (1, b"Traceback (most recent call last):", True, True),
    (2, b"thread 'main' panicked at src/lib.rs", True, True),
    (1, b"seeds/x.yaml: error", False, True),  # and write nothing
])
def test_the_criteria(code: int, stderr: bytes, unchanged: bool, failed: bool) -> None:
    outcome = Outcome(make_case(SEED, 0), code, stderr=stderr)
    assert bool(judge(outcome, 10, unchanged)) is failed


FAKE_WORKER = """
import json, os, signal, sys, time
print(json.dumps({"ready": os.getpid()}), flush=True)
for line in sys.stdin:
    request = json.loads(line)
    with open(request["stderr"], "w") as err:
        err.write("seeds: error\\n")
    if request["argv"][0] == "segv":
        os.kill(os.getpid(), signal.SIGSEGV)
    if request["argv"][0] == "hang":
        time.sleep(60)
    print(json.dumps({"number": request["number"], "code": 1, "escaped": None, "seconds": 0.0}), flush=True)
"""


def test_the_runner_survives_a_crashing_or_hanging_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    worker = tmp_path / "fake_worker.py"
    worker.write_text(textwrap.dedent(FAKE_WORKER), encoding="utf-8")
    monkeypatch.setattr(fuzz_runner, "WORKER_FILE", worker)
    cases = []
    for number, verb in enumerate(["ok", "segv", "ok", "hang", "ok", "ok"]):
        case = make_case(SEED, number)
        case.argv = [verb]
        cases.append(case)
    outcomes: list[Outcome] = []
    (tmp_path / "scratch").mkdir()
    fuzz_runner.run_cases(iter(cases), tmp_path / "scratch", 2, 1.0, outcomes.append)
    status = {o.case.number: o.status for o in outcomes}
    assert status == {0: "1", 1: "SIGSEGV", 2: "1", 3: "hang", 4: "1", 5: "1"}
    assert [bool(o.reasons) for o in sorted(outcomes, key=lambda o: o.case.number)] == [False, True, False, True,
                                                                                        False, False]
