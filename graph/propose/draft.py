"""The draft `jjjkg propose` writes: the seed format (a source, new entities, facts, indicator
values), each item with its confidence, the evidence that produced it and `review: pending`."""
from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..model import Seeds
from ..schema import Schema
from .article import Article
from .mentions import Mention, with_wholes
from .quantities import amounts, best_indicator, date_of, modality_of
from .rules import Found, clause_end, clause_start

PENDING = "pending"
_CLAUSE_MARKS = ",，:："
_NAME_END = re.compile("(股份有限公司|有限责任公司|有限公司|集团)$")


@dataclass(frozen=True)
class SourceMeta:
    id: str
    title: str
    file: str
    article: str  # where the text was read, for accept
    publisher: str | None = None
    published: str | None = None


@lru_cache(maxsize=1)
def _pinyin_table() -> dict[str, str]:
    """pypinyin's character table (code point → readings), read from its JSON file: importing any
    module of the package first imports the package, whose phrase tables take 0.2 s to load."""
    spec = importlib.util.find_spec("pypinyin")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pypinyin")
    table = Path(next(iter(spec.submodule_search_locations))) / "pinyin_dict.json"
    return json.loads(table.read_text(encoding="utf-8"))


def _pinyin(char: str) -> str:
    """A character's first reading in pypinyin's table, without tones (满 → man); Latin letters and
    digits as they are; anything else nothing."""
    if char.isascii():
        return char.lower() if char.isalnum() else ""
    reading = _pinyin_table().get(str(ord(char)))
    if not reading:
        return ""
    plain = unicodedata.normalize("NFKD", reading.split(",")[0])
    return "".join(c for c in plain if c.isascii() and c.isalpha()).lower()


def entity_id(zh: str, taken: set[str]) -> str:
    """A readable id for a new name, from its pinyin (pypinyin): 河北京车轨道交通车辆装备有限公司 →
    hebei-jingche-guidao; a curator may change it before accepting."""
    core = _NAME_END.sub("", zh) or zh
    syllables = [s for s in (_pinyin(ch) for ch in core) if s][:6]
    words = ["".join(syllables[i:i + 2]) for i in range(0, len(syllables), 2)] or ["entity"]
    base = "-".join(words)[:40].strip("-")
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def _clause(text: str, start: int, end: int) -> str:
    """The clause (between commas or colons) around text[start:end]."""
    return text[clause_start(text, start, _CLAUSE_MARKS):clause_end(text, end, len(text), _CLAUSE_MARKS)]


