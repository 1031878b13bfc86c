"""Bulk import (upload → map columns → preview → dry run / commit → result) and export of a zone's list."""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View

from aanbod.beheer.audit import log_beheeractie
from aanbod.beheer.bulk import exporteren
from aanbod.beheer.bulk.controleren import Soort
from aanbod.beheer.bulk.forms import ExportForm, KoppelingForm, OpladenForm
from aanbod.beheer.bulk.koppeling import DOELVELD
from aanbod.beheer.bulk.lezen import BulkFout
from aanbod.beheer.bulk.services import (
    ImportGeweigerd,
    import_controleren,
    import_uitvoeren,
    importbestand_koppelen,
    importbestand_opladen,
    lees_importbestand,
)
from aanbod.beheer.rechten import CuratorVereist
from aanbod.models import Importbestand, ImportStatus


class ImportStartView(CuratorVereist, View):
    """Step 1: choose the zone and upload the list."""

    def get(self, request):
        return self._toon(request, OpladenForm(zones=self.zones, initial={"zone": self.zones.first()}))

    def post(self, request):
        form = OpladenForm(request.POST, request.FILES, zones=self.zones)
        if form.is_valid():
            bestand = form.cleaned_data["bestand"]
            try:
                importbestand = importbestand_opladen(
                    zone=form.cleaned_data["zone"], door=request.user, bestandsnaam=bestand.name, inhoud=bestand.read()
                )
            except BulkFout as fout:
                form.add_error("bestand", str(fout))
            else:
                return redirect("beheer:import_koppelen", pk=importbestand.pk)
        return self._toon(request, form, status=400)

    def _toon(self, request, form, status=200):
        eerder = Importbestand.objects.filter(zone__in=self.zones).select_related("zone", "door").defer("inhoud")[:10]
        context = {
            "form": form,
            "eerder": eerder,
            "max_mb": settings.IMPORT_MAX_BYTES // (1024 * 1024),
            "max_rijen": settings.IMPORT_MAX_RIJEN,
        }
        return render(request, "beheer/bulk/import_start.html", context, status=status)


class ImportbestandMixin(CuratorVereist):
    """The Importbestand of the URL, only within the curator's zones (another zone's file: 404)."""

    def importbestand(self, pk) -> Importbestand:
        return get_object_or_404(Importbestand.objects.filter(zone__in=self.zones).select_related("zone"), pk=pk)


class KoppelenView(ImportbestandMixin, View):
    """Step 2: which column holds what; suggested from the headers, every choice can be changed."""

    def _form(self, importbestand, data=None):
        tabel = lees_importbestand(importbestand)
        voorbeelden = [next((rij[i] for rij in tabel.rijen if rij[i]), "") for i in range(len(tabel.kolommen))]
        initial = {sleutel: str(index) for sleutel, index in importbestand.koppeling.items()}
        return KoppelingForm(data, kolommen=tabel.kolommen, voorbeelden=voorbeelden, initial=initial), tabel

    def get(self, request, pk):
        importbestand = self.importbestand(pk)
        if importbestand.status == ImportStatus.DOORGEVOERD:
            return redirect("beheer:import_resultaat", pk=pk)
        form, tabel = self._form(importbestand)
        return self._toon(request, importbestand, form, tabel)

    def post(self, request, pk):
        importbestand = self.importbestand(pk)
        if importbestand.status == ImportStatus.DOORGEVOERD:
            return redirect("beheer:import_resultaat", pk=pk)
        form, tabel = self._form(importbestand, request.POST)
        if form.is_valid():
            try:
                importbestand_koppelen(importbestand=importbestand, koppeling=form.koppeling())
            except BulkFout as fout:
                form.add_error(None, str(fout))
            else:
                return redirect("beheer:import_voorbeeld", pk=pk)
        return self._toon(request, importbestand, form, tabel, status=400)

    def _toon(self, request, importbestand, form, tabel, status=200):
        context = {"importbestand": importbestand, "form": form, "aantal_rijen": len(tabel.rijen)}
        return render(request, "beheer/bulk/koppelen.html", context, status=status)


