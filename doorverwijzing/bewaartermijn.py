"""Retention: personal data of closed referrals is pseudonymised after BEWAARTERMIJN_MAANDEN.

What stays is what the statistics need (organisations, offer, status, reasons, outcome, dates,
municipality of residence); names, contact details and free texts go. Run by
``manage.py verwerk_bewaartermijn`` (idempotent).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from doorverwijzing.constants import AFGESLOTEN, GebeurtenisSoort
from doorverwijzing.models import Bericht, Doorverwijzing, Gebeurtenis, Terugkoppeling, Toestemming

GEPSEUDONIMISEERD = "gepseudonimiseerd"


def verwerk_bewaartermijn(nu: dt.datetime | None = None) -> int:
    nu = nu or timezone.now()
    grens = nu - dt.timedelta(days=round(settings.BEWAARTERMIJN_MAANDEN * 30.44))
    te_wissen = Doorverwijzing.objects.filter(
        status__in=AFGESLOTEN, afgesloten_op__lt=grens, gepseudonimiseerd_op__isnull=True
    ).values_list("pk", flat=True)
    aantal = 0
    for pk in te_wissen.iterator():
        pseudonimiseer(pk, nu)
        aantal += 1
    return aantal


@transaction.atomic
def pseudonimiseer(pk: int, nu: dt.datetime) -> None:
    """Remove the personal data of one referral, keeping the row and its statistics."""
    doorverwijzing = Doorverwijzing.objects.select_for_update().get(pk=pk)
    for veld, waarde in {
        "persoon_naam": GEPSEUDONIMISEERD,
        "persoon_geboortejaar": (doorverwijzing.persoon_geboortejaar // 10 * 10)
        if doorverwijzing.persoon_geboortejaar
        else None,
        "contactgegevens": "",
        "contactmomenten": "",
        "tolk_taal": "",
        "mandaat": "",
        "vraag": "",
        "reeds_geprobeerd": "",
        "status_toelichting": "",
        "overbruggingsplan": "" if doorverwijzing.status != "on-hold" else GEPSEUDONIMISEERD,
        "overbrugging_door": "",
        "contactpersoon": "",
        "gepseudonimiseerd_op": nu,
    }.items():
        setattr(doorverwijzing, veld, waarde)
    doorverwijzing.save()
    Bericht.objects.filter(doorverwijzing=doorverwijzing).update(tekst="")
    Terugkoppeling.objects.filter(doorverwijzing=doorverwijzing).update(tekst="", volgende_stap="")
    Toestemming.objects.filter(doorverwijzing=doorverwijzing).update(reikwijdte="", vertegenwoordiger="")
    # The event log is append-only; its trigger allows exactly this: clearing free-text notes.
    Gebeurtenis.objects.filter(doorverwijzing=doorverwijzing).exclude(toelichting="").update(toelichting="")
    Gebeurtenis.objects.create(doorverwijzing=doorverwijzing, soort=GebeurtenisSoort.GEPSEUDONIMISEERD)
