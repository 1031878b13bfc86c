import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from aanbod.models import Aanbod, Gemeente, Medewerker
from doorverwijzing.constants import Contactwijze, Grond, ToestemmingsVorm
from doorverwijzing.services import Persoon, doorverwijzing_aanmaken, toestemming_vastleggen


@pytest.fixture
def gebruikers(demodata):
    User = get_user_model()
    return {
        u.username: u
        for u in User.objects.filter(
            username__in=["verwijzer", "ontvanger", "buitenstaander", "curator", "beheerder", "redacteur"]
        )
    }


@pytest.fixture
def caw_aanbod(gebruikers):
    caw = Medewerker.objects.get(user=gebruikers["ontvanger"]).organisatie
    return Aanbod.objects.filter(organisatie=caw).first()


def maak_concept(gebruikers, aanbod, met_toestemming=True):
    verwijzer = gebruikers["verwijzer"]
    turnhout = Gemeente.objects.get(naam="Turnhout")
    doorverwijzing = doorverwijzing_aanmaken(
        door=verwijzer,
        organisatie=Medewerker.objects.get(user=verwijzer).organisatie,
        aanbod=aanbod,
        persoon=Persoon(
            naam="J. P.",
            contactwijze=Contactwijze.TELEFOON,
            geboortejaar=1958,
            gemeente_id=turnhout.pk,
            contactgegevens="0470 00 00 00",
        ),
        vraag="Schulden en dreigende uithuiszetting.",
    )
    if met_toestemming:
        toestemming_vastleggen(
            doorverwijzing=doorverwijzing,
            door=verwijzer,
            grond=Grond.TOESTEMMING,
            vorm=ToestemmingsVorm.MONDELING,
            bevestigd_door_verwijzer=True,
            reikwijdte="Contactgegevens en hulpvraag",
            gegeven_op=timezone.localdate(),
        )
    return doorverwijzing


@pytest.fixture
def concept(gebruikers, caw_aanbod):
    return maak_concept(gebruikers, caw_aanbod)
