"""The embedded server's lifecycle: start, stop with its process, recover after kill -9.

Each test runs its own server on a throw-away data directory inside the project tree (the package
changes permissions of the directories above the data dir, so it must not live under /tmp or ~).
"""

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psutil
import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.traag

# A process that attaches to the server, reports the postmaster PID and waits to be stopped.
HOUDER = """
import sys, time
from pathlib import Path
from sociale_kaart.db import embedded_database, start_embedded_server
db = embedded_database(Path(sys.argv[1]), name="levenscyclus")
server = start_embedded_server(Path(sys.argv[1]))
print(server.get_pid(), flush=True)
if sys.argv[2] == "wacht":
    time.sleep(600)
"""


@pytest.fixture
def pgdata():
    pad = BASE_DIR / ".data" / "tests" / f"pg-{uuid.uuid4().hex[:8]}"
    pad.parent.mkdir(parents=True, exist_ok=True)
    yield pad
    _stop_als_nog_actief(pad)
    shutil.rmtree(pad, ignore_errors=True)


def _stop_als_nog_actief(pad: Path) -> None:
    pidfile = pad / "postmaster.pid"
    if pidfile.exists():
        pid = int(pidfile.read_text().splitlines()[0])
        if psutil.pid_exists(pid):
            os.kill(pid, signal.SIGKILL)


def _start_houder(pgdata: Path, modus: str = "wacht") -> tuple[subprocess.Popen, int]:
    proces = subprocess.Popen(
        [sys.executable, "-c", HOUDER, str(pgdata), modus],
        cwd=BASE_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    regel = proces.stdout.readline()
    assert regel.strip().isdigit(), proces.stderr.read() if proces.poll() is not None else regel
    return proces, int(regel)


def _wacht_tot_weg(pid: int, seconden: float = 15) -> bool:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
            return True
        time.sleep(0.1)
    return False


def test_server_start_en_stopt_met_het_laatste_proces(pgdata):
    proces, postmaster = _start_houder(pgdata, modus="stop")
    assert proces.wait(timeout=60) == 0
    assert (pgdata / "PG_VERSION").exists()
    assert _wacht_tot_weg(postmaster), "de PostgreSQL-server draait nog na het einde van het proces"


def test_sigterm_stopt_ook_postgresql(pgdata):
    proces, postmaster = _start_houder(pgdata)
    assert psutil.pid_exists(postmaster)
    proces.send_signal(signal.SIGTERM)
    proces.wait(timeout=30)
    assert _wacht_tot_weg(postmaster), "SIGTERM liet een verweesde PostgreSQL-server achter"


def test_na_kill_9_van_python_herstelt_de_volgende_start(pgdata):
    proces, postmaster = _start_houder(pgdata)
    proces.send_signal(signal.SIGKILL)
    proces.wait(timeout=30)
    # The server outlives a SIGKILLed owner (nothing can run in a killed process) ...
    assert psutil.pid_exists(postmaster)
    # ... and the next start attaches to it, forgets the dead owner and stops it on a normal exit.
    volgende, zelfde_postmaster = _start_houder(pgdata, modus="stop")
    assert volgende.wait(timeout=60) == 0
    assert zelfde_postmaster == postmaster
    assert _wacht_tot_weg(postmaster)


def test_na_kill_9_van_postgresql_start_de_server_opnieuw(pgdata):
    proces, postmaster = _start_houder(pgdata)
    os.kill(postmaster, signal.SIGKILL)
    assert _wacht_tot_weg(postmaster)
    proces.send_signal(signal.SIGKILL)
    proces.wait(timeout=30)
    assert (pgdata / "postmaster.pid").exists()  # a stale lock file is left behind

    volgende, nieuwe_postmaster = _start_houder(pgdata, modus="stop")
    assert volgende.wait(timeout=60) == 0, volgende.stderr.read()
    assert nieuwe_postmaster != postmaster
    assert _wacht_tot_weg(nieuwe_postmaster)
