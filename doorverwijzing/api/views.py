"""The referral API (/api/v1/doorverwijzingen/): token or session, scoped by ``zichtbaar_voor``.

Status is read-only in every representation; it changes through ``POST …/{id}/<actie>/`` only, which
calls the transition service. An illegal transition is a 409 listing the allowed actions; a missing
reason is a 400 naming the field; acting at the same time as someone else is a 409.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from aanbod.api.paginering import Paginering
from doorverwijzing.api import serializers as s
from doorverwijzing.constants import Actie
from doorverwijzing.models import Doorverwijzing
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
    terugkoppeling_geven,
    toestemming_vastleggen,
)

ACTIES = "|".join(Actie.values)


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _vertaal(fout: DoorverwijzingFout):
    """The domain error as the API error: 409 for conflicts, 403 for the wrong side, else 400."""
    if isinstance(fout, OngeldigeOvergang):
        toegestaan = ", ".join(fout.toegestaan) or "-"
        return Conflict(
            f"{fout.melding} " + _("Toegestaan: %(acties)s.") % {"acties": toegestaan}, code="ongeldige_overgang"
        )
    if isinstance(fout, AlGewijzigd):
        return Conflict(fout.melding, code="al_gewijzigd")
    if isinstance(fout, GeenRecht):
        return PermissionDenied(fout.melding, code="geen_recht")
    return ValidationError({fout.veld or "non_field_errors": [fout.melding]}, code=fout.code)


class DoorverwijzingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    permission_classes = [IsAuthenticated]
    lookup_field = "uuid"
    lookup_value_regex = "[0-9a-fA-F-]{36}"
    pagination_class = Paginering

    def get_queryset(self):
        # Organisations and the offer in the same query for every row of a page.
        return (
            Doorverwijzing.objects.zichtbaar_voor(self.request.user)
            .select_related("aanbod", "verwijzer_organisatie", "ontvanger_organisatie", "persoon_gemeente")
            .order_by("-aangemaakt_op", "id")
        )

    def get_serializer_class(self):
        return s.DoorverwijzingNieuwSerializer if self.action == "create" else s.DoorverwijzingSerializer

    def retrieve(self, request, *args, **kwargs):
        doorverwijzing = self.get_object()
        inzage_registreren(doorverwijzing=doorverwijzing, door=request.user, via="api")
        return Response(s.DoorverwijzingSerializer(doorverwijzing, context={"request": request}).data)

    @extend_schema(request=s.DoorverwijzingNieuwSerializer, responses={201: s.DoorverwijzingSerializer})
    def create(self, request, *args, **kwargs):
        invoer = s.DoorverwijzingNieuwSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        gegevens = invoer.validated_data
        organisaties = [m.organisatie for m in request.user.medewerkerschappen.select_related("organisatie")]
        organisatie = gegevens.get("organisatie")
        if organisatie is None:
            if len(organisaties) != 1:
                raise ValidationError({"organisatie": [_("Kies namens welke organisatie je doorverwijst.")]})
            organisatie = organisaties[0]
        persoon = gegevens["persoon"]
        try:
            with transaction.atomic():
                doorverwijzing = doorverwijzing_aanmaken(
                    door=request.user,
                    organisatie=organisatie,
                    aanbod=gegevens["aanbod"],
                    persoon=Persoon(
                        naam=persoon["persoon_naam"],
                        contactwijze=persoon["contactwijze"],
                        geboortejaar=persoon.get("persoon_geboortejaar"),
                        gemeente_id=getattr(persoon.get("persoon_gemeente"), "pk", None),
                        contactgegevens=persoon.get("contactgegevens", ""),
                        contactmomenten=persoon.get("contactmomenten", ""),
                        tolk_nodig=persoon.get("tolk_nodig", False),
                        tolk_taal=persoon.get("tolk_taal", ""),
                    ),
                    vraag=gegevens["vraag"],
                    urgentie=gegevens["urgentie"],
                    reeds_geprobeerd=gegevens.get("reeds_geprobeerd", ""),
                    voor_mantelzorger=gegevens["voor_mantelzorger"],
                    mandaat=gegevens.get("mandaat", ""),
                )
                toestemming_vastleggen(doorverwijzing=doorverwijzing, door=request.user, **gegevens["toestemming"])
        except DoorverwijzingFout as fout:
            raise _vertaal(fout) from fout
        antwoord = s.DoorverwijzingSerializer(doorverwijzing, context={"request": request}).data
        return Response(antwoord, status=status.HTTP_201_CREATED)

    @extend_schema(
        operation_id="doorverwijzingen_overgang",
        summary="Statusovergang / transition",
        parameters=[OpenApiParameter("actie", OpenApiTypes.STR, OpenApiParameter.PATH, enum=Actie.values)],
        request=s.OvergangSerializer,
        responses={200: s.DoorverwijzingSerializer},
    )
    @action(detail=True, methods=["post"], url_path=rf"(?P<actie>{ACTIES})")
    def overgang(self, request, uuid=None, actie=None):
        doorverwijzing = self.get_object()
        invoer = s.OvergangSerializer(data=request.data)
        invoer.is_valid(raise_exception=True)
        gegevens = {k: v for k, v in invoer.validated_data.items() if v not in (None, "")}
        try:
            nieuw = doorverwijzing_overgang(doorverwijzing=doorverwijzing, actie=actie, door=request.user, **gegevens)
        except DoorverwijzingFout as fout:
            raise _vertaal(fout) from fout
        return Response(s.DoorverwijzingSerializer(nieuw, context={"request": request}).data)

    @extend_schema(request=s.BerichtSerializer, responses={200: s.BerichtSerializer(many=True)})
    @action(detail=True, methods=["get", "post"])
    def berichten(self, request, uuid=None):
        doorverwijzing = self.get_object()
        if request.method == "POST":
            invoer = s.BerichtSerializer(data=request.data)
            invoer.is_valid(raise_exception=True)
            try:
                bericht_sturen(doorverwijzing=doorverwijzing, door=request.user, tekst=invoer.validated_data["tekst"])
            except DoorverwijzingFout as fout:
                raise _vertaal(fout) from fout
        berichten = doorverwijzing.berichten.select_related("auteur", "organisatie")
        return Response(s.BerichtSerializer(berichten, many=True).data)

    @extend_schema(request=s.TerugkoppelingSerializer, responses={200: s.TerugkoppelingSerializer(many=True)})
    @action(detail=True, methods=["get", "post"])
    def terugkoppelingen(self, request, uuid=None):
        doorverwijzing = self.get_object()
        if request.method == "POST":
            invoer = s.TerugkoppelingSerializer(data=request.data)
            invoer.is_valid(raise_exception=True)
            try:
                terugkoppeling_geven(doorverwijzing=doorverwijzing, door=request.user, **invoer.validated_data)
            except DoorverwijzingFout as fout:
                raise _vertaal(fout) from fout
        return Response(
            s.TerugkoppelingSerializer(doorverwijzing.terugkoppelingen.select_related("auteur"), many=True).data
        )
