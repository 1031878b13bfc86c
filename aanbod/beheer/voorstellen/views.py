"""Redacteurs keep their aanbod up to date; curators decide on proposals, read history and revert."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView, View

from aanbod.beheer.rechten import CuratorVereist, RedacteurVereist, geen_toegang, is_curator, is_redacteur
from aanbod.beheer.voorstellen import services
from aanbod.beheer.voorstellen.forms import CAPACITEIT_KNOPPEN, AanbodBewerkenForm, AfwijzenForm, CapaciteitForm
from aanbod.beheer.voorstellen.weergave import record_verschillen, veldlabel, verschillen
from aanbod.models import Aanbod, Voorstel, VoorstelStatus


def bewerk_url(user, aanbod: Aanbod) -> str | None:
    """Where ``user`` edits ``aanbod``: a curator in scope directly, a redacteur of its organisation
    via a proposal; ``None`` for everyone else (the public detail page shows no link then)."""
    if not user.is_authenticated:
        return None
    if Aanbod.objects.beheerbaar_door(user).filter(pk=aanbod.pk).exists():
        return reverse("beheer:aanbod_bewerken", args=[aanbod.slug])
    if Aanbod.objects.bewerkbaar_door(user).filter(pk=aanbod.pk).exists():
        return reverse("beheer:mijn_aanbod_bewerken", args=[aanbod.slug])
    return None


def _foutmeldingen(fout: ValidationError) -> list[str]:
    return [m for lijst in fout.message_dict.values() for m in lijst] if hasattr(fout, "error_dict") else fout.messages


class MijnAanbodView(RedacteurVereist, ListView):
    """The redacteur's organisations' aanbod: capacity in one click, edit links, open proposals."""

    template_name = "beheer/voorstellen/mijn_aanbod.html"
    context_object_name = "aanbod_lijst"
    paginate_by = 20  # a large organisation (or a superuser) has many rows, each with a form
    page_kwarg = "pagina"

    def get_queryset(self):
        # The organisation name and the open proposal of every row, without a query per row.
        return (
            Aanbod.objects.bewerkbaar_door(self.request.user)
            .exclude(status="stopgezet")
            .select_related("organisatie")
            .prefetch_related(
                Prefetch(
                    "voorstellen",
                    queryset=Voorstel.objects.filter(status=VoorstelStatus.OPEN),
                    to_attr="open_voorstellen",
                )
            )
            .order_by("organisatie__naam", "naam")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["knoppen"] = CAPACITEIT_KNOPPEN
        for aanbod in context["aanbod_lijst"]:
            voorstel = aanbod.open_voorstellen[0] if aanbod.open_voorstellen else None
            aanbod.voorstel_velden = [veldlabel(v) for v in voorstel.wijzigingen] if voorstel else []
        return context


class CapaciteitView(RedacteurVereist, View):
    """POST: publish the capacity of one aanbod of the redacteur's organisation at once."""

    def post(self, request, slug):
        aanbod = get_object_or_404(Aanbod.objects.bewerkbaar_door(request.user), slug=slug)
        form = CapaciteitForm(request.POST)
        if form.is_valid():
            try:
                aanbod = services.capaciteit_publiceren(
                    aanbod=aanbod,
                    capaciteit=form.cleaned_data["capaciteit"],
                    wachttijd_weken=form.cleaned_data["wachttijd_weken"],
                    door=request.user,
                )
            except ValidationError as fout:
                for tekst in _foutmeldingen(fout):
                    messages.error(request, f"{aanbod.naam}: {tekst}")
            else:
                messages.success(
                    request,
                    _("%(naam)s: %(capaciteit)s staat nu online.")
                    % {"naam": aanbod.naam, "capaciteit": aanbod.get_capaciteit_display().lower()},
                )
        else:
            for lijst in form.errors.values():
                for tekst in lijst:
                    messages.error(request, f"{aanbod.naam}: {tekst}")
        pagina = request.POST.get("pagina", "")
        terug = reverse("beheer:mijn_aanbod") + (f"?pagina={pagina}" if pagina.isdigit() else "")
        return redirect(f"{terug}#aanbod-{aanbod.pk}")


