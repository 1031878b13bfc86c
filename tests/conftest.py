"""Shared fixtures: one embedded PostgreSQL per test session, reference data loaded once."""

import pytest
from django.db import connection, transaction
from django.test import override_settings


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database gets the real reference data (zones, municipalities, vocabularies) once.

    Every test runs in a transaction that is rolled back, so this stays as loaded.
    """
    from aanbod.referentiedata import laad_referentiedata

    with django_db_blocker.unblock():
        laad_referentiedata()


@pytest.fixture(autouse=True)
def _snelle_wachtwoorden_en_statics(settings):
    # PBKDF2 is slow on purpose; tests don't need that. Static files are not collected in tests.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(scope="module")
def demodata(django_db_setup, django_db_blocker):
    """The Kempen demo data, loaded once per test module and rolled back at its end.

    Each test runs in a savepoint inside this transaction, so what one test changes does not leak.
    """
    from aanbod.demodata import laad_demodata

    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        verslag = laad_demodata()
        # The planner must know the tables are no longer empty. ANALYZE sees this transaction's own
        # rows; without it, statistics gathered while a previous module's rows were rolled back make
        # PostgreSQL choose nested loops over sequential scans (a 0.5 s test took minutes in the suite).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        yield verslag
        transaction.set_rollback(True)
