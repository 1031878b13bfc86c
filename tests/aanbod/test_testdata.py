"""The generated load-test catalogue: counts, spread, constraints, search vectors, determinism, refusal."""

from datetime import UTC, datetime

import pytest
from django.db import connection, transaction
from django.db.models import Count, Q

from aanbod.constants import Capaciteit
from aanbod.models import Aanbod, Eerstelijnszone, Locatie, Medewerker, Openingsuur, Organisatie
from aanbod.testdata import Referentie, Stopwatch, TestdataFout, genereer_catalogus, plan_catalogus

SEED = 11
AANTAL = 300
NU = datetime(2026, 1, 15, tzinfo=UTC)
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def catalogus(django_db_setup, django_db_blocker):
    """300 generated aanbod, loaded once per module and rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        stopwatch = Stopwatch()
        yield genereer_catalogus(aantal=AANTAL, seed=SEED, stopwatch=stopwatch, nu=NU), stopwatch
        transaction.set_rollback(True)


def _gegenereerd():
    return Aanbod.objects.filter(slug__startswith=f"gen-{SEED}-")


def test_generates_the_requested_aanbod_with_a_third_as_many_fictitious_organisations(catalogus):
    assert _gegenereerd().count() == AANTAL
    organisaties = Organisatie.objects.filter(slug__startswith=f"gen-{SEED}-")
    assert AANTAL / 5 < organisaties.count() < AANTAL / 2
    assert not organisaties.filter(is_fictief=False).exists()
    assert not _gegenereerd().filter(is_fictief=False).exists()
    assert Locatie.objects.filter(organisatie__in=organisaties).count() >= organisaties.count()
    assert Openingsuur.objects.filter(Q(locatie__organisatie__in=organisaties) | Q(aanbod__in=_gegenereerd())).exists()


def test_reports_rows_per_table(catalogus):
    _, stopwatch = catalogus
    rijen = stopwatch.rijen()
    assert rijen["aanbod_aanbod"] == AANTAL
    assert rijen["aanbod_organisatie"] == Organisatie.objects.filter(slug__startswith=f"gen-{SEED}-").count()
    assert rijen["aanbod_aanbod_doelgroepen"] > AANTAL


def test_deferred_foreign_keys_and_check_constraints_hold(catalogus):
    # COPY checked the CHECK constraints row by row; the deferred foreign keys are checked here.
    connection.check_constraints()
    assert not _gegenereerd().filter(wachttijd_weken__isnull=False, capaciteit=Capaciteit.PLAATS_VRIJ).exists()


def test_every_aanbod_has_a_search_vector_and_is_found_by_its_concept_name(catalogus):
    assert not _gegenereerd().filter(zoekvector__isnull=True).exists()
    met_concept = _gegenereerd().filter(ondersteuningsvorm__isnull=False)
    assert 0.45 * AANTAL < met_concept.count() < 0.75 * AANTAL
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM aanbod_aanbod a JOIN aanbod_ondersteuningsvorm v ON v.id = a.ondersteuningsvorm_id "
            "WHERE a.slug LIKE %s AND a.zoekvector @@ plainto_tsquery('dutch', sk_normaliseer(v.naam))",
            [f"gen-{SEED}-%"],
        )
        assert cursor.fetchone()[0] == met_concept.count()


def test_facet_labels_are_in_the_search_vector_although_links_were_loaded_first(catalogus):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(*) FILTER "
            "(WHERE a.zoekvector @@ plainto_tsquery('dutch', sk_normaliseer(d.label))) "
            "FROM aanbod_aanbod a JOIN aanbod_aanbod_doelgroepen k ON k.aanbod_id = a.id "
            "JOIN aanbod_doelgroep d ON d.id = k.doelgroep_id WHERE a.slug LIKE %s",
            [f"gen-{SEED}-%"],
        )
        koppelingen, gevonden = cursor.fetchone()
    assert koppelingen > AANTAL
    assert gevonden == koppelingen


def test_every_zone_has_generated_aanbod(catalogus):
    zonder = [zone.naam for zone in Eerstelijnszone.objects.all() if not _gegenereerd().in_zone(zone).exists()]
    assert Eerstelijnszone.objects.count() >= 60
    assert zonder == []
    # And not only through Flanders-wide aanbod: each zone has aanbod rooted in it.
    for zone in Eerstelijnszone.objects.all():
        assert _gegenereerd().filter(werkingsgebied_vlaanderen=False).in_zone(zone).exists(), zone.naam


def test_werkingsgebied_is_one_municipality_a_zone_several_municipalities_or_flanders(catalogus):
    aanbod = _gegenereerd().annotate(
        n_gemeenten=Count("werkingsgebied_gemeenten", distinct=True),
        n_zones=Count("werkingsgebied_zones", distinct=True),
    )
    soorten = {"gemeente": 0, "zone": 0, "gemeenten": 0, "vlaanderen": 0}
    for a in aanbod:
        gebieden = [a.werkingsgebied_vlaanderen, a.n_zones > 0, a.n_gemeenten > 0]
        assert sum(gebieden) == 1, a.naam
        soort = "vlaanderen" if a.werkingsgebied_vlaanderen else "zone" if a.n_zones else None
        soort = soort or ("gemeente" if a.n_gemeenten == 1 else "gemeenten")
        soorten[soort] += 1
    assert soorten["gemeente"] > soorten["zone"] > soorten["gemeenten"] > 0
    assert soorten["vlaanderen"] > 0


def test_capacity_follows_the_distribution_and_waiting_lists_have_2_to_40_weeks(catalogus):
    per_capaciteit = dict(_gegenereerd().values_list("capaciteit").annotate(n=Count("id")))
    assert set(per_capaciteit) == set(Capaciteit.values)
    assert per_capaciteit[Capaciteit.PLAATS_VRIJ] > per_capaciteit[Capaciteit.VOLZET]
    wachtlijst = _gegenereerd().filter(capaciteit=Capaciteit.WACHTLIJST)
    assert not wachtlijst.filter(
        Q(wachttijd_weken__lt=2) | Q(wachttijd_weken__gt=40) | Q(wachttijd_weken=None)
    ).exists()
    assert not _gegenereerd().filter(capaciteit=Capaciteit.ONBEKEND, capaciteit_bijgewerkt_op__isnull=False).exists()


def test_generated_users_work_for_generated_organisations(catalogus):
    gegevens, _ = catalogus
    medewerkers = Medewerker.objects.filter(user__username__startswith=f"gen-{SEED}-")
    assert medewerkers.count() == sum(len(users) for users in gegevens.medewerkers.values()) > 0
    assert not medewerkers.exclude(organisatie__slug__startswith=f"gen-{SEED}-").exists()
    assert not medewerkers.filter(user__password__startswith="pbkdf2").exists()  # nobody can log in


def test_same_seed_plans_the_same_catalogue_and_another_seed_a_different_one(catalogus):
    ref = Referentie.uit_databank()
    eerste = plan_catalogus(ref, aantal=120, seed=5, nu=NU, bezette_kbo=set())
    tweede = plan_catalogus(ref, aantal=120, seed=5, nu=NU, bezette_kbo=set())
    ander = plan_catalogus(ref, aantal=120, seed=6, nu=NU, bezette_kbo=set())
    assert [(a.uuid, a.naam, a.capaciteit) for a in eerste.aanbod] == [
        (a.uuid, a.naam, a.capaciteit) for a in tweede.aanbod
    ]
    assert [(o.uuid, o.naam, o.kbo) for o in eerste.organisaties] == [
        (o.uuid, o.naam, o.kbo) for o in tweede.organisaties
    ]
    assert [a.uuid for a in eerste.aanbod][:5] != [a.uuid for a in ander.aanbod][:5]
    assert [a.naam for a in eerste.aanbod] != [a.naam for a in ander.aanbod]


def test_loaded_rows_are_the_planned_rows(catalogus):
    plan = plan_catalogus(Referentie.uit_databank(), aantal=AANTAL, seed=SEED, nu=NU, bezette_kbo=set())
    geladen = list(_gegenereerd().order_by("id").values_list("uuid", "naam")[:10])
    assert geladen == [(a.uuid, a.naam) for a in plan.aanbod[:10]]


def test_a_second_run_with_the_same_seed_is_refused(catalogus):
    with pytest.raises(TestdataFout, match="seed 11"):
        genereer_catalogus(aantal=10, seed=SEED, stopwatch=Stopwatch(), nu=NU)
