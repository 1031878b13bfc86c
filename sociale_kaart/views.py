"""Error pages: JSON under /api/, a plain Dutch page elsewhere."""

import sys

from django.shortcuts import render

from aanbod.api.fouten import api_404, api_500
from sociale_kaart.middleware import DATABASEFOUTEN, database_onbereikbaar


def niet_gevonden(request, exception=None):
    if request.path.startswith("/api/"):
        return api_404(request)
    return render(request, "404.html", status=404)


def serverfout(request):
    # Django calls this inside its `except`: a database that went away (e.g. while a middleware saved
    # the session) is a 503 to retry, not a 500.
    fout = sys.exc_info()[1]
    if isinstance(fout, DATABASEFOUTEN):
        return database_onbereikbaar(request, fout)
    if request.path.startswith("/api/"):
        return api_500(request)
    return render(request, "500.html", status=500)
