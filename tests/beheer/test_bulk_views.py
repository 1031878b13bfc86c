"""The import and export pages: who may use them, and the steps in the browser's order."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url
from django.urls import reverse

from aanbod.constants import MedewerkerRol
from aanbod.models import Aanbod, Curator, Eerstelijnszone, Importbestand, ImportStatus, Medewerker
from tests.factories import OrganisatieFactory, UserFactory

pytestmark = pytest.mark.django_db

CSV = (
    "Naam organisatie;Aanbod;Adres;Postcode;Gemeente;E-mailadres\n"
    "Repair Café Turnhout vzw;Repair Café Turnhout;Otterstraat 12;2300;Turnhout;hallo@repair.example\n"
    "Seniorenbus;Minder Mobielen Centrale;Dorp 3;2399;Ravels;mmc@ravels.example\n"
).encode()


@pytest.fixture
def curator_elders():
    user = UserFactory(username="curator-baldemore")
    Curator.objects.create(user=user, zone=Eerstelijnszone.objects.get(code="baldemore"))
    return user


def medewerker(rol):
    user = UserFactory(username=f"medewerker-{rol}")
    Medewerker.objects.create(user=user, organisatie=OrganisatieFactory(), rol=rol)
    return user


@pytest.fixture
def importbestand(client, curator, zone):
    client.force_login(curator)
    antwoord = client.post(
        reverse("beheer:import"), {"zone": zone.pk, "bestand": SimpleUploadedFile("lijst.csv", CSV, "text/csv")}
    )
    assert antwoord.status_code == 302
    client.logout()
    return Importbestand.objects.get()


def stap_urls(pk):
    return [reverse(f"beheer:import_{stap}", args=[pk]) for stap in ("koppelen", "voorbeeld", "resultaat")]


@pytest.mark.parametrize("wie", ["anoniem", "redacteur", "hulpverlener"])
def test_enkel_curatoren(client, wie, importbestand):
    if wie != "anoniem":
        client.force_login(medewerker(MedewerkerRol.REDACTEUR if wie == "redacteur" else MedewerkerRol.HULPVERLENER))
    for url in [reverse("beheer:import"), reverse("beheer:export"), *stap_urls(importbestand.pk)]:
        antwoord = client.get(url)
        if wie == "anoniem":
            assert antwoord.status_code == 302
            assert antwoord["Location"].startswith(resolve_url(settings.LOGIN_URL))
        else:
            assert antwoord.status_code == 403, url
    antwoord = client.post(reverse("beheer:import_voorbeeld", args=[importbestand.pk]), {"actie": "doorvoeren"})
    assert antwoord.status_code in (302, 403)
    importbestand.refresh_from_db()
    assert importbestand.status == ImportStatus.OPGELADEN


def test_curator_van_een_andere_zone_ziet_het_bestand_niet(client, curator_elders, importbestand):
    client.force_login(curator_elders)
    for url in stap_urls(importbestand.pk):
        assert client.get(url).status_code == 404
    assert client.post(stap_urls(importbestand.pk)[1], {"actie": "doorvoeren"}).status_code == 404
    # Nor can they upload into a zone that is not theirs.
    antwoord = client.post(
        reverse("beheer:import"),
        {"zone": importbestand.zone.pk, "bestand": SimpleUploadedFile("lijst.csv", CSV, "text/csv")},
    )
    assert antwoord.status_code == 400 and Importbestand.objects.count() == 1
    assert "lijst.csv" not in client.get(reverse("beheer:import")).content.decode()


def test_export_van_een_andere_zone_is_geweigerd(client, curator_elders, zone):
    client.force_login(curator_elders)
    antwoord = client.get(reverse("beheer:export"), {"zone": zone.pk, "formaat": "csv"})
    assert antwoord.status_code == 400


def test_opladen_weigert_andere_bestanden_met_een_nederlandse_fout(client, curator, zone, settings):
    client.force_login(curator)
    antwoord = client.post(
        reverse("beheer:import"),
        {"zone": zone.pk, "bestand": SimpleUploadedFile("lijst.pdf", b"%PDF-1.4", "application/pdf")},
    )
    assert antwoord.status_code == 400
    assert "Kies een CSV-bestand (.csv) of een Excel-bestand (.xlsx)." in antwoord.content.decode()
    settings.IMPORT_MAX_RIJEN = 1
    antwoord = client.post(reverse("beheer:import"), {"zone": zone.pk, "bestand": SimpleUploadedFile("lijst.csv", CSV)})
    assert "meer dan 1 rijen" in antwoord.content.decode()
    assert not Importbestand.objects.exists()


def test_de_stappen_van_opladen_tot_resultaat(client, curator, importbestand):
    client.force_login(curator)
    koppelen, voorbeeld, resultaat = stap_urls(importbestand.pk)
    pagina = client.get(koppelen).content.decode()
    # The suggestion is pre-selected: "E-mailadres" (column 5) for the e-mail target.
    assert '<option value="5" selected>E-mailadres (hallo@repair.example)</option>' in pagina
    assert client.get(voorbeeld)["Location"] == koppelen  # map first

    antwoord = client.post(koppelen, {"organisatie": "", "naam": "1"})
    assert antwoord.status_code == 400 and "Kies de kolom met naam organisatie." in antwoord.content.decode()
    koppeling = {"organisatie": "0", "naam": "1", "straat": "2", "postcode": "3", "gemeente": "4", "email": "5"}
    assert client.post(koppelen, koppeling)["Location"] == voorbeeld

    pagina = client.get(voorbeeld).content.decode()
    assert "Postcode &#x27;2399&#x27; bestaat niet in België." in pagina
    assert 'name="keuze-3"' in pagina and 'name="keuze-2"' not in pagina
    enkel = client.get(voorbeeld, {"toon": "beslissingen"}).content.decode()
    assert 'id="rij-3"' in enkel and 'id="rij-2"' not in enkel

    antwoord = client.post(voorbeeld, {"actie": "doorvoeren"})
    assert antwoord.status_code == 400 and "Er is niets bewaard" in antwoord.content.decode()
    assert not Aanbod.objects.filter(naam="Repair Café Turnhout").exists()

    antwoord = client.post(voorbeeld, {"actie": "proefdraaien", "keuze-3": "overslaan"})
    assert "Proefdraai geslaagd" in antwoord.content.decode()
    assert not Aanbod.objects.filter(naam="Repair Café Turnhout").exists()

    antwoord = client.post(voorbeeld, {"actie": "doorvoeren", "keuze-3": "overslaan"})
    assert antwoord["Location"] == resultaat
    aanbod = Aanbod.objects.get(naam="Repair Café Turnhout")
    pagina = client.get(resultaat).content.decode()
    assert reverse("aanbod:aanbod", args=[aanbod.slug]) in pagina and "Rij 3" in pagina
    # A committed file cannot be committed again; its steps lead to the result.
    assert client.get(koppelen)["Location"] == resultaat
    assert client.post(voorbeeld, {"actie": "doorvoeren"})["Location"] == resultaat


def test_xlsx_opladen(client, curator, zone):
    from openpyxl import Workbook

    werkboek = Workbook()
    werkboek.active.append(["Naam organisatie", "Naam aanbod", "Postcode"])
    werkboek.active.append(["Vzw Test", "Test", 2300])
    uit = io.BytesIO()
    werkboek.save(uit)
    client.force_login(curator)
    bestand = SimpleUploadedFile("lijst.xlsx", uit.getvalue())
    assert client.post(reverse("beheer:import"), {"zone": zone.pk, "bestand": bestand}).status_code == 302
    assert Importbestand.objects.get().koppeling == {"organisatie": 0, "naam": 1, "postcode": 2}
