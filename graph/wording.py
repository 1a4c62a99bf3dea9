"""Checks that what a curator wrote beside a quote agrees with the quote's own words: a role, a
date or a period "as printed" is printed there; a bound says what the word next to the number
says (以上 → more_than); a quote that speaks of a plan (将, 计划, 拟) or of work under way (正在)
has a modality. The marker words come from the ontology (jjj:markers), not from this module."""
from __future__ import annotations

import re
from collections.abc import Iterator

from .model import Fact, Observation, Quantity, Seeds
from .problems import Loc, Problems
from .schema import Schema

SENTENCE_END = "。！？；!?;\n"
# Bound words that follow the number (240多家, 400余家, 170个以上, 3小时左右); all others precede it.
AFTER_NUMBER = frozenset({"多", "余", "以上", "左右", "以下", "以内"})
# Two characters ending in a one-character marker that are not that marker (最近3年, 签约30个).
NOT_MARKERS = frozenset({"最近", "附近", "临近", "邻近", "签约", "履约", "节约", "制约", "预约", "合约", "特约"})


def sentence_around(quote: str, text: str) -> str:
    """The quote widened to the sentence(s) of `text` it stands in; the quote itself if it is not there."""
    start = text.find(quote)
    if start < 0:
        return quote
    end = start + len(quote)
    while start > 0 and text[start - 1] not in SENTENCE_END:
        start -= 1
    while end < len(text) and text[end - 1] not in SENTENCE_END:
        end += 1
    return text[start:end]


def check_as_printed(seeds: Seeds, texts: dict[str, str], problems: Problems) -> None:
    """A role, date_text or period_text stands verbatim in the quote or in the sentence around it."""
    for fact in seeds.facts:
        for key in ("role", "date_text"):
            if key in fact.qualifiers:
                _printed(fact.qualifiers[key], key, fact.quote, texts.get(fact.source, ""),
                         fact.locs.get("qualifiers." + key, fact.loc), problems)
    for obs in seeds.observations:
        if obs.period_text:
            _printed(obs.period_text, "period_text", obs.quote, texts.get(obs.source, ""),
                     obs.locs.get("period_text", obs.loc), problems)


def _printed(value: str, key: str, quote: str, text: str, where: Loc, problems: Problems) -> None:
    if value not in quote and value not in sentence_around(quote, text):
        problems.add(where, "not-as-printed",
                     f"{key} «{value}» is not printed in the quote or its sentence: write it as the article prints it")


def printed_bounds(quote: str, quantity: Quantity, schema: Schema) -> dict[str, str]:
    """The bounds that the words next to the printed number say (bound key → the word), over every
    place the number is printed."""
    said: dict[str, str] = {}
    for match in re.finditer(r"(?<![\d.])" + re.escape(quantity.printed) + r"(?![\d])", quote):
        before = quote[:match.start()].removesuffix("了")  # 突破了400亿元
        after = quote[match.end():]
        after_unit = after.removeprefix(quantity.unit_printed) if after.startswith(quantity.unit_printed) else after
        for key, words in _bound_markers(schema):
            for word in words:
                if word in AFTER_NUMBER:
                    if after.startswith(word) or after_unit.startswith(word):
                        said.setdefault(key, word)
                elif _precedes(word, before):
                    said.setdefault(key, word)
    return said


def _precedes(word: str, before: str) -> bool:
    """The word ends `before`; a word of two or more characters may have a verb of up to two
    between it and the number (至少节省40分钟, 超过了)."""
    if before.endswith(word):
        return len(word) > 1 or before[-2:] not in NOT_MARKERS
    return len(word) > 1 and any(before[:-gap].endswith(word) for gap in (1, 2)
                                 if not any(ch.isdigit() for ch in before[-gap:]))


def _bound_markers(schema: Schema) -> Iterator[tuple[str, tuple[str, ...]]]:
    for key in sorted(schema.bounds):
        yield key, schema.markers.get(key, ())


def check_bounds(seeds: Seeds, schema: Schema, problems: Problems) -> None:
    """A bound agrees with the printed words, and is not missing where such a word stands by the number."""
    items: list[Fact | Observation] = [*seeds.facts, *seeds.observations]
    for item in items:
        quantity = item.quantity if isinstance(item, Observation) else item.amount
        if quantity is None:
            continue
        said = printed_bounds(item.quote, quantity, schema)
        prefix = "amount." if isinstance(item, Fact) else ""
        where = item.locs.get(prefix + "bound", item.locs.get(prefix + "value", item.locs.get("amount", item.loc)))
        if quantity.bound is None and said:
            problems.add(where, "bound-missing", f"the quote bounds {quantity.printed} ({_words(said)}): "
                                                 f"give bound: {' or '.join(sorted(said))}")
        elif quantity.bound is not None and quantity.bound not in said:
            expected = f"it says {' or '.join(sorted(said))} ({_words(said)})" if said else \
                "no bound word stands next to the number"
            problems.add(where, "bound-disagrees", f"bound {quantity.bound} on {quantity.printed}: {expected}")


def _words(said: dict[str, str]) -> str:
    return ", ".join(f"«{word}»" for _, word in sorted(said.items()))


def check_modality(seeds: Seeds, schema: Schema, problems: Problems) -> None:
    """Warn where a quote has a plan's or an ongoing action's word but the fact has no modality."""
    items: list[Fact | Observation] = [*seeds.facts, *seeds.observations]
    for item in items:
        if item.modality is not None:
            continue
        quote = _without_bound_words(item.quote, schema)  # 将近 is a bound, not a plan
        for key in sorted(schema.modalities):
            found = [word for word in schema.markers.get(key, ()) if word in quote]
            if found:
                problems.warn(item.locs.get("quote", item.loc), "modality-missing",
                              f"the quote says «{found[0]}»: if the fact is {key.replace('_', ' ')}, "
                              f"give modality: {key}")
                break


def _without_bound_words(quote: str, schema: Schema) -> str:
    for _, words in _bound_markers(schema):
        for word in words:
            if len(word) > 1:
                quote = quote.replace(word, "\u3000")
    return quote
