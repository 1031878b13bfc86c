"""The HSDS 3.0 API at /api/hsds/: public, read-only, lists in the HSDS ``Page`` envelope.

Errors are JSON in the format of the native API, in Dutch: ``{"detail": …, "code": …, "fields": {…}}``;
an unknown id is a 404, a malformed id, page or date a 400.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404, HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views import View
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler

from aanbod.filters import controleer_tijdstip
from aanbod.hsds import mapping as m
from aanbod.models import Aanbod, Organisatie
from aanbod.zoeken.dienst import pas_tekst_toe
from aanbod.zoeken.plaats import Plaats, zoek_plaats
from aanbod.zoeken.tekst import maak_zoekvraag
from aanbod.zoeken.woorden import synoniemen

PER_PAGINA = 50
MAX_PER_PAGINA = 100
MAX_ZOEKTEKST = 200
PROFIEL = Path(settings.BASE_DIR) / "docs" / "hsds-profile.md"
OPENAPI_URL = "/api/v1/schema/"


# --- errors --------------------------------------------------------------------------------------


class HsdsFout(APIException):
    """An error with a Dutch message, a code and (for a 400) the offending query parameters."""

    def __init__(self, detail: str, code: str, velden: dict[str, list[str]] | None = None):
        super().__init__(detail, code)
        self.velden = velden or {}


class OngeldigVerzoek(HsdsFout):
    status_code = status.HTTP_400_BAD_REQUEST


class NietGevonden(HsdsFout):
    status_code = status.HTTP_404_NOT_FOUND


def hsds_foutafhandeling(exc, context):
    """Every error of this API as ``{"detail", "code", "fields"}``, independent of the native API's handler."""
    if isinstance(exc, Http404):
        exc = NietGevonden("Niet gevonden.", "niet_gevonden")
    antwoord = exception_handler(exc, context)
    if antwoord is None:
        return None
    code = exc.get_codes() if isinstance(exc.get_codes(), str) else "fout"
    antwoord.data = {"detail": str(exc.detail), "code": code, "fields": getattr(exc, "velden", {})}
    return antwoord


def _ongeldig(veld: str, melding: str, code: str = "ongeldige_parameter") -> OngeldigVerzoek:
    return OngeldigVerzoek(f"Ongeldige parameter '{veld}': {melding}", code, {veld: [melding]})


# --- reading query parameters --------------------------------------------------------------------


def lees_uuid(waarde: str, veld: str = "id") -> uuid.UUID:
    try:
        return uuid.UUID(waarde)
    except (ValueError, TypeError):
        raise _ongeldig(
            veld,
            f"'{waarde}' is geen geldige id; verwacht een UUID zoals 3f7b145d-84af-42d7-8fae-eaca714b02b2.",
            "ongeldige_id",
        ) from None


def _lees_geheel_getal(params, veld: str, standaard: int) -> int:
    tekst = params.get(veld)
    if tekst in (None, ""):
        return standaard
    try:
        getal = int(tekst)
    except ValueError:
        raise _ongeldig(veld, f"'{tekst}' is geen geheel getal.") from None
    if getal < 1:
        raise _ongeldig(veld, "moet 1 of meer zijn.")
    return getal


def lees_datumtijd(tekst: str, veld: str = "modified_after") -> dt.datetime:
    """An ISO 8601 date or date-time; without an offset it is Belgian local time."""
    # An unencoded '+' of an offset arrives as a space ("2026-01-01T10:00:00 01:00").
    tekst = re.sub(r"(T[\d:.]+) (\d{2}:?\d{2})$", r"\1+\2", tekst.strip())
    try:
        waarde = parse_datetime(tekst)
        if waarde is None and (datum := parse_date(tekst)) is not None:
            waarde = dt.datetime.combine(datum, dt.time.min)
    except ValueError:
        waarde = None
    if waarde is None:
        raise _ongeldig(veld, f"'{tekst}' is geen geldige datum of tijd; verwacht bv. 2026-01-31T09:00:00Z.")
    waarde = waarde if timezone.is_aware(waarde) else timezone.make_aware(waarde)
    try:
        return controleer_tijdstip(waarde)
    except ValidationError as fout:
        raise _ongeldig(veld, " ".join(fout.messages)) from None


_WAAR, _ONWAAR = {"1", "true", "ja"}, {"", "0", "false", "nee"}


