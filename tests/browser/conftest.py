"""Browser tests: Debian's Chromium driven by Playwright against `manage.py serveer` (as `make run`).

The server runs in its own process on its own embedded database (.data/e2e), loaded with the demo
data exactly as a newcomer gets it. Screenshots go to test-artefacten/ to be looked at.
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
ARTEFACTEN = BASE_DIR / "test-artefacten"
AXE = BASE_DIR / "tests" / "vendor" / "axe-core-4.14.1" / "axe.min.js"

pytestmark = pytest.mark.browser


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def webserver():
    poort = _vrije_poort()
    env = {
        **os.environ,
        # E2E_PGDATA: a separate data dir when several test runs share one checkout.
        "EMBEDDED_PGDATA": os.environ.get("E2E_PGDATA", str(BASE_DIR / ".data" / "e2e")),
        "DEBUG": "1",
        "PYTHONUNBUFFERED": "1",
        # Tiles are never reachable in tests: the page must work without them.
        "KAART_TEGELS_URL": "http://127.0.0.1:9/{z}/{x}/{y}.png",
    }
    env.pop("DATABASE_URL", None)
    log = open(ARTEFACTEN.mkdir(exist_ok=True) or ARTEFACTEN / f"webserver-{poort}.log", "w")  # noqa: SIM115
    proces = subprocess.Popen(
        [sys.executable, "manage.py", "serveer", "--port", str(poort)],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    einde = time.monotonic() + 240
    while time.monotonic() < einde:
        if proces.poll() is not None:
            pytest.fail(f"de webserver stopte: zie test-artefacten/webserver-{poort}.log")
        try:
            with socket.create_connection(("127.0.0.1", poort), timeout=0.5):
                break
        except OSError:
            time.sleep(0.3)
    yield f"http://127.0.0.1:{poort}"
    proces.send_signal(signal.SIGTERM)
    proces.wait(timeout=30)
    log.close()


@pytest.fixture(scope="module")
def browser():
    # Per module: Playwright's sync API keeps an event loop running in this thread while it is open,
    # and Django refuses database calls from a thread with a running loop (tests after these).
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if not chromium:
        pytest.fail("Debian's chromium ontbreekt: `make test` installeert het (apt-get install -y chromium)")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def schermafdruk(page, naam: str, volledig: bool = True) -> Path:
    ARTEFACTEN.mkdir(exist_ok=True)
    pad = ARTEFACTEN / f"{naam}.png"
    page.screenshot(path=str(pad), full_page=volledig)
    return pad


def axe_schendingen(page) -> list[dict]:
    """WCAG 2.1 A/AA violations found by axe-core on the current page."""
    # Served from the page's own origin (intercepted, never reaches the server): the pages' CSP forbids
    # inline scripts, which is what add_script_tag(path=...) would insert.
    oorsprong = page.evaluate("location.origin")
    page.route(f"{oorsprong}/__axe__.js", lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    page.add_script_tag(url=f"{oorsprong}/__axe__.js")
    resultaat = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in resultaat["violations"]
    ]
