"""What the seeds hold already, as `jjjkg accept` needs it: the source and entity ids, and the facts
file of a source (or the name a new one gets). A seed file that cannot be read counts as empty here:
validate reports it."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .problems import Problems
from .yamlfile import YList, YMap, read_yaml


def _top(path: Path, name: str) -> Any:
    """A seed file as read_yaml reads it, or None when it cannot be read (validate says why)."""
    return read_yaml(path, name, Problems()) if path.is_file() else None


def known_source_ids(seeds_dir: Path) -> set[str]:
    data = _top(seeds_dir / "sources.yaml", "sources.yaml")
    items = data.get("sources") if isinstance(data, YMap) else None
    return {item["id"] for item in items or [] if isinstance(item, YMap) and isinstance(item.get("id"), str)} \
        if isinstance(items, YList) else set()


def known_entity_ids(seeds_dir: Path) -> set[str]:
    """The ids of the seeds' entity registry (entities/*.yaml)."""
    found: set[str] = set()
    for path in sorted((seeds_dir / "entities").glob("*.yaml")):
        data = _top(path, path.name)
        items = data.get("entities") if isinstance(data, YMap) else None
        if isinstance(items, YList):
            found.update(item["id"] for item in items if isinstance(item, YMap) and isinstance(item.get("id"), str))
    return found


def facts_file_of(seeds_dir: Path, source_id: str) -> Path | None:
    """The facts file whose `source:` is source_id, if any."""
    for path in sorted((seeds_dir / "facts").glob("*.yaml")):
        data = _top(path, path.name)
        if isinstance(data, YMap) and data.get("source") == source_id:
            return path
    return None


def new_facts_name(seeds_dir: Path, source_id: str) -> str:
    """NNN_<source-id>.yaml, NNN the next number after the highest three-digit prefix (004b → 005)."""
    numbers = [int(path.name[:3]) for path in (seeds_dir / "facts").glob("*.yaml") if path.name[:3].isdigit()]
    return f"{max(numbers, default=-1) + 1:03d}_{source_id}.yaml"
