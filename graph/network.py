"""The NetworkX MultiDiGraph: one node per entity or industry, one edge per statement.

`model_network` makes it from the checked model (what a build uses: no rdflib graph needed);
`to_networkx` makes the same graph from any jjjkg RDF graph, for instance a downloaded jjjkg.ttl
parsed with rdflib (a test holds the two equal)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from .model import Entity, Fact, Note, Seeds
from .namespaces import BASE, ENT, GEO, INDUSTRY, JJJ, STMT, SRC, WD
from .schema import Schema
from .writer import decimal_text, node_iri

if TYPE_CHECKING:
    import networkx as nx

REGION_PATH = (JJJ.locatedIn, JJJ.hostedBy, JJJ.headquarteredIn)
QUALIFIER_ATTRS = {JJJ.date: "date", JJJ.dateText: "date_text", JJJ.fromPlace: "from", JJJ.shipsFrom: "ships_from",
                   JJJ.role: "role", JJJ.modality: "modality",
                   JJJ.industry: "industry", JJJ.technology: "technology", JJJ.product: "product",
                   JJJ.via: "via", JJJ.amount: "amount", JJJ.valueAsPrinted: "amount_as_printed",
                   JJJ.unitAsPrinted: "unit_as_printed"}
# A curator's note, after the qualifiers: its English text is "note", its Chinese text "note_zh"
# (a note literal in any other language, or in none, counts as the English one, as before).
NOTE_ATTRS = {"en": "note", "zh": "note_zh"}


def local_id(iri: URIRef | str) -> str:
    """The id a curator wrote: https://w3id.org/jjjkg/id/beijing → beijing."""
    text = str(iri)
    return text.rsplit("/", 1)[-1] if text.startswith(BASE) else text


def _label(graph: Graph, node: URIRef, lang: str) -> str:
    for value in graph.objects(node, RDFS.label):
        if isinstance(value, Literal) and value.language == lang:
            return str(value)
    return ""


def _region(graph: Graph, node: URIRef, provinces: set[URIRef]) -> str:
    """Beijing, Tianjin or Hebei: the province the entity lies in, following located_in / hosted_by."""
    found: set[str] = set()
    seen, todo = {node}, [node]
    while todo:
        current = todo.pop()
        if current in provinces:
            found.add(_label(graph, current, "en"))
            continue
        for prop in REGION_PATH:
            for parent in graph.objects(current, prop):
                if isinstance(parent, URIRef) and parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
    return "/".join(sorted(found)) or "other"


def to_networkx(graph: Graph, schema: Schema) -> nx.MultiDiGraph:
    """The network of any jjjkg RDF graph (rdflib), read back from its triples."""
    import networkx as nx  # 0.1 s to load: only where a NetworkX graph is made

    network = nx.MultiDiGraph(name="jjjkg")
    type_keys = {t.iri: t.key for t in schema.types.values()}
    provinces = set(graph.subjects(RDF.type, JJJ.Province))
    nodes: dict[URIRef, str] = {}
    for subject, cls in graph.subject_objects(RDF.type):
        if cls in type_keys or cls == SKOS.Concept and (subject, SKOS.inScheme, None) in graph:
            nodes[subject] = type_keys.get(cls, "industry")  # type: ignore[index]
    for iri in sorted(nodes):
        attrs: dict[str, Any] = {"iri": str(iri), "type": nodes[iri], "zh": _label(graph, iri, "zh"),
                                 "en": _label(graph, iri, "en"), "region": _region(graph, iri, provinces)}
        aliases = sorted(str(a) for a in graph.objects(iri, SKOS.altLabel))
        if aliases:
            attrs["aliases"] = "; ".join(aliases)
        for prop, name in ((JJJ.divisionCode, "division_code"), (JJJ.wikidata, "wikidata")):
            value = graph.value(iri, prop)
            if value is not None:
                attrs[name] = local_id(value) if name == "wikidata" else str(value)
        lat, lon = graph.value(iri, GEO.lat), graph.value(iri, GEO.long)
        if lat is not None and lon is not None:
            attrs["lat"], attrs["lon"] = float(lat), float(lon)  # type: ignore[arg-type]
        network.add_node(local_id(iri), **attrs)
    stated: set[tuple[URIRef, URIRef, URIRef]] = set()
    for stmt in sorted(graph.subjects(RDF.type, JJJ.Statement)):
        s, p, o = (graph.value(stmt, prop) for prop in (RDF.subject, RDF.predicate, RDF.object))
        if s not in nodes or o not in nodes or p not in schema.relations_by_iri:
            continue
        stated.add((s, p, o))  # type: ignore[arg-type]
        source = graph.value(stmt, PROV.wasDerivedFrom)
        attrs = _edge_attrs(schema, p)  # type: ignore[arg-type]
        attrs.update(statement=str(stmt), source=local_id(source) if source else "",
                     quote=str(graph.value(stmt, JJJ.quote) or ""))
        for prop, name in QUALIFIER_ATTRS.items():
            value = graph.value(stmt, prop)
            if value is not None:
                attrs[name] = local_id(value) if isinstance(value, URIRef) else str(value)
        attrs.update(_note_attrs(_rdf_note(graph, stmt)))
        network.add_edge(local_id(s), local_id(o), key=local_id(stmt), **attrs)  # type: ignore[arg-type]
    for relation in sorted(schema.relations_by_iri):  # registry triples with no statement (located_in)
        for s, o in sorted(graph.subject_objects(relation)):
            if s in nodes and o in nodes and (s, relation, o) not in stated:
                attrs = _edge_attrs(schema, relation)
                attrs.update(statement="", source="registry", quote="")
                network.add_edge(local_id(s), local_id(o), key=f"{schema.relations_by_iri[relation].key}:{local_id(o)}", **attrs)
    return network


