"""Workflows of the catalogue that change data on behalf of a person."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aanbod.constants import Capaciteit, MedewerkerRol
from aanbod.models import Aanbod


def mag_aanbod_bewerken(user, aanbod: Aanbod) -> bool:
    """Superusers, and redacteurs of the organisation that offers it (curators come with the curation UI)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.medewerkerschappen.filter(organisatie_id=aanbod.organisatie_id, rol=MedewerkerRol.REDACTEUR).exists()


def aanbod_capaciteit_bijwerken(*, aanbod: Aanbod, capaciteit: str, wachttijd_weken: int | None, door) -> Aanbod:
    """Publish a new capacity state at once, dated now.

    Invariant: a waiting time only goes with a waiting list, full or limited capacity; the database
    constraint guards the same rule, this reports it in Dutch first.
    """
    if capaciteit not in Capaciteit.values:
        raise ValidationError({"capaciteit": _("Onbekende capaciteit.")})
    if wachttijd_weken is not None and capaciteit not in (
        Capaciteit.WACHTLIJST,
        Capaciteit.VOLZET,
        Capaciteit.BEPERKT,
    ):
        raise ValidationError(
            {"wachttijd_weken": _("Een wachttijd hoort bij een wachtlijst, volzet of beperkte plaats.")}
        )
    with transaction.atomic():
        aanbod = Aanbod.objects.select_for_update().get(pk=aanbod.pk)
        aanbod.capaciteit = capaciteit
        aanbod.wachttijd_weken = wachttijd_weken
        aanbod.capaciteit_bijgewerkt_op = timezone.now() if capaciteit != Capaciteit.ONBEKEND else None
        aanbod.save(update_fields=["capaciteit", "wachttijd_weken", "capaciteit_bijgewerkt_op", "gewijzigd_op"])
    return aanbod
