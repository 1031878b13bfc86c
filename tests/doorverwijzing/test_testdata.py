"""``genereer_testdata``: generated referrals follow the state machine; the command refuses real databases."""

from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from aanbod.models import Aanbod, Medewerker, Organisatie
from aanbod.testdata import Catalogus
from doorverwijzing.constants import AFGESLOTEN, REDEN_VERPLICHT, TOEGESTANE_OVERGANGEN, GebeurtenisSoort, Status
from doorverwijzing.models import Doorverwijzing, Gebeurtenis, Toestemming
from doorverwijzing.testdata import PADEN, plan_doorverwijzingen

SEED = 21
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def testdata(django_db_setup, django_db_blocker):
    """300 aanbod and 1000 referrals through the command, loaded once per module and rolled back at its end."""
    uitvoer = StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("genereer_testdata", aanbod=300, doorverwijzingen=1000, seed=SEED, stdout=uitvoer)
        yield uitvoer.getvalue()
        transaction.set_rollback(True)


def _doorverwijzingen():
    return Doorverwijzing.objects.filter(verwijzer_organisatie__slug__startswith=f"gen-{SEED}-")


def test_the_command_reports_phases_rows_and_database_size(testdata):
    assert "doorverwijzing_gebeurtenis" in testdata
    assert "ANALYZE" in testdata
    assert "databank:" in testdata


def test_generates_the_requested_referrals_between_generated_organisations(testdata):
    assert _doorverwijzingen().count() == 1000
    assert not _doorverwijzingen().exclude(ontvanger_organisatie__slug__startswith=f"gen-{SEED}-").exists()
    assert Aanbod.objects.filter(slug__startswith=f"gen-{SEED}-").count() == 300


def test_referrers_are_medewerkers_of_the_referring_organisation(testdata):
    lidmaatschappen = set(Medewerker.objects.values_list("user_id", "organisatie_id"))
    paren = set(_doorverwijzingen().values_list("verwijzer_id", "verwijzer_organisatie_id"))
    assert paren <= lidmaatschappen
    assert 0 < len({user for user, _ in paren}) <= 300


def test_all_ten_statuses_occur_and_the_database_constraints_hold(testdata):
    per_status = Counter(_doorverwijzingen().values_list("status", flat=True))
    assert set(per_status) == set(Status.values)
    assert per_status[Status.COMPLETED] > per_status[Status.ENTERED_IN_ERROR]
    connection.check_constraints()  # the deferred foreign keys
    assert not _doorverwijzingen().filter(status__in=REDEN_VERPLICHT, status_reden="").exists()
    assert not _doorverwijzingen().filter(status=Status.COMPLETED, uitkomst="").exists()
    assert not _doorverwijzingen().filter(status=Status.ON_HOLD, overbruggingsplan="").exists()


def test_every_sent_referral_has_a_consent_row_and_drafts_have_none(testdata):
    verstuurd = _doorverwijzingen().filter(verstuurd_op__isnull=False)
    assert Toestemming.objects.filter(doorverwijzing__in=_doorverwijzingen()).count() == verstuurd.count()
    assert not verstuurd.filter(toestemming__isnull=True).exists()
    assert not _doorverwijzingen().filter(status=Status.DRAFT, toestemming__isnull=False).exists()


def test_events_follow_the_allowed_transitions_up_to_the_current_status(testdata):
    paden = defaultdict(list)
    for dv, soort, van, naar, tijdstip in (
        Gebeurtenis.objects.filter(doorverwijzing__in=_doorverwijzingen())
        .order_by("doorverwijzing_id", "tijdstip", "id")
        .values_list("doorverwijzing_id", "soort", "van_status", "naar_status", "tijdstip")
    ):
        paden[dv].append((soort, van, naar, tijdstip))
    status = dict(_doorverwijzingen().values_list("id", "status"))
    assert set(paden) == set(status)
    for dv, gebeurtenissen in paden.items():
        assert gebeurtenissen[0][:3] == (GebeurtenisSoort.AANGEMAAKT, "", Status.DRAFT)
        for (_, _, vorige, _), (soort, van, naar, _) in zip(gebeurtenissen, gebeurtenissen[1:], strict=False):
            assert soort == GebeurtenisSoort.OVERGANG
            assert van == vorige and naar in TOEGESTANE_OVERGANGEN[van]
        assert gebeurtenissen[-1][2] == status[dv]


def test_dates_lie_in_the_past_two_years_in_the_order_of_the_workflow(testdata):
    nu = timezone.now()
    for rij in _doorverwijzingen().values(
        "status", "aangemaakt_op", "verstuurd_op", "eerste_reactie_op", "afgesloten_op", "gewijzigd_op"
    ):
        assert nu - timedelta(days=731) <= rij["aangemaakt_op"] <= rij["gewijzigd_op"] <= nu
        if rij["verstuurd_op"]:
            assert rij["aangemaakt_op"] <= rij["verstuurd_op"]
        if rij["eerste_reactie_op"]:
            assert rij["verstuurd_op"] <= rij["eerste_reactie_op"]
        assert (rij["afgesloten_op"] is not None) == (rij["status"] in AFGESLOTEN)


def test_the_event_log_stays_append_only(testdata):
    gebeurtenis = Gebeurtenis.objects.filter(doorverwijzing__in=_doorverwijzingen()).first()
    with pytest.raises(Exception, match="gebeurtenissenlog"), transaction.atomic():
        Gebeurtenis.objects.filter(pk=gebeurtenis.pk).update(reden="andere")


def test_the_paths_cover_every_status_with_weights_adding_up_to_a_hundred():
    assert sum(gewicht for gewicht, _ in PADEN) == 100
    assert {pad[-1] for _, pad in PADEN} == set(Status.values)


def test_same_seed_gives_the_same_referrals_and_another_seed_different_ones():
    catalogus = Catalogus(
        seed=1,
        nu=datetime(2026, 1, 15, tzinfo=UTC),
        aanbod=[(a, 100 + a % 7, 5) for a in range(1, 50)],
        medewerkers={100: [1, 2], 101: [3], 102: [4]},
    )

    def rijen(seed):
        return [
            (r.doorverwijzing[1], r.doorverwijzing[2], r.doorverwijzing[4], r.doorverwijzing[21], r.doorverwijzing[28])
            for r in plan_doorverwijzingen(catalogus, aantal=200, seed=seed, eerste_id=1)
        ]

    assert rijen(3) == rijen(3)
    assert rijen(3)[:5] != rijen(4)[:5]


def test_a_second_run_with_the_same_seed_is_refused_cleanly(testdata):
    with pytest.raises(CommandError, match=f"seed {SEED}"):
        call_command("genereer_testdata", aanbod=10, doorverwijzingen=10, seed=SEED, stdout=StringIO())


def test_refuses_a_database_with_real_organisations_unless_forced(testdata):
    Organisatie.objects.create(naam="Echte vzw", slug="echte-vzw", soort="vzw", is_fictief=False)
    with pytest.raises(CommandError, match="echte"):
        call_command("genereer_testdata", aanbod=60, doorverwijzingen=50, seed=SEED + 1, stdout=StringIO())
    assert not Organisatie.objects.filter(slug__startswith=f"gen-{SEED + 1}-").exists()

    call_command("genereer_testdata", aanbod=60, doorverwijzingen=50, seed=SEED + 1, forceer=True, stdout=StringIO())
    assert Doorverwijzing.objects.filter(verwijzer_organisatie__slug__startswith=f"gen-{SEED + 1}-").count() == 50
