"""The gaps report of a zone for the zorgraad: coverage, capacity over time, refusals, missing-aanbod signals.

Everything here reads; nothing writes. Each part is a fixed number of queries, whatever the number of
municipalities, support forms or aanbod in the zone (the matrix is one query, not one per cell).
Coverage follows the search's rule (``AanbodQuerySet.voor_gemeente``): aanbod for all of Flanders,
for the municipality, or for a zone the municipality belongs to.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from aanbod.beheer.hiaten import bronnen
from aanbod.constants import AanbodStatus, Capaciteit
from aanbod.models import Aanbod, Eerstelijnszone, Gemeente, Ondersteuningsvorm, Suggestie
from aanbod.models.suggestie import SuggestieSoort, SuggestieStatus

# The capacity states in the order the report shows them (most pressing first).
TOESTANDEN = [
    Capaciteit.VOLZET,
    Capaciteit.WACHTLIJST,
    Capaciteit.BEPERKT,
    Capaciteit.PLAATS_VRIJ,
    Capaciteit.ONBEKEND,
]
KRAPTE = (Capaciteit.VOLZET, Capaciteit.WACHTLIJST)
MAANDEN = 12


# Pairs (aanbod, municipality of the zone) where the aanbod serves the municipality's residents: all
# of Flanders, the municipality itself, or a zone the municipality belongs to. For a municipality split
# over zones by postcode (Antwerp), another zone counts only where its postcodes overlap this zone's.
_DEKKING = """
WITH gemeenten AS (
    SELECT gemeente_id, zone_id, postcodes FROM aanbod_zonelidmaatschap WHERE zone_id = %(zone)s
), paren AS (
    SELECT a.id AS aanbod_id, g.gemeente_id
      FROM aanbod_aanbod a CROSS JOIN gemeenten g
     WHERE a.werkingsgebied_vlaanderen
    UNION
    SELECT wg.aanbod_id, wg.gemeente_id
      FROM aanbod_aanbod_werkingsgebied_gemeenten wg JOIN gemeenten g ON g.gemeente_id = wg.gemeente_id
    UNION
    SELECT wz.aanbod_id, g.gemeente_id
      FROM aanbod_aanbod_werkingsgebied_zones wz
      JOIN aanbod_zonelidmaatschap l2 ON l2.zone_id = wz.eerstelijnszone_id
      JOIN gemeenten g ON g.gemeente_id = l2.gemeente_id
     WHERE wz.eerstelijnszone_id = g.zone_id OR l2.postcodes = '{}' OR g.postcodes = '{}'
        OR l2.postcodes && g.postcodes
)
SELECT a.ondersteuningsvorm_id, p.gemeente_id, count(*) AS aantal
  FROM paren p
  JOIN aanbod_aanbod a ON a.id = p.aanbod_id
  JOIN aanbod_organisatie o ON o.id = a.organisatie_id
 WHERE a.status = %(actief)s AND o.actief AND a.ondersteuningsvorm_id IS NOT NULL
 GROUP BY 1, 2
"""

# Per aanbod: its latest change of capacity state in the history (the row whose state differs from the
# row before it). The first row of an aanbod counts from the date its capacity was set, since history
# may start after the state did (records written in bulk are not in the history).
_SINDS = """
SELECT DISTINCT ON (aanbod_id) aanbod_id, capaciteit, sinds
  FROM (
    SELECT h.id AS aanbod_id, h.capaciteit, h.history_date, h.history_id,
           CASE WHEN lag(h.history_id) OVER w IS NULL
                THEN least(h.capaciteit_bijgewerkt_op, h.history_date) ELSE h.history_date END AS sinds,
           lag(h.capaciteit) OVER w IS DISTINCT FROM h.capaciteit
               OR lag(h.history_id) OVER w IS NULL AS wissel
      FROM aanbod_historicalaanbod h
     WHERE h.id = ANY(%(ids)s)
    WINDOW w AS (PARTITION BY h.id ORDER BY h.history_date, h.history_id)
  ) wissels
 WHERE wissel
 ORDER BY aanbod_id, history_date DESC, history_id DESC
