"""`jjjkg propose`: candidate seed items from a new Chinese article, each with its verbatim quote,
a confidence and the evidence that produced it, for a curator to accept or reject
(`jjjkg accept`, graph/accept.py). Offline and rule-based: the registry is the gazetteer
(mentions.py), the ontology holds the relation patterns and name endings (rules.py)."""
from __future__ import annotations

from typing import Any

from rdflib.namespace import SKOS

from ..model import Seeds
from ..namespaces import JJJ
from ..schema import Schema
from .abbreviations import abbreviated_links, connected_by_name
from .article import Article, article_of_text, read_article
from .builders import built_by_topic, located_where_built
from .built import built_names
from .colons import lists_run_on
from .by_name import (co_built_by_name, first_mentions, industry_by_name, located_by_name, part_by_name,
                      roles_by_name)
from .coreference import paragraph_context, with_coreference
from .described import described_facts, described_firms
from .draft import DraftMaker, SourceMeta, linked_names, render, source_entry
from .gazetteer import Gazetteer, gazetteer
from .groups import counted_divisions, counted_groups, counted_regions, located_groups, located_regions
from .headquarters import headquarters_names, relocated_with
from .home import located_at_home
from .known import located_as_known
from .links import circle_names, circles_formed, links_brought_in, works_of_policy
from .lists import listed_names, parallel_names
from .mentions import Mention, find_mentions
from .parts import part_facts, part_names
from .platforms import receivers_made, receivers_named_first, receiving_platforms
from .quoted import quoted_names, slogan_facts
from .rules import Found, apply_triggers, load_triggers
from .sections import section_facts, section_heads
from .short_forms import learn_new_short_forms, zone_short_forms

__all__ = ["Article", "SourceMeta", "article_of_text", "names_in", "propose", "read_article", "render"]

_SLOT_CONFIDENCE = {"": 0.8, "O": 0.65, "S": 0.6, "SO": 0.5, "name": 0.6, "section": 0.5}


def _pairs(hit: Found) -> list[tuple[Mention, Mention]]:
    """The (subject, object) names a hit relates. A {pair} hit relates every two of its names, and the
    members of a joint name (三地…合作) with each other; any other hit never relates a name with a
    joint name that holds it (北京…在京津冀落地)."""
    if hit.pairs:
        return [(one, other) for k, one in enumerate(hit.subjects) for other in hit.subjects[k:]]
    return [(s, o) for s in hit.subjects for o in hit.objects if not set(s.ids) & set(o.ids)]


def names_in(article: Article, visible: Seeds, schema: Schema, names: Gazetteer) -> list[Mention]:
    """Every name in the article: the registry's, new ones (by ending, quoted, listed before 等 and a
    kind word, or built), the short forms of new firms' names, and the phrases that stand for a named firm or site."""
    mentions = quoted_names(article, find_mentions(article, visible, schema, names), schema)
    mentions = built_names(article, listed_names(article, mentions, schema), schema)
    mentions = abbreviated_links(article, parallel_names(article, mentions, schema), visible, schema)
    mentions = part_names(article, mentions, schema, names, visible)
    mentions = section_heads(article, learn_new_short_forms(article, mentions, names), schema)
    mentions = counted_groups(article, zone_short_forms(article, mentions), schema, names)
    mentions = circle_names(article, counted_divisions(article, mentions, schema), schema)
    mentions = counted_regions(article, mentions, schema)
    mentions = headquarters_names(article, described_firms(article, mentions, schema, names, visible), schema)
    return with_coreference(article, mentions, schema, visible)


def propose(article: Article, seeds: Seeds, schema: Schema, meta: SourceMeta,
            hidden: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The draft for article: a dict in the seed format (see draft.py). hidden: registry ids to
    treat as unknown (the evaluation hides the entities only the article names)."""
    names = gazetteer(seeds, hidden)
    visible = Seeds(sources=seeds.sources, entities={k: v for k, v in seeds.entities.items() if k not in hidden},
                    industries=seeds.industries, indicators=seeds.indicators)
    mentions = names_in(article, visible, schema, names)
    maker = DraftMaker(article, visible, schema, meta)
    maker.add_new_entities(mentions)
    context = paragraph_context(article, mentions, schema)
    found = apply_triggers(article, mentions, load_triggers(schema), schema, context)
    found += relocated_with(article, mentions, schema, found)
    found += lists_run_on(article, mentions, schema, found)
    found += built_by_topic(article, mentions, schema, context)
    first = first_mentions(article, mentions, schema)  # each new name where first named, once for the rules below
    first_known = first_mentions(article, mentions, schema, known=True)
    found += located_by_name(article, first, schema, names, visible)
    found += industry_by_name(article, first + first_known, schema, names, visible)
    found += part_by_name(article, first, schema, names, visible)
    found += co_built_by_name(article, first)
    found += roles_by_name(article, first + first_known, schema)
    found += connected_by_name(article, mentions, first, schema, visible)
    found += section_facts(article, mentions, schema)
    found += slogan_facts(article, mentions, schema, names, visible)
    found += receiving_platforms(article, mentions, schema, names, visible)
    found += receivers_named_first(article, mentions, schema, names, visible)
    found += receivers_made(article, mentions, schema, names, visible)
    found += links_brought_in(article, mentions, schema)
    found += circles_formed(article, mentions, schema)
    found += works_of_policy(article, mentions, schema)
    found += part_facts(article, mentions, schema)
    found += described_facts(article, mentions, names, visible)
    found += located_where_built(found, visible)
    found += located_at_home(article, mentions, first, schema, visible, found)
    found += located_groups(article, mentions, schema, names, visible)
    found += located_regions(article, mentions, schema)
    found += located_as_known(article, first_known, mentions, names, visible)
    facts: dict[tuple[str, str, str, int], dict[str, Any]] = {}
    for hit in found:
        for subject, obj in _pairs(hit):
            for s in maker.ids_of(subject):
                for o in maker.ids_of(obj):
                    if s == o or (obj.classes == {SKOS.Concept} and hit.relation != "in_industry") \
                            or (hit.pairs and (o, hit.relation, s, hit.sentence.start) in facts):
                        continue
                    confidence = _SLOT_CONFIDENCE.get(hit.implicit, 0.6)
                    evidence = f"pattern «{hit.pattern}» ({hit.relation})"
                    for m in (subject, obj):
                        if m.how == "coreference":
                            confidence -= 0.1
                            evidence += f"; {m.evidence}"
                        elif m.how in ("new", "learned"):
                            confidence -= 0.1
                    key = (s, hit.relation, o, hit.sentence.start)
                    if key not in facts or facts[key]["confidence"] < confidence:
                        facts[key] = maker.fact(hit, s, o, max(0.1, confidence), evidence)
    entity_rows = {e["id"]: e for e in maker.entities}
    for (s, relation, o, _), item in facts.items():
        if relation == "located_in" and s in entity_rows and "located_in" not in entity_rows[s]:
            entity_rows[s]["located_in"] = o
    return {"source": source_entry(meta), "entities": maker.entities, "linked": linked_names(article, mentions),
            "facts": [facts[k] for k in sorted(facts, key=lambda k: (k[3], k[1], k[0], k[2]))],
            "observations": maker.observations([m for m in mentions if m.ids and m.how in ("gazetteer", "joint")
                                                and all(schema.is_a(c, frozenset({JJJ.Place})) for c in m.classes)])}
