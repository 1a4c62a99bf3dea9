"""Typed fields out of one YAML mapping of a seed file: every misfit becomes a problem at its line."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation, localcontext
from typing import Any

from .problems import Loc, Problems
from .yamlfile import YList, YMap

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FRACTION = re.compile(r"(\d+)/(\d+)")  # a fraction as printed (1/3)
DATE_PATTERN = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
# A well-formed BCP 47 language tag, the part RDF needs (zh, en, zh-Hans, zh-CN): no spaces, no 中文.
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$")
MULTILINE_KEYS = frozenset({"quote", "description", "note"})  # texts that may hold line breaks and tabs
# Numbers jjjkg holds exactly: normalised to a base unit (亿元 → ×10^8) they stay far inside
# Decimal's range, and every export can print them.
MAX_DIGITS = 28
MAX_MAGNITUDE = 20  # |x| < 10^20, and no smaller non-zero |x| than 10^-20


def parse_decimal(text: str) -> Decimal:
    """A finite number of at most MAX_DIGITS digits between 10^-20 and 10^20 (0 too);
    ValueError with a one-line reason otherwise."""
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"'{text[:40]}' is not a number") from None
    if not number.is_finite():
        raise ValueError(f"'{text[:40]}' is not a number")
    if number and not -MAX_MAGNITUDE <= number.adjusted() < MAX_MAGNITUDE:
        raise ValueError(f"'{text[:40]}' is out of range (10^-{MAX_MAGNITUDE} to 10^{MAX_MAGNITUDE})")
    if len(number.as_tuple().digits) > MAX_DIGITS:
        raise ValueError(f"'{text[:40]}' has more than {MAX_DIGITS} digits")
    return number


_CN_DATE = re.compile(r"^(\d{4})\s*[年/.-]\s*(?:(\d{1,2})\s*[月/.-]?\s*(?:(\d{1,2})\s*日?)?)?$")


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


def parse_date(text: str) -> str | None:
    """2019, 2019-05, 2019-05-03, 2019年, 2019年5月, 2019年5月3日, 2019/5/3 → ISO (YYYY[-MM[-DD]])."""
    if valid_date(text):
        return text
    match = _CN_DATE.match(text.strip())
    if not match:
        return None
    year, month, day = match.groups()
    iso = year + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if day and month else "")
    return iso if valid_date(iso) else None


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
        if key not in MULTILINE_KEYS and ("\n" in text or "\t" in text):
            self.problems.add(self.at(key), "control-character",
                              f"'{key}' is one line of text: it must not hold a line break or a tab")
        if not text and required:
            self.problems.add(self.at(key), "missing", f"'{key}' must not be empty")
            return None
        return text or None

    def language(self, key: str) -> str | None:
        """A language tag (zh, en, zh-Hans); RDF refuses any other."""
        value = self.text(key)
        if value is not None and not LANGUAGE_TAG.match(value):
            self.problems.add(self.at(key), "bad-value",
                              f"'{value}' is not a language tag: write a BCP 47 tag such as zh, en or zh-Hans")
            return None
        return value

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
        texts = [str(i).strip() for i in items]
        if any("\n" in text or "\t" in text for text in texts):
            self.problems.add(self.at(key), "control-character",
                              f"each of '{key}' is one line of text: none may hold a line break or a tab")
        return texts

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
        try:
            if fraction and fraction[2].strip("0"):
                numerator, denominator = parse_decimal(fraction[1]), parse_decimal(fraction[2])
                with localcontext() as context:
                    context.prec = 2 * MAX_DIGITS + 12
                    return parse_decimal(str((numerator / denominator).quantize(Decimal("1e-12")).normalize()))
            return parse_decimal(value)
        except ValueError as exc:
            self.problems.add(self.at(key), "bad-number", str(exc))
            return None
