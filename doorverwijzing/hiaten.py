"""The referrals' contribution to the gaps report (/beheer/hiaten/): refusals for lack of capacity.

Registered in ``DoorverwijzingConfig.ready`` with ``aanbod.beheer.hiaten.bronnen.register_bron``, so
the catalogue shows these figures without importing this app. Counts only, never a person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from django.db.models import Count

from doorverwijzing.constants import Reden, Status
from doorverwijzing.models import Doorverwijzing


def weigeringen_wegens_capaciteit(aanbod_ids: Collection[int], van: dt.datetime, tot: dt.datetime) -> dict[int, int]:
    """Per aanbod: referrals not accepted ("Niet aanvaard") for lack of capacity, closed in [van, tot).

    A referral later marked as entered in error no longer has status rejected and does not count;
    waiting lists (on hold) are not refusals.
    """
    rijen = (
        Doorverwijzing.objects.filter(
            aanbod_id__in=list(aanbod_ids),
            status=Status.REJECTED,
            status_reden=Reden.GEEN_CAPACITEIT,
            afgesloten_op__gte=van,
            afgesloten_op__lt=tot,
        )
        .values("aanbod_id")
        .annotate(aantal=Count("id"))
        .order_by()
    )
    return {rij["aanbod_id"]: rij["aantal"] for rij in rijen}
