"""HTML pages of referrals. Every queryset goes through ``Doorverwijzing.objects.zichtbaar_voor``.

Views are thin: parse a form, call a service from :mod:`doorverwijzing.services`, respond. Domain
errors become a message or an error next to the field, never a 500.
"""

import csv
import datetime as dt

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import EmptyResultSet, ValidationError
from django.core.paginator import Paginator
from django.db import connections, transaction
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView

from aanbod.models import Aanbod, Eerstelijnszone, Organisatie
from doorverwijzing.constants import ACTIE_DOOR, ACTIE_NAAR_STATUS, Actie, GebeurtenisSoort, Status
from doorverwijzing.export import export_pdf, volledige_export
from doorverwijzing.forms import (
    BerichtForm,
    OvergangForm,
    PersoonForm,
    TerugkoppelingForm,
    ToestemmingForm,
    VraagForm,
)
from doorverwijzing.models import Bericht, Doorverwijzing, Gebeurtenis, Terugkoppeling
from doorverwijzing.services import (
    AlGewijzigd,
    DoorverwijzingFout,
    GeenRecht,
    OngeldigeOvergang,
    Persoon,
    bericht_sturen,
    doorverwijzing_aanmaken,
    doorverwijzing_overgang,
    inzage_registreren,
    rollen,
    terugkoppeling_geven,
    terugkoppeling_vragen,
    toegestane_acties,
    toestemming_vastleggen,
)
from doorverwijzing.statistiek import statistiek

REACTIETERMIJN_WERKDAGEN = 5
WIZARD_SESSIE = "warme_doorverwijzing"


class DoorverwijzingDetailView(LoginRequiredMixin, DetailView):
    """One referral: the person, the question, the legal basis, history, messages and feedback.

    Anyone outside the two organisations gets a 404 ("forbidden" and "does not exist" look the same);
    every opening is logged.
    """

    template_name = "doorverwijzing/detail.html"
    context_object_name = "doorverwijzing"
    slug_field = slug_url_kwarg = "uuid"

    def get_queryset(self):
        return (
            Doorverwijzing.objects.zichtbaar_voor(self.request.user)
            .select_related("aanbod", "verwijzer", "verwijzer_organisatie", "ontvanger_organisatie", "persoon_gemeente")
            .prefetch_related(
                Prefetch("gebeurtenissen", queryset=Gebeurtenis.objects.select_related("actor")),
                Prefetch("berichten", queryset=Bericht.objects.select_related("auteur", "organisatie")),
                "terugkoppelingen",
            )
        )

    def get_object(self, queryset=None):
        doorverwijzing = super().get_object(queryset)
        inzage_registreren(doorverwijzing=doorverwijzing, door=self.request.user)
        return doorverwijzing

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rollen"] = rollen(self.request.user, self.object)
        context["acties"] = toegestane_acties(self.request.user, self.object)
        context["toestemming"] = getattr(self.object, "toestemming", None)
        for gebeurtenis in self.object.gebeurtenissen.all():  # prefetched: no extra query
            if gebeurtenis.naar_status in Status.values:
                gebeurtenis.naar_label = Status(gebeurtenis.naar_status).label
        context["actieknoppen"] = [(actie, Actie(actie).label) for actie in context["acties"]]
        context["bericht_form"] = BerichtForm()
        context["terugkoppeling_form"] = TerugkoppelingForm()
        return context


def _geen_toegang(request, tekst: str):
    return render(request, "doorverwijzing/geen_toegang.html", {"tekst": tekst}, status=403)


def werkdagen_terug(moment: dt.datetime, aantal: int) -> dt.datetime:
    """The moment ``aantal`` working days (Monday to Friday) before ``moment``; public holidays are not counted."""
    while aantal:
        moment -= dt.timedelta(days=1)
        if moment.weekday() < 5:
            aantal -= 1
    return moment


