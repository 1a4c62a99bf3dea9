"""Read YAML keeping the line and column of every value (from PyYAML's C parser's event marks).

Values are built from the parser's events with a stack, not by recursion, and nesting deeper
than MAX_DEPTH is refused: no input can exhaust Python's recursion limit or the C stack. The
file is a regular file of at most 50 MB (safe_io), UTF-8, and holds only characters YAML allows;
each misfit is one problem at its line and column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union

import yaml

from .problems import Loc, Problems
from .safe_io import BadText, FileRefused, decode_utf8, read_capped, text_position

try:  # the C parser is several times faster and gives the same marks
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_DEPTH = 64  # seeds nest 4 levels deep; a mapping's is smaller still
_CORE = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {None, "!", _CORE + "map", _CORE + "seq"}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
# Characters a YAML file may not hold (YAML 1.1's printable set): the parser would report them by offset.
NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Characters no text of the seeds may hold: control characters (tab and line feed are checked
# where a field is one line), surrogates and noncharacters (U+FFFE, U+FDD0...), which XML cannot
# carry (GraphML) and no reader can show.
NONCHARACTERS = "\ufdd0-\ufdef" + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}"
                                          for plane in range(0, 0x110000, 0x10000))
BAD_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff{NONCHARACTERS}]")


def bad_character(text: str) -> str | None:
    """'U+0001' for the first character of text that no seed text may hold, else None."""
    found = BAD_TEXT.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


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
_KEY = object()  # a mapping waiting for its next key
_SKIP = object()  # a mapping whose next value is dropped (its key was refused)


@dataclass
class _Open:
    """A mapping or sequence being filled; for a mapping, the key whose value comes next."""

    value: YMap | YList
    key: object = _KEY


def _loc(name: str, event: yaml.Event) -> Loc:
    mark = event.start_mark
    return Loc(name, mark.line + 1, mark.column + 1) if mark is not None else Loc(name)


def _scalar(loader: Any, name: str, event: yaml.ScalarEvent, problems: Problems) -> tuple[YValue, bool]:
    """The scalar's value, and whether it is text (a plain-text key must be)."""
    tag = event.tag
    if tag is None or tag == "!":
        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag not in _SCALAR_TAGS:
        problems.add(_loc(name, event), "yaml", f"unsupported YAML tag {tag}")
        return None, False
    bad = bad_character(event.value)
    if bad:
        problems.add(_loc(name, event), "control-character",
                     f"the text holds {bad}, a control character or noncharacter: remove it")
    if tag in (_CORE + "str", _CORE + "timestamp"):
        return str(event.value), tag == _CORE + "str"  # dates stay text; the seed checks parse them
    try:  # the tag's own constructor (construct_object would keep every node for the run)
        return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, event.value)), False
    except (ValueError, OverflowError):  # an int of more digits than Python converts
        problems.add(_loc(name, event), "bad-number", "cannot read this number: it has too many digits")
        return None, False


def _put(into: _Open, value: YValue, loc: Loc, raw: str | None, is_text: bool, problems: Problems) -> None:
    """Add a finished value (or key) to the mapping or sequence being filled."""
    if isinstance(into.value, YList):
        into.value.append(value)
        into.value.locs.append(loc)
        return
    mapping = into.value
    if into.key is _KEY:
        if not is_text:
            problems.add(loc, "yaml", "mapping keys must be plain text")
            into.key = _SKIP
        elif str(value) in mapping:
            problems.add(loc, "duplicate-key",
                         f"key '{value}' appears twice in this mapping (first at line {mapping.locs[str(value)].line})")
            into.key = _SKIP
        else:
            into.key = value
        return
    if into.key is not _SKIP:
        key = str(into.key)
        mapping[key] = value
        mapping.locs[key] = loc
        if raw is not None:
            mapping.raw[key] = raw
    into.key = _KEY


def _compose(loader: Any, name: str, problems: Problems) -> YValue:
    """The document's value, built from the parser's events; None (with a problem) when refused."""
    loader.get_event()  # stream start
    if loader.check_event(yaml.StreamEndEvent):
        return None  # an empty file
    loader.get_event()  # document start
    stack: list[_Open] = []
    result: YValue = None
    while not loader.check_event(yaml.DocumentEndEvent):
        event = loader.get_event()
        loc = _loc(name, event)
        raw: str | None = None
        is_text = False
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if event.tag not in _COLLECTION_TAGS:
                problems.add(loc, "yaml", f"unsupported YAML tag {event.tag}")
            if len(stack) >= MAX_DEPTH:
                problems.add(loc, "yaml", f"the YAML nests deeper than {MAX_DEPTH} levels")
                return None
            opened: YMap | YList = YMap() if isinstance(event, yaml.MappingStartEvent) else YList()
            opened.loc = loc
            if isinstance(opened, YMap):
                opened.locs, opened.raw = {}, {}
            else:
                opened.locs = []
            stack.append(_Open(opened))
            continue
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            value: YValue = stack.pop().value
            loc = value.loc  # type: ignore[union-attr]
        elif isinstance(event, yaml.AliasEvent):  # also stops "billion laughs"
            problems.add(loc, "yaml", "anchors and aliases are not allowed in seeds")
            value = None
        else:
            value, is_text = _scalar(loader, name, event, problems)
            raw = str(event.value)
        if not stack:
            result = value
        else:
            _put(stack[-1], value, loc, raw, is_text, problems)
    loader.get_event()  # document end
    if not loader.check_event(yaml.StreamEndEvent):
        problems.add(_loc(name, loader.peek_event()), "yaml", "YAML syntax: expected a single document in the stream")
        return None
    return result


def _decoded(path: Path, name: str, problems: Problems) -> str | None:
    """The file's text: a regular file, UTF-8, and only characters YAML allows."""
    try:
        text = decode_utf8(read_capped(path))
    except BadText as exc:
        problems.add(Loc(name, exc.line, exc.column), "encoding", str(exc))
        return None
    except FileRefused as exc:
        problems.add(Loc(name), "io", f"cannot read file: {exc}")
        return None
    bad = NOT_YAML.search(text)
    if bad:
        line, column = text_position(text, bad.start())
        problems.add(Loc(name, line, column), "yaml",
                     f"character U+{ord(bad.group()):04X} is not allowed in YAML (a control character or noncharacter)")
        return None
    return text


def read_yaml(path: Path, name: str, problems: Problems) -> YValue:
    """Parse one YAML file; syntax errors become problems with the line they occur on."""
    text = _decoded(path, name, problems)
    if text is None:
        return None
    loader = _Loader(text)
    try:
        return _compose(loader, name, problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        loc = Loc(name, mark.line + 1, mark.column + 1) if mark else Loc(name)
        problems.add(loc, "yaml", f"YAML syntax: {exc.problem or exc.context}")
    except yaml.YAMLError as exc:
        problems.add(Loc(name), "yaml", f"YAML syntax: {str(exc).splitlines()[0]}")
    finally:
        loader.dispose()
    return None
