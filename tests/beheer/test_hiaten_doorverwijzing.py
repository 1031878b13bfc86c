"""The referral module's source for the gaps report: only refusals for lack of capacity, counted."""

import datetime as dt

import pytest
from django.utils import timezone

from aanbod.beheer.hiaten import bronnen
from doorverwijzing.constants import Contactwijze, Reden, Status
from doorverwijzing.hiaten import weigeringen_wegens_capaciteit
from doorverwijzing.models import Doorverwijzing
from tests.factories import AanbodFactory, OrganisatieFactory, UserFactory

pytestmark = pytest.mark.django_db


def _doorverwijzing(aanbod, status, reden="", afgesloten_op=None, **velden):
    return Doorverwijzing.objects.create(
        verwijzer=UserFactory(),
        verwijzer_organisatie=OrganisatieFactory(),
        aanbod=aanbod,
        ontvanger_organisatie=aanbod.organisatie,
        persoon_naam="X. Y.",
        contactwijze=Contactwijze.TELEFOON,
        vraag="Hulpvraag",
        status=status,
        status_reden=reden,
        afgesloten_op=afgesloten_op,
        **velden,
    )


def test_bron_is_geregistreerd_door_de_doorverwijzingsapp():
    assert weigeringen_wegens_capaciteit in bronnen.geregistreerde_bronnen()


def test_telt_enkel_weigeringen_wegens_capaciteit_in_de_periode():
    nu = timezone.now()
    van = nu - dt.timedelta(days=30)
    eerste, tweede, ander = AanbodFactory(), AanbodFactory(), AanbodFactory()
    gisteren = nu - dt.timedelta(days=1)
    _doorverwijzing(eerste, Status.REJECTED, Reden.GEEN_CAPACITEIT, gisteren)
    _doorverwijzing(eerste, Status.REJECTED, Reden.GEEN_CAPACITEIT, gisteren)
    _doorverwijzing(tweede, Status.REJECTED, Reden.GEEN_CAPACITEIT, gisteren)
    # Not counted: another reason, a waiting list, outside the period, not asked for.
    _doorverwijzing(eerste, Status.REJECTED, Reden.NIET_IN_DOELGROEP, gisteren)
    _doorverwijzing(eerste, Status.ON_HOLD, Reden.GEEN_CAPACITEIT, overbruggingsplan="Bellen elke week")
    _doorverwijzing(eerste, Status.FAILED, Reden.GEEN_CAPACITEIT, gisteren)
    _doorverwijzing(eerste, Status.REJECTED, Reden.GEEN_CAPACITEIT, nu - dt.timedelta(days=40))
    _doorverwijzing(ander, Status.REJECTED, Reden.GEEN_CAPACITEIT, gisteren)

    assert weigeringen_wegens_capaciteit({eerste.pk, tweede.pk}, van, nu) == {eerste.pk: 2, tweede.pk: 1}
    # Through the extension point, as the report asks it.
    assert bronnen.weigeringen_wegens_capaciteit([eerste.pk, tweede.pk], van, nu) == {eerste.pk: 2, tweede.pk: 1}
