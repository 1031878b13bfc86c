"""The catalogue's invariants hold in the database itself, not only in forms."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from aanbod.constants import Capaciteit
from aanbod.models import Openingsuur
from tests.factories import AanbodFactory, LocatieFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


def _weigert(**kwargs):
    """Assert that saving the given change violates a constraint (and leaves the transaction usable)."""
    with pytest.raises(IntegrityError), transaction.atomic():
        kwargs.pop("factory")(**kwargs)


def test_minimumleeftijd_mag_niet_boven_maximumleeftijd():
    AanbodFactory(leeftijd_min=12, leeftijd_max=12)
    _weigert(factory=AanbodFactory, leeftijd_min=18, leeftijd_max=12)


def test_leeftijd_boven_120_wordt_geweigerd():
    _weigert(factory=AanbodFactory, leeftijd_max=150)


def test_kbo_nummer_met_fout_controlegetal_wordt_door_de_database_geweigerd():
    OrganisatieFactory(kbo_nummer="0403019261")
    _weigert(factory=OrganisatieFactory, kbo_nummer="0403019262")
    _weigert(factory=OrganisatieFactory, kbo_nummer="04030192AB")
    _weigert(factory=OrganisatieFactory, kbo_nummer="2403019261")


def test_kbo_nummer_is_uniek_maar_mag_ontbreken():
    OrganisatieFactory(kbo_nummer="0403019261")
    _weigert(factory=OrganisatieFactory, kbo_nummer="0403019261")
    OrganisatieFactory(kbo_nummer=None)
    OrganisatieFactory(kbo_nummer=None)


def test_model_validatie_meldt_kbo_fout_in_het_nederlands():
    from django.core.exceptions import ValidationError

    organisatie = OrganisatieFactory.build(kbo_nummer="0403019262")
    with pytest.raises(ValidationError) as fout:
        organisatie.full_clean()
    assert "kbo_nummer" in fout.value.message_dict
    assert "KBO" in " ".join(fout.value.message_dict["kbo_nummer"])


def test_wachttijd_hoort_bij_een_wachtlijst():
    AanbodFactory(wachtlijst=True)
    _weigert(
        factory=AanbodFactory,
        capaciteit=Capaciteit.PLAATS_VRIJ,
        wachttijd_weken=4,
        capaciteit_bijgewerkt_op=timezone.now(),
    )


def test_capaciteit_heeft_een_datum_van_bijwerken():
    _weigert(factory=AanbodFactory, capaciteit=Capaciteit.VOLZET, capaciteit_bijgewerkt_op=None)


def test_coordinaten_buiten_belgie_worden_geweigerd():
    _weigert(factory=LocatieFactory, latitude=4.9447, longitude=51.3227)  # lat/lon swapped


def test_openingsuur_hoort_bij_precies_een_locatie_of_aanbod():
    locatie = LocatieFactory()
    aanbod = AanbodFactory()
    Openingsuur.objects.create(locatie=locatie, dag=1, van=dt.time(9), tot=dt.time(12))
    with pytest.raises(IntegrityError), transaction.atomic():
        Openingsuur.objects.create(locatie=locatie, aanbod=aanbod, dag=1, van=dt.time(9), tot=dt.time(12))
    with pytest.raises(IntegrityError), transaction.atomic():
        Openingsuur.objects.create(dag=1, van=dt.time(9), tot=dt.time(12))


def test_openingsuur_begint_voor_het_eindigt():
    with pytest.raises(IntegrityError), transaction.atomic():
        Openingsuur.objects.create(aanbod=AanbodFactory(), dag=2, van=dt.time(17), tot=dt.time(9))


def test_elk_publiek_object_heeft_een_stabiele_uuid():
    eerste, tweede = AanbodFactory(), AanbodFactory()
    assert eerste.uuid and tweede.uuid and eerste.uuid != tweede.uuid
    uuid_voor = eerste.uuid
    eerste.naam = "Nieuwe naam"
    eerste.save(update_fields=["naam"])
    eerste.refresh_from_db()
    assert eerste.uuid == uuid_voor
