"""Viewsets of the catalogue API (/api/v1/). Public and read-only, except capacity for redacteurs."""

from __future__ import annotations

import functools

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef
from django.db.models.functions import JSONObject
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle
from rest_framework.views import APIView

from aanbod.api import serializers as s
from aanbod.api.paginering import Paginering, SyncPaginering
from aanbod.filters import AanbodFilterSet, JaNeeFilter, TijdstipFilter
from aanbod.models import (
    Aanbod,
    Begrip,
    Doelgroep,
    Eerstelijnszone,
    Gemeente,
    Levensdomein,
    Locatie,
    Ondersteuningsvorm,
    Openingsuur,
    Organisatie,
    Thema,
    Toegangsweg,
)
from aanbod.models.aanbod import KOPPELING_KOLOMMEN
from aanbod.services import aanbod_capaciteit_bijwerken, mag_aanbod_bewerken
from aanbod.zoeken.dienst import zoek_en_tel, zoek_treffers
from aanbod.zoeken.tekst import woorden
from sociale_kaart.beveiliging import tweestaps_nodig

SYNC_PARAMETERS = ("gewijzigd_sinds", "cursor")


class StrikteOrdening(OrderingFilter):
    """`ordering=naam` or `ordering=-gewijzigd_op`; an unknown field is a 400, not silently ignored."""

    def get_ordering(self, request, queryset, view):
        waarde = request.query_params.get(self.ordering_param)
        if not waarde:
            return None
        velden = [v.strip() for v in waarde.split(",") if v.strip()]
        toegestaan = set(getattr(view, "ordering_fields", []))
        fout = [v for v in velden if v.lstrip("-") not in toegestaan]
        if fout or not velden:
            raise ValidationError(
                {
                    self.ordering_param: [
                        _("Sorteer op een van: %(velden)s.") % {"velden": ", ".join(sorted(toegestaan))}
                    ]
                }
            )
        return [*velden, "id"]


class CatalogusViewSet(viewsets.ReadOnlyModelViewSet):
    """Common behaviour: lookup by UUID, public reads, Last-Modified from the newest row shown."""

    filter_backends = [filters.DjangoFilterBackend, StrikteOrdening]
    ordering_fields = ["naam"]
    lookup_field = "uuid"
    lookup_value_regex = "[0-9a-fA-F-]{36}"
    permission_classes = [AllowAny]

    def is_sync(self) -> bool:
        return any(p in self.request.query_params for p in SYNC_PARAMETERS)

    @property
    def paginator(self):
        if not hasattr(self, "_paginator"):
            heeft_tijd = hasattr(self.get_queryset().model, "gewijzigd_op")
            self._paginator = SyncPaginering() if heeft_tijd and self.is_sync() else Paginering()
        return self._paginator

    def list(self, request, *args, **kwargs):
        antwoord = super().list(request, *args, **kwargs)
        rijen = getattr(self, "_laatste_pagina", [])
        self._zet_last_modified(antwoord, [getattr(r, "gewijzigd_op", None) for r in rijen])
        return antwoord

    def paginate_queryset(self, queryset):
        pagina = super().paginate_queryset(queryset)
        self._laatste_pagina = pagina or []
        return pagina

    def retrieve(self, request, *args, **kwargs):
        rij = self.get_object()  # once: the base retrieve() would fetch it again for the header
        antwoord = Response(self.get_serializer(rij).data)
        self._zet_last_modified(antwoord, [getattr(rij, "gewijzigd_op", None)])
        return antwoord

    @staticmethod
    def _zet_last_modified(antwoord, tijden) -> None:
        tijden = [t for t in tijden if t is not None]
        if tijden:
            antwoord["Last-Modified"] = http_date(max(tijden).timestamp())


