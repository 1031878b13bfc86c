"""Shared fixtures of the curation workspace tests: a zone of the demo region, its curator, a redacteur."""

import pytest

from aanbod.constants import MedewerkerRol
from aanbod.models import Curator, Eerstelijnszone, Medewerker
from tests.factories import OrganisatieFactory, UserFactory


@pytest.fixture
def zone():
    return Eerstelijnszone.objects.get(code="kempenland")


@pytest.fixture
def andere_zone(zone):
    return Eerstelijnszone.objects.exclude(pk=zone.pk).order_by("naam").first()


@pytest.fixture
def curator(zone):
    user = UserFactory(username="curator-kempenland")
    Curator.objects.create(user=user, zone=zone)
    return user


@pytest.fixture
def redacteur():
    """Redacteur of a new organisation, with an e-mail address for the decisions on their proposals."""
    user = UserFactory(username="red", email="red@example.org")
    Medewerker.objects.create(user=user, organisatie=OrganisatieFactory(), rol=MedewerkerRol.REDACTEUR)
    return user
