"""The id arrays on aanbod (dekking_gemeenten, thema_ids, …) always equal their link tables (migration 0006).

PostgreSQL triggers keep them; these tests go through every write path the project has: the ORM's
add/remove/set/clear, bulk_create and QuerySet.delete()/update() of link rows, link rows loaded before their aanbod
(the generator's COPY), cascade deletes, a stale instance's save(), and the demo data and generated
catalogue as a whole. The coverage rule built on them is checked against the old EXISTS rule.
"""

import pytest
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q

from aanbod.models import (
    Aanbod,
    Doelgroep,
    Eerstelijnszone,
    Gemeente,
    Levensdomein,
    PostPlaats,
    Thema,
    Toegangsweg,
    ZoneLidmaatschap,
)
from tests.factories import AanbodFactory, gegenereerde_catalogus

pytestmark = pytest.mark.django_db

SEED = 23
# (array column on aanbod_aanbod, M2M field of Aanbod, id column of its link table)
KOPPELINGEN = [
    ("dekking_gemeenten", "werkingsgebied_gemeenten", "gemeente_id"),
    ("dekking_zones", "werkingsgebied_zones", "eerstelijnszone_id"),
    ("thema_ids", "themas", "thema_id"),
    ("doelgroep_ids", "doelgroepen", "doelgroep_id"),
    ("levensdomein_ids", "levensdomeinen", "levensdomein_id"),
    ("toegang_ids", "toegangswegen", "toegangsweg_id"),
]
DOEL = {
    "werkingsgebied_gemeenten": Gemeente,
    "werkingsgebied_zones": Eerstelijnszone,
    "themas": Thema,
    "doelgroepen": Doelgroep,
    "levensdomeinen": Levensdomein,
    "toegangswegen": Toegangsweg,
}


def afwijkingen() -> list[tuple[str, int]]:
    """Every (column, aanbod id) whose array differs from its link table (sorted ids, empty when none)."""
    fouten = []
    with connection.cursor() as cursor:
        for kolom, veld, id_kolom in KOPPELINGEN:
            tabel = getattr(Aanbod, veld).through._meta.db_table
            cursor.execute(
                f"""SELECT a.id FROM aanbod_aanbod a
                     WHERE a.{kolom} IS DISTINCT FROM (
                           SELECT coalesce(array_agg(k.{id_kolom}::integer ORDER BY k.{id_kolom}), '{{}}')
                             FROM {tabel} k WHERE k.aanbod_id = a.id)"""
            )
            fouten += [(kolom, rij[0]) for rij in cursor.fetchall()]
    return fouten


def array(aanbod: Aanbod, kolom: str) -> list[int]:
    return Aanbod.objects.values_list(kolom, flat=True).get(pk=aanbod.pk)


def drie(model) -> list:
    waarden = list(model.objects.order_by("pk")[:3])
    assert len(waarden) == 3
    return waarden


# --- every ORM write path, for each of the six link tables -------------------------------------------


@pytest.mark.parametrize(("kolom", "veld", "id_kolom"), KOPPELINGEN)
def test_add_remove_set_en_clear_houden_de_array_gelijk(kolom, veld, id_kolom):
    a, b, c = drie(DOEL[veld])
    aanbod = AanbodFactory()
    ander = AanbodFactory()
    getattr(ander, veld).add(a)

    getattr(aanbod, veld).add(c, a)
    assert array(aanbod, kolom) == sorted([a.pk, c.pk])
    getattr(aanbod, veld).add(b)
    assert array(aanbod, kolom) == sorted([a.pk, b.pk, c.pk])
    getattr(aanbod, veld).remove(a)
    assert array(aanbod, kolom) == sorted([b.pk, c.pk])
    getattr(aanbod, veld).set([a, b])
    assert array(aanbod, kolom) == sorted([a.pk, b.pk])
    getattr(aanbod, veld).clear()
    assert array(aanbod, kolom) == []
    assert array(ander, kolom) == [a.pk]
    assert afwijkingen() == []


@pytest.mark.parametrize(("kolom", "veld", "id_kolom"), KOPPELINGEN)
def test_bulk_create_en_delete_van_koppelrijen(kolom, veld, id_kolom):
    a, b, _ = drie(DOEL[veld])
    eerste, tweede = AanbodFactory(), AanbodFactory()
    through = getattr(Aanbod, veld).through
    through.objects.bulk_create(
        [through(aanbod_id=eerste.pk, **{id_kolom: b.pk}), through(aanbod_id=tweede.pk, **{id_kolom: b.pk})]
    )
    assert array(eerste, kolom) == array(tweede, kolom) == [b.pk]
    through.objects.bulk_create([through(aanbod_id=eerste.pk, **{id_kolom: a.pk})])
    assert array(eerste, kolom) == sorted([a.pk, b.pk])
    through.objects.filter(**{id_kolom: b.pk}).delete()
    assert array(eerste, kolom) == [a.pk]
    assert array(tweede, kolom) == []
    assert afwijkingen() == []


