"""The demo logins: one user per role, all with the password ``demo``."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from aanbod.constants import MedewerkerRol
from aanbod.models import Curator, Eerstelijnszone, Medewerker
from aanbod.referentiedata import Telling

DEMO_WACHTWOORD = "demo"

DEMO_GEBRUIKERS: list[dict] = [
    {
        "username": "verwijzer",
        "voornaam": "Lotte",
        "achternaam": "Verbist",
        "rol": "hulpverlener (verwijst door)",
        "waar": "Sociaal Huis Turnhout",
        "organisatie": "sociaal-huis-turnhout",
        "medewerker_rol": MedewerkerRol.HULPVERLENER,
        "functie": "maatschappelijk werker",
    },
    {
        "username": "ontvanger",
        "voornaam": "Jonas",
        "achternaam": "Mertens",
        "rol": "hulpverlener (ontvangt doorverwijzingen)",
        "waar": "CAW Kempen",
        "organisatie": "caw-kempen",
        "medewerker_rol": MedewerkerRol.HULPVERLENER,
        "functie": "onthaalmedewerker",
    },
    {
        "username": "buitenstaander",
        "voornaam": "Fien",
        "achternaam": "Wouters",
        "rol": "hulpverlener zonder band met de andere demo-organisaties",
        "waar": "Huisartsenpraktijk De Kastanje (Mol)",
        "organisatie": "huisartsenpraktijk-de-kastanje",
        "medewerker_rol": MedewerkerRol.HULPVERLENER,
        "functie": "huisarts",
    },
    {
        "username": "redacteur",
        "voornaam": "Marijke",
        "achternaam": "Goossens",
        "rol": "redacteur (beheert het aanbod van de organisatie)",
        "waar": "Expertisecentrum Dementie Kempen (Turnhout)",
        "organisatie": "expertisecentrum-dementie-kempen",
        "medewerker_rol": MedewerkerRol.REDACTEUR,
        "functie": "consulent dementie",
    },
    {
        "username": "curator",
        "voornaam": "Stijn",
        "achternaam": "Janssens",
        "rol": "curator van de sociale kaart",
        "waar": "ELZ Kempenland",
        "zone": "kempenland",
    },
    {
        "username": "beheerder",
        "voornaam": "Ann",
        "achternaam": "Vermeulen",
        "rol": "beheerder (superuser)",
        "waar": "hele toepassing",
        "superuser": True,
    },
]


def maak_gebruikers() -> tuple[dict[str, int], Telling]:
    """Create the demo users that do not exist yet; existing users (and their passwords) are left alone."""
    User = get_user_model()
    bestaand = dict(
        User.objects.filter(username__in=[g["username"] for g in DEMO_GEBRUIKERS]).values_list("username", "id")
    )
    wachtwoord = make_password(DEMO_WACHTWOORD)  # hashed once: the slow part of creating users
    nieuw = [
        User(
            username=g["username"],
            first_name=g["voornaam"],
            last_name=g["achternaam"],
            email=f"{g['username']}@sociale-kaart.example",
            password=wachtwoord,
            is_staff=g.get("superuser", False),
            is_superuser=g.get("superuser", False),
        )
        for g in DEMO_GEBRUIKERS
        if g["username"] not in bestaand
    ]
    User.objects.bulk_create(nieuw)
    ids = bestaand | {u.username: u.pk for u in nieuw}
    return ids, Telling(aangemaakt=len(nieuw), ongewijzigd=len(bestaand))


def koppel_gebruikers(gebruikers: dict[str, int], organisaties: dict[str, int]) -> tuple[Telling, Telling]:
    """Give the demo users their membership of an organisation (Medewerker) or zone (Curator)."""
    zones = dict(Eerstelijnszone.objects.values_list("code", "id"))
    gewenst_medewerkers = {
        (gebruikers[g["username"]], organisaties[g["organisatie"]]): g for g in DEMO_GEBRUIKERS if "organisatie" in g
    }
    gewenst_curatoren = {(gebruikers[g["username"]], zones[g["zone"]]) for g in DEMO_GEBRUIKERS if "zone" in g}
    bestaande_medewerkers = set(
        Medewerker.objects.filter(user_id__in=gebruikers.values()).values_list("user_id", "organisatie_id")
    )
    bestaande_curatoren = set(Curator.objects.filter(user_id__in=gebruikers.values()).values_list("user_id", "zone_id"))
    nieuwe_medewerkers = [
        Medewerker(user_id=user, organisatie_id=org, rol=g["medewerker_rol"], functie=g["functie"])
        for (user, org), g in gewenst_medewerkers.items()
        if (user, org) not in bestaande_medewerkers
    ]
    nieuwe_curatoren = [Curator(user_id=u, zone_id=z) for u, z in gewenst_curatoren - bestaande_curatoren]
    Medewerker.objects.bulk_create(nieuwe_medewerkers)
    Curator.objects.bulk_create(nieuwe_curatoren)
    return (
        Telling(aangemaakt=len(nieuwe_medewerkers), ongewijzigd=len(gewenst_medewerkers) - len(nieuwe_medewerkers)),
        Telling(aangemaakt=len(nieuwe_curatoren), ongewijzigd=len(gewenst_curatoren) - len(nieuwe_curatoren)),
    )
