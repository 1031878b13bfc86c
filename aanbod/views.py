"""Public pages of the catalogue: no login, plain Dutch, usable without JavaScript."""

from __future__ import annotations

import hashlib

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, ListView, TemplateView, View

from aanbod import wegwijzer
from aanbod.constants import AanbodStatus, Kostprijs, Taal, Werkvorm
from aanbod.detail import haal_detail
from aanbod.filters import AanbodFilterSet, PlaatsField
from aanbod.forms import SuggestieForm
from aanbod.gids import aanbod_per_thema, gids_pdf
from aanbod.models import (
    Aanbod,
    Begrip,
    Doelgroep,
    Eerstelijnszone,
    Gemeente,
    Ondersteuningsvorm,
    Organisatie,
    PostPlaats,
    SuggestieSoort,
    Thema,
)
from aanbod.models.suggestie import ANTWOORDTERMIJN
from aanbod.templatetags.kaart import keuzelabel
from aanbod.zoeken.dienst import zoek
from aanbod.zoeken.plaats import zoek_plaats

# Themes and target groups offered as entry points on the front page (codes from the vocabularies).
INGANG_THEMAS = [
    "mantelzorg",
    "dementie",
    "geestelijke_gezondheid",
    "schulden",
    "opvoeding",
    "wonen",
    "ouderenzorg",
    "handicap",
    "verslaving",
    "geweld",
    "werk",
    "eenzaamheid",
]
INGANG_DOELGROEPEN = ["kinderen", "jongeren", "gezinnen", "ouderen", "mantelzorgers", "handicap", "nieuwkomers"]

# Facets in the order a person decides: can I go myself, is there room, what does it cost, how.
FACET_TITELS = [
    ("toegang", _("Toegang")),
    ("capaciteit", _("Plaats")),
    ("kostprijs", _("Kostprijs")),
    ("werkvorm", _("Hoe")),
    ("doelgroep", _("Voor wie")),
    ("thema", _("Thema")),
    ("levensdomein", _("Levensdomein")),
    ("zone", _("Eerstelijnszone")),
    ("taal", _("Taal")),
]
VLAANDEREN_EN_BRUSSEL = [Gemeente.VLAAMS_GEWEST, Gemeente.BRUSSELS_GEWEST]
MULTI_FACETTEN = [
    "zone",
    "doelgroep",
    "levensdomein",
    "thema",
    "toegang",
    "kostprijs",
    "capaciteit",
    "werkvorm",
    "taal",
]


class HomeView(TemplateView):
    """The front door: one question, a place, and entry points by theme and target group."""

    template_name = "aanbod/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        themas = {t.code: t for t in Thema.objects.actief().filter(code__in=INGANG_THEMAS)}
        doelgroepen = {d.code: d for d in Doelgroep.objects.actief().filter(code__in=INGANG_DOELGROEPEN)}
        context["themas"] = [themas[c] for c in INGANG_THEMAS if c in themas]
        context["doelgroepen"] = [doelgroepen[c] for c in INGANG_DOELGROEPEN if c in doelgroepen]
        context["form"] = AanbodFilterSet(queryset=Aanbod.objects.none()).form
        return context


class ZoekView(TemplateView):
    """Results with facets and counts; every choice is in the URL, so a result list can be shared."""

    template_name = "aanbod/zoeken.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = AanbodFilterSet(self.request.GET or None, queryset=Aanbod.objects.zichtbaar())
        context["filterset"] = filterset
        context["form"] = filterset.form
        if filterset.is_bound and not filterset.is_valid():
            context["resultaat"] = None
            return context
        basis = filterset.qs if filterset.is_bound else Aanbod.objects.zichtbaar()
        gekozen = {naam: self.request.GET.getlist(naam) for naam in MULTI_FACETTEN}
        context["resultaat"] = zoek(
            basis,
            filterset.zoektekst,
            filterset.plaats,
            pagina=self.request.GET.get("pagina", 1),
            gekozen=gekozen,
        )
        context["gekozen"] = gekozen
        context["heeft_filters"] = any(gekozen.values()) or any(
            self.request.GET.get(n) for n in ("leeftijd", "open_nu", "ondersteuningsvorm")
        )
        context["querystring_zonder_pagina"] = _zonder(self.request.GET, "pagina")
        context["facet_volgorde"] = FACET_TITELS
        context["kaartpunten"] = kaartpunten(context["resultaat"].pagina)
        return context


def kaartpunten(aanbod) -> list[dict]:
    """Locations of the listed aanbod for the map (the list stays the primary way to read them)."""
    return [
        {
            "naam": item.naam,
            "url": reverse("aanbod:aanbod", args=[item.slug]),
            "adres": locatie.adres,
            "lat": locatie.latitude,
            "lon": locatie.longitude,
        }
        for item in aanbod
        for locatie in item.actieve_locaties
        if locatie.latitude is not None
    ]


