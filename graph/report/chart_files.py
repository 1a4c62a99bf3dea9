"""`jjjkg report --charts DIR`: each chart of the report as an SVG file for a paper, rendered from
the same ECharts options the page draws (static/charts.js) by ECharts' server-side renderer under
Node.js (static/render_charts.js). Node.js is the one thing this needs beyond Python; without it the
option says so in one line, and the page's own "save as SVG" buttons still work. Files appear only
when every chart is rendered."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from ..problems import ConfigError

STATIC = Path(__file__).resolve().parent / "static"
RENDER_TIMEOUT_S = 120


def _node() -> str:
    found = shutil.which("node") or shutil.which("nodejs")
    if not found:
        raise ConfigError("--charts: rendering the charts needs Node.js (Debian: apt-get install -y nodejs); "
                          "without it, save them from report.html (each chart's SVG button)")
    return found


def render_svgs(data: dict[str, Any], lang: str) -> dict[str, str]:
    """Chart id → SVG text."""
    command = [_node(), str(STATIC / "render_charts.js"), str(STATIC / "echarts.min.js"), str(STATIC / "charts.js")]
    request = json.dumps({"data": data, "lang": lang}, ensure_ascii=False).encode("utf-8")
    try:
        done = subprocess.run(command, input=request, capture_output=True, timeout=RENDER_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ConfigError(f"--charts: Node.js did not render the charts within {RENDER_TIMEOUT_S} s") from exc
    if done.returncode != 0:
        last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
        raise ConfigError(f"--charts: Node.js failed to render the charts: {last}")
    svgs: dict[str, str] = json.loads(done.stdout)
    return svgs


def write_charts(data: dict[str, Any], lang: str, out_dir: Path) -> list[Path]:
    """Write <chart id>.svg for every chart into out_dir (made if missing); all or nothing."""
    svgs = render_svgs(data, lang)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=out_dir, prefix=".charts-") as staging:
            names = []
            for ident, svg in sorted(svgs.items()):
                name = re.sub(r"[^A-Za-z0-9_.-]+", "_", ident) + ".svg"
                (Path(staging) / name).write_text(svg + "\n", encoding="utf-8")
                names.append(name)
            for name in names:
                (Path(staging) / name).replace(out_dir / name)
    except OSError as exc:
        raise ConfigError(f"--charts: cannot write to {out_dir}: {exc.strerror or exc}") from exc
    return [out_dir / name for name in names]