class DoorverwijzingMixin(LoginRequiredMixin):
    """Finds the referral of the URL among those the user may see; anything else is a 404."""

    def get_doorverwijzing(self) -> Doorverwijzing:
        if not hasattr(self, "_doorverwijzing"):
            self._doorverwijzing = get_object_or_404(
                Doorverwijzing.objects.zichtbaar_voor(self.request.user).select_related(
                    "aanbod", "verwijzer_organisatie", "ontvanger_organisatie"
                ),
                uuid=self.kwargs["uuid"],
            )
        return self._doorverwijzing

    def naar_detail(self, anker: str = ""):
        return redirect(reverse("doorverwijzing:detail", args=[self.get_doorverwijzing().uuid]) + anker)


class WarmDoorverwijzenView(LoginRequiredMixin, View):
    """Steps 1–4 of the wizard (``?stap=1..4``); step 5 is :class:`ControlerenView`.

    What steps 2–4 ask is kept in the session under one key; only when step 4 is valid are the draft
    and its legal basis created, together, so nothing half-written reaches the database.
    """

    SJABLONEN = {
        1: "doorverwijzing/nieuw_veiligheid.html",
        2: "doorverwijzing/nieuw_toestemming.html",
        3: "doorverwijzing/nieuw_persoon.html",
        4: "doorverwijzing/nieuw_vraag.html",
    }
    FORMULIEREN = {2: ("toestemming", ToestemmingForm), 3: ("persoon", PersoonForm), 4: ("vraag", VraagForm)}

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.aanbod = get_object_or_404(
            Aanbod.objects.zichtbaar().select_related("organisatie"), slug=kwargs["aanbod_slug"]
        )
        self.organisaties = Organisatie.objects.filter(medewerkers__user=request.user).order_by("naam")
        if not self.organisaties.exists():
            return _geen_toegang(
                request, _("Alleen medewerkers van een organisatie in de sociale kaart kunnen warm doorverwijzen.")
            )
        stap = request.GET.get("stap", "1")
        self.stap = int(stap) if stap in {"1", "2", "3", "4"} else 1
        return super().dispatch(request, *args, **kwargs)

    def _url(self, stap: int) -> str:
        return f"{reverse('doorverwijzing:nieuw', args=[self.aanbod.slug])}?stap={stap}"

    def _bewaard(self) -> dict:
        bewaard = self.request.session.get(WIZARD_SESSIE) or {}
        return bewaard.get("stappen", {}) if bewaard.get("aanbod") == self.aanbod.slug else {}

    def _formulier(self, stap: int, data=None):
        sleutel, klasse = self.FORMULIEREN[stap]
        kwargs = {"organisaties": self.organisaties} if stap == 2 else {}
        if data is None:
            # Going back shows what was entered before.
            data = self._bewaard().get(sleutel)
        return klasse(data, **kwargs)

    def _ontbrekende_stap(self) -> int | None:
        bewaard = self._bewaard()
        for stap in range(2, self.stap):
            if self.FORMULIEREN[stap][0] not in bewaard:
                return stap
        return None

    def _toon(self, form=None):
        context = {
            "aanbod": self.aanbod,
            "stap": self.stap,
            "form": form,
            "vorige": self._url(self.stap - 1) if self.stap > 1 else reverse("aanbod:aanbod", args=[self.aanbod.slug]),
        }
        return render(self.request, self.SJABLONEN[self.stap], context)

    def get(self, request, *args, **kwargs):
        if (ontbreekt := self._ontbrekende_stap()) is not None:
            return redirect(self._url(ontbreekt))
        if self.stap == 1:
            return self._toon()
        return self._toon(self._formulier(self.stap))

    def post(self, request, *args, **kwargs):
        if self.stap == 1:
            return redirect(self._url(2))
        if (ontbreekt := self._ontbrekende_stap()) is not None:
            return redirect(self._url(ontbreekt))
        form = self._formulier(self.stap, request.POST)
        if not form.is_valid():
            return self._toon(form)
        stappen = self._bewaard()
        stappen[self.FORMULIEREN[self.stap][0]] = {k: v for k, v in request.POST.items() if k in form.fields}
        request.session[WIZARD_SESSIE] = {"aanbod": self.aanbod.slug, "stappen": stappen}
        if self.stap < 4:
            return redirect(self._url(self.stap + 1))
        return self._aanmaken(form)

    def _aanmaken(self, vraag_form):
        toestemming_form, persoon_form = self._formulier(2), self._formulier(3)
        for stap, form in ((2, toestemming_form), (3, persoon_form)):
            if not form.is_valid():
                return redirect(self._url(stap))
        persoon, vraag = persoon_form.cleaned_data, vraag_form.cleaned_data
        try:
            with transaction.atomic():
                doorverwijzing = doorverwijzing_aanmaken(
                    door=self.request.user,
                    organisatie=toestemming_form.cleaned_data["organisatie"],
                    aanbod=self.aanbod,
                    persoon=Persoon(
                        naam=persoon["naam"],
                        contactwijze=persoon["contactwijze"],
                        geboortejaar=persoon["geboortejaar"],
                        gemeente_id=persoon["gemeente"].pk if persoon["gemeente"] else None,
                        contactgegevens=persoon["contactgegevens"],
                        contactmomenten=persoon["contactmomenten"],
                        tolk_nodig=persoon["tolk_nodig"],
                        tolk_taal=persoon["tolk_taal"] if persoon["tolk_nodig"] else "",
                    ),
                    vraag=vraag["vraag"],
                    urgentie=vraag["urgentie"],
                    reeds_geprobeerd=vraag["reeds_geprobeerd"],
                    voor_mantelzorger=vraag["voor_wie"] == VraagForm.VOOR_MANTELZORGER,
                    mandaat=vraag["mandaat"] if vraag["voor_wie"] == VraagForm.NAMENS_ZORGVRAGER else "",
                )
                toestemming_vastleggen(
                    doorverwijzing=doorverwijzing, door=self.request.user, **toestemming_form.toestemming_velden()
                )
        except DoorverwijzingFout as fout:
            vraag_form.add_error(None, fout.melding)
            return self._toon(vraag_form)
        except ValidationError as fout:
            vraag_form.add_error(None, fout.messages)
            return self._toon(vraag_form)
        self.request.session.pop(WIZARD_SESSIE, None)
        messages.success(self.request, _("Het concept is bewaard. Kijk het na en verstuur het."))
        return redirect("doorverwijzing:controleren", uuid=doorverwijzing.uuid)


