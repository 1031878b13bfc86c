"""The replica router: which database alias each kind of query uses.

Two aliases on the same server: ``replica`` is added for the test with ``TEST: {"MIRROR": "default"}``,
i.e. the same test database through a second connection, as in production a streaming replica is the
same data behind another host. Each test records the SQL per connection and asserts where it went.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connections, router, transaction
from django.test.utils import CaptureQueriesContext

from aanbod.models import Aanbod, Eerstelijnszone, Gemeente, Medewerker, Organisatie
from doorverwijzing.models import Doorverwijzing
from sociale_kaart import routers

pytestmark = pytest.mark.django_db


@pytest.fixture
def replica(db, settings, monkeypatch):
    """The ``replica`` alias (a mirror of the test database) and the router, as DATABASE_REPLICA_URL sets them."""
    standaard = connections["default"].settings_dict
    config = {**standaard, "TEST": {**standaard.get("TEST", {}), "MIRROR": "default"}}
    connections.settings["replica"] = config
    connections["replica"]  # create the connection object ...
    # ... and keep it out of the configured aliases, so the test case treats it as a dynamically
    # created connection (allowed) rather than as a database this test did not declare.
    del connections.settings["replica"]
    settings.DATABASES = {**settings.DATABASES, "replica": config}
    settings.DATABASE_ROUTERS = ["sociale_kaart.routers.ReplicaRouter"]
    # pytest-django runs every test inside a transaction on ``default``; outside the tests the router
    # sees no transaction during an anonymous request, which is what these tests simulate.
    monkeypatch.setattr(routers, "in_transactie", lambda: False)
    yield
    connections["replica"].close()
    del connections["replica"]


class Verdeling:
    """The SQL statements sent on each connection while the block runs."""

    def __enter__(self):
        self.primair = CaptureQueriesContext(connections["default"]).__enter__()
        self.replica = CaptureQueriesContext(connections["replica"]).__enter__()
        return self

    def __exit__(self, *exc):
        self.replica.__exit__(*exc)
        self.primair.__exit__(*exc)


def test_catalogus_lezen_gaat_naar_de_replica(replica):
    with Verdeling() as v:
        list(Gemeente.objects.filter(naam="Geel"))
        Eerstelijnszone.objects.count()
        list(Aanbod.objects.zichtbaar()[:5])
        list(Organisatie.objects.all()[:5])
    assert len(v.replica) == 4
    assert len(v.primair) == 0


def test_koppeltabellen_van_het_aanbod_volgen_het_aanbod(replica):
    tussentabel = Aanbod.doelgroepen.through
    assert router.db_for_read(tussentabel) == "replica"
    assert router.db_for_read(Aanbod.locaties.through) == "replica"


def test_persoonlijke_gegevens_en_sessies_blijven_op_de_primaire(replica):
    with Verdeling() as v:
        list(Doorverwijzing.objects.all()[:1])
        list(get_user_model().objects.all()[:1])
        list(Session.objects.all()[:1])
        list(Medewerker.objects.all()[:1])
    assert len(v.primair) == 4
    assert len(v.replica) == 0


def test_schrijven_gaat_altijd_naar_de_primaire(replica):
    assert router.db_for_write(Aanbod) == "default"
    assert router.db_for_write(Gemeente) == "default"
    with Verdeling() as v:
        Organisatie.objects.create(naam="Router vzw", slug="router-vzw")
    assert any("INSERT" in q["sql"] for q in v.primair.captured_queries)
    assert len(v.replica) == 0


def test_lezen_binnen_een_transactie_of_op_de_primaire_blijft_op_de_primaire(replica, monkeypatch):
    with Verdeling() as v:
        with routers.op_primaire():
            Aanbod.objects.count()
        monkeypatch.setattr(routers, "in_transactie", lambda: True)
        Aanbod.objects.count()
    assert len(v.primair) == 2
    assert len(v.replica) == 0


def test_zonder_replica_gaat_alles_naar_de_primaire(db, settings):
    settings.DATABASE_ROUTERS = ["sociale_kaart.routers.ReplicaRouter"]
    assert "replica" not in settings.DATABASES
    assert router.db_for_read(Aanbod) == "default"


def test_migraties_alleen_op_de_primaire():
    assert routers.ReplicaRouter().allow_migrate("default", "aanbod")
    assert not routers.ReplicaRouter().allow_migrate("replica", "aanbod")


def test_anonieme_zoekpagina_leest_de_catalogus_van_de_replica(replica, client, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "sociale_kaart.routers.PrimaireVoorIngelogdenMiddleware"]
    with Verdeling() as v:
        antwoord = client.get("/zoeken/", {"gemeente": "Geel"})
    assert antwoord.status_code == 200
    assert any("aanbod_aanbod" in q["sql"] for q in v.replica.captured_queries)
    assert not any("aanbod_aanbod" in q["sql"] for q in v.primair.captured_queries)


def test_een_ingelogde_professional_leest_alles_van_de_primaire(replica, client, settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "sociale_kaart.routers.PrimaireVoorIngelogdenMiddleware"]
    gebruiker = get_user_model().objects.create_user("prof", password="x")
    client.force_login(gebruiker)
    with Verdeling() as v:
        antwoord = client.get("/zoeken/", {"gemeente": "Geel"})
    assert antwoord.status_code == 200
    assert any("aanbod_aanbod" in q["sql"] for q in v.primair.captured_queries)
    assert len(v.replica) == 0


def test_binnen_een_echte_transactie_is_de_primaire_gekozen(replica, monkeypatch):
    monkeypatch.setattr(routers, "in_transactie", lambda: connections["default"].in_atomic_block)
    with transaction.atomic():
        assert router.db_for_read(Aanbod) == "default"
