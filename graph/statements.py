"""The statements of a facts file: facts (subject, relation, object, quote, qualifiers, amount)
and indicator values (observations), each field checked where it is written."""
from __future__ import annotations

import hashlib
import re
from typing import Any

from .fields import Record
from .model import Fact, Note, Observation, Quantity, Seeds
from .problems import Loc, Problems
from .schema import Schema
from .yamlfile import YMap

QUALIFIER_KEYS = {"date", "date_text", "from", "ships_from", "role", "industry", "technology", "product", "via", "note"}
NOTE_LANGUAGES = ("en", "zh")  # the languages a curator's note is written in


def read_note(rec: Record, required: bool = False, key: str = "note") -> Note | None:
    """A curator's note: plain text (English), or {en: …, zh: …} with either text or both. Each
    text may span lines (as a plain note may); an empty or non-text one, or another key, is a problem.
    required: an empty plain note is a problem too (a qualifier's, as every qualifier's value)."""
    value = rec.map.get(key)
    if not isinstance(value, YMap):
        if isinstance(value, list):
            rec.problems.add(rec.at(key), "type", f"'{key}' must be text, or {{en: …, zh: …}} for both languages")
            return None
        text = rec.text(key, required)
        return Note(en=text) if text else None
    langs = Record(value, rec.at(key), f"'{key}'", set(NOTE_LANGUAGES), rec.problems)
    if not langs.map:
        rec.problems.add(langs.loc, "missing", f"'{key}' needs its text in en, zh or both: {{en: …, zh: …}}")
        return None
    texts: dict[str, str] = {}
    for lang in NOTE_LANGUAGES:
        if lang not in langs.map:
            continue
        text = langs.map[lang]
        if text is None or isinstance(text, str) and not text.strip():
            rec.problems.add(langs.at(lang), "missing", f"'{lang}' of '{key}' must not be empty")
        elif not isinstance(text, str):
            rec.problems.add(langs.at(lang), "type", f"'{lang}' of '{key}' must be text")
        else:
            texts[lang] = text.strip()
    return Note(**texts) if texts else None


def read_modality(rec: Record, schema: Schema) -> str | None:
    """The optional `modality` (planned / under_way / done), one of the ontology's jjj:Modality keys."""
    modality = rec.text("modality", required=False)
    if modality is not None and modality not in schema.modalities:
        rec.problems.add(rec.at("modality"), "unknown-modality",
                         f"unknown modality '{modality}' (allowed: {', '.join(sorted(schema.modalities))})")
        return None
    return modality


def read_quantity(rec: Record, schema: Schema, quote: str | None, base_hint: str | None) -> Quantity | None:
    """value + unit (+ bound): check the unit and that the printed number stands in the quote."""
    printed = rec.text("value")
    unit_printed = rec.text("unit")
    number = rec.decimal("value") if printed is not None else None
    bound = rec.text("bound", required=False)
    if bound is not None and bound not in schema.bounds:
        rec.problems.add(rec.at("bound"), "unknown-bound",
                         f"unknown bound '{bound}' (allowed: {', '.join(sorted(schema.bounds))})")
    if unit_printed is None or number is None or printed is None:
        return None
    unit = schema.units.get(unit_printed)
    if unit is None:
        rec.problems.add(rec.at("unit"), "unknown-unit",
                         f"unknown unit '{unit_printed}': add it to ontology/jjjkg.ttl as a jjj:Unit")
        return None
    base = unit.base
    if base is None:
        base_unit = schema.units.get(base_hint or "")
        if base_unit is None:
            rec.problems.add(rec.at("unit"), "unknown-unit",
                             f"'{unit_printed}' is a scale word: its indicator or 'base_unit' must name the base unit")
            return None
        base = base_unit.iri
    if quote and not re.search(r"(?<![\d.])" + re.escape(printed) + r"(?![\d])", quote):
        rec.problems.add(rec.at("value"), "number-not-in-quote", f"the value {printed} is not printed in the quote")
    printed_unit = unit.symbol != unit.key or unit_printed != unit.key  # share, count: no word is printed
    if quote and printed_unit and unit_printed not in quote:
        rec.problems.add(rec.at("unit"), "number-not-in-quote", f"the unit {unit_printed} is not printed in the quote")
    return Quantity(printed, unit_printed, number * unit.factor, base, bound)


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]