@extend_schema_view(
    list=extend_schema(
        summary="Aanbod zoeken en synchroniseren / search and sync services",
        description=(
            "Zelfde filters als de zoekpagina. Met `q` geordend op relevantie en afstand; met `gewijzigd_sinds` "
            "een cursor-paginering op wijzigingstijd, inclusief stopgezet aanbod (status `stopgezet`).\n\n"
            "Same filters as the HTML search. With `q`: ranked by relevance, then distance. With "
            "`gewijzigd_sinds`: cursor pagination by change time, retired records included."
        ),
        examples=[OpenApiExample("Dementie in Geel", value={"q": "dementie", "gemeente": "Geel"}, request_only=True)],
    ),
    retrieve=extend_schema(summary="Eén aanbod / one service"),
)
class AanbodViewSet(CatalogusViewSet):
    serializer_class = s.AanbodSerializer
    # For the schema; filtering itself happens in filter_queryset (search ranking, sync).
    filter_backends = [filters.DjangoFilterBackend, StrikteOrdening]
    filterset_class = AanbodFilterSet
    ordering_fields = ["naam", "gewijzigd_op", "aangemaakt_op", "laatst_gecontroleerd_op"]

    def get_queryset(self):
        if self.action == "list" and not self.is_sync():
            # Searched and ordered on narrow rows; the page gets the API fields (see filter_queryset).
            return Aanbod.objects.zichtbaar()
        if self.action == "list":  # a sync page
            return met_api_lijstvelden(Aanbod.objects.all())
        return met_api_velden(Aanbod.objects.all())

    def filter_queryset(self, queryset):
        if self.action != "list":
            return queryset
        filterset = AanbodFilterSet(self.request.query_params, queryset=queryset, request=self.request)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        if self.is_sync():
            return filterset.qs
        basis = filterset.qs  # filtering sets zoektekst and plaats
        if woorden(filterset.zoektekst) and not self.request.query_params.get(StrikteOrdening.ordering_param):
            # Ranked by relevance: the statement that counts each attempt (all words, any word, spelling)
            # also orders the matches and returns the requested page's ids, as on the results page, so the
            # text index and the rank are not computed a second time for the page.
            grootte = self.paginator.get_page_size(self.request)
            nummer = self.paginator.get_page_number(self.request, None)
            treffers, telling = zoek_en_tel(
                basis, filterset.zoektekst, filterset.plaats, ((nummer - 1) * grootte, grootte), facetten=False
            )
            resultaat = treffers.queryset
            resultaat._bekende_pagina = (nummer, telling.pagina)
        else:
            treffers = zoek_treffers(basis, filterset.zoektekst, filterset.plaats)
            # An explicit `ordering` replaces relevance and distance.
            resultaat = StrikteOrdening().filter_queryset(self.request, treffers.queryset, self)
        # The search counted its matches to choose between all words, any word and spelling correction;
        # the paginator reuses that count (ordering does not change it). Without a text query nothing was
        # counted: the page query counts its rows too. Ordered and sliced on ids and sort keys; only the
        # rows of the page are joined and get their arrays.
        resultaat._bekend_aantal = treffers.aantal
        resultaat._pagina_vorm = met_api_lijstvelden
        # Filtered but ordered by name: count in the page query too. Otherwise PostgreSQL may walk the
        # (naam, id) index hoping to meet 50 matches early, which is a gamble when the filter correlates
        # with the name (theme `mantelzorg`, names starting with "Mantelzorg"): 21k index rows for one
        # page at 100k. Counting all matches rules that plan out. Unfiltered, the index walk is the best.
        resultaat._in_venster_tellen = any(self.request.query_params.get(naam) for naam in filterset.filters)
        return resultaat

    @extend_schema(
        summary="Capaciteit bijwerken / update capacity",
        description=(
            "Voor redacteurs van de organisatie (token). Publiceert meteen, met de huidige datum.\n\n"
            "For the organisation's editors (token). Published at once, dated now."
        ),
        request=s.CapaciteitSerializer,
        responses={200: s.CapaciteitSerializer},
    )
    @action(detail=True, methods=["patch"], permission_classes=[IsAuthenticated], url_path="capaciteit")
    def capaciteit(self, request, uuid=None):
        aanbod = self.get_object()
        if not mag_aanbod_bewerken(request.user, aanbod):
            raise NotFound()  # not the editor's own organisation: it does not exist for them
        invoer = s.CapaciteitSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        aanbod = aanbod_capaciteit_bijwerken(
            aanbod=aanbod,
            capaciteit=invoer.validated_data["capaciteit"],
            wachttijd_weken=invoer.validated_data.get("wachttijd_weken"),
            door=request.user,
        )
        return Response(s.CapaciteitSerializer(aanbod).data)