def test_een_koppelrij_aanpassen_verplaatst_de_id():
    a, b, _ = drie(Thema)
    aanbod = AanbodFactory()
    aanbod.themas.add(a)
    Aanbod.themas.through.objects.filter(aanbod=aanbod).update(thema_id=b.pk)
    assert array(aanbod, "thema_ids") == [b.pk]


# --- deletes that cascade ---------------------------------------------------------------------------------


def test_een_verwijderde_gemeente_zone_of_thema_verdwijnt_uit_de_arrays():
    gemeente = Gemeente.objects.create(nis_code="99999", naam="Proefgemeente", slug="proefgemeente", gewest="X")
    zone = Eerstelijnszone.objects.create(code="proefzone", naam="Proefzone", weergavenaam="Proefzone")
    thema = Thema.objects.create(code="proefthema", label="Proefthema")
    blijft = Thema.objects.order_by("pk").first()
    aanbod = AanbodFactory()
    aanbod.werkingsgebied_gemeenten.add(gemeente, Gemeente.objects.get(nis_code="13008"))
    aanbod.werkingsgebied_zones.add(zone)
    aanbod.themas.add(thema, blijft)

    gemeente.delete()
    zone.delete()
    thema.delete()

    assert array(aanbod, "dekking_gemeenten") == [Gemeente.objects.get(nis_code="13008").pk]
    assert array(aanbod, "dekking_zones") == []
    assert array(aanbod, "thema_ids") == [blijft.pk]
    assert afwijkingen() == []


def test_een_aanbod_verwijderen_laat_de_andere_ongemoeid():
    thema = Thema.objects.order_by("pk").first()
    weg, blijft = AanbodFactory(), AanbodFactory()
    for aanbod in (weg, blijft):
        aanbod.themas.add(thema)
        aanbod.werkingsgebied_zones.add(Eerstelijnszone.objects.get(code="zuiderkempen"))
    weg.delete()
    assert not Aanbod.objects.filter(pk=weg.pk).exists()
    assert array(blijft, "thema_ids") == [thema.pk]
    assert afwijkingen() == []


# --- what Python sends never overrides the triggers ----------------------------------------------------


def test_een_verouderde_instantie_opslaan_schrijft_geen_oude_arrays_terug():
    thema = Thema.objects.order_by("pk").first()
    aanbod = AanbodFactory()
    verouderd = Aanbod.objects.get(pk=aanbod.pk)
    aanbod.themas.add(thema)  # `verouderd` still holds thema_ids == []
    verouderd.naam = "Nieuwe naam"
    verouderd.save()
    assert array(aanbod, "thema_ids") == [thema.pk]
    Aanbod.objects.filter(pk=aanbod.pk).update(thema_ids=[1, 2, 3], naam="Andere naam")
    assert array(aanbod, "thema_ids") == [thema.pk]
    assert Aanbod.objects.get(pk=aanbod.pk).naam == "Andere naam"


def test_koppelrijen_die_voor_hun_aanbod_geladen_worden_staan_in_de_arrays():
    # As the generator does: link rows first (foreign keys deferred to COMMIT), then the aanbod row.
    geel = Gemeente.objects.get(nis_code="13008")
    thema = Thema.objects.order_by("pk").first()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('aanbod_aanbod', 'id'))")
        nieuw_id = cursor.fetchone()[0]
        cursor.execute(
            "INSERT INTO aanbod_aanbod_werkingsgebied_gemeenten (aanbod_id, gemeente_id) VALUES (%s, %s)",
            [nieuw_id, geel.pk],
        )
        cursor.execute("INSERT INTO aanbod_aanbod_themas (aanbod_id, thema_id) VALUES (%s, %s)", [nieuw_id, thema.pk])
        aanbod = AanbodFactory(id=nieuw_id)
    assert array(aanbod, "dekking_gemeenten") == [geel.pk]
    assert array(aanbod, "thema_ids") == [thema.pk]
    assert afwijkingen() == []


# --- whole data sets ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def catalogus(django_db_setup, django_db_blocker):
    """400 generated aanbod (loaded with COPY, links before aanbod rows), rolled back at the end of the module."""
    with gegenereerde_catalogus(django_db_blocker, aantal=400, seed=SEED):
        yield