def _rdf_note(graph: Graph, node: URIRef) -> Note | None:
    """The note of a statement read back from its jjj:curatorNote literals, by language tag."""
    texts: dict[str, list[str]] = {}
    for value in graph.objects(node, JJJ.curatorNote):
        if str(value):  # an empty literal says nothing
            lang = "zh" if isinstance(value, Literal) and value.language == "zh" else "en"
            texts.setdefault(lang, []).append(str(value))
    if not texts:
        return None
    return Note(**{lang: min(found) for lang, found in texts.items()})  # one per language; min: the same every run


def _note_attrs(note: Note | None) -> dict[str, str]:
    return {NOTE_ATTRS[lang]: text for lang, text in note.texts()} if note else {}


def _edge_attrs(schema: Schema, relation: URIRef) -> dict[str, Any]:
    rel = schema.relations_by_iri[relation]
    return {"relation": rel.key, "relation_iri": str(rel.iri), "relation_zh": rel.zh, "relation_en": rel.en}


Node = tuple[str, dict[str, Any]]
Edge = tuple[str, str, str, dict[str, Any]]


def model_network(seeds: Seeds, schema: Schema, parts: tuple[list[Node], list[Edge]] | None = None
                  ) -> nx.MultiDiGraph:
    """The same graph as to_networkx(the model's RDF), made from the model directly."""
    import networkx as nx  # 0.1 s to load: only where a NetworkX graph is made

    nodes, edges = parts or model_parts(seeds, schema)
    network = nx.MultiDiGraph(name="jjjkg")
    network.add_nodes_from(nodes)
    network.add_edges_from(edges)
    return network


def network_order(parts: tuple[list[Node], list[Edge]]) -> tuple[list[Node], list[Edge]]:
    """Nodes and edges as a NetworkX MultiDiGraph made of them iterates them: a node once (a later
    entry's attributes merged in), edges grouped by source node, then by target in first-seen order."""
    nodes: dict[str, dict[str, Any]] = {}
    for ident, attrs in parts[0]:
        nodes.setdefault(ident, {}).update(attrs)
    by_source: dict[str, dict[str, list[Edge]]] = {}
    for edge in parts[1]:
        nodes.setdefault(edge[0], {})
        nodes.setdefault(edge[1], {})
        by_source.setdefault(edge[0], {}).setdefault(edge[1], []).append(edge)
    edges = [edge for ident in nodes for group in by_source.get(ident, {}).values() for edge in group]
    return list(nodes.items()), edges


def parts_of(network: nx.MultiDiGraph) -> tuple[list[Node], list[Edge]]:
    """The nodes and edges of a NetworkX graph, in its order."""
    return list(network.nodes(data=True)), list(network.edges(keys=True, data=True))