class _BewerkenBasis(TemplateView):
    """The edit page; subclasses say whose scope it is and whether critical fields need approval."""

    template_name = "beheer/voorstellen/bewerken.html"
    met_goedkeuring = True

    def scope(self):
        raise NotImplementedError

    def terug_url(self):
        raise NotImplementedError

    def _aanbod(self):
        return get_object_or_404(self.scope().select_related("organisatie"), slug=self.kwargs["slug"])

    def _form(self, aanbod, data=None):
        open_voorstel = aanbod.voorstellen.filter(status=VoorstelStatus.OPEN).select_related("ingediend_door").first()
        initial = {}
        if self.met_goedkeuring and open_voorstel is not None:
            # The redacteur keeps working on what they proposed, not on the published values.
            initial = {v: w["nieuw"] for v, w in open_voorstel.wijzigingen.items()}
            initial["toelichting"] = open_voorstel.toelichting
        form = AanbodBewerkenForm(data, instance=aanbod, initial=initial, met_goedkeuring=self.met_goedkeuring)
        return form, open_voorstel

    def get(self, request, *args, **kwargs):
        aanbod = self._aanbod()
        form, open_voorstel = self._form(aanbod)
        return self.render_to_response(self._context(aanbod, form, open_voorstel))

    def _context(self, aanbod, form, open_voorstel):
        return {
            "aanbod": aanbod,
            "form": form,
            "open_voorstel": open_voorstel,
            "verschillen": verschillen(open_voorstel.wijzigingen) if open_voorstel else [],
            "met_goedkeuring": self.met_goedkeuring,
            "terug_url": self.terug_url(),
        }

    def post(self, request, *args, **kwargs):
        aanbod = self._aanbod()
        form, open_voorstel = self._form(aanbod, request.POST)
        if form.is_valid():
            try:
                resultaat = services.aanbod_bewerken(
                    aanbod=aanbod,
                    door=request.user,
                    waarden={v: services.json_waarde(v, w) for v, w in form.waarden().items()},
                    met_goedkeuring=self.met_goedkeuring,
                    toelichting=form.cleaned_data.get("toelichting", ""),
                )
            except ValidationError as fout:
                if hasattr(fout, "error_dict"):
                    for veld, lijst in fout.message_dict.items():
                        form.add_error(veld if veld in form.fields else None, lijst)
                else:
                    form.add_error(None, fout.messages)
            else:
                self._meld(resultaat)
                return redirect(self.terug_url())
        return self.render_to_response(self._context(aanbod, form, open_voorstel), status=400)

    def _meld(self, resultaat: services.Bewerking) -> None:
        if resultaat.gepubliceerd:
            messages.success(self.request, _("Je wijzigingen staan online."))
        if resultaat.voorstel is not None:
            messages.info(
                self.request,
                _("De wijzigingen aan kritieke gegevens wachten op goedkeuring door de curator van de zone."),
            )
        if resultaat.voorstel_ingetrokken:
            messages.info(
                self.request, _("Je voorstel is ingetrokken: de gegevens zijn weer gelijk aan wat online staat.")
            )
        if not (resultaat.gepubliceerd or resultaat.voorstel or resultaat.voorstel_ingetrokken):
            messages.info(self.request, _("Er was niets gewijzigd."))


class MijnAanbodBewerkenView(RedacteurVereist, _BewerkenBasis):
    """A redacteur edits their organisation's aanbod; critical fields become a proposal."""

    met_goedkeuring = True

    def scope(self):
        return Aanbod.objects.bewerkbaar_door(self.request.user)

    def terug_url(self):
        return reverse("beheer:mijn_aanbod")


