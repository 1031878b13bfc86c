"""factory_boy factories for the catalogue, on top of the loaded reference data."""

import datetime as dt
from contextlib import contextmanager

import factory
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from aanbod.constants import Capaciteit, OrganisatieSoort
from aanbod.models import Aanbod, Gemeente, Locatie, Ondersteuningsvorm, Organisatie


def kbo_met_controlegetal(basis: int) -> str:
    """An enterprise number that passes mod-97: 8 digits + (97 - basis mod 97)."""
    acht = f"{basis:08d}"
    return f"{acht}{97 - basis % 97:02d}"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    password = factory.django.Password("demo")


class OrganisatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisatie

    naam = factory.Sequence(lambda n: f"Testorganisatie {n}")
    slug = factory.Sequence(lambda n: f"testorganisatie-{n}")
    kbo_nummer = factory.Sequence(lambda n: kbo_met_controlegetal(4_000_000 + n))
    soort = OrganisatieSoort.VZW
    is_fictief = True


class LocatieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locatie

    organisatie = factory.SubFactory(OrganisatieFactory)
    naam = "Hoofdzetel"
    straat = "Markt 1"
    postcode = "2300"
    gemeente = factory.LazyFunction(lambda: Gemeente.objects.get(nis_code="13040"))  # Turnhout
    latitude = 51.3227
    longitude = 4.9447


class OndersteuningsvormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ondersteuningsvorm

    naam = factory.Sequence(lambda n: f"Testvorm {n}")
    slug = factory.Sequence(lambda n: f"testvorm-{n}")
    samenvatting = "Een vorm van ondersteuning om te testen."


class AanbodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aanbod

    naam = factory.Sequence(lambda n: f"Testaanbod {n}")
    slug = factory.Sequence(lambda n: f"testaanbod-{n}")
    organisatie = factory.SubFactory(OrganisatieFactory)
    is_fictief = True

    class Params:
        wachtlijst = factory.Trait(
            capaciteit=Capaciteit.WACHTLIJST,
            wachttijd_weken=8,
            capaciteit_bijgewerkt_op=factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=3)),
        )


@contextmanager
def gegenereerde_catalogus(django_db_blocker, aantal: int, seed: int):
    """``aantal`` generated aanbod for one test module (COPY, links before aanbod rows), rolled back after."""
    from aanbod.testdata import Stopwatch, genereer_catalogus

    with django_db_blocker.unblock(), transaction.atomic():
        genereer_catalogus(aantal=aantal, seed=seed, stopwatch=Stopwatch())
        yield
        transaction.set_rollback(True)
