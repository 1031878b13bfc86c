"""/healthz and /readyz for load balancers, and the 503 when the database is away (in-process)."""

import json

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

from sociale_kaart import gezondheid


@pytest.fixture(autouse=True)
def _http(settings):
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def _migraties_opnieuw_nakijken(monkeypatch):
    monkeypatch.setattr(gezondheid, "_migraties_ok_tot", 0.0)


def test_healthz_antwoordt_zonder_databank(client):
    # No django_db mark: any query would make pytest-django fail this test.
    antwoord = client.get("/healthz")
    assert antwoord.status_code == 200
    assert antwoord.json() == {"status": "ok"}
    assert "no-cache" in antwoord["Cache-Control"]


@pytest.mark.django_db
def test_readyz_is_klaar_met_databank_en_alle_migraties(client):
    antwoord = client.get("/readyz")
    assert antwoord.status_code == 200, antwoord.content
    assert antwoord.json() == {"status": "ok"}


@pytest.mark.django_db
def test_readyz_niet_klaar_met_openstaande_migraties(client, monkeypatch):
    monkeypatch.setattr(gezondheid, "_openstaande_migraties", lambda: ["aanbod.0099_nieuw"])
    antwoord = client.get("/readyz")
    assert antwoord.status_code == 503
    assert antwoord.json()["reden"] == "migraties_niet_toegepast"
    assert antwoord.json()["migraties"] == ["aanbod.0099_nieuw"]


@pytest.mark.django_db
def test_readyz_niet_klaar_zonder_databank(client, monkeypatch):
    def weg(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", weg)
    antwoord = client.get("/readyz")
    assert antwoord.status_code == 503
    assert antwoord.json()["reden"] == "database_onbereikbaar"
    assert antwoord["Retry-After"]


def test_probes_weigeren_post_maar_vragen_geen_csrf():
    client = Client(enforce_csrf_checks=True)
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("fout", [OperationalError, InterfaceError])
def test_databank_weg_in_een_pagina_geeft_een_nederlandse_503(client, monkeypatch, fout):
    from aanbod.views import ZoekView

    def weg(*args, **kwargs):
        raise fout("server closed the connection unexpectedly")

    monkeypatch.setattr(ZoekView, "get", weg)
    antwoord = client.get("/zoeken/?q=dementie")
    assert antwoord.status_code == 503
    assert antwoord["Retry-After"] == "5"
    tekst = antwoord.content.decode()
    assert "even niet beschikbaar" in tekst
    assert "server closed" not in tekst and "Traceback" not in tekst


@pytest.mark.django_db
def test_databank_weg_in_de_api_geeft_json_503(client, monkeypatch):
    from aanbod.api.views import AanbodViewSet

    def weg(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(AanbodViewSet, "list", weg)
    antwoord = client.get("/api/v1/aanbod/")
    assert antwoord.status_code == 503
    gegevens = json.loads(antwoord.content)
    assert gegevens["code"] == "database_onbereikbaar"
    assert gegevens["detail"].startswith("De databank is tijdelijk onbereikbaar")


@pytest.mark.django_db
def test_databank_weg_buiten_de_view_geeft_ook_503(monkeypatch):
    """E.g. saving the session after the view: Django's handler500 turns it into the same 503."""

    def weg(self, request, response):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr(SessionMiddleware, "process_response", weg)
    antwoord = Client(raise_request_exception=False).get("/zoeken/")
    assert antwoord.status_code == 503
    assert "even niet beschikbaar" in antwoord.content.decode()
