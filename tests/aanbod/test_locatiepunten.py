"""The points on aanbod (``punten``, migration 0009) always equal its active, located locations.

PostgreSQL triggers keep them; these tests go through every write path: the ORM's add/remove/set/clear
and bulk_create of link rows, a location moved, deactivated or reactivated by save(), update() and
bulk_update(), a location deleted, link rows loaded before their aanbod (the generator's COPY), and the
demo data and a generated catalogue as a whole. The distance built on them is checked against
earth_distance itself in tests/aanbod/test_zoeken.py.
"""

import pytest
from django.db import connection, transaction

from aanbod.models import Aanbod, Locatie
from aanbod.testdata import Stopwatch, genereer_catalogus
from tests.factories import AanbodFactory, LocatieFactory

pytestmark = pytest.mark.django_db

SEED = 29
ANTWERPEN = (51.2194, 4.4025)
GENT = (51.0543, 3.7174)


def afwijkingen() -> list[int]:
    """The ids of aanbod whose stored points differ from their locations (recomputed from the tables)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT a.id FROM aanbod_aanbod a
                WHERE a.punten IS DISTINCT FROM (
                      SELECT coalesce(array_agg(ll_to_earth(l.latitude, l.longitude)::cube ORDER BY l.id), '{}')
                        FROM aanbod_aanbod_locaties k JOIN aanbod_locatie l ON l.id = k.locatie_id
                       WHERE k.aanbod_id = a.id AND l.actief AND l.latitude IS NOT NULL)"""
        )
        return [rij[0] for rij in cursor.fetchall()]


def punten(aanbod: Aanbod) -> list[tuple[float, float]]:
    """The stored points of ``aanbod``, back as (latitude, longitude) rounded to 4 decimals."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT round(latitude(p::earth)::numeric, 4)::float, round(longitude(p::earth)::numeric, 4)::float
                 FROM aanbod_aanbod a, unnest(a.punten) WITH ORDINALITY AS u(p, i)
                WHERE a.id = %s ORDER BY i""",
            [aanbod.pk],
        )
        return cursor.fetchall()


def locatie(plaats: tuple[float, float], **kwargs) -> Locatie:
    return LocatieFactory(latitude=plaats[0], longitude=plaats[1], **kwargs)


def test_add_remove_set_en_clear():
    aanbod = AanbodFactory()
    antwerpen, gent = locatie(ANTWERPEN), locatie(GENT)
    assert punten(aanbod) == []
    aanbod.locaties.add(antwerpen)
    assert punten(aanbod) == [ANTWERPEN]
    aanbod.locaties.add(gent)
    assert punten(aanbod) == [ANTWERPEN, GENT]  # ordered by location id
    aanbod.locaties.remove(antwerpen)
    assert punten(aanbod) == [GENT]
    aanbod.locaties.set([antwerpen, gent])
    assert punten(aanbod) == [ANTWERPEN, GENT]
    aanbod.locaties.clear()
    assert punten(aanbod) == []
    assert afwijkingen() == []


def test_bulk_create_van_koppelrijen():
    eerste, tweede = AanbodFactory(), AanbodFactory()
    antwerpen, gent = locatie(ANTWERPEN), locatie(GENT)
    Koppeling = Aanbod.locaties.through
    Koppeling.objects.bulk_create(
        [
            Koppeling(aanbod=eerste, locatie=antwerpen),
            Koppeling(aanbod=tweede, locatie=antwerpen),
            Koppeling(aanbod=tweede, locatie=gent),
        ]
    )
    assert punten(eerste) == [ANTWERPEN]
    assert punten(tweede) == [ANTWERPEN, GENT]
    Koppeling.objects.filter(locatie=antwerpen).delete()
    assert punten(eerste) == []
    assert punten(tweede) == [GENT]


def test_een_locatie_verhuizen_of_sluiten_past_de_punten_aan():
    aanbod, ander = AanbodFactory(), AanbodFactory()
    plek = locatie(ANTWERPEN)
    aanbod.locaties.add(plek)
    ander.locaties.add(plek)

    plek.latitude, plek.longitude = GENT
    plek.save()
    assert punten(aanbod) == punten(ander) == [GENT]

    Locatie.objects.filter(pk=plek.pk).update(actief=False)
    assert punten(aanbod) == punten(ander) == []

    plek.refresh_from_db()
    plek.actief = True
    plek.latitude, plek.longitude = ANTWERPEN
    Locatie.objects.bulk_update([plek], ["actief", "latitude", "longitude"])
    assert punten(aanbod) == punten(ander) == [ANTWERPEN]

    Locatie.objects.filter(pk=plek.pk).update(latitude=None, longitude=None)
    assert punten(aanbod) == []
    assert afwijkingen() == []


def test_andere_velden_van_een_locatie_raken_de_punten_niet():
    aanbod = AanbodFactory()
    plek = locatie(ANTWERPEN)
    aanbod.locaties.add(plek)
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text FROM aanbod_aanbod WHERE id = %s", [aanbod.pk])
        versie = cursor.fetchone()[0]
        Locatie.objects.filter(pk=plek.pk).update(naam="Andere naam")
        cursor.execute("SELECT xmin::text FROM aanbod_aanbod WHERE id = %s", [aanbod.pk])
        assert cursor.fetchone()[0] == versie  # the aanbod row was not rewritten


def test_een_locatie_verwijderen():
    aanbod = AanbodFactory()
    antwerpen, gent = locatie(ANTWERPEN), locatie(GENT)
    aanbod.locaties.add(antwerpen, gent)
    antwerpen.delete()
    assert punten(aanbod) == [GENT]
    assert afwijkingen() == []


def test_een_aanbod_opslaan_laat_de_punten_staan():
    aanbod = AanbodFactory()
    aanbod.locaties.add(locatie(ANTWERPEN))
    verouderd = Aanbod.objects.get(pk=aanbod.pk)
    verouderd.naam = "Nieuwe naam"
    verouderd.save()
    assert punten(aanbod) == [ANTWERPEN]


def test_koppelrijen_die_voor_hun_aanbod_geladen_worden_staan_in_de_punten():
    # As the generator does: link rows first (foreign keys deferred to COMMIT), then the aanbod row.
    plek = locatie(GENT)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('aanbod_aanbod', 'id'))")
        nieuw_id = cursor.fetchone()[0]
        cursor.execute(
            "INSERT INTO aanbod_aanbod_locaties (aanbod_id, locatie_id) VALUES (%s, %s)", [nieuw_id, plek.pk]
        )
        aanbod = AanbodFactory(id=nieuw_id)
    assert punten(aanbod) == [GENT]


def test_de_demodata_hebben_gelijke_punten(demodata):
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM aanbod_aanbod WHERE cardinality(punten) > 0")
        assert cursor.fetchone()[0] > 50  # the check below is not vacuous
    assert afwijkingen() == []


def test_de_gegenereerde_catalogus_heeft_gelijke_punten():
    with transaction.atomic():
        genereer_catalogus(aantal=300, seed=SEED, stopwatch=Stopwatch())
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM aanbod_aanbod WHERE slug LIKE %s AND cardinality(punten) > 1", [f"gen-{SEED}-%"]
            )
            assert cursor.fetchone()[0] > 0  # also aanbod with several locations
        assert afwijkingen() == []
        transaction.set_rollback(True)
