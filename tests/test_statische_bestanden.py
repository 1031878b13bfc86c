"""collectstatic with the production storage works (the Dockerfile and `make bench` rely on it)."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def test_collectstatic_met_manifest_en_compressie(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": "postgres://niemand:niets@localhost:1/geen",  # collectstatic needs no database
    }
    code = f"from django.conf import settings; settings.STATIC_ROOT = r'{tmp_path}'"
    resultaat = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; django.setup(); " + code + "; "
            "from django.core.management import call_command; call_command('collectstatic', '--noinput', verbosity=0)",
        ],
        cwd=BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "sociale_kaart.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultaat.returncode == 0, resultaat.stderr[-2000:]
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("css/sociale-kaart.*.css.gz"))
