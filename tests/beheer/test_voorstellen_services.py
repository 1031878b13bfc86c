"""Redacteurs' edits: critical fields become one open proposal, a curator approves or rejects it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from aanbod.beheer.voorstellen import services
from aanbod.constants import Capaciteit
from aanbod.models import (
    Aanbod,
    Beheeractie,
    Doelgroep,
    Voorstel,
    VoorstelStatus,
)

pytestmark = pytest.mark.django_db


def maak_aanbod(organisatie, zone, **velden) -> Aanbod:
    """An aanbod inserted in bulk, without history (as demo, imported and generated data are)."""
    aanbod = Aanbod(organisatie=organisatie, slug=f"aanbod-{organisatie.slug}", naam="Praatgroep", **velden)
    Aanbod.objects.bulk_create([aanbod])
    Aanbod.werkingsgebied_zones.through.objects.bulk_create(
        [Aanbod.werkingsgebied_zones.through(aanbod_id=aanbod.pk, eerstelijnszone_id=zone.pk)]
    )
    return aanbod


@pytest.fixture
def aanbod(redacteur, zone):
    return maak_aanbod(redacteur.medewerkerschappen.get().organisatie, zone, telefoon="014 11 11 11")


def bewerk(aanbod, door, met_goedkeuring=True, **waarden):
    return services.aanbod_bewerken(
        aanbod=aanbod, door=door, waarden=waarden, met_goedkeuring=met_goedkeuring, toelichting="verhuisd"
    )


def test_niet_kritieke_velden_staan_meteen_online_kritieke_worden_een_voorstel(aanbod, redacteur):
    resultaat = bewerk(aanbod, redacteur, beschrijving="Elke maand.", telefoon="014 22 22 22")

    aanbod.refresh_from_db()
    assert aanbod.beschrijving == "Elke maand."
    assert aanbod.telefoon == "014 11 11 11"
    assert resultaat.gepubliceerd == ["beschrijving"]
    assert resultaat.voorstel.wijzigingen == {"telefoon": {"oud": "014 11 11 11", "nieuw": "014 22 22 22"}}
    assert resultaat.voorstel.status == VoorstelStatus.OPEN
    assert resultaat.voorstel.toelichting == "verhuisd"


def test_veel_op_veel_in_een_voorstel_als_gesorteerde_pks(aanbod, redacteur):
    doelgroepen = sorted(Doelgroep.objects.values_list("pk", flat=True)[:2], reverse=True)

    voorstel = bewerk(aanbod, redacteur, doelgroepen=sorted(doelgroepen)).voorstel

    assert voorstel.wijzigingen == {"doelgroepen": {"oud": [], "nieuw": sorted(doelgroepen)}}


def test_een_tweede_bewerking_werkt_hetzelfde_open_voorstel_bij(aanbod, redacteur):
    eerste = bewerk(aanbod, redacteur, telefoon="014 22 22 22").voorstel
    tweede = bewerk(aanbod, redacteur, telefoon="014 33 33 33", email="info@example.org").voorstel

    assert eerste.pk == tweede.pk
    assert Voorstel.objects.filter(aanbod=aanbod, status=VoorstelStatus.OPEN).count() == 1
    assert set(tweede.wijzigingen) == {"telefoon", "email"}
    assert tweede.wijzigingen["telefoon"]["nieuw"] == "014 33 33 33"


def test_kritieke_velden_terug_gelijk_trekt_het_voorstel_in(aanbod, redacteur):
    voorstel = bewerk(aanbod, redacteur, telefoon="014 22 22 22").voorstel

    resultaat = bewerk(aanbod, redacteur, telefoon="014 11 11 11")

    voorstel.refresh_from_db()
    assert resultaat.voorstel_ingetrokken
    assert voorstel.status == VoorstelStatus.INGETROKKEN


def test_een_curator_publiceert_ook_kritieke_velden_meteen(aanbod, curator):
    resultaat = bewerk(aanbod, curator, met_goedkeuring=False, telefoon="014 22 22 22")

    aanbod.refresh_from_db()
    assert aanbod.telefoon == "014 22 22 22"
    assert resultaat.voorstel is None
    assert not Voorstel.objects.exists()


def test_goedkeuren_past_toe_met_historiek_die_het_voorstel_noemt(
    aanbod, redacteur, curator, django_capture_on_commit_callbacks
):
    doelgroep = Doelgroep.objects.first()
    voorstel = bewerk(aanbod, redacteur, telefoon="014 22 22 22", doelgroepen=[doelgroep.pk]).voorstel

    with django_capture_on_commit_callbacks(execute=True):
        services.voorstel_goedkeuren(voorstel=voorstel, door=curator)

    aanbod.refresh_from_db()
    voorstel.refresh_from_db()
    assert aanbod.telefoon == "014 22 22 22"
    assert list(aanbod.doelgroepen.all()) == [doelgroep]
    assert voorstel.status == VoorstelStatus.GOEDGEKEURD
    assert voorstel.beoordeeld_door == curator
    laatste = Aanbod.historiek.filter(id=aanbod.pk).order_by("-history_date", "-history_id").first()
    assert f"Voorstel {voorstel.pk}" in laatste.history_change_reason
    assert laatste.history_user == curator
    assert [d.pk for d in laatste.doelgroepen.all()] and laatste.doelgroepen.get().doelgroep_id == doelgroep.pk
    assert Beheeractie.objects.filter(actie="voorstel_goedgekeurd", object_id=str(voorstel.pk)).exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["red@example.org"]
    assert "goedgekeurd" in mail.outbox[0].body


def test_goedkeuren_weigert_als_het_aanbod_intussen_wijzigde(aanbod, redacteur, curator):
    voorstel = bewerk(aanbod, redacteur, telefoon="014 22 22 22").voorstel
    bewerk(aanbod, curator, met_goedkeuring=False, telefoon="014 99 99 99")

    with pytest.raises(ValidationError, match="intussen gewijzigd in: Telefoon"):
        services.voorstel_goedkeuren(voorstel=voorstel, door=curator)

    aanbod.refresh_from_db()
    voorstel.refresh_from_db()
    assert aanbod.telefoon == "014 99 99 99"
    assert voorstel.status == VoorstelStatus.OPEN


def test_goedkeuren_met_ongeldige_waarden_schrijft_niets_half(aanbod, redacteur, curator):
    # Two valid-looking values that together break a constraint: nothing of it may land.
    voorstel = Voorstel.objects.create(
        aanbod=aanbod,
        ingediend_door=redacteur,
        wijzigingen={
            "telefoon": {"oud": "014 11 11 11", "nieuw": "014 22 22 22"},
            "leeftijd_min": {"oud": None, "nieuw": 65},
            "leeftijd_max": {"oud": None, "nieuw": 18},
        },
    )
    geschiedenis = Aanbod.historiek.filter(id=aanbod.pk).count()

    with pytest.raises(ValidationError):
        services.voorstel_goedkeuren(voorstel=voorstel, door=curator)

    aanbod.refresh_from_db()
    voorstel.refresh_from_db()
    assert (aanbod.telefoon, aanbod.leeftijd_min) == ("014 11 11 11", None)
    assert voorstel.status == VoorstelStatus.OPEN
    assert Aanbod.historiek.filter(id=aanbod.pk).count() == geschiedenis
    assert not Beheeractie.objects.exists()


def test_afwijzen_vraagt_een_reden(aanbod, redacteur, curator):
    voorstel = bewerk(aanbod, redacteur, telefoon="014 22 22 22").voorstel

    with pytest.raises(ValidationError, match="reden"):
        services.voorstel_afwijzen(voorstel=voorstel, door=curator, reden="   ")

    voorstel.refresh_from_db()
    assert voorstel.status == VoorstelStatus.OPEN


def test_afwijzen_laat_het_aanbod_ongemoeid_en_meldt_de_reden(
    aanbod, redacteur, curator, django_capture_on_commit_callbacks
):
    voorstel = bewerk(aanbod, redacteur, telefoon="014 22 22 22").voorstel

    with django_capture_on_commit_callbacks(execute=True):
        services.voorstel_afwijzen(voorstel=voorstel, door=curator, reden="Nummer klopt niet.")

    aanbod.refresh_from_db()
    voorstel.refresh_from_db()
    assert aanbod.telefoon == "014 11 11 11"
    assert (voorstel.status, voorstel.reden) == (VoorstelStatus.AFGEWEZEN, "Nummer klopt niet.")
    assert Beheeractie.objects.filter(actie="voorstel_afgewezen").exists()
    assert "Nummer klopt niet." in mail.outbox[0].body


def test_een_beoordeeld_voorstel_kan_niet_nog_eens_beoordeeld_worden(aanbod, redacteur, curator):
    voorstel = bewerk(aanbod, redacteur, telefoon="014 22 22 22").voorstel
    services.voorstel_intrekken(voorstel=voorstel, door=redacteur)

    with pytest.raises(ValidationError, match="al beoordeeld"):
        services.voorstel_goedkeuren(voorstel=voorstel, door=curator)


def test_indienen_zonder_wijzigingen_wordt_geweigerd(aanbod, redacteur):
    with pytest.raises(ValidationError):
        services.voorstel_indienen(aanbod=aanbod, door=redacteur, wijzigingen={})


def test_capaciteit_publiceert_meteen_en_legt_eerst_een_beginstand_vast(aanbod, redacteur):
    services.capaciteit_publiceren(aanbod=aanbod, capaciteit=Capaciteit.WACHTLIJST, wachttijd_weken=6, door=redacteur)

    aanbod.refresh_from_db()
    assert (aanbod.capaciteit, aanbod.wachttijd_weken) == (Capaciteit.WACHTLIJST, 6)
    records = list(Aanbod.historiek.filter(id=aanbod.pk).order_by("history_date", "history_id"))
    assert [r.capaciteit for r in records] == [Capaciteit.ONBEKEND, Capaciteit.WACHTLIJST]
    assert records[0].history_type == "+"
    assert [z.eerstelijnszone_id for z in records[0].werkingsgebied_zones.all()] == list(
        aanbod.werkingsgebied_zones.values_list("pk", flat=True)
    )
