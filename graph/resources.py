"""Where the shipped data lives: the seeds (with the article texts and reference tables), the
ontology and the query catalogue.

In a checkout (or an editable install) they are the repository's top-level folders. A wheel
carries the same folders inside the package, as `graph/_data/` (mapped there by the build
backend, so the repository holds one copy of each file). Nothing else in the package needs to
know which of the two it runs from.
"""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_BUNDLED = PACKAGE_DIR / "_data"
DATA_DIR = _BUNDLED if (_BUNDLED / "ontology").is_dir() else PACKAGE_DIR.parent

SEEDS_DIR = DATA_DIR / "seeds"
ONTOLOGY_DIR = DATA_DIR / "ontology"
QUERIES_DIR = DATA_DIR / "queries"
TEXTS_DIR_NAME = "texts"          # seeds/texts/: the article texts that quotes are checked against
REFERENCE_DIR_NAME = "reference"  # seeds/reference/: the reference identifier tables
SHIPPED_REFERENCE_DIR = SEEDS_DIR / REFERENCE_DIR_NAME


def display_name(path: Path) -> str:
    """path relative to the data folder when it lies inside it (ontology/shapes.ttl), else as given."""
    return str(path.relative_to(DATA_DIR)) if path.is_relative_to(DATA_DIR) else str(path)
