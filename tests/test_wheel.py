"""The wheel, installed the normal way (not editable) into a fresh venv, works from any directory.

`python -m build` makes the sdist and then the wheel from the sdist (so both carry the data); the
wheel goes into a new venv with its dependencies from the package index, and the installed `jjjkg`
runs in an empty directory outside the checkout, without JJJKG_* settings or PYTHONPATH: build,
validate, the query catalogue, a query, a view, the SPARQL endpoint, a CSV import, and a user's
own --seeds folder.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import pytest

from conftest import MINIMAL, ROOT, free_port, run_cli, wait_for

DATA = "graph/_data"
SHIPPED = ("ontology", "queries", "seeds")  # top-level folders the wheel carries as graph/_data/<name>


@dataclass(frozen=True)
class Installed:
    venv: Path
    work: Path            # an empty directory outside the checkout: the cwd of every command
    env: dict[str, str]

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.venv / "bin" / "jjjkg"), *args], cwd=self.work, env=self.env,
                              capture_output=True, text=True, timeout=timeout)


def clean_env(venv: Path) -> dict[str, str]:
    """A user's environment: no JJJKG_* settings, nothing pointing Python at the checkout."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("JJJKG_") and k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"}}
    path = [p for p in env.get("PATH", os.defpath).split(os.pathsep) if p and not Path(p).is_relative_to(ROOT)]
    env["PATH"] = os.pathsep.join([str(venv / "bin"), *path])
    env["PYTHONNOUSERSITE"] = "1"
    return env


