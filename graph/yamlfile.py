"""Read YAML keeping the line and column of every value (PyYAML's C loader node marks)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Union

import yaml

from .problems import Loc, Problems

try:  # the C loader is ~3.5x faster and gives the same node marks
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class YMap(dict):  # type: ignore[type-arg]
    """A mapping that knows where it and each of its values stand in the file."""

    loc: Loc
    locs: dict[str, Loc]
    raw: dict[str, str]  # scalar values exactly as written (400, 20.18), for printed numbers


class YList(list):  # type: ignore[type-arg]
    """A sequence that knows where it and each of its items stand in the file."""

    loc: Loc
    locs: list[Loc]


YValue = Union[YMap, YList, str, int, float, bool, None]


def _loc(name: str, node: yaml.Node) -> Loc:
    mark = node.start_mark
    return Loc(name, mark.line + 1, mark.column + 1)


def _convert(name: str, node: yaml.Node, problems: Problems, seen: set[int],
             used_at: Loc | None = None) -> YValue:
    if id(node) in seen:  # an alias: the same node again (also stops "billion laughs")
        problems.add(used_at or _loc(name, node), "yaml", "anchors and aliases are not allowed in seeds")
        return None
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        result = YMap()
        result.loc, result.locs, result.raw = _loc(name, node), {}, {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _CORE + "str":
                problems.add(_loc(name, key_node), "yaml", "mapping keys must be plain text")
                continue
            key = key_node.value
            if key in result:
                first = result.locs[key]
                problems.add(_loc(name, key_node), "duplicate-key",
                             f"key '{key}' appears twice in this mapping (first at line {first.line})")
                continue
            result[key] = _convert(name, value_node, problems, seen, _loc(name, key_node))
            result.locs[key] = _loc(name, value_node)
            if isinstance(value_node, yaml.ScalarNode):
                result.raw[key] = str(value_node.value)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = YList()
        items.loc, items.locs = _loc(name, node), []
        for item in node.value:
            items.append(_convert(name, item, problems, seen, items.loc))
            items.locs.append(_loc(name, item))
        return items
    if node.tag not in _SCALAR_TAGS:
        problems.add(_loc(name, node), "yaml", f"unsupported YAML tag {node.tag}")
        return None
    if node.tag in (_CORE + "str", _CORE + "timestamp"):
        return str(node.value)  # dates stay text; the seed checks parse them
    return _CONSTRUCTOR.construct_object(node)  # type: ignore[no-any-return]


def read_yaml(path: Path, name: str, problems: Problems) -> YValue:
    """Parse one YAML file; syntax errors become problems with the line they occur on."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.add(Loc(name), "io", f"cannot read file: {exc}")
        return None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Loc(name, mark.line + 1, mark.column + 1) if mark else Loc(name)
        problems.add(loc, "yaml", f"YAML syntax: {exc.problem or exc.context}")
        return None
    except yaml.YAMLError as exc:
        problems.add(Loc(name), "yaml", f"YAML syntax: {exc}")
        return None
    finally:
        loader.dispose()
    if node is None:
        return None
    return _convert(name, node, problems, set())
