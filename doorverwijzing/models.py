"""Warm referrals between organisations: the referral, its legal basis, messages, feedback and logs.

Personal data is minimal and lives only on :class:`Doorverwijzing` (and in message texts); every
queryset that shows it goes through ``Doorverwijzing.objects.zichtbaar_voor(user)``.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from doorverwijzing.constants import (
    Contactwijze,
    GebeurtenisSoort,
    Grond,
    Reden,
    Status,
    ToestemmingsVorm,
    Uitkomst,
    Urgentie,
)


class DoorverwijzingQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """The one visibility rule: members of the sending or the receiving organisation, nobody else.

        Curators and the zorgraad see aggregates only (statistics), never these rows; superusers are
        not an exception either: administering the system is not a reason to read a client file.
        """
        if not user.is_authenticated:
            return self.none()
        # ``kolom = ANY(ARRAY(subquery))`` (aanbod/lookups.py): the array is computed once and the planner
        # combines the organisation indexes in a BitmapOr. ``kolom IN (subquery)`` inside an OR became a
        # hashed-subplan filter over every referral: 80 ms at 100k, most of a second at 1M.
        organisaties = ArraySubquery(user.medewerkerschappen.values("organisatie_id"))
        # A draft belongs to the referrer alone until it is sent.
        return self.filter(
            Q(verwijzer_organisatie__any=organisaties)
            | (Q(ontvanger_organisatie__any=organisaties) & ~Q(status=Status.DRAFT))
        )


class Doorverwijzing(models.Model):
    """A warm handover of one person from a professional of one organisation to an aanbod of another.

    Holds only what the receiver needs to make contact and to avoid the person telling the story
    again. Status follows the FHIR referral Task codes; it changes only through the transition service.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    # Who refers to what
    verwijzer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verstuurde_doorverwijzingen"
    )
    # No index of their own: dv_verstuurd and dv_inbox below start with these columns.
    verwijzer_organisatie = models.ForeignKey(
        "aanbod.Organisatie", on_delete=models.PROTECT, related_name="verstuurde_doorverwijzingen", db_index=False
    )
    aanbod = models.ForeignKey("aanbod.Aanbod", on_delete=models.PROTECT, related_name="doorverwijzingen")
    ontvanger_organisatie = models.ForeignKey(
        "aanbod.Organisatie", on_delete=models.PROTECT, related_name="ontvangen_doorverwijzingen", db_index=False
    )
    contactpersoon = models.CharField(_("contactpersoon bij de ontvanger"), max_length=150, blank=True)
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="behandelde_doorverwijzingen",
        verbose_name=_("behandelaar bij de ontvanger"),
        db_index=False,  # dv_behandelaar below, which also covers the inbox count
    )

    # The person, minimally
    persoon_naam = models.CharField(_("naam of initialen"), max_length=100)
    persoon_geboortejaar = models.PositiveSmallIntegerField(_("geboortejaar"), null=True, blank=True)
    persoon_gemeente = models.ForeignKey(
        "aanbod.Gemeente", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("woonplaats")
    )
    contactwijze = models.CharField(_("hoe contact opnemen"), max_length=20, choices=Contactwijze.choices)
    contactgegevens = models.CharField(_("telefoon of e-mail"), max_length=150, blank=True)
    contactmomenten = models.CharField(_("wanneer bereikbaar"), max_length=200, blank=True)
    tolk_nodig = models.BooleanField(_("tolk nodig"), default=False)
    tolk_taal = models.CharField(_("taal van de tolk"), max_length=50, blank=True)
    voor_mantelzorger = models.BooleanField(
        _("voor de mantelzorger zelf"), default=False, help_text=_("Anders: namens de persoon voor wie gezorgd wordt.")
    )
    mandaat = models.CharField(_("mandaat"), max_length=300, blank=True)

    # The question
    vraag = models.TextField(_("hulpvraag"), max_length=4000)
    urgentie = models.CharField(_("urgentie"), max_length=20, choices=Urgentie.choices, default=Urgentie.GEWOON)
    reeds_geprobeerd = models.TextField(_("wat werd al geprobeerd"), max_length=2000, blank=True)

    # Status (changed only by doorverwijzing.services.doorverwijzing_overgang)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    status_reden = models.CharField(_("reden"), max_length=30, choices=Reden.choices, blank=True)
    status_toelichting = models.TextField(_("toelichting"), max_length=2000, blank=True)
    uitkomst = models.CharField(_("uitkomst"), max_length=30, choices=Uitkomst.choices, blank=True)
    verwachte_start = models.DateField(_("verwachte start"), null=True, blank=True)
    overbruggingsplan = models.TextField(_("overbruggingsplan"), max_length=2000, blank=True)
    overbrugging_door = models.CharField(_("wie blijft in contact"), max_length=200, blank=True)

    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    verstuurd_op = models.DateTimeField(null=True, blank=True)
    eerst_geopend_op = models.DateTimeField(null=True, blank=True)
    eerste_reactie_op = models.DateTimeField(null=True, blank=True)
    afgesloten_op = models.DateTimeField(null=True, blank=True, db_index=True)
    gewijzigd_op = models.DateTimeField(auto_now=True, db_index=True)
    gepseudonimiseerd_op = models.DateTimeField(null=True, blank=True)

    objects = DoorverwijzingQuerySet.as_manager()

    class Meta:
        verbose_name = _("doorverwijzing")
        verbose_name_plural = _("doorverwijzingen")
        ordering = ["-aangemaakt_op"]
        # The inbox counts its tabs from these indexes alone (index-only scans): the included columns
        # are those of the visibility rule and of the "te laat" tab. Without them every count visited
        # the row of each referral: 64 ms for the busiest sender at a million referrals, now 1 ms.
        indexes = [
            models.Index(
                fields=["ontvanger_organisatie", "status", "-aangemaakt_op"],
                include=["verwijzer_organisatie", "verstuurd_op", "eerste_reactie_op"],
                name="dv_inbox",
            ),
            models.Index(
                fields=["verwijzer_organisatie", "-aangemaakt_op"],
                include=["ontvanger_organisatie", "status"],
                name="dv_verstuurd",
            ),
            models.Index(
                fields=["behandelaar"],
                include=["verwijzer_organisatie", "ontvanger_organisatie", "status"],
                name="dv_behandelaar",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(persoon_geboortejaar__isnull=True)
                | Q(persoon_geboortejaar__gte=1900, persoon_geboortejaar__lte=2100),
                name="dv_geboortejaar_realistisch",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[Status.REJECTED, Status.ON_HOLD, Status.FAILED, Status.CANCELLED])
                | ~Q(status_reden=""),
                name="dv_reden_bij_weigering_wachtlijst_mislukt_annulering",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.COMPLETED) | ~Q(uitkomst=""), name="dv_uitkomst_bij_afronding"
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.ON_HOLD) | ~Q(overbruggingsplan=""),
                name="dv_overbruggingsplan_bij_wachtlijst",
            ),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="dv_status_geldig"),
        ]

    def __str__(self) -> str:
        return f"{self.persoon_naam} → {self.aanbod_id} ({self.get_status_display()})"


