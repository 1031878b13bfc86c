"""Statistics for the zorgraad: aggregates for the curator's zone, no persons, CSV download."""

import csv
import io

import pytest
from django.urls import reverse

from doorverwijzing.demodata import laad_demo_doorverwijzingen

pytestmark = pytest.mark.django_db


def test_curator_ziet_aantallen_zonder_personen(client, gebruikers):
    laad_demo_doorverwijzingen()
    client.force_login(gebruikers["curator"])
    antwoord = client.get(reverse("doorverwijzing:statistiek"))
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert "Per ondersteuningsvorm" in inhoud
    for persoon in ("A. V.", "K. M.", "L. S.", "014 00"):
        assert persoon not in inhoud
    rijen = list(
        csv.reader(io.StringIO(client.get(reverse("doorverwijzing:statistiek"), {"formaat": "csv"}).content.decode()))
    )
    assert rijen[0] == ["ondersteuningsvorm", "zone", "maand", "status", "aantal"]
    assert sum(int(r[4]) for r in rijen[1:]) == 8  # the 8 sent demo referrals of Turnhout residents (Kempenland)


@pytest.mark.parametrize("gebruiker", ["verwijzer", "ontvanger", "buitenstaander"])
def test_hulpverleners_zonder_curatorrol_krijgen_geen_statistiek(client, gebruikers, gebruiker):
    client.force_login(gebruikers[gebruiker])
    assert client.get(reverse("doorverwijzing:statistiek")).status_code == 403