def _lees_waar(params, veld: str) -> bool:
    waarde = (params.get(veld) or "").strip().lower()
    if waarde not in _WAAR | _ONWAAR:
        raise _ongeldig(veld, f"'{params.get(veld)}' is geen ja/nee-waarde; gebruik true of false.")
    return waarde in _WAAR


@dataclass(frozen=True)
class Paginering:
    pagina: int
    per_pagina: int

    @classmethod
    def lees(cls, params) -> Paginering:
        # More than the maximum is capped rather than refused: the envelope says what was given.
        per_pagina = min(_lees_geheel_getal(params, "per_page", PER_PAGINA), MAX_PER_PAGINA)
        return cls(_lees_geheel_getal(params, "page", 1), per_pagina)

    def envelop(self, totaal: int, inhoud: list) -> dict[str, Any]:
        """The HSDS ``Page``: ``size`` is the number of items on this page."""
        totaal_paginas = math.ceil(totaal / self.per_pagina)
        return {
            "total_items": totaal,
            "total_pages": totaal_paginas,
            "page_number": self.pagina,
            "size": len(inhoud),
            "first_page": self.pagina == 1,
            "last_page": self.pagina >= totaal_paginas,
            "empty": not inhoud,
            "contents": inhoud,
        }

    def heeft_rijen(self, totaal: int) -> bool:
        # A page past the end is answered without a query (an offset of 10**20 would overflow).
        return (self.pagina - 1) * self.per_pagina < totaal

    @property
    def sneden(self) -> slice:
        return slice((self.pagina - 1) * self.per_pagina, self.pagina * self.per_pagina)


@dataclass(frozen=True)
class Dienstfilters:
    """The filters of /services and /service_at_locations, read and checked once."""

    zoektekst: str = ""
    plaats: Plaats | None = None
    term: m.Term | None = None
    term_gevraagd: bool = False
    gewijzigd_na: dt.datetime | None = None

    @classmethod
    def lees(cls, params) -> Dienstfilters:
        zoektekst = (params.get("search") or "").strip()
        if len(zoektekst) > MAX_ZOEKTEKST:
            raise _ongeldig("search", f"hoogstens {MAX_ZOEKTEKST} tekens.")
        term_id = params.get("taxonomy_term_id")
        gewijzigd = params.get("modified_after")
        return cls(
            zoektekst=zoektekst,
            plaats=_lees_postcode(params.get("postcode")),
            term=m.zoek_term(lees_uuid(term_id, "taxonomy_term_id")) if term_id else None,
            term_gevraagd=bool(term_id),
            gewijzigd_na=lees_datumtijd(gewijzigd) if gewijzigd else None,
        )

    def pas_toe(self, queryset: QuerySet | None = None) -> QuerySet:
        """The matching aanbod, ordered by relevance (with a search), change time (sync) or name."""
        if queryset is None:
            # A sync client must also see what was stopped or whose organisation was deactivated.
            queryset = Aanbod.objects.all() if self.gewijzigd_na else Aanbod.objects.zichtbaar()
        if self.plaats is not None:
            queryset = queryset.voor_gemeente(self.plaats.gemeente, postcode=self.plaats.postcode)
        if self.term_gevraagd:
            queryset = filter_op_term(queryset, self.term) if self.term else queryset.none()
        volgorde: list[str] = ["naam", "id"]
        if self.gewijzigd_na:
            queryset = queryset.filter(m.gewijzigd_sinds(self.gewijzigd_na)).annotate(
                hsds_gewijzigd_op=m.laatst_gewijzigd_expressie()
            )
            volgorde = ["hsds_gewijzigd_op", "id"]
        if self.zoektekst:
            queryset, gevonden = zoek_tekst(queryset, self.zoektekst)
            if gevonden:
                volgorde = ["-rang", *volgorde]
        return queryset.order_by(*volgorde)


def _lees_postcode(postcode: str | None) -> Plaats | None:
    if not postcode:
        return None
    if not re.fullmatch(r"[1-9][0-9]{3}", postcode.strip()):
        raise _ongeldig("postcode", f"'{postcode}' is geen Belgische postcode van 4 cijfers.")
    plaats = zoek_plaats(postcode.strip())
    if plaats is None:
        raise _ongeldig("postcode", f"we kennen geen postcode {postcode}.", "onbekende_postcode")
    return plaats


