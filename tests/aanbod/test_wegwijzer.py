"""The mantelzorger's wegwijzer: one question per screen, answers in the session, local results."""

import re

import pytest
from django.urls import reverse

from aanbod.wegwijzer import VRAGEN

pytestmark = pytest.mark.django_db


def _doorloop(client, gemeente, antwoorden):
    client.post(reverse("aanbod:wegwijzer"))
    antwoord = client.post(reverse("aanbod:wegwijzer_stap", args=[0]), {"gemeente": gemeente})
    for stap, waarde in enumerate(antwoorden, start=1):
        assert antwoord.status_code == 302
        antwoord = client.post(reverse("aanbod:wegwijzer_stap", args=[stap]), {"antwoord": waarde})
    assert antwoord["Location"] == reverse("aanbod:wegwijzer_resultaat")
    return client.get(antwoord["Location"])


def test_overbelaste_mantelzorger_met_vermoeden_van_dementie_krijgt_lokale_hulp(client, demodata):
    antwoord = _doorloop(client, "Geel", ["ja", "vermoeden", "nee", "nee", "ja"])
    inhoud = antwoord.content.decode()
    assert "Aanbod voor wie woont in Geel" in inhoud
    for titel in ["Steun voor jou als mantelzorger", "Even op adem komen", "Hulp bij dementie", "Dagopvang"]:
        assert titel in inhoud
    assert "Vragen over geld" not in inhoud
    behoeften = dict((b.titel, items) for b, items in antwoord.context["behoeften"])
    assert all(items for items in behoeften.values())


def test_antwoorden_staan_niet_in_de_url_en_terugkeren_toont_het_vorige_antwoord(client, demodata):
    _doorloop(client, "2440", ["soms", "nee", "ja", "ja", "nee"])
    terug = client.get(reverse("aanbod:wegwijzer_stap", args=[2])).content.decode()
    gekozen = re.findall(r'<input type="radio"[^>]*value="(\w+)"[^>]*checked', terug)
    assert gekozen == ["nee"]
    assert "dementie" in terug  # the question itself
    assert "vermoeden" not in client.session.get("wegwijzer", {}).values()


def test_zonder_antwoord_blijft_de_vraag_staan_met_een_fout(client, demodata):
    antwoord = client.post(reverse("aanbod:wegwijzer_stap", args=[1]), {})
    assert antwoord.status_code == 200
    assert "Kies een antwoord." in antwoord.content.decode()


def test_onbestaande_stap_is_404(client, demodata):
    assert client.get(reverse("aanbod:wegwijzer_stap", args=[len(VRAGEN) + 1])).status_code == 404


def test_onbekende_gemeente_geeft_fout_bij_het_veld(client, demodata):
    antwoord = client.post(reverse("aanbod:wegwijzer_stap", args=[0]), {"gemeente": "Nergenshuizen"})
    assert "We vinden geen gemeente of postcode" in antwoord.content.decode()