def test_de_gegenereerde_catalogus_heeft_gelijke_arrays(catalogus):
    gegenereerd = Aanbod.objects.filter(slug__startswith=f"gen-{SEED}-")
    assert gegenereerd.count() == 400
    assert gegenereerd.exclude(thema_ids=[]).count() > 100  # the check below is not vacuous
    assert gegenereerd.exclude(dekking_gemeenten=[], dekking_zones=[]).count() > 100
    assert afwijkingen() == []


def oude_voor_gemeente(gemeente, postcode: str = ""):
    """The coverage rule before migration 0006, with EXISTS on the link tables: the oracle."""
    lidmaatschappen = ZoneLidmaatschap.objects.filter(gemeente=gemeente)
    if postcode:
        lidmaatschappen = lidmaatschappen.filter(Q(postcodes=[]) | Q(postcodes__contains=[postcode]))
    per_gemeente = Aanbod.werkingsgebied_gemeenten.through.objects.filter(
        aanbod_id=OuterRef("pk"), gemeente_id=gemeente.pk
    )
    per_zone = Aanbod.werkingsgebied_zones.through.objects.filter(
        aanbod_id=OuterRef("pk"), eerstelijnszone_id__in=lidmaatschappen.values("zone_id")
    )
    return Aanbod.objects.filter(Q(werkingsgebied_vlaanderen=True) | Exists(per_gemeente) | Exists(per_zone))


def oude_in_zone(zone):
    gemeenten = ZoneLidmaatschap.objects.filter(zone=zone).values("gemeente_id")
    per_gemeente = Aanbod.werkingsgebied_gemeenten.through.objects.filter(
        aanbod_id=OuterRef("pk"), gemeente_id__in=gemeenten
    )
    per_zone = Aanbod.werkingsgebied_zones.through.objects.filter(aanbod_id=OuterRef("pk"), eerstelijnszone_id=zone.pk)
    return Aanbod.objects.filter(Q(werkingsgebied_vlaanderen=True) | Exists(per_gemeente) | Exists(per_zone))


def antwerpse_postcodes() -> list[str]:
    """One postcode of Antwerp for each zone the city is split over."""
    antwerpen = Gemeente.objects.get(nis_code="11002")
    per_zone = {}
    for lid in ZoneLidmaatschap.objects.filter(gemeente=antwerpen).exclude(postcodes=[]).order_by("zone_id"):
        vrij = [p for p in lid.postcodes if p not in per_zone.values()]
        if vrij:
            per_zone[lid.zone_id] = vrij[0]
    assert len(per_zone) >= 2, per_zone
    return sorted(per_zone.values())


def test_voor_gemeente_geeft_hetzelfde_als_de_oude_regel(catalogus):
    antwerpen = Gemeente.objects.get(nis_code="11002")
    gevallen = [(antwerpen, ""), *((antwerpen, postcode) for postcode in antwerpse_postcodes())]
    for nis in ("13008", "13025", "13040", "44021", "24062", "31005", "21004", "71072", "34022", "41002"):
        gevallen.append((Gemeente.objects.get(nis_code=nis), ""))
    # A deelgemeente's postcode outside Antwerp does not change the rule.
    postplaats = PostPlaats.objects.filter(gemeente__nis_code="13008").order_by("postcode").first()
    gevallen.append((postplaats.gemeente, postplaats.postcode))
    niet_leeg = 0
    for gemeente, postcode in gevallen:
        nieuw = set(Aanbod.objects.voor_gemeente(gemeente, postcode=postcode).values_list("pk", flat=True))
        oud = set(oude_voor_gemeente(gemeente, postcode).values_list("pk", flat=True))
        assert nieuw == oud, (gemeente.naam, postcode, nieuw ^ oud)
        niet_leeg += len(oud - set(Aanbod.objects.filter(werkingsgebied_vlaanderen=True).values_list("pk", flat=True)))
    assert niet_leeg > 50  # coverage by municipality or zone was really compared, not only "all of Flanders"


def test_antwerpen_per_postcode_verschilt_per_zone(catalogus):
    antwerpen = Gemeente.objects.get(nis_code="11002")
    per_postcode = [
        set(Aanbod.objects.voor_gemeente(antwerpen, postcode=p).values_list("pk", flat=True))
        for p in antwerpse_postcodes()
    ]
    assert len({frozenset(s) for s in per_postcode}) > 1


def test_in_zone_geeft_hetzelfde_als_de_oude_regel(catalogus):
    for zone in Eerstelijnszone.objects.order_by("pk"):
        nieuw = set(Aanbod.objects.in_zone(zone).values_list("pk", flat=True))
        assert nieuw == set(oude_in_zone(zone).values_list("pk", flat=True)), zone.code


def test_de_demodata_hebben_gelijke_arrays(demodata):
    assert Aanbod.objects.exclude(toegang_ids=[]).count() > 10
    assert afwijkingen() == []