def zoek_tekst(queryset: QuerySet, tekst: str) -> tuple[QuerySet, bool]:
    """The search of the catalogue (synonyms, Dutch stemming, prefixes): all words, else any of them.

    Returns the queryset and whether a text query was applied (a query of only punctuation is none).
    """
    vraag = maak_zoekvraag(tekst, synoniemen())
    if vraag.leeg:
        return queryset, False
    gevonden = pas_tekst_toe(queryset, vraag.alle)
    if vraag.een_van != vraag.alle and not gevonden.exists():
        gevonden = pas_tekst_toe(queryset, vraag.een_van)
    return gevonden, True


def filter_op_term(queryset: QuerySet, term: m.Term) -> QuerySet:
    """Aanbod carrying ``term`` as an attribute (the inverse of ``mapping._attributen``)."""
    taxonomie = term.taxonomie
    for veld, (_model, vocabularium) in m.VOCABULARIA.items():
        if taxonomie == vocabularium:
            koppeling = getattr(Aanbod, veld).through
            doel = getattr(Aanbod, veld).field.m2m_reverse_field_name()
            return queryset.filter(
                Exists(koppeling.objects.filter(aanbod_id=OuterRef("pk"), **{f"{doel}__uuid": term.id}))
            )
    if taxonomie == m.ONDERSTEUNINGSVORMEN:
        return queryset.filter(ondersteuningsvorm__uuid=term.id)
    if taxonomie == m.WERKVORMEN:
        return queryset.filter(werkvormen__contains=[term.code])
    if taxonomie == m.CAPACITEIT:
        if term.code == m.WACHTTIJD_CODE:
            return queryset.filter(wachttijd_weken__isnull=False)
        return queryset.filter(capaciteit=term.code)
    return queryset.filter(organisatie__soort=term.code)


# --- OpenAPI description (drf-spectacular; GET /api/hsds/ points to it as openapi_url) ------------

_SPEC = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
_PAGINA = [
    OpenApiParameter("page", int, description="Paginanummer, vanaf 1."),
    OpenApiParameter("per_page", int, description=f"Aantal per pagina (standaard {PER_PAGINA}, hoogstens 100)."),
]
_VOLLEDIG = [OpenApiParameter("full", bool, description="Volledig geneste objecten in de lijst.")]
_DIENSTFILTERS = [
    OpenApiParameter("search", str, description="Zoeken met synoniemen en Nederlandse woordstammen."),
    OpenApiParameter("postcode", str, description="Enkel aanbod voor wie in deze postcode woont (dekking)."),
    OpenApiParameter("taxonomy_term_id", OpenApiTypes.UUID, description="Enkel aanbod met deze term."),
    OpenApiParameter("modified_after", OpenApiTypes.DATETIME, description="Gewijzigd op of na dit tijdstip."),
]
_ID = [OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH)]
_FOUTEN = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description='Ongeldige parameter: {"detail", "code", "fields"}.'),
    404: OpenApiResponse(OpenApiTypes.OBJECT, description="Onbekende id."),
}


def _documenteer(naam: str, schema: str, parameters: Sequence[OpenApiParameter] = ()) -> Callable:
    """An HSDS operation: its parameters, and its body by reference to the official HSDS schema."""
    return extend_schema(
        operation_id=f"hsds_{naam}",
        tags=["HSDS 3.0"],
        parameters=list(parameters),
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description=f"HSDS 3.0: {_SPEC}{schema}"), **_FOUTEN},
    )


# --- views ---------------------------------------------------------------------------------------


class HsdsView(APIView):
    """Public and read-only; errors in our JSON format whatever the native API's handler does."""

    permission_classes = [AllowAny]
    authentication_classes: Sequence = []
    renderer_classes = [JSONRenderer]

    def get_exception_handler(self) -> Callable:
        return hsds_foutafhandeling

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        # PostgreSQL refuses NUL characters in text; refuse them here as a 400 instead of a 500.
        for veld, waarde in request.query_params.items():
            if "\x00" in waarde:
                raise _ongeldig(veld, "bevat een ongeldig teken.")


def _pagina(params, totaal: int, haal: Callable[[slice], list]) -> dict[str, Any]:
    paginering = Paginering.lees(params)
    inhoud = haal(paginering.sneden) if paginering.heeft_rijen(totaal) else []
    return paginering.envelop(totaal, inhoud)


class BasisView(HsdsView):
    """``GET /``: the version, the profile and the OpenAPI description."""

    @_documenteer("basis", "openapi.json (GET /)", ())
    def get(self, request: Request) -> Response:
        try:
            openapi = reverse("api:schema")
        except NoReverseMatch:
            openapi = OPENAPI_URL
        return Response(
            {
                "version": m.HSDS_VERSIE,
                "profile": request.build_absolute_uri(reverse("hsds:profiel")),
                "openapi_url": request.build_absolute_uri(openapi),
            }
        )


