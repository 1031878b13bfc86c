"""Pages of the freshness round: the zone dashboard, the work list, one check, the reports inbox, and
the confirmation link for organisations (no login)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from aanbod.beheer.actualiteit import selectie
from aanbod.beheer.actualiteit.forms import AanpassenForm, ControleForm, SuggestieBehandelenForm, WerklijstActieForm
from aanbod.beheer.actualiteit.services import (
    LinkOngeldig,
    aanbod_controleren,
    aanbod_toewijzen,
    bevestiging_aanpassen,
    bevestiging_klopt,
    curatoren_voor_suggestie,
    suggestie_behandelen,
    verzoek_voor_token,
)
from aanbod.beheer.rechten import CuratorVereist, is_curator, is_redacteur
from aanbod.models import Aanbod, Suggestie, SuggestieSoort, SuggestieStatus

PER_PAGINA = 50


def _fouten(fout: ValidationError) -> list[str]:
    return [str(m) for m in fout.messages]


class ZoneKeuze(CuratorVereist):
    """The zone a page is about: ``?zone=<code>`` among the curator's zones (else 404), default the first."""

    def kies_zone(self, code: str | None = None):
        code = code if code is not None else self.request.GET.get("zone", "")
        if code:
            zone = self.zones.filter(code=code).first()
            if zone is None:
                raise Http404(_("Deze zone bestaat niet of je bent er geen curator van."))
            return zone
        zone = self.zones.first()
        if zone is None:
            raise Http404(_("Je bent nog aan geen zone gekoppeld."))
        return zone


class StartView(ZoneKeuze, TemplateView):
    """/beheer/: the freshness dashboard of one zone, each count a link to the filtered work list."""

    template_name = "beheer/actualiteit/start.html"

    def dispatch(self, request, *args, **kwargs):
        # "Beheer" in the menu leads a redacteur (who is no curator) to their own organisation's aanbod.
        if request.user.is_authenticated and not is_curator(request.user) and is_redacteur(request.user):
            return redirect("beheer:mijn_aanbod")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        zone = self.kies_zone()
        tellingen = selectie.tellingen(self.request.user, zone)
        werklijst = reverse("beheer:werklijst")
        kaart = {
            p.sleutel: {
                "sleutel": p.sleutel,
                "label": p.label,
                "aantal": tellingen[p.sleutel],
                "url": f"{werklijst}?zone={zone.code}&probleem={p.sleutel}",
            }
            for p in selectie.problemen()
        }
        hoofdkaarten = [kaart[s] for s in ("niet_gecontroleerd", "ontbrekend", "capaciteit_oud", "voorstel_open")]
        details = [kaart[s] for s in kaart if s.startswith("geen_")]
        return super().get_context_data(
            zone=zone,
            zones=list(self.zones),
            tellingen=tellingen,
            hoofdkaarten=hoofdkaarten,
            details=details,
            inactief=kaart["organisatie_inactief"],
            werklijst_url=f"{werklijst}?zone={zone.code}",
            meldingen_url=f"{reverse('beheer:meldingen')}?zone={zone.code}",
            controletermijn=settings.CONTROLE_TERMIJN_MAANDEN,
            **kwargs,
        )


def _collegas(user, zone):
    return (
        get_user_model()
        .objects.filter(curatorschappen__zone=zone, is_active=True)
        .exclude(pk=user.pk)
        .distinct()
        .order_by("first_name", "username")
    )