class ControlerenView(DoorverwijzingMixin, View):
    """Step 5: the summary of a draft, with "Versturen" and "Bewaren als concept"."""

    template_name = "doorverwijzing/controleren.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if "verwijzer" not in rollen(request.user, self.get_doorverwijzing()):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def _toon(self, fout: str = ""):
        doorverwijzing = self.get_doorverwijzing()
        context = {
            "doorverwijzing": doorverwijzing,
            "toestemming": getattr(doorverwijzing, "toestemming", None),
            "fout": fout,
        }
        return render(self.request, self.template_name, context)

    def get(self, request, *args, **kwargs):
        if self.get_doorverwijzing().status != Status.DRAFT:
            return self.naar_detail()
        return self._toon()

    def post(self, request, *args, **kwargs):
        doorverwijzing = self.get_doorverwijzing()
        if "bewaren" in request.POST:
            messages.success(request, _("De doorverwijzing is bewaard als concept."))
            return redirect(f"{reverse('doorverwijzing:inbox')}?tab=verstuurd")
        try:
            doorverwijzing_overgang(
                doorverwijzing=doorverwijzing,
                actie=Actie.VERSTUREN,
                door=request.user,
                verwachte_status=request.POST.get("verwachte_status") or Status.DRAFT,
            )
        except (AlGewijzigd, OngeldigeOvergang) as fout:
            messages.error(request, fout.melding)
            return self.naar_detail()
        except DoorverwijzingFout as fout:
            return self._toon(fout.melding)
        messages.success(request, _("De doorverwijzing is verstuurd."))
        return self.naar_detail()


