"""The hubs of the linkage network: places and actors (organisations) ranked by degree (distinct neighbours),
weighted degree (facts) and betweenness, with the facts that make each one a hub.

Computed on a NetworkX MultiDiGraph (the curated build's Built.network, or an import store's from
graph/analysis/store_network.py), taken as an undirected simple graph for degree and betweenness
(NetworkX, normalised). Above SAMPLE_ABOVE nodes betweenness is estimated from SAMPLE_SOURCES
sampled sources (networkx's k, with a fixed seed: the same every run), which the command says. Where a thing lies (located_in,
part_of: the administrative hierarchy and list memberships) and industry tags (in_industry) are
left out unless asked for, as they would make every province and industry a hub.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rdflib import RDFS, URIRef

from ..model import Source
from ..namespaces import JJJ
from ..problems import ConfigError
from ..schema import Schema
from ..settings import Built

if TYPE_CHECKING:
    import networkx as nx

ADMIN_RELATIONS = frozenset({"located_in", "part_of"})
INDUSTRY_RELATIONS = frozenset({"in_industry"})
KINDS = ("places", "actors", "all")
RANKINGS = ("degree", "facts", "betweenness")
SAMPLE_ABOVE = 5000   # nodes: above this, betweenness is estimated from sampled sources
SAMPLE_SOURCES = 32   # networkx betweenness_centrality(k=…): about 0.2 s each on a 100,000-row import
SAMPLE_SEED = 0


@dataclass(frozen=True)
class HubFact:
    statement: str  # the statement IRI
    relation: str
    other: str      # the entity at the other end
    outgoing: bool  # the hub is the statement's subject
    quote: str
    source: str     # source id
    title: str
    publisher: str
    published: str
    title_en: str = ""
    publisher_en: str = ""

    def source_in(self, lang: str) -> tuple[str, str]:
        """Title and publisher in lang, falling back on the source's own language."""
        if lang == "en":
            return self.title_en or self.title, self.publisher_en or self.publisher
        return self.title, self.publisher


@dataclass
class Hub:
    id: str
    label_zh: str
    label_en: str
    type: str
    kind: str        # place, actor (an organisation) or other (a policy, cluster, project, industry…)
    degree: int
    facts: int
    betweenness: float
    by_relation: dict[str, int] = field(default_factory=dict)
    top_facts: list[HubFact] = field(default_factory=list)

    def label(self, lang: str) -> str:
        return (self.label_zh or self.label_en if lang == "zh" else self.label_en or self.label_zh) or self.id


def types_under(schema: Schema, cls: URIRef) -> frozenset[str]:
    """The type keys whose class is cls or a subclass of it."""
    classes = set(schema.graph.transitive_subjects(RDFS.subClassOf, URIRef(str(cls))))
    return frozenset(key for key, t in schema.types.items() if URIRef(str(t.iri)) in classes)


def betweenness_sample(nodes: int) -> int | None:
    """How many sampled sources betweenness is estimated from on a network of this many nodes
    (None: computed exactly)."""
    return SAMPLE_SOURCES if nodes > SAMPLE_ABOVE else None


def linkage_network(network: nx.MultiDiGraph, include_admin: bool = False,
                    include_industries: bool = False) -> nx.MultiDiGraph:
    """The network without the left-out relations' edges, and without nodes left with no edge."""
    dropped = (set() if include_admin else set(ADMIN_RELATIONS)) | (set() if include_industries else set(INDUSTRY_RELATIONS))
    kept = network.edge_subgraph([(u, v, k) for u, v, k, relation in network.edges(keys=True, data="relation")
                                  if relation not in dropped])
    return kept


def rank_hubs(built: Built, top: int = 20, kind: str = "all", rank_by: str = "degree", facts: int = 3,
              include_admin: bool = False, include_industries: bool = False) -> list[Hub]:
    """rank_network_hubs of the curated build."""
    return rank_network_hubs(built.network, built.schema, built.seeds.sources, top, kind, rank_by, facts,
                             include_admin, include_industries)


