"""Numbers, dates and modality as an article prints them: a value with its unit and bound (the
ontology's units and marker words), a date expression with the date it resolves to, and the
modality a sentence's marker words signal."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import IndicatorDef
from ..schema import Schema

_NUMBER = r"\d+(?:\.\d+)?(?:/\d+)?|[一二两三四五六七八九十百千]+"
_DATE = re.compile(r"(?P<year>(?:19|20)\d{2})年(?:(?P<month>1[0-2]|0?[1-9])月(?:(?P<day>[12]\d|3[01]|0?[1-9])日)?)?"
                   r"(?:底|初|末|以来)?|(?P<rel>今年|去年|前年|明年)(?:(?P<rmonth>1[0-2]|[1-9])月)?(?:底|初|末|以来)?")
_RELATIVE = {"今年": 0, "去年": -1, "前年": -2, "明年": 1}


@dataclass(frozen=True)
class Amount:
    start: int  # offsets in the sentence
    end: int
    value: str  # as printed: 400, 1/3, 百
    unit: str  # as printed: 亿元, 家, %
    bound: str | None


def date_of(sentence: str, published: str | None) -> tuple[str | None, str | None]:
    """(date, date_text) of the first date expression in the sentence: 2024年12月 → 2024-12; 去年
    in an article published in 2023 → 2022; a relative one with no publication date: text only."""
    match = _DATE.search(sentence)
    if match is None:
        return None, None
    text = match.group(0)
    if match.group("year"):
        date = match.group("year")
        if match.group("month"):
            date += f"-{int(match.group('month')):02d}"
            if match.group("day"):
                date += f"-{int(match.group('day')):02d}"
        return date, text
    if not published:
        return None, text
    year = int(published[:4]) + _RELATIVE[match.group("rel")]
    month = match.group("rmonth")
    return (f"{year}-{int(month):02d}" if month else str(year)), text


def modality_of(clause: str, schema: Schema) -> str | None:
    """planned / under_way / done when the clause holds one of that modality's marker words."""
    for key in ("under_way", "planned", "done"):
        if any(word in clause for word in schema.markers.get(key, ())):
            return key
    return None


def _unit_words(schema: Schema) -> list[str]:
    words = {symbol for symbol, unit in schema.units.items() if symbol != unit.key or not symbol.isascii()}
    words |= {"%"}
    return sorted((w for w in words if w and not w.isascii() or w == "%"), key=len, reverse=True)


def amounts(sentence: str, schema: Schema) -> list[Amount]:
    """Every number followed by a unit of the ontology (亿元, 家, %, 平方公里), with the bound its
    neighbouring marker word gives (超 400亿元, 60多家, 400亿元以上)."""
    units = _unit_words(schema)
    unit_group = "|".join(re.escape(u) for u in units)
    bounds = [(word, key) for key in schema.bounds for word in schema.markers.get(key, ())]
    bounds.sort(key=lambda pair: -len(pair[0]))
    found = []
    for match in re.finditer(rf"(?P<value>{_NUMBER})(?P<after>多|余)?(?P<unit>{unit_group})", sentence):
        value = match.group("value")
        if not any(ch.isdigit() for ch in value) and (len(value) > 3 or value in ("一", "两")):
            continue  # 一家企业, 两个园区: a measure word, not a count the article reports
        bound = None
        if match.group("after"):
            bound = "more_than"
        else:
            before = sentence[:match.start()]
            following = sentence[match.end():]
            for word, key in bounds:
                if before.endswith(word) or following.startswith(word):
                    bound = key
                    break
        found.append(Amount(match.start(), match.end(), value, match.group("unit"), bound))
    return found


def best_indicator(clause: str, unit: str, indicators: dict[str, IndicatorDef], schema: Schema) -> tuple[str | None, float]:
    """The indicator whose Chinese label shares the most characters with the clause, among those
    whose base unit the printed unit converts to; (None, 0) when none shares at least half of its label."""
    printed = schema.units.get(unit)
    base = printed.base if printed is not None else None
    best, score = None, 0.0
    for indicator in sorted(indicators.values(), key=lambda i: i.id):
        wanted = schema.units.get(indicator.unit)
        if printed is not None and wanted is not None and base is not None and base != wanted.iri:
            continue
        label = indicator.zh
        shared = sum(1 for ch in set(label) if ch in clause) / max(1, len(set(label)))
        if shared > score:
            best, score = indicator.id, shared
    return (best, score) if score >= 0.5 else (None, 0.0)
