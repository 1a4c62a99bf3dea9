"""Headless Chromium for the view's tests and benchmarks, driven by Playwright (the PyPI package,
with Debian's /usr/bin/chromium: nothing is downloaded). Networking is cut three ways: every
http(s)/ws request is aborted, host names resolve nowhere, and a dead proxy is set; each request
the page tries is recorded so a test can assert there were none."""
from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9",
                  "--proxy-bypass-list=<-loopback>", "--font-render-hinting=none"]


def chromium_path() -> str:
    """$JJJKG_CHROMIUM, else Debian's chromium on PATH; a clear error where there is none."""
    path = os.environ.get("JJJKG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RuntimeError("Chromium not found: install it (Debian: apt-get install -y chromium) "
                           "or set JJJKG_CHROMIUM to its path; .ci/run installs it")
    return path


@dataclass
class OpenedPage:
    page: Any  # playwright.sync_api.Page
    requests: list[str] = field(default_factory=list)  # every URL the page asked for
    errors: list[str] = field(default_factory=list)  # uncaught script errors

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def open_view(browser: Any, html: Path, width: int = 1400, height: int = 900, timeout_ms: int = 30000,
              ready: str | None = "window.jjjkgView && window.jjjkgView.drawn") -> OpenedPage:
    """Open a page from file:// with networking blocked and wait until `ready` holds (if given)."""
    context = browser.new_context(viewport={"width": width, "height": height}, service_workers="block")
    page = context.new_page()
    opened = OpenedPage(page)
    page.on("request", lambda request: opened.requests.append(request.url))
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    context.route("**/*", lambda route: route.abort() if not route.request.url.startswith("file:")
                  else route.continue_())
    page.goto(html.resolve().as_uri())
    if ready:
        wait_until(page, ready, timeout_ms)
    return opened


def wait_until(page: Any, expression: str, timeout_ms: int = 30000) -> None:
    """Poll `expression` until it is truthy. Not Playwright's wait_for_function: that evaluates a
    string predicate with eval inside the page, which a page's CSP without 'unsafe-eval' blocks in
    recent Chromium (156); page.evaluate goes through the debugger protocol, which CSP does not."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(f"Boolean({expression})"):
        if time.monotonic() > deadline:
            raise PlaywrightTimeout(f"still false after {timeout_ms} ms: {expression}")
        page.wait_for_timeout(50)


DRAWN = "[jjjkgView.network.body.nodeIndices.length, jjjkgView.network.body.edgeIndices.length]"


def only_the_file(opened: OpenedPage, path: Path) -> None:
    """The page asked for nothing but its own file, and no script error was thrown."""
    assert opened.requests == [path.resolve().as_uri()], opened.requests
    assert opened.errors == []


def labels_drawn(opened: OpenedPage, which: str = "labels") -> list[dict[str, Any]]:
    """Every label drawn in the last frame (place names, node and edge labels), or only the map's."""
    opened.js("jjjkgView.network.redraw()")
    opened.page.wait_for_timeout(100)
    return opened.js(f"jjjkgView.{which}")  # type: ignore[no-any-return]


def assert_legible(labels: list[dict[str, Any]]) -> None:
    """Each label at least 10 px high on screen, and no two labels' boxes overlapping."""
    for i, a in enumerate(labels):
        assert a["h"] >= 10, a
        for b in labels[i + 1:]:
            apart = a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"] or a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"]
            assert apart, (a, b)


def slide(opened: OpenedPage, selector: str, value: int) -> None:
    """Move a range input as a reader's drag does: its value, then an input event."""
    opened.page.eval_on_selector(selector, "(input, v) => { input.value = v; input.dispatchEvent(new Event('input')); }",
                                 value)
