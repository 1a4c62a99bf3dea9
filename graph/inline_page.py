"""What every self-contained page of jjjkg (the network view, the flows view, the report) needs to
carry its data and scripts inside itself safely: JSON that cannot end its <script> block, a file's
text inlined as it is, and a Content-Security-Policy hash allowing exactly one inline script."""
from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

from markupsafe import Markup


def json_for_script(value: Any) -> str:
    """JSON that cannot end the <script> element it sits in nor open an HTML comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def inline(path: Path, tag: str) -> Markup:
    """A file's text to put inside <script> or <style> as is (entities are not decoded there)."""
    text = path.read_text(encoding="utf-8")
    if f"</{tag}" in text.lower():
        raise ValueError(f"{path} contains </{tag} and cannot be inlined")
    return Markup(text)


def csp_hash(script: str) -> str:
    """A CSP source allowing exactly this inline script: injected handlers (onerror=…) stay blocked."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"
