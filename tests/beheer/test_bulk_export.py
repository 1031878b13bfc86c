"""Export of a zone's catalogue: content, escaping, query count, audit, and that it imports again."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from aanbod.beheer.bulk.controleren import Soort
from aanbod.beheer.bulk.exporteren import export_csv, export_queryset
from aanbod.beheer.bulk.services import (
    import_controleren,
    import_uitvoeren,
    importbestand_koppelen,
    importbestand_opladen,
)
from aanbod.models import Aanbod, Beheeractie, Doelgroep, Eerstelijnszone, Toegangsweg
from tests.factories import AanbodFactory, LocatieFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


def maak_aanbod(zone, aantal=1, **velden):
    gemaakt = []
    for _ in range(aantal):
        org = OrganisatieFactory()
        aanbod = AanbodFactory(organisatie=org, **{"telefoon": "014 41 00 00", "email": "info@x.example", **velden})
        aanbod.werkingsgebied_zones.add(zone)
        aanbod.locaties.add(LocatieFactory(organisatie=org))
        aanbod.doelgroepen.set(Doelgroep.objects.filter(code__in=["mantelzorgers", "ouderen"]))
        aanbod.toegangswegen.set(Toegangsweg.objects.all()[:1])
        gemaakt.append(aanbod)
    return gemaakt


def lees_csv(antwoord) -> list[list[str]]:
    inhoud = b"".join(antwoord.streaming_content)
    assert inhoud.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))


def test_csv_export_met_een_rij_per_aanbod(client, curator, zone):
    (aanbod,) = maak_aanbod(zone, beschrijving='=HYPERLINK("http://kwaad.example";"klik")')
    elders = maak_aanbod(Eerstelijnszone.objects.get(code="baldemore"))[0]
    client.force_login(curator)
    antwoord = client.get(reverse("beheer:export"), {"zone": zone.pk, "formaat": "csv"})
    assert antwoord["Content-Type"].startswith("text/csv")
    assert 'filename="sociale-kaart-kempenland-' in antwoord["Content-Disposition"]
    kop, *rijen = lees_csv(antwoord)
    assert [r[kop.index("Naam aanbod")] for r in rijen] == [aanbod.naam]  # not the other zone's
    rij = dict(zip(kop, rijen[0], strict=True))
    assert rij["ID"] == str(aanbod.uuid)
    assert rij["KBO-nummer"] == aanbod.organisatie.kbo_weergave
    assert rij["Straat en huisnummer"] == "Markt 1" and rij["Postcode"] == "2300" and rij["Gemeente"] == "Turnhout"
    assert rij["Doelgroepen"] == "Ouderen; Mantelzorgers" or rij["Doelgroepen"] == "Mantelzorgers; Ouderen"
    assert rij["Beschrijving"] == '\'=HYPERLINK("http://kwaad.example";"klik")'
    assert rij["Capaciteit"] == "Niet gekend"
    assert elders.naam not in str(rijen)
    actie = Beheeractie.objects.get(actie="export")
    assert actie.uitgevoerd_door == curator and actie.object_id == str(zone.pk)


def test_xlsx_export_ontsnapt_formules(client, curator, zone):
    (aanbod,) = maak_aanbod(zone, telefoon="+32 14 41 00 00", beschrijving="@SUM(1)")
    client.force_login(curator)
    antwoord = client.get(reverse("beheer:export"), {"zone": zone.pk, "formaat": "xlsx"})
    assert antwoord["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    werkboek = load_workbook(io.BytesIO(b"".join(antwoord.streaming_content)))
    kop, rij = list(werkboek.active.iter_rows(values_only=True))
    rij = dict(zip(kop, rij, strict=True))
    assert rij["Naam aanbod"] == aanbod.naam
    assert rij["Telefoon"] == "'+32 14 41 00 00" and rij["Beschrijving"] == "'@SUM(1)"
    # No cell is stored as a formula.
    assert all(cel.data_type != "f" for rij in werkboek.active.iter_rows() for cel in rij)


def test_export_pagina_toont_de_keuze(client, curator):
    client.force_login(curator)
    pagina = client.get(reverse("beheer:export")).content.decode()
    assert "Downloaden" in pagina and 'value="xlsx"' in pagina
    assert not Beheeractie.objects.exists()


def test_aantal_queries_groeit_niet_met_het_aantal_rijen(curator, zone, django_assert_max_num_queries):
    maak_aanbod(zone, 3)
    with django_assert_max_num_queries(12) as weinig:
        assert len(list(export_csv(export_queryset(user=curator, zone=zone)))) == 1 + 1 + 3
    maak_aanbod(zone, 20)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        assert len(list(export_csv(export_queryset(user=curator, zone=zone)))) == 1 + 1 + 23


def test_export_en_opnieuw_importeren_geeft_geen_dubbels(client, curator, zone):
    maak_aanbod(zone, 3, beschrijving="-- met een streepje", kostprijs="inkomen")
    Aanbod.objects.update(telefoon="+32 14 41 00 00")
    client.force_login(curator)
    for formaat in ("csv", "xlsx"):
        antwoord = client.get(reverse("beheer:export"), {"zone": zone.pk, "formaat": formaat})
        inhoud = b"".join(antwoord.streaming_content)
        bestand = importbestand_opladen(zone=zone, door=curator, bestandsnaam=f"export.{formaat}", inhoud=inhoud)
        assert {"aanbod_id", "organisatie", "naam", "kbo", "doelgroepen", "straat"} <= set(bestand.koppeling)
        importbestand_koppelen(importbestand=bestand, koppeling=bestand.koppeling)
        rijen = import_controleren(bestand, user=curator)
        assert [r.soort for r in rijen] == [Soort.ONGEWIJZIGD] * 3, [(r.fouten, r.wijzigingen) for r in rijen]

    # Without the ID column, the organisation's KBO number and the name find them back too.
    koppeling = {k: v for k, v in bestand.koppeling.items() if k != "aanbod_id"}
    importbestand_koppelen(importbestand=bestand, koppeling=koppeling)
    assert [r.soort for r in import_controleren(bestand, user=curator)] == [Soort.ONGEWIJZIGD] * 3
    aantal = Aanbod.objects.count()
    verslag = import_uitvoeren(importbestand=bestand, door=curator, keuzes={}, proefdraai=False)
    assert verslag.ongewijzigd == 3 and not verslag.aangemaakt and Aanbod.objects.count() == aantal
