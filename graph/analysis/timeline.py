"""Dated facts in date order: `jjjkg timeline`.

An event is a fact that carries its own date (jjj:date, as the article lets it be resolved:
headquarters moves, cluster listings, openings, agreements…). A fact dated only by its article's
publication date is an event only when asked for (`article_dates`), and is marked so: the article
says the fact held by then, not that it happened then (the view's year slider uses the same rule).

Dates are YYYY, YYYY-MM or YYYY-MM-DD. A year or month stands for the whole period: it is listed
when that period overlaps --from..--to, and it comes before the dates within it.
"""
from __future__ import annotations

import calendar
import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..exporters.csv_edges import neutralised
from ..fields import valid_date
from ..model import Source
from ..problems import ConfigError
from ..textable import render_table
from .paths import CitedFact, check_relations, citation, fact_record, find_node, label, relation_label

if TYPE_CHECKING:
    import networkx as nx

FACT, ARTICLE = "fact", "article"  # what dates an event
QUALIFIER_PLACES = ("from", "ships_from")  # qualifiers naming an entity an event touches too
FORMATS = ("table", "csv", "json")


@dataclass(frozen=True)
class Event:
    date: str  # YYYY[-MM[-DD]]
    dated_by: str  # FACT or ARTICLE
    fact: CitedFact
    touches: frozenset[str]  # the entities it names: subject, object and places in its qualifiers


def date_bound(text: str | None, option: str, last: bool) -> str | None:
    """--from / --to as the first (or, last=True, the last) day it covers: 2024 → 2024-01-01 / 2024-12-31."""
    if text is None:
        return None
    if not valid_date(text.strip()):
        raise ConfigError(f"{option}: {text[:40]!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date)")
    return period(text.strip())[1 if last else 0]


def period(date: str) -> tuple[str, str]:
    """The first and last day a date covers: 2024-02 → (2024-02-01, 2024-02-29)."""
    parts = date.split("-")
    year = int(parts[0])
    if len(parts) == 3:
        return date, date
    if len(parts) == 2:
        month = int(parts[1])
        return f"{date}-01", f"{date}-{calendar.monthrange(year, month)[1]:02d}"
    return f"{date}-01-01", f"{date}-12-31"


def check_bounds(start: str | None, end: str | None) -> tuple[str | None, str | None]:
    """--from and --to, checked (before the build): each a date, --from not after --to."""
    first, last = date_bound(start, "--from", last=False), date_bound(end, "--to", last=True)
    if first and last and first > last:
        raise ConfigError(f"--from: {start} is after --to {end}")
    return first, last


def all_events(network: nx.MultiDiGraph, sources: Mapping[str, Source], article_dates: bool = False) -> list[Event]:
    """Every fact with a date of its own (and with article_dates, every other fact whose article
    is dated, with that date), in date order, then by relation, subject, object and statement."""
    events: list[Event] = []
    for u, v, data in network.edges(data=True):
        if not data.get("statement"):
            continue  # a registry link: no fact, no date
        fact = CitedFact.of_edge(u, v, data)
        published = sources[fact.source].published if fact.source in sources else None
        if fact.date and valid_date(fact.date):
            date, dated_by = fact.date, FACT
        elif article_dates and published and valid_date(published):
            date, dated_by = published, ARTICLE
        else:
            continue
        touches = frozenset([u, v, *(str(data[key]) for key in QUALIFIER_PLACES if data.get(key))])
        events.append(Event(date, dated_by, fact, touches))
    return sorted(events, key=lambda e: (e.date, e.fact.relation, e.fact.subject, e.fact.object, e.fact.statement))


def select(events: Iterable[Event], start: str | None = None, end: str | None = None,
           relations: Iterable[str] = (), entity: str | None = None) -> list[Event]:
    """The events whose period overlaps start..end (first and last days), of these relations (all
    if none given), touching this entity."""
    wanted = set(relations)
    chosen = []
    for event in events:
        first, last = period(event.date)
        if (start and last < start) or (end and first > end):
            continue
        if (wanted and event.fact.relation not in wanted) or (entity and entity not in event.touches):
            continue
        chosen.append(event)
    return chosen


def timeline(network: nx.MultiDiGraph, sources: Mapping[str, Source], known_relations: Iterable[str], *,
             start: str | None = None, end: str | None = None, relations: Iterable[str] = (),
             entity: str | None = None, article_dates: bool = False) -> list[Event]:
    """The events asked for: start and end as given to --from and --to, relation keys, an entity
    by id, name or alias; a wrong one is a ConfigError naming its option."""
    first, last = check_bounds(start, end)
    keys = check_relations(relations, known_relations, "--relation")
    node = find_node(network, entity, "--entity") if entity is not None else None
    return select(all_events(network, sources, article_dates), first, last, keys, node)


# --- showing them --------------------------------------------------------------------------------------

TABLE_COLUMNS = ["date", "dated by", "subject", "relation", "object", "as printed", "quote", "source",
                 "publisher", "published"]
CSV_COLUMNS = ["date", "dated_by", "date_text", "subject", "subject_label", "relation", "relation_label",
               "object", "object_label", "modality", "quote", "source", "source_title", "publisher",
               "published", "statement"]


def table_text(network: nx.MultiDiGraph, sources: Mapping[str, Source], events: list[Event], lang: str,
               width: int | None = None) -> str:
    rows = []
    for event in events:
        fact, cited = event.fact, citation(sources, event.fact.source, lang)
        rows.append([event.date, event.dated_by, label(network, fact.subject, lang),
                     relation_label(network, fact, lang), label(network, fact.object, lang), fact.date_text,
                     fact.quote, cited["title"], cited["publisher"], cited["published"]])
    count = f"({len(events)} event{'s' if len(events) != 1 else ''})"
    return render_table(TABLE_COLUMNS, rows, width=width) + "\n" + count


def csv_text(network: nx.MultiDiGraph, sources: Mapping[str, Source], events: list[Event], lang: str) -> str:
    """CSV, every cell quoted and formula-like cells neutralised, as the CSV export is."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(CSV_COLUMNS)
    for event in events:
        record = fact_record(network, sources, event.fact, lang)
        cited = record["source"]
        row = [event.date, event.dated_by, record["date_text"], record["subject"], record["subject_label"],
               record["relation"], record["relation_label"], record["object"], record["object_label"],
               record["modality"], record["quote"], cited["id"], cited["title"], cited["publisher"],
               cited["published"], record["statement"]]
        writer.writerow([neutralised(str(cell)) for cell in row])
    return buffer.getvalue().rstrip("\n")


def json_text(network: nx.MultiDiGraph, sources: Mapping[str, Source], events: list[Event], lang: str) -> str:
    records: list[dict[str, Any]] = [{"date": e.date, "dated_by": e.dated_by,
                                      **fact_record(network, sources, e.fact, lang)} for e in events]
    return json.dumps(records, ensure_ascii=False, indent=2)
