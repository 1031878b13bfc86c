"""The referral state machine: the whole transition table, reasons, consent, roles, event log."""

import datetime as dt
import itertools

import pytest
from django.db import IntegrityError, InternalError, transaction
from django.urls import reverse
from django.utils import timezone

from doorverwijzing.constants import ACTIE_DOOR, ACTIE_NAAR_STATUS, TOEGESTANE_OVERGANGEN, Reden, Status, Uitkomst
from doorverwijzing.models import Doorverwijzing, Gebeurtenis, Inzage, Melding, Toestemming
from doorverwijzing.services import (
    DoorverwijzingFout,
    GeenRecht,
    OngeldigeOvergang,
    doorverwijzing_overgang,
    toestemming_intrekken,
)
from tests.doorverwijzing.conftest import maak_concept

pytestmark = pytest.mark.django_db

VOLLEDIG = {
    "reden": Reden.GEEN_CAPACITEIT,
    "uitkomst": Uitkomst.GEHOLPEN,
    "overbruggingsplan": "Het Sociaal Huis blijft wekelijks bellen.",
    "verwachte_start": dt.date(2027, 1, 15),
}


def _doe(doorverwijzing, actie, gebruikers):
    kant = "verwijzer" if "verwijzer" in ACTIE_DOOR[actie] else "ontvanger"
    return doorverwijzing_overgang(doorverwijzing=doorverwijzing, actie=actie, door=gebruikers[kant], **VOLLEDIG)


@pytest.mark.parametrize(("van", "actie"), list(itertools.product(Status.values, ACTIE_NAAR_STATUS)))
def test_de_hele_overgangstabel(gebruikers, concept, van, actie):
    Doorverwijzing.objects.filter(pk=concept.pk).update(
        status=van,
        status_reden="andere" if van in ("rejected", "on-hold", "failed", "cancelled") else "",
        uitkomst="geholpen" if van == "completed" else "",
        overbruggingsplan="x" if van == "on-hold" else "",
    )
    concept.refresh_from_db()
    naar = ACTIE_NAAR_STATUS[actie]
    if van == Status.DRAFT and ACTIE_DOOR[actie] == {"ontvanger"}:
        with pytest.raises(GeenRecht):  # a draft does not exist yet for the receiving side
            _doe(concept, actie, gebruikers)
    elif naar in TOEGESTANE_OVERGANGEN[van]:
        assert _doe(concept, actie, gebruikers).status == naar
        assert Gebeurtenis.objects.filter(doorverwijzing=concept, van_status=van, naar_status=naar).exists()
    else:
        with pytest.raises(OngeldigeOvergang) as fout:
            _doe(concept, actie, gebruikers)
        assert set(fout.value.toegestaan) == {
            a for a, s in ACTIE_NAAR_STATUS.items() if s in TOEGESTANE_OVERGANGEN[van]
        }
        concept.refresh_from_db()
        assert concept.status == van


def test_de_volledige_lus(gebruikers, concept):
    doorverwijzing_overgang(doorverwijzing=concept, actie="versturen", door=gebruikers["verwijzer"])
    doorverwijzing_overgang(doorverwijzing=concept, actie="aanvaarden", door=gebruikers["ontvanger"])
    doorverwijzing_overgang(
        doorverwijzing=concept,
        actie="in-wacht",
        door=gebruikers["ontvanger"],
        reden=Reden.GEEN_CAPACITEIT,
        overbruggingsplan="Het CAW-onthaal belt elke week.",
        verwachte_start=dt.date(2027, 2, 1),
    )
    doorverwijzing_overgang(doorverwijzing=concept, actie="starten", door=gebruikers["ontvanger"])
    klaar = doorverwijzing_overgang(
        doorverwijzing=concept, actie="afronden", door=gebruikers["ontvanger"], uitkomst=Uitkomst.GESTART
    )
    assert klaar.status == Status.COMPLETED and klaar.afgesloten_op and klaar.verstuurd_op and klaar.eerste_reactie_op
    assert klaar.behandelaar == gebruikers["ontvanger"]
    assert list(Gebeurtenis.objects.filter(doorverwijzing=concept).values_list("naar_status", flat=True)) == [
        "draft",
        "requested",
        "accepted",
        "on-hold",
        "in-progress",
        "completed",
    ]
    # each side was told, without personal content
    assert Melding.objects.filter(user=gebruikers["verwijzer"], doorverwijzing=concept).count() == 4
    assert not Melding.objects.filter(tekst__icontains="J. P.").exists()


@pytest.mark.parametrize(
    ("actie", "invoer", "veld"),
    [
        ("weigeren", {}, "reden"),
        ("weigeren", {"reden": "andere"}, "toelichting"),
        ("in-wacht", {"reden": "geen_capaciteit"}, "overbruggingsplan"),
        ("mislukt", {"reden": "onzin"}, "reden"),
    ],
)
def test_verplichte_reden_en_overbrugging(gebruikers, concept, actie, invoer, veld):
    doorverwijzing_overgang(doorverwijzing=concept, actie="versturen", door=gebruikers["verwijzer"])
    with pytest.raises(DoorverwijzingFout) as fout:
        doorverwijzing_overgang(doorverwijzing=concept, actie=actie, door=gebruikers["ontvanger"], **invoer)
    assert fout.value.veld == veld
    concept.refresh_from_db()
    assert concept.status == Status.REQUESTED


def test_afronden_vraagt_een_uitkomst(gebruikers, concept):
    for actie in ("versturen", "aanvaarden", "starten"):
        _doe(concept, actie, gebruikers)
    with pytest.raises(DoorverwijzingFout) as fout:
        doorverwijzing_overgang(doorverwijzing=concept, actie="afronden", door=gebruikers["ontvanger"])
    assert fout.value.veld == "uitkomst"


