"""Confirmation e-mails: the command, and the signed one-click link (no login, once, expires)."""

import re
import time
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from aanbod.beheer.actualiteit.services import bevestigingstoken
from aanbod.constants import AanbodStatus
from aanbod.models import Bevestigingsverzoek, Controle, Eerstelijnszone, Suggestie
from tests.factories import AanbodFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisatie():
    organisatie = OrganisatieFactory(email="onthaal@voorbeeld.be")
    zone = Eerstelijnszone.objects.get(code="kempenland")
    for naam in ("Budgetbegeleiding", "Onthaal"):
        AanbodFactory(organisatie=organisatie, naam=naam).werkingsgebied_zones.add(zone)
    AanbodFactory(organisatie=organisatie, naam="Oud project", status=AanbodStatus.STOPGEZET)
    return organisatie


@pytest.fixture
def verzoek(organisatie):
    return Bevestigingsverzoek.objects.create(organisatie=organisatie, email=organisatie.email)


def _url(verzoek, naam="beheer:bevestigen"):
    return reverse(naam, args=[bevestigingstoken(verzoek)])


# --- The command -----------------------------------------------------------------------------------


def test_het_commando_mailt_elke_organisatie_een_keer(organisatie):
    OrganisatieFactory(email="")  # no address
    inactief = OrganisatieFactory(email="weg@voorbeeld.be", actief=False)
    AanbodFactory(organisatie=inactief)
    OrganisatieFactory(email="leeg@voorbeeld.be")  # no aanbod

    call_command("verstuur_bevestigingen", stdout=StringIO())
    assert Bevestigingsverzoek.objects.filter(organisatie=organisatie).count() == 1
    assert Bevestigingsverzoek.objects.count() == 1
    assert len(mail.outbox) == 1
    bericht = mail.outbox[0]
    assert bericht.to == ["onthaal@voorbeeld.be"]
    assert "Budgetbegeleiding" in bericht.body and "Onthaal" in bericht.body and "Oud project" not in bericht.body
    links = re.findall(r"https?://\S+/beheer/bevestigen/\S+/", bericht.body)
    assert len(links) == 2 and links[1].endswith("/aanpassen/")

    # Idempotent: a second run within the interval sends nothing.
    uit = StringIO()
    call_command("verstuur_bevestigingen", stdout=uit)
    assert Bevestigingsverzoek.objects.count() == 1
    assert len(mail.outbox) == 1
    assert "0 bevestigingsmail(s) verstuurd" in uit.getvalue()


def test_na_het_interval_volgt_een_nieuwe_mail(organisatie, verzoek):
    Bevestigingsverzoek.objects.filter(pk=verzoek.pk).update(verstuurd_op=timezone.now() - timezone.timedelta(days=200))
    call_command("verstuur_bevestigingen", stdout=StringIO())
    assert Bevestigingsverzoek.objects.filter(organisatie=organisatie).count() == 2


def test_dry_run_schrijft_en_verstuurt_niets(organisatie):
    uit = StringIO()
    call_command("verstuur_bevestigingen", "--dry-run", stdout=uit)
    assert "onthaal@voorbeeld.be" in uit.getvalue()
    assert Bevestigingsverzoek.objects.count() == 0
    assert mail.outbox == []


# --- The link --------------------------------------------------------------------------------------


def test_get_toont_enkel_een_knop_en_verandert_niets(client, verzoek):
    antwoord = client.get(_url(verzoek))
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Budgetbegeleiding" in html and "Oud project" not in html
    assert 'method="post"' in html
    verzoek.refresh_from_db()
    assert verzoek.beantwoord_op is None
    assert Controle.objects.count() == 0


def test_alles_klopt_registreert_een_controle_per_zichtbaar_aanbod_en_werkt_een_keer(client, verzoek, organisatie):
    antwoord = client.post(_url(verzoek), {"antwoord": "klopt"})
    assert antwoord.status_code == 200
    assert "Bedankt" in antwoord.content.decode()
    verzoek.refresh_from_db()
    assert verzoek.antwoord == "klopt" and verzoek.beantwoord_op is not None
    controles = Controle.objects.filter(aanbod__organisatie=organisatie)
    assert controles.count() == 2
    assert set(controles.values_list("methode", flat=True)) == {"bevestigingslink"}
    for aanbod in organisatie.aanbod.exclude(status=AanbodStatus.STOPGEZET):
        assert aanbod.laatst_gecontroleerd_op == timezone.localdate()
        assert aanbod.laatst_gecontroleerd_door is None

    # Used: a clear page, 410, nothing new written.
    opnieuw = client.post(_url(verzoek), {"antwoord": "klopt"})
    assert opnieuw.status_code == 410
    assert "al gebruikt" in opnieuw.content.decode()
    assert client.get(_url(verzoek)).status_code == 410
    assert Controle.objects.count() == 2


def test_een_gewijzigde_link_wordt_geweigerd(client, verzoek):
    token = bevestigingstoken(verzoek)
    vervalst = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    antwoord = client.post(reverse("beheer:bevestigen", args=[vervalst]))
    assert antwoord.status_code == 400
    assert "niet geldig" in antwoord.content.decode()
    verzoek.refresh_from_db()
    assert verzoek.beantwoord_op is None
    assert Controle.objects.count() == 0


def test_een_verlopen_link_wordt_geweigerd(client, verzoek, settings):
    settings.BEVESTIGING_GELDIG_DAGEN = 30
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 31 * 86400):
        token = bevestigingstoken(verzoek)  # signed 31 days ago
    antwoord = client.post(reverse("beheer:bevestigen", args=[token]))
    assert antwoord.status_code == 410
    assert "verlopen" in antwoord.content.decode()
    verzoek.refresh_from_db()
    assert verzoek.beantwoord_op is None
    assert Controle.objects.count() == 0


def test_aanpassen_legt_een_melding_klaar_voor_de_zone(client, verzoek, organisatie):
    url = _url(verzoek, "beheer:bevestigen_aanpassen")
    html = client.get(url).content.decode()
    assert "redacteur" in html and reverse("beheer:mijn_aanbod") in html
    aanbod = organisatie.aanbod.get(naam="Onthaal")
    te_kort = client.post(url, {"aanbod": aanbod.pk, "beschrijving": "kort"})
    assert te_kort.status_code == 400
    antwoord = client.post(url, {"aanbod": aanbod.pk, "beschrijving": "Nieuw telefoonnummer: 014 12 34 56."})
    assert antwoord.status_code == 200
    suggestie = Suggestie.objects.get()
    assert suggestie.aanbod == aanbod and suggestie.zone.code == "kempenland"
    assert suggestie.email == "onthaal@voorbeeld.be" and suggestie.antwoord_uiterlijk is not None
    verzoek.refresh_from_db()
    assert verzoek.antwoord == "aanpassen"
    assert client.post(url, {"aanbod": aanbod.pk, "beschrijving": "Nog eens iets anders."}).status_code == 410
    assert Suggestie.objects.count() == 1
