"""The GDPR export as a readable PDF: same content and checks as the JSON, logged as an opening."""

import shutil
import subprocess

import pytest
from django.urls import reverse

from doorverwijzing.export import leesbare_export
from doorverwijzing.models import Inzage
from doorverwijzing.services import bericht_sturen, doorverwijzing_overgang, terugkoppeling_geven

pytestmark = pytest.mark.django_db


@pytest.fixture
def aanvaard(gebruikers, concept):
    doorverwijzing_overgang(doorverwijzing=concept, actie="versturen", door=gebruikers["verwijzer"])
    doorverwijzing_overgang(doorverwijzing=concept, actie="aanvaarden", door=gebruikers["ontvanger"])
    bericht_sturen(doorverwijzing=concept, door=gebruikers["ontvanger"], tekst="We bellen donderdag om tien uur.")
    terugkoppeling_geven(
        doorverwijzing=concept,
        door=gebruikers["ontvanger"],
        persoon_gecontacteerd=True,
        volgende_stap="Intakegesprek",
        tekst="Eerste gesprek gehad, budgetbegeleiding opgestart.",
    )
    concept.refresh_from_db()
    return concept


def pdf_tekst(pdf: bytes) -> str:
    resultaat = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(resultaat.stdout.decode().split())


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed")
def test_pdf_bevat_doorverwijzing_toestemming_geschiedenis_berichten_terugkoppeling_en_inzages(
    client, gebruikers, aanvaard
):
    client.force_login(gebruikers["verwijzer"])
    antwoord = client.get(reverse("doorverwijzing:export_pdf", args=[aanvaard.uuid]))
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"
    assert f'filename="doorverwijzing-{aanvaard.uuid}.pdf"' in antwoord["Content-Disposition"]
    pdf = b"".join(antwoord.streaming_content) if antwoord.streaming else antwoord.content
    assert pdf.startswith(b"%PDF")
    tekst = pdf_tekst(pdf)
    for verwacht in (
        "Inzage in je gegevens",
        "J. P.",  # the person
        "Schulden en dreigende uithuiszetting.",  # the question
        "Turnhout",  # municipality, by name
        "Contactgegevens en hulpvraag",  # consent scope
        "Statusgeschiedenis",
        "Aanvaard",  # a status, in Dutch
        "We bellen donderdag om tien uur.",
        "budgetbegeleiding opgestart",
        "Intakegesprek",
        "Wie opende het dossier",
        "inzage-export (PDF)",  # this export is in its own access log
        aanvaard.verwijzer_organisatie.naam,
    ):
        assert verwacht in tekst, verwacht


def test_pdf_export_wordt_gelogd_als_inzage(client, gebruikers, aanvaard):
    client.force_login(gebruikers["verwijzer"])
    voor = Inzage.objects.filter(doorverwijzing=aanvaard, via="export-pdf").count()
    client.get(reverse("doorverwijzing:export_pdf", args=[aanvaard.uuid]))
    assert Inzage.objects.filter(doorverwijzing=aanvaard, via="export-pdf", user=gebruikers["verwijzer"]).count() == (
        voor + 1
    )


@pytest.mark.parametrize("naam", ["ontvanger", "buitenstaander", "beheerder", "curator"])
def test_pdf_export_enkel_voor_de_verwijzer_anderen_404_zonder_inzage(client, gebruikers, aanvaard, naam):
    client.force_login(gebruikers[naam])
    assert client.get(reverse("doorverwijzing:export_pdf", args=[aanvaard.uuid])).status_code == 404
    assert not Inzage.objects.filter(doorverwijzing=aanvaard, via="export-pdf").exists()


def test_pdf_export_vraagt_aanmelden(client, aanvaard):
    antwoord = client.get(reverse("doorverwijzing:export_pdf", args=[aanvaard.uuid]))
    assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("login"))


def test_leesbare_export_heeft_dezelfde_velden_als_de_json(aanvaard):
    from doorverwijzing.export import volledige_export

    json = volledige_export(aanvaard)
    leesbaar = leesbare_export(aanvaard)
    # persoon_gemeente is one field in both (by name), so the counts match field for field
    assert len(leesbaar["gegevens"]) == len(json["doorverwijzing"])
    assert len(leesbaar["toestemming"]) == len(json["toestemming"])
    for sleutel in ("berichten", "terugkoppelingen", "gebeurtenissen", "inzages"):
        assert len(leesbaar[sleutel]) == len(json[sleutel]), sleutel


def test_detailpagina_linkt_naar_de_pdf_voor_de_verwijzer(client, gebruikers, aanvaard):
    url = reverse("doorverwijzing:export_pdf", args=[aanvaard.uuid])
    client.force_login(gebruikers["verwijzer"])
    assert url in client.get(reverse("doorverwijzing:detail", args=[aanvaard.uuid])).content.decode()
    client.force_login(gebruikers["ontvanger"])
    assert url not in client.get(reverse("doorverwijzing:detail", args=[aanvaard.uuid])).content.decode()