def model_parts(seeds: Seeds, schema: Schema) -> tuple[list[Node], list[Edge]]:
    """The network's nodes (id, attributes) and edges (source, target, key, attributes), in order."""
    nodes: dict[str, tuple[str, Entity | None]] = {str(ENT[e.id]): (e.type, e) for e in seeds.entities.values()}
    for industry in seeds.industries.values():
        nodes.setdefault(str(INDUSTRY[industry.id]), ("industry", None))
    truthy = _truthy(seeds, schema)
    regions = _Regions(seeds, truthy)
    node_list: list[Node] = []
    for iri in sorted(nodes):
        kind, entity = nodes[iri]
        ident = local_id(iri)
        if entity is None:
            industry = seeds.industries[ident]
            zh, en, aliases = industry.zh, industry.en, industry.aliases
        else:
            zh, en, aliases = entity.zh, entity.en or "", entity.aliases
        attrs: dict[str, Any] = {"iri": iri, "type": kind, "zh": zh, "en": en, "region": regions.of(iri)}
        if aliases:
            attrs["aliases"] = "; ".join(sorted(set(aliases)))
        if entity is not None:
            if entity.division_code:
                attrs["division_code"] = entity.division_code
            if entity.wikidata:
                attrs["wikidata"] = str(WD[entity.wikidata])
            if entity.lat is not None and entity.lon is not None:
                attrs["lat"], attrs["lon"] = float(entity.lat), float(entity.lon)
        node_list.append((ident, attrs))
    edges: list[Edge] = []
    stated: set[tuple[str, str, str]] = set()
    for fact in sorted(seeds.facts, key=lambda f: str(STMT[f.id])):
        relation = schema.relations[fact.relation]
        s, o = node_iri(seeds, fact.subject), node_iri(seeds, fact.object)
        if s not in nodes or o not in nodes:
            continue
        stated.add((s, str(relation.iri), o))
        attrs = _edge_attrs(schema, relation.iri)
        attrs.update(statement=str(STMT[fact.id]), source=local_id(SRC[fact.source]), quote=fact.quote)
        attrs.update(_qualifier_attrs(fact, schema))
        edges.append((local_id(s), local_id(o), fact.id, attrs))
    for relation in sorted(schema.relations_by_iri):  # registry triples with no statement (located_in)
        for s, o in sorted(truthy.get(str(relation), ())):
            if s in nodes and o in nodes and (s, str(relation), o) not in stated:
                attrs = _edge_attrs(schema, relation)
                attrs.update(statement="", source="registry", quote="")
                edges.append((local_id(s), local_id(o), f"{schema.relations_by_iri[relation].key}:{local_id(o)}", attrs))
    return node_list, edges


def _truthy(seeds: Seeds, schema: Schema) -> dict[str, set[tuple[str, str]]]:
    """The direct triples of the model by predicate IRI: facts' and the registry's located_in."""
    found: dict[str, set[tuple[str, str]]] = {}
    for entity in seeds.entities.values():
        for parent in entity.located_in:
            found.setdefault(str(JJJ.locatedIn), set()).add((str(ENT[entity.id]), str(ENT[parent])))
    for fact in seeds.facts:
        found.setdefault(str(schema.relations[fact.relation].iri), set()).add(
            (node_iri(seeds, fact.subject), node_iri(seeds, fact.object)))
    return found


class _Regions:
    """Each node's province(s) by English label, as _region finds them in the RDF."""

    def __init__(self, seeds: Seeds, truthy: dict[str, set[tuple[str, str]]]) -> None:
        self.parents: dict[str, list[str]] = {}
        for prop in REGION_PATH:
            for s, o in sorted(truthy.get(str(prop), ())):
                self.parents.setdefault(s, []).append(o)
        self.provinces = {str(ENT[e.id]): e.en or "" for e in seeds.entities.values() if e.type == "province"}

    def of(self, node: str) -> str:
        found: set[str] = set()
        seen, todo = {node}, [node]
        while todo:
            current = todo.pop()
            if current in self.provinces:
                found.add(self.provinces[current])
                continue
            for parent in self.parents.get(current, ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return "/".join(sorted(found)) or "other"


def _qualifier_attrs(fact: Fact, schema: Schema) -> dict[str, str]:
    """The edge attributes of a fact's qualifiers, amount and modality, in QUALIFIER_ATTRS order."""
    values: dict[Any, str] = {schema.qualifiers[key].iri: value for key, value in fact.qualifiers.items()}
    if fact.modality:
        values[JJJ.modality] = local_id(schema.modalities[fact.modality])
    if fact.amount is not None:
        values[JJJ.amount] = decimal_text(fact.amount.value)
        values[JJJ.valueAsPrinted] = fact.amount.printed
        values[JJJ.unitAsPrinted] = fact.amount.unit_printed
    return {name: values[prop] for prop, name in QUALIFIER_ATTRS.items() if prop in values} | _note_attrs(fact.note)
