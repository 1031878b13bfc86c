"""`make run` end to end: a fresh database is prepared and served; a second start changes nothing;
SIGTERM stops the web server and the embedded PostgreSQL with it."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import psutil
import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.traag


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(pgdata: Path, poort: int) -> tuple[subprocess.Popen, list[str]]:
    env = {**os.environ, "EMBEDDED_PGDATA": str(pgdata), "DEBUG": "1", "PYTHONUNBUFFERED": "1"}
    env.pop("DATABASE_URL", None)
    proces = subprocess.Popen(
        [sys.executable, "manage.py", "serveer", "--port", str(poort)],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        # A shell that starts a job in the background (`.ci/run &`) makes it ignore SIGINT, and children
        # inherit that: then Ctrl-C, sent as SIGINT here, would never arrive. A terminal delivers it.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    uitvoer = []
    einde = time.monotonic() + 180
    while time.monotonic() < einde:
        regel = proces.stdout.readline()
        if not regel and proces.poll() is not None:
            pytest.fail("serveer stopte onverwacht:\n" + "".join(uitvoer))
        uitvoer.append(regel)
        if "Stoppen: Ctrl-C" in regel:
            break
    # Keep reading what the server prints (request and log lines): a full, unread pipe would block it, and
    # a blocked server cannot shut down when told to.
    threading.Thread(target=lambda: uitvoer.extend(proces.stdout), daemon=True).start()
    # runserver binds just after the banner
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", poort), timeout=0.2):
                break
        except OSError:
            time.sleep(0.1)
    return proces, uitvoer


def _stop(proces: subprocess.Popen, signaal: int, uitvoer: list[str]) -> None:
    proces.send_signal(signaal)
    try:
        proces.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proces.kill()
        pytest.fail(f"serveer stopte niet na signaal {signaal}:\n" + "".join(uitvoer[-60:]))


def _postmaster(pgdata: Path) -> int:
    return int((pgdata / "postmaster.pid").read_text().splitlines()[0])


def _get(url: str) -> int:
    with urllib.request.urlopen(url, timeout=10) as antwoord:
        return antwoord.status


@pytest.fixture
def pgdata():
    pad = BASE_DIR / ".data" / "tests" / f"serveer-{uuid.uuid4().hex[:8]}"
    pad.parent.mkdir(parents=True, exist_ok=True)
    yield pad
    import shutil

    shutil.rmtree(pad, ignore_errors=True)


def test_make_run_serveert_is_idempotent_en_stopt_postgresql_bij_sigterm(pgdata):
    poort = _vrije_poort()
    proces, uitvoer = _start(pgdata, poort)
    tekst = "".join(uitvoer)
    assert f"http://127.0.0.1:{poort}/" in tekst
    assert "Demogegevens geladen" in tekst
    for gebruiker in ["verwijzer", "ontvanger", "buitenstaander", "redacteur", "curator", "beheerder"]:
        assert gebruiker in tekst
    assert _get(f"http://127.0.0.1:{poort}/") == 200
    assert _get(f"http://127.0.0.1:{poort}/admin/login/") == 200
    postmaster = _postmaster(pgdata)
    _stop(proces, signal.SIGINT, uitvoer)  # Ctrl-C
    assert not psutil.pid_exists(postmaster) or psutil.Process(postmaster).status() == psutil.STATUS_ZOMBIE

    # Second start on the same data: nothing to load, same pages.
    proces, uitvoer = _start(pgdata, poort)
    tekst = "".join(uitvoer)
    assert "geladen" not in tekst, tekst
    assert _get(f"http://127.0.0.1:{poort}/") == 200
    postmaster = _postmaster(pgdata)
    _stop(proces, signal.SIGTERM, uitvoer)
    for _ in range(100):
        if not psutil.pid_exists(postmaster) or psutil.Process(postmaster).status() == psutil.STATUS_ZOMBIE:
            break
        time.sleep(0.1)
    else:
        pytest.fail("SIGTERM liet PostgreSQL draaien")
