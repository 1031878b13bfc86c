"""History of an aanbod: one record per change with who and why, a baseline for bulk data, revert."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from aanbod.beheer.voorstellen import services
from aanbod.beheer.voorstellen.weergave import record_verschillen, verschillen
from aanbod.constants import Capaciteit, Kostprijs, MedewerkerRol
from aanbod.models import Aanbod, Beheeractie, Doelgroep, Eerstelijnszone, Medewerker
from tests.beheer.test_voorstellen_services import maak_aanbod
from tests.factories import OrganisatieFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def aanbod(zone):
    organisatie = OrganisatieFactory()
    Medewerker.objects.create(user=UserFactory(username="red"), organisatie=organisatie, rol=MedewerkerRol.REDACTEUR)
    return maak_aanbod(organisatie, zone, telefoon="014 11 11 11")


def records(aanbod):
    return list(Aanbod.historiek.filter(id=aanbod.pk).order_by("history_date", "history_id"))


def test_eerste_bewerking_legt_een_beginstand_en_een_record_vast(aanbod, curator):
    doelgroepen = list(Doelgroep.objects.values_list("pk", flat=True)[:2])

    services.aanbod_bewerken(
        aanbod=aanbod,
        door=curator,
        waarden={"telefoon": "014 22 22 22", "doelgroepen": doelgroepen},
        met_goedkeuring=False,
    )

    beginstand, bewerking = records(aanbod)
    assert beginstand.history_type == "+" and beginstand.telefoon == "014 11 11 11"
    assert not beginstand.doelgroepen.exists()
    assert bewerking.history_user == curator and bewerking.history_change_reason == f"Bewerkt door {curator.username}"
    assert sorted(r.doelgroep_id for r in bewerking.doelgroepen.all()) == sorted(doelgroepen)
    # One record for the whole edit, not one per save() and per .set().
    assert len(records(aanbod)) == 2


def test_terugzetten_herstelt_velden_en_veel_op_veel(aanbod, curator, zone):
    andere_zone = Eerstelijnszone.objects.exclude(pk=zone.pk).first()
    doelgroep = Doelgroep.objects.first()
    services.aanbod_bewerken(
        aanbod=aanbod,
        door=curator,
        waarden={
            "telefoon": "014 22 22 22",
            "kostprijs": Kostprijs.BIJDRAGE,
            "doelgroepen": [doelgroep.pk],
            "werkingsgebied_zones": [andere_zone.pk],
        },
        met_goedkeuring=False,
    )
    services.capaciteit_publiceren(aanbod=aanbod, capaciteit=Capaciteit.VOLZET, wachttijd_weken=None, door=curator)
    beginstand = records(aanbod)[0]

    gewijzigd = services.aanbod_terugzetten(aanbod=aanbod, record=beginstand, door=curator)

    aanbod.refresh_from_db()
    assert set(gewijzigd) == {"telefoon", "kostprijs", "doelgroepen", "werkingsgebied_zones"}
    assert aanbod.telefoon == "014 11 11 11"
    assert aanbod.kostprijs == Kostprijs.GRATIS
    assert not aanbod.doelgroepen.exists()
    assert list(aanbod.werkingsgebied_zones.all()) == [zone]
    # Capacity is today's fact, not content: a revert leaves it alone.
    assert aanbod.capaciteit == Capaciteit.VOLZET
    laatste = records(aanbod)[-1]
    assert laatste.history_change_reason.startswith("Teruggezet naar de versie van")
    assert Beheeractie.objects.filter(actie="aanbod_teruggezet", object_id=str(aanbod.pk)).exists()


def test_een_terugzetting_kan_zelf_teruggezet_worden(aanbod, curator):
    services.aanbod_bewerken(aanbod=aanbod, door=curator, waarden={"telefoon": "014 22"}, met_goedkeuring=False)
    beginstand, bewerkt = records(aanbod)
    services.aanbod_terugzetten(aanbod=aanbod, record=beginstand, door=curator)

    services.aanbod_terugzetten(aanbod=aanbod, record=bewerkt, door=curator)

    aanbod.refresh_from_db()
    assert aanbod.telefoon == "014 22"


def test_terugzetten_naar_de_huidige_stand_wordt_geweigerd(aanbod, curator):
    services.aanbod_bewerken(aanbod=aanbod, door=curator, waarden={"telefoon": "014 22"}, met_goedkeuring=False)

    with pytest.raises(ValidationError, match="al gelijk"):
        services.aanbod_terugzetten(aanbod=aanbod, record=records(aanbod)[-1], door=curator)


def test_terugzetten_met_een_versie_van_een_ander_aanbod_wordt_geweigerd(aanbod, curator, zone):
    ander = maak_aanbod(OrganisatieFactory(), zone)
    services.aanbod_bewerken(aanbod=ander, door=curator, waarden={"telefoon": "1"}, met_goedkeuring=False)

    with pytest.raises(ValidationError):
        services.aanbod_terugzetten(aanbod=aanbod, record=records(ander)[0], door=curator)


def test_verschil_van_een_record_in_woorden(aanbod, curator):
    doelgroep = Doelgroep.objects.first()
    services.aanbod_bewerken(
        aanbod=aanbod,
        door=curator,
        waarden={"kostprijs": Kostprijs.INKOMEN, "doelgroepen": [doelgroep.pk], "talen": ["fr", "nl"]},
        met_goedkeuring=False,
    )
    beginstand, bewerkt = records(aanbod)

    rijen = {v.veld: v for v in record_verschillen(bewerkt, beginstand)}

    assert set(rijen) == {"kostprijs", "doelgroepen", "talen"}
    assert (rijen["kostprijs"].oud, rijen["kostprijs"].nieuw) == ("Gratis", "Op basis van inkomen")
    assert (rijen["doelgroepen"].oud, rijen["doelgroepen"].nieuw) == ("—", doelgroep.label)
    assert rijen["talen"].nieuw == "Frans, Nederlands"
    assert rijen["doelgroepen"].label == "Doelgroepen"


def test_verschil_van_een_voorstel_toont_namen_en_wat_intussen_online_staat():
    zones = list(Eerstelijnszone.objects.order_by("naam")[:2])
    rijen = verschillen(
        {
            "werkingsgebied_zones": {"oud": [zones[0].pk], "nieuw": [z.pk for z in zones]},
            "werkingsgebied_vlaanderen": {"oud": False, "nieuw": True},
        },
        huidig={"werkingsgebied_zones": [], "werkingsgebied_vlaanderen": False},
    )

    vlaanderen, zone_rij = rijen
    assert (vlaanderen.oud, vlaanderen.nieuw, vlaanderen.nu) == ("nee", "ja", "")
    assert zone_rij.oud == zones[0].weergavenaam
    assert zone_rij.nieuw == ", ".join(sorted(z.weergavenaam for z in zones))
    assert zone_rij.nu == "—"
