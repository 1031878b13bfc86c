"""The public pages: detail, organisation, concept, zone, glossary, guide PDF and reporting an error."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from aanbod.models import Aanbod, Begrip, Ondersteuningsvorm, Suggestie, SuggestieSoort

pytestmark = pytest.mark.django_db


@pytest.fixture
def aanbod(demodata):
    return Aanbod.objects.actief().filter(locaties__isnull=False, ondersteuningsvorm__isnull=False).first()


def test_home_stelt_een_vraag_en_biedt_ingangen(client, demodata):
    inhoud = client.get("/").content.decode()
    assert "Waar kan ik terecht?" in inhoud
    assert 'name="gemeente"' in inhoud
    assert "?thema=dementie" in inhoud and "?doelgroep=mantelzorgers" in inhoud


def test_detail_bevat_alles_om_door_te_verwijzen(client, aanbod, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):  # everything in one query (aanbod/detail.py)
        antwoord = client.get(reverse("aanbod:aanbod", args=[aanbod.slug]))
    inhoud = antwoord.content.decode()
    assert antwoord.status_code == 200
    for tekst in [
        "Voor wie",
        "Hoe kom je binnen?",
        "Kostprijs",
        "Plaats vrij?",
        "Contact",
        "Meld een fout of wijziging",
    ]:
        assert tekst in inhoud
    assert aanbod.organisatie.naam in inhoud
    assert aanbod.ondersteuningsvorm.samenvatting[:40] in inhoud
    locatie = aanbod.locaties.first()
    assert locatie.straat in inhoud


def test_stopgezet_aanbod_is_niet_meer_te_zien(client, aanbod):
    aanbod.status = "stopgezet"
    aanbod.save(update_fields=["status"])
    assert client.get(reverse("aanbod:aanbod", args=[aanbod.slug])).status_code == 404


def test_ondersteuningsvorm_legt_uit_en_toont_aanbieders_per_zone(client, demodata):
    vorm = Ondersteuningsvorm.objects.get(slug="dienst-ondersteuningsplan")
    inhoud = client.get(reverse("aanbod:ondersteuningsvorm", args=[vorm.slug])).content.decode()
    assert vorm.samenvatting in inhoud
    assert "ELZ Kempenland" in inhoud and "ELZ Baldemore" in inhoud


def test_zone_toont_aanbod_per_thema_en_filtert(client, demodata):
    inhoud = client.get(reverse("aanbod:zone", args=["kempenland"])).content.decode()
    assert 'id="thema-dementie"' in inhoud and 'id="thema-schulden"' in inhoud
    enkel = client.get(reverse("aanbod:zone", args=["kempenland"]), {"thema": "dementie"}).content.decode()
    assert 'id="thema-dementie"' in enkel and 'id="thema-schulden"' not in enkel


def test_begrippen_van_a_tot_z_met_ankers(client, demodata):
    inhoud = client.get(reverse("aanbod:begrippen")).content.decode()
    for begrip in Begrip.objects.filter(afkorting__in=["MDO", "ITP", "PVB"]):
        assert f'id="{begrip.slug}"' in inhoud
    assert 'href="#letter-M"' in inhoud


def test_gids_is_een_pdf_met_de_zone_en_het_thema(client, demodata):
    antwoord = client.get(reverse("aanbod:gids", args=["zuiderkempen"]), {"thema": "dementie"})
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"
    assert antwoord.content.startswith(b"%PDF")
    assert "welzijnsgids-zuiderkempen-dementie.pdf" in antwoord["Content-Disposition"]


def test_gids_met_onbekend_thema_of_gemeente_buiten_de_zone_is_404(client, demodata):
    assert client.get(reverse("aanbod:gids", args=["zuiderkempen"]), {"thema": "bestaat-niet"}).status_code == 404
    assert client.get(reverse("aanbod:gids", args=["zuiderkempen"]), {"gemeente": "13040"}).status_code == 404
    assert client.get(reverse("aanbod:gids", args=["bestaat-niet"])).status_code == 404


def test_plaatsen_suggereert_gemeenten_en_postcodes(client, demodata):
    namen = [r["waarde"] for r in client.get(reverse("aanbod:plaatsen"), {"q": "Her"}).json()["resultaten"]]
    assert "Herentals" in namen and "Herenthout" in namen
    postcodes = [r["waarde"] for r in client.get(reverse("aanbod:plaatsen"), {"q": "249"}).json()["resultaten"]]
    assert "2491 Olmen" in postcodes


class TestMelden:
    @pytest.fixture(autouse=True)
    def _lege_cache(self, demodata):
        cache.clear()
        # The demo data hold a few open reports for the curator's inbox; these tests count new ones.
        Suggestie.objects.all().delete()

    def test_melding_landt_bij_de_zone_met_termijn(self, client, aanbod):
        antwoord = client.post(
            reverse("aanbod:melden", args=[aanbod.slug]),
            {"beschrijving": "Het telefoonnummer is veranderd.", "email": "melder@example.be"},
        )
        assert antwoord.status_code == 302
        suggestie = Suggestie.objects.get(aanbod=aanbod)
        assert suggestie.soort == SuggestieSoort.FOUT
        assert suggestie.zone is not None
        assert suggestie.antwoord_uiterlijk is not None
        assert "Bedankt" in client.get(antwoord["Location"]).content.decode()

    def test_te_korte_melding_geeft_fout_naast_het_veld_en_bewaart_niets(self, client, aanbod):
        antwoord = client.post(reverse("aanbod:melden", args=[aanbod.slug]), {"beschrijving": "kort"})
        assert antwoord.status_code == 200
        assert "Beschrijf in een paar woorden" in antwoord.content.decode()
        assert not Suggestie.objects.exists()

    def test_honingpot_bewaart_niets_maar_bedankt_wel(self, client, aanbod):
        antwoord = client.post(
            reverse("aanbod:melden", args=[aanbod.slug]),
            {"beschrijving": "Koop goedkope horloges hier", "website": "http://spam.example"},
        )
        assert antwoord.status_code == 302
        assert not Suggestie.objects.exists()

    def test_meer_dan_vijf_meldingen_per_uur_worden_geweigerd(self, client, aanbod):
        url = reverse("aanbod:melden", args=[aanbod.slug])
        for _ in range(5):
            assert client.post(url, {"beschrijving": "Het adres klopt niet meer."}).status_code == 302
        antwoord = client.post(url, {"beschrijving": "Het adres klopt niet meer."})
        assert antwoord.status_code == 200
        assert "later opnieuw" in antwoord.content.decode()
        assert Suggestie.objects.count() == 5


def test_aanbod_ontbreekt_vanuit_een_lege_zoekopdracht(client, demodata):
    cache.clear()
    Suggestie.objects.all().delete()  # the demo's open reports
    leeg = client.get(reverse("aanbod:zoeken"), {"q": "paardentherapie", "gemeente": "Geel"}).content.decode()
    assert reverse("aanbod:ontbreekt") in leeg
    formulier = client.get(reverse("aanbod:ontbreekt"), {"q": "paardentherapie", "gemeente": "Geel"})
    assert "paardentherapie" in formulier.content.decode()
    antwoord = client.post(
        reverse("aanbod:ontbreekt"),
        {"q": "paardentherapie", "gemeente": "Geel", "beschrijving": "Er is geen paardentherapie voor jongeren."},
    )
    assert antwoord.status_code == 302
    suggestie = Suggestie.objects.get(soort=SuggestieSoort.ONTBREEKT)
    assert suggestie.zoekvraag == "paardentherapie"
    assert suggestie.zone.code == "zuiderkempen"


def test_aanbod_ontbreekt_zonder_gemeente_vraagt_de_gemeente(client, demodata):
    cache.clear()
    Suggestie.objects.all().delete()  # the demo's open reports
    antwoord = client.post(reverse("aanbod:ontbreekt"), {"q": "x", "beschrijving": "Er ontbreekt iets belangrijks."})
    assert antwoord.status_code == 200
    assert "Vul in voor welke gemeente" in antwoord.content.decode()
    assert not Suggestie.objects.exists()


def test_nu_open_volgt_de_openingsuren(client, demodata, settings):
    import datetime as dt

    from django.utils import timezone

    from aanbod.models import Openingsuur

    nu = timezone.localtime()
    if nu.time() < dt.time(0, 5) or nu.time() > dt.time(23, 50):
        pytest.skip("te dicht bij middernacht voor een slot rond nu")
    aanbod = Aanbod.objects.actief().filter(werkingsgebied_vlaanderen=True).first()
    Openingsuur.objects.filter(aanbod=aanbod).delete()
    Openingsuur.objects.filter(locatie__aanbod=aanbod).delete()
    url = reverse("aanbod:zoeken")
    zoek = {"q": aanbod.naam, "open_nu": "true"}

    def gevonden():
        return aanbod in client.get(url, zoek).context["resultaat"].pagina.object_list

    assert not gevonden()
    Openingsuur.objects.create(
        aanbod=aanbod,
        dag=nu.isoweekday(),
        van=(nu - dt.timedelta(minutes=5)).time(),
        tot=(nu + dt.timedelta(minutes=5)).time(),
    )
    assert gevonden()