def test_zonder_toestemming_kan_niets_verstuurd_worden(gebruikers, caw_aanbod):
    concept = maak_concept(gebruikers, caw_aanbod, met_toestemming=False)
    with pytest.raises(DoorverwijzingFout) as fout:
        doorverwijzing_overgang(doorverwijzing=concept, actie="versturen", door=gebruikers["verwijzer"])
    assert fout.value.veld == "toestemming"


def test_onvolledige_grond_wordt_door_de_databank_geweigerd(concept):
    Toestemming.objects.filter(doorverwijzing=concept).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        Toestemming.objects.create(
            doorverwijzing=concept,
            grond="gedeeld_beroepsgeheim",
            beiden_beroepsgeheim=True,
            zelfde_persoon=True,
            gedeeld_doel=True,
            persoon_geinformeerd=False,
            reikwijdte="x",
            gegeven_op=timezone.localdate(),
        )


def test_intrekken_van_toestemming_annuleert_en_logt(gebruikers, concept):
    _doe(concept, "versturen", gebruikers)
    toestemming_intrekken(doorverwijzing=concept, door=gebruikers["verwijzer"])
    concept.refresh_from_db()
    assert concept.status == Status.CANCELLED
    assert concept.gebeurtenissen.filter(soort="toestemming_ingetrokken").exists()


@pytest.mark.parametrize(
    ("gebruiker", "actie"),
    [
        ("ontvanger", "versturen"),
        ("verwijzer", "aanvaarden"),
        ("buitenstaander", "annuleren"),
        ("curator", "annuleren"),
    ],
)
def test_enkel_de_juiste_kant_mag_een_actie_doen(gebruikers, concept, gebruiker, actie):
    if actie != "versturen":
        _doe(concept, "versturen", gebruikers)
    with pytest.raises(GeenRecht):
        doorverwijzing_overgang(doorverwijzing=concept, actie=actie, door=gebruikers[gebruiker])


def test_gebeurtenissenlog_is_alleen_toevoegen(concept):
    gebeurtenis = concept.gebeurtenissen.first()
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        Gebeurtenis.objects.filter(pk=gebeurtenis.pk).update(soort="overgang")
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        Gebeurtenis.objects.filter(pk=gebeurtenis.pk).delete()
    Gebeurtenis.objects.filter(pk=gebeurtenis.pk).update(toelichting="")  # pseudonymisation is allowed


@pytest.mark.parametrize(
    ("gebruiker", "verwacht"),
    [
        (None, 302),
        ("buitenstaander", 404),
        ("curator", 404),
        ("beheerder", 404),
        ("redacteur", 404),
        ("verwijzer", 200),
        ("ontvanger", 200),
    ],
)
def test_enkel_beide_organisaties_zien_een_doorverwijzing(client, gebruikers, concept, gebruiker, verwacht):
    _doe(concept, "versturen", gebruikers)
    if gebruiker:
        client.force_login(gebruikers[gebruiker])
    antwoord = client.get(reverse("doorverwijzing:detail", args=[concept.uuid]))
    assert antwoord.status_code == verwacht
    assert Inzage.objects.filter(doorverwijzing=concept).count() == (1 if verwacht == 200 else 0)
    assert (Doorverwijzing.objects.zichtbaar_voor(gebruikers[gebruiker]).count() if gebruiker else 0) == (
        1 if verwacht == 200 else 0
    )


def test_eerste_opening_door_de_ontvanger_wordt_bewaard(client, gebruikers, concept):
    _doe(concept, "versturen", gebruikers)
    client.force_login(gebruikers["verwijzer"])
    client.get(reverse("doorverwijzing:detail", args=[concept.uuid]))
    concept.refresh_from_db()
    assert concept.eerst_geopend_op is None
    client.force_login(gebruikers["ontvanger"])
    client.get(reverse("doorverwijzing:detail", args=[concept.uuid]))
    concept.refresh_from_db()
    assert concept.eerst_geopend_op is not None


def test_een_concept_bestaat_niet_voor_de_ontvanger(client, gebruikers, caw_aanbod):
    concept = maak_concept(gebruikers, caw_aanbod)
    assert not Doorverwijzing.objects.zichtbaar_voor(gebruikers["ontvanger"]).filter(pk=concept.pk).exists()
    client.force_login(gebruikers["ontvanger"])
    assert client.get(reverse("doorverwijzing:detail", args=[concept.uuid])).status_code == 404
    with pytest.raises(GeenRecht):
        doorverwijzing_overgang(doorverwijzing=concept, actie="foutief", door=gebruikers["ontvanger"])


def test_een_bericht_van_de_ontvanger_telt_als_eerste_reactie(gebruikers, concept):
    from doorverwijzing.services import bericht_sturen

    _doe(concept, "versturen", gebruikers)
    bericht_sturen(doorverwijzing=concept, door=gebruikers["ontvanger"], tekst="We bellen morgen.")
    concept.refresh_from_db()
    assert concept.eerste_reactie_op is not None


def test_overdrachtsnota_voor_alivia(client, gebruikers, concept):
    _doe(concept, "versturen", gebruikers)
    client.force_login(gebruikers["ontvanger"])
    inhoud = client.get(reverse("doorverwijzing:overdracht", args=[concept.uuid])).content.decode()
    assert "Schulden en dreigende uithuiszetting." in inhoud and "Alivia" in inhoud
    assert Inzage.objects.filter(doorverwijzing=concept, via="overdracht").exists()
    client.force_login(gebruikers["buitenstaander"])
    assert client.get(reverse("doorverwijzing:overdracht", args=[concept.uuid])).status_code == 404