_STATUSLABELS = dict(Status.choices)
_GEBEURTENISLABELS = dict(GebeurtenisSoort.choices)


def tel_per_tab(basis: QuerySet, tabs: dict[str, Q], ids: QuerySet | None = None) -> tuple[dict[str, int], list]:
    """The number of referrals of ``basis`` in each tab, in one statement of independent counts; in
    that same statement the ids that ``ids`` (a sliced ``values_list("pk", flat=True)``) selects.

    Each count is its own scalar subquery, so each uses the index of its own condition (the open
    referrals of my organisations, my files, what we sent). One ``COUNT … FILTER`` per tab over the
    whole visible set read every referral the organisation ever sent or received: 35-50 ms for the
    busiest organisation at a million referrals. The page's ids ride along as ``ARRAY(…)``: one round
    trip less than asking for them after the counts.
    """
    kaal = basis.order_by().values("pk")  # cloned once, not three times per tab
    delen, params = [], []
    for q in tabs.values():
        try:
            sql, deel_params = kaal.filter(q).query.sql_with_params()
        except EmptyResultSet:  # e.g. ``__in=[]`` for someone without an organisation
            delen.append("0")
            continue
        delen.append(f"(SELECT count(*) FROM ({sql}) AS t)")
        params += deel_params
    try:
        sql, deel_params = ids.query.sql_with_params() if ids is not None else ("", ())
        delen.append(f"ARRAY({sql})" if sql else "NULL")
        params += deel_params
    except EmptyResultSet:
        delen.append("NULL")
    with connections[basis.db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(delen), params)
        *aantallen, gevonden = cursor.fetchone()
    return dict(zip(tabs, aantallen, strict=True)), list(gevonden or [])


# Beyond this the page number is not guessed before counting (an OFFSET must stay a bigint).
_HOOGSTE_PAGINA = 10**9


def paginanummer(waarde) -> int | None:
    """The page ``Paginator.get_page(waarde)`` gives when that page exists (1 for anything not a number);
    None when only the count can tell (below 1: the last page)."""
    try:
        nummer = int(waarde)
    except (TypeError, ValueError):
        return 1
    return nummer if 1 <= nummer <= _HOOGSTE_PAGINA else None


def tijdstip_teksten(moment: dt.datetime) -> tuple[str, str]:
    """``moment`` in local time as the filters ``date:'c'`` and ``date:"j F Y H:i"`` write it (ISO 8601,
    and e.g. "3 februari 2026 14:05"), at a tenth of their cost per call."""
    lokaal = timezone.localtime(moment)
    return lokaal.isoformat(), f"{lokaal.day} {MONTHS[lokaal.month]} {lokaal.year:04d} {lokaal:%H:%M}"


class _DetailUrl:
    """The detail URL of a referral by its uuid, with one ``reverse()`` per instance instead of one per row."""

    _VOORBEELD = "00000000-0000-0000-0000-000000000000"

    def __init__(self):
        self._sjabloon = reverse("doorverwijzing:detail", args=[self._VOORBEELD])

    def __call__(self, uuid) -> str:
        return self._sjabloon.replace(self._VOORBEELD, str(uuid))


# The columns templates/doorverwijzing/inbox.html shows of a referral and its handler (see InboxView).
INBOX_KOLOMMEN = (
    "uuid",
    "persoon_naam",
    "status",
    "behandelaar__username",
    "behandelaar__first_name",
    "behandelaar__last_name",
)


_LAATSTE = Gebeurtenis.objects.filter(doorverwijzing=OuterRef("pk")).order_by("-tijdstip", "-id")
# Last event and "feedback came back" as annotations, not a query per row. Built once: annotate()
# resolves a copy for each query, and building them took as long as the rest of the rows' queryset.
INBOX_ANNOTATIES = {
    "laatste_soort": Subquery(_LAATSTE.values("soort")[:1]),
    "laatste_op": Subquery(_LAATSTE.values("tijdstip")[:1]),
    "heeft_terugkoppeling": Exists(Terugkoppeling.objects.filter(doorverwijzing=OuterRef("pk"))),
}


