"""The unpacked npm package a tool reads: a folder given with --package, else `npm pack NAME@VERSION`
into a temporary folder; either way its package.json must name that version."""
from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def unpacked(name: str, version: str, given: Path | None = None) -> Iterator[Path]:
    """The package folder (./package of the tarball), for the duration of the with-block."""
    with tempfile.TemporaryDirectory() as work:
        package = given
        if package is None:
            subprocess.run(["npm", "pack", f"{name}@{version}"], cwd=work, check=True, capture_output=True)
            subprocess.run(["tar", "xzf", f"{name}-{version}.tgz"], cwd=work, check=True)
            package = Path(work) / "package"
        found = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
        if found != version:
            raise SystemExit(f"{package}: {name} {found}, not {version}")
        yield package