"""

# The capacity state of each aanbod at each point in time (month ends, and now), then counted.
# At a point: the latest history row before it (deleted, stopped or closed: not counted). Before
# the first history row (or without history): the state of that first row (or of the record now) if
# its capacity was set before the point, 'onbekend' if the aanbod existed already, else not counted.
# The last point ("now") is the record as it is now, so it matches the list of full aanbod.
_VERLOOP = """
WITH punten AS (
    SELECT t, volgnummer FROM unnest(%(punten)s::timestamptz[]) WITH ORDINALITY AS p(t, volgnummer)
), aanbod AS (
    SELECT a.id, a.aangemaakt_op,
           coalesce(e.capaciteit, a.capaciteit) AS r_capaciteit,
           coalesce(e.wachttijd_weken, a.wachttijd_weken) AS r_wachttijd,
           CASE WHEN e.history_id IS NULL THEN a.capaciteit_bijgewerkt_op ELSE e.capaciteit_bijgewerkt_op END
               AS r_bijgewerkt,
           coalesce(e.status, a.status) AS r_status,
           a.capaciteit, a.wachttijd_weken, a.status
      FROM aanbod_aanbod a
      LEFT JOIN LATERAL (
          SELECT h.history_id, h.capaciteit, h.wachttijd_weken, h.capaciteit_bijgewerkt_op, h.status
            FROM aanbod_historicalaanbod h WHERE h.id = a.id
           ORDER BY h.history_date, h.history_id LIMIT 1
      ) e ON true
     WHERE a.id = ANY(%(ids)s)
), toestand AS (
    SELECT p.volgnummer,
           CASE
             WHEN p.volgnummer = %(laatste)s THEN
               CASE WHEN a.status = %(actief)s THEN a.capaciteit END
             WHEN h.history_type IS NOT NULL THEN
               CASE WHEN h.history_type <> '-' AND h.status = %(actief)s THEN h.capaciteit END
             WHEN a.r_status <> %(actief)s THEN NULL
             WHEN a.r_bijgewerkt < p.t THEN a.r_capaciteit
             WHEN a.aangemaakt_op < p.t THEN %(onbekend)s
           END AS capaciteit,
           CASE
             WHEN p.volgnummer = %(laatste)s THEN a.wachttijd_weken
             WHEN h.history_type IS NOT NULL THEN h.wachttijd_weken
             WHEN a.r_bijgewerkt < p.t THEN a.r_wachttijd
           END AS wachttijd
      FROM punten p CROSS JOIN aanbod a
      LEFT JOIN LATERAL (
          SELECT h.history_type, h.status, h.capaciteit, h.wachttijd_weken
            FROM aanbod_historicalaanbod h
           WHERE h.id = a.id AND h.history_date < p.t
           ORDER BY h.history_date DESC, h.history_id DESC LIMIT 1
      ) h ON true
)
SELECT volgnummer, capaciteit, count(*) AS aantal,
       sum(wachttijd) FILTER (WHERE capaciteit = ANY(%(met_wachttijd)s)) AS som_wachttijd,
       count(wachttijd) FILTER (WHERE capaciteit = ANY(%(met_wachttijd)s)) AS met_wachttijd
  FROM toestand
 WHERE capaciteit IS NOT NULL
 GROUP BY 1, 2
