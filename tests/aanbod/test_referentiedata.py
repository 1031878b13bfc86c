"""The reference data: real Flemish geography, curated vocabularies, concepts and glossary."""

import pytest

from aanbod.models import (
    Begrip,
    Doelgroep,
    Eerstelijnszone,
    Gemeente,
    GemeenteAlias,
    Ondersteuningsvorm,
    PostPlaats,
    ZoneLidmaatschap,
)
from aanbod.referentiedata import laad_referentiedata, plaatsnaam

pytestmark = pytest.mark.django_db


def test_alle_zones_gemeenten_en_postplaatsen_zijn_geladen():
    assert Eerstelijnszone.objects.count() == 60
    assert Gemeente.objects.count() == 565
    assert Gemeente.objects.vlaams_of_brussels().count() == 304
    assert PostPlaats.objects.count() == 2781
    # Every Flemish and Brussels municipality belongs to at least one zone.
    zonder_zone = Gemeente.objects.vlaams_of_brussels().filter(lidmaatschappen__isnull=True)
    assert list(zonder_zone) == []


def test_de_kempen_zijn_vier_zones_met_27_gemeenten():
    kempen = ZoneLidmaatschap.objects.filter(zone__code__in=["baldemore", "kempenland", "middenkempen", "zuiderkempen"])
    assert kempen.count() == 27
    assert sorted(ZoneLidmaatschap.objects.filter(zone__code="baldemore").values_list("gemeente__naam", flat=True)) == [
        "Balen",
        "Dessel",
        "Mol",
        "Retie",
    ]


def test_antwerpen_is_per_postcode_over_vier_zones_verdeeld():
    antwerpen = Gemeente.objects.get(nis_code="11002")
    per_zone = dict(antwerpen.lidmaatschappen.values_list("zone__naam", "postcodes"))
    assert set(per_zone) == {"Antwerpen Centrum", "Noord Antwerpen", "Antwerpen Oost", "Antwerpen Zuid"}
    assert "2000" in per_zone["Antwerpen Centrum"]
    assert per_zone["Antwerpen Oost"] == ["2100", "2140"]


def test_gefuseerde_gemeenten_blijven_vindbaar_onder_hun_oude_naam():
    assert GemeenteAlias.objects.get(naam="Kortessem").gemeente.naam == "Hasselt"
    assert GemeenteAlias.objects.get(naam="Borsbeek").gemeente.naam == "Antwerpen"
    assert GemeenteAlias.objects.get(naam="Gooik").gemeente.naam == "Pajottegem"
    assert not GemeenteAlias.objects.filter(naam="Hasselt").exists()


def test_postplaatsen_houden_de_deelgemeenten_met_coordinaten():
    olmen = PostPlaats.objects.get(postcode="2491")
    assert olmen.naam == "Olmen" and olmen.gemeente.naam == "Balen"
    assert 51.0 < olmen.latitude < 51.3


@pytest.mark.parametrize(
    ("geonames", "verwacht"),
    [("Heist-Op-Den-Berg", "Heist-op-den-Berg"), ("Sint-Job-In-'T-Goor", "Sint-Job-in-'t-Goor"), ("Mol", "Mol")],
)
def test_plaatsnamen_krijgen_nederlandse_hoofdletters(geonames, verwacht):
    assert plaatsnaam(geonames) == verwacht


def test_vocabularia_concepten_en_begrippen_zijn_geladen():
    assert Doelgroep.objects.filter(code="mantelzorgers").exists()
    assert Ondersteuningsvorm.objects.count() >= 24
    assert Ondersteuningsvorm.objects.filter(uit_matrix=True).count() == 24
    assert Begrip.objects.count() >= 40
    assert Begrip.objects.filter(afkorting="MDO").count() >= 2  # MDO has several meanings


def test_tweede_keer_laden_verandert_niets():
    verslag = laad_referentiedata()
    assert not verslag.gewijzigd, verslag.regels()


def test_laden_herstelt_gewijzigde_geografie_maar_niet_gecureerde_teksten():
    Gemeente.objects.filter(nis_code="13008").update(naam="Gheel")
    concept = Ondersteuningsvorm.objects.order_by("slug").first()
    concept.samenvatting = "Door een curator herschreven."
    concept.save(update_fields=["samenvatting"])

    verslag = laad_referentiedata()

    assert verslag.tellingen["gemeenten"].bijgewerkt == 1
    assert Gemeente.objects.get(nis_code="13008").naam == "Geel"
    concept.refresh_from_db()
    assert concept.samenvatting == "Door een curator herschreven."

    laad_referentiedata(bijwerken=True)
    concept.refresh_from_db()
    assert concept.samenvatting != "Door een curator herschreven."


def test_verwijderde_waarden_komen_terug_en_niets_wordt_verwijderd():
    Doelgroep.objects.filter(code="mantelzorgers").update(actief=False)
    extra = Doelgroep.objects.create(code="lokaal-toegevoegd", label="Lokaal toegevoegd")
    laad_referentiedata()
    assert Doelgroep.objects.filter(pk=extra.pk).exists()
    assert not Doelgroep.objects.get(code="mantelzorgers").actief  # a retired value stays retired