def _zonder(querydict, *sleutels: str) -> str:
    kopie = querydict.copy()
    for sleutel in sleutels:
        kopie.pop(sleutel, None)
    return kopie.urlencode()


class AanbodDetailView(DetailView):
    """Everything needed to refer someone or to go there yourself."""

    template_name = "aanbod/aanbod_detail.html"
    context_object_name = "aanbod"

    def get_object(self, queryset=None):
        # One query for the aanbod and every list the page shows (aanbod/detail.py): ten queries
        # through the ORM cost ~20 ms of Python per request.
        self.detail = haal_detail(self.kwargs["slug"])
        if self.detail is None:
            raise Http404
        return self.detail.aanbod

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        aanbod = self.object
        context["detail"] = self.detail
        context["kostprijs"] = keuzelabel(Kostprijs, aanbod.kostprijs)
        context["talen"] = [Taal(t).label for t in aanbod.talen if t in Taal.values]
        context["werkvormen"] = [Werkvorm(w).label for w in aanbod.werkvormen if w in Werkvorm.values]
        context["kaartpunten"] = kaartpunten([aanbod])
        from aanbod.beheer.voorstellen.views import bewerk_url  # who may edit: the workspace's scope rules

        context["bewerk_url"] = bewerk_url(self.request.user, aanbod)
        return context


class AanbodMeldenView(FormView):
    """'Meld een fout of wijziging': lands in the inbox of the zone's curators."""

    template_name = "aanbod/melden.html"
    form_class = SuggestieForm
    MAX_PER_UUR = 5

    def dispatch(self, request, *args, **kwargs):
        self.aanbod = get_object_or_404(Aanbod.objects.zichtbaar(), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(aanbod=self.aanbod, **kwargs)

    def form_valid(self, form):
        fout = bewaar_suggestie(
            self.request, form, soort=SuggestieSoort.FOUT, aanbod=self.aanbod, zone=zone_van(self.aanbod)
        )
        if fout:
            form.add_error(None, fout)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Bedankt! Je melding is doorgestuurd naar de beheerders van de sociale kaart.")
        )
        return redirect("aanbod:aanbod", slug=self.aanbod.slug)


class AanbodOntbreektView(FormView):
    """'Aanbod ontbreekt' from an empty search: a signal of a gap for the zone's curators."""

    template_name = "aanbod/ontbreekt.html"
    form_class = SuggestieForm

    def dispatch(self, request, *args, **kwargs):
        bron = request.POST if request.method == "POST" else request.GET
        self.zoekvraag = (bron.get("q") or "")[:200]
        self.plaats = zoek_plaats(bron.get("gemeente", "")[:100]) if bron.get("gemeente") else None
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(zoekvraag=self.zoekvraag, plaats=self.plaats, **kwargs)

    def form_valid(self, form):
        zone = self.plaats.gemeente.zones.order_by("naam").first() if self.plaats else None
        if zone is None and not form.is_bot:
            fout = _("Vul in voor welke gemeente het aanbod ontbreekt.")
        else:
            fout = bewaar_suggestie(
                self.request, form, soort=SuggestieSoort.ONTBREEKT, zoekvraag=self.zoekvraag, zone=zone
            )
        if fout:
            form.add_error(None, fout)
            return self.form_invalid(form)
        messages.success(self.request, _("Bedankt! De beheerders van de sociale kaart bekijken je melding."))
        return redirect("aanbod:zoeken")


def zone_van(aanbod: Aanbod) -> Eerstelijnszone | None:
    """The zone whose curators handle reports about ``aanbod``."""
    zone = aanbod.werkingsgebied_zones.order_by("naam").first()
    if zone:
        return zone
    gemeente = aanbod.werkingsgebied_gemeenten.order_by("naam").first() or next(
        (locatie.gemeente for locatie in aanbod.locaties.select_related("gemeente")), None
    )
    return gemeente.zones.order_by("naam").first() if gemeente else None


def bewaar_suggestie(request, form, **velden) -> str | None:
    """Store a report for the zone's curators; returns the error to show instead, if any.

    A bot (honeypot filled) gets no error and nothing is stored: it sees the same thank-you page.
    """
    if form.is_bot:
        return None
    if not ruimte_voor_melding(request, AanbodMeldenView.MAX_PER_UUR):
        return _("Je hebt het voorbije uur al veel meldingen gedaan. Probeer het later opnieuw.")
    suggestie = form.save(commit=False)
    for veld, waarde in velden.items():
        setattr(suggestie, veld, waarde)
    suggestie.antwoord_uiterlijk = timezone.localdate() + ANTWOORDTERMIJN
    suggestie.save()
    return None