def _lijst(koppeling, veld: str, volgorde: str | None = None) -> ArraySubquery:
    rijen = koppeling.objects.filter(aanbod_id=OuterRef("pk"))
    return ArraySubquery(rijen.order_by(volgorde or veld).values(veld))


_ZOEKKOLOMMEN = ("zoekvector", *KOPPELING_KOLOMMEN)


@functools.cache
def _api_arrays() -> dict:
    # Built once per process: the expressions are immutable templates that each query resolves anew.
    uren = Openingsuur.objects.filter(aanbod_id=OuterRef("pk")).order_by("dag", "van")
    return {
        "doelgroep_codes": _lijst(Aanbod.doelgroepen.through, "doelgroep__code", "doelgroep__volgorde"),
        "levensdomein_codes": _lijst(Aanbod.levensdomeinen.through, "levensdomein__code", "levensdomein__volgorde"),
        "thema_codes": _lijst(Aanbod.themas.through, "thema__code", "thema__volgorde"),
        "toegangsweg_codes": _lijst(Aanbod.toegangswegen.through, "toegangsweg__code", "toegangsweg__volgorde"),
        "zone_codes": _lijst(Aanbod.werkingsgebied_zones.through, "eerstelijnszone__code"),
        "gemeente_nis_codes": _lijst(Aanbod.werkingsgebied_gemeenten.through, "gemeente__nis_code"),
        "locatie_ids": _lijst(Aanbod.locaties.through, "locatie__uuid"),
        "uren": ArraySubquery(uren.values(json=JSONObject(dag="dag", van="van", tot="tot"))),
    }


def met_api_velden(queryset):
    """The facets, area, locations and hours of each aanbod as arrays in the same query.

    Eight prefetches built thousands of model objects for a page of 50 (100+ ms); arrays of codes
    computed by PostgreSQL for the rows of the page cost a few ms.
    """
    return (
        queryset.select_related("organisatie", "ondersteuningsvorm")
        # The search columns (the text vector, the id arrays) are large and not shown.
        .defer(*_ZOEKKOLOMMEN)
        .annotate(**_api_arrays())
    )


# What a page of the list shows of the organisation and the concept (OrganisatieKortSerializer, a slug):
# their other columns (long texts, timestamps) cost a conversion per row and are left in the database.
_LIJST_GEBRUIKT = {Organisatie: {"id", "uuid", "naam", "kbo_nummer"}, Ondersteuningsvorm: {"id", "slug"}}


@functools.cache
def _lijst_uitgesteld() -> tuple[str, ...]:
    return (
        "laatst_gecontroleerd_door_id",
        "toegewezen_aan_id",
        "aangemaakt_op",
        *(
            f"{voorvoegsel}__{veld.attname}"
            for voorvoegsel, model in (("organisatie", Organisatie), ("ondersteuningsvorm", Ondersteuningsvorm))
            for veld in model._meta.concrete_fields
            if veld.attname not in _LIJST_GEBRUIKT[model]
        ),
    )


def met_api_lijstvelden(queryset):
    """``met_api_velden`` for a page of the list: without the columns no list item shows."""
    return met_api_velden(queryset).defer(*_lijst_uitgesteld())


class OrganisatieFilterSet(filters.FilterSet):
    soort = filters.CharFilter(field_name="soort")
    kbo_nummer = filters.CharFilter(field_name="kbo_nummer")
    gewijzigd_sinds = TijdstipFilter(field_name="gewijzigd_op", lookup_expr="gte")

    class Meta:
        model = Organisatie
        fields: list[str] = []


class OrganisatieViewSet(CatalogusViewSet):
    serializer_class = s.OrganisatieSerializer
    ordering_fields = ["naam", "gewijzigd_op"]
    filterset_class = OrganisatieFilterSet

    def get_queryset(self):
        basis = Organisatie.objects.all() if self.action != "list" or self.is_sync() else Organisatie.objects.actief()
        return basis.select_related("hoofdorganisatie").order_by("naam", "id")


class LocatieFilterSet(filters.FilterSet):
    gemeente = filters.CharFilter(field_name="gemeente__nis_code", label="NIS-code")
    postcode = filters.CharFilter(field_name="postcode")
    organisatie = filters.UUIDFilter(field_name="organisatie__uuid")
    gewijzigd_sinds = TijdstipFilter(field_name="gewijzigd_op", lookup_expr="gte")

    class Meta:
        model = Locatie
        fields: list[str] = []


