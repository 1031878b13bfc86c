"""Reminders with a controlled clock, retention, and the GDPR export."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from doorverwijzing.bewaartermijn import GEPSEUDONIMISEERD, verwerk_bewaartermijn
from doorverwijzing.constants import Reden, Status
from doorverwijzing.herinneringen import verwerk_herinneringen, werkdagen_tussen
from doorverwijzing.models import Doorverwijzing, Gebeurtenis, Melding, Termijn
from doorverwijzing.services import bericht_sturen, doorverwijzing_overgang

pytestmark = pytest.mark.django_db
BRUSSEL = ZoneInfo("Europe/Brussels")


def brussel(*deel) -> dt.datetime:
    return dt.datetime(*deel, tzinfo=BRUSSEL)


def test_werkdagen_tellen_geen_weekend():
    vrijdag = dt.date(2026, 11, 20)
    assert werkdagen_tussen(vrijdag, dt.date(2026, 11, 23)) == 1  # to Monday
    assert werkdagen_tussen(vrijdag, dt.date(2026, 11, 27)) == 5


@pytest.fixture
def verstuurd(gebruikers, concept):
    doorverwijzing_overgang(doorverwijzing=concept, actie="versturen", door=gebruikers["verwijzer"])
    Doorverwijzing.objects.filter(pk=concept.pk).update(verstuurd_op=brussel(2026, 11, 16, 9))
    concept.refresh_from_db()
    return concept


def test_herinnering_na_vijf_werkdagen_zonder_reactie_en_maar_een_keer(gebruikers, verstuurd):
    vroeg = brussel(2026, 11, 20, 12)  # 4 working days later
    assert verwerk_herinneringen(vroeg).herinneringen == 0
    laat = brussel(2026, 11, 23, 12)  # 5 working days later
    assert verwerk_herinneringen(laat).herinneringen == 1
    assert verwerk_herinneringen(laat).herinneringen == 0  # idempotent
    assert Melding.objects.filter(user=gebruikers["ontvanger"], tekst__startswith="Nog geen reactie").exists()
    assert Melding.objects.filter(user=gebruikers["verwijzer"], tekst__startswith="Nog geen reactie").exists()


def test_een_termijn_per_ondersteuningsvorm_gaat_voor(gebruikers, verstuurd):
    Termijn.objects.create(ondersteuningsvorm=verstuurd.aanbod.ondersteuningsvorm, werkdagen_eerste_reactie=2)
    na_twee = brussel(2026, 11, 18, 12)
    assert verwerk_herinneringen(na_twee).herinneringen == (1 if verstuurd.aanbod.ondersteuningsvorm_id else 0)


def test_een_reactie_voorkomt_de_herinnering(gebruikers, verstuurd):
    bericht_sturen(doorverwijzing=verstuurd, door=gebruikers["ontvanger"], tekst="We bellen vandaag.")
    assert verwerk_herinneringen(brussel(2026, 12, 1, 12)).herinneringen == 0


def test_voorstel_om_af_te_sluiten_na_lange_stilte(gebruikers, verstuurd):
    doorverwijzing_overgang(doorverwijzing=verstuurd, actie="aanvaarden", door=gebruikers["ontvanger"])
    later = timezone.now() + dt.timedelta(days=31)
    assert verwerk_herinneringen(later).voorstellen == 1
    assert verwerk_herinneringen(later).voorstellen == 0


def test_weekoverzicht_eens_per_week_zonder_persoonsgegevens(gebruikers, verstuurd):
    gebruikers["ontvanger"].email = "ontvanger@example.be"
    gebruikers["ontvanger"].save(update_fields=["email"])
    mail.outbox.clear()
    nu = timezone.now()
    assert verwerk_herinneringen(nu).overzichten >= 1
    assert verwerk_herinneringen(nu).overzichten == 0
    assert mail.outbox and all("J. P." not in m.body for m in mail.outbox)


def test_bewaartermijn_pseudonimiseert_en_houdt_de_statistiek(gebruikers, verstuurd, settings):
    doorverwijzing_overgang(
        doorverwijzing=verstuurd,
        actie="weigeren",
        door=gebruikers["ontvanger"],
        reden=Reden.GEEN_CAPACITEIT,
        toelichting="Naam van de persoon in een notitie",
    )
    Doorverwijzing.objects.filter(pk=verstuurd.pk).update(afgesloten_op=timezone.now() - dt.timedelta(days=400))
    assert verwerk_bewaartermijn() == 1
    assert verwerk_bewaartermijn() == 0
    verstuurd.refresh_from_db()
    assert verstuurd.persoon_naam == GEPSEUDONIMISEERD and verstuurd.vraag == "" and verstuurd.contactgegevens == ""
    assert verstuurd.status == Status.REJECTED and verstuurd.status_reden == Reden.GEEN_CAPACITEIT
    assert verstuurd.persoon_geboortejaar == 1950  # decade only
    assert not Gebeurtenis.objects.filter(doorverwijzing=verstuurd).exclude(toelichting="").exists()
    assert Gebeurtenis.objects.filter(doorverwijzing=verstuurd, soort="gepseudonimiseerd").exists()


def test_gdpr_export_voor_de_verwijzer_en_niemand_anders(client, gebruikers, verstuurd):
    url = reverse("doorverwijzing:export", args=[verstuurd.uuid])
    client.force_login(gebruikers["verwijzer"])
    gegevens = client.get(url).json()
    assert gegevens["doorverwijzing"]["persoon_naam"] == "J. P."
    assert gegevens["toestemming"]["grond"] == "toestemming"
    assert [i["via"] for i in gegevens["inzages"]] == ["export"]
    for naam in ("ontvanger", "buitenstaander", "beheerder"):
        client.force_login(gebruikers[naam])
        assert client.get(url).status_code == 404