class Toestemming(models.Model):
    """The legal basis for sharing, required before sending: consent, or shared professional secrecy."""

    doorverwijzing = models.OneToOneField(Doorverwijzing, on_delete=models.CASCADE, related_name="toestemming")
    grond = models.CharField(_("grond"), max_length=30, choices=Grond.choices)
    vorm = models.CharField(_("vorm"), max_length=20, choices=ToestemmingsVorm.choices, blank=True)
    door_vertegenwoordiger = models.BooleanField(_("gegeven door een vertegenwoordiger"), default=False)
    vertegenwoordiger = models.CharField(_("naam en rol van de vertegenwoordiger"), max_length=150, blank=True)
    bevestigd_door_verwijzer = models.BooleanField(_("ik bevestig dat de persoon toestemming gaf"), default=False)
    beiden_beroepsgeheim = models.BooleanField(_("beide hulpverleners hebben beroepsgeheim"), default=False)
    zelfde_persoon = models.BooleanField(_("het gaat om dezelfde persoon"), default=False)
    gedeeld_doel = models.BooleanField(_("we delen enkel wat nodig is voor een gedeeld doel"), default=False)
    persoon_geinformeerd = models.BooleanField(_("de persoon is geïnformeerd"), default=False)
    reikwijdte = models.CharField(_("wat mag gedeeld worden"), max_length=500)
    gegeven_op = models.DateField(_("datum"))
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(grond=Grond.TOESTEMMING, bevestigd_door_verwijzer=True) & ~Q(vorm="")
                    | Q(
                        grond=Grond.GEDEELD_BEROEPSGEHEIM,
                        beiden_beroepsgeheim=True,
                        zelfde_persoon=True,
                        gedeeld_doel=True,
                        persoon_geinformeerd=True,
                    )
                ),
                name="toestemming_volledig",
                violation_error_message=_(
                    "De toestemming of de voorwaarden van gedeeld beroepsgeheim zijn niet volledig."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_grond_display()} ({self.gegeven_op})"

    @property
    def geldig(self) -> bool:
        return self.ingetrokken_op is None


