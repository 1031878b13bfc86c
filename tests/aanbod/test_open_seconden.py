""" "Nu open" from the trigger-maintained ``open_seconden`` (migration 0011) equals the rule on the hours.

The oracle is the rule as it was: an opening slot of the aanbod itself, or of one of its active locations,
on this weekday with ``van <= now < tot``. Checked at many moments of the week over a generated catalogue,
and after every kind of write that can change the answer.
"""

import datetime as dt
import zoneinfo

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef

from aanbod.filters import AanbodFilterSet
from aanbod.models import Aanbod, Locatie, Openingsuur
from tests.factories import AanbodFactory, LocatieFactory, gegenereerde_catalogus

pytestmark = pytest.mark.django_db

SEED = 37
BRUSSEL = zoneinfo.ZoneInfo("Europe/Brussels")
# Monday 6 January 2025 and the days after it; moments on and around typical slot edges.
MOMENTEN = [
    dt.datetime(2025, 1, 6 + dag, uur, minuut, seconde, tzinfo=BRUSSEL)
    for dag in range(7)
    for uur, minuut, seconde in ((0, 0, 0), (8, 59, 59), (9, 0, 0), (12, 30, 0), (16, 59, 59), (17, 0, 0), (20, 0, 0))
]


def open_volgens_de_uren(moment: dt.datetime):
    slot = {"dag": moment.isoweekday(), "van__lte": moment.time(), "tot__gt": moment.time()}
    eigen = Openingsuur.objects.filter(aanbod_id=OuterRef("pk"), **slot)
    via_locatie = Openingsuur.objects.filter(locatie__aanbod=OuterRef("pk"), locatie__actief=True, **slot)
    return Aanbod.objects.filter(Exists(eigen) | Exists(via_locatie))


def open_volgens_filter(monkeypatch, moment: dt.datetime, queryset=None):
    monkeypatch.setattr("aanbod.filters.timezone.localtime", lambda *args, **kwargs: moment)
    filterset = AanbodFilterSet({"open_nu": "true"}, queryset=queryset or Aanbod.objects.all())
    assert filterset.is_valid(), filterset.errors
    return filterset.qs


def afwijkingen() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM aanbod_aanbod WHERE open_seconden IS DISTINCT FROM sk_open_seconden(id)")
        return [rij[0] for rij in cursor.fetchall()]


@pytest.fixture(scope="module")
def catalogus(django_db_setup, django_db_blocker):
    with gegenereerde_catalogus(django_db_blocker, aantal=300, seed=SEED):
        yield


def test_nu_open_is_de_regel_op_de_openingsuren_op_elk_moment(catalogus, monkeypatch):
    assert afwijkingen() == []
    ooit_open = 0
    for moment in MOMENTEN:
        verwacht = set(open_volgens_de_uren(moment).values_list("pk", flat=True))
        assert set(open_volgens_filter(monkeypatch, moment).values_list("pk", flat=True)) == verwacht, moment
        ooit_open += len(verwacht)
    assert ooit_open > 100  # the generated hours really were compared


def test_nu_open_werkt_ook_binnen_een_deelquery(catalogus, monkeypatch):
    moment = MOMENTEN[10]
    binnen = Aanbod.objects.filter(pk__in=open_volgens_filter(monkeypatch, moment).values("pk"))
    assert set(binnen.values_list("pk", flat=True)) == set(open_volgens_de_uren(moment).values_list("pk", flat=True))


def test_elke_wijziging_van_uren_koppeling_of_locatie_telt(monkeypatch):
    maandag_tien = dt.datetime(2025, 1, 6, 10, 0, tzinfo=BRUSSEL)
    aanbod = AanbodFactory()
    locatie = LocatieFactory(organisatie=aanbod.organisatie, naam="Onthaal", actief=True)

    def open_nu() -> bool:
        return open_volgens_filter(monkeypatch, maandag_tien).filter(pk=aanbod.pk).exists()

    assert not open_nu()
    uur = Openingsuur.objects.create(locatie=locatie, dag=1, van=dt.time(9), tot=dt.time(12))
    assert not open_nu()  # the location is not linked yet
    aanbod.locaties.add(locatie)
    assert open_nu()
    Locatie.objects.filter(pk=locatie.pk).update(actief=False)
    assert not open_nu()
    locatie.actief = True
    locatie.save()
    assert open_nu()
    Openingsuur.objects.filter(pk=uur.pk).update(van=dt.time(10, 0, 1))
    assert not open_nu()
    aanbod.locaties.remove(locatie)
    eigen = Openingsuur.objects.create(aanbod=aanbod, dag=1, van=dt.time(9, 59, 59), tot=dt.time(10, 0, 1))
    assert open_nu()
    eigen.dag = 2
    eigen.save()
    assert not open_nu()
    Openingsuur.objects.filter(aanbod=aanbod).delete()
    aanbod.locaties.add(locatie)
    Openingsuur.objects.filter(pk=uur.pk).update(van=dt.time(8))
    assert open_nu()
    locatie.delete()  # cascades to its hours and links
    assert not open_nu()
    assert afwijkingen() == []
