"""Threats from docs/security.md that no other test covers: CSRF, XSS by escaping, account enumeration
at the login, and the session cookie's flags."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from aanbod.models import Aanbod
from tests.factories import AanbodFactory

pytestmark = pytest.mark.django_db


def test_een_post_zonder_csrf_token_wordt_geweigerd(demodata):
    client = Client(enforce_csrf_checks=True)
    assert client.post(reverse("login"), {"username": "verwijzer", "password": "demo"}).status_code == 403
    client.force_login(get_user_model().objects.get(username="verwijzer"))
    aanbod = Aanbod.objects.actief().first()
    assert client.post(reverse("doorverwijzing:nieuw", args=[aanbod.slug]), {}).status_code == 403
    assert client.post(reverse("logout")).status_code == 403


def test_aanmelden_verraadt_niet_of_een_gebruikersnaam_bestaat(client, demodata):
    def fout(gebruikersnaam):
        antwoord = client.post(reverse("login"), {"username": gebruikersnaam, "password": "fout"})
        inhoud = antwoord.content.decode()
        inhoud = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", inhoud)
        return antwoord.status_code, inhoud.replace(gebruikersnaam, "…")

    assert fout("verwijzer") == fout("bestaat-niet-42")


def test_tekst_van_gebruikers_wordt_ontsnapt(client, demodata):
    aanbod = AanbodFactory(naam='<script>alert("x")</script><img src=x onerror=alert(1)>')
    inhoud = client.get(reverse("aanbod:aanbod", args=[aanbod.slug])).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in inhoud
    assert "<script>alert" not in inhoud and "onerror=alert" not in inhoud.replace("&lt;img src=x onerror=", "")


def test_sessiecookie_is_httponly_en_samesite(client, demodata):
    antwoord = client.post(reverse("login"), {"username": "verwijzer", "password": "demo"})
    cookie = antwoord.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