class Bericht(models.Model):
    """A message in the thread between the two sides of a referral."""

    doorverwijzing = models.ForeignKey(Doorverwijzing, on_delete=models.CASCADE, related_name="berichten")
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisatie = models.ForeignKey("aanbod.Organisatie", on_delete=models.PROTECT, related_name="+")
    tekst = models.TextField(_("bericht"), max_length=4000)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["aangemaakt_op"]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")

    def __str__(self) -> str:
        return f"Bericht {self.pk}"


class Terugkoppeling(models.Model):
    """Structured feedback from the receiver to the referrer: the loop that today is lost."""

    doorverwijzing = models.ForeignKey(Doorverwijzing, on_delete=models.CASCADE, related_name="terugkoppelingen")
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    persoon_gecontacteerd = models.BooleanField(_("de persoon werd gecontacteerd"), default=False)
    volgende_stap = models.CharField(_("volgende stap"), max_length=300, blank=True)
    tekst = models.TextField(_("terugkoppeling"), max_length=4000)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["aangemaakt_op"]
        verbose_name = _("terugkoppeling")
        verbose_name_plural = _("terugkoppelingen")

    def __str__(self) -> str:
        return f"Terugkoppeling {self.pk}"


class Gebeurtenis(models.Model):
    """Append-only event log of a referral (who, what, when). UPDATE and DELETE are refused by the database."""

    doorverwijzing = models.ForeignKey(Doorverwijzing, on_delete=models.PROTECT, related_name="gebeurtenissen")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    soort = models.CharField(max_length=30, choices=GebeurtenisSoort.choices)
    van_status = models.CharField(max_length=20, blank=True)
    naar_status = models.CharField(max_length=20, blank=True)
    reden = models.CharField(max_length=30, blank=True)
    toelichting = models.TextField(blank=True)
    tijdstip = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["tijdstip", "id"]
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.tijdstip:%Y-%m-%d %H:%M}"


class Inzage(models.Model):
    """Read-access log: who opened which referral, when (GDPR accountability)."""

    doorverwijzing = models.ForeignKey(Doorverwijzing, on_delete=models.CASCADE, related_name="inzages")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    tijdstip = models.DateTimeField(auto_now_add=True, db_index=True)
    via = models.CharField(max_length=20, default="web")

    class Meta:
        ordering = ["-tijdstip"]
        verbose_name = _("inzage")
        verbose_name_plural = _("inzages")

    def __str__(self) -> str:
        return f"Inzage {self.pk}"


class Melding(models.Model):
    """An in-app notification: "there is an update about a referral", without personal content."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meldingen")
    doorverwijzing = models.ForeignKey(Doorverwijzing, on_delete=models.CASCADE, related_name="meldingen")
    tekst = models.CharField(max_length=200)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gelezen_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-aangemaakt_op"]
        indexes = [models.Index(fields=["user", "gelezen_op"], name="melding_ongelezen")]

    def __str__(self) -> str:
        return self.tekst


class Termijn(models.Model):
    """Reminder periods for a zone and/or a support form (the most specific one applies).

    Without a row the settings apply: HERINNERING_WERKDAGEN (first response) and
    INACTIEF_DAGEN (no activity before a proposal to close).
    """

    zone = models.ForeignKey("aanbod.Eerstelijnszone", on_delete=models.CASCADE, null=True, blank=True)
    ondersteuningsvorm = models.ForeignKey("aanbod.Ondersteuningsvorm", on_delete=models.CASCADE, null=True, blank=True)
    werkdagen_eerste_reactie = models.PositiveSmallIntegerField(_("werkdagen tot eerste reactie"), default=5)
    dagen_zonder_activiteit = models.PositiveSmallIntegerField(_("dagen zonder activiteit"), default=30)

    class Meta:
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        constraints = [
            models.UniqueConstraint(fields=["zone", "ondersteuningsvorm"], name="termijn_uniek", nulls_distinct=False),
            models.CheckConstraint(condition=Q(werkdagen_eerste_reactie__gte=1), name="termijn_minstens_een_dag"),
        ]

    def __str__(self) -> str:
        return f"{self.zone or '*'} / {self.ondersteuningsvorm or '*'}: {self.werkdagen_eerste_reactie} werkdagen"


class VerzondenOverzicht(models.Model):
    """The weekly digest sent to one organisation (so the command can run every few minutes)."""

    organisatie = models.ForeignKey("aanbod.Organisatie", on_delete=models.CASCADE)
    week = models.CharField(max_length=8, help_text="ISO-week, bv. 2026-W48")
    verzonden_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organisatie", "week"], name="overzicht_eenmaal_per_week")]

    def __str__(self) -> str:
        return f"{self.organisatie_id} {self.week}"
