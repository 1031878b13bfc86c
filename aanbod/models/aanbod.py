"""What an organisation offers (aanbod), with its area served, access, capacity and opening hours."""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aanbod.constants import MAX_LEEFTIJD, AanbodStatus, Capaciteit, Kostprijs, Taal, Weekdag, Werkvorm

# The trigger-maintained copies of the link tables on aanbod_aanbod (see Aanbod.dekking_gemeenten).
KOPPELING_KOLOMMEN = (
    "dekking_gemeenten",
    "dekking_zones",
    "thema_ids",
    "doelgroep_ids",
    "levensdomein_ids",
    "toegang_ids",
)


def dekt(*, gemeente_ids: list[int], zone_ids: list[int]) -> Q:
    """Coverage as array predicates on the row: all of Flanders, one of the municipalities, or one of the zones.

    The ids are constants (one small query by the caller), so the planner can use the GIN indexes and its
    statistics on how common each municipality or zone is.
    """
    dekking = Q(werkingsgebied_vlaanderen=True)
    if gemeente_ids:
        dekking |= Q(dekking_gemeenten__overlap=gemeente_ids)
    if zone_ids:
        dekking |= Q(dekking_zones__overlap=zone_ids)
    return dekking


def _van_actieve_organisatie() -> Q:
    """The organisation is active, as "not one of the (few) inactive ones".

    An anti-join against the inactive organisations hashes a few hundred rows; a join on ``actief``
    made the planner hash every active organisation (34k at 100k aanbod) in each search query.
    """
    from aanbod.models.organisatie import Organisatie

    return ~Q(Exists(Organisatie.objects.filter(pk=OuterRef("organisatie_id"), actief=False)))


class AanbodQuerySet(models.QuerySet):
    def actief(self):
        """Listed and running: not stopped or temporarily closed, from an active organisation."""
        return self.filter(_van_actieve_organisatie(), status=AanbodStatus.ACTIEF)

    def zichtbaar(self):
        """Shown publicly (temporarily closed aanbod stays visible, with its status)."""
        return self.exclude(status=AanbodStatus.STOPGEZET).filter(_van_actieve_organisatie())

    def voor_gemeente(self, gemeente, postcode: str = ""):
        """Aanbod whose werkingsgebied covers residents of ``gemeente`` (coverage, not distance).

        With a ``postcode``, a municipality split over zones (Antwerp) counts only for the zone of
        that postcode.
        """
        from aanbod.models.geografie import ZoneLidmaatschap

        lidmaatschappen = ZoneLidmaatschap.objects.filter(gemeente=gemeente)
        if postcode:
            lidmaatschappen = lidmaatschappen.filter(Q(postcodes=[]) | Q(postcodes__contains=[postcode]))
        zone_ids = sorted(lidmaatschappen.values_list("zone_id", flat=True))
        return self.filter(dekt(gemeente_ids=[gemeente.pk], zone_ids=zone_ids))

    def in_zone(self, *zones):
        """Aanbod serving (part of) one of ``zones``: the zone itself, one of its municipalities, or all of Flanders."""
        from aanbod.models.geografie import ZoneLidmaatschap

        zone_ids = sorted(zone.pk for zone in zones)
        gemeente_ids = ZoneLidmaatschap.objects.filter(zone_id__in=zone_ids).values_list("gemeente_id", flat=True)
        return self.filter(dekt(gemeente_ids=sorted(set(gemeente_ids)), zone_ids=zone_ids))

    def beheerbaar_door(self, user):
        """The one rule for who curates which aanbod.

        Superusers: everything. A curator: aanbod whose werkingsgebied lies (partly) in one of their
        zones, as a zone or as a municipality of it; aanbod for all of Flanders only when it is also
        listed for one of their zones (otherwise it is curated centrally by a superuser). A redacteur
        is not a curator: their own organisation's aanbod goes through ``bewerkbaar_door``.
        """
        from aanbod.models.geografie import ZoneLidmaatschap

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        zone_ids = list(user.curatorschappen.values_list("zone_id", flat=True))
        if not zone_ids:
            return self.none()
        gemeenten = ZoneLidmaatschap.objects.filter(zone_id__in=zone_ids).values("gemeente_id")
        per_gemeente = Aanbod.werkingsgebied_gemeenten.through.objects.filter(
            aanbod_id=OuterRef("pk"), gemeente_id__in=gemeenten
        )
        per_zone = Aanbod.werkingsgebied_zones.through.objects.filter(
            aanbod_id=OuterRef("pk"), eerstelijnszone_id__in=zone_ids
        )
        return self.filter(Exists(per_gemeente) | Exists(per_zone))

    def bewerkbaar_door(self, user):
        """Aanbod a redacteur edits directly: that of the organisations they are redacteur of."""
        from aanbod.constants import MedewerkerRol

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(organisatie__medewerkers__user=user, organisatie__medewerkers__rol=MedewerkerRol.REDACTEUR)


