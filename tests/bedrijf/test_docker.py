"""The deployment files: compose.yaml wires app, database, migration and scheduler as documented, and
the Dockerfile builds and runs (when a Docker daemon is available; otherwise skipped with the reason)."""

import os
import shutil
import subprocess

import pytest
import yaml
from django.core.management import get_commands

from tests.bedrijf.omgeving import BASE_DIR

IMAGE = "sociale-kaart:test"


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((BASE_DIR / "compose.yaml").read_text())


def test_compose_heeft_app_databank_migratie_en_planner(compose):
    diensten = compose["services"]
    assert set(diensten) == {"db", "migrate", "app", "scheduler"}
    assert diensten["db"]["image"].startswith("postgres:")
    assert "pg_isready" in str(diensten["db"]["healthcheck"]["test"])
    assert "/readyz" in " ".join(diensten["app"]["healthcheck"]["test"])
    assert diensten["app"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    for dienst in ("app", "migrate", "scheduler"):
        assert diensten[dienst]["build"] == "."
        assert diensten[dienst]["environment"]["DEBUG"] == "0"


def test_de_planner_roept_enkel_bestaande_commandos_op(compose):
    script = " ".join(compose["services"]["scheduler"]["command"])
    nodig = {"verwerk_herinneringen", "verwerk_bewaartermijn", "verstuur_bevestigingen", "backup"}
    for commando in nodig:
        assert f"manage.py {commando}" in script
    assert nodig <= set(get_commands())


def _docker_reden() -> str | None:
    if not shutil.which("docker"):
        return "docker staat niet op het PATH"
    info = subprocess.run(["docker", "info"], capture_output=True, text=True, timeout=60)
    if info.returncode != 0:
        return "geen Docker-daemon bereikbaar: " + (info.stderr.strip().splitlines() or ["?"])[-1]
    return None


@pytest.mark.traag
def test_het_image_bouwt_en_start():
    reden = _docker_reden()
    if reden:
        pytest.skip(f"docker build overgeslagen: {reden}")
    gebouwd = subprocess.run(["docker", "build", "-t", IMAGE, "."], cwd=BASE_DIR, capture_output=True, text=True)
    assert gebouwd.returncode == 0, gebouwd.stderr[-3000:]
    omgeving = {
        "SECRET_KEY": "docker-test-" + "x" * 40,
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": "postgres://x:y@localhost:5432/x",
    }
    argumenten = [a for k, v in omgeving.items() for a in ("-e", f"{k}={v}")]
    gecontroleerd = subprocess.run(
        [
            "docker",
            "run",
            "--rm",
            *argumenten,
            IMAGE,
            "python",
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "ERROR",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=os.environ,
    )
    assert gecontroleerd.returncode == 0, gecontroleerd.stderr[-3000:]
    gebruiker = subprocess.run(["docker", "run", "--rm", IMAGE, "id", "-u"], capture_output=True, text=True)
    assert gebruiker.stdout.strip() == "1000", "de app draait niet als root"
