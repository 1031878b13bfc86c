"""Reminders so that nobody is lost while waiting: run by ``manage.py verwerk_herinneringen``.

Idempotent: every reminder leaves an event, and an event of the same kind after the last activity
means it was already sent, so the command can run every few minutes from cron or a systemd timer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from aanbod.models import Organisatie, ZoneLidmaatschap
from doorverwijzing.constants import LOPEND, GebeurtenisSoort, Status
from doorverwijzing.models import Doorverwijzing, Gebeurtenis, Melding, Termijn, VerzondenOverzicht
from doorverwijzing.services import leden_van

HERINNERING_EERSTE_REACTIE = "Nog geen reactie op een doorverwijzing."
VOORSTEL_AFSLUITEN = "Geen activiteit meer op een doorverwijzing: rond af of sluit af als 'niet gelukt'."


def werkdagen_tussen(begin: dt.date, einde: dt.date) -> int:
    """Working days (Monday–Friday) after ``begin`` up to and including ``einde``."""
    dagen, dag = 0, begin
    while dag < einde:
        dag += dt.timedelta(days=1)
        if dag.isoweekday() <= 5:
            dagen += 1
    return dagen


def termijn_voor(doorverwijzing: Doorverwijzing, termijnen: list[Termijn]) -> tuple[int, int]:
    """(working days to first response, days without activity) — the most specific row wins."""
    zones = set(
        ZoneLidmaatschap.objects.filter(gemeente__locaties__aanbod=doorverwijzing.aanbod_id).values_list(
            "zone_id", flat=True
        )
    ) | set(doorverwijzing.aanbod.werkingsgebied_zones.values_list("id", flat=True))
    vorm = doorverwijzing.aanbod.ondersteuningsvorm_id
    beste, score = None, -1
    for termijn in termijnen:
        past = (termijn.zone_id is None or termijn.zone_id in zones) and (
            termijn.ondersteuningsvorm_id is None or termijn.ondersteuningsvorm_id == vorm
        )
        specifiek = (termijn.zone_id is not None) + 2 * (termijn.ondersteuningsvorm_id is not None)
        if past and specifiek > score:
            beste, score = termijn, specifiek
    if beste is None:
        return settings.HERINNERING_WERKDAGEN, settings.INACTIEF_DAGEN
    return beste.werkdagen_eerste_reactie, beste.dagen_zonder_activiteit


@dataclass
class Verslag:
    herinneringen: int = 0
    voorstellen: int = 0
    overzichten: int = 0


def _signaal(doorverwijzing: Doorverwijzing, organisatie_ids: list[int], tekst: str) -> None:
    Melding.objects.bulk_create(
        [Melding(user=u, doorverwijzing=doorverwijzing, tekst=tekst) for o in organisatie_ids for u in leden_van(o)]
    )


def verwerk_herinneringen(nu: dt.datetime | None = None) -> Verslag:
    """Send what is due now: first-response reminders, proposals to close, weekly digests."""
    nu = nu or timezone.now()
    verslag = Verslag()
    termijnen = list(Termijn.objects.all())

    # 1. No first response within N working days: remind the receiver, signal the referrer.
    wachtend = (
        Doorverwijzing.objects.filter(status=Status.REQUESTED, eerste_reactie_op__isnull=True)
        .exclude(gebeurtenissen__soort=GebeurtenisSoort.HERINNERING)
        .select_related("aanbod")
    )
    for doorverwijzing in wachtend:
        werkdagen, _inactief = termijn_voor(doorverwijzing, termijnen)
        if (
            werkdagen_tussen(timezone.localtime(doorverwijzing.verstuurd_op).date(), timezone.localtime(nu).date())
            < werkdagen
        ):
            continue
        with transaction.atomic():
            Gebeurtenis.objects.create(
                doorverwijzing=doorverwijzing, soort=GebeurtenisSoort.HERINNERING, toelichting="eerste_reactie"
            )
            _signaal(
                doorverwijzing,
                [doorverwijzing.ontvanger_organisatie_id, doorverwijzing.verwijzer_organisatie_id],
                _(HERINNERING_EERSTE_REACTIE),
            )
        verslag.herinneringen += 1

    # 2. No activity for M days on an open referral: propose to close it (people decide, not the clock).
    open_ = (
        Doorverwijzing.objects.filter(status__in=LOPEND)
        .annotate(
            laatste=Max("gebeurtenissen__tijdstip", filter=~Q(gebeurtenissen__soort=GebeurtenisSoort.HERINNERING)),
            laatste_voorstel=Max(
                "gebeurtenissen__tijdstip",
                filter=Q(gebeurtenissen__soort=GebeurtenisSoort.HERINNERING, gebeurtenissen__toelichting="afsluiten"),
            ),
        )
        .select_related("aanbod")
    )
    for doorverwijzing in open_:
        _werkdagen, inactief = termijn_voor(doorverwijzing, termijnen)
        if doorverwijzing.laatste is None or nu - doorverwijzing.laatste < dt.timedelta(days=inactief):
            continue
        if doorverwijzing.laatste_voorstel and doorverwijzing.laatste_voorstel > doorverwijzing.laatste:
            continue
        with transaction.atomic():
            Gebeurtenis.objects.create(
                doorverwijzing=doorverwijzing, soort=GebeurtenisSoort.HERINNERING, toelichting="afsluiten"
            )
            _signaal(doorverwijzing, [doorverwijzing.ontvanger_organisatie_id], _(VOORSTEL_AFSLUITEN))
        verslag.voorstellen += 1

    # 3. A weekly digest per organisation with open referrals (counts only, no personal data).
    jaar, week, _dag = timezone.localtime(nu).isocalendar()
    label = f"{jaar}-W{week:02d}"
    organisaties = (
        Organisatie.objects.filter(ontvangen_doorverwijzingen__status__in=LOPEND)
        .annotate(open_=Count("ontvangen_doorverwijzingen", filter=Q(ontvangen_doorverwijzingen__status__in=LOPEND)))
        .exclude(verzondenoverzicht__week=label)
    )
    mails = []
    for organisatie in organisaties:
        _obj, nieuw = VerzondenOverzicht.objects.get_or_create(organisatie=organisatie, week=label)
        if not nieuw:
            continue
        tekst = _("Weekoverzicht: %(aantal)d lopende doorverwijzingen voor uw organisatie.") % {
            "aantal": organisatie.open_
        }
        mails += [
            (
                _("Weekoverzicht doorverwijzingen"),
                f"{tekst}\n\n{settings.BASIS_URL}/doorverwijzingen/\n",
                settings.DEFAULT_FROM_EMAIL,
                [u.email],
            )
            for u in leden_van(organisatie.pk)
            if u.email
        ]
        verslag.overzichten += 1
    if mails:
        send_mass_mail(mails, fail_silently=True)
    return verslag
