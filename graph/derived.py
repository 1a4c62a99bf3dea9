"""Derived aggregates: where each entity lies, and how many statements link one place to another.

The named graph <https://w3id.org/jjjkg/graph/derived> holds only what jjjkg computes from the
asserted data while building: no source states any of it, and none of it is in the default graph,
which holds what the sources assert. It holds:

- for each entity that lies in at least one province: `jjj:inProvince` each province it lies in, and
  `jjj:inPrefecture` each prefecture it lies in. An entity lies in every place reached from it by
  following `jjj:locatedIn` (from the entity list or from located_in facts) zero or more times, so a
  province lies in itself;
- for each level ("province", "prefecture"), origin place, destination place and relation, one
  `jjj:FlowCount` node whose `jjj:statementCount` is the number of statements of that relation that
  start in the origin and end in the destination. A statement starts at its from-place where it has
  one (a headquarters move), else at its subject, and ends at its object; located_in statements are
  not counted. At the prefecture level, an end that lies in no prefecture takes the province(s) it
  lies in instead (Beijing and Tianjin, province-level cities, stand as themselves). A statement
  whose ends lie in several places counts once for each distinct pair of places, and never for a
  pair whose origin and destination are the same place;
- the graph's provenance: it is a prov:Entity, prov:wasDerivedFrom the asserted data
  <https://w3id.org/jjjkg/graph/asserted>, prov:wasGeneratedBy the rule
  <https://w3id.org/jjjkg/rule/places-and-flow-counts>, whose rdfs:comment states the rule.
"""
from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterator
from itertools import product, repeat

from rdflib.namespace import PROV, RDF, RDFS, XSD

from .model import Entity, Fact, Seeds
from .namespaces import BASE, ENT, JJJ
from .schema import Schema
from .store_layout import DERIVED_GRAPH as DERIVED_GRAPH_NODE
from .writer import literal, nt_iri

DERIVED_GRAPH = DERIVED_GRAPH_NODE.value
ASSERTED_GRAPH = BASE + "graph/asserted"  # names what the sources assert: in a store, its default graph
RULE = BASE + "rule/places-and-flow-counts"
FLOW = BASE + "derived/flow/"
RULE_COMMENT = (
    "Each entity lies in every province and prefecture reached from it by following jjj:locatedIn zero or "
    "more times. Each statement other than a located_in one starts at its from-place, else its subject, "
    "ends at its object, and counts once, per level and relation, for each distinct pair of different "
    "places its two ends lie in; at the prefecture level an end in no prefecture lies in its province.")

_PROVINCE, _PREFECTURE = 1, 2  # the kinds of place a walk up the located-in edges collects
Places = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]  # provinces, prefectures, prefecture level