class WerklijstView(ZoneKeuze, TemplateView):
    """/beheer/werklijst/: the zone's aanbod that needs attention, with bulk assignment and checks."""

    template_name = "beheer/actualiteit/werklijst.html"
    FILTERS = ("zone", "probleem", "toegewezen")

    def filters(self, bron: QueryDict) -> dict[str, str]:
        return {k: bron.get(k, "")[:40] for k in self.FILTERS}

    def queryset(self, zone, filters):
        qs = selectie.aanbod_in_scope(self.request.user, zone)
        gekozen = selectie.probleem(filters["probleem"])
        if gekozen:
            qs = qs.filter(gekozen.voorwaarde)
        toegewezen = filters["toegewezen"]
        if toegewezen == "mij":
            qs = qs.filter(toegewezen_aan=self.request.user)
        elif toegewezen == "niemand":
            qs = qs.filter(toegewezen_aan__isnull=True)
        elif toegewezen.isdigit():
            qs = qs.filter(toegewezen_aan_id=int(toegewezen))
        # The organisation, assignee and checker are shown on every row (one join instead of N queries).
        return (
            selectie.met_problemen(qs)
            .select_related("organisatie", "toegewezen_aan", "laatst_gecontroleerd_door")
            # Never checked first, then the longest unchecked.
            .order_by(F("laatst_gecontroleerd_op").asc(nulls_first=True), "naam", "pk")
        )

    def get(self, request, *args, **kwargs):
        return self.toon(self.filters(request.GET))

    def toon(self, filters, form=None, status=200):
        zone = self.kies_zone(filters["zone"])
        filters["zone"] = zone.code
        pagina = Paginator(self.queryset(zone, filters), PER_PAGINA).get_page(self.request.GET.get("pagina"))
        labels = {p.sleutel: p.label for p in selectie.problemen()}
        for aanbod in pagina:
            aanbod.probleemlabels = [labels[k] for k in selectie.RIJPROBLEMEN if getattr(aanbod, f"p_{k}")]
        collegas = _collegas(self.request.user, zone)
        form = form or WerklijstActieForm(collegas=collegas)
        querystring = QueryDict(mutable=True)
        querystring.update({k: v for k, v in filters.items() if v})
        context = self.get_context_data(
            zone=zone,
            zones=list(self.zones),
            filters=filters,
            pagina=pagina,
            form=form,
            collegas=collegas,
            problemen=selectie.problemen(),
            querystring=querystring.urlencode(),
            gekozen_ids={int(i) for i in self.request.POST.getlist("aanbod") if i.isdigit()},
        )
        return self.render_to_response(context, status=status)

    def post(self, request, *args, **kwargs):
        filters = self.filters(request.POST)
        zone = self.kies_zone(filters["zone"])
        form = WerklijstActieForm(request.POST, collegas=_collegas(request.user, zone))
        if not form.is_valid():
            return self.toon(filters, form, status=400)
        data = form.cleaned_data
        try:
            if data["actie"] == form.GECONTROLEERD:
                aantal = len(
                    aanbod_controleren(
                        aanbod_ids=data["aanbod"], door=request.user, methode=data["methode"], notitie=data["notitie"]
                    )
                )
                bericht = _("%(aantal)s aanbod gemarkeerd als gecontroleerd.") % {"aantal": aantal}
            else:
                aan = {form.MIJ: request.user, form.COLLEGA: data["collega"], form.NIEMAND: None}[data["actie"]]
                aantal = aanbod_toewijzen(aanbod_ids=data["aanbod"], aan=aan, door=request.user)
                bericht = _("%(aantal)s aanbod toegewezen.") % {"aantal": aantal}
        except ValidationError as fout:
            for tekst in _fouten(fout):
                form.add_error(None, tekst)
            return self.toon(filters, form, status=400)
        messages.success(request, bericht)
        querystring = QueryDict(mutable=True)
        querystring.update({k: v for k, v in filters.items() if v})
        return redirect(f"{reverse('beheer:werklijst')}?{querystring.urlencode()}")


