"""`jjjkg serve`'s query page in a real browser (Debian's headless Chromium; every host but the
server answers nothing): it opens on jjjkg's prefixes and a sample query, prefix completion works
from jjjkg's own list, the sample runs and shows rows, and nothing is asked of any other host."""
from __future__ import annotations

import json
import signal
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

from browser import CHROMIUM_FLAGS, chromium_path, wait_until
from conftest import query_fixture_args, start_cli
from graph.namespaces import PREFIX_IRIS
from conftest import free_port, wait_for
from test_endpoint import http

TIMEOUT_MS = 30_000
RECORD_CSP_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation",
    (event) => window.cspViolations.push(event.violatedDirective + " " + event.blockedURI));
"""
YASQE = "window.jjjkgYasgui.getTab().getYasqe()"


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    port = free_port()
    process = start_cli("serve", "--port", str(port), "--timeout-s", "5", *query_fixture_args())
    try:
        wait_for(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def home_browser(browser: Any, served: str) -> Iterator[Any]:
    """Chromium cut off as tests/browser.py cuts it off (names resolve nowhere, a dead proxy), except
    that the one server's address is reachable."""
    address = served.removeprefix("http://")
    flags = [flag for flag in CHROMIUM_FLAGS if not flag.startswith(("--host-resolver-rules=", "--proxy-bypass-list="))]
    flags += ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", f"--proxy-bypass-list={address}"]
    launched = browser.browser_type.launch(executable_path=chromium_path(), args=flags)
    try:
        yield launched
    finally:
        launched.close()


@pytest.fixture
def page(home_browser: Any, served: str) -> Iterator[tuple[Any, list[str], list[str]]]:
    """The query page, freshly loaded in a new context; every request it makes is recorded, and
    any to another origin is aborted."""
    context = home_browser.new_context(viewport={"width": 1400, "height": 900}, service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    requests: list[str] = []
    errors: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(served + "/")
                  else route.abort())
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    opened = context.new_page()
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.goto(served + "/")
    wait_until(opened, f"window.jjjkgYasgui && {YASQE} && {YASQE}.getValue().length > 0", TIMEOUT_MS)
    try:
        yield opened, requests, errors
    finally:
        context.close()


def _stayed_home(opened: Any, requests: list[str], errors: list[str], served: str) -> None:
    elsewhere = [url for url in requests if not url.startswith(served + "/")]
    assert elsewhere == [], f"the page asked other hosts: {elsewhere}"
    assert opened.evaluate("window.cspViolations") == [], "the page tried to reach another host"
    assert errors == []


def test_page_opens_on_jjjkg_prefixes_and_the_sample_runs(page: tuple[Any, list[str], list[str]],
                                                          served: str) -> None:
    opened, requests, errors = page
    text = opened.evaluate(f"{YASQE}.getValue()")
    assert text.startswith("PREFIX jjj: <https://w3id.org/jjjkg/ontology#>\n")
    for prefix, iri in PREFIX_IRIS.items():
        assert f"PREFIX {prefix}: <{iri}>\n" in text
    assert "SELECT" in text and "jjj:Entity" in text
    opened.click(".yasqe_queryButton")
    rows = opened.locator(".yasr table.dataTable tbody tr")
    rows.first.wait_for()
    assert rows.count() >= 3
    assert "Organization" in opened.inner_text(".yasr table.dataTable")
    assert any(url.startswith(f"{served}/query") for url in requests), requests
    _stayed_home(opened, requests, errors, served)


def test_prefix_completion_asks_only_this_server(page: tuple[Any, list[str], list[str]], served: str) -> None:
    opened, requests, errors = page
    opened.evaluate(f"{YASQE}.setValue('')")
    opened.click(".yasqe .CodeMirror")
    opened.keyboard.type("PREFIX ind")  # prefix completion offers jjjkg's own prefixes
    hints = opened.locator(".CodeMirror-hints li")
    hints.first.wait_for()
    offered = hints.all_inner_texts()
    assert any(hint.startswith("indicator: <https://w3id.org/jjjkg/indicator/>") for hint in offered), offered
    opened.keyboard.press("Escape")
    opened.evaluate(f"{YASQE}.setValue('SELECT * WHERE {{\\n  ?s a ')")
    opened.evaluate(f"{YASQE}.setCursor({YASQE}.lastLine(), 100)")
    opened.keyboard.type("jjj:Prov")  # an undeclared prefix is declared from the list; no class lookup
    wait_until(opened, f"{YASQE}.getValue().includes('PREFIX jjj: <https://w3id.org/jjjkg/ontology#>')", TIMEOUT_MS)
    opened.keyboard.type("ince }")
    opened.wait_for_timeout(500)  # room for any late completion request
    assert f"{served}/prefixes.json" in requests
    _stayed_home(opened, requests, errors, served)


def test_page_and_its_files_are_served_by_jjjkg(served: str) -> None:
    status, headers, body = http(f"{served}/")
    assert status == 200 and b"yasgui.min.js" in body and b"jjjkg-query.js" in body
    assert "connect-src 'self'" in headers["content-security-policy"]
    status, headers, body = http(f"{served}/prefixes.json")
    assert status == 200 and headers["content-type"] == "application/json"
    assert json.loads(body) == PREFIX_IRIS
    status, _, body = http(f"{served}/jjjkg-query.js")
    assert status == 200 and b"prefixCcApi" in body
    assert http(f"{served}/", data=b"x", method="POST")[0] == 405
