"""The Django admin for the catalogue (for administrators; curators get their own workspace later)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from aanbod.models import (
    Aanbod,
    Begrip,
    Curator,
    Doelgroep,
    Eerstelijnszone,
    Gemeente,
    GemeenteAlias,
    Levensdomein,
    Locatie,
    Medewerker,
    Ondersteuningsvorm,
    Openingsuur,
    Organisatie,
    PostPlaats,
    Thema,
    Toegangsweg,
    ZoneLidmaatschap,
)


class NietVerwijderenMixin:
    """Reference values are retired (actief=False), never deleted: links from aanbod must survive."""

    def has_delete_permission(self, request, obj=None):
        return False


# --- Geography -------------------------------------------------------------------------------------


class ZoneLidmaatschapInline(admin.TabularInline):
    model = ZoneLidmaatschap
    extra = 0
    autocomplete_fields = ["gemeente"]


@admin.register(Eerstelijnszone)
class EerstelijnszoneAdmin(NietVerwijderenMixin, admin.ModelAdmin):
    list_display = ["weergavenaam", "code", "provincie"]
    list_filter = ["provincie"]
    search_fields = ["naam", "weergavenaam", "code"]
    inlines = [ZoneLidmaatschapInline]


class GemeenteAliasInline(admin.TabularInline):
    model = GemeenteAlias
    extra = 0


@admin.register(Gemeente)
class GemeenteAdmin(NietVerwijderenMixin, admin.ModelAdmin):
    list_display = ["naam", "nis_code", "provincie", "gewest"]
    list_filter = ["gewest", "provincie"]
    search_fields = ["naam", "naam_fr", "nis_code", "aliassen__naam", "postplaatsen__postcode"]
    readonly_fields = ["uuid"]
    inlines = [GemeenteAliasInline]

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.distinct(), False


@admin.register(PostPlaats)
class PostPlaatsAdmin(NietVerwijderenMixin, admin.ModelAdmin):
    list_display = ["postcode", "naam", "gemeente"]
    search_fields = ["postcode", "naam", "gemeente__naam"]
    list_select_related = ["gemeente"]
    autocomplete_fields = ["gemeente"]


# --- Vocabularies ----------------------------------------------------------------------------------


class VocabulariumAdmin(NietVerwijderenMixin, admin.ModelAdmin):
    list_display = ["label", "code", "volgorde", "actief"]
    list_editable = ["volgorde", "actief"]
    list_filter = ["actief"]
    search_fields = ["label", "code", "uitleg"]


for _vocabularium in (Doelgroep, Levensdomein, Thema, Toegangsweg):
    admin.site.register(_vocabularium, VocabulariumAdmin)


# --- Organisations, locations ----------------------------------------------------------------------


class LocatieInline(admin.StackedInline):
    model = Locatie
    extra = 0
    autocomplete_fields = ["gemeente"]
    fields = [
        ("naam", "actief"),
        ("straat", "postcode", "gemeente"),
        ("latitude", "longitude"),
        ("rolstoeltoegankelijk", "openbaar_vervoer"),
        "toegankelijkheid",
        "openingsuren_toelichting",
    ]


class MedewerkerInline(admin.TabularInline):
    model = Medewerker
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort", "kbo_weergave", "actief", "is_fictief"]
    list_filter = ["soort", "actief", "is_fictief"]
    search_fields = ["naam", "kbo_nummer", "email"]
    autocomplete_fields = ["hoofdorganisatie"]
    prepopulated_fields = {"slug": ["naam"]}
    readonly_fields = ["uuid", "aangemaakt_op", "gewijzigd_op"]
    inlines = [LocatieInline, MedewerkerInline]

    @admin.display(description=_("KBO-nummer"), ordering="kbo_nummer")
    def kbo_weergave(self, obj):
        return obj.kbo_weergave


class OpeningsuurLocatieInline(admin.TabularInline):
    model = Openingsuur
    fk_name = "locatie"
    exclude = ["aanbod"]
    extra = 0


@admin.register(Locatie)
class LocatieAdmin(admin.ModelAdmin):
    list_display = ["naam", "organisatie", "postcode", "gemeente", "actief"]
    list_filter = ["actief", "rolstoeltoegankelijk", "gemeente__zones"]
    list_select_related = ["organisatie", "gemeente"]
    search_fields = ["naam", "straat", "postcode", "gemeente__naam", "organisatie__naam"]
    autocomplete_fields = ["organisatie", "gemeente"]
    readonly_fields = ["uuid"]
    inlines = [OpeningsuurLocatieInline]


# --- Concepts, aanbod, glossary ---------------------------------------------------------------------


@admin.register(Ondersteuningsvorm)
class OndersteuningsvormAdmin(admin.ModelAdmin):
    list_display = ["naam", "afkorting", "financier", "uit_matrix", "actief"]
    list_filter = ["uit_matrix", "actief"]
    search_fields = ["naam", "afkorting", "volledige_naam", "samenvatting"]
    prepopulated_fields = {"slug": ["naam"]}
    readonly_fields = ["uuid"]


class OpeningsuurAanbodInline(admin.TabularInline):
    model = Openingsuur
    fk_name = "aanbod"
    exclude = ["locatie"]
    extra = 0


@admin.register(Aanbod)
class AanbodAdmin(admin.ModelAdmin):
    list_display = ["naam", "organisatie", "ondersteuningsvorm", "capaciteit", "status", "laatst_gecontroleerd_op"]
    list_filter = [
        "status",
        "capaciteit",
        "kostprijs",
        "is_fictief",
        "ondersteuningsvorm",
        "themas",
        "doelgroepen",
        "werkingsgebied_zones",
    ]
    list_select_related = ["organisatie", "ondersteuningsvorm"]
    search_fields = ["naam", "beschrijving", "organisatie__naam", "ondersteuningsvorm__naam"]
    autocomplete_fields = [
        "organisatie",
        "ondersteuningsvorm",
        "werkingsgebied_gemeenten",
        "werkingsgebied_zones",
        "locaties",
    ]
    filter_horizontal = ["doelgroepen", "levensdomeinen", "themas", "toegangswegen"]
    prepopulated_fields = {"slug": ["naam"]}
    readonly_fields = ["uuid", "aangemaakt_op", "gewijzigd_op"]
    date_hierarchy = "gewijzigd_op"
    inlines = [OpeningsuurAanbodInline]
    fieldsets = [
        (None, {"fields": ["naam", "slug", "organisatie", "ondersteuningsvorm", "beschrijving", "status"]}),
        (
            _("Voor wie en waarover"),
            {"fields": ["doelgroepen", "levensdomeinen", "themas", ("leeftijd_min", "leeftijd_max")]},
        ),
        (
            _("Toegang, kostprijs en werkvorm"),
            {
                "fields": [
                    "toegangswegen",
                    "aanmelding",
                    "meebrengen",
                    ("kostprijs", "kostprijs_toelichting"),
                    "talen",
                    "werkvormen",
                ]
            },
        ),
        (
            _("Werkingsgebied en locaties"),
            {"fields": ["werkingsgebied_vlaanderen", "werkingsgebied_zones", "werkingsgebied_gemeenten", "locaties"]},
        ),
        (
            _("Contact"),
            {
                "fields": [
                    ("contactpersoon", "contactpersoon_functie"),
                    ("telefoon", "email"),
                    "website",
                    "openingsuren_toelichting",
                ]
            },
        ),
        (
            _("Capaciteit en actualiteit"),
            {
                "fields": [
                    ("capaciteit", "wachttijd_weken", "capaciteit_bijgewerkt_op"),
                    ("laatst_gecontroleerd_op", "laatst_gecontroleerd_door"),
                    "is_fictief",
                    ("uuid", "aangemaakt_op", "gewijzigd_op"),
                ]
            },
        ),
    ]


@admin.register(Begrip)
class BegripAdmin(admin.ModelAdmin):
    list_display = ["term", "afkorting", "context", "ondersteuningsvorm", "actief"]
    list_filter = ["actief"]
    search_fields = ["term", "afkorting", "uitleg"]
    autocomplete_fields = ["ondersteuningsvorm"]
    prepopulated_fields = {"slug": ["term"]}


# --- People ------------------------------------------------------------------------------------------


@admin.register(Medewerker)
class MedewerkerAdmin(admin.ModelAdmin):
    list_display = ["user", "organisatie", "rol", "functie"]
    list_filter = ["rol"]
    search_fields = ["user__username", "user__last_name", "organisatie__naam"]
    autocomplete_fields = ["user", "organisatie"]


@admin.register(Curator)
class CuratorAdmin(admin.ModelAdmin):
    list_display = ["user", "zone"]
    list_filter = ["zone"]
    search_fields = ["user__username", "zone__naam"]
    autocomplete_fields = ["user", "zone"]
