"""Reports from the field in the zone's inbox: deadlines, handling, and the answer e-mailed to the reporter."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from aanbod.beheer.actualiteit.services import suggestie_behandelen
from aanbod.models import Suggestie, SuggestieSoort, SuggestieStatus
from tests.factories import AanbodFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def aanbod(zone):
    aanbod = AanbodFactory(naam="Praatgroep mantelzorg")
    aanbod.werkingsgebied_zones.add(zone)
    return aanbod


@pytest.fixture
def melding(zone, aanbod):
    return Suggestie.objects.create(
        soort=SuggestieSoort.FOUT,
        aanbod=aanbod,
        zone=zone,
        beschrijving="Het telefoonnummer is veranderd.",
        email="melder@voorbeeld.be",
        antwoord_uiterlijk=timezone.localdate() - dt.timedelta(days=1),
    )


def test_een_publieke_melding_landt_met_termijn_in_de_inbox_van_de_zone(client, curator, aanbod):
    antwoord = client.post(
        reverse("aanbod:melden", args=[aanbod.slug]),
        {"beschrijving": "De openingsuren kloppen niet meer.", "email": ""},
    )
    assert antwoord.status_code == 302
    suggestie = Suggestie.objects.get()
    assert suggestie.zone.code == "kempenland"
    assert suggestie.antwoord_uiterlijk == timezone.localdate() + dt.timedelta(days=14)
    client.force_login(curator)
    html = client.get(reverse("beheer:meldingen")).content.decode()
    assert "De openingsuren kloppen niet meer." in html


def test_de_inbox_toont_wie_te_laat_is(client, curator, melding):
    client.force_login(curator)
    html = client.get(reverse("beheer:meldingen")).content.decode()
    assert 'class="te-laat"' in html and "te laat" in html
    # Closed reports leave the default (open) view.
    Suggestie.objects.filter(pk=melding.pk).update(status=SuggestieStatus.AFGEHANDELD)
    html = client.get(reverse("beheer:meldingen")).content.decode()
    assert "Praatgroep mantelzorg" not in html
    assert "Praatgroep mantelzorg" in client.get(reverse("beheer:meldingen"), {"status": "alle"}).content.decode()


def test_afhandelen_met_antwoord_mailt_de_melder_een_keer(client, curator, melding, django_capture_on_commit_callbacks):
    client.force_login(curator)
    url = reverse("beheer:melding", args=[melding.pk])
    assert client.get(url).status_code == 200
    gegevens = {"status": "afgehandeld", "toegewezen_aan": curator.pk, "antwoord": "Aangepast, bedankt!"}
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(url, gegevens)
    assert antwoord.status_code == 302
    melding.refresh_from_db()
    assert melding.status == "afgehandeld"
    assert melding.toegewezen_aan == curator
    assert melding.behandeld_op is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["melder@voorbeeld.be"]
    assert "Aangepast, bedankt!" in mail.outbox[0].body
    # Saving the closed report again sends nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, gegevens)
    assert len(mail.outbox) == 1


def test_geen_mail_zonder_adres_of_zonder_antwoord(curator, melding, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        suggestie_behandelen(suggestie=melding, door=curator, status="afgewezen", antwoord="")
    assert mail.outbox == []
    melding.refresh_from_db()
    assert melding.behandeld_op is not None
    # Reopened: no longer handled.
    suggestie_behandelen(suggestie=melding, door=curator, status="in_behandeling")
    melding.refresh_from_db()
    assert melding.behandeld_op is None


def test_toewijzen_aan_iemand_die_geen_curator_van_de_zone_is_geeft_een_fout(client, curator, melding):
    buitenstaander = UserFactory(username="niet-curator")
    client.force_login(curator)
    antwoord = client.post(
        reverse("beheer:melding", args=[melding.pk]), {"status": "nieuw", "toegewezen_aan": buitenstaander.pk}
    )
    assert antwoord.status_code == 400
    melding.refresh_from_db()
    assert melding.toegewezen_aan is None
