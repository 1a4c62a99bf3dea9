"""Chains of facts linking two entities: `jjjkg path A B`.

The linkage network is searched as if undirected (a firm that moved its headquarters to Xiong'an
links it to Beijing whichever way the facts point), but each hop is shown in its fact's own
direction, subject — relation → object, with the fact's verbatim quote, source and statement IRI.
Only the shortest chains are returned: every one of them up to a limit, in a fixed order (by the
ids of the entities along the chain), with how many there are in all. Where two entities are
linked by several facts (parallel facts), a hop holds all of them, the most direct first.

The administrative links (located_in, part_of) and industry classification (in_industry) are left
out by default: every district lies in its province, so they would join anything to anything in a
few hops without saying how the two are linked.
"""
from __future__ import annotations

import difflib
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import Source
from ..names import NameIndex
from ..problems import ConfigError

if TYPE_CHECKING:
    import networkx as nx

ADMIN_RELATIONS = frozenset({"located_in", "part_of", "in_industry"})
HOPS_RANGE = (1, 8)
CHAINS_RANGE = (1, 100)
REGISTRY = "registry"  # the source of located_in links that come from the reference tables, not a fact


@dataclass(frozen=True)
class CitedFact:
    """One edge of the network as a citable fact: who, what, whom, and where it is written."""

    subject: str
    relation: str
    object: str
    statement: str  # the statement IRI ("" for a registry link)
    quote: str
    source: str  # the source's id, or "registry"
    date: str = ""
    date_text: str = ""
    modality: str = ""

    @classmethod
    def of_edge(cls, subject: str, obj: str, data: Mapping[str, Any]) -> CitedFact:
        return cls(subject, data["relation"], obj, data.get("statement", ""), data.get("quote", ""),
                   data.get("source", ""), data.get("date", ""), data.get("date_text", ""),
                   data.get("modality", ""))

    def sort_key(self) -> tuple[bool, bool, str, str]:
        """Quoted facts before registry links, linkage facts before administrative ones."""
        return (not self.quote, self.relation in ADMIN_RELATIONS, self.relation, self.statement)


@dataclass(frozen=True)
class Hop:
    """One step of a chain, from `start` to `end` in the chain's order, and every fact joining them."""

    start: str
    end: str
    facts: tuple[CitedFact, ...]


@dataclass(frozen=True)
class Chain:
    nodes: tuple[str, ...]
    hops: tuple[Hop, ...]


@dataclass(frozen=True)
class ChainSearch:
    """What `find_chains` found: the shortest chains shown (at most the limit asked for) and how
    many shortest chains there are; `length` is their number of hops (None: no chain within max_hops)."""

    start: str
    end: str
    max_hops: int
    relations: frozenset[str]
    chains: tuple[Chain, ...]
    total: int
    length: int | None


def name_index(network: nx.MultiDiGraph) -> NameIndex:
    """Every node by id, zh and en label and alias."""
    return NameIndex.of((node, (data.get("zh"), data.get("en"), *data.get("aliases", "").split("; ")))
                        for node, data in network.nodes(data=True))


def find_node(network: nx.MultiDiGraph, text: str, option: str, index: NameIndex | None = None) -> str:
    """A node by id, label or alias; a one-line ConfigError naming the option and the candidates."""
    index = index or name_index(network)
    found = index.find(text)
    if found.id is None:
        raise ConfigError(f"{option}: {index.explain(text, found)}")
    return found.id


def check_relations(given: Iterable[str], known: Iterable[str], option: str) -> list[str]:
    """The relation keys given, each checked; an unknown one is a ConfigError naming it."""
    keys = sorted(set(known))
    checked: list[str] = []
    for name in given:
        key = name.strip()
        if key not in keys:
            near = difflib.get_close_matches(key, keys, n=3, cutoff=0.5)
            hint = f"did you mean {', '.join(near)}?" if near else "relations: " + ", ".join(keys)
            raise ConfigError(f"{option}: unknown relation {name!r}; {hint}")
        if key not in checked:
            checked.append(key)
    return checked


def usable_relations(known: Iterable[str], via: Iterable[str] = (), exclude_admin: bool = True) -> frozenset[str]:
    """The relations a chain may use: those named with --via (admin ones too, when named), else
    every relation but, with exclude_admin, the administrative ones."""
    named = check_relations(via, known, "--via")
    if named:
        return frozenset(named)
    return frozenset(r for r in known if not (exclude_admin and r in ADMIN_RELATIONS))


