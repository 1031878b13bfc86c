"""History records of aanbod written in bulk, with their many-to-many rows (ADR 0004).

simple-history writes a record per ``save()`` and per many-to-many change, each with a copy of every
link: about 25 ms and 7 queries an aanbod. Paths that write many aanbod at once (CSV import, HSDS
import, the baseline before a first edit) save with ``skip_history_when_saving`` and call
:func:`leg_historiek_vast` once at the end: one INSERT for the records and one query and one INSERT
per many-to-many field, whatever the number of aanbod.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.utils import timezone

from aanbod.models import Aanbod

REDEN_MAX = 100  # simple-history's history_change_reason is a CharField(max_length=100)


def leg_historiek_vast(
    aanbod: Iterable[Aanbod], *, door=None, reden: str = "", soort: str = "~", datum=None, datum_per_aanbod=False
) -> list:
    """Write one history record per aanbod as it is now in the database, links included.

    ``soort`` is simple-history's type: ``+`` created, ``~`` changed. ``datum_per_aanbod`` dates each
    record at the aanbod's own ``gewijzigd_op`` (a baseline); otherwise ``datum`` or now.
    """
    aanbod = list(aanbod)
    if not aanbod:
        return []
    Historiek = Aanbod.historiek.model
    gebruiker = door if door is not None and door.is_authenticated else None
    nu = datum or timezone.now()
    for obj in aanbod:
        # Set explicitly: without it simple-history falls back to the signed-in user of the request.
        obj._history_user = gebruiker
        obj._history_date = obj.gewijzigd_op if datum_per_aanbod else nu
    try:
        records = Aanbod.historiek.bulk_history_create(
            aanbod, update=soort == "~", default_change_reason=reden[:REDEN_MAX]
        )
    finally:
        for obj in aanbod:
            del obj._history_user, obj._history_date
    per_aanbod = {record.id: record for record in records}
    for m2m in Historiek._history_m2m_fields:
        m2m_historiek = getattr(Historiek, m2m.name).model
        through = m2m.remote_field.through
        bron = m2m.m2m_field_name() + "_id"
        velden = [f.attname for f in through._meta.fields]
        rijen = defaultdict(list)
        for rij in through.objects.filter(**{f"{bron}__in": list(per_aanbod)}).values(*velden):
            rijen[rij[bron]].append(rij)
        m2m_historiek.objects.bulk_create(
            [m2m_historiek(history=per_aanbod[a], **rij) for a, lijst in rijen.items() for rij in lijst],
            batch_size=2000,
        )
    return records


def leg_basislijn_vast(aanbod: Iterable[Aanbod], *, reden: str) -> list:
    """A first history record for those of ``aanbod`` that have none yet, dated at their last change.

    Demo, imported and generated aanbod is inserted without history; without this baseline the first
    edit would be its own oldest version and could not be reverted. Call before changing them, with
    the rows locked or inside the transaction that changes them.
    """
    aanbod = list(aanbod)
    met_historiek = set(Aanbod.historiek.filter(id__in=[a.pk for a in aanbod]).values_list("id", flat=True).distinct())
    zonder = [a for a in aanbod if a.pk not in met_historiek]
    return leg_historiek_vast(zonder, reden=reden, soort="+", datum_per_aanbod=True)
