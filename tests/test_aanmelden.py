"""Professionals log in on a page of the application (the Django admin is only for staff)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("gebruiker", ["verwijzer", "ontvanger", "curator", "redacteur"])
def test_hulpverleners_melden_aan_en_komen_bij_hun_doorverwijzingen(client, demodata, gebruiker):
    antwoord = client.post(reverse("login"), {"username": gebruiker, "password": "demo"})
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("doorverwijzing:inbox")
    assert client.get(reverse("doorverwijzing:inbox")).status_code == 200


def test_fout_wachtwoord_geeft_een_nederlandse_fout(client, demodata):
    antwoord = client.post(reverse("login"), {"username": "verwijzer", "password": "fout"})
    assert antwoord.status_code == 200
    assert "wachtwoord" in antwoord.content.decode().lower()


def test_beschermde_pagina_stuurt_naar_aanmelden_en_terug(client, demodata):
    antwoord = client.get(reverse("doorverwijzing:inbox"))
    assert antwoord["Location"].startswith(reverse("login") + "?next=")
    volgende = client.post(
        antwoord["Location"], {"username": "ontvanger", "password": "demo", "next": reverse("doorverwijzing:inbox")}
    )
    assert volgende["Location"] == reverse("doorverwijzing:inbox")


def test_afmelden(client, demodata):
    client.post(reverse("login"), {"username": "verwijzer", "password": "demo"})
    client.post(reverse("logout"))
    assert client.get(reverse("doorverwijzing:inbox")).status_code == 302
