"""The benchmark databases: one embedded PostgreSQL per data size under .data/bench-<aanbod>.

A data dir is reused when its marker says it holds the same generated size and seed, so a second
`make bench` starts measuring at once instead of spending minutes regenerating 100k aanbod.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
SEED = 1
MARKER = "bench-gegevens.json"


def doorverwijzingen_voor(aanbod: int) -> int:
    """Referrals in proportion to the catalogue: 10 per aanbod (1M at 100k, the size of issue 8)."""
    return aanbod * 10


def pgdata(aanbod: int) -> Path:
    return BASE_DIR / ".data" / f"bench-{aanbod}"


def omgeving(aanbod: int) -> dict[str, str]:
    """Production-like settings (DEBUG off, JSON logs at WARNING) pointing at this size's database."""
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMBEDDED_POSTGRES": "1",
        "EMBEDDED_PGDATA": str(pgdata(aanbod)),
        # TLS ends at the proxy in production; on loopback the app must not redirect to https.
        "SECURE_COOKIES": "0",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        "API_ANON_RATE": "1000000/minute",  # measure the API, not the throttle
        # Shared between the gunicorn workers, as recommended for production (README); one per size
        # because it holds data-derived entries (search synonyms, the PDF guide).
        "CACHE_URL": f"filecache://{BASE_DIR / '.data' / f'bench-cache-{aanbod}'}",
        # Transitions notify the other side by e-mail; the benchmark measures the request, not SMTP.
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DATABASE_REPLICA_URL", None)
    return env


def gewenst(aanbod: int) -> dict:
    return {"aanbod": aanbod, "doorverwijzingen": doorverwijzingen_voor(aanbod), "seed": SEED}


def is_klaar(aanbod: int) -> bool:
    try:
        return json.loads((pgdata(aanbod) / MARKER).read_text()) == gewenst(aanbod)
    except (FileNotFoundError, ValueError):
        return False


def manage(aanbod: int, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=omgeving(aanbod), check=True)


def bereid_voor(aanbod: int) -> None:
    """Make sure .data/bench-<aanbod> holds exactly the generated data of this size and seed.

    Migrations always run (cheap when nothing is pending; a new migration must reach the bench DB), then
    VACUUM (ANALYZE).
    A dir without a matching marker (another size, an interrupted run) is thrown away and rebuilt.
    """
    if not is_klaar(aanbod):
        if pgdata(aanbod).exists():
            print(f"[bench] {pgdata(aanbod)} houdt andere of onvolledige gegevens: opnieuw opbouwen", flush=True)
            _stop_server(pgdata(aanbod))
            shutil.rmtree(pgdata(aanbod))
        shutil.rmtree(BASE_DIR / ".data" / f"bench-cache-{aanbod}", ignore_errors=True)
        manage(aanbod, "migrate", "--noinput", "-v0")
        manage(aanbod, "laad_referentiedata", "-v0")
        print(f"[bench] genereer_testdata --aanbod {aanbod} (eenmalig per grootte)", flush=True)
        doel = gewenst(aanbod)
        manage(
            aanbod,
            "genereer_testdata",
            "--aanbod",
            str(aanbod),
            "--doorverwijzingen",
            str(doel["doorverwijzingen"]),
            "--seed",
            str(SEED),
        )
        (pgdata(aanbod) / MARKER).write_text(json.dumps(doel))
    else:
        manage(aanbod, "migrate", "--noinput", "-v0")
    # A migration may rewrite a table (a new stored column): without VACUUM its visibility map is empty
    # (index-only scans read the heap again) until autovacuum gets there, maybe during the measurements.
    # On tables that are already clean this takes seconds.
    manage(
        aanbod,
        "shell",
        "--no-imports",
        "-c",
        "from django.db import connection; connection.cursor().execute('VACUUM (ANALYZE)')",
    )


def _stop_server(map_: Path) -> None:
    from sociale_kaart.db import embedded_bin_dir

    if (map_ / "postmaster.pid").exists():
        subprocess.run(
            [str(embedded_bin_dir() / "pg_ctl"), "-D", str(map_), "stop", "-m", "fast"],
            check=False,
            capture_output=True,
        )
