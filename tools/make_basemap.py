"""Write graph/view/static/basemap.json, the view's base map, from the npm package echarts 4.9.0.

Run:  python tools/make_basemap.py [--package DIR]

DIR is the unpacked package (`npm pack echarts@4.9.0 && tar xzf echarts-4.9.0.tgz` gives
package/); without it the tool runs those two commands in a temporary folder. It reads
map/json/province/{beijing,tianjin,hebei}.json: Beijing's and Tianjin's 16 districts each and
Hebei's 11 prefectures, their coordinates encoded (`UTF8Encoding`). It decodes them as echarts'
own src/coord/geo/parseGeoJson.js does (zigzag, delta from the ring's offset, divided by the
scale), makes each province's outline as the union of its units (Shapely, which the tool alone
needs: `pip install -e '.[tools]'`), simplifies every line (Douglas–Peucker with topology kept, 0.004°,
a little under one screen pixel at the view's default zoom) and writes longitudes and latitudes
rounded to 1/10,000°. The geometry is echarts' (Apache-2.0): basemap.LICENSE is its licence.
"""
from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from npm_package import unpacked
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "graph" / "view" / "static" / "basemap.json"
LICENSE_OUT = ROOT / "graph" / "view" / "static" / "basemap.LICENSE"
VERSION = "4.9.0"
PROVINCES = {"beijing": ("北京市", "district"), "tianjin": ("天津市", "district"), "hebei": ("河北省", "prefecture")}
TOLERANCE = 0.004  # degrees: a little under one screen pixel at the view's default zoom
GAP = 0.002  # degrees: slivers narrower than twice this between neighbouring units are closed
Point = tuple[int, int]  # quantised: the package's integers, before they are divided by the scale


def decode_ring(text: str, offset: list[int]) -> list[Point]:
    """One ring of encoded coordinates, as parseGeoJson.js decodePolygon reads it (without the
    final division, so that points shared by two units compare equal)."""
    x, y = offset
    points = []
    for i in range(0, len(text), 2):
        dx, dy = ord(text[i]) - 64, ord(text[i + 1]) - 64
        x += (dx >> 1) ^ -(dx & 1)
        y += (dy >> 1) ^ -(dy & 1)
        points.append((x, y))
    return points


def rings_of(geometry: dict) -> list[list[Point]]:
    """Every ring (outer and holes) of a Polygon or MultiPolygon."""
    coordinates, offsets = geometry["coordinates"], geometry["encodeOffsets"]
    if geometry["type"] == "Polygon":
        return [decode_ring(ring, offset) for ring, offset in zip(coordinates, offsets)]
    return [decode_ring(ring, offset) for polygon, polygon_offsets in zip(coordinates, offsets)
            for ring, offset in zip(polygon, polygon_offsets)]


def _polygons(rings: list[list[Point]], scale: float) -> BaseGeometry:
    """The unit's area: its rings in degrees, each a polygon (echarts keeps holes as rings of their
    own only where a unit surrounds another, which the union below fills anyway)."""
    parts = [Polygon([(x / scale, y / scale) for x, y in ring]) for ring in rings if len(ring) >= 3]
    return unary_union([part.buffer(0) for part in parts])


def _lines(geometry: BaseGeometry) -> list[list[list[float]]]:
    """Every ring of a (multi)polygon, simplified, as [lon, lat] lists rounded to 1/10,000°."""
    simple = geometry.simplify(TOLERANCE, preserve_topology=True)
    polygons = list(simple.geoms) if hasattr(simple, "geoms") else [simple]
    lines = []
    for polygon in polygons:
        for ring in [polygon.exterior, *polygon.interiors]:
            points = [[round(x, 4), round(y, 4)] for x, y in ring.coords]
            if len(points) >= 4:
                lines.append(points)
    return lines


def basemap(package: Path) -> dict:
    provinces, units = [], []
    for key, (zh, level) in PROVINCES.items():
        data = json.loads((package / "map" / "json" / "province" / f"{key}.json").read_text(encoding="utf-8"))
        if not data.get("UTF8Encoding"):
            raise SystemExit(f"{key}.json is not encoded as echarts {VERSION} ships it")
        scale = float(data.get("UTF8Scale") or 1024)
        areas = []
        for feature in sorted(data["features"], key=lambda f: f["id"]):
            area = _polygons(rings_of(feature["geometry"]), scale)
            areas.append(area)
            cp = feature["properties"]["cp"]
            units.append({"zh": feature["properties"]["name"], "code": feature["id"], "province": key, "level": level,
                          "label": [round(cp[0], 4), round(cp[1], 4)], "rings": _lines(area)})
        # Neighbouring units' borders do not share every point exactly: close the slivers between
        # them (GAP° out and back) so that the union is the province's outline alone.
        whole = unary_union([area.buffer(GAP) for area in areas]).buffer(-GAP)
        mine = [u["label"] for u in units if u["province"] == key]
        provinces.append({"id": key, "zh": zh,
                          "label": [round(sum(p[0] for p in mine) / len(mine), 4),
                                    round(sum(p[1] for p in mine) / len(mine), 4)],
                          "lines": [line for line in _lines(whole)]})
    return {"source": f"echarts {VERSION}, map/json/province/{{beijing,tianjin,hebei}}.json (Apache-2.0, see "
                      "basemap.LICENSE); decoded and simplified by tools/make_basemap.py",
            "provinces": provinces, "units": units}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, help=f"the unpacked echarts {VERSION} package (else npm pack fetches it)")
    args = parser.parse_args()
    with unpacked("echarts", VERSION, args.package) as package:
        data = basemap(package)
        shutil.copyfile(package / "LICENSE", LICENSE_OUT)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    points = (sum(len(ring) for unit in data["units"] for ring in unit["rings"])
              + sum(len(line) for province in data["provinces"] for line in province["lines"]))
    print(f"wrote {OUT.relative_to(ROOT)}: {len(data['provinces'])} provinces, {len(data['units'])} units, "
          f"{points:,} points, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
