"""The fuzz test's mutators for text files: bytes, lines, YAML and CSV (SPARQL: fuzz_sparql.py).

Every mutator takes a random generator and the file's bytes and returns the mutated bytes with a
short description of what it did, so that a failing case can say how its input was made.
"""
from __future__ import annotations

import csv
import io
import random
import re
from collections.abc import Callable

import yaml

Mutation = tuple[bytes, str]
Mutator = Callable[[random.Random, bytes], Mutation]

UTF8_BOM = b"\xef\xbb\xbf"
# What YAML (or a reader of it) treats specially, and bytes that are not UTF-8 or not printable.
YAML_TOKENS: list[bytes] = [
    b":", b": ", b"- ", b"? ", b"[", b"]", b"{", b"}", b"&a ", b"*a", b"*undefined", b"!", b"!!binary ",
    b"!!python/object/apply:os.system ", b"|", b">", b"|-\n", b"'", b'"', b"%", b"%YAML 1.1\n", b"@", b"`",
    b"#", b",", b"\t", b"\n", b"\r", b"\r\n", b"\x00", UTF8_BOM, b"\xff\xfe", b"\xff", b"\xc3", b"\xed\xa0\x80",
    b"\xe2\x80\xa8", b"\xef\xbf\xbe", b"\x1b[31m", b"\x7f", b"\x85", b"<<: *a", b"---\n", b"...\n", b"~", b"=",
    b"\\", b"!!float ", b"!!int ", b"!!timestamp ", b"!!set ", b"!!omap ",
]
# Scalars written in place of a value (raw YAML text), including the crashes issue 14 names.
HOSTILE_SCALARS: list[bytes] = [
    b"5", b"42", b"-1", b"0", b"1e999999999", b"1e999999", b"-1e999999", b".inf", b".nan", b"0x1F", b"0o17",
    b"99999999999999999999999999", b"null", b"~", b"true", b"''", b'""', b"[]", b"{}", b"[a, [b, [c]]]",
    b"{a: {b: c}}", b"zh CN", "中文".encode(), b"zh-Hans-CN", b"2024-02-30", b"9999-12-31", b"0000-00-00",
    b"2024-05-01T25:61:00", b"../../../etc/passwd", b"/dev/zero", b"'\xe2\x80\xae'", b"'\xef\xbf\xbe'",
    b'"\\x07bell"', b'"a\\nb"', b'"\\u0000"', b"'<script>alert(1)</script>'", b"'unterminated", b'"unterminated',
    b"*undefined", b"&anchor value", b"!!binary aGVsbG8=", b"!!set {a, b}", b"|\n  block", b"1_000", b"+12",
    b"'" + b"x" * 200_000 + b"'", "长".encode() * 70_000,
]
# The same as Python values, written by yaml.safe_dump in place of a node.
HOSTILE_VALUES: list[object] = [
    None, 0, -1, 5, 42, 2**64, 1e308, float("inf"), float("nan"), True, [], {}, [1, [2, [3]]], {"a": {"b": None}},
    "", " ", "zh CN", "中文", "1e999999999", "-0", "2024-02-30", "../../../etc/passwd", "\u202e", "\ufffe",
    "\x07bell", "a\nb", "\t", "x" * 200_000, ["demo", "demo"], [{"id": None}], {"value": "1e999999999"},
]


def _cut(rng: random.Random, data: bytes) -> int:
    return rng.randrange(len(data) + 1)


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def flip_bits(rng: random.Random, data: bytes) -> Mutation:
    if not data:
        return b"\x80", "flip: empty file became one byte"
    buf, offsets = bytearray(data), sorted(rng.sample(range(len(data)), min(len(data), rng.choice([1, 1, 2, 4, 8]))))
    for offset in offsets:
        buf[offset] ^= 1 << rng.randrange(8)
    return bytes(buf), f"flip one bit at byte offset(s) {offsets}"


def random_bytes(rng: random.Random, data: bytes) -> Mutation:
    at, count = _cut(rng, data), rng.choice([1, 2, 4, 16])
    junk = bytes(rng.randrange(256) for _ in range(count))
    return data[:at] + junk + data[at + count:], f"overwrite {count} byte(s) at offset {at} with {junk!r}"


def delete_lines(rng: random.Random, data: bytes) -> Mutation:
    lines = _lines(data)
    start, count = rng.randrange(len(lines)), rng.choice([1, 1, 2, 3])
    return b"".join(lines[:start] + lines[start + count:]), f"delete {count} line(s) from line {start + 1}"


