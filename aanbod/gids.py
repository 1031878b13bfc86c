"""The printable welzijnsgids: a PDF per zone (or municipality), optionally for one theme."""

from __future__ import annotations

import base64
import hashlib
import io
from dataclasses import dataclass

import qrcode
import qrcode.constants
from django.core.cache import cache
from django.db.models import Count, Max
from django.template.loader import render_to_string
from django.utils import timezone

from aanbod.models import Aanbod, Begrip, Eerstelijnszone, Gemeente, Organisatie, Thema
from aanbod.zoeken.dienst import voor_kaartjes


@dataclass
class Gids:
    zone: Eerstelijnszone
    gemeente: Gemeente | None
    thema: Thema | None
    per_thema: list[tuple[Thema, list[Aanbod]]]
    begrippen: list[Begrip]

    @property
    def titel(self) -> str:
        return f"Welzijnsgids {self.gemeente.naam if self.gemeente else self.zone.weergavenaam}"


def qr_png(url: str) -> str:
    """A QR code as a PNG data URI, one pixel block per module, scaled up by the PDF without blur.

    PNG rather than SVG: WeasyPrint parses an SVG path per code, which made a zone's guide 5x slower.
    """
    code = qrcode.QRCode(box_size=4, border=1, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(url)
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def aanbod_per_thema(
    zone: Eerstelijnszone, thema_code: str | None = None, gemeente: Gemeente | None = None
) -> list[tuple[Thema, list[Aanbod]]]:
    """The zone's active aanbod grouped by theme (an aanbod with two themes appears under both).

    With ``gemeente``, only what serves residents of that municipality.
    """
    aanbod = Aanbod.objects.actief().in_zone(zone)
    if gemeente is not None:
        aanbod = aanbod.voor_gemeente(gemeente)
    aanbod = voor_kaartjes(aanbod).prefetch_related("themas").order_by("naam")
    per_thema: dict[Thema, list[Aanbod]] = {}
    for item in aanbod:
        for thema in item.themas.all():
            if not thema_code or thema.code == thema_code:
                per_thema.setdefault(thema, []).append(item)
    return sorted(per_thema.items(), key=lambda paar: (paar[0].volgorde, paar[0].label))


def maak_gids(zone: Eerstelijnszone, *, gemeente: Gemeente | None = None, thema: Thema | None = None) -> Gids:
    per_thema = aanbod_per_thema(zone, thema.code if thema else None, gemeente=gemeente)
    if thema is None:
        # On paper each aanbod appears once, under its first theme (the web page lists it under each).
        gezien: set[int] = set()
        uniek = []
        for groep, items in per_thema:
            nieuw = [item for item in items if item.pk not in gezien]
            gezien.update(item.pk for item in nieuw)
            if nieuw:
                uniek.append((groep, nieuw))
        per_thema = uniek
    gebruikte = {item.ondersteuningsvorm_id for _, items in per_thema for item in items}
    begrippen = list(
        Begrip.objects.actief().filter(ondersteuningsvorm_id__in=gebruikte).order_by("term", "context")
    ) or list(Begrip.objects.actief().order_by("term")[:40])
    return Gids(zone=zone, gemeente=gemeente, thema=thema, per_thema=per_thema, begrippen=begrippen)


def catalogusversie() -> str:
    """Changes whenever anything printed in a guide changes (aanbod, organisations, glossary)."""
    delen = [
        Aanbod.objects.aggregate(m=Max("gewijzigd_op"), n=Count("id")),
        Organisatie.objects.aggregate(m=Max("gewijzigd_op")),
        Begrip.objects.aggregate(m=Max("gewijzigd_op")),
    ]
    return hashlib.sha256(repr(delen).encode()).hexdigest()[:16]


def gids_pdf(zone: Eerstelijnszone, *, gemeente: Gemeente | None, thema: Thema | None, basis_url: str) -> bytes:
    """The guide as PDF, cached until the catalogue changes (rendering a zone takes several seconds)."""
    sleutel = (
        "gids:"
        + hashlib.sha256(
            "|".join(
                [
                    zone.code,
                    gemeente.nis_code if gemeente else "",
                    thema.code if thema else "",
                    basis_url,
                    str(timezone.localdate()),
                    catalogusversie(),
                ]
            ).encode()
        ).hexdigest()
    )
    pdf = cache.get(sleutel)
    if pdf is None:
        pdf = render_gids_pdf(maak_gids(zone, gemeente=gemeente, thema=thema), basis_url)
        cache.set(sleutel, pdf, timeout=24 * 3600)
    return pdf


def render_gids_pdf(gids: Gids, basis_url: str) -> bytes:
    """Render the guide to PDF with WeasyPrint; ``basis_url`` makes the printed and QR links absolute."""
    from weasyprint import HTML

    qr = {}
    for _, items in gids.per_thema:
        for item in items:
            if item.pk not in qr:
                qr[item.pk] = qr_png(f"{basis_url}/aanbod/{item.slug}/")
    html = render_to_string(
        "aanbod/gids.html",
        {"gids": gids, "qr": qr, "basis_url": basis_url, "vandaag": timezone.localdate()},
    )
    return HTML(string=html, base_url=basis_url).write_pdf()
