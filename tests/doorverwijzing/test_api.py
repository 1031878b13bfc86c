"""The referral API: scoped by organisation, transitions as actions, 409/400 with clear messages."""

import pytest
from django.test import Client
from django.utils import timezone

from doorverwijzing.constants import ACTIE_DOOR, ACTIE_NAAR_STATUS, Status
from doorverwijzing.models import Doorverwijzing, Inzage

pytestmark = pytest.mark.django_db
URL = "/api/v1/doorverwijzingen/"


def api(gebruiker) -> Client:
    client = Client()
    client.force_login(gebruiker)
    return client


def nieuw(caw_aanbod, **extra):
    gegevens = {
        "aanbod": str(caw_aanbod.uuid),
        "persoon": {
            "naam": "M. D.",
            "geboortejaar": 1949,
            "gemeente": "13040",
            "contactwijze": "telefoon",
            "contactgegevens": "014 00 00 00",
        },
        "vraag": "Zorgt alleen voor haar man met dementie en is uitgeput.",
        "toestemming": {
            "grond": "toestemming",
            "vorm": "mondeling",
            "bevestigd_door_verwijzer": True,
            "reikwijdte": "Contact en hulpvraag",
            "gegeven_op": timezone.localdate().isoformat(),
        },
    }
    gegevens.update(extra)
    return gegevens


def test_aanmaken_versturen_en_de_hele_lus_via_de_api(gebruikers, caw_aanbod):
    verwijzer, ontvanger = api(gebruikers["verwijzer"]), api(gebruikers["ontvanger"])
    aangemaakt = verwijzer.post(URL, nieuw(caw_aanbod), content_type="application/json")
    assert aangemaakt.status_code == 201, aangemaakt.content
    id_ = aangemaakt.json()["id"]
    assert aangemaakt.json()["status"] == "draft"
    assert aangemaakt.json()["toegestane_acties"] == ["versturen", "annuleren", "foutief"]
    assert ontvanger.get(f"{URL}{id_}/").status_code == 404  # a draft is not theirs yet

    assert verwijzer.post(f"{URL}{id_}/versturen/").json()["status"] == "requested"
    assert ontvanger.post(f"{URL}{id_}/aanvaarden/", {"verwachte_status": "requested"}).json()["status"] == "accepted"
    wacht = ontvanger.post(
        f"{URL}{id_}/in-wacht/",
        {
            "reden": "geen_capaciteit",
            "overbruggingsplan": "Het Sociaal Huis belt wekelijks.",
            "verwachte_start": "2027-02-01",
        },
        content_type="application/json",
    )
    assert wacht.json()["status"] == "on-hold"
    ontvanger.post(f"{URL}{id_}/starten/")
    klaar = ontvanger.post(f"{URL}{id_}/afronden/", {"uitkomst": "geholpen"})
    assert klaar.json()["status"] == "completed"
    ontvanger.post(
        f"{URL}{id_}/terugkoppelingen/",
        {"tekst": "Begeleiding loopt, mantelzorgpremie aangevraagd.", "persoon_gecontacteerd": True},
        content_type="application/json",
    )
    terug = verwijzer.get(f"{URL}{id_}/terugkoppelingen/").json()
    assert terug[0]["tekst"].startswith("Begeleiding loopt")
    assert Inzage.objects.filter(doorverwijzing__uuid=id_, via="api").exists() is False  # lists/actions are not reads
    verwijzer.get(f"{URL}{id_}/")
    assert Inzage.objects.filter(doorverwijzing__uuid=id_, via="api").count() == 1


def test_status_is_alleen_lezen(gebruikers, caw_aanbod):
    verwijzer = api(gebruikers["verwijzer"])
    antwoord = verwijzer.post(URL, nieuw(caw_aanbod, status="completed"), content_type="application/json")
    assert antwoord.json()["status"] == "draft"
    id_ = antwoord.json()["id"]
    assert verwijzer.patch(f"{URL}{id_}/", {"status": "completed"}, content_type="application/json").status_code == 405