class InboxView(LoginRequiredMixin, View):
    """The referrals of my organisations, in tabs (received: new, mine, waiting, overdue; sent)."""

    template_name = "doorverwijzing/inbox.html"
    per_pagina = 25
    GEFILTERD = "_gefilterd"  # the count of the tab with the status filter (not a tab of its own)

    def tabs(self, user) -> dict:
        organisaties = list(user.medewerkerschappen.values_list("organisatie_id", flat=True))
        ontvangen = Q(ontvanger_organisatie_id__in=organisaties)
        grens = werkdagen_terug(timezone.localtime(), REACTIETERMIJN_WERKDAGEN)
        return {
            "nieuw": (_("Nieuw"), ontvangen & Q(status=Status.REQUESTED)),
            "mijn": (_("Mijn dossiers"), Q(behandelaar=user)),
            "wacht": (
                _("Wacht op actie"),
                ontvangen & Q(status__in=[Status.REQUESTED, Status.ACCEPTED, Status.ON_HOLD]),
            ),
            "te_laat": (
                _("Te laat"),
                ontvangen & Q(status=Status.REQUESTED, eerste_reactie_op__isnull=True, verstuurd_op__lt=grens),
            ),
            "verstuurd": (_("Verstuurd"), Q(verwijzer_organisatie_id__in=organisaties)),
        }

    def get(self, request, *args, **kwargs):
        tabs = self.tabs(request.user)
        tab = request.GET.get("tab") if request.GET.get("tab") in tabs else "nieuw"
        status = request.GET.get("status") if request.GET.get("status") in Status.values else ""
        basis = Doorverwijzing.objects.zichtbaar_voor(request.user)
        tellingen = {sleutel: q for sleutel, (_label, q) in tabs.items()}
        in_tab = tabs[tab][1]
        if status:
            in_tab &= Q(status=status)
            tellingen[self.GEFILTERD] = in_tab
        # First the ids of one page, from the tab's index alone; then the rows to show. In one query,
        # PostgreSQL joined the organisations, aanbod and handler of every referral in the tab before
        # keeping 25 (8 ms for a busy organisation at a million referrals); with the page's ids as a
        # subquery the plan took longer to make than both queries together. The ids of the page asked
        # for come with the counts; only a page beyond the last needs its own query, after counting.
        volgorde = basis.filter(in_tab).order_by("-aangemaakt_op", "-id").values_list("pk", flat=True)
        nummer, per = request.GET.get("pagina"), self.per_pagina
        gevraagd = paginanummer(nummer)
        aantallen, ids = tel_per_tab(
            basis, tellingen, volgorde[(gevraagd - 1) * per : gevraagd * per] if gevraagd else None
        )
        paginator = Paginator(volgorde, per)
        paginator.count = aantallen[self.GEFILTERD if status else tab]  # cached_property: no COUNT query
        pagina = paginator.get_page(nummer)
        if pagina.number != gevraagd:
            ids = list(pagina.object_list)
        rijen = (
            basis.filter(pk__in=ids)
            # The table shows the handler of every row, and the names of the aanbod and both
            # organisations: joined in this query, not an N+1 (three or four queries per referral).
            # The names as annotations: a model instance per related row cost more than the join.
            .select_related("behandelaar")
            # Only the columns the table shows: the question and the other free texts made up most of
            # the bytes sent and parsed (a third of the view's time).
            .only(*INBOX_KOLOMMEN)
            .annotate(
                aanbod_naam=F("aanbod__naam"),
                verwijzer_naam=F("verwijzer_organisatie__naam"),
                ontvanger_naam=F("ontvanger_organisatie__naam"),
                **INBOX_ANNOTATIES,
            )
            .order_by()  # the page's order is that of ``ids``
        )
        per_id = {rij.pk: rij for rij in rijen}
        pagina.object_list = [per_id[pk] for pk in ids if pk in per_id]
        # What the rows show, prepared here: per row, {% url %} and two |date filters took half the render.
        detail_url = _DetailUrl()
        for rij in pagina:
            # Labels from a dict: get_FOO_display() rebuilds the choices per call (a fifth of the render).
            rij.status_label = _STATUSLABELS.get(rij.status, rij.status)
            rij.laatste_label = _GEBEURTENISLABELS.get(rij.laatste_soort, "") if rij.laatste_soort else ""
            rij.url = detail_url(rij.uuid)
            if rij.laatste_op:
                rij.laatste_iso, rij.laatste_tekst = tijdstip_teksten(rij.laatste_op)
            if rij.behandelaar:
                rij.behandelaar_naam = rij.behandelaar.get_full_name() or rij.behandelaar.get_username()
        context = {
            "tabs": [(sleutel, label, aantallen[sleutel]) for sleutel, (label, _q) in tabs.items()],
            "tab": tab,
            "tab_label": tabs[tab][0],
            "status": status,
            "statussen": Status.choices,
            "pagina": pagina,
        }
        return render(request, self.template_name, context)