class ControlerenView(CuratorVereist, View):
    """/beheer/aanbod/<slug>/controleren/: 'gecontroleerd' for one record, with its earlier checks."""

    template_name = "beheer/actualiteit/controleren.html"

    def aanbod(self):
        return get_object_or_404(
            Aanbod.objects.beheerbaar_door(self.request.user).select_related("organisatie"), slug=self.kwargs["slug"]
        )

    def toon(self, aanbod, form, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "aanbod": aanbod,
                "form": form,
                "controles": aanbod.controles.select_related("door")[:10],
            },
            status=status,
        )

    def get(self, request, *args, **kwargs):
        return self.toon(self.aanbod(), ControleForm())

    def post(self, request, *args, **kwargs):
        aanbod = self.aanbod()
        form = ControleForm(request.POST)
        if form.is_valid():
            try:
                aanbod_controleren(
                    aanbod_ids=[aanbod.pk],
                    door=request.user,
                    methode=form.cleaned_data["methode"],
                    notitie=form.cleaned_data["notitie"],
                )
            except ValidationError as fout:
                for tekst in _fouten(fout):
                    form.add_error(None, tekst)
            else:
                messages.success(request, _("'%(naam)s' is gemarkeerd als gecontroleerd.") % {"naam": aanbod.naam})
                return redirect("beheer:controleren", slug=aanbod.slug)
        return self.toon(aanbod, form, status=400)


class MeldingenView(ZoneKeuze, TemplateView):
    """/beheer/meldingen/: reports from the field for the curator's zones, with their deadlines."""

    template_name = "beheer/actualiteit/meldingen.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        zone = self.kies_zone()
        status = self.request.GET.get("status", "open")
        soort = self.request.GET.get("soort", "")
        toegewezen = self.request.GET.get("toegewezen", "")
        qs = Suggestie.objects.zichtbaar_voor(user).filter(
            Q(zone=zone) | Q(aanbod__in=selectie.aanbod_in_scope(user, zone))
        )
        if status == "open":
            qs = qs.filter(status__in=selectie.OPEN_SUGGESTIES)
        elif status in SuggestieStatus.values:
            qs = qs.filter(status=status)
        if soort in SuggestieSoort.values:
            qs = qs.filter(soort=soort)
        if toegewezen == "mij":
            qs = qs.filter(toegewezen_aan=user)
        elif toegewezen == "niemand":
            qs = qs.filter(toegewezen_aan__isnull=True)
        # Aanbod, zone and assignee are shown on every row.
        qs = qs.select_related("aanbod", "zone", "toegewezen_aan").order_by("antwoord_uiterlijk", "aangemaakt_op")
        pagina = Paginator(qs, PER_PAGINA).get_page(self.request.GET.get("pagina"))
        vandaag = timezone.localdate()
        for suggestie in pagina:
            suggestie.te_laat = (
                suggestie.status in selectie.OPEN_SUGGESTIES
                and suggestie.antwoord_uiterlijk is not None
                and suggestie.antwoord_uiterlijk < vandaag
            )
        querystring = QueryDict(mutable=True)
        querystring.update({"zone": zone.code, "status": status, "soort": soort, "toegewezen": toegewezen})
        return super().get_context_data(
            zone=zone,
            zones=list(self.zones),
            pagina=pagina,
            status=status,
            soort=soort,
            toegewezen=toegewezen,
            statussen=SuggestieStatus.choices,
            soorten=SuggestieSoort.choices,
            querystring=querystring.urlencode(),
            **kwargs,
        )