def test_verboden_overgang_is_409_met_de_toegestane_acties(gebruikers, concept):
    verwijzer = api(gebruikers["verwijzer"])
    antwoord = verwijzer.post(f"{URL}{concept.uuid}/afronden/")
    assert antwoord.status_code in (403, 409)
    antwoord = verwijzer.post(f"{URL}{concept.uuid}/versturen/")
    assert antwoord.status_code == 200
    nog_eens = verwijzer.post(f"{URL}{concept.uuid}/versturen/")
    assert nog_eens.status_code == 409
    assert "annuleren" in nog_eens.json()["detail"] and nog_eens.json()["code"] == "ongeldige_overgang"


def test_ontbrekende_reden_is_400_met_het_veld(gebruikers, concept):
    api(gebruikers["verwijzer"]).post(f"{URL}{concept.uuid}/versturen/")
    antwoord = api(gebruikers["ontvanger"]).post(f"{URL}{concept.uuid}/weigeren/")
    assert antwoord.status_code == 400
    assert "reden" in antwoord.json()["fields"]
    concept.refresh_from_db()
    assert concept.status == Status.REQUESTED


def test_wie_een_andere_status_zag_krijgt_409(gebruikers, concept):
    api(gebruikers["verwijzer"]).post(f"{URL}{concept.uuid}/versturen/")
    ontvanger = api(gebruikers["ontvanger"])
    ontvanger.post(f"{URL}{concept.uuid}/aanvaarden/", {"verwachte_status": "requested"})
    te_laat = ontvanger.post(
        f"{URL}{concept.uuid}/weigeren/", {"verwachte_status": "requested", "reden": "geen_capaciteit"}
    )
    assert te_laat.status_code == 409
    assert te_laat.json()["code"] == "al_gewijzigd"


@pytest.mark.parametrize("gebruiker", ["buitenstaander", "curator", "beheerder", "redacteur"])
def test_buitenstaanders_zien_niets(gebruikers, concept, gebruiker):
    api(gebruikers["verwijzer"]).post(f"{URL}{concept.uuid}/versturen/")
    client = api(gebruikers[gebruiker])
    assert client.get(URL).json()["count"] == 0
    for antwoord in (
        client.get(f"{URL}{concept.uuid}/"),
        client.post(f"{URL}{concept.uuid}/annuleren/", {"reden": "niet_meer_nodig"}),
        client.get(f"{URL}{concept.uuid}/berichten/"),
    ):
        assert antwoord.status_code == 404


def test_anoniem_is_401_en_zonder_cors(client, concept):
    antwoord = client.get(URL, HTTP_ORIGIN="https://ergens.example")
    assert antwoord.status_code in (401, 403)
    assert "Access-Control-Allow-Origin" not in antwoord


@pytest.mark.parametrize(("kant", "actie"), [(k, a) for a in ACTIE_NAAR_STATUS for k in ("verwijzer", "ontvanger")])
def test_rol_maal_actie_op_een_verstuurde_doorverwijzing(gebruikers, concept, kant, actie):
    api(gebruikers["verwijzer"]).post(f"{URL}{concept.uuid}/versturen/")
    invoer = {"reden": "niet_meer_nodig", "uitkomst": "geholpen", "overbruggingsplan": "Wekelijks contact."}
    antwoord = api(gebruikers[kant]).post(f"{URL}{concept.uuid}/{actie}/", invoer)
    mag = kant in ACTIE_DOOR[actie]
    toegestaan_vanuit_verstuurd = ACTIE_NAAR_STATUS[actie] in {
        "accepted",
        "rejected",
        "on-hold",
        "cancelled",
        "failed",
        "entered-in-error",
    }
    if not mag:
        assert antwoord.status_code == 403
    elif toegestaan_vanuit_verstuurd:
        assert antwoord.status_code == 200, antwoord.content
    else:
        assert antwoord.status_code == 409
    assert Doorverwijzing.objects.get(pk=concept.pk).status == (
        ACTIE_NAAR_STATUS[actie] if mag and toegestaan_vanuit_verstuurd else Status.REQUESTED
    )