class OvergangView(DoorverwijzingMixin, View):
    """One transition: GET shows the confirmation with the fields it needs, POST takes it.

    POST reads the referral once: locked, through the visibility rule, in the transaction that changes
    it; the service then works on that row instead of locking and reading it a second time.
    """

    template_name = "doorverwijzing/overgang.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.actie = kwargs["actie"]
        if self.actie not in ACTIE_NAAR_STATUS:
            raise Http404
        if request.method != "POST":  # POST checks the side on the locked row (post below)
            self._eigen_kant(self.get_doorverwijzing())
        return super().dispatch(request, *args, **kwargs)

    def _eigen_kant(self, doorverwijzing: Doorverwijzing) -> None:
        # Not your side of the referral: as if the page did not exist.
        if not ACTIE_DOOR[self.actie] & rollen(self.request.user, doorverwijzing):
            raise Http404

    def _vergrendeld(self) -> Doorverwijzing:
        """The referral of the URL, locked until the end of the transaction; else a 404."""
        self._doorverwijzing = get_object_or_404(
            Doorverwijzing.objects.zichtbaar_voor(self.request.user).select_for_update(), uuid=self.kwargs["uuid"]
        )
        return self._doorverwijzing

    def _toon(self, form):
        context = {
            "doorverwijzing": self.get_doorverwijzing(),
            "actie": self.actie,
            "actie_label": Actie(self.actie).label,
            "naar": Status(ACTIE_NAAR_STATUS[self.actie]),
            "form": form,
        }
        return render(self.request, self.template_name, context)

    def get(self, request, *args, **kwargs):
        doorverwijzing = self.get_doorverwijzing()
        if self.actie not in toegestane_acties(request.user, doorverwijzing):
            raise Http404
        return self._toon(OvergangForm(actie=self.actie, initial={"verwachte_status": doorverwijzing.status}))

    def post(self, request, *args, **kwargs):
        form = OvergangForm(request.POST, actie=self.actie)
        nieuw = None
        try:
            # All or nothing; the responses below are made after the transaction ended.
            with transaction.atomic():
                doorverwijzing = self._vergrendeld()
                self._eigen_kant(doorverwijzing)
                if form.is_valid():
                    nieuw = doorverwijzing_overgang(
                        doorverwijzing=doorverwijzing,
                        actie=self.actie,
                        door=request.user,
                        vergrendeld=True,
                        **form.cleaned_data,
                    )
        except GeenRecht as fout:
            raise Http404 from fout
        except (AlGewijzigd, OngeldigeOvergang) as fout:
            messages.error(request, fout.melding)
            return self.naar_detail()
        except DoorverwijzingFout as fout:
            form.add_error(fout.veld if fout.veld in form.fields else None, fout.melding)
            return self._toon(form)
        if nieuw is None:
            return self._toon(form)
        messages.success(request, _("De status is nu '%(status)s'.") % {"status": nieuw.get_status_display()})
        return self.naar_detail()


