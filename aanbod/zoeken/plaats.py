"""Resolving 'voor wie woont in …': a municipality (NIS code, name, old name) or a postcode."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import TrigramSimilarity
from django.db.models import Q

from aanbod.models import Gemeente, GemeenteAlias, PostPlaats


@dataclass(frozen=True)
class Plaats:
    """Where the person lives: the municipality for coverage, a point for distance."""

    gemeente: Gemeente
    postcode: str = ""
    label: str = ""
    latitude: float | None = None
    longitude: float | None = None

    @property
    def heeft_punt(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def _uit_gemeente(gemeente: Gemeente) -> Plaats:
    return Plaats(gemeente, "", gemeente.naam, gemeente.latitude, gemeente.longitude)


def _uit_postcode(postcode: str) -> Plaats | None:
    plaats = PostPlaats.objects.select_related("gemeente").filter(postcode=postcode).order_by("id").first()
    if plaats is None:
        return None
    label = f"{postcode} {plaats.naam}"
    return Plaats(plaats.gemeente, postcode, label, plaats.latitude, plaats.longitude)


def zoek_plaats(invoer: str) -> Plaats | None:
    """Find the place a person typed: '13008', '2440', 'Geel', 'geel', 'Kortessem', '2440 Geel', 'Olmen'.

    Returns None when nothing plausible matches (the caller then says so, next to the field).
    """
    tekst = (invoer or "").strip()
    if not tekst:
        return None
    if re.fullmatch(r"\d{5}", tekst):
        gemeente = Gemeente.objects.filter(nis_code=tekst).first()
        return _uit_gemeente(gemeente) if gemeente else None
    postcode = re.match(r"^(\d{4})\b", tekst)
    if postcode:
        return _uit_postcode(postcode.group(1))

    tekst = " ".join(tekst.split())
    gemeente = (
        Gemeente.objects.vlaams_of_brussels()
        .filter(Q(naam__unaccent__iexact=tekst) | Q(naam_fr__unaccent__iexact=tekst))
        .first()
    )
    if gemeente:
        return _uit_gemeente(gemeente)
    alias = GemeenteAlias.objects.select_related("gemeente").filter(naam__iexact=tekst).first()
    if alias:
        return _uit_gemeente(alias.gemeente)
    deelgemeente = (
        PostPlaats.objects.select_related("gemeente")
        .filter(naam__unaccent__iexact=tekst, gemeente__gewest__in=[Gemeente.VLAAMS_GEWEST, Gemeente.BRUSSELS_GEWEST])
        .first()
    )
    if deelgemeente:
        return Plaats(
            deelgemeente.gemeente,
            deelgemeente.postcode,
            f"{deelgemeente.postcode} {deelgemeente.naam}",
            deelgemeente.latitude,
            deelgemeente.longitude,
        )
    # A typo ("Heerentals"): the most similar Flemish or Brussels municipality, if similar enough.
    gemeente = (
        Gemeente.objects.vlaams_of_brussels()
        .annotate(gelijkenis=TrigramSimilarity("naam", tekst))
        .filter(gelijkenis__gte=0.45)
        .order_by("-gelijkenis")
        .first()
    )
    return _uit_gemeente(gemeente) if gemeente else None
