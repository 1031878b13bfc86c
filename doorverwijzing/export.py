"""Everything held about the person of one referral (GDPR right of access), as plain data or a PDF."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from doorverwijzing.constants import Reden, Status
from doorverwijzing.models import Doorverwijzing, Toestemming

_NIET_PERSOONLIJK = {"id", "verwijzer", "verwijzer_organisatie", "aanbod", "ontvanger_organisatie", "behandelaar"}


def _velden(obj, model, uitgezonderd: set[str]) -> dict:
    return {f.name: getattr(obj, f.name) for f in model._meta.concrete_fields if f.name not in uitgezonderd}


def volledige_export(doorverwijzing: Doorverwijzing) -> dict:
    toestemming = Toestemming.objects.filter(doorverwijzing=doorverwijzing).first()
    gegevens = _velden(doorverwijzing, Doorverwijzing, _NIET_PERSOONLIJK | {"persoon_gemeente"})
    gegevens["persoon_gemeente"] = str(doorverwijzing.persoon_gemeente or "")
    return {
        "doorverwijzing": gegevens,
        "verwijzende_organisatie": doorverwijzing.verwijzer_organisatie.naam,
        "ontvangende_organisatie": doorverwijzing.ontvanger_organisatie.naam,
        "aanbod": doorverwijzing.aanbod.naam,
        "toestemming": _velden(toestemming, Toestemming, {"id", "doorverwijzing"}) if toestemming else None,
        "berichten": list(doorverwijzing.berichten.values("aangemaakt_op", "organisatie__naam", "tekst")),
        "terugkoppelingen": list(
            doorverwijzing.terugkoppelingen.values("aangemaakt_op", "persoon_gecontacteerd", "volgende_stap", "tekst")
        ),
        "gebeurtenissen": list(
            doorverwijzing.gebeurtenissen.values(
                "tijdstip", "soort", "van_status", "naar_status", "reden", "toelichting"
            )
        ),
        "inzages": list(doorverwijzing.inzages.values("tijdstip", "via", "user__username")),
    }


# --- The same content as a readable PDF (the copy handed to the person) ----------------------------


@dataclass
class Gegeven:
    """One labelled value of the export, already written out in Dutch."""

    label: str
    waarde: str


def _leesbaar(obj, veld) -> str:
    waarde = getattr(obj, veld.name)
    if veld.choices and waarde:
        return str(getattr(obj, f"get_{veld.name}_display")())
    if isinstance(waarde, bool):
        return _("ja") if waarde else _("nee")
    if isinstance(waarde, dt.datetime):
        return date_format(timezone.localtime(waarde), "j F Y, H:i")
    if isinstance(waarde, dt.date):
        return date_format(waarde, "j F Y")
    if waarde is None or waarde == "":
        return "—"
    return str(waarde)


# Fields without a Dutch verbose_name (timestamps, the reference) get one here.
_LABELS = {
    "uuid": _lazy("Referentie"),
    "aangemaakt_op": _lazy("Aangemaakt op"),
    "verstuurd_op": _lazy("Verstuurd op"),
    "eerst_geopend_op": _lazy("Eerst geopend op"),
    "eerste_reactie_op": _lazy("Eerste reactie op"),
    "afgesloten_op": _lazy("Afgesloten op"),
    "gewijzigd_op": _lazy("Laatst gewijzigd op"),
    "gepseudonimiseerd_op": _lazy("Gepseudonimiseerd op"),
}

_VIA = {
    "web": _lazy("geopend op de website"),
    "api": _lazy("via de API"),
    "export": _lazy("inzage-export (JSON)"),
    "export-pdf": _lazy("inzage-export (PDF)"),
    "overdracht": _lazy("overdrachtsnota"),
}


def _gegevens(obj, model, uitgezonderd: set[str]) -> list[Gegeven]:
    return [
        Gegeven(str(_LABELS.get(veld.name) or capfirst(str(veld.verbose_name))), _leesbaar(obj, veld))
        for veld in model._meta.concrete_fields
        if veld.name not in uitgezonderd
    ]


def _tijd(waarde: dt.datetime) -> str:
    return date_format(timezone.localtime(waarde), "j F Y, H:i")


def leesbare_export(doorverwijzing: Doorverwijzing) -> dict:
    """The content of :func:`volledige_export`, with Dutch labels and values, for the PDF template.

    Built from the same models and the same field selection, so the PDF never holds less (or more)
    than the JSON.
    """
    toestemming = Toestemming.objects.filter(doorverwijzing=doorverwijzing).first()
    # persoon_gemeente is shown by name, as in the JSON
    gegevens = _gegevens(doorverwijzing, Doorverwijzing, _NIET_PERSOONLIJK)
    statussen = dict(Status.choices)
    redenen = dict(Reden.choices)
    return {
        "doorverwijzing": doorverwijzing,
        "gegevens": gegevens,
        "verwijzende_organisatie": doorverwijzing.verwijzer_organisatie.naam,
        "ontvangende_organisatie": doorverwijzing.ontvanger_organisatie.naam,
        "aanbod": doorverwijzing.aanbod.naam,
        "toestemming": _gegevens(toestemming, Toestemming, {"id", "doorverwijzing"}) if toestemming else None,
        "berichten": [
            {"tijd": _tijd(b.aangemaakt_op), "organisatie": b.organisatie.naam, "tekst": b.tekst}
            for b in doorverwijzing.berichten.select_related("organisatie").order_by("aangemaakt_op")
        ],
        "terugkoppelingen": [
            {
                "tijd": _tijd(t.aangemaakt_op),
                "gecontacteerd": _("ja") if t.persoon_gecontacteerd else _("nee"),
                "volgende_stap": t.volgende_stap,
                "tekst": t.tekst,
            }
            for t in doorverwijzing.terugkoppelingen.order_by("aangemaakt_op")
        ],
        "gebeurtenissen": [
            {
                "tijd": _tijd(g.tijdstip),
                "soort": g.get_soort_display(),
                "van": statussen.get(g.van_status, g.van_status),
                "naar": statussen.get(g.naar_status, g.naar_status),
                "reden": redenen.get(g.reden, g.reden),
                "toelichting": g.toelichting,
            }
            for g in doorverwijzing.gebeurtenissen.order_by("tijdstip", "id")
        ],
        "inzages": [
            {"tijd": _tijd(i.tijdstip), "via": str(_VIA.get(i.via, i.via)), "gebruiker": i.user.username}
            for i in doorverwijzing.inzages.select_related("user").order_by("tijdstip", "id")
        ],
        "opgemaakt_op": _tijd(timezone.now()),
    }


def export_pdf(doorverwijzing: Doorverwijzing) -> bytes:
    """Everything held about the person of one referral as a PDF in plain Dutch (WeasyPrint)."""
    from weasyprint import HTML  # heavy import, only when a PDF is asked for

    html = render_to_string("doorverwijzing/export_pdf.html", leesbare_export(doorverwijzing))
    return HTML(string=html).write_pdf()