class ProfielView(View):
    """The Flemish HSDS profile (docs/hsds-profile.md) as Markdown."""

    def get(self, request) -> HttpResponse:
        try:
            tekst, status_code = PROFIEL.read_text(encoding="utf-8"), 200
        except FileNotFoundError:
            tekst, status_code = "Het HSDS-profiel is niet meegeleverd met deze installatie.\n", 404
        return HttpResponse(tekst, content_type="text/markdown; charset=utf-8", status=status_code)


class ServiceListView(HsdsView):
    @_documenteer("services", "compiled/service_list.json (in een Page)", [*_PAGINA, *_DIENSTFILTERS, *_VOLLEDIG])
    def get(self, request: Request) -> Response:
        filters = Dienstfilters.lees(request.query_params)
        volledig = _lees_waar(request.query_params, "full")
        queryset = filters.pas_toe()

        def haal(sneden: slice) -> list:
            # The page's ids first (from the (naam, id) index), then its rows with everything they need.
            # In one query PostgreSQL built every skipped row too, last_modified subquery included:
            # 1.3 s for a page in the middle of 100k services.
            ids = list(queryset.values_list("pk", flat=True)[sneden])
            rijen = m.prefetch_voor_hsds(Aanbod.objects.filter(pk__in=ids), volledig=volledig)
            per_id = {aanbod.pk: aanbod for aanbod in rijen}
            return [m.service(per_id[pk], volledig=volledig) for pk in ids]

        return Response(_pagina(request.query_params, queryset.count(), haal))


class ServiceDetailView(HsdsView):
    @_documenteer("service", "compiled/service.json", _ID)
    def get(self, request: Request, id: str) -> Response:
        aanbod = m.prefetch_voor_hsds(Aanbod.objects.zichtbaar()).filter(uuid=lees_uuid(id)).first()
        if aanbod is None:
            raise NietGevonden(f"Geen dienst met id {id}.", "niet_gevonden")
        return Response(m.service(aanbod))


class OrganizationListView(HsdsView):
    @_documenteer(
        "organizations", "compiled/organization_list.json (in een Page)", [*_PAGINA, _DIENSTFILTERS[0], *_VOLLEDIG]
    )
    def get(self, request: Request) -> Response:
        volledig = _lees_waar(request.query_params, "full")
        queryset = Organisatie.objects.actief().order_by("naam", "id")
        zoektekst = (request.query_params.get("search") or "").strip()
        if zoektekst:
            queryset = queryset.filter(naam__unaccent__icontains=zoektekst[:MAX_ZOEKTEKST])

        def haal(sneden: slice) -> list:
            rijen = m.prefetch_organisaties_voor_hsds(queryset, volledig=volledig)[sneden]
            return [m.organization(org, volledig=volledig, met_details=volledig) for org in rijen]

        return Response(_pagina(request.query_params, queryset.count(), haal))


class OrganizationDetailView(HsdsView):
    @_documenteer("organization", "compiled/organization.json", _ID)
    def get(self, request: Request, id: str) -> Response:
        queryset = m.prefetch_organisaties_voor_hsds(Organisatie.objects.actief())
        org = queryset.filter(uuid=lees_uuid(id)).first()
        if org is None:
            raise NietGevonden(f"Geen organisatie met id {id}.", "niet_gevonden")
        return Response(m.organization(org, met_details=True))


def _koppelingen(aanbod: QuerySet) -> QuerySet:
    """Aanbod × public location pairs (the rows of ``Aanbod.locaties``) for the aanbod in ``aanbod``."""
    return Aanbod.locaties.through.objects.filter(
        aanbod_id__in=aanbod.order_by().values("pk"),
        locatie__in=m.publieke_locaties(),
    )


def _service_at_locations(paren: list, *, volledig: bool) -> list[dict[str, Any]]:
    """Build a page of pairs with two fixed sets of queries (its aanbod, its locations), not one per pair."""
    aanbod_ids = {paar.aanbod_id for paar in paren}
    aanbod = {a.pk: a for a in m.prefetch_voor_hsds(Aanbod.objects.filter(pk__in=aanbod_ids), volledig=volledig)}
    locaties = {loc.pk: loc for loc in m.locaties_voor_hsds().filter(pk__in={paar.locatie_id for paar in paren})}
    return [
        m.service_at_location(aanbod[paar.aanbod_id], locaties[paar.locatie_id], volledig=volledig, met_service=True)
        for paar in paren
    ]


