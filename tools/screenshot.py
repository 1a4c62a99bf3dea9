"""Make the README's screenshot of the network view: docs/network-view.png.

Run:  python tools/screenshot.py   (needs Chromium and the test extras; fonts-noto-cjk for the labels)
Builds the curated graph, opens out/network.html's page in headless Chromium, selects Xiong'an
so the side panel shows its facts and quotes, zooms in on Beijing and Xiong'an, and saves
the window.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import graph  # noqa: E402
from browser import chromium, open_view  # noqa: E402
from graph.view import page_for  # noqa: E402


def main() -> None:
    built = graph.load()
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        path = Path(tmp) / "network.html"
        path.write_bytes(page_for(built))
        opened = open_view(browser, path, width=1600, height=1000)
        opened.js("jjjkgView.selectNode('xiongan', false)")
        # Between Beijing and Xiong'an, close enough that the lit neighbourhood is named, far enough
        # that Tianjin and the Hebei prefectures around stay on the map.
        opened.js("""(() => { const a = jjjkgView.network.getPosition('xiongan'), b = jjjkgView.network.getPosition('beijing');
                     jjjkgView.network.moveTo({position: {x: (a.x + b.x) / 2 + 60, y: (a.y + b.y) / 2 + 40}, scale: 0.42}); })()""")
        opened.page.wait_for_timeout(300)
        out = ROOT / "docs" / "network-view.png"
        out.parent.mkdir(exist_ok=True)
        opened.page.screenshot(path=str(out))
        print(f"wrote {out}")


if __name__ == "__main__":
    main()
