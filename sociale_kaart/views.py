"""Error pages: JSON under /api/, a plain Dutch page elsewhere."""

from django.shortcuts import render

from aanbod.api.fouten import api_404, api_500


def niet_gevonden(request, exception=None):
    if request.path.startswith("/api/"):
        return api_404(request)
    return render(request, "404.html", status=404)


def serverfout(request):
    if request.path.startswith("/api/"):
        return api_500(request)
    return render(request, "500.html", status=500)