class AanbodBewerkenView(CuratorVereist, _BewerkenBasis):
    """A curator edits aanbod of their zones directly: everything publishes at once."""

    met_goedkeuring = False

    def scope(self):
        return Aanbod.objects.beheerbaar_door(self.request.user)

    def terug_url(self):
        return reverse("beheer:historiek", args=[self.kwargs["slug"]])


class VoorstelIntrekkenView(RedacteurVereist, View):
    """POST: the organisation withdraws the open proposal of one of its aanbod."""

    def post(self, request, slug):
        aanbod = get_object_or_404(Aanbod.objects.bewerkbaar_door(request.user), slug=slug)
        voorstel = get_object_or_404(Voorstel, aanbod=aanbod, status=VoorstelStatus.OPEN)
        try:
            services.voorstel_intrekken(voorstel=voorstel, door=request.user)
        except ValidationError as fout:
            for tekst in _foutmeldingen(fout):
                messages.error(request, tekst)
        else:
            messages.success(request, _("Je voorstel is ingetrokken."))
        return redirect("beheer:mijn_aanbod")


class VoorstellenView(CuratorVereist, ListView):
    """Open proposals for aanbod in the curator's zones, oldest first (first in, first decided)."""

    template_name = "beheer/voorstellen/voorstellen.html"
    context_object_name = "voorstellen"
    paginate_by = 50
    page_kwarg = "pagina"

    def get_queryset(self):
        # Aanbod, organisation and submitter are on every row.
        return (
            Voorstel.objects.filter(
                status=VoorstelStatus.OPEN, aanbod__in=Aanbod.objects.beheerbaar_door(self.request.user)
            )
            .select_related("aanbod__organisatie", "ingediend_door")
            .order_by("ingediend_op", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for voorstel in context["voorstellen"]:
            voorstel.velden = [veldlabel(v) for v in voorstel.wijzigingen]
        return context


class VoorstelView(CuratorVereist, TemplateView):
    """One proposal: the field-by-field diff, and approve or reject (with a reason)."""

    template_name = "beheer/voorstellen/voorstel.html"

    def _voorstel(self):
        return get_object_or_404(
            Voorstel.objects.filter(aanbod__in=Aanbod.objects.beheerbaar_door(self.request.user)).select_related(
                "aanbod__organisatie", "ingediend_door", "beoordeeld_door"
            ),
            pk=self.kwargs["pk"],
        )

    def _context(self, voorstel, afwijzen_form=None, fouten=None):
        huidig = {v: services.huidige_waarde(voorstel.aanbod, v) for v in voorstel.wijzigingen}
        open_ = voorstel.status == VoorstelStatus.OPEN
        return {
            "voorstel": voorstel,
            "aanbod": voorstel.aanbod,
            "verschillen": verschillen(voorstel.wijzigingen, huidig if open_ else None),
            "verouderd": open_ and any(huidig[v] != w["oud"] for v, w in voorstel.wijzigingen.items()),
            "afwijzen_form": afwijzen_form or AfwijzenForm(),
            "fouten": fouten or [],
        }

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self._context(self._voorstel()))

    def post(self, request, *args, **kwargs):
        voorstel = self._voorstel()
        actie = request.POST.get("actie")
        if actie == "goedkeuren":
            try:
                services.voorstel_goedkeuren(voorstel=voorstel, door=request.user)
            except ValidationError as fout:
                return self.render_to_response(self._context(voorstel, fouten=_foutmeldingen(fout)), status=409)
            messages.success(request, _("Goedgekeurd: %(naam)s is bijgewerkt.") % {"naam": voorstel.aanbod.naam})
            return redirect("beheer:voorstellen")
        if actie == "afwijzen":
            form = AfwijzenForm(request.POST)
            if form.is_valid():
                try:
                    services.voorstel_afwijzen(voorstel=voorstel, door=request.user, reden=form.cleaned_data["reden"])
                except ValidationError as fout:
                    return self.render_to_response(
                        self._context(voorstel, form, fouten=_foutmeldingen(fout)), status=409
                    )
                messages.success(request, _("Afgewezen; de organisatie krijgt een e-mail met de reden."))
                return redirect("beheer:voorstellen")
            return self.render_to_response(self._context(voorstel, form), status=400)
        return self.render_to_response(self._context(voorstel, fouten=[_("Onbekende actie.")]), status=400)


class CuratorOfRedacteurVereist(LoginRequiredMixin):
    """Declared permission: curator (scope ``beheerbaar_door``) or redacteur (scope ``bewerkbaar_door``)."""

    toegang = "curator of redacteur"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.is_curator = is_curator(request.user)
        if not (self.is_curator or is_redacteur(request.user)):
            return geen_toegang(
                request, _("Dit deel is voor curatoren en voor wie het aanbod van een organisatie bijhoudt.")
            )
        return super().dispatch(request, *args, **kwargs)


# diff_against reads the many-to-many rows of both records (two queries per m2m field): keep the
# page to the most recent versions rather than paginating a long tail nobody reads.
HISTORIEK_AANTAL = 25


class HistoriekView(CuratorOfRedacteurVereist, TemplateView):
    """Who changed what and when; curators may put a version back."""

    template_name = "beheer/voorstellen/historiek.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        slug = self.kwargs["slug"]
        beheerbaar = Aanbod.objects.beheerbaar_door(user).filter(slug=slug)
        aanbod = beheerbaar.select_related("organisatie").first()
        if aanbod is None:
            aanbod = get_object_or_404(Aanbod.objects.bewerkbaar_door(user).select_related("organisatie"), slug=slug)
        # One record more than shown: the predecessor of the oldest shown one, to diff against.
        records = list(
            Aanbod.historiek.filter(id=aanbod.pk)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")[: HISTORIEK_AANTAL + 1]
        )
        rijen = []
        for i, record in enumerate(records[:HISTORIEK_AANTAL]):
            vorige = records[i + 1] if i + 1 < len(records) else None
            rijen.append(
                {"record": record, "verschillen": record_verschillen(record, vorige), "eerste": vorige is None}
            )
        return {
            **super().get_context_data(**kwargs),
            "aanbod": aanbod,
            "rijen": rijen,
            "meer": len(records) > HISTORIEK_AANTAL,
            "mag_terugzetten": self.is_curator and beheerbaar.exists(),
        }


class TerugzettenView(CuratorVereist, TemplateView):
    """GET: what putting a version back would change; POST: do it."""

    template_name = "beheer/voorstellen/terugzetten.html"

    def _gegevens(self):
        aanbod = get_object_or_404(
            Aanbod.objects.beheerbaar_door(self.request.user).select_related("organisatie"), slug=self.kwargs["slug"]
        )
        record = Aanbod.historiek.filter(id=aanbod.pk, history_id=self.kwargs["versie"]).first()
        if record is None:
            raise Http404
        return aanbod, record

    def _context(self, aanbod, record, fouten=None):
        doel = services.waarden_uit_record(record)
        wijzigingen = {
            v: {"oud": services.huidige_waarde(aanbod, v), "nieuw": w}
            for v, w in doel.items()
            if services.huidige_waarde(aanbod, v) != w
        }
        return {"aanbod": aanbod, "record": record, "verschillen": verschillen(wijzigingen), "fouten": fouten or []}

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self._context(*self._gegevens()))

    def post(self, request, *args, **kwargs):
        aanbod, record = self._gegevens()
        try:
            services.aanbod_terugzetten(aanbod=aanbod, record=record, door=request.user)
        except ValidationError as fout:
            return self.render_to_response(self._context(aanbod, record, _foutmeldingen(fout)), status=409)
        messages.success(request, _("%(naam)s is teruggezet naar de gekozen versie.") % {"naam": aanbod.naam})
        return redirect("beheer:historiek", aanbod.slug)
