"""DATABASE_URL switches to any PostgreSQL >= 15 (e.g. Debian's). Runs when such a server is given.

`make test-extern` starts Debian's PostgreSQL and runs this with TEST_EXTERN_DATABASE_URL set.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
URL = os.environ.get("TEST_EXTERN_DATABASE_URL", "")

pytestmark = [
    pytest.mark.extern_postgres,
    pytest.mark.skipif(
        not URL, reason="geen externe PostgreSQL: zet TEST_EXTERN_DATABASE_URL of gebruik make test-extern"
    ),
]


def _manage(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": URL, "DEBUG": "1"}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300
    )


def test_migraties_en_referentiedata_werken_op_een_externe_server():
    for stap in (["migrate", "--noinput"], ["laad_referentiedata"], ["laad_referentiedata"]):
        resultaat = _manage(*stap)
        assert resultaat.returncode == 0, resultaat.stderr
    assert "al up-to-date" in resultaat.stdout  # the second load changes nothing
    versie = _manage("shell", "-c", "from django.db import connection; print(connection.pg_version)")
    assert int(versie.stdout.strip().splitlines()[-1]) >= 150000
    zoek = _manage(
        "shell",
        "-c",
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute(\"select to_tsvector('dutch', unaccent('Ondersteuning voor mantelzorgers')) @@ "
        "to_tsquery('dutch', 'mantelzorger'), similarity('dementie', 'dementei') > 0.3\")\n"
        "    print(c.fetchone())",
    )
    assert zoek.stdout.strip().splitlines()[-1] == "(True, True)", zoek.stderr