class ServiceAtLocationListView(HsdsView):
    @_documenteer(
        "service_at_locations",
        "compiled/service_at_location_list.json (in een Page)",
        [*_PAGINA, *_DIENSTFILTERS, *_VOLLEDIG],
    )
    def get(self, request: Request) -> Response:
        filters = Dienstfilters.lees(request.query_params)
        volledig = _lees_waar(request.query_params, "full")
        paren = _koppelingen(filters.pas_toe()).order_by("aanbod__naam", "aanbod_id", "locatie__naam", "locatie_id")

        def haal(sneden: slice) -> list:
            return _service_at_locations(list(paren[sneden]), volledig=volledig)

        return Response(_pagina(request.query_params, paren.count(), haal))


class ServiceAtLocationDetailView(HsdsView):
    @_documenteer("service_at_location", "compiled/service_at_location.json", _ID)
    def get(self, request: Request, id: str) -> Response:
        bereik = m.ontleed_service_at_location_id(lees_uuid(id))
        paar = None
        if bereik is not None:
            (aanbod_van, aanbod_tot), (locatie_van, locatie_tot) = bereik
            paar = (
                _koppelingen(Aanbod.objects.zichtbaar())
                .filter(aanbod__uuid__range=(aanbod_van, aanbod_tot), locatie__uuid__range=(locatie_van, locatie_tot))
                .first()
            )
        if paar is None:
            raise NietGevonden(f"Geen dienst op locatie met id {id}.", "niet_gevonden")
        return Response(_service_at_locations([paar], volledig=True)[0])


class TaxonomyListView(HsdsView):
    @_documenteer("taxonomies", "taxonomy.json (in een Page)", _PAGINA)
    def get(self, request: Request) -> Response:
        taxonomieen = m.TAXONOMIEEN
        return Response(
            _pagina(request.query_params, len(taxonomieen), lambda s: [m.taxonomy(t) for t in taxonomieen[s]])
        )


class TaxonomyDetailView(HsdsView):
    @_documenteer("taxonomy", "taxonomy.json", _ID)
    def get(self, request: Request, id: str) -> Response:
        gevraagd = str(lees_uuid(id))
        taxonomie = next((t for t in m.TAXONOMIEEN if t.id == gevraagd), None)
        if taxonomie is None:
            raise NietGevonden(f"Geen taxonomie met id {id}.", "niet_gevonden")
        return Response(m.taxonomy(taxonomie))


class TaxonomyTermListView(HsdsView):
    """All terms: a few hundred at most, so they are paged in Python after five small queries."""

    @_documenteer(
        "taxonomy_terms",
        "taxonomy_term.json (in een Page)",
        [*_PAGINA, OpenApiParameter("taxonomy_id", OpenApiTypes.UUID)],
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        termen = m.alle_termen()
        if params.get("taxonomy_id"):
            taxonomie_id = str(lees_uuid(params["taxonomy_id"], "taxonomy_id"))
            termen = [t for t in termen if t.taxonomie.id == taxonomie_id]
        if params.get("parent_id"):
            lees_uuid(params["parent_id"], "parent_id")
            termen = []  # our taxonomies are flat: no term has a parent
        zoektekst = (params.get("search") or "").strip().lower()
        if zoektekst:
            termen = [t for t in termen if zoektekst in t.naam.lower() or zoektekst in t.code]
        return Response(_pagina(params, len(termen), lambda s: [m.taxonomy_term(t) for t in termen[s]]))


class TaxonomyTermDetailView(HsdsView):
    @_documenteer("taxonomy_term", "taxonomy_term.json", _ID)
    def get(self, request: Request, id: str) -> Response:
        term = m.zoek_term(lees_uuid(id))
        if term is None:
            raise NietGevonden(f"Geen taxonomieterm met id {id}.", "niet_gevonden")
        return Response(m.taxonomy_term(term) | {"taxonomy_detail": m.taxonomy(term.taxonomie)})


class NietGevondenView(HsdsView):
    """Any other path under /api/hsds/: a JSON 404 rather than the HTML page."""

    @extend_schema(exclude=True)
    def get(self, request: Request, *args, **kwargs) -> Response:
        raise NietGevonden("Deze HSDS-route bestaat niet.", "niet_gevonden")
