"""The audit trail of administrative actions (Beheeractie): who changed roles, exported, imported, reverted."""

from __future__ import annotations

from aanbod.models import Beheeractie


def log_beheeractie(*, door, actie: str, object=None, omschrijving: str = "") -> Beheeractie:
    """Record one administrative action. ``omschrijving`` names objects, never people referred."""
    return Beheeractie.objects.create(
        uitgevoerd_door=door if door is not None and door.is_authenticated else None,
        actie=actie,
        object_type=object._meta.label_lower if object is not None else "",
        object_id=str(object.pk) if object is not None else "",
        omschrijving=omschrijving[:500],
    )
