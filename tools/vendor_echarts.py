"""Vendor Apache ECharts for the report page: graph/report/static/echarts.min.js and its licence.

Run:  python tools/vendor_echarts.py [--package DIR]
DIR is the unpacked npm package (`npm pack echarts@6.1.0 && tar xzf echarts-6.1.0.tgz` gives
./package); without it, npm pack fetches it. The file is copied as the package ships it
(dist/echarts.min.js), with LICENSE and NOTICE joined into echarts.LICENSE; the page inlines it,
so nothing is fetched when a report is opened.

Why ECharts: Apache-2.0, one self-contained file, draws Chinese text, Sankey diagrams, bar and
time-series charts, and saves a chart as PNG or SVG from the page; the view's base map already
comes from its package (tools/make_basemap.py, echarts 4.9.0).
"""
from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from npm_package import unpacked

ROOT = Path(__file__).resolve().parent.parent
VERSION = "6.1.0"
STATIC = ROOT / "graph" / "report" / "static"
OUT = STATIC / "echarts.min.js"
LICENSE_OUT = STATIC / "echarts.LICENSE"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, help=f"the unpacked echarts {VERSION} package (else npm pack fetches it)")
    args = parser.parse_args()
    with unpacked("echarts", VERSION, args.package) as package:
        script = (package / "dist" / "echarts.min.js").read_bytes()
        if b"</script" in script.lower():
            raise SystemExit("echarts.min.js contains </script and cannot be inlined")
        STATIC.mkdir(parents=True, exist_ok=True)
        OUT.write_bytes(script)
        licence = (package / "LICENSE").read_text(encoding="utf-8")
        notice = (package / "NOTICE").read_text(encoding="utf-8")
        LICENSE_OUT.write_text(f"Apache ECharts {VERSION} (npm package echarts), dist/echarts.min.js\n\n"
                               f"{notice.strip()}\n\n{licence}", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(script):,} bytes, sha256 {hashlib.sha256(script).hexdigest()}")


if __name__ == "__main__":
    main()
