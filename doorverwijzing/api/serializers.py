"""Serializers of the referral API. Status is read-only here: it changes only through the actions."""

from __future__ import annotations

from rest_framework import serializers

from aanbod.models import Aanbod, Gemeente, Organisatie
from doorverwijzing.constants import Contactwijze, Grond, Reden, ToestemmingsVorm, Uitkomst, Urgentie
from doorverwijzing.models import Bericht, Doorverwijzing, Terugkoppeling


class PersoonSerializer(serializers.Serializer):
    naam = serializers.CharField(source="persoon_naam", max_length=100, help_text="Naam of initialen.")
    geboortejaar = serializers.IntegerField(
        source="persoon_geboortejaar", required=False, allow_null=True, min_value=1900, max_value=2100
    )
    gemeente = serializers.SlugRelatedField(
        source="persoon_gemeente",
        slug_field="nis_code",
        queryset=Gemeente.objects.all(),
        required=False,
        allow_null=True,
        help_text="NIS-code van de woonplaats.",
    )
    contactwijze = serializers.ChoiceField(choices=Contactwijze.choices)
    contactgegevens = serializers.CharField(max_length=150, required=False, allow_blank=True)
    contactmomenten = serializers.CharField(max_length=200, required=False, allow_blank=True)
    tolk_nodig = serializers.BooleanField(required=False, default=False)
    tolk_taal = serializers.CharField(max_length=50, required=False, allow_blank=True)


class ToestemmingSerializer(serializers.Serializer):
    grond = serializers.ChoiceField(choices=Grond.choices)
    vorm = serializers.ChoiceField(choices=ToestemmingsVorm.choices, required=False, allow_blank=True)
    door_vertegenwoordiger = serializers.BooleanField(required=False, default=False)
    vertegenwoordiger = serializers.CharField(max_length=150, required=False, allow_blank=True)
    bevestigd_door_verwijzer = serializers.BooleanField(required=False, default=False)
    beiden_beroepsgeheim = serializers.BooleanField(required=False, default=False)
    zelfde_persoon = serializers.BooleanField(required=False, default=False)
    gedeeld_doel = serializers.BooleanField(required=False, default=False)
    persoon_geinformeerd = serializers.BooleanField(required=False, default=False)
    reikwijdte = serializers.CharField(max_length=500)
    gegeven_op = serializers.DateField()


class DoorverwijzingSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid", read_only=True)
    aanbod = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    verwijzer_organisatie = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    ontvanger_organisatie = serializers.SlugRelatedField(slug_field="uuid", read_only=True)
    persoon = PersoonSerializer(source="*", read_only=True)
    toegestane_acties = serializers.SerializerMethodField()

    class Meta:
        model = Doorverwijzing
        fields = [
            "id",
            "status",
            "status_reden",
            "status_toelichting",
            "uitkomst",
            "verwachte_start",
            "overbruggingsplan",
            "overbrugging_door",
            "aanbod",
            "verwijzer_organisatie",
            "ontvanger_organisatie",
            "contactpersoon",
            "persoon",
            "voor_mantelzorger",
            "mandaat",
            "vraag",
            "urgentie",
            "reeds_geprobeerd",
            "aangemaakt_op",
            "verstuurd_op",
            "eerst_geopend_op",
            "eerste_reactie_op",
            "afgesloten_op",
            "gewijzigd_op",
            "toegestane_acties",
        ]
        read_only_fields = fields

    def get_toegestane_acties(self, doorverwijzing) -> list[str]:
        from doorverwijzing.services import toegestane_acties

        return toegestane_acties(self.context["request"].user, doorverwijzing)


class DoorverwijzingNieuwSerializer(serializers.Serializer):
    """A new referral (draft) with its legal basis; send it with the `versturen` action."""

    aanbod = serializers.SlugRelatedField(slug_field="uuid", queryset=Aanbod.objects.zichtbaar())
    organisatie = serializers.SlugRelatedField(
        slug_field="uuid",
        queryset=Organisatie.objects.all(),
        required=False,
        help_text="De verwijzende organisatie; verplicht als je voor meer dan één organisatie werkt.",
    )
    persoon = PersoonSerializer()
    vraag = serializers.CharField(max_length=4000)
    urgentie = serializers.ChoiceField(choices=Urgentie.choices, required=False, default=Urgentie.GEWOON)
    reeds_geprobeerd = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    voor_mantelzorger = serializers.BooleanField(required=False, default=False)
    mandaat = serializers.CharField(max_length=300, required=False, allow_blank=True)
    toestemming = ToestemmingSerializer()


class OvergangSerializer(serializers.Serializer):
    verwachte_status = serializers.CharField(
        required=False, allow_blank=True, help_text="De status die je zag; anders 409 als iemand je voor was."
    )
    reden = serializers.ChoiceField(choices=Reden.choices, required=False, allow_blank=True)
    toelichting = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    uitkomst = serializers.ChoiceField(choices=Uitkomst.choices, required=False, allow_blank=True)
    verwachte_start = serializers.DateField(required=False, allow_null=True)
    overbruggingsplan = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    overbrugging_door = serializers.CharField(max_length=200, required=False, allow_blank=True)


class BerichtSerializer(serializers.ModelSerializer):
    auteur = serializers.CharField(source="auteur.get_full_name", read_only=True)
    organisatie = serializers.SlugRelatedField(slug_field="uuid", read_only=True)

    class Meta:
        model = Bericht
        fields = ["auteur", "organisatie", "tekst", "aangemaakt_op"]
        read_only_fields = ["auteur", "organisatie", "aangemaakt_op"]


class TerugkoppelingSerializer(serializers.ModelSerializer):
    auteur = serializers.CharField(source="auteur.get_full_name", read_only=True)

    class Meta:
        model = Terugkoppeling
        fields = ["auteur", "persoon_gecontacteerd", "volgende_stap", "tekst", "aangemaakt_op"]
        read_only_fields = ["auteur", "aangemaakt_op"]
