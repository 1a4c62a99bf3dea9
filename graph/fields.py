"""Typed fields out of one YAML mapping of a seed file: every misfit becomes a problem at its line."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from .problems import Loc, Problems
from .yamlfile import YList, YMap

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FRACTION = re.compile(r"(\d+)/(\d+)")  # a fraction as printed (1/3)
DATE_PATTERN = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def valid_date(text: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD, and a real calendar date."""
    if not DATE_PATTERN.match(text):
        return False
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        dt.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


# Round numbers printed as words (协议投资总额超百亿元): the value is kept as printed.
CHINESE_NUMERALS = {"一半": Decimal("0.5"), "两": Decimal(2), "十": Decimal(10), "百": Decimal(100), "千": Decimal(1000), "百万": Decimal(1000000)}


class Record:
    """One mapping from a seed file, read field by field; every misfit becomes a problem."""

    def __init__(self, value: Any, where: Loc, what: str, keys: set[str], problems: Problems) -> None:
        self.problems = problems
        self.ok = isinstance(value, YMap)
        self.map: YMap = value if self.ok else YMap()
        self.loc = value.loc if self.ok else where
        if not self.ok:
            problems.add(where, "shape", f"{what} must be a mapping of keys to values")
            self.map.loc, self.map.locs, self.map.raw = where, {}, {}
        for key in self.map:
            if key not in keys:
                problems.add(self.map.locs[key], "unknown-key",
                             f"unknown key '{key}' in {what} (allowed: {', '.join(sorted(keys))})")

    def at(self, key: str) -> Loc:
        return self.map.locs.get(key, self.loc)

    def text(self, key: str, required: bool = True) -> str | None:
        value = self.map.get(key)
        if value is None:
            if required and self.ok:
                self.problems.add(self.loc, "missing", f"required key '{key}' is missing or empty")
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problems.add(self.at(key), "type", f"'{key}' must be text")
            return None
        text = self.map.raw.get(key, str(value)).strip()
        if not text and required:
            self.problems.add(self.at(key), "missing", f"'{key}' must not be empty")
            return None
        return text or None

    def ident(self, key: str, required: bool = True) -> str | None:
        value = self.text(key, required)
        if value is not None and not ID_PATTERN.match(value):
            self.problems.add(self.at(key), "bad-id",
                              f"'{value}' is not a valid id (lowercase letters, digits and single hyphens)")
            return None
        return value

    def texts(self, key: str) -> list[str]:
        value = self.map.get(key)
        if value is None:
            return []
        items = [value] if isinstance(value, (str, int)) and not isinstance(value, bool) else value
        if not isinstance(items, YList) and not isinstance(items, list) or not all(
                isinstance(i, (str, int)) and not isinstance(i, bool) for i in items):
            self.problems.add(self.at(key), "type", f"'{key}' must be text or a list of texts")
            return []
        return [str(i).strip() for i in items]

    def date(self, key: str, required: bool = False) -> str | None:
        value = self.text(key, required)
        if value is not None and not valid_date(value):
            self.problems.add(self.at(key), "bad-date",
                              f"'{value}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
            return None
        return value

    def decimal(self, key: str) -> Decimal | None:
        value = self.text(key, required=False)
        if value is None:
            return None
        if value in CHINESE_NUMERALS:
            return CHINESE_NUMERALS[value]
        fraction = FRACTION.fullmatch(value)
        if fraction and int(fraction[2]):
            return (Decimal(fraction[1]) / Decimal(fraction[2])).quantize(Decimal("1e-12")).normalize()
        try:
            number = Decimal(value)
            if not number.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            self.problems.add(self.at(key), "bad-number", f"'{value}' is not a number")
            return None
        return number

