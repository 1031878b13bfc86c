"""Who may use which part of /beheer/: the declared permissions of the curation workspace.

Two roles: a **curator** (``Curator``: staff of a zorgraad) curates the aanbod of their zones; a
**redacteur** (``Medewerker`` with rol redacteur) keeps their own organisation's aanbod up to date.
Record-level scope always goes through ``Aanbod.objects.beheerbaar_door`` (curators) or
``Aanbod.objects.bewerkbaar_door`` (redacteurs); a record outside the scope is a 404, as if it did
not exist.
"""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render
from django.utils.translation import gettext as _

from aanbod.constants import MedewerkerRol
from aanbod.models import Eerstelijnszone


def is_curator(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.curatorschappen.exists())


def is_redacteur(user) -> bool:
    return user.is_authenticated and (
        user.is_superuser or user.medewerkerschappen.filter(rol=MedewerkerRol.REDACTEUR).exists()
    )


def beheerrollen(user) -> dict[str, bool]:
    """``{"curator": ..., "redacteur": ...}`` in one query (for the menu on every page)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Exists, OuterRef

    from aanbod.models import Curator, Medewerker

    if not user.is_authenticated:
        return {"curator": False, "redacteur": False}
    if user.is_superuser:
        return {"curator": True, "redacteur": True}
    curator, redacteur = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            curator=Exists(Curator.objects.filter(user=OuterRef("pk"))),
            redacteur=Exists(Medewerker.objects.filter(user=OuterRef("pk"), rol=MedewerkerRol.REDACTEUR)),
        )
        .values_list("curator", "redacteur")
        .get()
    )
    return {"curator": curator, "redacteur": redacteur}


def zones_van(user):
    """The zones a curator works for (all zones for a superuser), ordered by name."""
    if not user.is_authenticated:
        return Eerstelijnszone.objects.none()
    if user.is_superuser:
        return Eerstelijnszone.objects.order_by("naam")
    return Eerstelijnszone.objects.filter(curatoren__user=user).order_by("naam")


def geen_toegang(request, tekst: str):
    return render(request, "beheer/geen_toegang.html", {"tekst": tekst}, status=403)


class CuratorVereist(LoginRequiredMixin):
    """Declared permission: signed in and curator of at least one zone (or superuser).

    Sets ``self.zones`` (the curator's zones). Views that act on one zone take it from
    ``self.zones`` so another zone is a 404.
    """

    toegang = "curator"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not is_curator(request.user):
            return geen_toegang(request, _("Dit deel van de sociale kaart is voor de medewerkers van een zorgraad."))
        self.zones = zones_van(request.user)
        return super().dispatch(request, *args, **kwargs)


class RedacteurVereist(LoginRequiredMixin):
    """Declared permission: signed in and redacteur of at least one organisation (or superuser)."""

    toegang = "redacteur"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not is_redacteur(request.user):
            return geen_toegang(request, _("Dit deel is voor wie het aanbod van een organisatie bijhoudt (redacteur)."))
        return super().dispatch(request, *args, **kwargs)
