"""The base map the view draws: echarts 4.9.0's outlines (tools/make_basemap.py), with its licence,
each unit named from the place registry by division code."""
from __future__ import annotations

import json

import graph
from graph.view import basemap
from graph.view.data import division_names

GEOMETRY = json.loads(basemap.BASEMAP_FILE.read_text(encoding="utf-8"))


def test_the_map_holds_three_provinces_their_prefectures_and_districts() -> None:
    assert [p["id"] for p in GEOMETRY["provinces"]] == ["beijing", "tianjin", "hebei"]
    levels = [(u["province"], u["level"]) for u in GEOMETRY["units"]]
    assert levels.count(("hebei", "prefecture")) == 11
    assert levels.count(("beijing", "district")) == 16 and levels.count(("tianjin", "district")) == 16
    for unit in GEOMETRY["units"]:
        assert unit["rings"] and all(len(ring) >= 4 and ring[0] == ring[-1] for ring in unit["rings"])
        lon, lat = unit["label"]
        assert 113 < lon < 120.5 and 36 < lat < 43, unit["zh"]  # inside the region's box
    assert "Apache License" in basemap.BASEMAP_FILE.with_name("basemap.LICENSE").read_text(encoding="utf-8")


def test_every_unit_is_named_from_the_registry_and_projected_as_the_nodes_are() -> None:
    built = graph.load()
    names = division_names(built.network)
    drawn = basemap.base_map(names)
    assert all(unit["en"] for unit in drawn["units"]), [u["zh"] for u in drawn["units"] if not u["en"]]
    assert {p["en"] for p in drawn["provinces"]} == {"Beijing", "Tianjin", "Hebei"}
    from graph.view import layout
    beijing = next(p for p in drawn["provinces"] if p["id"] == "beijing")
    xs, ys = beijing["lines"][0][0::2], beijing["lines"][0][1::2]
    node = built.network.nodes["beijing"]
    x, y = layout.project(node["lat"], node["lon"])
    assert min(xs) < x < max(xs) and min(ys) < y < max(ys)  # the Beijing node lies inside Beijing's outline
