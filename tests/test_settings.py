"""With DEBUG off the project refuses to start without its secrets, and says which ones."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent


def _laad_settings(**omgeving: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}}
    env.update(omgeving)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        ],
        cwd=BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "sociale_kaart.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("omgeving", "ontbreekt"),
    [
        ({}, ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"]),
        ({"SECRET_KEY": "x" * 50}, ["ALLOWED_HOSTS", "DATABASE_URL"]),
        ({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "kaart.example.be"}, ["DATABASE_URL"]),
        ({"ALLOWED_HOSTS": "kaart.example.be", "DATABASE_URL": "postgres://u:p@db/k"}, ["SECRET_KEY"]),
    ],
)
def test_zonder_debug_weigert_het_te_starten_zonder_geheimen(omgeving, ontbreekt):
    resultaat = _laad_settings(DEBUG="0", **omgeving)
    assert resultaat.returncode != 0
    assert "ImproperlyConfigured" in resultaat.stderr
    for naam in ontbreekt:
        assert naam in resultaat.stderr
    assert "Traceback" in resultaat.stderr  # a clear exception, not a silent fallback


def test_zonder_debug_start_het_met_alle_geheimen():
    resultaat = _laad_settings(
        DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="kaart.example.be", DATABASE_URL="postgres://u:p@db:5432/k"
    )
    assert resultaat.returncode == 0, resultaat.stderr
    assert resultaat.stdout.strip() == "False"


def test_database_url_moet_postgresql_zijn():
    resultaat = _laad_settings(DEBUG="1", DATABASE_URL="sqlite:///db.sqlite3")
    assert resultaat.returncode != 0
    assert "PostgreSQL" in resultaat.stderr