def duplicate_lines(rng: random.Random, data: bytes) -> Mutation:
    lines = _lines(data)
    start, count = rng.randrange(len(lines)), rng.choice([1, 1, 2, 4])
    block, at = lines[start:start + count], rng.choice([start + count, rng.randrange(len(lines) + 1)])
    what = f"copy line(s) {start + 1}-{start + len(block)} to before line {at + 1}"
    return b"".join(lines[:at] + block + lines[at:]), what


def swap_lines(rng: random.Random, data: bytes) -> Mutation:
    lines = _lines(data)
    first, second = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[first], lines[second] = lines[second], lines[first]
    return b"".join(lines), f"swap lines {first + 1} and {second + 1}"


def reindent(rng: random.Random, data: bytes) -> Mutation:
    lines = _lines(data)
    line = rng.randrange(len(lines))
    text = lines[line]
    change = rng.choice([b" ", b"  ", b"    ", b"\t", b""])
    lines[line] = change + text if change else text.lstrip(b" ")
    return b"".join(lines), f"indent line {line + 1} by {change!r}" if change else f"unindent line {line + 1}"


def truncate(rng: random.Random, data: bytes) -> Mutation:
    at = _cut(rng, data)
    return data[:at], f"truncate to {at} bytes"


def insert_token(rng: random.Random, data: bytes) -> Mutation:
    token = rng.choice(YAML_TOKENS)
    starts = [0] + [m.end() for m in re.finditer(rb"\n|: ", data)]
    at = rng.choice(starts) if rng.random() < 0.5 else _cut(rng, data)
    return data[:at] + token + data[at:], f"insert {token!r} at offset {at}"


def replace_scalar(rng: random.Random, data: bytes) -> Mutation:
    """A `key: value` on one line gets a hostile value (a number, a wrong type, a huge string...)."""
    spots = list(re.finditer(rb"(?m)(?<=: )[^\n#]*$", data)) or list(re.finditer(rb"(?m)(?<=- )[^\n]*$", data))
    value = rng.choice(HOSTILE_SCALARS)
    if not spots:
        return data + b"\nextra: " + value + b"\n", f"append 'extra: {value[:40]!r}'"
    spot = rng.choice(spots)
    line = data.count(b"\n", 0, spot.start()) + 1
    what = f"line {line}: value {spot.group()[:40]!r} -> {value[:40]!r}"
    return data[:spot.start()] + value + data[spot.end():], what


