"""What one inbox page and one transition POST cost, and that doing less per request changed nothing shown.

The inbox prepares its rows in the view (link, times, handler) and gets the page's ids together with
the tab counts; a transition POST reads the referral once, locked, and asks the user's organisations
once (issue #8).
"""

import datetime as dt
import zoneinfo

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.template.defaultfilters import date as date_filter
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from doorverwijzing.constants import Actie, GebeurtenisSoort, Status
from doorverwijzing.models import Doorverwijzing, Gebeurtenis, Melding
from doorverwijzing.services import doorverwijzing_overgang, organisatie_ids
from doorverwijzing.views import paginanummer, tijdstip_teksten
from tests.doorverwijzing.conftest import maak_concept

pytestmark = pytest.mark.django_db

INBOX = reverse("doorverwijzing:inbox")


def _verstuur(concept, gebruikers):
    return doorverwijzing_overgang(doorverwijzing=concept, actie=Actie.VERSTUREN, door=gebruikers["verwijzer"])


@pytest.fixture
def verstuurd(gebruikers, concept):
    return _verstuur(concept, gebruikers)


def _overgang(doorverwijzing, actie):
    return reverse("doorverwijzing:overgang", args=[doorverwijzing.uuid, actie])


# --- The inbox's rows --------------------------------------------------------------------------------


@pytest.mark.parametrize("maand", range(1, 13))
def test_tijdstippen_zoals_de_date_filters_ze_schrijven(maand):
    with timezone.override(zoneinfo.ZoneInfo("Europe/Brussels")):
        for dag, uur in ((1, 0), (9, 7), (28, 23)):
            moment = dt.datetime(2026, maand, dag, uur, 5, 9, 123456, tzinfo=dt.UTC)
            lokaal = timezone.localtime(moment)
            assert tijdstip_teksten(moment) == (date_filter(lokaal, "c"), date_filter(lokaal, "j F Y H:i"))


def test_een_rij_van_de_inbox_toont_link_laatste_gebeurtenis_en_behandelaar(client, gebruikers, verstuurd):
    ontvanger = gebruikers["ontvanger"]
    ontvanger.first_name, ontvanger.last_name = "Ans", "Peeters"
    ontvanger.save(update_fields=["first_name", "last_name"])
    doorverwijzing_overgang(doorverwijzing=verstuurd, actie=Actie.AANVAARDEN, door=ontvanger)
    client.force_login(ontvanger)

    antwoord = client.get(INBOX, {"tab": "mijn"})
    html = antwoord.content.decode()
    rij = next(d for d in antwoord.context["pagina"].object_list if d.pk == verstuurd.pk)
    laatste = Gebeurtenis.objects.filter(doorverwijzing=verstuurd).latest("tijdstip", "id")
    lokaal = timezone.localtime(laatste.tijdstip)
    assert f'<a href="{reverse("doorverwijzing:detail", args=[verstuurd.uuid])}">{verstuurd.persoon_naam}</a>' in html
    assert f'<time datetime="{date_filter(lokaal, "c")}">{date_filter(lokaal, "j F Y H:i")}</time>' in html
    assert "<td>Ans Peeters</td>" in html
    # Only the columns the table shows are read: the question stays in the database.
    assert "vraag" in rij.get_deferred_fields() and "persoon_naam" not in rij.get_deferred_fields()


def test_paginanummers_zoals_de_paginator_ze_leest():
    assert [paginanummer(w) for w in (None, "", "abc", "2.0", "1", " 3", "0", "-2")] == [1, 1, 1, 1, 1, 3, None, None]
    assert paginanummer(str(10**12)) is None  # not guessed: an OFFSET that large is no bigint