class MeldingView(CuratorVereist, View):
    """/beheer/meldingen/<id>/: one report: status, assignee and the answer to the reporter."""

    template_name = "beheer/actualiteit/melding.html"

    def suggestie(self):
        return get_object_or_404(
            Suggestie.objects.zichtbaar_voor(self.request.user).select_related(
                "aanbod", "aanbod__organisatie", "zone", "toegewezen_aan"
            ),
            pk=self.kwargs["pk"],
        )

    def toon(self, suggestie, form, status=200):
        vandaag = timezone.localdate()
        te_laat = (
            suggestie.status in selectie.OPEN_SUGGESTIES
            and suggestie.antwoord_uiterlijk is not None
            and suggestie.antwoord_uiterlijk < vandaag
        )
        return render(
            self.request,
            self.template_name,
            {"suggestie": suggestie, "form": form, "te_laat": te_laat},
            status=status,
        )

    def get(self, request, *args, **kwargs):
        suggestie = self.suggestie()
        form = SuggestieBehandelenForm(
            initial={
                "status": suggestie.status,
                "toegewezen_aan": suggestie.toegewezen_aan,
                "antwoord": suggestie.antwoord,
            },
            curatoren=curatoren_voor_suggestie(suggestie),
        )
        return self.toon(suggestie, form)

    def post(self, request, *args, **kwargs):
        suggestie = self.suggestie()
        form = SuggestieBehandelenForm(request.POST, curatoren=curatoren_voor_suggestie(suggestie))
        if form.is_valid():
            try:
                suggestie_behandelen(suggestie=suggestie, door=request.user, **form.cleaned_data)
            except ValidationError as fout:
                for tekst in _fouten(fout):
                    form.add_error(None, tekst)
            else:
                messages.success(request, _("De melding is bijgewerkt."))
                return redirect("beheer:melding", pk=suggestie.pk)
        return self.toon(suggestie, form, status=400)


# --- Confirmation link (no login: the token is the credential) -------------------------------------


def _ongeldig(request, fout: LinkOngeldig):
    return render(request, "beheer/actualiteit/bevestigen_ongeldig.html", {"tekst": fout.tekst}, status=fout.status)


class BevestigenView(View):
    """'Alles klopt nog': GET only shows a button (mail scanners follow links); the POST confirms."""

    template_name = "beheer/actualiteit/bevestigen.html"

    def get(self, request, token):
        try:
            verzoek = verzoek_voor_token(token)
        except LinkOngeldig as fout:
            return _ongeldig(request, fout)
        return render(
            request,
            self.template_name,
            {"verzoek": verzoek, "token": token, "aanbod": verzoek.organisatie.aanbod.zichtbaar().order_by("naam")},
        )

    def post(self, request, token):
        try:
            verzoek = bevestiging_klopt(token=token)
        except LinkOngeldig as fout:
            return _ongeldig(request, fout)
        return render(request, "beheer/actualiteit/bevestigd.html", {"verzoek": verzoek})


class BevestigenAanpassenView(View):
    """'Aanpassen': how to change the data yourself, or a short message for the zone's curators."""

    template_name = "beheer/actualiteit/bevestigen_aanpassen.html"

    def toon(self, verzoek, token, form, status=200):
        return render(
            request=self.request,
            template_name=self.template_name,
            status=status,
            context={
                "verzoek": verzoek,
                "token": token,
                "form": form,
                "mijn_aanbod": f"{reverse('login')}?next={reverse('beheer:mijn_aanbod')}",
            },
        )

    def get(self, request, token):
        try:
            verzoek = verzoek_voor_token(token)
        except LinkOngeldig as fout:
            return _ongeldig(request, fout)
        return self.toon(verzoek, token, AanpassenForm(aanbod=verzoek.organisatie.aanbod.zichtbaar().order_by("naam")))

    def post(self, request, token):
        try:
            verzoek = verzoek_voor_token(token)
        except LinkOngeldig as fout:
            return _ongeldig(request, fout)
        form = AanpassenForm(request.POST, aanbod=verzoek.organisatie.aanbod.zichtbaar().order_by("naam"))
        if form.is_valid():
            try:
                bevestiging_aanpassen(token=token, **form.cleaned_data)
            except LinkOngeldig as fout:
                return _ongeldig(request, fout)
            except ValidationError as fout:
                for tekst in _fouten(fout):
                    form.add_error(None, tekst)
            else:
                return render(request, "beheer/actualiteit/bevestigd.html", {"verzoek": verzoek, "aanpassen": True})
        return self.toon(verzoek, token, form, status=400)
