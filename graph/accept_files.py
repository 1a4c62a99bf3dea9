"""Seed items as YAML text in the seeds' own style, for `jjjkg accept` (graph/accept.py): a block
item (sources, facts, observations) or one flow-style line (entities), appended to a seed file's
text. A seed file is never re-dumped: its comments and layout stay as the curator wrote them.

Scalars are written by PyYAML's emitter (one line; a text holding a line break as a JSON string,
which is a YAML double-quoted scalar), numbers exactly as the draft printed them (20.10 stays
20.10), and every scalar is checked to read back as the same value."""
from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

import yaml

from .yamlfile import YList, YMap

_WIDTH = 1_000_000_000  # never fold a line
_PLAIN_DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")
_TOP_KEY = re.compile(r"[^\s#-]")  # a line holding a top-level key starts with one of these


class AppendRefused(Exception):
    """A seed file that accept cannot append to by adding text; str() says why (no path)."""


def plain(value: Any) -> Any:
    """A YMap/YList tree as plain dicts and lists (what yaml.safe_dump can represent)."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def _reads_as(text: str, value: Any) -> bool:
    try:
        loaded = yaml.safe_load(f"[{text}]")
    except yaml.YAMLError:
        return False
    if not isinstance(loaded, list) or len(loaded) != 1:
        return False
    got = loaded[0]
    if isinstance(value, str) and not isinstance(got, str) and _PLAIN_DATE.fullmatch(value):
        return str(got) == value  # a date stays text in the seeds (graph/yamlfile.py)
    return type(got) is type(value) and bool(got == value)


def scalar(value: Any, raw: str | None = None) -> str:
    """One scalar as YAML text for a flow or block context; a number as printed (raw) where it
    reads back the same. ValueError if no form reads back as the value."""
    if raw is not None and not isinstance(value, str) and "\n" not in raw and _reads_as(raw, value):
        return raw
    if isinstance(value, str) and _PLAIN_DATE.fullmatch(value) and _reads_as(value, value):
        return value  # published: 2026-03-01, as the seeds write dates
    dumped = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=_WIDTH)
    text = dumped.strip()[1:-1] if dumped.count("\n") == 1 else ""
    if not text or text.startswith("'") or not _reads_as(text, value):
        text = json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
        if not _reads_as(text, value) and dumped.count("\n") == 1:
            text = dumped.strip()[1:-1]
    if not _reads_as(text, value):
        raise ValueError(f"cannot write {value!r} as a YAML scalar that reads back the same")
    return text


def flow(value: Any, raw: str | None = None) -> str:
    """A value on one line: a mapping as {k: v, ...}, a list as [a, b], else a scalar."""
    if isinstance(value, dict):
        raws = value.raw if isinstance(value, YMap) else {}
        return "{" + ", ".join(f"{scalar(str(key))}: {flow(item, raws.get(key))}"
                               for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    return scalar(value, raw)


def _raw(item: dict[str, Any], key: str) -> str | None:
    return item.raw.get(key) if isinstance(item, YMap) else None


def block_item(item: dict[str, Any], indent: int) -> list[str]:
    """A list item in block style, one key a line (nested values as flow on that line)."""
    lines = []
    for number, (key, value) in enumerate(item.items()):
        lead = " " * indent + ("- " if number == 0 else "  ")
        lines.append(f"{lead}{scalar(key)}: {flow(value, _raw(item, key))}")
    return lines


def flow_item(item: dict[str, Any], indent: int) -> list[str]:
    """A list item as one flow-style line: `  - {id: ..., type: ..., zh: ..., en: ...}`."""
    return [" " * indent + "- " + flow(item)]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def append_items(text: str, top: Any, key: str, items: Sequence[dict[str, Any]], style: str,
                 blank_before: bool = False) -> str:
    """text with items added at the end of its top-level `key` list (block style, or one flow
    line each with style="flow"). The list may stand anywhere in the file: the items go after its
    last item, before the comments and blank lines that lead to the next top-level key. A file
    with no such list gets one at its end. `top` is the file as read by read_yaml (None: empty);
    blank_before: a blank line before each item (as sources.yaml separates its entries)."""
    form = flow_item if style == "flow" else block_item

    def write(item: dict[str, Any], indent: int) -> list[str]:
        return ["", *form(item, indent)] if blank_before else form(item, indent)

    if top is not None and not isinstance(top, YMap):
        raise AppendRefused("the file is not a mapping of keys")
    lines = _lines(text)
    if lines and lines[-1] == "":
        lines.pop()  # the final line break: added back at the end
    found = top.get(key) if isinstance(top, YMap) else None
    if isinstance(top, YMap) and key in top and found is not None:
        if not isinstance(found, YList):
            raise AppendRefused(f"'{key}' is not a list")
        start = found.loc.line - 1
        row = lines[start] if start < len(lines) else ""
        column = found.loc.column - 1
        if row[column:column + 1] != "-":
            raise AppendRefused(f"the '{key}' list is written in flow style ([...]): write it as a block list")
        new = [line for one in items for line in write(one, column)]
        end = next((n for n in range(start + 1, len(lines))
                    if _TOP_KEY.match(lines[n][:1] or " ") or lines[n].startswith(("---", "..."))), len(lines))
        if end < len(lines):  # before the comments and blank lines that introduce the next key
            while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
                end -= 1
        return "\n".join([*lines[:end], *new, *lines[end:]]) + "\n"
    if isinstance(top, YMap) and key in top:  # `facts:` with nothing after it
        matches = [n for n, line in enumerate(lines) if re.fullmatch(rf"{re.escape(key)}\s*:\s*(#.*)?", line)]
        if len(matches) != 1:
            raise AppendRefused(f"cannot find the line of the empty '{key}' list")
        new = [line for one in items for line in write(one, 2)]
        at = matches[0] + 1
        return "\n".join([*lines[:at], *new, *lines[at:]]) + "\n"
    new = [f"{key}:", *[line for one in items for line in form(one, 2)]]
    gap = [""] if lines and lines[-1].strip() else []
    return "\n".join([*lines, *gap, *new]) + "\n"
