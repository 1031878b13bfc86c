"""Demo referrals between the demo organisations, in every status, so that `verwijzer` and `ontvanger`
see a realistic inbox and overview at first login. Idempotent; all persons are invented.

Each referral is played through the real services (events, notifications and timestamps stay
consistent); the clock is set back while doing so, because an inbox where everything happened a
second ago shows nothing of reminders or waiting time.
"""

from __future__ import annotations

import datetime as dt
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from aanbod.models import Aanbod, Gemeente, Organisatie
from doorverwijzing.constants import Contactwijze, Grond, Reden, ToestemmingsVorm, Uitkomst
from doorverwijzing.models import Doorverwijzing
from doorverwijzing.services import (
    Persoon,
    bericht_sturen,
    doorverwijzing_aanmaken,
    doorverwijzing_overgang,
    terugkoppeling_geven,
    toestemming_vastleggen,
)

# (person, question, days ago, actions by the receiver after sending; the last ones need input)
SCENARIO_S = [
    ("A. V.", "Schulden bij energieleverancier, dreigende afsluiting. Wil samen een plan maken.", 2, []),
    ("K. M.", "Jonge mama, geïsoleerd, vragen over opvoeding en geld.", 9, []),
    ("R. D.", "Wil na scheiding opnieuw op eigen benen staan; zoekt woonbegeleiding.", 12, ["aanvaarden"]),
    ("L. S.", "Mantelzorger van partner met dementie, uitgeput.", 20, ["aanvaarden", "in-wacht"]),
    ("J. B.", "Jongere (19) dakloos geworden, slaapt bij vrienden.", 35, ["aanvaarden", "starten"]),
    ("M. P.", "Budgetbeheer gevraagd na collectieve schuldenregeling.", 60, ["aanvaarden", "starten", "afronden"]),
    ("T. G.", "Vraag rond verblijfsrecht, buiten ons aanbod.", 15, ["weigeren"]),
    ("H. E.", "Niet bereikbaar na drie pogingen.", 40, ["aanvaarden", "mislukt"]),
]
INVOER = {
    "in-wacht": {
        "reden": Reden.GEEN_CAPACITEIT,
        "overbruggingsplan": "Het Sociaal Huis belt wekelijks; respijtzorg via het ziekenfonds aangevraagd.",
        "overbrugging_door": "Sociaal Huis Turnhout",
    },
    "afronden": {"uitkomst": Uitkomst.GESTART},
    "weigeren": {"reden": Reden.NIET_IN_DOELGROEP, "toelichting": "Doorverwezen naar een juridische dienst."},
    "mislukt": {"reden": Reden.NIET_BEREIKBAAR},
}


def _op(moment: dt.datetime):
    return mock.patch("django.utils.timezone.now", return_value=moment)


@transaction.atomic
def laad_demo_doorverwijzingen() -> int:
    """Create the demo referrals once; returns how many were created."""
    User = get_user_model()
    gebruikers = {u.username: u for u in User.objects.filter(username__in=["verwijzer", "ontvanger"])}
    if len(gebruikers) < 2 or Doorverwijzing.objects.filter(verwijzer__in=gebruikers.values()).exists():
        return 0
    sociaal_huis = Organisatie.objects.get(slug="sociaal-huis-turnhout")
    caw = Organisatie.objects.get(slug="caw-kempen")
    turnhout = Gemeente.objects.get(nis_code="13040")
    caw_aanbod = list(Aanbod.objects.actief().filter(organisatie=caw).order_by("naam"))
    ocmw_aanbod = list(Aanbod.objects.actief().filter(organisatie=sociaal_huis).order_by("naam"))
    nu = timezone.now()
    aantal = 0
    for index, (persoon, vraag, dagen, acties) in enumerate(SCENARIO_S):
        # Most go from the Sociaal Huis to the CAW; every third the other way, so both sides see both.
        omgekeerd = index % 3 == 2
        door, ontvanger = (
            (gebruikers["ontvanger"], gebruikers["verwijzer"])
            if omgekeerd
            else (gebruikers["verwijzer"], gebruikers["ontvanger"])
        )
        organisatie, aanbod = (
            (caw, ocmw_aanbod[index % len(ocmw_aanbod)])
            if omgekeerd
            else (sociaal_huis, caw_aanbod[index % len(caw_aanbod)])
        )
        begin = nu - dt.timedelta(days=dagen)
        with _op(begin):
            doorverwijzing = doorverwijzing_aanmaken(
                door=door,
                organisatie=organisatie,
                aanbod=aanbod,
                persoon=Persoon(
                    naam=persoon,
                    contactwijze=Contactwijze.TELEFOON,
                    geboortejaar=1950 + index * 7,
                    gemeente_id=turnhout.pk,
                    contactgegevens="014 00 00 0" + str(index),
                ),
                vraag=vraag,
            )
            toestemming_vastleggen(
                doorverwijzing=doorverwijzing,
                door=door,
                grond=Grond.TOESTEMMING,
                vorm=ToestemmingsVorm.MONDELING,
                bevestigd_door_verwijzer=True,
                reikwijdte="Contactgegevens en hulpvraag",
                gegeven_op=begin.date(),
            )
            doorverwijzing_overgang(doorverwijzing=doorverwijzing, actie="versturen", door=door)
        for stap, actie in enumerate(acties, start=1):
            with _op(begin + dt.timedelta(days=stap * 2)):
                doorverwijzing_overgang(
                    doorverwijzing=doorverwijzing, actie=actie, door=ontvanger, **INVOER.get(actie, {})
                )
        if acties and acties[0] == "aanvaarden":
            with _op(begin + dt.timedelta(days=1)):
                bericht_sturen(doorverwijzing=doorverwijzing, door=ontvanger, tekst="We nemen deze week contact op.")
        if "afronden" in acties:
            with _op(begin + dt.timedelta(days=len(acties) * 2 + 1)):
                terugkoppeling_geven(
                    doorverwijzing=doorverwijzing,
                    door=ontvanger,
                    persoon_gecontacteerd=True,
                    tekst="Budgetbeheer loopt; de persoon komt maandelijks langs.",
                    volgende_stap="Evaluatie over 3 maanden.",
                )
        aantal += 1
    # One draft that is still being prepared.
    with _op(nu - dt.timedelta(hours=3)):
        doorverwijzing_aanmaken(
            door=gebruikers["verwijzer"],
            organisatie=sociaal_huis,
            aanbod=caw_aanbod[0],
            persoon=Persoon(naam="E. W.", contactwijze=Contactwijze.VIA_VERWIJZER),
            vraag="Concept: vraag nog aanvullen met de persoon.",
        )
    return aantal + 1
