"""/beheer/hiaten/: the gaps report of one of the curator's zones, as a page, a CSV and a PDF."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.generic import TemplateView, View

from aanbod.beheer.audit import log_beheeractie
from aanbod.beheer.hiaten import grafiek
from aanbod.beheer.hiaten.export import rapport_csv
from aanbod.beheer.hiaten.services import maak_rapport
from aanbod.beheer.rechten import CuratorVereist


class ZoneKeuze:
    """The zone asked for with ``?zone=<code>``, among the curator's own (another zone is a 404)."""

    def gekozen_zone(self):
        code = self.request.GET.get("zone")
        if code:
            return get_object_or_404(self.zones, code=code)
        zone = self.zones.first()
        if zone is None:
            raise Http404
        return zone

    def rapport_context(self, zone):
        rapport = maak_rapport(zone=zone, user=self.request.user)
        return {
            "rapport": rapport,
            "zone": zone,
            "grafiek_capaciteit": grafiek.capaciteit_per_maand(rapport.verloop),
            "grafiek_wachttijd": grafiek.wachttijd_per_maand(rapport.verloop),
        }


class HiatenView(CuratorVereist, ZoneKeuze, TemplateView):
    """The report on screen (printable with the print stylesheet); ``?formaat=csv`` downloads it."""

    template_name = "beheer/hiaten/hiaten.html"

    def get(self, request, *args, **kwargs):
        zone = self.gekozen_zone()
        context = self.rapport_context(zone)
        if request.GET.get("formaat") == "csv":
            log_beheeractie(door=request.user, actie="export", object=zone, omschrijving="hiatenrapport (CSV)")
            antwoord = HttpResponse(rapport_csv(context["rapport"]), content_type="text/csv; charset=utf-8")
            bestandsnaam = f"hiaten-{zone.code}-{timezone.localdate():%Y-%m-%d}.csv"
            antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
            return antwoord
        context.update(self.get_context_data(**kwargs), zones=list(self.zones))
        return self.render_to_response(context)


class HiatenRapportPdfView(CuratorVereist, ZoneKeuze, View):
    """The report as an A4 PDF for the zorgraad meeting (WeasyPrint, as the welzijnsgids)."""

    def get(self, request, *args, **kwargs):
        from weasyprint import HTML

        zone = self.gekozen_zone()
        html = render_to_string("beheer/hiaten/rapport_pdf.html", self.rapport_context(zone), request=request)
        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
        log_beheeractie(door=request.user, actie="export", object=zone, omschrijving="hiatenrapport (PDF)")
        antwoord = HttpResponse(pdf, content_type="application/pdf")
        antwoord["Content-Disposition"] = f'inline; filename="hiaten-{zone.code}-{timezone.localdate():%Y-%m-%d}.pdf"'
        return antwoord