class FlowCounter:
    """Takes entities and facts one at a time, then writes the derived graph. It keeps each
    statement's start and object ids and relation number in lists, and the located-in edges, so a
    located_in fact may come after the statements it places: places are resolved, and statements
    counted, only when the graph is written."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        kinds = {JJJ.Province: _PROVINCE, JJJ.Prefecture: _PREFECTURE}
        self._kind_of_type = {key: kinds.get(t.iri, 0) for key, t in schema.types.items()}
        self._located_in = next((k for k, r in schema.relations.items() if r.iri == JJJ.locatedIn), "located_in")
        self._from = next((k for k, q in schema.qualifiers.items() if q.iri == JJJ.fromPlace), "from")
        self._kinds: dict[str, int] = {}  # the provinces and prefectures
        self._children: list[str] = []    # the located-in edges: child, parent
        self._parents: list[str] = []
        self._relation_index: dict[str, int] = {}
        self._relations: list[str] = []
        self._starts: list[str] = []
        self._objects: list[str] = []
        self._rels = array("H")

    def entity(self, entity: Entity) -> None:
        kind = self._kind_of_type.get(entity.type, 0)
        if kind:
            self._kinds[entity.id] = kind
        for parent in entity.located_in:
            self._children.append(entity.id)
            self._parents.append(parent)

    def fact(self, fact: Fact) -> None:
        relation = self._relation_index.get(fact.relation)
        if relation is None:  # located_in is never numbered: it comes here each time
            if fact.relation == self._located_in:
                self._children.append(fact.subject)
                self._parents.append(fact.object)
                return
            relation = self._relation_index[fact.relation] = len(self._relations)
            self._relations.append(fact.relation)
        self._starts.append(fact.qualifiers.get(self._from) or fact.subject)
        self._objects.append(fact.object)
        self._rels.append(relation)

    def _resolve(self) -> tuple[dict[str, str], dict[str, int], list[Places]]:
        """Three maps. `represent`: for each id with a parent, the id whose places it has (its one
        parent, for an id that is no place and has one parent: most placed firms; else itself); an id
        not in it has its own. `signature`: for each place, parent and id of several parents, the
        number of its places (0: it lies in no province). The places of each number."""
        first = dict(zip(self._children, self._parents))  # a parent of each child (the last given)
        more: dict[str, set[str]] = {}                     # the others
        if len(first) < len(self._children):
            for child, parent in zip(self._children, self._parents):
                if first[child] != parent:
                    more.setdefault(child, set()).add(parent)
        memo: dict[str, frozenset[str]] = {}

        def reach(node: str) -> frozenset[str]:
            """The provinces and prefectures reached from node, itself included; exact on cycles too,
            as only complete walks are remembered."""
            seen, todo, places = {node}, [node], set()
            while todo:
                here = todo.pop()
                done = memo.get(here)
                if done is not None:
                    places |= done
                    continue
                if here in self._kinds:
                    places.add(here)
                above = first.get(here)
                for parent in () if above is None else (above, *more.get(here, ())):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            found = memo[node] = frozenset(places)
            return found

        signatures: list[Places] = [((), (), ())]
        numbered: dict[frozenset[str], int] = {}
        special: dict[str, int] = {}  # places, parents and children of several parents
        for node in sorted({*first.values(), *self._kinds, *more, *(p for ps in more.values() for p in ps)}):
            reached = reach(node)
            number = numbered.get(reached)
            if number is None:
                provinces = tuple(sorted(p for p in reached if self._kinds[p] == _PROVINCE))
                prefectures = tuple(sorted(p for p in reached if self._kinds[p] == _PREFECTURE))
                number = numbered[reached] = len(signatures) if provinces else 0
                if provinces:
                    signatures.append((provinces, prefectures, prefectures or provinces))
            special[node] = number
        represent = first  # any other child has one parent, and its parent's places (most placed firms)
        for node in special:
            if node in represent:
                represent[node] = node
        return represent, special, signatures

    def _counts(self, represent: dict[str, str], signature: dict[str, int], places: list[Places]
                ) -> dict[tuple[str, str, str, str], int]:
        """(level, origin id, destination id, relation key) → the number of distinct statements."""
        by_signature = Counter(zip(map(signature.get, map(represent.get, self._starts, self._starts), repeat(0)),
                                   map(signature.get, map(represent.get, self._objects, self._objects), repeat(0)),
                                   self._rels))
        counts: Counter[tuple[str, str, str, str]] = Counter()
        for (start, end, relation), statements in by_signature.items():
            if not (start and end):
                continue
            for level, column in (("province", 0), ("prefecture", 2)):
                for origin, destination in product(places[start][column], places[end][column]):
                    if origin != destination:
                        counts[(level, origin, destination, self._relations[relation])] += statements
        return counts

    def chunks(self) -> Iterator[str]:
        """The derived graph's N-Quads in sorted line order, in pieces (nquads() joins them)."""
        represent, signature, places = self._resolve()
        graph = nt_iri(DERIVED_GRAPH)
        lines = [f"{nt_iri(DERIVED_GRAPH)} {nt_iri(RDF.type)} {nt_iri(PROV.Entity)} {graph} .\n",
                 f"{nt_iri(DERIVED_GRAPH)} {nt_iri(PROV.wasDerivedFrom)} {nt_iri(ASSERTED_GRAPH)} {graph} .\n",
                 f"{nt_iri(DERIVED_GRAPH)} {nt_iri(PROV.wasGeneratedBy)} {nt_iri(RULE)} {graph} .\n",
                 # PROV-O gives prov:wasGeneratedBy the range prov:Activity, and PROV-DM keeps activities
                 # and entities (a prov:Plan is one) disjoint: the rule node is the activity of applying it.
                 f"{nt_iri(RULE)} {nt_iri(RDF.type)} {nt_iri(PROV.Activity)} {graph} .\n",
                 f"{nt_iri(RULE)} {nt_iri(RDFS.comment)} {literal(RULE_COMMENT, 'en')} {graph} .\n"]
        level_p, origin_p, destination_p = nt_iri(JJJ.level), nt_iri(JJJ.origin), nt_iri(JJJ.destination)
        relation_p, count_p, flow_class = nt_iri(JJJ.relation), nt_iri(JJJ.statementCount), nt_iri(JJJ.FlowCount)
        relation_iris = {key: nt_iri(r.iri) for key, r in self.schema.relations.items()}
        for (level, origin, destination, relation), count in self._counts(represent, signature, places).items():
            node = nt_iri(f"{FLOW}{level}/{origin}/{destination}/{relation}")
            lines += [f"{node} {nt_iri(RDF.type)} {flow_class} {graph} .\n",
                      f"{node} {level_p} {literal(level)} {graph} .\n",
                      f"{node} {origin_p} {nt_iri(ENT[origin])} {graph} .\n",
                      f"{node} {destination_p} {nt_iri(ENT[destination])} {graph} .\n",
                      f"{node} {relation_p} {relation_iris[relation]} {graph} .\n",
                      f"{node} {count_p} {literal(str(count), datatype=str(XSD.integer))} {graph} .\n"]
        lines.sort()
        # Every other line's subject is an entity (…/id/…); no line above starts with that prefix, so each
        # sorts wholly before or after them. Subjects end in ">", which no IRI holds, so sorting by
        # subject, then by the rest of the line, sorts the lines.
        entity_prefix = nt_iri(ENT[""])[:-1]
        before = [line for line in lines if line < entity_prefix]
        yield "".join(before)
        in_province, in_prefecture = nt_iri(JJJ.inProvince), nt_iri(JJJ.inPrefecture)
        tails: list[list[str]] = [[]]  # by signature: each line's text after its subject
        for provinces, prefectures, _ in places[1:]:
            tails.append(["", *sorted([*(f" {in_province} {nt_iri(ENT[p])} {graph} .\n" for p in provinces),
                                       *(f" {in_prefecture} {nt_iri(ENT[p])} {graph} .\n"
                                         for p in prefectures)])])
        prefix = "<" + str(ENT)
        subjects = [(prefix + node + ">", number) for node, above in represent.items() if (number := signature[above])]
        subjects += [(prefix + node + ">", number) for node, number in signature.items()
                     if number and node not in represent]
        subjects.sort(reverse=True)  # taken from the end, so that what is written is freed
        while subjects:
            batch = subjects[-10_000:]
            del subjects[-10_000:]
            yield "".join(subject.join(tails[number]) for subject, number in reversed(batch))
        yield "".join(lines[len(before):])

    def nquads(self) -> str:
        """The derived graph as N-Quads text: one quad a line, lines sorted, ending with a newline."""
        return "".join(self.chunks())


def flow_counts(seeds: Seeds, schema: Schema) -> FlowCounter:
    """A FlowCounter fed every entity and every fact of the seeds."""
    counter = FlowCounter(schema)
    for entity in seeds.entities.values():
        counter.entity(entity)
    for fact in seeds.facts:
        counter.fact(fact)
    return counter
