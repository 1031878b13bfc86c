"""``__any``: the same rows as ``__in``, with the list as one array parameter."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aanbod.models import Aanbod, Gemeente

pytestmark = pytest.mark.django_db


def test_any_geeft_dezelfde_rijen_als_in_met_een_parameter():
    ids = list(Gemeente.objects.order_by("id").values_list("id", flat=True)[:500:7])
    with CaptureQueriesContext(connection) as vastgelegd:
        gevonden = set(Gemeente.objects.filter(id__any=ids).values_list("id", flat=True))
    assert gevonden == set(Gemeente.objects.filter(id__in=ids).values_list("id", flat=True)) == set(ids)
    assert "= ANY(" in vastgelegd.captured_queries[0]["sql"]
    assert not Gemeente.objects.filter(id__any=[]).exists()


def test_any_op_een_verwijzing():
    gemeenten = list(Gemeente.objects.order_by("id").values_list("id", flat=True)[:3])
    koppeling = Aanbod.werkingsgebied_gemeenten.through
    assert str(koppeling.objects.filter(gemeente_id__any=gemeenten).query).count("ANY") == 1
    assert (
        koppeling.objects.filter(gemeente_id__any=gemeenten).count()
        == koppeling.objects.filter(gemeente_id__in=gemeenten).count()
    )
