"""Query plans as tests: the main queries use their indexes, and no page's query count grows with its size.

A few thousand generated rows (the generator of ``genereer_testdata``, at small size, rolled back at
the end of the module), ANALYZE for real statistics, and ``random_page_cost = 1.1`` (the usual SSD
setting, also recommended in docs/scaling.md). That is not ``enable_seqscan = off``: the planner may
still pick a sequential scan wherever it is cheaper, so a plan without one on aanbod or referrals
shows the index is the better path at this size already, and will be more so at 100k.

Each test captures the SQL a real request sends (test client + ``CaptureQueriesContext``) and runs
``EXPLAIN (FORMAT JSON)`` on every statement, so what is checked is what Django actually sends.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aanbod.models import Aanbod, Medewerker
from aanbod.testdata import Stopwatch, analyseer, genereer_catalogus
from aanbod.testdata.laden import tabellen as catalogustabellen
from doorverwijzing.models import Doorverwijzing
from doorverwijzing.testdata import genereer_doorverwijzingen
from doorverwijzing.testdata import tabellen as doorverwijzingstabellen

pytestmark = pytest.mark.django_db

AANBOD = 2000
DOORVERWIJZINGEN = 12000
SEED = 7
GROTE_TABELLEN = {"aanbod_aanbod", "doorverwijzing_doorverwijzing"}


@pytest.fixture(scope="module")
def gegenereerd(django_db_setup, django_db_blocker):
    """Generated catalogue and referrals with fresh statistics, rolled back at the end of the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        catalogus = genereer_catalogus(aantal=AANBOD, seed=SEED, stopwatch=Stopwatch())
        genereer_doorverwijzingen(catalogus=catalogus, aantal=DOORVERWIJZINGEN, seed=SEED, stopwatch=Stopwatch())
        with connection.cursor() as cursor:
            # The generator defers its foreign keys to COMMIT. Check them once now: every test's teardown
            # checks pending deferred constraints, which would otherwise be all of these rows each time.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        analyseer([*catalogustabellen(), *doorverwijzingstabellen()])
        yield catalogus
        transaction.set_rollback(True)
    # ANALYZE wrote row counts into pg_class in place (not rolled back): count again, or the tests after
    # this module are planned for thousands of rows that are gone.
    with django_db_blocker.unblock():
        analyseer([*catalogustabellen(), *doorverwijzingstabellen()])


@pytest.fixture
def planner():
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL random_page_cost = 1.1")


def knopen(plan: dict) -> Iterator[dict]:
    yield plan
    for kind in plan.get("Plans", []):
        yield from knopen(kind)


def plannen_van(antwoord_maker) -> list[tuple[str, list[dict]]]:
    """Run a request, then EXPLAIN every SELECT it sent; returns (sql, plan nodes) per statement."""
    with CaptureQueriesContext(connection) as vangst:
        antwoord = antwoord_maker()
    assert antwoord.status_code == 200, antwoord.content[:500]
    plannen = []
    with connection.cursor() as cursor:
        for query in vangst.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            plannen.append((sql, list(knopen(plan[0]["Plan"]))))
    return plannen


def seq_scans(plannen) -> list[str]:
    return [
        f"{knoop['Relation Name']} in: {sql[:300]}"
        for sql, knooplijst in plannen
        for knoop in knooplijst
        if knoop["Node Type"] == "Seq Scan" and knoop.get("Relation Name") in GROTE_TABELLEN
    ]


def indexen(plannen) -> set[str]:
    return {knoop["Index Name"] for _, knooplijst in plannen for knoop in knooplijst if "Index Name" in knoop}


def drukste_medewerker() -> Medewerker:
    """A member of the organisation that receives most referrals (the heaviest inbox)."""
    from django.db.models import Count

    org_id = (
        Doorverwijzing.objects.filter(ontvanger_organisatie__medewerkers__isnull=False)
        .values("ontvanger_organisatie_id")
        .annotate(n=Count("id", distinct=True))
        .order_by("-n")[0]["ontvanger_organisatie_id"]
    )
    return Medewerker.objects.filter(organisatie_id=org_id).select_related("user").order_by("id").first()


# --- index use ---------------------------------------------------------------------------------------


DEKKINGSINDEXEN = {"aanbod_heel_vlaanderen", "aanbod_dekking_gemeenten_gin", "aanbod_dekking_zones_gin"}
KOPPELTABELLEN = {
    "aanbod_aanbod_werkingsgebied_gemeenten",
    "aanbod_aanbod_werkingsgebied_zones",
    "aanbod_aanbod_themas",
    "aanbod_aanbod_doelgroepen",
    "aanbod_aanbod_levensdomeinen",
}


def relaties(plannen) -> set[str]:
    return {knoop["Relation Name"] for _, knooplijst in plannen for knoop in knooplijst if "Relation Name" in knoop}


