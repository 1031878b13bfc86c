"""Fixtures of the fault, load and backup tests: one embedded server and one prepared template per
session (copying the template is much cheaper than migrating and loading demo data per test)."""

import os

import pytest

from tests.bedrijf.omgeving import BASE_DIR, Cluster, bereid_sjabloon_voor


@pytest.fixture(scope="session")
def cluster():
    # Per TEST_DB_NAME: parallel runs in one checkout each get their own server.
    naam = os.environ.get("TEST_DB_NAME", "test_sociale_kaart")
    cluster = Cluster(BASE_DIR / ".data" / "tests" / f"bedrijf-{naam}")
    bereid_sjabloon_voor(cluster)
    return cluster


@pytest.fixture
def artefacten():
    pad = BASE_DIR / "test-artefacten"
    pad.mkdir(exist_ok=True)
    return pad