class LocatieViewSet(CatalogusViewSet):
    serializer_class = s.LocatieSerializer
    ordering_fields = ["naam", "postcode", "gewijzigd_op"]
    filterset_class = LocatieFilterSet

    def get_queryset(self):
        return (
            Locatie.objects.select_related("organisatie", "gemeente")
            .prefetch_related("openingsuren")
            .order_by("naam", "id")
        )


class OndersteuningsvormViewSet(CatalogusViewSet):
    serializer_class = s.OndersteuningsvormSerializer
    queryset = Ondersteuningsvorm.objects.order_by("naam")


class BegripViewSet(CatalogusViewSet):
    serializer_class = s.BegripSerializer
    ordering_fields = ["term"]
    queryset = Begrip.objects.select_related("ondersteuningsvorm").order_by("term", "context")


class GemeenteFilterSet(filters.FilterSet):
    nis_code = filters.CharFilter()
    zone = filters.CharFilter(field_name="zones__code")
    vlaanderen_en_brussel = JaNeeFilter(method="filter_vlaanderen")

    class Meta:
        model = Gemeente
        fields: list[str] = []

    def filter_vlaanderen(self, queryset, name, waarde):
        return queryset.vlaams_of_brussels() if waarde else queryset


class GemeenteViewSet(CatalogusViewSet):
    serializer_class = s.GemeenteSerializer
    filterset_class = GemeenteFilterSet
    queryset = Gemeente.objects.prefetch_related("zones").order_by("naam")


class EerstelijnszoneViewSet(CatalogusViewSet):
    serializer_class = s.EerstelijnszoneSerializer
    queryset = Eerstelijnszone.objects.prefetch_related("gemeenten").order_by("naam")


def vocabularium_viewset(model, uitleg: str) -> type[CatalogusViewSet]:
    """A read-only endpoint for one vocabulary (retired values included, with ``actief: false``)."""
    return extend_schema_view(list=extend_schema(description=uitleg), retrieve=extend_schema(description=uitleg))(
        type(
            f"{model.__name__}ViewSet",
            (CatalogusViewSet,),
            {
                "serializer_class": s.VocabulariumSerializer,
                "queryset": model.objects.order_by("volgorde", "label"),
                "ordering_fields": ["label", "volgorde", "code"],
            },
        )
    )


DoelgroepViewSet = vocabularium_viewset(Doelgroep, "Doelgroepen / target groups.")
LevensdomeinViewSet = vocabularium_viewset(Levensdomein, "Levensdomeinen / life domains.")
ThemaViewSet = vocabularium_viewset(Thema, "Thema's / themes.")
ToegangswegViewSet = vocabularium_viewset(Toegangsweg, "Toegangswegen / access routes.")


class TokenAntwoord(serializers.Serializer):
    token = serializers.CharField()


class TokenView(APIView):
    """Get a token with username and password; revoke it with DELETE (using the token itself)."""

    throttle_classes = [AnonRateThrottle, ScopedRateThrottle]
    throttle_scope = "token"

    def get_permissions(self):
        return [IsAuthenticated()] if self.request.method == "DELETE" else [AllowAny()]

    @extend_schema(
        summary="Token aanvragen / obtain a token",
        request=AuthTokenSerializer,
        responses={200: TokenAntwoord},
        auth=[],
    )
    def post(self, request):
        invoer = AuthTokenSerializer(data=request.data, context={"request": request})
        invoer.is_valid(raise_exception=True)
        gebruiker = invoer.validated_data["user"]
        # A token is a password-only credential: for those who must pass the second login step in the
        # browser (curators, administrators, anyone who switched it on) it would bypass that step.
        if tweestaps_nodig(gebruiker):
            raise PermissionDenied(
                _(
                    "Dit account gebruikt tweestapsverificatie en krijgt geen API-token. "
                    "Gebruik een apart systeemaccount voor de koppeling."
                ),
                code="tweestaps_vereist",
            )
        token, _nieuw = Token.objects.get_or_create(user=gebruiker)
        return Response({"token": token.key})

    @extend_schema(summary="Token intrekken / revoke the token", request=None, responses={204: None})
    def delete(self, request):
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