def _in_range(value: int, bounds: tuple[int, int], option: str) -> int:
    if not bounds[0] <= value <= bounds[1]:
        raise ConfigError(f"{option}: {value} is out of range ({bounds[0]} to {bounds[1]})")
    return value


def check_limits(max_hops: int, limit: int) -> None:
    """--max-hops and --paths within their ranges (checked before the build)."""
    _in_range(max_hops, HOPS_RANGE, "--max-hops")
    _in_range(limit, CHAINS_RANGE, "--paths")


def find_chains(network: nx.MultiDiGraph, start: str, end: str, relations: frozenset[str],
                max_hops: int = 4, limit: int = 5) -> ChainSearch:
    """The shortest chains of facts (of the given relations) from start to end, at most max_hops
    long: the first `limit` of them by the ids along the chain, and how many there are."""
    check_limits(max_hops, limit)
    if start == end:
        raise ConfigError(f"FROM and TO are the same entity ({start}); give two different ones")
    neighbours: dict[str, set[str]] = {}
    joining: dict[tuple[str, str], list[CitedFact]] = {}
    for u, v, data in network.edges(data=True):
        if u == v or data.get("relation") not in relations:
            continue
        neighbours.setdefault(u, set()).add(v)
        neighbours.setdefault(v, set()).add(u)
        joining.setdefault((min(u, v), max(u, v)), []).append(CitedFact.of_edge(u, v, data))
    to_end = _distances(neighbours, end, max_hops)
    if start not in to_end:
        return ChainSearch(start, end, max_hops, relations, (), 0, None)
    counts = _chain_counts(neighbours, to_end)
    routes: list[tuple[str, ...]] = []
    _walk(neighbours, to_end, (start,), limit, routes)
    chains = tuple(Chain(route, tuple(Hop(a, b, tuple(sorted(joining[(min(a, b), max(a, b))],
                                                            key=CitedFact.sort_key)))
                                      for a, b in zip(route, route[1:])))
                   for route in routes)
    return ChainSearch(start, end, max_hops, relations, chains, counts[start], to_end[start])


def _distances(neighbours: Mapping[str, set[str]], source: str, cutoff: int) -> dict[str, int]:
    """Hops from source to every node within cutoff (breadth first)."""
    found, todo = {source: 0}, deque([source])
    while todo:
        node = todo.popleft()
        if found[node] == cutoff:
            continue
        for other in neighbours.get(node, ()):
            if other not in found:
                found[other] = found[node] + 1
                todo.append(other)
    return found


def _chain_counts(neighbours: Mapping[str, set[str]], to_end: Mapping[str, int]) -> dict[str, int]:
    """For each node, how many shortest chains lead from it to the end."""
    counts: dict[str, int] = {}
    for node in sorted(to_end, key=to_end.__getitem__):
        counts[node] = 1 if to_end[node] == 0 else sum(
            counts[other] for other in neighbours.get(node, ()) if to_end.get(other) == to_end[node] - 1)
    return counts


def _walk(neighbours: Mapping[str, set[str]], to_end: Mapping[str, int], route: tuple[str, ...],
          limit: int, routes: list[tuple[str, ...]]) -> None:
    """The shortest routes from route[-1] to the end, in order of the ids along them, up to limit."""
    here = route[-1]
    if to_end[here] == 0:
        routes.append(route)
        return
    for other in sorted(neighbours[here]):
        if len(routes) >= limit:
            return
        if to_end.get(other) == to_end[here] - 1:
            _walk(neighbours, to_end, (*route, other), limit, routes)


# --- showing them --------------------------------------------------------------------------------------

def label(network: nx.MultiDiGraph, node: str, lang: str) -> str:
    """A node's label in lang, else in the other language, else its id."""
    data = network.nodes[node] if node in network else {}
    other = "en" if lang == "zh" else "zh"
    return str(data.get(lang) or data.get(other) or node)


def relation_label(network: nx.MultiDiGraph, fact: CitedFact, lang: str) -> str:
    for data in network.get_edge_data(fact.subject, fact.object, default={}).values():
        if data.get("relation") == fact.relation:
            return str(data.get(f"relation_{lang}") or fact.relation)
    return fact.relation


def citation(sources: Mapping[str, Source], key: str, lang: str) -> dict[str, str]:
    """A source's title, publisher and publication date in lang (empty where the article prints none)."""
    if key == REGISTRY:
        return {"id": key, "title": "行政区划登记" if lang == "zh" else "administrative register",
                "publisher": "", "published": ""}
    source = sources.get(key)
    if source is None:
        return {"id": key, "title": key, "publisher": "", "published": ""}
    title = (source.title_en or source.title) if lang == "en" else source.title
    publisher = (source.publisher_en or source.publisher) if lang == "en" else source.publisher
    return {"id": key, "title": title, "publisher": publisher or "", "published": source.published or ""}


