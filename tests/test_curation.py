"""The curated dataset answers the questions it is built for, through its truthy triples,
and ships the whole place registry of seeds/reference."""
from __future__ import annotations

import csv
from functools import cache

from rdflib import Graph

from conftest import CURATED_REFERENCE, CURATED_TEXTS, ROOT


@cache
def built():  # type: ignore[no-untyped-def]
    import graph

    return graph.load(ROOT / "seeds", CURATED_TEXTS, CURATED_REFERENCE)


def ask(sparql: str) -> set[tuple[str, ...]]:
    from graph.namespaces import sparql_prologue

    g: Graph = built().graph
    rows = g.query(sparql_prologue() + sparql)
    return {tuple(str(v).rsplit("/", 1)[-1] for v in row) for row in rows}  # type: ignore[union-attr]


def test_every_source_is_curated() -> None:
    seeds = built().seeds
    facts = {s: sum(1 for f in seeds.facts if f.source == s) for s in seeds.sources}
    values = {s: sum(1 for o in seeds.observations if o.source == s) for s in seeds.sources}
    assert all(n >= 10 for n in facts.values()), facts
    # the four reporting articles print figures; the two commentaries print none worth an indicator
    for source in ("cctv-2025-02-27", "hebtv-2023-02-28", "hebei-daily-new-stage", "jizhou-four-projects"):
        assert values[source] >= 9, values


def test_rd_in_beijing_production_in_hebei() -> None:
    rows = ask("""SELECT DISTINCT ?org WHERE {
        ?org jjj:hasRDLocation/jjj:locatedIn* ent:beijing ;
             jjj:hasProductionLocation/jjj:locatedIn* ent:hebei . }""")
    assert {("hebei-jingche",), ("mr-suspension-maker",)} <= rows


def test_headquarters_moves_and_subsidiaries_in_xiongan() -> None:
    moved = ask("SELECT ?org WHERE { ?org jjj:relocatedHeadquartersTo ent:xiongan }")
    assert {("robotics-unicorn",), ("china-satnet",), ("sinochem",), ("huaneng",), ("china-minerals",)} <= moved
    dated = ask("""SELECT ?org ?date WHERE { ?s a jjj:HeadquartersRelocation ; rdf:subject ?org ;
                   rdf:object ent:xiongan ; jjj:fromPlace ent:beijing ; jjj:date ?date }""")
    assert ("robotics-unicorn", "2024") in dated
    subsidiaries = ask("""SELECT ?parent ?sub WHERE { ?parent jjj:hasSubsidiary ?sub .
                          ?sub jjj:locatedIn+ ent:xiongan }""")
    assert ("landspace-hongqing", "landspace-hongqing-xiongan") in subsidiaries


def test_national_clusters_co_built_by_all_three() -> None:
    rows = ask("""SELECT ?cluster WHERE { ?cluster a jjj:Cluster ; jjj:partOf ent:national-amc-list ;
                  jjj:coBuiltBy ent:beijing, ent:tianjin, ent:hebei . }""")
    assert rows == {("jjj-ic-cluster",), ("jjj-icv-nev-cluster",), ("jjj-itai-cluster",),
                    ("jjj-safety-emergency-cluster",)}


def test_automakers_supplied_by_hebei_parts_makers() -> None:
    rows = ask("""SELECT DISTINCT ?automaker WHERE {
        ?maker jjj:suppliesTo ?automaker .
        { ?maker jjj:locatedIn+ ent:hebei } UNION { ?maker jjj:hasProductionLocation/jjj:locatedIn* ent:hebei }
        ?automaker a jjj:Company . }""")
    assert {("baic",), ("faw-toyota",), ("xiaomi",), ("li-auto",), ("yizhuang-automaker",)} <= rows


def test_technology_from_institutes_to_hebei_firms() -> None:
    rows = ask("""SELECT ?institute ?firm ?technology WHERE {
        ?s a jjj:Statement ; rdf:subject ?institute ; rdf:predicate jjj:transfersTechnologyTo ;
           rdf:object ?firm ; jjj:technology ?technology .
        ?institute a ?kind . FILTER(?kind IN (jjj:ResearchInstitute, jjj:University))
        ?firm jjj:locatedIn+ ent:hebei . }""")
    assert ("cas-iet", "zhongke-hengfa", "sco2-power-generation") in rows
    # the channel is the park (via), BIT the origin; `from` is for relocations only
    via_park = ask("""SELECT ?who ?to WHERE { ?s rdf:subject ?who ; rdf:predicate jjj:transfersTechnologyTo ;
                      rdf:object ?to ; jjj:via ent:binhai-zgc-park . }""")
    assert ("bit", "tianjin") in via_park
    assert not ask("""SELECT ?s WHERE { ?s rdf:predicate jjj:transfersTechnologyTo ; jjj:fromPlace ?place . }""")


def test_place_registry_ships_every_reference_division() -> None:
    seeds = built().seeds
    codes = {e.division_code: e for e in seeds.entities.values() if e.division_code}
    with open(CURATED_REFERENCE / "admin-divisions-county.csv", encoding="utf-8", newline="") as fh:
        counties = list(csv.DictReader(fh))
    with open(CURATED_REFERENCE / "places.csv", encoding="utf-8", newline="") as fh:
        places = {row["code"]: row for row in csv.DictReader(fh)}
    assert len(counties) > 200
    for row in counties:
        entity = codes[row["code"]]
        assert entity.zh == row["name_zh"] and entity.type == "county"
        assert entity.en and entity.en.isascii(), entity.en
    with open(CURATED_REFERENCE / "county-coordinates.csv", encoding="utf-8", newline="") as fh:
        county_coordinates = {row["code"]: (row["lat"], row["lon"]) for row in csv.DictReader(fh)}
    county_codes = {row["code"] for row in counties}
    for code, row in places.items():
        entity = codes[code]
        assert entity.wikidata == row["wikidata"]
        # one source per level: a county-level unit's coordinates are county-coordinates.csv's
        given = county_coordinates.get(code) if code in county_codes else (row["lat"], row["lon"]) if row["lat"] else None
        if given:
            assert (str(entity.lat), str(entity.lon)) == given
        else:
            assert entity.lat is None  # never guessed


def test_xiongan_has_no_code_and_lies_in_its_three_counties() -> None:
    xiongan = built().seeds.entities["xiongan"]
    assert xiongan.division_code is None
    assert set(xiongan.located_in) == {"rongcheng", "anxin", "xiong-county"}
    assert ("xiongan",) in ask("SELECT ?z WHERE { ?z jjj:locatedIn+ ent:hebei . FILTER(?z = ent:xiongan) }")


def test_every_entity_has_zh_and_en_labels() -> None:
    for entity in built().seeds.entities.values():
        assert entity.zh.strip() and entity.en.strip(), entity.id
    rows = ask("""SELECT ?e WHERE { ?e a/rdfs:subClassOf* jjj:Entity .
                  FILTER(NOT EXISTS { ?e rdfs:label ?zh FILTER(lang(?zh) = "zh") }
                         || NOT EXISTS { ?e rdfs:label ?en FILTER(lang(?en) = "en") }) }""")
    assert rows == set()
    typed = ask("SELECT DISTINCT ?e WHERE { ?e a ?type . FILTER(STRSTARTS(STR(?e), STR(ent:))) }")
    assert len(typed) == len(built().seeds.entities)
