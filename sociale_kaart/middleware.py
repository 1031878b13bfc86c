"""Request-wide middleware: a request id with one access-log line per request, and a 503 instead of a
500 when the database cannot be reached."""

from __future__ import annotations

import logging
import re
import time
import uuid

from django.core.signals import request_finished
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from sociale_kaart import logboek

toegang_logger = logging.getLogger("sociale_kaart.toegang")
db_logger = logging.getLogger("sociale_kaart.database")

# A proxy's id is reused only when it cannot smuggle anything into a log line.
GELDIG_VERZOEK_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# Seconds a client should wait before trying again while the database is away.
RETRY_AFTER = "5"
DATABASEFOUTEN = (OperationalError, InterfaceError)
STILLE_PADEN = ("/healthz", "/readyz", "/static/")


class VerzoekIdMiddleware:
    """Give every request an id (a sane ``X-Request-ID`` from the proxy, else a new one), echo it in the
    response and log one line per request: method, path without query string, status, duration, user id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        kandidaat = request.headers.get("X-Request-ID", "")
        request.id = kandidaat if GELDIG_VERZOEK_ID.match(kandidaat) else uuid.uuid4().hex
        logboek.verzoek_id.set(request.id)
        logboek.verzoek_methode.set(request.method)
        logboek.verzoek_pad.set(request.path)
        logboek.verzoek_user_id.set(None)
        start = time.perf_counter()
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        user_id = _user_id_zonder_query(request)
        # Kept until request_finished: Django logs 4xx/5xx (django.request) after the middleware returns.
        logboek.verzoek_user_id.set(user_id)
        if response.status_code >= 500:
            niveau = logging.WARNING
        elif request.path.startswith(STILLE_PADEN) and response.status_code < 400:
            niveau = logging.DEBUG  # probes every few seconds and static files would drown the rest
        else:
            niveau = logging.INFO
        toegang_logger.log(
            niveau,
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={"status": response.status_code, "duration_ms": round((time.perf_counter() - start) * 1000, 1)},
        )
        return response


@receiver(request_finished)
def _vergeet_verzoek(**kwargs) -> None:
    """Lines logged after the request (in this thread) no longer carry its id."""
    for var in (logboek.verzoek_id, logboek.verzoek_methode, logboek.verzoek_pad, logboek.verzoek_user_id):
        var.set(None)


def _user_id_zonder_query(request) -> int | None:
    user = request.__dict__.get("user")
    if isinstance(user, SimpleLazyObject):  # session user: known only if something asked for it
        user = getattr(request, "_cached_user", None)
    return user.pk if getattr(user, "is_authenticated", False) else None


def database_onbereikbaar(request, fout: Exception) -> HttpResponse:
    """The 503 for a database that is away: JSON under /api/, else a plain Dutch page.

    The page is rendered without the request: context processors and the lazy user would query the
    very database that is gone.
    """
    db_logger.warning("Databank onbereikbaar: %s", type(fout).__name__)
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {
                "detail": _("De databank is tijdelijk onbereikbaar. Probeer het over enkele seconden opnieuw."),
                "code": "database_onbereikbaar",
                "fields": {},
            },
            status=503,
        )
    else:
        response = HttpResponse(loader.get_template("503.html").render({}), status=503)
    response["Retry-After"] = RETRY_AFTER
    response["Cache-Control"] = "no-store"
    # Logged once as a warning by the caller, not once more per request as an ERROR by django.request.
    response._has_been_logged = True
    return response


class DatabaseOnbereikbaarMiddleware:
    """A view that fails because the database is down (connection refused, server closed the
    connection) answers 503 with Retry-After instead of a 500.

    Django closes the broken connection at the end of the request (CONN_HEALTH_CHECKS), so the next
    request connects again and the app recovers by itself once the server is back. Failures outside
    the view (e.g. saving the session) reach ``handler500``, which does the same.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASEFOUTEN):
            return database_onbereikbaar(request, exception)
        return None