def fact_record(network: nx.MultiDiGraph, sources: Mapping[str, Source], fact: CitedFact,
                lang: str) -> dict[str, Any]:
    """A fact as JSON: ids and labels, relation, quote, source citation, statement IRI, date."""
    return {"subject": fact.subject, "subject_label": label(network, fact.subject, lang),
            "relation": fact.relation, "relation_label": relation_label(network, fact, lang),
            "object": fact.object, "object_label": label(network, fact.object, lang),
            "date": fact.date, "date_text": fact.date_text, "modality": fact.modality, "quote": fact.quote,
            "source": citation(sources, fact.source, lang), "statement": fact.statement}


def sentence(network: nx.MultiDiGraph, fact: CitedFact, lang: str) -> str:
    """subject — relation → object, with the fact's date where it has one."""
    when = ", ".join(part for part in (fact.date, fact.date_text) if part)
    return (f"{label(network, fact.subject, lang)} — {relation_label(network, fact, lang)} → "
            f"{label(network, fact.object, lang)}" + (f" [{when}]" if when else ""))


def cited_source(sources: Mapping[str, Source], fact: CitedFact, lang: str) -> str:
    """《title》, publisher, date (zh) or "title", publisher, date (en); missing parts left out."""
    cited = citation(sources, fact.source, lang)
    title = f"《{cited['title']}》" if lang == "zh" else f"\"{cited['title']}\""
    return ", ".join(part for part in (title, cited["publisher"], cited["published"]) if part)


def search_json(network: nx.MultiDiGraph, sources: Mapping[str, Source], found: ChainSearch,
                lang: str) -> dict[str, Any]:
    def node(ident: str) -> dict[str, str]:
        return {"id": ident, "label": label(network, ident, lang)}

    return {"from": node(found.start), "to": node(found.end), "max_hops": found.max_hops,
            "relations": sorted(found.relations), "hops": found.length, "shortest_chains": found.total,
            "chains": [{"nodes": [node(n) for n in chain.nodes],
                        "hops": [{"from": hop.start, "to": hop.end,
                                  "facts": [fact_record(network, sources, f, lang) for f in hop.facts]}
                                 for hop in chain.hops]}
                       for chain in found.chains]}


def search_text(network: nx.MultiDiGraph, sources: Mapping[str, Source], found: ChainSearch, lang: str,
                all_facts: bool = False, admin_left_out: bool = True) -> str:
    """The chains as sentences, each with its quote, source and statement IRI. A hop shows its first
    fact and how many more join the same two entities (all of them with all_facts)."""
    start, end = label(network, found.start, lang), label(network, found.end, lang)
    hops = f"{found.length} hop" + ("s" if found.length != 1 else "")
    shown = (f"{found.total} shortest chain" + ("s" if found.total != 1 else "")
             + (f", the first {len(found.chains)} shown (--paths)" if len(found.chains) < found.total else ""))
    lines = [f"{start} ({found.start}) to {end} ({found.end}): {shown} of {hops}"
             + ("; administrative links left out (--include-admin)" if admin_left_out else "")]
    for number, chain in enumerate(found.chains, 1):
        lines += ["", f"chain {number}: " + " — ".join(label(network, n, lang) for n in chain.nodes)]
        for step, hop in enumerate(chain.hops, 1):
            facts = hop.facts if all_facts else hop.facts[:1]
            for fact in facts:  # parallel facts: each under the hop's number
                lines += [f"  {step}. " + sentence(network, fact, lang),
                          f"     “{fact.quote}”" if fact.quote else "     (no quote: a link of the reference tables)",
                          f"     {cited_source(sources, fact, lang)}"]
                if fact.statement:
                    lines.append(f"     {fact.statement}")
            if len(hop.facts) > len(facts):
                more = len(hop.facts) - len(facts)
                lines.append(f"     (+{more} more fact{'s' if more != 1 else ''} linking "
                             f"{label(network, hop.start, lang)} and {label(network, hop.end, lang)}: --all-facts)")
    return "\n".join(lines)


def not_found_line(network: nx.MultiDiGraph, found: ChainSearch, lang: str) -> str:
    return (f"no chain of at most {found.max_hops} facts links {label(network, found.start, lang)} "
            f"({found.start}) and {label(network, found.end, lang)} ({found.end}) "
            "with the relations allowed (try a larger --max-hops, other --via or --include-admin)")