class Aanbod(models.Model):
    """One thing an organisation offers to people, often the local instance of an Ondersteuningsvorm.

    The **werkingsgebied** (the residents it serves: municipalities and/or whole zones, or all of
    Flanders) is distinct from its **locaties** (where it is delivered): a CGG in Turnhout serves the
    whole arrondissement; a mobile team has no location at all.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=160, unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    organisatie = models.ForeignKey(
        "aanbod.Organisatie", on_delete=models.PROTECT, related_name="aanbod", verbose_name=_("organisatie")
    )
    ondersteuningsvorm = models.ForeignKey(
        "aanbod.Ondersteuningsvorm",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aanbod",
        verbose_name=_("ondersteuningsvorm"),
    )

    # For whom and about what
    doelgroepen = models.ManyToManyField("aanbod.Doelgroep", blank=True, verbose_name=_("doelgroepen"))
    levensdomeinen = models.ManyToManyField("aanbod.Levensdomein", blank=True, verbose_name=_("levensdomeinen"))
    themas = models.ManyToManyField("aanbod.Thema", blank=True, verbose_name=_("thema's"))
    leeftijd_min = models.PositiveSmallIntegerField(_("minimumleeftijd"), null=True, blank=True)
    leeftijd_max = models.PositiveSmallIntegerField(_("maximumleeftijd"), null=True, blank=True)

    # How to get in, what it costs, how it is delivered
    toegangswegen = models.ManyToManyField("aanbod.Toegangsweg", blank=True, verbose_name=_("toegangswegen"))
    aanmelding = models.TextField(
        _("hoe aanmelden"), blank=True, help_text=_("Intakeroute: wie belt wie, wat gebeurt er bij het eerste contact.")
    )
    meebrengen = models.TextField(_("wat meebrengen"), blank=True)
    kostprijs = models.CharField(_("kostprijs"), max_length=20, choices=Kostprijs.choices, default=Kostprijs.GRATIS)
    kostprijs_toelichting = models.CharField(_("toelichting kostprijs"), max_length=300, blank=True)
    talen = ArrayField(
        models.CharField(max_length=3, choices=Taal.choices), verbose_name=_("talen"), blank=True, default=list
    )
    werkvormen = ArrayField(
        models.CharField(max_length=20, choices=Werkvorm.choices),
        verbose_name=_("werkvormen"),
        blank=True,
        default=list,
    )

    # Where: area served (werkingsgebied) versus places of delivery (locaties)
    werkingsgebied_vlaanderen = models.BooleanField(
        _("heel Vlaanderen en Brussel"), default=False, help_text=_("Bv. een hulplijn.")
    )
    werkingsgebied_zones = models.ManyToManyField(
        "aanbod.Eerstelijnszone", blank=True, related_name="aanbod", verbose_name=_("werkingsgebied: zones")
    )
    werkingsgebied_gemeenten = models.ManyToManyField(
        "aanbod.Gemeente", blank=True, related_name="aanbod", verbose_name=_("werkingsgebied: gemeenten")
    )
    locaties = models.ManyToManyField("aanbod.Locatie", blank=True, related_name="aanbod", verbose_name=_("locaties"))

    # Contact
    contactpersoon = models.CharField(_("contactpersoon"), max_length=150, blank=True)
    contactpersoon_functie = models.CharField(_("functie contactpersoon"), max_length=150, blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    openingsuren_toelichting = models.CharField(_("toelichting openingsuren"), max_length=300, blank=True)

    # Capacity and waiting time
    capaciteit = models.CharField(
        _("capaciteit"), max_length=20, choices=Capaciteit.choices, default=Capaciteit.ONBEKEND
    )
    wachttijd_weken = models.PositiveSmallIntegerField(_("geschatte wachttijd (weken)"), null=True, blank=True)
    capaciteit_bijgewerkt_op = models.DateTimeField(_("capaciteit bijgewerkt op"), null=True, blank=True)

    # Status and freshness
    status = models.CharField(_("status"), max_length=20, choices=AanbodStatus.choices, default=AanbodStatus.ACTIEF)
    laatst_gecontroleerd_op = models.DateField(_("laatst gecontroleerd op"), null=True, blank=True)
    laatst_gecontroleerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("laatst gecontroleerd door"),
    )
    # The curator who picked this record from the zone's work queue (freshness round).
    toegewezen_aan = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toegewezen aan"),
    )
    is_fictief = models.BooleanField(_("fictief (demo)"), default=False)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True, db_index=True)

    # Weighted Dutch search vector, maintained by PostgreSQL triggers on every write path (ORM, bulk
    # inserts, COPY, changes to the organisation, concept or facet labels): see migration 0003 and
    # docs/search.md. Never written by Python.
    zoekvector = SearchVectorField(null=True, editable=False)

    # The link tables above as sorted id arrays on the row, so the search filters coverage and facets
    # with a GIN-indexed array predicate and counts facets with unnest() instead of EXISTS on six link
    # tables (docs/search.md). Maintained by PostgreSQL triggers on every write path (ORM, bulk_create,
    # COPY, cascade deletes): see migration 0006. Never written by Python; an UPDATE from a client leaves
    # them as they are.
    dekking_gemeenten = ArrayField(models.IntegerField(), default=list, editable=False)
    dekking_zones = ArrayField(models.IntegerField(), default=list, editable=False)
    thema_ids = ArrayField(models.IntegerField(), default=list, editable=False)
    doelgroep_ids = ArrayField(models.IntegerField(), default=list, editable=False)
    levensdomein_ids = ArrayField(models.IntegerField(), default=list, editable=False)
    toegang_ids = ArrayField(models.IntegerField(), default=list, editable=False)

    objects = AanbodQuerySet.as_manager()
    # Who changed what and when, with revert by a curator (docs/adr/0004). Bulk writes that bypass
    # save() (generated test data, COPY) are deliberately not recorded.
    historiek = HistoricalRecords(
        excluded_fields=["zoekvector", "gewijzigd_op", "toegewezen_aan", *KOPPELING_KOLOMMEN],
        m2m_fields=[doelgroepen, levensdomeinen, themas, toegangswegen, werkingsgebied_zones, werkingsgebied_gemeenten],
    )

    class Meta:
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")
        ordering = ["naam"]
        indexes = [
            GinIndex(fields=["zoekvector"], name="aanbod_zoekvector_gin"),
            *(GinIndex(fields=[kolom], name=f"aanbod_{kolom}_gin") for kolom in KOPPELING_KOLOMMEN),
            # The "all of Flanders" arm of the coverage rule as an index too, so the planner can combine
            # coverage (BitmapOr) with the full-text index (BitmapAnd) and visit only matching rows.
            models.Index(fields=["id"], condition=Q(werkingsgebied_vlaanderen=True), name="aanbod_heel_vlaanderen"),
            # The catalogue's stable order (naam, id): HSDS export chunks and list pages read a range of it
            # instead of sorting all 100k rows per chunk (aanbod/hsds/export.py _in_brokken). With the
            # columns of ``zichtbaar()`` included, counting and paging public aanbod never reads the
            # wide rows themselves (a count at 100k: 158 → 40 ms).
            models.Index(fields=["naam", "id"], include=["status", "organisatie"], name="aanbod_naam_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(leeftijd_min__isnull=True)
                | Q(leeftijd_max__isnull=True)
                | Q(leeftijd_min__lte=models.F("leeftijd_max")),
                name="aanbod_leeftijd_min_tot_max",
                violation_error_message=_("De minimumleeftijd mag niet hoger zijn dan de maximumleeftijd."),
            ),
            models.CheckConstraint(
                condition=(Q(leeftijd_min__isnull=True) | Q(leeftijd_min__lte=MAX_LEEFTIJD))
                & (Q(leeftijd_max__isnull=True) | Q(leeftijd_max__lte=MAX_LEEFTIJD)),
                name="aanbod_leeftijd_realistisch",
                violation_error_message=_("Een leeftijd ligt tussen 0 en 120 jaar."),
            ),
            models.CheckConstraint(
                condition=Q(wachttijd_weken__isnull=True) | Q(wachttijd_weken__lte=260),
                name="aanbod_wachttijd_hoogstens_5_jaar",
                violation_error_message=_("Een wachttijd van meer dan 260 weken is waarschijnlijk een tikfout."),
            ),
            models.CheckConstraint(
                condition=Q(wachttijd_weken__isnull=True)
                | Q(capaciteit__in=[Capaciteit.WACHTLIJST, Capaciteit.VOLZET, Capaciteit.BEPERKT]),
                name="aanbod_wachttijd_enkel_bij_wachtlijst",
                violation_error_message=_("Een wachttijd hoort bij een wachtlijst, volzet of beperkte plaats."),
            ),
            models.CheckConstraint(
                condition=Q(capaciteit=Capaciteit.ONBEKEND) | Q(capaciteit_bijgewerkt_op__isnull=False),
                name="aanbod_capaciteit_met_datum",
                violation_error_message=_("Een capaciteit heeft een datum van bijwerken."),
            ),
            models.CheckConstraint(condition=Q(status__in=AanbodStatus.values), name="aanbod_status_geldig"),
            models.CheckConstraint(condition=Q(capaciteit__in=Capaciteit.values), name="aanbod_capaciteit_geldig"),
        ]

    def __str__(self) -> str:
        return self.naam


class Openingsuur(models.Model):
    """A weekly opening slot of a location or of an aanbod (e.g. a phone line); HSDS schedule."""

    locatie = models.ForeignKey(
        "aanbod.Locatie", on_delete=models.CASCADE, null=True, blank=True, related_name="openingsuren"
    )
    aanbod = models.ForeignKey(Aanbod, on_delete=models.CASCADE, null=True, blank=True, related_name="openingsuren")
    dag = models.PositiveSmallIntegerField(_("dag"), choices=Weekdag.choices)
    van = models.TimeField(_("van"))
    tot = models.TimeField(_("tot"))

    class Meta:
        verbose_name = _("openingsuur")
        verbose_name_plural = _("openingsuren")
        ordering = ["dag", "van"]
        constraints = [
            models.CheckConstraint(
                condition=Q(locatie__isnull=False, aanbod__isnull=True) | Q(locatie__isnull=True, aanbod__isnull=False),
                name="openingsuur_van_locatie_of_aanbod",
                violation_error_message=_("Een openingsuur hoort bij een locatie of bij een aanbod, niet bij beide."),
            ),
            models.CheckConstraint(
                condition=Q(van__lt=models.F("tot")),
                name="openingsuur_van_voor_tot",
                violation_error_message=_("Het beginuur moet voor het einduur liggen."),
            ),
            models.CheckConstraint(condition=Q(dag__gte=1, dag__lte=7), name="openingsuur_dag_1_tot_7"),
        ]

    def __str__(self) -> str:
        return f"{self.get_dag_display()} {self.van:%H:%M}–{self.tot:%H:%M}"
