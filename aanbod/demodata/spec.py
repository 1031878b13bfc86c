"""The shapes of the demo specification: what an organisation is and which services (diensten) it offers."""

from __future__ import annotations

from dataclasses import dataclass

from aanbod.constants import OrganisatieSoort

# Werkingsgebied of an organisation or a service:
#   eigen      – the seat's municipality
#   buren      – the seat's municipality and a few neighbours in the same zone
#   zone       – the seat's zone
#   per_zone   – one aanbod per Kempen zone (a regional organisation with local teams)
#   regio      – all four Kempen zones
#   vlaanderen – all of Flanders and Brussels
GEBIEDEN = ("eigen", "buren", "zone", "per_zone", "regio", "vlaanderen")

_FACETSLEUTELS = {"dg": "doelgroepen", "ld": "levensdomeinen", "th": "themas", "tw": "toegangswegen"}


def facetten(tekst: str) -> dict[str, list[str]]:
    """'dg:ouders,gezinnen th:opvoeding' → {'doelgroepen': ['ouders', 'gezinnen'], 'themas': ['opvoeding']}."""
    uitkomst: dict[str, list[str]] = {}
    for groep in tekst.split():
        sleutel, _, codes = groep.partition(":")
        uitkomst[_FACETSLEUTELS[sleutel]] = codes.split(",")
    return uitkomst


@dataclass(frozen=True)
class Dienst:
    """A service an organisation offers; becomes one aanbod (or one per zone for ``gebied='per_zone'``).

    With a ``concept`` the facets, ages, cost and werkvormen come from the concept's ``standaard`` in the
    fixture; values given here take precedence. ``naam`` and ``tekst`` may use {gemeente}, {org}, {ldc}.
    """

    sleutel: str
    naam: str
    tekst: str
    facetten: str = ""
    concept: str | None = None
    leeftijd: tuple[int | None, int | None] | None = None
    kostprijs: str | None = None
    kostprijs_toelichting: str = ""
    werkvormen: str | None = None
    gebied: str | None = None
    vestigingen: tuple[str, ...] = ()
    eigen_locatie: bool = False
    uren: str = ""
    drukte: str = "normaal"
    mail: str = "info"
    meebrengen: str = ""
    eigen_telefoon: bool = False


@dataclass(frozen=True)
class OrgSpec:
    """An invented organisation: its seat (``thuis``, a gemeente slug; None = outside the Kempen), extra
    sites and the services it offers."""

    naam: str
    soort: OrganisatieSoort
    thuis: str | None
    diensten: tuple[Dienst, ...]
    gebied: str = "eigen"
    vestigingen: tuple[str, ...] = ()
    hoofd: str | None = None
    domein: str | None = None
    uren: str = "kantoor"
    telefoon: str | None = None
    actief: bool = True
    over: str = ""