def ruimte_voor_melding(request, maximum: int) -> bool:
    """At most ``maximum`` reports per hour per client address (hashed: no IP addresses are stored)."""
    adres = request.META.get("REMOTE_ADDR", "")
    sleutel = "melding:" + hashlib.sha256(adres.encode()).hexdigest()[:32]
    cache.add(sleutel, 0, timeout=3600)
    return cache.incr(sleutel) <= maximum


class OrganisatieDetailView(DetailView):
    template_name = "aanbod/organisatie_detail.html"
    context_object_name = "organisatie"

    def get_queryset(self):
        return Organisatie.objects.actief().select_related("hoofdorganisatie")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["aanbod"] = self.object.aanbod.zichtbaar().select_related("ondersteuningsvorm")
        context["locaties"] = self.object.locaties.filter(actief=True).select_related("gemeente")
        return context


class OndersteuningsvormListView(ListView):
    template_name = "aanbod/ondersteuningsvorm_list.html"
    context_object_name = "ondersteuningsvormen"

    def get_queryset(self):
        return Ondersteuningsvorm.objects.actief().annotate(
            aantal=Count("aanbod", filter=Q(aanbod__status=AanbodStatus.ACTIEF))
        )


class OndersteuningsvormDetailView(DetailView):
    """A concept explained in plain language, with its local providers per zone."""

    template_name = "aanbod/ondersteuningsvorm_detail.html"
    context_object_name = "vorm"

    def get_queryset(self):
        return Ondersteuningsvorm.objects.actief()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        aanbod = list(
            self.object.aanbod.zichtbaar()
            .select_related("organisatie")
            .prefetch_related("werkingsgebied_zones", "werkingsgebied_gemeenten__zones")
            .order_by("naam")
        )
        per_zone: dict[Eerstelijnszone, list[Aanbod]] = {}
        landelijk = []
        for item in aanbod:
            if item.werkingsgebied_vlaanderen:
                landelijk.append(item)
                continue
            zones = set(item.werkingsgebied_zones.all())
            for gemeente in item.werkingsgebied_gemeenten.all():
                zones.update(gemeente.zones.all())
            for zone in zones:
                per_zone.setdefault(zone, []).append(item)
        context["per_zone"] = sorted(per_zone.items(), key=lambda paar: paar[0].naam)
        context["landelijk"] = landelijk
        context["begrippen"] = self.object.begrippen.filter(actief=True)
        return context


class ZoneListView(ListView):
    template_name = "aanbod/zone_list.html"
    context_object_name = "zones"

    def get_queryset(self):
        return Eerstelijnszone.objects.prefetch_related("gemeenten").order_by("provincie", "naam")


class ZoneDetailView(DetailView):
    """Everything for one zone, grouped by theme."""

    template_name = "aanbod/zone_detail.html"
    context_object_name = "zone"
    slug_field = "code"

    def get_queryset(self):
        return Eerstelijnszone.objects.prefetch_related("gemeenten")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["per_thema"] = aanbod_per_thema(self.object, self.request.GET.get("thema"))
        context["themas"] = Thema.objects.actief()
        context["gekozen_thema"] = self.request.GET.get("thema", "")
        return context


class GidsView(View):
    """The welzijnsgids as PDF: ``/zones/<code>/gids.pdf?thema=…&gemeente=…``."""

    def get(self, request, slug):
        zone = get_object_or_404(Eerstelijnszone, code=slug)
        thema = gemeente = None
        if request.GET.get("thema"):
            thema = get_object_or_404(Thema.objects.actief(), code=request.GET["thema"])
        if request.GET.get("gemeente"):
            gemeente = get_object_or_404(zone.gemeenten, nis_code=request.GET["gemeente"])
        pdf = gids_pdf(zone, gemeente=gemeente, thema=thema, basis_url=request.build_absolute_uri("/").rstrip("/"))
        bestandsnaam = (
            f"welzijnsgids-{(gemeente.slug if gemeente else zone.code)}{'-' + thema.code if thema else ''}.pdf"
        )
        antwoord = HttpResponse(pdf, content_type="application/pdf")
        antwoord["Content-Disposition"] = f'inline; filename="{bestandsnaam}"'
        return antwoord


class BegripListView(ListView):
    """The glossary A–Z, with an anchor per term."""

    template_name = "aanbod/begrip_list.html"
    context_object_name = "begrippen"

    def get_queryset(self):
        return Begrip.objects.actief().select_related("ondersteuningsvorm").order_by("term", "context")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        per_letter: dict[str, list[Begrip]] = {}
        for begrip in context["begrippen"]:
            letter = begrip.term[:1].upper()
            letter = letter if letter.isalpha() else "#"
            per_letter.setdefault(letter, []).append(begrip)
        context["per_letter"] = sorted(per_letter.items())
        return context