def test_elke_pagina_toont_de_rijen_van_de_paginator_en_kost_een_vast_aantal_queries(
    client, gebruikers, caw_aanbod, django_assert_max_num_queries
):
    for _ in range(27):
        _verstuur(maak_concept(gebruikers, caw_aanbod), gebruikers)
    client.force_login(gebruikers["ontvanger"])
    client.get(INBOX)  # the first request after logging in also saves the session
    nieuw = (
        Doorverwijzing.objects.zichtbaar_voor(gebruikers["ontvanger"])
        .filter(ontvanger_organisatie=caw_aanbod.organisatie, status=Status.REQUESTED)
        .order_by("-aangemaakt_op", "-id")
        .values_list("pk", flat=True)
    )
    paginator = Paginator(nieuw, 25)
    assert paginator.num_pages >= 2
    laatste = list(paginator.page(paginator.num_pages).object_list)
    verwacht = {
        "1": list(paginator.page(1).object_list),
        "2": list(paginator.page(2).object_list),
        "abc": list(paginator.page(1).object_list),
        "0": laatste,
        str(paginator.num_pages + 5): laatste,
        str(10**12): laatste,
    }
    for pagina, ids in verwacht.items():
        with CaptureQueriesContext(connection) as vangst:
            antwoord = client.get(INBOX, {"tab": "nieuw", "pagina": pagina})
        assert antwoord.status_code == 200
        assert [d.pk for d in antwoord.context["pagina"].object_list] == ids, pagina
        assert antwoord.context["pagina"].paginator.count == paginator.count
        # Session, user, organisations, counts with the page's ids, rows, menu; a page that does not
        # exist needs its ids after counting.
        bestaat = pagina in ("1", "2", "abc")
        assert len(vangst.captured_queries) == (6 if bestaat else 7), pagina
    with django_assert_max_num_queries(6):
        gefilterd = client.get(INBOX, {"tab": "wacht", "status": Status.REQUESTED, "pagina": "2"})
    assert [d.pk for d in gefilterd.context["pagina"].object_list] == verwacht["2"]
    assert gefilterd.context["pagina"].paginator.count == paginator.count


# --- Transitions ---------------------------------------------------------------------------------------


def test_de_organisaties_van_een_gebruiker_worden_eenmaal_gelezen(gebruikers, django_assert_num_queries):
    ontvanger = gebruikers["ontvanger"]
    with django_assert_num_queries(1):
        eerst = organisatie_ids(ontvanger)
    with django_assert_num_queries(0):
        assert organisatie_ids(ontvanger) == eerst
    assert eerst == set(ontvanger.medewerkerschappen.values_list("organisatie_id", flat=True))


def test_aanvaarden_leest_de_doorverwijzing_een_keer_vergrendeld(client, gebruikers, verstuurd):
    client.force_login(gebruikers["ontvanger"])
    client.get(INBOX)  # the first request after logging in also saves the session
    with CaptureQueriesContext(connection) as vangst:
        antwoord = client.post(_overgang(verstuurd, "aanvaarden"), {"verwachte_status": "requested"})
    assert antwoord.status_code == 302
    sql = [q["sql"] for q in vangst.captured_queries]
    vergrendeld = [s for s in sql if s.startswith('SELECT "doorverwijzing_doorverwijzing"')]
    assert len(vergrendeld) == 1 and vergrendeld[0].rstrip().endswith("FOR UPDATE"), vergrendeld
    assert sum(s.startswith('SELECT "aanbod_medewerker"') for s in sql) == 1  # the user's organisations
    # One transaction (under the test's own transaction: one savepoint), none of the service's own.
    assert sum(s.startswith("SAVEPOINT") for s in sql) == 1
    assert len(sql) <= 10, sql
    # Everything a transition writes is still written: status, handler, event, notification.
    verstuurd.refresh_from_db()
    assert verstuurd.status == Status.ACCEPTED and verstuurd.behandelaar == gebruikers["ontvanger"]
    assert Gebeurtenis.objects.filter(
        doorverwijzing=verstuurd, soort=GebeurtenisSoort.OVERGANG, naar_status=Status.ACCEPTED
    ).exists()
    assert Melding.objects.filter(doorverwijzing=verstuurd, user=gebruikers["verwijzer"]).exists()


def test_een_ongeldig_formulier_van_de_andere_kant_is_een_404(client, gebruikers, verstuurd):
    # The side is checked before the form: the referrer does not learn what "weigeren" asks.
    client.force_login(gebruikers["verwijzer"])
    assert client.post(_overgang(verstuurd, "weigeren"), {"verwachte_status": "requested"}).status_code == 404
    client.force_login(gebruikers["buitenstaander"])
    assert client.post(_overgang(verstuurd, "weigeren"), {}).status_code == 404


def test_een_geweigerde_overgang_schrijft_niets(client, gebruikers, caw_aanbod):
    concept = maak_concept(gebruikers, caw_aanbod, met_toestemming=False)
    gebeurtenissen = Gebeurtenis.objects.filter(doorverwijzing=concept).count()
    client.force_login(gebruikers["verwijzer"])
    antwoord = client.post(_overgang(concept, "versturen"), {"verwachte_status": "draft"})
    assert antwoord.status_code == 200
    assert "toestemming" in antwoord.content.decode().lower()
    concept.refresh_from_db()
    assert concept.status == Status.DRAFT and concept.verstuurd_op is None
    assert Gebeurtenis.objects.filter(doorverwijzing=concept).count() == gebeurtenissen
    assert not Melding.objects.filter(doorverwijzing=concept).exists()