class DraftMaker:
    def __init__(self, article: Article, seeds: Seeds, schema: Schema, meta: SourceMeta) -> None:
        self.article, self.seeds, self.schema, self.meta = article, seeds, schema, meta
        self.new_ids: dict[str, str] = {}  # new name (simplified) → candidate id
        self.entities: list[dict[str, Any]] = []
        self.taken = set(seeds.entities) | set(seeds.industries)

    def ids_of(self, mention: Mention) -> list[str]:
        if mention.ids:
            return list(mention.ids)
        return [self.new_ids[mention.name]] if mention.name in self.new_ids else []

    def add_new_entities(self, mentions: list[Mention]) -> None:
        for mention in [whole for m in mentions for whole in with_wholes(m)]:
            if mention.how != "new":
                continue
            plain, zh = self.article.plain[mention.start:mention.end], self.article.text[mention.start:mention.end]
            if mention.completion is not None:  # “农品进京” of “资源承接”“农品进京”四大工程 is “农品进京”工程
                plain += self.article.plain[slice(*mention.completion)]
                zh += self.article.text[slice(*mention.completion)]
            if mention.lead is not None:  # 雄安中心 of 京津冀国家技术创新中心河北中心、雄安中心
                plain = self.article.plain[slice(*mention.lead)] + plain
                zh = self.article.text[slice(*mention.lead)] + zh
            if plain in self.new_ids:
                continue
            sentence = self.article.sentence_at(mention.start)
            ident = entity_id(plain, self.taken)
            self.new_ids[plain] = ident
            aliases = sorted({self.article.text[m.start:m.end] for m in mentions
                              if m.how == "learned" and m.name == plain} - {zh})
            entity: dict[str, Any] = {"id": ident, "type": mention.new_type, "zh": zh, "en": None}
            if aliases:
                entity["aliases"] = aliases
            indefinite = "an" if (mention.new_type or "")[:1] in "aeiou" else "a"  # an organization
            entity.update(quote=self.article.quote(sentence), confidence=0.5 if mention.new_type else 0.3,
                          evidence=f"not in the registry; {mention.evidence}, so {indefinite} {mention.new_type}",
                          review=PENDING)
            self.entities.append(entity)

    def fact(self, found: Found, subject: str, obj: str, confidence: float, evidence: str) -> dict[str, Any]:
        quote = self.article.quote(found.sentence)
        qualifiers: dict[str, str] = {}
        if found.role:
            qualifiers["role"] = found.role
        origin = [i for m in found.origin for i in self.ids_of(m)]
        if origin:
            qualifiers["from"] = origin[0]
        date, date_text = date_of(self.article.plain[found.sentence.start:found.sentence.end], self.meta.published)
        if date:
            qualifiers["date"] = date
        if date_text:
            qualifiers["date_text"] = quote[self.article.plain.index(date_text, found.sentence.start) - found.sentence.start:][:len(date_text)]
        item: dict[str, Any] = {"subject": subject, "relation": found.relation, "object": obj}
        if qualifiers:
            item["qualifiers"] = qualifiers
        modality = modality_of(quote, self.schema)
        if modality:
            item["modality"] = modality
        item.update(quote=quote, confidence=round(confidence, 2), evidence=evidence, review=PENDING)
        return item

    def observations(self, places: list[Mention]) -> list[dict[str, Any]]:
        """Every number with a unit, as an indicator value; places: the known places named, for its area."""
        out = []
        for sentence in self.article.sentences:
            plain = self.article.plain[sentence.start:sentence.end]
            printed = self.article.quote(sentence)
            for amount in amounts(plain, self.schema):
                clause = _clause(plain, amount.start, amount.end)
                indicator, score = best_indicator(clause, amount.unit, self.seeds.indicators, self.schema)
                item: dict[str, Any] = {"indicator": indicator}
                clause_start = sentence.start + plain.index(clause)
                in_clause = [m for m in places if clause_start <= m.start < sentence.start + amount.start]
                if in_clause:  # the clause's first place is the area; the places after it, the counterparts
                    item["area"] = _one_or_list(list(in_clause[0].ids))
                    others = [i for m in in_clause[1:] for i in m.ids if i not in in_clause[0].ids]
                    if others:
                        item["counterpart"] = _one_or_list(list(dict.fromkeys(others)))
                period, period_text = date_of(plain, self.meta.published)
                if period:
                    item["period"] = period
                if period_text:
                    item["period_text"] = printed[plain.index(period_text):][:len(period_text)]
                item.update(value=printed[amount.start:amount.end][:len(amount.value)], unit=amount.unit)
                if amount.bound:
                    item["bound"] = amount.bound
                modality = modality_of(clause, self.schema)
                if modality:
                    item["modality"] = modality
                why = f"{amount.value}{amount.unit} in «{clause}»"
                why += f"; indicator by its label ({score:.0%} of its characters in the clause)" if indicator else \
                    "; no indicator's label matches the clause: pick one"
                item.update(quote=printed, confidence=round(0.3 + 0.4 * score, 2), evidence=why, review=PENDING)
                out.append(item)
        return out


def _one_or_list(ids: list[str]) -> str | list[str]:
    return ids[0] if len(ids) == 1 else ids


def linked_names(article: Article, mentions: list[Mention]) -> list[dict[str, Any]]:
    """Names the registry knows, as printed, with their ids and how often each is named."""
    counts: Counter[tuple[str, str]] = Counter()
    for mention in mentions:
        if mention.how in ("gazetteer", "joint") and mention.ids:
            counts[(article.text[mention.start:mention.end], mention.key)] += 1
    return [{"zh": zh, "id": ident if "," not in ident else ident.split(","), "mentions": n}
            for (zh, ident), n in sorted(counts.items())]


def source_entry(meta: SourceMeta) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": meta.id, "title": meta.title}
    if meta.publisher:
        entry["publisher"] = meta.publisher
    if meta.published:
        entry["published"] = meta.published
    entry.update(language="zh", file=meta.file, article=meta.article, review=PENDING)
    return entry


HEADER = """\
# A draft from `jjjkg propose`: candidates, not facts. Read each item against its quote; set
# `review: accept` on what is right (edit it first if needed: ids, types, roles, modality) and
# `review: reject` on what is wrong, write each accepted new entity's English label (`en`), then
# run `jjjkg accept` on this file. Items left `pending` or `reject`ed are not moved into the seeds.
"""


class _DraftDumper(yaml.SafeDumper):
    """Block style, except the small mappings and lists inside an item (qualifiers, amount, aliases,
    linked names), which stay on one line as in the seed files."""


def _represent_dict(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
    flow = all(not isinstance(v, (dict, list)) for v in data.values()) and ("quote" not in data and "title" not in data)
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=flow)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(not isinstance(v, (dict, list)) for v in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_DraftDumper.add_representer(dict, _represent_dict)
_DraftDumper.add_representer(list, _represent_list)


def render(draft: dict[str, Any], fmt: str, sentences: int) -> bytes:
    if fmt == "json":
        return (json.dumps(draft, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    counts = (f"# {len(draft['facts'])} candidate facts, {len(draft['observations'])} indicator values, "
              f"{len(draft['entities'])} new names, {len(draft['linked'])} known names, from {sentences} sentences.\n")
    body = yaml.dump(draft, Dumper=_DraftDumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=10 ** 6)
    return (HEADER + counts + body).encode("utf-8")

