"""Pages of the word list (/beheer/woordenlijst/): glossary, concept texts and the four vocabularies.

Catalogue-wide data, shared by all zones: every curator may edit them (``CuratorVereist``); there is no
zone scope. Writes go through :mod:`aanbod.beheer.woordenlijst.services`.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import CharField, Count, F, Func, Q, Value
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views import View

from aanbod.beheer.rechten import CuratorVereist
from aanbod.beheer.woordenlijst import services
from aanbod.beheer.woordenlijst.forms import BegripForm, OndersteuningsvormTekstenForm, VocabulariumwaardeForm
from aanbod.models import Begrip, Beheeractie, Ondersteuningsvorm

PER_PAGINA = 50
_OBJECTSOORTEN = [m._meta.label_lower for m in (Begrip, Ondersteuningsvorm, *services.VOCABULARIA.values())]


def _tekst_in_array(veld: str) -> Func:
    """The elements of an array column as one string, so a search can look inside the synonyms."""
    return Func(F(veld), Value(" "), function="array_to_string", output_field=CharField())


def _filters(request) -> dict[str, str]:
    status = request.GET.get("status", "actief")
    return {
        "q": request.GET.get("q", "").strip()[:100],
        "status": status if status in ("actief", "uit", "alle") else "actief",
    }


def _op_status(queryset, status: str):
    if status == "actief":
        return queryset.filter(actief=True)
    if status == "uit":
        return queryset.filter(actief=False)
    return queryset


def _pagina(request, queryset):
    return Paginator(queryset, PER_PAGINA).get_page(request.GET.get("pagina"))


def _toon_fouten(form, fout: ValidationError) -> None:
    """A service error next to its field when it names one, else above the form."""
    if hasattr(fout, "error_dict"):
        for veld, lijst in fout.error_dict.items():
            form.add_error(veld if veld in form.fields else None, lijst)
    else:
        form.add_error(None, fout)


class WoordenlijstBasis(CuratorVereist, View):
    tab = ""

    def render(self, template: str, context: dict, status: int = 200):
        context = {
            "tab": self.tab,
            "vocabularia": [(soort, model._meta.verbose_name_plural) for soort, model in services.VOCABULARIA.items()],
            **context,
        }
        return render(self.request, f"beheer/woordenlijst/{template}", context, status=status)


# --- glossary ------------------------------------------------------------------------------------


class BegrippenView(WoordenlijstBasis):
    """/beheer/woordenlijst/: the glossary, searchable, with the latest changes to all word lists."""

    tab = "begrippen"

    def get(self, request):
        filters = _filters(request)
        begrippen = Begrip.objects.select_related("ondersteuningsvorm").order_by("term", "context")
        begrippen = _op_status(begrippen, filters["status"])
        if filters["q"]:
            q = filters["q"]
            begrippen = begrippen.annotate(synoniemtekst=_tekst_in_array("synoniemen")).filter(
                Q(term__icontains=q)
                | Q(afkorting__icontains=q)
                | Q(context__icontains=q)
                | Q(uitleg__icontains=q)
                | Q(synoniemtekst__icontains=q)
            )
        recent = (
            Beheeractie.objects.filter(object_type__in=_OBJECTSOORTEN)
            .select_related("uitgevoerd_door")
            .order_by("-uitgevoerd_op")[:8]
        )
        context = {"pagina": _pagina(request, begrippen), "filters": filters, "recent": recent}
        return self.render("begrippen.html", context)


class BegripView(WoordenlijstBasis):
    """Create (no ``pk``) or edit one glossary entry."""

    tab = "begrippen"

    def get_begrip(self, pk):
        return get_object_or_404(Begrip, pk=pk) if pk is not None else None

    def get(self, request, pk=None):
        begrip = self.get_begrip(pk)
        return self.render("begrip_form.html", {"form": BegripForm(instance=begrip), "begrip": begrip})

    def post(self, request, pk=None):
        begrip = self.get_begrip(pk)
        form = BegripForm(request.POST, instance=begrip)
        if form.is_valid():
            try:
                opgeslagen = services.begrip_opslaan(door=request.user, gegevens=form.cleaned_data, begrip=begrip)
            except ValidationError as fout:
                _toon_fouten(form, fout)
            else:
                messages.success(request, _("Begrip “%(begrip)s” is bewaard.") % {"begrip": opgeslagen})
                zoek = urlencode({"q": opgeslagen.term, "status": "alle"})
                return redirect(f"{reverse('beheer:woordenlijst')}?{zoek}")
        if begrip is not None:
            begrip.refresh_from_db()  # the heading shows the stored term, not the rejected input
        return self.render("begrip_form.html", {"form": form, "begrip": begrip}, status=400)


# --- support-form concepts -----------------------------------------------------------------------


class VormenView(WoordenlijstBasis):
    """The support-form concepts with a link to edit their plain-language texts."""

    tab = "vormen"

    def get(self, request):
        filters = _filters(request)
        vormen = _op_status(Ondersteuningsvorm.objects.order_by("naam"), filters["status"])
        if filters["q"]:
            q = filters["q"]
            vormen = vormen.annotate(synoniemtekst=_tekst_in_array("synoniemen")).filter(
                Q(naam__icontains=q)
                | Q(afkorting__icontains=q)
                | Q(volledige_naam__icontains=q)
                | Q(samenvatting__icontains=q)
                | Q(synoniemtekst__icontains=q)
            )
        return self.render("vormen.html", {"pagina": _pagina(request, vormen), "filters": filters})


class VormView(WoordenlijstBasis):
    """Edit the plain-language texts of one concept."""

    tab = "vormen"

    def get(self, request, slug):
        vorm = get_object_or_404(Ondersteuningsvorm, slug=slug)
        return self.render("vorm_form.html", {"form": OndersteuningsvormTekstenForm(instance=vorm), "vorm": vorm})

    def post(self, request, slug):
        vorm = get_object_or_404(Ondersteuningsvorm, slug=slug)
        form = OndersteuningsvormTekstenForm(request.POST, instance=vorm)
        if form.is_valid():
            try:
                services.ondersteuningsvorm_teksten_bijwerken(door=request.user, vorm=vorm, gegevens=form.cleaned_data)
            except ValidationError as fout:
                _toon_fouten(form, fout)
            else:
                messages.success(request, _("De teksten van “%(vorm)s” zijn bewaard.") % {"vorm": vorm.naam})
                return redirect("beheer:woordenlijst_vormen")
        return self.render("vorm_form.html", {"form": form, "vorm": vorm}, status=400)


# --- vocabularies --------------------------------------------------------------------------------


class VocabulariumBasis(WoordenlijstBasis):
    def dispatch(self, request, *args, soort: str, **kwargs):
        if soort not in services.VOCABULARIA:
            raise Http404
        self.soort = soort
        self.tab = soort
        self.model = services.VOCABULARIA[soort]
        return super().dispatch(request, *args, **kwargs)

    def render(self, template: str, context: dict, status: int = 200):
        return super().render(
            template,
            {
                "soort": self.soort,
                "enkelvoud": self.model._meta.verbose_name,
                "meervoud": self.model._meta.verbose_name_plural,
                **context,
            },
            status,
        )

    def get_waarde(self, pk):
        return get_object_or_404(self.model, pk=pk)

    def formcontext(self, form, waarde) -> dict:
        context = {"form": form, "waarde": waarde}
        if waarde is not None:
            context["aantal"] = services.aantal_aanbod(waarde)
            context["verwijderbaar"] = not services.gebruik(waarde)
        return context

    def naar_lijst(self):
        return redirect("beheer:woordenlijst_vocabularium", soort=self.soort)


class VocabulariumView(VocabulariumBasis):
    """The values of one vocabulary with how many aanbod use each."""

    def get(self, request):
        filters = _filters(request)
        # One COUNT per value in the same query instead of one query per row.
        waarden = _op_status(self.model.objects.annotate(aantal=Count("aanbod")), filters["status"])
        if filters["q"]:
            q = filters["q"]
            waarden = waarden.filter(Q(label__icontains=q) | Q(code__icontains=q) | Q(uitleg__icontains=q))
        return self.render(
            "vocabularium.html", {"pagina": _pagina(request, waarden.order_by("volgorde", "label")), "filters": filters}
        )


class WaardeView(VocabulariumBasis):
    """Create (no ``pk``) or edit one value: label, explanation, order (the code is fixed once made)."""

    def get(self, request, pk=None):
        waarde = self.get_waarde(pk) if pk is not None else None
        initial = {"label": waarde.label, "uitleg": waarde.uitleg, "volgorde": waarde.volgorde} if waarde else None
        form = VocabulariumwaardeForm(initial=initial, nieuw=waarde is None)
        return self.render("waarde_form.html", self.formcontext(form, waarde))

    def post(self, request, pk=None):
        waarde = self.get_waarde(pk) if pk is not None else None
        form = VocabulariumwaardeForm(request.POST, nieuw=waarde is None)
        if form.is_valid():
            try:
                opgeslagen = services.vocabulariumwaarde_opslaan(
                    door=request.user, model=self.model, gegevens=form.cleaned_data, waarde=waarde
                )
            except ValidationError as fout:
                _toon_fouten(form, fout)
            else:
                messages.success(request, _("“%(label)s” is bewaard.") % {"label": opgeslagen.label})
                return self.naar_lijst()
        return self.render("waarde_form.html", self.formcontext(form, waarde), status=400)


class WaardeActiefView(VocabulariumBasis):
    """POST: retire a value or bring it back."""

    def post(self, request, pk):
        actief = request.POST.get("actief") == "1"
        waarde = services.vocabulariumwaarde_activeren(door=request.user, waarde=self.get_waarde(pk), actief=actief)
        if actief:
            messages.success(request, _("“%(label)s” wordt weer aangeboden.") % {"label": waarde.label})
        else:
            messages.success(
                request,
                _("“%(label)s” is uitgeschakeld: het blijft bij bestaand aanbod staan, maar is geen keuze meer.")
                % {"label": waarde.label},
            )
        return self.naar_lijst()


class WaardeVerwijderenView(VocabulariumBasis):
    """POST: delete a value that was never used; a value in use is refused with a message."""

    def post(self, request, pk):
        waarde = self.get_waarde(pk)
        try:
            services.vocabulariumwaarde_verwijderen(door=request.user, waarde=waarde)
        except ValidationError as fout:
            waarde.refresh_from_db()
            form = VocabulariumwaardeForm(
                initial={"label": waarde.label, "uitleg": waarde.uitleg, "volgorde": waarde.volgorde}, nieuw=False
            )
            context = {**self.formcontext(form, waarde), "weigering": " ".join(fout.messages)}
            return self.render("waarde_form.html", context, status=409)
        messages.success(request, _("“%(label)s” is verwijderd.") % {"label": waarde.label})
        return self.naar_lijst()
