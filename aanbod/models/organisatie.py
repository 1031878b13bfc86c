"""Providers (organisaties) and the places where they work (locaties)."""

import uuid

from django.db import models
from django.db.models import BigIntegerField, Case, Q, Value, When
from django.db.models.functions import Cast, Mod, Substr
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from aanbod.constants import OrganisatieSoort
from aanbod.models.geografie import _in_belgie
from aanbod.validators import formatteer_kbo, valideer_kbo

# The mod-97 rule of the KBO number, evaluated by PostgreSQL itself: (first 8 digits + last 2) % 97 == 0.
_KBO_FORMAAT = r"^[01][0-9]{9}$"
_KBO_MOD97 = Exact(
    Case(
        When(
            kbo_nummer__regex=_KBO_FORMAAT,
            then=Mod(
                Cast(Substr("kbo_nummer", 1, 8), BigIntegerField())
                + Cast(Substr("kbo_nummer", 9, 2), BigIntegerField()),
                97,
            ),
        ),
        default=Value(-1),
        output_field=BigIntegerField(),
    ),
    0,
)


class OrganisatieQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(actief=True)


class Organisatie(models.Model):
    """A provider of aanbod: a CAW, an OCMW, a CLB, a GP practice, a vzw, …

    Identified by its KBO enterprise number where it has one (HSDS organization_identifier with scheme
    BE-BCE_KBO). ``hoofdorganisatie`` links a local team to its parent (a CAW site to the CAW).
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=140, unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    kbo_nummer = models.CharField(
        _("KBO-nummer"),
        max_length=10,
        unique=True,
        null=True,
        blank=True,
        validators=[valideer_kbo],
        help_text=_("Ondernemingsnummer, 10 cijfers, bv. 0403019261."),
    )
    soort = models.CharField(_("soort"), max_length=40, choices=OrganisatieSoort.choices)
    beschrijving = models.TextField(_("beschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    telefoon = models.CharField(_("telefoon"), max_length=40, blank=True)
    hoofdorganisatie = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="afdelingen",
        verbose_name=_("hoofdorganisatie"),
    )
    actief = models.BooleanField(_("actief"), default=True)
    is_fictief = models.BooleanField(
        _("fictief (demo)"), default=False, help_text=_("Verzonnen gegevens voor demonstratie en tests.")
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True, db_index=True)

    historiek = HistoricalRecords(excluded_fields=["gewijzigd_op"])

    objects = OrganisatieQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]
        indexes = [
            models.Index(fields=["naam", "id"], name="organisatie_naam_id"),  # export order, see Aanbod
            # ``zichtbaar()`` excludes the aanbod of the few inactive organisations (an anti-join): this
            # index lists them without reading all 35k organisations in every search query.
            models.Index(fields=["id"], condition=Q(actief=False), name="organisatie_inactief"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kbo_nummer__isnull=True) | Q(_KBO_MOD97),
                name="organisatie_kbo_mod97",
                violation_error_message=_("Geen geldig KBO-ondernemingsnummer (10 cijfers, controlegetal mod 97)."),
            ),
            models.CheckConstraint(
                condition=~Q(hoofdorganisatie=models.F("pk")), name="organisatie_niet_eigen_hoofdorganisatie"
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def kbo_weergave(self) -> str:
        return formatteer_kbo(self.kbo_nummer or "")


class Locatie(models.Model):
    """A place where an organisation receives people (vestiging): address, coordinates, accessibility."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="locaties")
    naam = models.CharField(_("naam"), max_length=200, help_text=_("Bv. 'Welzijnscampus Geel'."))
    straat = models.CharField(_("straat en huisnummer"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=4)
    gemeente = models.ForeignKey(
        "aanbod.Gemeente", on_delete=models.PROTECT, related_name="locaties", verbose_name=_("gemeente")
    )
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)
    rolstoeltoegankelijk = models.BooleanField(_("rolstoeltoegankelijk"), null=True, blank=True)
    toegankelijkheid = models.TextField(_("toegankelijkheid"), blank=True, help_text=_("Drempels, lift, parking."))
    openbaar_vervoer = models.CharField(_("openbaar vervoer"), max_length=300, blank=True)
    openingsuren_toelichting = models.CharField(
        _("toelichting openingsuren"), max_length=300, blank=True, help_text=_("Bv. 'Op afspraak buiten deze uren'.")
    )
    actief = models.BooleanField(_("actief"), default=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True, db_index=True)

    historiek = HistoricalRecords(excluded_fields=["gewijzigd_op"])

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["organisatie__naam", "naam"]
        indexes = [models.Index(fields=["naam", "id"], name="locatie_naam_id")]  # export order, see Aanbod
        constraints = [
            models.CheckConstraint(condition=Q(postcode__regex=r"^[1-9][0-9]{3}$"), name="locatie_postcode_4_cijfers"),
            models.CheckConstraint(condition=_in_belgie(), name="locatie_coordinaten_in_belgie"),
        ]

    def __str__(self) -> str:
        return f"{self.naam}, {self.straat}, {self.postcode} {self.gemeente}"

    @property
    def adres(self) -> str:
        return f"{self.straat}, {self.postcode} {self.gemeente}"