class BerichtView(DoorverwijzingMixin, View):
    """A message to the other side of the referral."""

    template_name = "doorverwijzing/bericht.html"

    def _toon(self, form):
        return render(self.request, self.template_name, {"doorverwijzing": self.get_doorverwijzing(), "form": form})

    def get(self, request, *args, **kwargs):
        return self._toon(BerichtForm())

    def post(self, request, *args, **kwargs):
        form = BerichtForm(request.POST)
        if not form.is_valid():
            return self._toon(form)
        try:
            bericht_sturen(
                doorverwijzing=self.get_doorverwijzing(), door=request.user, tekst=form.cleaned_data["tekst"]
            )
        except GeenRecht as fout:
            raise Http404 from fout
        except DoorverwijzingFout as fout:
            form.add_error(fout.veld if fout.veld in form.fields else None, fout.melding)
            return self._toon(form)
        messages.success(request, _("Je bericht is verstuurd."))
        return self.naar_detail("#berichten")


class TerugkoppelingView(DoorverwijzingMixin, View):
    """Feedback from the receiving organisation to the referrer."""

    template_name = "doorverwijzing/terugkoppeling.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if "ontvanger" not in rollen(request.user, self.get_doorverwijzing()):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def _toon(self, form):
        return render(self.request, self.template_name, {"doorverwijzing": self.get_doorverwijzing(), "form": form})

    def get(self, request, *args, **kwargs):
        return self._toon(TerugkoppelingForm())

    def post(self, request, *args, **kwargs):
        form = TerugkoppelingForm(request.POST)
        if not form.is_valid():
            return self._toon(form)
        try:
            terugkoppeling_geven(doorverwijzing=self.get_doorverwijzing(), door=request.user, **form.cleaned_data)
        except GeenRecht as fout:
            raise Http404 from fout
        except DoorverwijzingFout as fout:
            form.add_error(fout.veld if fout.veld in form.fields else None, fout.melding)
            return self._toon(form)
        messages.success(request, _("Je terugkoppeling is verstuurd."))
        return self.naar_detail("#terugkoppeling")