def long_line(rng: random.Random, data: bytes) -> Mutation:
    size, unit = rng.choice([1_000, 70_000, 200_000]), rng.choice([b"x", "长".encode(), b"a ", b"\\"])
    filler = unit * (size // len(unit))
    at = rng.choice([m.end() for m in re.finditer(rb": |\n|- ", data)] or [0])
    return data[:at] + filler + data[at:], f"insert {len(filler):,} bytes of {unit!r} at offset {at}"


def deep_nesting(rng: random.Random, data: bytes) -> Mutation:
    depth = rng.choice([20, 200, 1_000, 5_000, 50_000])
    style = rng.choice(["flow-list", "flow-map", "block-list", "unclosed"])
    if style == "flow-list":
        nest = b"[" * depth + b"x" + b"]" * depth
    elif style == "flow-map":
        nest = b"{a: " * depth + b"x" + b"}" * depth
    elif style == "block-list":
        depth = min(depth, 1_500)  # the text grows with the square of the depth
        nest = b"\n" + b"".join(b"  " * level + b"- \n" for level in range(depth)) + b"  " * depth + b"x"
    else:
        nest = b"[" * depth
    spots = [m.end() for m in re.finditer(rb": ", data)] or [len(data)]
    at = rng.choice(spots)
    return data[:at] + nest + data[at:], f"insert {style} nesting {depth} deep at offset {at}"


def byte_order_mark(rng: random.Random, data: bytes) -> Mutation:
    mark = rng.choice([UTF8_BOM, b"\xff\xfe", b"\xfe\xff", UTF8_BOM + UTF8_BOM])
    if rng.random() < 0.7:
        return mark + data, f"prepend byte order mark {mark!r}"
    at = _cut(rng, data)
    return data[:at] + mark + data[at:], f"insert byte order mark {mark!r} at offset {at}"


def _nodes(value: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    found: list[tuple[object, ...]] = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _nodes(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _nodes(item, (*path, index))
    return found


def retype_node(rng: random.Random, data: bytes) -> Mutation:
    """Parse the YAML, put a hostile value (wrong type, huge, odd text) at a random node, dump it."""
    try:
        tree = yaml.safe_load(data)
    except Exception:  # not YAML (any more), or nested too deep for PyYAML
        return replace_scalar(rng, data)
    paths = [p for p in _nodes(tree) if p] or [()]
    path, value = rng.choice(paths), rng.choice(HOSTILE_VALUES)
    if not path:
        tree = value
    else:
        parent = tree
        for step in path[:-1]:
            parent = parent[step]
        if isinstance(parent, dict) and rng.random() < 0.15:
            del parent[path[-1]]
            value = "(deleted)"
        else:
            parent[path[-1]] = value
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, width=200)
    return text.encode("utf-8", "surrogatepass"), f"node {'/'.join(map(str, path)) or '(root)'} -> {str(value)[:40]!r}"


# ---- CSV tables --------------------------------------------------------------------------------

HOSTILE_CELLS: list[str] = [
    "", " ", '"', '""', 'a"b', "1e999999", "1e999999999", "-1e999999", "9" * 400, "nan", "inf", "-0", "0x10",
    "１２３", "3,500", "1_000", "二〇二二", "2019-02-30", "2019年13月", "\n", "\r", "x" * 200_000, "abc",
    "=cmd|' /C calc'!A0", "\ufeff", "zh CN", "130600" * 3, "北京市保定市", "\u202e", "\x07", "../../etc/passwd",
]


def _table(data: bytes) -> list[list[str]]:
    """The rows of a CSV file; none when Python's csv cannot read it (mutated earlier)."""
    try:
        return list(csv.reader(io.StringIO(data.decode("utf-8", "surrogateescape"), newline="")))
    except csv.Error:
        return []


def _written(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8", "surrogateescape")


def csv_cell(rng: random.Random, data: bytes) -> Mutation:
    rows = _table(data)
    if not rows or not any(rows):
        return csv_text(rng, data)
    row = rng.choice([r for r in range(len(rows)) if rows[r]])
    column, value = rng.randrange(len(rows[row])), rng.choice(HOSTILE_CELLS)
    rows[row][column] = value
    return _written(rows), f"row {row + 1} column {column + 1} := {value[:40]!r}"


def csv_columns(rng: random.Random, data: bytes) -> Mutation:
    rows = _table(data)
    if not rows or not any(rows):
        return csv_text(rng, data)
    row = rng.choice([0, rng.randrange(len(rows))])
    action = rng.choice(["extra cell", "missing cell", "duplicate column name", "empty row", "only header"])
    if action == "extra cell":
        rows[row].append(rng.choice(["", "x", "保定"]))
    elif action == "missing cell" and rows[row]:
        del rows[row][rng.randrange(len(rows[row]))]
    elif action == "duplicate column name" and rows[0]:
        rows[0][rng.randrange(len(rows[0]))] = rows[0][0]
    elif action == "empty row":
        rows.insert(row, [])
    else:
        rows = rows[:1]
    return _written(rows), f"{action} (row {row + 1})"


def csv_text(rng: random.Random, data: bytes) -> Mutation:
    """Quote characters, other delimiters, line ends and BOMs, as text."""
    action = rng.choice(["quote", "delimiter", "comma", "crlf", "lone cr", "bom"])
    if action == "quote":
        at = _cut(rng, data)
        return data[:at] + b'"' + data[at:], f"insert a quote at offset {at}"
    if action in ("delimiter", "comma"):
        commas = [m.start() for m in re.finditer(b",", data)] or [0]
        at = rng.choice(commas)
        if action == "comma":
            return data[:at] + b"," + data[at:], f"insert a comma at offset {at}"
        delimiter = rng.choice([b";", b"\t", b"|", "，".encode()])
        return data[:at] + delimiter + data[at + 1:], f"delimiter at offset {at} -> {delimiter!r}"
    if action == "crlf":
        return data.replace(b"\n", b"\r\n"), "CRLF line ends"
    if action == "lone cr":
        return data.replace(b"\n", b"\r"), "CR line ends"
    return byte_order_mark(rng, data)


GENERIC: list[Mutator] = [flip_bits, random_bytes, delete_lines, duplicate_lines, swap_lines, truncate, insert_token,
                          long_line, byte_order_mark]
YAML_MUTATORS: list[Mutator] = [*GENERIC, insert_token, insert_token, replace_scalar, replace_scalar, reindent,
                                deep_nesting, retype_node, retype_node]
CSV_MUTATORS: list[Mutator] = [*GENERIC, csv_cell, csv_cell, csv_cell, csv_columns, csv_columns, csv_text, csv_text]
TEXT_MUTATORS: list[Mutator] = [*GENERIC, delete_lines, truncate]


def mutate(rng: random.Random, data: bytes, mutators: list[Mutator]) -> tuple[bytes, list[str]]:
    """One to three mutations in a row (mostly one, so a failure points at its cause)."""
    steps = rng.choices([1, 2, 3], weights=[6, 3, 1])[0]
    done: list[str] = []
    for _ in range(steps):
        mutator = rng.choice(mutators)
        data, what = mutator(rng, data)
        done.append(f"{mutator.__name__}: {what}")
    return data, done