class VoorbeeldView(ImportbestandMixin, View):
    """Steps 3 and 4: every row checked, a choice per flagged row, then dry run or commit."""

    def get(self, request, pk):
        importbestand = self.importbestand(pk)
        if importbestand.status == ImportStatus.DOORGEVOERD:
            return redirect("beheer:import_resultaat", pk=pk)
        if importbestand.status != ImportStatus.GEKOPPELD:
            return redirect("beheer:import_koppelen", pk=pk)
        return self._toon(request, importbestand, {})

    def post(self, request, pk):
        importbestand = self.importbestand(pk)
        if importbestand.status == ImportStatus.DOORGEVOERD:
            return redirect("beheer:import_resultaat", pk=pk)
        keuzes = {
            int(naam.removeprefix("keuze-")): waarde
            for naam, waarde in request.POST.items()
            if naam.startswith("keuze-") and naam.removeprefix("keuze-").isdigit()
        }
        proefdraai = request.POST.get("actie") != "doorvoeren"
        try:
            verslag = import_uitvoeren(
                importbestand=importbestand, door=request.user, keuzes=keuzes, proefdraai=proefdraai
            )
        except ImportGeweigerd as fout:
            return self._toon(request, importbestand, keuzes, meldingen=fout.meldingen, status=400)
        except BulkFout as fout:
            return self._toon(request, importbestand, keuzes, meldingen=[str(fout)], status=400)
        if proefdraai:
            return self._toon(request, importbestand, keuzes, verslag=verslag)
        messages.success(request, _("De import is doorgevoerd."))
        return redirect("beheer:import_resultaat", pk=pk)

    def _toon(self, request, importbestand, keuzes, *, meldingen=(), verslag=None, status=200):
        rijen = import_controleren(importbestand, user=request.user)
        for rij in rijen:
            rij.gekozen = keuzes.get(rij.nummer, "")
        tellingen = Counter(rij.soort for rij in rijen)
        context = {
            "importbestand": importbestand,
            # A long list can be narrowed to the rows that ask for a decision (all others need none).
            "alleen_beslissingen": request.GET.get("toon") == "beslissingen",
            "rijen": [r for r in rijen if r.keuzes] if request.GET.get("toon") == "beslissingen" else rijen,
            "tellingen": [(Soort.LABELS[s], tellingen[s], s) for s in Soort.LABELS if tellingen[s]],
            "gekoppeld": [DOELVELD[s].label for s in importbestand.koppeling],
            "meldingen": meldingen,
            "verslag": verslag,
            "met_beslissing": sum(1 for rij in rijen if rij.keuzes),
        }
        return render(request, "beheer/bulk/voorbeeld.html", context, status=status)


class ResultaatView(ImportbestandMixin, View):
    """What the committed import created, updated and skipped, with links to the records."""

    def get(self, request, pk):
        importbestand = self.importbestand(pk)
        if importbestand.status != ImportStatus.DOORGEVOERD:
            return redirect("beheer:import_voorbeeld", pk=pk)
        return render(
            request, "beheer/bulk/resultaat.html", {"importbestand": importbestand, "r": importbestand.resultaat}
        )


class ExportView(CuratorVereist, View):
    """The zone's catalogue as a download (with ``formaat``), else the page to choose it."""

    def get(self, request):
        if "formaat" not in request.GET:
            form = ExportForm(zones=self.zones, initial={"zone": self.zones.first()})
            return render(request, "beheer/bulk/export.html", {"form": form})
        form = ExportForm(request.GET, zones=self.zones)
        if not form.is_valid():
            return render(request, "beheer/bulk/export.html", {"form": form}, status=400)
        zone, formaat = form.cleaned_data["zone"], form.cleaned_data["formaat"]
        queryset = exporteren.export_queryset(user=request.user, zone=zone)
        log_beheeractie(door=request.user, actie="export", object=zone, omschrijving=f"{zone} ({formaat})")
        naam = f"sociale-kaart-{slugify(zone.code)}-{timezone.localdate():%Y-%m-%d}.{formaat}"
        if formaat == "csv":
            antwoord = StreamingHttpResponse(exporteren.export_csv(queryset), content_type="text/csv; charset=utf-8")
            antwoord["Content-Disposition"] = f'attachment; filename="{naam}"'
            return antwoord
        return FileResponse(
            exporteren.export_xlsx(queryset),
            as_attachment=True,
            filename=naam,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