def test_zoeken_met_plaats_en_facetten_gebruikt_de_dekkingsindexen_en_geen_koppeltabellen(client, gegenereerd, planner):
    plannen = plannen_van(
        lambda: client.get(reverse("aanbod:zoeken"), {"q": "dementie", "gemeente": "Gent", "kostprijs": "gratis"})
    )
    assert not seq_scans(plannen), seq_scans(plannen)
    # Coverage is one BitmapOr over the three indexes (migration 0006), not EXISTS on the link tables; the
    # facet counts unnest the result set's own arrays. (Only the cards' access routes and locations are
    # read from link tables, for 20 rows.)
    assert DEKKINGSINDEXEN <= indexen(plannen), indexen(plannen)
    assert not relaties(plannen) & KOPPELTABELLEN, relaties(plannen) & KOPPELTABELLEN


def test_zoeken_op_zone_en_thema_gebruikt_de_array_indexen(client, gegenereerd, planner):
    plannen = plannen_van(lambda: client.get(reverse("aanbod:zoeken"), {"zone": "kempenland", "thema": "armoede"}))
    assert not seq_scans(plannen), seq_scans(plannen)
    # The planner starts from whichever is more selective, the theme or the zone (both are array indexes;
    # which one depends on the sampled statistics): either is right, a scan of aanbod or links is not.
    gebruikt = indexen(plannen)
    assert gebruikt & (DEKKINGSINDEXEN | {"aanbod_thema_ids_gin"}), "gebruikte indexen: " + ", ".join(sorted(gebruikt))
    assert not relaties(plannen) & KOPPELTABELLEN, relaties(plannen) & KOPPELTABELLEN


def test_de_api_lijst_met_zoektekst_en_plaats_gebruikt_de_indexen(client, gegenereerd, planner):
    plannen = plannen_van(
        lambda: client.get(
            "/api/v1/aanbod/", {"q": "mantelzorg", "gemeente": "Leuven", "kostprijs": "gratis", "page_size": 50}
        )
    )
    assert not seq_scans(plannen), seq_scans(plannen)
    assert DEKKINGSINDEXEN <= indexen(plannen), indexen(plannen)


def test_synchroniseren_op_gewijzigd_sinds_gebruikt_de_index_op_wijzigingstijd(client, gegenereerd, planner):
    # A client that synced recently: only the last few percent of the catalogue changed since.
    tijden = list(Aanbod.objects.order_by("-gewijzigd_op").values_list("gewijzigd_op", flat=True)[:60])
    sinds = tijden[-1].isoformat()
    plannen = plannen_van(lambda: client.get("/api/v1/aanbod/", {"gewijzigd_sinds": sinds, "page_size": 50}))
    assert not seq_scans(plannen), seq_scans(plannen)
    assert any(naam.startswith("aanbod_aanbod_gewijzigd_op") for naam in indexen(plannen)), indexen(plannen)


def test_de_inbox_gebruikt_de_inbox_indexen(client, gegenereerd, planner):
    client.force_login(drukste_medewerker().user)
    for tab in ("nieuw", "wacht", "mijn", "te_laat", "verstuurd"):
        plannen = plannen_van(lambda tab=tab: client.get(reverse("doorverwijzing:inbox"), {"tab": tab}))
        assert not seq_scans(plannen), (tab, seq_scans(plannen))
        assert indexen(plannen) & {"dv_inbox", "dv_verstuurd", "dv_behandelaar"}, (tab, indexen(plannen))
        # The tab counts: each from its own covering index (doorverwijzing/models.py, Meta.indexes).
        tellingen = [knopen for sql, knopen in plannen if sql.startswith("SELECT (SELECT count(*)")]
        assert len(tellingen) == 1, tab
        assert not seq_scans([("", tellingen[0])]), tab
        assert {"dv_inbox", "dv_verstuurd", "dv_behandelaar"} <= indexen([("", tellingen[0])]), tab


# --- N+1 guards: the number of queries does not grow with the page size --------------------------------


def _aantal_queries(maak_antwoord) -> int:
    with CaptureQueriesContext(connection) as vangst:
        antwoord = maak_antwoord()
    assert antwoord.status_code == 200
    return len(vangst.captured_queries)


@pytest.mark.parametrize(
    ("pad", "groottes", "maximum"),
    [
        ("/api/v1/aanbod/?gemeente=Gent&page_size={n}", (1, 100), 14),
        ("/api/v1/aanbod/?q=mantelzorg&page_size={n}", (1, 100), 14),
        ("/api/hsds/services?per_page={n}", (1, 100), 16),
    ],
)
def test_api_paginas_kosten_evenveel_queries_bij_1_als_bij_100_rijen(
    client, gegenereerd, django_assert_max_num_queries, pad, groottes, maximum
):
    klein, groot = (_aantal_queries(lambda n=n: client.get(pad.format(n=n))) for n in groottes)
    assert klein == groot
    with django_assert_max_num_queries(maximum):
        client.get(pad.format(n=groottes[1]))