class PlaatsSuggestieView(View):
    """Autocomplete for 'voor wie woont in' (JavaScript enhancement; the form works without it)."""

    def get(self, request):
        tekst = (request.GET.get("q") or "").strip()[:50]
        if len(tekst) < 2:
            return JsonResponse({"resultaten": []})
        if tekst.isdigit():
            plaatsen = PostPlaats.objects.filter(
                postcode__startswith=tekst, gemeente__gewest__in=VLAANDEREN_EN_BRUSSEL
            )[:10]
            resultaten = [{"waarde": f"{p.postcode} {p.naam}", "label": f"{p.postcode} {p.naam}"} for p in plaatsen]
        else:
            gemeenten = Gemeente.objects.vlaams_of_brussels().filter(naam__unaccent__istartswith=tekst)[:8]
            resultaten = [{"waarde": g.naam, "label": g.naam} for g in gemeenten]
            deelgemeenten = PostPlaats.objects.filter(
                naam__unaccent__istartswith=tekst, gemeente__gewest__in=VLAANDEREN_EN_BRUSSEL
            ).exclude(naam__in=[g.naam for g in gemeenten])[: 10 - len(resultaten)]
            resultaten += [
                {"waarde": f"{p.postcode} {p.naam}", "label": f"{p.naam} ({p.postcode})"} for p in deelgemeenten
            ]
        return JsonResponse({"resultaten": resultaten})


# --- Wegwijzer voor mantelzorgers ------------------------------------------------------------------


class WegwijzerPlaatsForm(forms.Form):
    gemeente = PlaatsField(
        label=_("In welke gemeente woont de persoon voor wie je zorgt?"),
        required=False,
        max_length=100,
        help_text=_("Gemeente, deelgemeente of postcode. Je mag dit ook leeg laten."),
    )


class WegwijzerVraagForm(forms.Form):
    antwoord = forms.ChoiceField(widget=forms.RadioSelect, error_messages={"required": _("Kies een antwoord.")})

    def __init__(self, *args, vraag: wegwijzer.Vraag, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["antwoord"].choices = vraag.keuzes
        self.fields["antwoord"].label = vraag.tekst
        self.fields["antwoord"].help_text = vraag.uitleg


class WegwijzerStartView(TemplateView):
    template_name = "aanbod/wegwijzer_start.html"

    def post(self, request):
        request.session.pop(WEGWIJZER_SESSIE, None)  # "Opnieuw beginnen"
        return redirect("aanbod:wegwijzer_stap", stap=0)


WEGWIJZER_SESSIE = "wegwijzer"


class WegwijzerStapView(FormView):
    """One question per screen. GET shows the question (with the earlier answer: back-button safe);
    POST stores the answer in the session and redirects to the next question (no resubmission)."""

    template_name = "aanbod/wegwijzer_stap.html"

    def dispatch(self, request, *args, stap: int, **kwargs):
        if not 0 <= stap <= len(wegwijzer.VRAGEN):
            raise Http404
        self.stap = stap
        self.antwoorden = request.session.get(WEGWIJZER_SESSIE, {})
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        data = self.request.POST if self.request.method == "POST" else None
        if self.stap == 0:
            return WegwijzerPlaatsForm(data, initial={"gemeente": self.antwoorden.get("gemeente", "")})
        vraag = wegwijzer.VRAGEN[self.stap - 1]
        return WegwijzerVraagForm(data, vraag=vraag, initial={"antwoord": self.antwoorden.get(vraag.sleutel)})

    def form_valid(self, form):
        antwoorden = dict(self.antwoorden)
        if self.stap == 0:
            plaats = form.cleaned_data["gemeente"]
            antwoorden["gemeente"] = plaats.label if plaats else ""
        else:
            antwoorden[wegwijzer.VRAGEN[self.stap - 1].sleutel] = form.cleaned_data["antwoord"]
        self.request.session[WEGWIJZER_SESSIE] = antwoorden
        if self.stap < len(wegwijzer.VRAGEN):
            return redirect("aanbod:wegwijzer_stap", stap=self.stap + 1)
        return redirect("aanbod:wegwijzer_resultaat")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            stap=self.stap, aantal_stappen=len(wegwijzer.VRAGEN) + 1, nummer=self.stap + 1, **kwargs
        )


class WegwijzerResultaatView(TemplateView):
    template_name = "aanbod/wegwijzer_resultaat.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        antwoorden = self.request.session.get(WEGWIJZER_SESSIE, {})
        plaats = zoek_plaats(antwoorden.get("gemeente", "")) if antwoorden.get("gemeente") else None
        context["plaats"] = plaats
        context["behoeften"] = [(b, b.aanbod(plaats)) for b in wegwijzer.behoeften(antwoorden)]
        context["begonnen"] = bool(antwoorden)
        return context
