"""The network view as one self-contained HTML file: vis-network (from pyvis's bundle), our
script and stylesheet inlined, the data as a JSON block. Nothing is fetched at run time.

pyvis supplies vis-network 9.1.2. Its Network class and template are not used: the template
links bootstrap from a CDN even with cdn_resources="in_line", loads vis-network from a CDN with
"local", writes the heading unescaped and switches its tooltips to innerHTML when a title contains
"href"; and page_data() already gives the node and edge dicts vis-network takes.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..inline_page import csp_hash, inline, json_for_script

HERE = Path(__file__).resolve().parent


def _pyvis_dir() -> Path:
    """pyvis's package folder, found without importing pyvis (which imports IPython: 60 ms)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("pyvis is not installed: pip install pyvis")
    return Path(spec.origin).resolve().parent


VIS_DIR = _pyvis_dir() / "templates" / "lib" / "vis-9.1.2"
# Physics off: positions come from Python (layout.py), so the page draws at once.
OPTIONS: dict[str, Any] = {
    "physics": {"enabled": False},
    "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True, "hideEdgesOnZoom": True,
                    "navigationButtons": False, "keyboard": {"enabled": True, "bindToWindow": False}},
    # Labels are drawn by map.js, at a fixed size on screen and never one over another.
    "nodes": {"scaling": {"min": 8, "max": 30, "label": {"enabled": False}},
              "font": {"size": 13, "face": "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"}},
    "edges": {"width": 1.2, "smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
              "selectionWidth": 2},
    "layout": {"improvedLayout": False, "randomSeed": 1},
}


# The network view's scripts, in the order the page runs them: the base map and label layer, what
# a reader takes away (citation, CSV, PNG, hash codec), the side panel, the permalink, then the view
# that wires them.
NETWORK_SCRIPTS = ("map.js", "share.js", "panel.js", "permalink.js", "view.js")


def render_page(data: dict[str, Any], template: str = "network.html",
                scripts: tuple[str, ...] = NETWORK_SCRIPTS) -> bytes:
    """The page's bytes for page_data()'s output (or another page's data and template): vis-network
    and each of `scripts` (files in static/) inlined, each allowed by its own CSP hash."""
    import jinja2  # only the view uses it

    payload = {**data, "options": OPTIONS}
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             keep_trailing_newline=True)
    inlined = [inline(VIS_DIR / "vis-network.min.js", "script"),
               *(inline(HERE / "static" / name, "script") for name in scripts)]
    html = env.get_template(template).render(
        lang=data["lang"], title=data["heading"][data["lang"]] or data["heading"]["zh"],
        vis_css=inline(VIS_DIR / "vis-network.css", "style"), view_css=inline(HERE / "static" / "view.css", "style"),
        scripts=inlined, script_hashes=" ".join(csp_hash(t) for t in inlined),
        data=Markup(json_for_script(payload)))
    return html.encode("utf-8")
