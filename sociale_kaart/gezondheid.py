"""Probes for load balancers and orchestrators: ``/healthz`` (the process answers) and ``/readyz``
(the database answers quickly and every migration is applied).

Both are plain functions without sessions, users or templates, exempt from CSRF and open to anyone:
they reveal only "ok" or which of the two checks failed.
"""

from __future__ import annotations

import logging
import time

from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

logger = logging.getLogger("sociale_kaart.gezondheid")

# A probe must answer fast even when the database hangs; load balancers poll every few seconds.
STATEMENT_TIMEOUT_MS = 2000
# Reading the migration graph from disk costs tens of milliseconds: once every migration was found
# applied, trust that for a minute (a deploy that adds migrations starts new processes anyway).
MIGRATIES_GELDIG_S = 60.0
_migraties_ok_tot = 0.0


@csrf_exempt
@never_cache
@require_GET
def healthz(request):
    """The process is alive and serving; no database is touched."""
    return JsonResponse({"status": "ok"})


def _openstaande_migraties() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migratie.app_label}.{migratie.name}" for migratie, _ in plan]


def _niet_klaar(gegevens: dict, *, retry_after: int) -> JsonResponse:
    response = JsonResponse(gegevens, status=503, headers={"Retry-After": str(retry_after)})
    response._has_been_logged = True  # an expected state, not a server error for django.request
    return response


@csrf_exempt
@never_cache
@require_GET
def readyz(request):
    """Ready for traffic: the database answers within the timeout and no migration is pending."""
    global _migraties_ok_tot
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('statement_timeout')")
            (oud,) = cursor.fetchone()
            cursor.execute(f"SET LOCAL statement_timeout = {STATEMENT_TIMEOUT_MS}")
            cursor.execute("SELECT 1")
            # Put it back: inside an outer transaction (ATOMIC_REQUESTS, tests) SET LOCAL would outlive
            # this block and cut off every later query of that transaction after the probe's timeout.
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [oud])
    except DatabaseError as fout:
        logger.warning("readyz: databank onbereikbaar (%s)", type(fout).__name__)
        return _niet_klaar(
            {"status": "niet_klaar", "reden": "database_onbereikbaar", "detail": "De databank antwoordt niet."},
            retry_after=5,
        )
    if time.monotonic() >= _migraties_ok_tot:
        try:
            openstaand = _openstaande_migraties()
        except DatabaseError:
            openstaand = None
        if openstaand is None or openstaand:
            return _niet_klaar(
                {
                    "status": "niet_klaar",
                    "reden": "migraties_niet_toegepast",
                    "detail": "Voer `manage.py migrate` uit.",
                    "migraties": openstaand or [],
                },
                retry_after=30,
            )
        _migraties_ok_tot = time.monotonic() + MIGRATIES_GELDIG_S
    return JsonResponse({"status": "ok"})
