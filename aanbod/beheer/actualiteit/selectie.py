"""Which aanbod of a zone needs attention, and why: the problem rules of the freshness dashboard.

Each problem is one boolean SQL expression on Aanbod, so the dashboard counts them all in one
aggregate query, the work list filters on them and each row shows its own problems without N+1.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aanbod.constants import AanbodStatus
from aanbod.models import Aanbod, Openingsuur, Suggestie, SuggestieStatus, Voorstel, VoorstelStatus, ZoneLidmaatschap

OPEN_SUGGESTIES = (SuggestieStatus.NIEUW, SuggestieStatus.IN_BEHANDELING)


def maanden_terug(datum: dt.date, maanden: int) -> dt.date:
    """``datum`` minus whole calendar months (31 March − 1 month = 28/29 February)."""
    jaar, maand = divmod(datum.year * 12 + datum.month - 1 - maanden, 12)
    dag = min(datum.day, calendar.monthrange(jaar, maand + 1)[1])
    return datum.replace(year=jaar, month=maand + 1, day=dag)


def controlegrens() -> dt.date:
    """Aanbod last checked before this date (or never) is due for a check."""
    return maanden_terug(timezone.localdate(), settings.CONTROLE_TERMIJN_MAANDEN)


def capaciteitsgrens() -> dt.datetime:
    return timezone.now() - dt.timedelta(days=settings.CAPACITEIT_VERVALT_DAGEN)


def _heeft(through, veld: str = "aanbod_id"):
    return Exists(through.objects.filter(**{veld: OuterRef("pk")}))


def _ontbrekend() -> dict[str, Q]:
    """The critical fields of an aanbod, each as 'is missing'."""
    openingsuren_locatie = Openingsuur.objects.filter(
        locatie__in=Aanbod.locaties.through.objects.filter(aanbod_id=OuterRef(OuterRef("pk"))).values("locatie_id")
    )
    return {
        "geen_contact": Q(telefoon="", email=""),
        "geen_toegangsweg": ~Q(_heeft(Aanbod.toegangswegen.through)),
        "geen_doelgroep": ~Q(_heeft(Aanbod.doelgroepen.through)),
        "geen_openingsuren": Q(openingsuren_toelichting="")
        & ~Q(Exists(Openingsuur.objects.filter(aanbod_id=OuterRef("pk"))))
        & ~Q(Exists(openingsuren_locatie)),
        "geen_werkingsgebied": Q(werkingsgebied_vlaanderen=False)
        & ~Q(_heeft(Aanbod.werkingsgebied_zones.through))
        & ~Q(_heeft(Aanbod.werkingsgebied_gemeenten.through)),
    }


@dataclass(frozen=True)
class Probleem:
    sleutel: str
    label: str
    voorwaarde: Q


def problemen() -> list[Probleem]:
    """The problems in the order of the dashboard; 'ontbrekend' is any missing critical field."""
    ontbrekend = _ontbrekend()
    alle_ontbrekend = Q()
    for voorwaarde in ontbrekend.values():
        alle_ontbrekend |= voorwaarde
    return [
        Probleem(
            "niet_gecontroleerd",
            _("Niet gecontroleerd in %(maanden)s maanden") % {"maanden": settings.CONTROLE_TERMIJN_MAANDEN},
            Q(laatst_gecontroleerd_op__isnull=True) | Q(laatst_gecontroleerd_op__lt=controlegrens()),
        ),
        Probleem("ontbrekend", _("Ontbrekende kerngegevens"), alle_ontbrekend),
        Probleem("geen_contact", _("Geen telefoon en geen e-mail"), ontbrekend["geen_contact"]),
        Probleem("geen_toegangsweg", _("Geen toegangsweg"), ontbrekend["geen_toegangsweg"]),
        Probleem("geen_doelgroep", _("Geen doelgroep"), ontbrekend["geen_doelgroep"]),
        Probleem("geen_openingsuren", _("Geen openingsuren"), ontbrekend["geen_openingsuren"]),
        Probleem("geen_werkingsgebied", _("Geen werkingsgebied"), ontbrekend["geen_werkingsgebied"]),
        Probleem(
            "capaciteit_oud",
            _("Capaciteit niet bijgewerkt in %(dagen)s dagen") % {"dagen": settings.CAPACITEIT_VERVALT_DAGEN},
            Q(capaciteit_bijgewerkt_op__isnull=True) | Q(capaciteit_bijgewerkt_op__lt=capaciteitsgrens()),
        ),
        Probleem("organisatie_inactief", _("Organisatie niet meer actief"), Q(organisatie__actief=False)),
        Probleem(
            "voorstel_open",
            _("Voorstel wacht op beoordeling"),
            Q(Exists(Voorstel.objects.filter(aanbod_id=OuterRef("pk"), status=VoorstelStatus.OPEN))),
        ),
    ]


def probleem(sleutel: str) -> Probleem | None:
    return next((p for p in problemen() if p.sleutel == sleutel), None)


# Problems shown per row in the work list ('ontbrekend' is the sum of the detailed ones).
RIJPROBLEMEN = (
    "niet_gecontroleerd",
    "geen_contact",
    "geen_toegangsweg",
    "geen_doelgroep",
    "geen_openingsuren",
    "geen_werkingsgebied",
    "capaciteit_oud",
    "organisatie_inactief",
    "voorstel_open",
)


def aanbod_in_scope(user, zone) -> QuerySet[Aanbod]:
    """The aanbod ``user`` curates in ``zone``: listed for the zone itself or one of its municipalities.

    Aanbod for all of Flanders counts only when it is also listed for this zone (otherwise it is
    curated centrally); stopped aanbod is no longer checked.
    """
    gemeenten = ZoneLidmaatschap.objects.filter(zone=zone).values("gemeente_id")
    per_gemeente = Aanbod.werkingsgebied_gemeenten.through.objects.filter(
        aanbod_id=OuterRef("pk"), gemeente_id__in=gemeenten
    )
    per_zone = Aanbod.werkingsgebied_zones.through.objects.filter(aanbod_id=OuterRef("pk"), eerstelijnszone_id=zone.pk)
    return (
        Aanbod.objects.beheerbaar_door(user)
        .filter(Exists(per_gemeente) | Exists(per_zone))
        .exclude(status=AanbodStatus.STOPGEZET)
    )


def met_problemen(queryset: QuerySet[Aanbod]) -> QuerySet[Aanbod]:
    """Annotate every row with one boolean per problem (``p_<sleutel>``), computed by PostgreSQL."""
    return queryset.annotate(
        **{
            f"p_{p.sleutel}": ExpressionWrapper(p.voorwaarde, output_field=BooleanField())
            for p in problemen()
            if p.sleutel in RIJPROBLEMEN
        }
    )


def tellingen(user, zone) -> dict:
    """The dashboard of one zone: counts per problem in one aggregate query, plus open reports."""
    scope = aanbod_in_scope(user, zone)
    aggregaten = {"totaal": Count("pk")}
    for p in problemen():
        aggregaten[p.sleutel] = Count("pk", filter=p.voorwaarde)
    aggregaten["organisaties_inactief"] = Count("organisatie", filter=Q(organisatie__actief=False), distinct=True)
    aggregaten["toegewezen_aan_mij"] = Count("pk", filter=Q(toegewezen_aan=user))
    resultaat = scope.aggregate(**aggregaten)
    resultaat["suggesties_open"] = open_suggesties(user, zone).count()
    return resultaat


def open_suggesties(user, zone) -> QuerySet[Suggestie]:
    """Open reports for ``zone``: about the zone itself or about aanbod curated in it."""
    return Suggestie.objects.zichtbaar_voor(user).filter(
        Q(zone=zone) | Q(aanbod__in=aanbod_in_scope(user, zone)), status__in=OPEN_SUGGESTIES
    )