def test_de_zoekpagina_kost_evenveel_queries_voor_een_volle_als_voor_een_bijna_lege_pagina(
    client, gegenereerd, django_assert_max_num_queries
):
    # The same search, page 1 (20 cards) and its last page (a few cards): the same number of queries.
    vraag = {"q": "mantelzorg", "gemeente": "Gent"}
    totaal = client.get("/api/v1/aanbod/", {**vraag, "page_size": 1}).json()["count"]
    assert totaal > 20 and totaal % 20, totaal
    vol = _aantal_queries(lambda: client.get(reverse("aanbod:zoeken"), vraag))
    laatste = _aantal_queries(lambda: client.get(reverse("aanbod:zoeken"), {**vraag, "pagina": totaal // 20 + 1}))
    assert vol == laatste
    with django_assert_max_num_queries(14):
        client.get(reverse("aanbod:zoeken"), vraag)


def test_de_inbox_van_de_drukste_organisatie_kost_een_vast_aantal_queries(
    client, gegenereerd, django_assert_max_num_queries
):
    client.force_login(drukste_medewerker().user)
    inbox = reverse("doorverwijzing:inbox")
    client.get(inbox)  # the first request after logging in also saves the session
    # A full page of 25 rows costs what a page with one row costs.
    vol = _aantal_queries(lambda: client.get(inbox, {"tab": "verstuurd", "status": "requested"}))
    een = _aantal_queries(lambda: client.get(inbox, {"tab": "verstuurd", "status": "entered-in-error"}))
    assert vol == een
    # With or without a status filter: its count is one more in the statement of the tab counts.
    assert _aantal_queries(lambda: client.get(inbox, {"tab": "verstuurd"})) == vol
    with django_assert_max_num_queries(12):
        antwoord = client.get(inbox, {"tab": "verstuurd"})
    assert len(antwoord.context["pagina"].object_list) == 25


def test_de_hsds_export_leest_zijn_brokken_uit_de_volgorde_index(gegenereerd, planner):
    from aanbod.hsds import export

    diensten = export.diensten(chunk=50)
    next(diensten)  # the first chunk; the second is read from where the first ended
    with CaptureQueriesContext(connection) as vangst:
        for _ in range(50):
            next(diensten)
    brok = next(q["sql"] for q in vangst.captured_queries if q["sql"].startswith('SELECT "aanbod_aanbod"."id"'))
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + brok)
        plan = cursor.fetchone()[0]
    plannen = [(brok, list(knopen((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"])))]
    assert not seq_scans(plannen), seq_scans(plannen)
    assert "aanbod_naam_id" in indexen(plannen), indexen(plannen)


def test_een_gefilterde_api_lijst_op_naam_telt_in_de_paginaquery(client, gegenereerd, planner):
    # Ordered by name with facet filters: no walk along the (naam, id) index hoping to meet a page of
    # matches early (a gamble when the filter correlates with the name), and no separate COUNT.
    plannen = plannen_van(lambda: client.get("/api/v1/aanbod/", {"thema": "mantelzorg", "page_size": 50}))
    assert not any("COUNT(*)" in sql.upper() and "OVER" not in sql.upper() for sql, _ in plannen), plannen
    assert "aanbod_naam_id" not in indexen(plannen), indexen(plannen)
    assert not seq_scans(plannen), seq_scans(plannen)


def test_een_toegangsweg_bij_tekst_en_plaats_wordt_op_de_gevonden_rijen_getoetst(client, gegenereerd, planner):
    # `zelf` is open to about half of the catalogue: its index would add thousands of entries to a bitmap
    # that the text and the place already narrow to a few hundred rows (aanbod/filters.py, filter_toegang).
    vraag = {"q": "mantelzorg", "gemeente": "Leuven", "page_size": 100}
    plannen = plannen_van(lambda: client.get("/api/v1/aanbod/", {**vraag, "toegang": "zelf"}))
    assert not seq_scans(plannen), seq_scans(plannen)
    assert "aanbod_zoekvector_gin" in indexen(plannen) or DEKKINGSINDEXEN <= indexen(plannen), sorted(indexen(plannen))
    assert "aanbod_toegang_ids_gin" not in indexen(plannen)
    # Same rows as filtering the unfiltered result on its access routes.
    alle = client.get("/api/v1/aanbod/", vraag).json()
    met_zelf = client.get("/api/v1/aanbod/", {**vraag, "toegang": "zelf"}).json()
    assert alle["count"] <= 100
    verwacht = [a["id"] for a in alle["results"] if "zelf" in a["toegangswegen"]]
    assert verwacht and [a["id"] for a in met_zelf["results"]] == verwacht
    # On its own, the access route's index stays the way in.
    alleen = plannen_van(lambda: client.get("/api/v1/aanbod/", {"toegang": "itp", "page_size": 50}))
    assert "aanbod_toegang_ids_gin" in indexen(alleen), indexen(alleen)