"""


@dataclass
class Cel:
    gemeente: Gemeente
    aantal: int

    @property
    def gedekt(self) -> bool:
        return self.aantal > 0


@dataclass
class Matrixrij:
    vorm: Ondersteuningsvorm
    cellen: list[Cel]

    @property
    def aantal_zonder(self) -> int:
        return sum(1 for cel in self.cellen if not cel.gedekt)


@dataclass
class Krapte:
    """An aanbod that is full or has a waiting list now, and since when."""

    aanbod: Aanbod
    sinds: dt.datetime | None
    weigeringen: int | None
    nu: dt.datetime

    @property
    def dagen(self) -> int | None:
        return (self.nu - self.sinds).days if self.sinds else None


@dataclass
class Maand:
    einde: dt.datetime
    label: str
    aantallen: dict[str, int]
    gemiddelde_wachttijd: float | None

    @property
    def totaal(self) -> int:
        return sum(self.aantallen.values())

    @property
    def per_toestand(self) -> list[int]:
        return [self.aantallen.get(toestand.value, 0) for toestand in TOESTANDEN]


@dataclass
class Hiatenrapport:
    zone: Eerstelijnszone
    nu: dt.datetime
    van: dt.datetime
    gemeenten: list[Gemeente]
    matrix: list[Matrixrij]
    krapte: list[Krapte]
    verloop: list[Maand]
    # None: no source of referral figures is registered (the referral module is not installed).
    weigeringen_per_aanbod: list[tuple[Aanbod, int]] | None
    weigeringen_per_vorm: list[tuple[str, int]] | None
    meldingen: list[Suggestie]
    zonder_aanbieder: dict[Gemeente, list[Ondersteuningsvorm]] = field(default_factory=dict)

    @property
    def toestanden(self) -> list[tuple[str, str]]:
        return [(t.value, t.label) for t in TOESTANDEN]

    @property
    def gaten(self) -> int:
        """Number of (municipality, support form) cells without any aanbod."""
        return sum(rij.aantal_zonder for rij in self.matrix)

    @property
    def weigeringen_totaal(self) -> int | None:
        return None if self.weigeringen_per_vorm is None else sum(aantal for _naam, aantal in self.weigeringen_per_vorm)


def _rijen(sql: str, params: dict) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def dekkingsmatrix(zone: Eerstelijnszone) -> tuple[list[Gemeente], list[Matrixrij]]:
    """Active support forms × the zone's municipalities, with the number of active aanbod serving each."""
    gemeenten = list(Gemeente.objects.filter(lidmaatschappen__zone=zone).order_by("naam"))
    vormen = list(Ondersteuningsvorm.objects.actief().order_by("naam"))
    aantallen = {
        (vorm_id, gemeente_id): aantal
        for vorm_id, gemeente_id, aantal in _rijen(_DEKKING, {"zone": zone.pk, "actief": AanbodStatus.ACTIEF})
    }
    matrix = [
        Matrixrij(vorm=vorm, cellen=[Cel(gemeente=g, aantal=aantallen.get((vorm.pk, g.pk), 0)) for g in gemeenten])
        for vorm in vormen
    ]
    return gemeenten, matrix


def zonder_aanbieder(gemeenten: list[Gemeente], matrix: list[Matrixrij]) -> dict[Gemeente, list[Ondersteuningsvorm]]:
    """Per municipality, the support forms no active aanbod offers to its residents."""
    per_gemeente: dict[Gemeente, list[Ondersteuningsvorm]] = {g: [] for g in gemeenten}
    for rij in matrix:
        for cel in rij.cellen:
            if not cel.gedekt:
                per_gemeente[cel.gemeente].append(rij.vorm)
    return per_gemeente


def capaciteit_sinds(aanbod: list[Aanbod]) -> dict[int, dt.datetime | None]:
    """Since when each aanbod has had its current capacity state.

    From the history: the latest change into the current state. When there is no history, or the
    history ends in another state (a write that bypassed it), the record's ``capaciteit_bijgewerkt_op``.
    """
    wissels = {
        aanbod_id: (capaciteit, sinds)
        for aanbod_id, capaciteit, sinds in _rijen(_SINDS, {"ids": [a.pk for a in aanbod]})
    }
    resultaat = {}
    for item in aanbod:
        capaciteit, sinds = wissels.get(item.pk, (None, None))
        resultaat[item.pk] = sinds if capaciteit == item.capaciteit and sinds else item.capaciteit_bijgewerkt_op
    return resultaat


