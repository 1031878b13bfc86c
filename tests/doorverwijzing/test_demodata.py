"""Demo referrals: every demo login sees a realistic inbox and overview."""

import pytest

from doorverwijzing.constants import Status
from doorverwijzing.demodata import laad_demo_doorverwijzingen
from doorverwijzing.models import Doorverwijzing

pytestmark = pytest.mark.django_db


def test_demo_doorverwijzingen_in_vele_statussen_en_idempotent(gebruikers):
    assert laad_demo_doorverwijzingen() == 9
    assert laad_demo_doorverwijzingen() == 0
    statussen = set(Doorverwijzing.objects.values_list("status", flat=True))
    assert statussen >= {
        Status.DRAFT,
        Status.REQUESTED,
        Status.ACCEPTED,
        Status.ON_HOLD,
        Status.IN_PROGRESS,
        Status.COMPLETED,
        Status.REJECTED,
        Status.FAILED,
    }
    for naam in ("verwijzer", "ontvanger"):
        zichtbaar = Doorverwijzing.objects.zichtbaar_voor(gebruikers[naam])
        assert zichtbaar.filter(verwijzer=gebruikers[naam]).exists()  # sent
        assert zichtbaar.exclude(verwijzer=gebruikers[naam]).exists()  # received
    assert not Doorverwijzing.objects.zichtbaar_voor(gebruikers["buitenstaander"]).exists()
    oud = Doorverwijzing.objects.filter(status=Status.COMPLETED).get()
    assert oud.gebeurtenissen.first().tijdstip < oud.afgesloten_op  # a history, not all at the same second
    assert oud.terugkoppelingen.exists()
