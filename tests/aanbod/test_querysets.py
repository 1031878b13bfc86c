"""Coverage: 'for residents of X' means the werkingsgebied covers X, whatever the location."""

import pytest

from aanbod.constants import AanbodStatus
from aanbod.models import Aanbod, Eerstelijnszone, Gemeente
from tests.factories import AanbodFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def geel():
    return Gemeente.objects.get(nis_code="13008")


@pytest.fixture
def mol():
    return Gemeente.objects.get(nis_code="13025")


def test_aanbod_voor_een_gemeente_via_gemeente_zone_of_heel_vlaanderen(geel, mol):
    per_gemeente = AanbodFactory()
    per_gemeente.werkingsgebied_gemeenten.add(geel)
    per_zone = AanbodFactory()
    per_zone.werkingsgebied_zones.add(Eerstelijnszone.objects.get(code="zuiderkempen"))
    hulplijn = AanbodFactory(werkingsgebied_vlaanderen=True)
    elders = AanbodFactory()
    elders.werkingsgebied_gemeenten.add(mol)

    voor_geel = set(Aanbod.objects.voor_gemeente(geel))
    assert voor_geel == {per_gemeente, per_zone, hulplijn}
    assert set(Aanbod.objects.voor_gemeente(mol)) == {hulplijn, elders}


def test_aanbod_dat_zowel_per_gemeente_als_per_zone_dekt_verschijnt_een_keer(geel):
    dubbel = AanbodFactory()
    dubbel.werkingsgebied_gemeenten.add(geel)
    dubbel.werkingsgebied_zones.add(Eerstelijnszone.objects.get(code="zuiderkempen"))
    assert list(Aanbod.objects.voor_gemeente(geel)) == [dubbel]


def test_in_zone_telt_aanbod_voor_een_gemeente_van_de_zone_mee(geel, mol):
    zuiderkempen = Eerstelijnszone.objects.get(code="zuiderkempen")
    in_geel = AanbodFactory()
    in_geel.werkingsgebied_gemeenten.add(geel)
    in_mol = AanbodFactory()
    in_mol.werkingsgebied_gemeenten.add(mol)
    assert list(Aanbod.objects.in_zone(zuiderkempen)) == [in_geel]


def test_actief_sluit_stopgezet_en_inactieve_organisaties_uit():
    actief = AanbodFactory()
    AanbodFactory(status=AanbodStatus.STOPGEZET)
    AanbodFactory(status=AanbodStatus.TIJDELIJK_GESLOTEN)
    AanbodFactory(organisatie=OrganisatieFactory(actief=False))
    assert list(Aanbod.objects.actief()) == [actief]
    assert Aanbod.objects.zichtbaar().count() == 2


def test_antwerpen_telt_per_postcode_alleen_voor_de_eigen_zone():
    antwerpen = Gemeente.objects.get(nis_code="11002")
    centrum = AanbodFactory()
    centrum.werkingsgebied_zones.add(Eerstelijnszone.objects.get(naam="Antwerpen Centrum"))
    oost = AanbodFactory()
    oost.werkingsgebied_zones.add(Eerstelijnszone.objects.get(naam="Antwerpen Oost"))
    assert set(Aanbod.objects.voor_gemeente(antwerpen)) == {centrum, oost}
    assert list(Aanbod.objects.voor_gemeente(antwerpen, postcode="2000")) == [centrum]
    assert list(Aanbod.objects.voor_gemeente(antwerpen, postcode="2140")) == [oost]


def test_in_meerdere_zones_is_de_unie_van_de_zones(geel):
    zuiderkempen = Eerstelijnszone.objects.get(code="zuiderkempen")
    ander = Eerstelijnszone.objects.exclude(pk=zuiderkempen.pk).exclude(gemeenten=geel).order_by("pk").first()
    in_geel = AanbodFactory()
    in_geel.werkingsgebied_gemeenten.add(geel)
    in_ander = AanbodFactory()
    in_ander.werkingsgebied_zones.add(ander)
    AanbodFactory()  # serves nobody
    assert list(Aanbod.objects.in_zone(zuiderkempen)) == [in_geel]
    assert set(Aanbod.objects.in_zone(zuiderkempen, ander)) == {in_geel, in_ander}


def test_een_opgeslagen_verouderd_aanbod_blijft_gevonden_voor_zijn_gemeente(geel):
    # The coverage arrays are kept by the database: a stale instance's save() does not empty them.
    aanbod = AanbodFactory()
    verouderd = Aanbod.objects.get(pk=aanbod.pk)
    aanbod.werkingsgebied_gemeenten.add(geel)
    verouderd.save()
    assert list(Aanbod.objects.voor_gemeente(geel)) == [aanbod]
