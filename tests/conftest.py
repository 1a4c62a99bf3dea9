from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "tests" / "examples"
MINIMAL = EXAMPLES / "valid" / "minimal"
TEXTS = EXAMPLES / "texts"
REFERENCE = EXAMPLES / "reference"
SHARED = Path(os.environ.get("JJJKG_SHARED", ROOT.parent / "shared"))


def _user_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment without JJJKG_ settings, so each test says what it uses."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JJJKG_")}
    env.update(extra or {})
    return env


def run_cli(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m graph` as a user would, in a separate process."""
    return subprocess.run([sys.executable, "-m", "graph", *args], cwd=cwd, env=_user_env(env), capture_output=True,
                          text=True, timeout=300)


def start_cli(*args: str) -> subprocess.Popen[bytes]:
    """Start a long-running `python -m graph` command (serve) without waiting for it."""
    return subprocess.Popen([sys.executable, "-m", "graph", *args], cwd=ROOT, env=_user_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def fixture_args(seeds: Path) -> list[str]:
    return ["--seeds", str(seeds), "--sources-dir", str(TEXTS), "--reference-dir", str(REFERENCE)]


def query_fixture_args() -> list[str]:
    """Options selecting the query fixture (tests/examples/valid/queries) with its own texts."""
    from query_goldens import FIXTURE

    return ["--seeds", str(FIXTURE / "seeds"), "--sources-dir", str(FIXTURE / "texts"),
            "--reference-dir", str(REFERENCE)]


@pytest.fixture
def minimal_copy(tmp_path: Path) -> Path:
    """A writable copy of the minimal valid example; returns its seeds directory."""
    shutil.copytree(MINIMAL, tmp_path / "project")
    return tmp_path / "project" / "seeds"


HOSTILE = EXAMPLES / "valid" / "hostile"


def hostile_args() -> list[str]:
    """Options selecting the hostile-strings fixture (markup in labels, aliases, titles and quotes)."""
    return ["--seeds", str(HOSTILE / "seeds"), "--sources-dir", str(HOSTILE / "texts"),
            "--reference-dir", str(REFERENCE)]


@pytest.fixture(scope="session")
def curated():  # type: ignore[no-untyped-def]
    """The curated seeds, built once for the view's tests (quotes and identifiers checked)."""
    import graph

    return graph.load(None, SHARED / "seeds", SHARED / "reference")


@pytest.fixture(scope="session")
def hostile():  # type: ignore[no-untyped-def]
    """The hostile-strings fixture, built."""
    import graph

    return graph.load(HOSTILE / "seeds", HOSTILE / "texts", REFERENCE)


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """One headless Chromium for the session (see tests/browser.py)."""
    from browser import chromium

    with chromium() as launched:
        yield launched