def read_fact(item: Any, loc: Loc, source: str, schema: Schema, problems: Problems) -> Fact | None:
    rec = Record(item, loc, "a fact", {"subject", "relation", "object", "quote", "qualifiers", "amount", "modality"},
                 problems)
    subject, relation, obj, quote = rec.ident("subject"), rec.text("relation"), rec.ident("object"), rec.text("quote")
    if relation is not None and relation not in schema.relations:
        problems.add(rec.at("relation"), "unknown-relation",
                     f"unknown relation '{relation}' (allowed: {', '.join(sorted(schema.relations))})")
        relation = None
    qualifiers: dict[str, str] = {}
    note: Note | None = None
    locs = dict(rec.map.locs)
    if "qualifiers" in rec.map:
        qrec = Record(rec.map["qualifiers"], rec.at("qualifiers"), "qualifiers", QUALIFIER_KEYS, problems)
        for key in qrec.map:
            if key not in QUALIFIER_KEYS:
                continue
            if key == "note":
                note = read_note(qrec, required=True)
                locs["qualifiers.note"] = qrec.at(key)
                continue
            value = qrec.date(key) if key == "date" else (
                qrec.ident(key) if schema.qualifiers[key].classes else qrec.text(key))  # an entity's id
            if value is not None:
                qualifiers[key] = value
                locs["qualifiers." + key] = qrec.at(key)
    amount = None
    if "amount" in rec.map:
        arec = Record(rec.map["amount"], rec.at("amount"), "an amount", {"value", "unit", "bound", "base_unit"},
                      problems)
        amount = read_quantity(arec, schema, quote, arec.text("base_unit", False))
    if None in (subject, relation, obj, quote):
        return None
    # The id digests the note's English text as a plain note gave it, so a note's Chinese text,
    # added or changed, leaves the statement's IRI as it was.
    keyed = qualifiers if note is None else {**qualifiers, "note": note.en or note.zh}
    ident = f"{source}-{_digest(subject, relation, obj, quote, sorted(keyed.items()))}"
    return Fact(source, subject, relation, obj, quote, qualifiers, amount, ident, rec.loc, locs,  # type: ignore[arg-type]
                modality=read_modality(rec, schema), note=note)


def read_observation(item: Any, loc: Loc, source: str, seeds: Seeds, schema: Schema,
                      problems: Problems) -> Observation | None:
    rec = Record(item, loc, "an observation", {"indicator", "area", "counterpart", "about", "period", "period_text",
                                               "value", "unit", "bound", "quote", "note", "modality"}, problems)
    indicator, quote = rec.ident("indicator"), rec.text("quote")
    areas, counterparts, about = rec.texts("area"), rec.texts("counterpart"), rec.ident("about", False)
    if not areas and about is None and rec.ok:
        problems.add(rec.loc, "missing", "an observation needs an 'area' or an 'about' entity")
    definition = seeds.indicators.get(indicator or "")
    if indicator is not None and definition is None and not seeds.explains_missing(indicator, "indicators"):
        problems.add(rec.at("indicator"), "unknown-indicator",
                     f"unknown indicator '{indicator}': define it in seeds/indicators.yaml")
    quantity = read_quantity(rec, schema, quote, definition.unit if definition else None)
    if definition is not None and quantity is not None and quantity.unit != schema.units[definition.unit].iri:
        problems.add(rec.at("unit"), "unit-mismatch",
                     f"'{quantity.unit_printed}' does not convert to {definition.unit}, the unit of '{indicator}'")
    period_text = rec.text("period_text", False)
    period = rec.date("period", required=False)
    # Neither period nor period_text: the source prints no time for the value (the value stands as
    # of the source's publication, which may itself be undated); never an invented period.
    if None in (indicator, quote, quantity) or definition is None:
        return None
    ident = f"{source}-{_digest(indicator, areas, counterparts, about, period, quote, quantity.printed)}"  # type: ignore[union-attr]
    return Observation(source, indicator, quantity, quote, period, period_text,  # type: ignore[arg-type]
                       areas, counterparts, about, read_note(rec), ident, rec.loc, dict(rec.map.locs),
                       read_modality(rec, schema))
