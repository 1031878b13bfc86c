"""Serializers of the catalogue API. Read-only except the capacity of an aanbod."""

from __future__ import annotations

from operator import attrgetter

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject, RelatedField

from aanbod.constants import Capaciteit
from aanbod.models import (
    Aanbod,
    Begrip,
    Eerstelijnszone,
    Gemeente,
    Locatie,
    Ondersteuningsvorm,
    Openingsuur,
    Organisatie,
)

_SLUG_PLEK = "slug-plek-0"


def _zelf(instance):
    return instance


class SnelleWeergave:
    """DRF's ``to_representation``, with how each field reads its value worked out once per class.

    A field reading one plain attribute (a model field, an annotation, ``source="*"``) gets it with a
    getattr; the field's own ``to_representation`` still converts it, so the output is DRF's. Methods,
    related fields and a missing attribute take DRF's own path (``get_attribute``: defaults, SkipField).
    A page of 50 aanbod has some 2,500 field values; DRF's generic path per value was half the time.
    """

    def to_representation(self, instance):
        plannen = self.__dict__.setdefault("_plannen", {})
        plan = plannen.get(type(instance))
        if plan is None:
            plan = plannen[type(instance)] = self._maak_plan(type(instance))
        ret = {}
        for naam, lees, veld in plan:
            if lees is not None:
                try:
                    waarde = lees(instance)
                except (AttributeError, KeyError):
                    pass  # DRF's path decides: a default, None or leave the field out
                else:
                    ret[naam] = None if waarde is None else veld.to_representation(waarde)
                    continue
            try:
                waarde = veld.get_attribute(instance)
            except SkipField:
                continue
            leeg = waarde.pk if isinstance(waarde, PKOnlyObject) else waarde
            ret[naam] = None if leeg is None else veld.to_representation(waarde)
        return ret

    def _maak_plan(self, klasse) -> list:
        plan = []
        for veld in self._readable_fields:
            lees = None
            if veld.source == "*":
                lees = _zelf
            elif (
                len(veld.source_attrs) == 1
                and not isinstance(veld, RelatedField)
                and not callable(getattr(klasse, veld.source, None))  # a method: DRF calls it
            ):
                lees = attrgetter(veld.source)
            plan.append((veld.field_name, lees, veld))
        return plan


class VocabulariumSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    code = serializers.CharField(read_only=True, help_text="Stabiele code, bv. `mantelzorgers`.")
    label = serializers.CharField(read_only=True)
    uitleg = serializers.CharField(read_only=True)
    actief = serializers.BooleanField(read_only=True, help_text="False: uitgeschakeld (blijft bestaan voor sync).")


@extend_schema_field({"type": "string", "pattern": "^[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?$", "example": "09:00:00"})
class UurVeld(serializers.TimeField):
    """A local clock time (Europe/Brussels) without offset, e.g. ``09:00:00``."""


class OpeningsuurSerializer(SnelleWeergave, serializers.ModelSerializer):
    dag = serializers.IntegerField(min_value=1, max_value=7, help_text="1 = maandag … 7 = zondag.")
    van = UurVeld()
    tot = UurVeld()

    class Meta:
        model = Openingsuur
        fields = ["dag", "van", "tot"]


class GemeenteSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    zones = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Gemeente
        fields = ["id", "nis_code", "naam", "naam_fr", "provincie", "gewest", "latitude", "longitude", "zones"]


class EerstelijnszoneSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    gemeenten = serializers.SlugRelatedField(slug_field="nis_code", many=True, read_only=True)

    class Meta:
        model = Eerstelijnszone
        fields = ["id", "code", "naam", "weergavenaam", "provincie", "gemeenten"]


class OrganisatieKortSerializer(SnelleWeergave, serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)

    class Meta:
        model = Organisatie
        fields = ["id", "naam", "kbo_nummer"]


class OrganisatieSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    hoofdorganisatie = serializers.SlugRelatedField(slug_field="uuid", read_only=True, allow_null=True)

    class Meta:
        model = Organisatie
        fields = [
            "id",
            "slug",
            "naam",
            "kbo_nummer",
            "soort",
            "beschrijving",
            "website",
            "email",
            "telefoon",
            "hoofdorganisatie",
            "actief",
            "is_fictief",
            "gewijzigd_op",
        ]


class LocatieSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    organisatie = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    gemeente = serializers.SlugRelatedField(slug_field="nis_code", read_only=True)
    openingsuren = OpeningsuurSerializer(many=True, read_only=True)

    class Meta:
        model = Locatie
        fields = [
            "id",
            "organisatie",
            "naam",
            "straat",
            "postcode",
            "gemeente",
            "latitude",
            "longitude",
            "rolstoeltoegankelijk",
            "toegankelijkheid",
            "openbaar_vervoer",
            "openingsuren",
            "openingsuren_toelichting",
            "actief",
            "gewijzigd_op",
        ]


class OndersteuningsvormSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)

    class Meta:
        model = Ondersteuningsvorm
        fields = [
            "id",
            "slug",
            "naam",
            "afkorting",
            "volledige_naam",
            "samenvatting",
            "voor_wie",
            "toegang_uitleg",
            "financier",
            "wettelijke_basis",
            "meer_info_url",
            "synoniemen",
            "uit_matrix",
            "actief",
            "gewijzigd_op",
        ]


class BegripSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    ondersteuningsvorm = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Begrip
        fields = ["id", "slug", "term", "afkorting", "context", "uitleg", "synoniemen", "ondersteuningsvorm", "actief"]


class CapaciteitSerializer(SnelleWeergave, serializers.Serializer):
    """Capacity and waiting time: the part of an aanbod its organisation's redacteur updates over the API."""

    capaciteit = serializers.ChoiceField(choices=Capaciteit.choices)
    wachttijd_weken = serializers.IntegerField(min_value=0, max_value=260, required=False, allow_null=True)
    bijgewerkt_op = serializers.DateTimeField(source="capaciteit_bijgewerkt_op", read_only=True, allow_null=True)


class WerkingsgebiedSerializer(SnelleWeergave, serializers.Serializer):
    """Whom the aanbod serves: all of Flanders, and/or zones (codes) and municipalities (NIS codes)."""

    vlaanderen = serializers.BooleanField(source="werkingsgebied_vlaanderen")
    zones = serializers.SerializerMethodField()
    gemeenten = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_zones(self, aanbod) -> list[str]:
        return aanbod.zone_codes

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_gemeenten(self, aanbod) -> list[str]:
        return aanbod.gemeente_nis_codes


class Codes(serializers.ListField):
    """Stable codes of a vocabulary (``["mantelzorgers", "ouderen"]``)."""

    child = serializers.CharField()

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)


class AanbodSerializer(SnelleWeergave, serializers.ModelSerializer):
    """An aanbod as partners need it to refer or to sync: facets as stable codes, area as NIS/zone codes."""

    id = serializers.UUIDField(source="uuid", read_only=True)
    url = serializers.SerializerMethodField(help_text="De publieke pagina.")
    organisatie = OrganisatieKortSerializer(read_only=True)
    ondersteuningsvorm = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    # Arrays computed in the query (see aanbod.api.views.met_api_velden), not prefetched objects.
    doelgroepen = Codes(source="doelgroep_codes")
    levensdomeinen = Codes(source="levensdomein_codes")
    themas = Codes(source="thema_codes")
    toegangswegen = Codes(source="toegangsweg_codes")
    werkingsgebied = WerkingsgebiedSerializer(source="*", read_only=True)
    locaties = serializers.ListField(child=serializers.UUIDField(), source="locatie_ids", read_only=True)
    openingsuren = OpeningsuurSerializer(many=True, read_only=True, source="uren")
    capaciteit = CapaciteitSerializer(source="*", read_only=True)
    afstand_km = serializers.SerializerMethodField(help_text="Afstand tot de gekozen plaats (bij `gemeente`).")

    class Meta:
        model = Aanbod
        fields = [
            "id",
            "slug",
            "url",
            "naam",
            "beschrijving",
            "organisatie",
            "ondersteuningsvorm",
            "doelgroepen",
            "levensdomeinen",
            "themas",
            "leeftijd_min",
            "leeftijd_max",
            "toegangswegen",
            "aanmelding",
            "meebrengen",
            "kostprijs",
            "kostprijs_toelichting",
            "talen",
            "werkvormen",
            "werkingsgebied",
            "locaties",
            "contactpersoon",
            "contactpersoon_functie",
            "telefoon",
            "email",
            "website",
            "openingsuren",
            "openingsuren_toelichting",
            "capaciteit",
            "status",
            "laatst_gecontroleerd_op",
            "is_fictief",
            "gewijzigd_op",
            "afstand_km",
        ]

    def get_url(self, aanbod) -> str:
        # reverse() and build_absolute_uri() once per response, not once per item (a page has up to 100);
        # a slug is ASCII letters, digits, - and _, which need no escaping in a URL.
        sjabloon = self.__dict__.get("_url_sjabloon")
        if sjabloon is None:
            pad = reverse("aanbod:aanbod", args=[_SLUG_PLEK])
            verzoek = self.context.get("request")
            sjabloon = self.__dict__["_url_sjabloon"] = verzoek.build_absolute_uri(pad) if verzoek else pad
        return sjabloon.replace(_SLUG_PLEK, aanbod.slug)

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_afstand_km(self, aanbod):
        afstand = getattr(aanbod, "afstand_km", None)
        return round(afstand, 2) if afstand is not None else None
