"""One error format for every 4xx of the API: ``{"detail": …, "code": …, "fields": {…}}`` in Dutch."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.fields import get_error_detail
from rest_framework.views import exception_handler


def _codes(fout) -> str:
    codes = fout.get_codes()
    while isinstance(codes, list | dict):
        codes = next(iter(codes.values() if isinstance(codes, dict) else codes), "ongeldig")
    return str(codes)


def foutafhandeling(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(get_error_detail(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    antwoord = exception_handler(exc, context)
    if antwoord is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        gegevens = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        algemeen = gegevens.pop("non_field_errors", None)
        velden = {
            veld: [str(f) for f in (fouten if isinstance(fouten, list) else [fouten])]
            for veld, fouten in gegevens.items()
        }
        detail = str(algemeen[0]) if algemeen else _("De invoer klopt niet. Zie de fouten per veld.")
        antwoord.data = {"detail": detail, "code": _codes(exc) if not velden else "ongeldig", "fields": velden}
    else:
        antwoord.data = {"detail": str(exc.detail), "code": _codes(exc), "fields": {}}
    return antwoord


def json_fout(status_code: int, detail: str, code: str) -> JsonResponse:
    return JsonResponse({"detail": detail, "code": code, "fields": {}}, status=status_code)


def api_404(request, exception=None):
    return json_fout(status.HTTP_404_NOT_FOUND, _("Niet gevonden."), "niet_gevonden")


def api_500(request):
    return json_fout(
        status.HTTP_500_INTERNAL_SERVER_ERROR,
        _("Er ging iets mis aan onze kant. Probeer het later opnieuw."),
        "serverfout",
    )