def rank_network_hubs(full: nx.MultiDiGraph, schema: Schema, sources: Mapping[str, Source], top: int = 20,
                      kind: str = "all", rank_by: str = "degree", facts: int = 3, include_admin: bool = False,
                      include_industries: bool = False) -> list[Hub]:
    """The top hubs of the linkage network of kind places, actors or all, ranked by rank_by (ties by
    the other two measures, then id), each with up to `facts` facts: one of each of its most frequent
    relations in turn, by statement IRI."""
    import networkx as nx

    if top < 1:
        raise ConfigError(f"--top: give a number of hubs of at least 1, not {top}")
    if facts < 0:
        raise ConfigError(f"--facts: give a number of facts of at least 0, not {facts}")
    if kind not in KINDS:
        raise ConfigError(f"--kind: give one of {', '.join(KINDS)}, not {kind!r}")
    if rank_by not in RANKINGS:
        raise ConfigError(f"--rank-by: give one of {', '.join(RANKINGS)}, not {rank_by!r}")
    network = linkage_network(full, include_admin, include_industries)
    simple = nx.Graph()
    simple.add_nodes_from(network.nodes)
    simple.add_edges_from((u, v) for u, v in network.edges() if u != v)
    sample = betweenness_sample(simple.number_of_nodes())
    betweenness = nx.betweenness_centrality(simple, k=sample, normalized=True, seed=SAMPLE_SEED if sample else None)
    places, actors = types_under(schema, JJJ.Place), types_under(schema, JJJ.Organization)

    def kind_of(node_type: str) -> str:
        return "place" if node_type in places else "actor" if node_type in actors else "other"

    hubs: list[Hub] = []
    for node, attrs in network.nodes(data=True):
        node_kind = kind_of(attrs.get("type", ""))
        if kind != "all" and node_kind != kind[:-1]:
            continue
        incident = [*network.out_edges(node, keys=True, data=True), *network.in_edges(node, keys=True, data=True)]
        relations = Counter(data["relation"] for _, _, _, data in incident)
        hubs.append(Hub(node, attrs.get("zh", ""), attrs.get("en", ""), attrs.get("type", ""), node_kind,
                        simple.degree(node), len(incident), round(betweenness.get(node, 0.0), 6),
                        dict(relations.most_common())))
    measures = {"degree": lambda h: (h.degree, h.facts, h.betweenness),
                "facts": lambda h: (h.facts, h.degree, h.betweenness),
                "betweenness": lambda h: (h.betweenness, h.degree, h.facts)}[rank_by]
    hubs.sort(key=lambda h: (*(-m for m in measures(h)), h.id))
    chosen = hubs[:top]
    for hub in chosen:
        hub.top_facts = _top_facts(sources, network, hub, facts)
    return chosen


def _top_facts(sources: Mapping[str, Source], network: nx.MultiDiGraph, hub: Hub, limit: int) -> list[HubFact]:
    """Up to limit facts of the hub: its relations from the most frequent down, one fact each in turn."""
    by_relation: dict[str, list[HubFact]] = defaultdict(list)
    edges: list[tuple[str, str, Any, dict[str, Any], bool]] = [
        *((u, v, k, d, True) for u, v, k, d in network.out_edges(hub.id, keys=True, data=True)),
        *((u, v, k, d, False) for u, v, k, d in network.in_edges(hub.id, keys=True, data=True))]
    for u, v, _, data, outgoing in edges:
        if not data.get("statement"):  # a registry triple: no quote to cite
            continue
        source = sources.get(data.get("source", ""))
        by_relation[data["relation"]].append(HubFact(
            data["statement"], data["relation"], v if outgoing else u, outgoing, data.get("quote", ""),
            data.get("source", ""), source.title if source else "", (source.publisher or "") if source else "",
            (source.published or "") if source else "", (source.title_en or "") if source else "",
            (source.publisher_en or "") if source else ""))
    queues = [sorted(by_relation[r], key=lambda f: f.statement) for r in hub.by_relation if r in by_relation]
    picked: list[HubFact] = []
    while len(picked) < limit and any(queues):
        for queue in queues:
            if queue and len(picked) < limit:
                picked.append(queue.pop(0))
    return picked


def hub_rows(network: nx.MultiDiGraph, hubs: list[Hub], lang: str = "zh") -> tuple[list[str], list[list[object]]]:
    """Header and rows: one per fact shown (the hub's columns on its first), or per hub without facts."""
    headers = ["rank", "hub", "type", "degree", "facts", "betweenness", "relation", "other", "quote", "sourceTitle",
               "publisher", "published", "statement"]
    rows: list[list[object]] = []
    if not any(hub.top_facts for hub in hubs):  # --facts 0: the measures only
        return headers[:6], [[rank, hub.label(lang), hub.type, hub.degree, hub.facts, f"{hub.betweenness:.4f}"]
                             for rank, hub in enumerate(hubs, 1)]
    for rank, hub in enumerate(hubs, 1):
        head: list[object] = [rank, hub.label(lang), hub.type, hub.degree, hub.facts, f"{hub.betweenness:.4f}"]
        for number, fact in enumerate(hub.top_facts or [None]):  # type: ignore[list-item]
            shown = head if number == 0 else [""] * len(head)
            if fact is None:
                rows.append([*shown, *[""] * 7])
                continue
            arrow = "→ " if fact.outgoing else "← "
            rows.append([*shown, fact.relation, arrow + _label(network, fact.other, lang), fact.quote,
                         *fact.source_in(lang), fact.published, fact.statement])
    return headers, rows


def _label(network: nx.MultiDiGraph, ident: str, lang: str) -> str:
    attrs = network.nodes.get(ident, {})
    first, second = ("zh", "en") if lang == "zh" else ("en", "zh")
    return attrs.get(first) or attrs.get(second) or ident


def hub_records(network: nx.MultiDiGraph, hubs: list[Hub], lang: str = "zh") -> list[dict[str, object]]:
    """The hubs as JSON-ready data."""
    return [{"rank": rank, "id": hub.id, "label": hub.label(lang), "type": hub.type, "kind": hub.kind,
             "degree": hub.degree, "facts": hub.facts, "betweenness": hub.betweenness, "byRelation": hub.by_relation,
             "topFacts": [{"statement": f.statement, "relation": f.relation, "other": f.other,
                           "otherLabel": _label(network, f.other, lang), "direction": "out" if f.outgoing else "in",
                           "quote": f.quote, "source": {"id": f.source, "title": f.source_in(lang)[0],
                                                        "publisher": f.source_in(lang)[1], "published": f.published}} for f in hub.top_facts]}
            for rank, hub in enumerate(hubs, 1)]