def shipped_files() -> list[str]:
    """Every file of ontology/, queries/ and seeds/ as the wheel must hold it."""
    return sorted(f"{DATA}/{path.relative_to(ROOT).as_posix()}" for name in SHIPPED
                  for path in (ROOT / name).rglob("*") if path.is_file() and "__pycache__" not in path.parts)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel built from it."""
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
                            capture_output=True, text=True, timeout=300, env=clean_env(Path(sys.prefix)))
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return out


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    (found,) = dist.glob("jjjkg-*-py3-none-any.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    """A fresh venv (no access to the checkout's) with the wheel and its dependencies installed."""
    base = tmp_path_factory.mktemp("wheel-venv")
    venv, work = base / "venv", base / "work"
    work.mkdir()
    env = clean_env(venv)
    # pip >= 22.3 installs into another environment (--python), which saves the venv its own pip
    # (ensurepip takes seconds); no .pyc is compiled up front either
    pip_here = tuple(int(part) for part in version("pip").split(".")[:2]) >= (22, 3)
    made = subprocess.run([sys.executable, "-m", "venv", *(["--without-pip"] if pip_here else []), str(venv)],
                          capture_output=True, text=True, timeout=120, env=env, cwd=work)
    assert made.returncode == 0, made.stderr
    python = str(venv / "bin" / "python")
    installer = [sys.executable, "-m", "pip", "--python", python] if pip_here else [python, "-m", "pip"]
    pip = subprocess.run([*installer, "install", "--quiet", "--no-compile", str(wheel)],
                         capture_output=True, text=True, timeout=600, env=env, cwd=work)
    assert pip.returncode == 0, pip.stdout[-2000:] + pip.stderr[-2000:]
    yield Installed(venv, work, env)
    shutil.rmtree(base, ignore_errors=True)


# ----------------------------------------------------------------------------------- contents

def test_wheel_carries_the_data_typing_marker_and_view_assets(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "graph/py.typed" in names
    assert f"{DATA}/ontology/jjjkg.ttl" in names and f"{DATA}/ontology/shapes.ttl" in names
    expected = shipped_files()
    assert [n for n in expected if n not in names] == []
    queries = [n for n in names if n.startswith(f"{DATA}/queries/") and n.endswith(".rq")]
    assert len(queries) == len(list((ROOT / "queries").glob("*.rq"))) >= 23
    for folder, suffix in (("texts", ".txt"), ("reference", ".csv")):
        present = [f"{DATA}/seeds/{folder}/{p.name}" for p in (ROOT / "seeds" / folder).glob(f"*{suffix}")]
        assert present and set(present) <= names
    for asset in ("graph/view/style.yaml", "graph/view/templates/network.html", "graph/view/static/view.js",
                  "graph/view/static/map.js", "graph/view/static/share.js", "graph/view/static/panel.js",
                  "graph/view/static/permalink.js",
                  "graph/view/static/view.css"):
        assert asset in names
    package = [path.relative_to(ROOT).as_posix() for path in (ROOT / "graph").rglob("*")
               if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"]
    assert [name for name in package if name not in names] == []  # modules and package data alike


def test_wheel_holds_nothing_but_the_package(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    project, release = wheel.name.split("-")[:2]
    assert {n.split("/", 1)[0] for n in names} == {"graph", f"{project}-{release}.dist-info"}
    assert not [n for n in names if "/tests/" in n or n.startswith(("tests/", "benchmarks/", "docs/", "tools/"))]
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


def test_sdist_carries_the_folders_the_wheel_is_built_from(dist: Path) -> None:
    (sdist,) = dist.glob("jjjkg-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {*SHIPPED, "graph", "tests", "pyproject.toml", "README.md"} <= {n.split("/", 1)[0] for n in names}
    assert {n.removeprefix(f"{DATA}/") for n in shipped_files()} <= names


# --------------------------------------------------------------------------- installed and run

def test_the_package_imported_is_the_wheels(installed: Installed) -> None:
    probe = "import graph, graph.resources as r; print(graph.__file__); print(r.DATA_DIR)"
    result = subprocess.run([str(installed.venv / "bin" / "python"), "-c", probe], cwd=installed.work,
                            env=installed.env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    module, data = (Path(line) for line in result.stdout.splitlines())
    assert module.is_relative_to(installed.venv.resolve()) or module.is_relative_to(installed.venv)
    assert not module.resolve().is_relative_to(ROOT)
    assert data.parts[-2:] == ("graph", "_data")


def test_build_checks_quotes_and_matches_the_checkout(installed: Installed, tmp_path: Path) -> None:
    result = installed.run("build", "--out", "X")
    assert result.returncode == 0, result.stderr
    assert "not checked" not in result.stderr and "Traceback" not in result.stderr
    written = installed.work / "X"
    for name in ("jjjkg.ttl", "jjjkg.nt", "jjjkg.jsonld", "jjjkg.graphml", "edges.csv", "network.html"):
        assert (written / name).stat().st_size > 0
    ours = run_cli("build", "--out", str(tmp_path), "--format", "turtle")
    assert ours.returncode == 0, ours.stderr
    assert (written / "jjjkg.ttl").read_bytes() == (tmp_path / "jjjkg.ttl").read_bytes()


def test_validate_passes(installed: Installed) -> None:
    result = installed.run("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("valid:")


def test_queries_lists_the_whole_catalogue(installed: Installed) -> None:
    result = installed.run("queries", "--format", "json")
    assert result.returncode == 0, result.stderr
    listed = [entry["name"] for entry in json.loads(result.stdout)]
    expected = sorted(p.stem for p in (ROOT / "queries").glob("*.rq") if not p.stem.endswith("-violation"))
    assert listed == expected and len(listed) == 23


def test_a_catalogue_query_gives_rows(installed: Installed) -> None:
    result = installed.run("query", "rd-here-production-there", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()[1:]
    assert rows and any("baoding" in row for row in rows)


def test_view_of_a_neighbourhood(installed: Installed) -> None:
    result = installed.run("view", "--focus", "xiongan", "--out", "f.html")
    assert result.returncode == 0, result.stderr
    page = (installed.work / "f.html").read_text(encoding="utf-8")
    assert "雄安" in page and "<script" in page


def test_serve_answers_sparql_over_http(installed: Installed, tmp_path: Path) -> None:
    port = free_port()
    with (tmp_path / "serve.log").open("wb") as log, \
            subprocess.Popen([str(installed.venv / "bin" / "jjjkg"), "serve", "--port", str(port)],
                             cwd=installed.work, env=installed.env, stdout=log, stderr=log) as process:
        try:
            wait_for(port, process)
            query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/jjjkg/ontology#Province> }"
            url = f"http://127.0.0.1:{port}/query?{urllib.parse.urlencode({'query': query})}"
            request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
            with urllib.request.urlopen(request, timeout=30) as response:
                answer = json.loads(response.read())
            assert int(answer["results"]["bindings"][0]["n"]["value"]) >= 3
            process.send_signal(signal.SIGINT)  # Ctrl-C: jjjkg stops its query workers
            assert process.wait(timeout=20) == 0, (tmp_path / "serve.log").read_text(errors="replace")
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)


def test_import_csv_of_a_table(installed: Installed) -> None:
    tables = ROOT / "tests" / "examples" / "tables"
    for name in ("relocations.csv", "relocations.yaml"):
        shutil.copy(tables / name, installed.work / name)
    result = installed.run("import-csv", "relocations.csv", "--mapping", "relocations.yaml", "--out", "imported")
    assert result.returncode == 0, result.stderr
    assert "imported 5 of 9 rows" in result.stdout
    store = installed.work / "imported" / "jjjkg.oxigraph"
    moves = installed.run("query", "hq-relocations", "--store", str(store), "--format", "csv")
    assert moves.returncode == 0, moves.stderr
    assert "示例甲科技有限公司" in moves.stdout  # a firm of the table


def test_own_seeds_folder(installed: Installed) -> None:
    shutil.copytree(MINIMAL / "seeds", installed.work / "myseeds")
    result = installed.run("build", "--seeds", "myseeds", "--out", "mine", "--format", "turtle")
    assert result.returncode == 0, result.stderr
    assert "from 7 facts" in result.stdout  # the minimal example, not the shipped seeds
    missing = installed.run("build", "--seeds", "nowhere")
    assert missing.returncode == 2
    assert missing.stderr.strip().splitlines()[-1].endswith("--seeds: nowhere is not a directory")
    assert "Traceback" not in missing.stderr