class TerugkoppelingVragenView(DoorverwijzingMixin, View):
    """The referrer's explicit request to hear back (POST only)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            terugkoppeling_vragen(doorverwijzing=self.get_doorverwijzing(), door=request.user)
        except GeenRecht as fout:
            raise Http404 from fout
        messages.success(request, _("De ontvangende organisatie is gevraagd om terugkoppeling te geven."))
        return self.naar_detail("#terugkoppeling")


class DoorverwijzingExportView(LoginRequiredMixin, View):
    """GDPR access request: everything held about the person of one referral, as JSON.

    Only the referring organisation (which holds the relation with the person) may export; the export
    itself is logged like any opening.
    """

    via = "export"

    def get(self, request, uuid):
        doorverwijzing = get_object_or_404(Doorverwijzing.objects.zichtbaar_voor(request.user), uuid=uuid)
        if "verwijzer" not in rollen(request.user, doorverwijzing):
            raise Http404
        inzage_registreren(doorverwijzing=doorverwijzing, door=request.user, via=self.via)
        return self.antwoord(doorverwijzing)

    def antwoord(self, doorverwijzing):
        antwoord = JsonResponse(
            volledige_export(doorverwijzing), json_dumps_params={"ensure_ascii": False, "indent": 2}
        )
        antwoord["Content-Disposition"] = f'attachment; filename="doorverwijzing-{doorverwijzing.uuid}.json"'
        return antwoord


class DoorverwijzingExportPdfView(DoorverwijzingExportView):
    """The same GDPR export as a readable PDF in Dutch, to hand to the person; same checks, same logging."""

    via = "export-pdf"

    def antwoord(self, doorverwijzing):
        antwoord = HttpResponse(export_pdf(doorverwijzing), content_type="application/pdf")
        antwoord["Content-Disposition"] = f'attachment; filename="doorverwijzing-{doorverwijzing.uuid}.pdf"'
        return antwoord


class StatistiekView(LoginRequiredMixin, View):
    """Aggregates for the curators of a zone (and the zorgraad): no persons, only numbers; CSV on request."""

    def get(self, request):
        zone_ids = list(request.user.curatorschappen.values_list("zone_id", flat=True))
        if not zone_ids and not request.user.is_superuser:
            return render(request, "doorverwijzing/geen_toegang.html", status=403)
        if request.user.is_superuser and not zone_ids:
            zone_ids = list(Eerstelijnszone.objects.values_list("id", flat=True))
        gegevens = statistiek(zone_ids)
        if request.GET.get("formaat") == "csv":
            antwoord = HttpResponse(content_type="text/csv; charset=utf-8")
            antwoord["Content-Disposition"] = 'attachment; filename="doorverwijzingen-statistiek.csv"'
            schrijver = csv.writer(antwoord)
            schrijver.writerow(["ondersteuningsvorm", "zone", "maand", "status", "aantal"])
            for rij in gegevens.per_maand:
                schrijver.writerow([rij["vorm"], rij["zone"], rij["maand"], rij["status"], rij["aantal"]])
            return antwoord
        context = {
            "statistiek": gegevens,
            "zones": Eerstelijnszone.objects.filter(id__in=zone_ids).order_by("naam"),
            "statussen": _STATUSLABELS,
        }
        return render(request, "doorverwijzing/statistiek.html", context)


class OverdrachtView(LoginRequiredMixin, DetailView):
    """A handover note for Alivia (the Flemish shared care plan): a printable summary to paste or attach
    there when the referral leads to ongoing multidisciplinary care. No second care plan is kept here."""

    template_name = "doorverwijzing/overdracht.html"
    context_object_name = "doorverwijzing"
    slug_field = slug_url_kwarg = "uuid"

    def get_queryset(self):
        return Doorverwijzing.objects.zichtbaar_voor(self.request.user).select_related(
            "aanbod", "verwijzer_organisatie", "ontvanger_organisatie", "persoon_gemeente"
        )

    def get_object(self, queryset=None):
        doorverwijzing = super().get_object(queryset)
        inzage_registreren(doorverwijzing=doorverwijzing, door=self.request.user, via="overdracht")
        return doorverwijzing

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tekst"] = overdrachtstekst(self.object)
        return context


def overdrachtstekst(doorverwijzing: Doorverwijzing) -> str:
    """Plain text for the Alivia care plan: who, what was asked, what was agreed, who follows up."""
    laatste = doorverwijzing.terugkoppelingen.order_by("-aangemaakt_op").first()
    verstuurd = timezone.localtime(doorverwijzing.verstuurd_op) if doorverwijzing.verstuurd_op else None
    regels = [
        f"Doorverwijzing {doorverwijzing.verwijzer_organisatie.naam} → {doorverwijzing.aanbod.naam} "
        f"({doorverwijzing.ontvanger_organisatie.naam})",
        f"Status: {doorverwijzing.get_status_display()}"
        + (f" — {doorverwijzing.get_uitkomst_display()}" if doorverwijzing.uitkomst else ""),
        f"Verstuurd op: {verstuurd:%d-%m-%Y}" if verstuurd else "",
        f"Hulpvraag: {doorverwijzing.vraag}",
        f"Al geprobeerd: {doorverwijzing.reeds_geprobeerd}" if doorverwijzing.reeds_geprobeerd else "",
        f"Overbrugging: {doorverwijzing.overbruggingsplan}" if doorverwijzing.overbruggingsplan else "",
        f"Contactpersoon ontvanger: {doorverwijzing.contactpersoon}" if doorverwijzing.contactpersoon else "",
        f"Laatste terugkoppeling: {laatste.tekst}" if laatste else "",
        f"Volgende stap: {laatste.volgende_stap}" if laatste and laatste.volgende_stap else "",
    ]
    return "\n".join(r for r in regels if r)
