"""Aggregates for the zorgraad: the 'hiaten' evidence. Never a person, only counts and durations."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

_PER_MAAND = """
SELECT coalesce(v.naam, '(geen ondersteuningsvorm)') AS vorm, z.weergavenaam AS zone,
       to_char(date_trunc('month', d.verstuurd_op AT TIME ZONE 'Europe/Brussels'), 'YYYY-MM') AS maand,
       d.status, count(*) AS aantal
  FROM doorverwijzing_doorverwijzing d
  JOIN aanbod_aanbod a ON a.id = d.aanbod_id
  LEFT JOIN aanbod_ondersteuningsvorm v ON v.id = a.ondersteuningsvorm_id
  JOIN aanbod_zonelidmaatschap l ON l.gemeente_id = d.persoon_gemeente_id
  JOIN aanbod_eerstelijnszone z ON z.id = l.zone_id
 WHERE d.verstuurd_op IS NOT NULL AND z.id = ANY(%s)
 GROUP BY 1, 2, 3, 4
 ORDER BY 3 DESC, 1, 2, 4
"""

_PER_VORM = """
SELECT coalesce(v.naam, '(geen ondersteuningsvorm)') AS vorm,
       count(*) AS verstuurd,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.eerste_reactie_op - d.verstuurd_op) / 3600)
           FILTER (WHERE d.eerste_reactie_op IS NOT NULL) AS mediaan_uren_eerste_reactie,
       avg((EXISTS (SELECT 1 FROM doorverwijzing_terugkoppeling t WHERE t.doorverwijzing_id = d.id))::int)
           AS aandeel_met_terugkoppeling,
       count(*) FILTER (WHERE d.status_reden = 'geen_capaciteit') AS geweigerd_of_wachtlijst_wegens_capaciteit,
       avg(d.verwachte_start - (d.verstuurd_op AT TIME ZONE 'Europe/Brussels')::date)
           FILTER (WHERE d.verwachte_start IS NOT NULL) AS gemiddelde_wachttijd_dagen
  FROM doorverwijzing_doorverwijzing d
  JOIN aanbod_aanbod a ON a.id = d.aanbod_id
  LEFT JOIN aanbod_ondersteuningsvorm v ON v.id = a.ondersteuningsvorm_id
 WHERE d.verstuurd_op IS NOT NULL
   AND EXISTS (SELECT 1 FROM aanbod_zonelidmaatschap l
                WHERE l.gemeente_id = d.persoon_gemeente_id AND l.zone_id = ANY(%s))
 GROUP BY 1
 ORDER BY 2 DESC, 1
"""


@dataclass
class Statistiek:
    per_maand: list[dict]
    per_vorm: list[dict]


def _rijen(sql: str, params: list) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        kolommen = [k.name for k in cursor.description]
        return [dict(zip(kolommen, rij, strict=True)) for rij in cursor.fetchall()]


def statistiek(zone_ids: list[int]) -> Statistiek:
    """Referrals of residents of the given zones (where the person lives), aggregated."""
    return Statistiek(per_maand=_rijen(_PER_MAAND, [zone_ids]), per_vorm=_rijen(_PER_VORM, [zone_ids]))
