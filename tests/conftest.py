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


def run_cli(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m graph` as a user would, in a separate process."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("JJJKG_")}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "graph", *args], cwd=cwd, env=full_env, capture_output=True,
                          text=True, timeout=300)


def fixture_args(seeds: Path) -> list[str]:
    return ["--seeds", str(seeds), "--sources-dir", str(TEXTS), "--reference-dir", str(REFERENCE)]


@pytest.fixture
def minimal_copy(tmp_path: Path) -> Path:
    """A writable copy of the minimal valid example; returns its seeds directory."""
    shutil.copytree(MINIMAL, tmp_path / "project")
    return tmp_path / "project" / "seeds"
