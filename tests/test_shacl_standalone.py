"""pySHACL on an export by itself, as the README shows: the shapes, the ontology as `-e`, no
inference. The export conforms; a broken copy does not (so the check has teeth)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT

SHAPES, ONTOLOGY = ROOT / "ontology" / "shapes.ttl", ROOT / "ontology" / "jjjkg.ttl"


def _pyshacl(data: Path) -> subprocess.CompletedProcess[str]:
    """The README's command: pyshacl -s ontology/shapes.ttl -e ontology/jjjkg.ttl -a -w FILE."""
    return subprocess.run([sys.executable, "-m", "pyshacl", "-s", str(SHAPES), "-e", str(ONTOLOGY), "-a", "-w",
                           str(data)], capture_output=True, text=True, timeout=300)


def test_the_turtle_export_conforms_and_a_broken_copy_does_not(curated, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from graph.build import render

    turtle = render(curated, ["turtle"])["jjjkg.ttl"].decode("utf-8")
    (tmp_path / "jjjkg.ttl").write_text(turtle, encoding="utf-8")
    result = _pyshacl(tmp_path / "jjjkg.ttl")
    assert result.returncode == 0 and "Conforms: True" in result.stdout, result.stdout[-2000:]
    broken = turtle + "\nobs:broken a jjj:Observation ; jjj:unit ent:beijing .\n"
    (tmp_path / "broken.ttl").write_text(broken, encoding="utf-8")
    result = _pyshacl(tmp_path / "broken.ttl")
    assert result.returncode == 1 and "Conforms: False" in result.stdout
