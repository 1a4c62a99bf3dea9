"""The base map under the network: the outlines of Beijing, Tianjin and Hebei, of Hebei's 11
prefectures and of the two cities' districts, with their names, in the projection the geographic
layout places nodes in.

The geometry is echarts 4.9.0's (Apache-2.0; static/basemap.LICENSE), decoded and simplified by
tools/make_basemap.py into static/basemap.json. Names come from the place registry by division
code, so a unit is named in English as the registry names it; the map's own Chinese name stays
where the registry has none. Coordinates are projected here and rounded to 0.1 px, so the page
draws them as they are.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import layout

BASEMAP_FILE = Path(__file__).resolve().parent / "static" / "basemap.json"
PROVINCE_CODES = {"beijing": "110000", "tianjin": "120000", "hebei": "130000"}


@lru_cache(maxsize=1)
def _geometry() -> dict[str, Any]:
    return json.loads(BASEMAP_FILE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _flat(line: list[list[float]]) -> list[float]:
    """[lon, lat] points → x0, y0, x1, y1, … in the layout's pixels."""
    out: list[float] = []
    for lon, lat in line:
        x, y = layout.project(lat, lon)
        out += [round(x, 1), round(y, 1)]
    return out


def _point(lon_lat: list[float]) -> list[float]:
    x, y = layout.project(lon_lat[1], lon_lat[0])
    return [round(x, 1), round(y, 1)]


def base_map(names: Mapping[str, tuple[str, str]]) -> dict[str, Any]:
    """The map for the page; names: division code → (zh, en) from the registry."""
    geometry = _geometry()

    def named(code: str, zh: str) -> dict[str, str]:
        found = names.get(code)
        return {"zh": found[0] if found and found[0] else zh, "en": found[1] if found else ""}

    provinces = [{"id": p["id"], "code": PROVINCE_CODES[p["id"]], **named(PROVINCE_CODES[p["id"]], p["zh"]), "label": _point(p["label"]),
                  "lines": [_flat(line) for line in p["lines"]]} for p in geometry["provinces"]]
    units = [{"code": u["code"], "province": u["province"], "level": u["level"], **named(u["code"], u["zh"]),
              "label": _point(u["label"]), "rings": [_flat(ring) for ring in u["rings"]]} for u in geometry["units"]]
    return {"provinces": provinces, "units": units, "source": geometry["source"]}