def _maandgrenzen(nu: dt.datetime, maanden: int = MAANDEN) -> list[tuple[dt.datetime, dt.date]]:
    """(point, first day of its month) for the last ``maanden`` months: each month's end, and now for this month."""
    lokaal = timezone.localtime(nu)
    jaar, maand = lokaal.year, lokaal.month
    eersten = []
    for _stap in range(maanden):
        eersten.append(dt.date(jaar, maand, 1))
        jaar, maand = (jaar, maand - 1) if maand > 1 else (jaar - 1, 12)
    eersten.reverse()
    punten = []
    for eerste in eersten:
        volgende = dt.date(eerste.year + eerste.month // 12, eerste.month % 12 + 1, 1)
        grens = timezone.make_aware(dt.datetime.combine(volgende, dt.time.min))
        punten.append((min(grens, nu), eerste))
    return punten


_MAANDNAMEN = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def capaciteitsverloop(aanbod_ids: list[int], nu: dt.datetime) -> list[Maand]:
    """Number of aanbod per capacity state at each month end of the last year, with the mean waiting time."""
    punten = _maandgrenzen(nu)
    rijen = _rijen(
        _VERLOOP,
        {
            "punten": [t for t, _eerste in punten],
            "laatste": len(punten),
            "ids": aanbod_ids,
            "actief": AanbodStatus.ACTIEF,
            "onbekend": Capaciteit.ONBEKEND,
            "met_wachttijd": [Capaciteit.VOLZET, Capaciteit.WACHTLIJST, Capaciteit.BEPERKT],
        },
    )
    aantallen: dict[int, dict[str, int]] = defaultdict(dict)
    wachttijd: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for volgnummer, capaciteit, aantal, som, met in rijen:
        aantallen[volgnummer][capaciteit] = aantal
        wachttijd[volgnummer][0] += som or 0
        wachttijd[volgnummer][1] += met or 0
    maanden = []
    for volgnummer, (t, eerste) in enumerate(punten, start=1):
        som, met = wachttijd[volgnummer]
        maanden.append(
            Maand(
                einde=t,
                label=f"{_MAANDNAMEN[eerste.month - 1]} {eerste.year}",
                aantallen={toestand.value: aantallen[volgnummer].get(toestand.value, 0) for toestand in TOESTANDEN},
                gemiddelde_wachttijd=round(som / met, 1) if met else None,
            )
        )
    return maanden


def maak_rapport(*, zone: Eerstelijnszone, user, nu: dt.datetime | None = None) -> Hiatenrapport:
    """The whole report for one zone, as seen by ``user`` (missing-aanbod signals through their visibility rule)."""
    nu = nu or timezone.now()
    # The period of the chart: from the first day of the first month shown.
    van = timezone.make_aware(dt.datetime.combine(_maandgrenzen(nu)[0][1], dt.time.min))

    gemeenten, matrix = dekkingsmatrix(zone)

    # Every aanbod serving the zone from an active organisation, whatever its status: the history
    # decides whether it counted in a past month, and refusals may predate a stop.
    zone_aanbod = Aanbod.objects.in_zone(zone).filter(organisatie__actief=True)
    aanbod_ids = list(zone_aanbod.values_list("id", flat=True))

    # select_related: organisation and support form are printed on every row.
    krap = list(
        zone_aanbod.filter(status=AanbodStatus.ACTIEF, capaciteit__in=KRAPTE)
        .select_related("organisatie", "ondersteuningsvorm")
        .order_by("ondersteuningsvorm__naam", "naam")
    )
    sinds = capaciteit_sinds(krap)

    weigeringen = bronnen.weigeringen_wegens_capaciteit(aanbod_ids, van, nu)
    per_aanbod = per_vorm = None
    if weigeringen is not None:
        # select_related: the organisation and support form of each refused aanbod are shown.
        geweigerd = (
            Aanbod.objects.filter(pk__in=list(weigeringen)).select_related("organisatie", "ondersteuningsvorm")
            if weigeringen
            else []
        )
        per_aanbod = sorted(((a, weigeringen[a.pk]) for a in geweigerd), key=lambda p: (-p[1], p[0].naam))
        vormen: Counter[str] = Counter()
        for item, aantal in per_aanbod:
            vormen[item.ondersteuningsvorm.naam if item.ondersteuningsvorm else _("(geen ondersteuningsvorm)")] += (
                aantal
            )
        per_vorm = sorted(vormen.items(), key=lambda p: (-p[1], p[0]))

    meldingen = list(
        Suggestie.objects.zichtbaar_voor(user)
        .filter(
            zone=zone,
            soort=SuggestieSoort.ONTBREEKT,
            status__in=[SuggestieStatus.NIEUW, SuggestieStatus.IN_BEHANDELING],
        )
        .order_by("-aangemaakt_op")
    )

    return Hiatenrapport(
        zone=zone,
        nu=nu,
        van=van,
        gemeenten=gemeenten,
        matrix=matrix,
        krapte=[
            Krapte(
                aanbod=item,
                sinds=sinds[item.pk],
                weigeringen=weigeringen.get(item.pk, 0) if weigeringen is not None else None,
                nu=nu,
            )
            for item in krap
        ],
        verloop=capaciteitsverloop(aanbod_ids, nu),
        weigeringen_per_aanbod=per_aanbod,
        weigeringen_per_vorm=per_vorm,
        meldingen=meldingen,
        zonder_aanbieder=zonder_aanbieder(gemeenten, matrix),
    )
