"""Belgian geography: eerstelijnszones, municipalities (2025), postal places and zone membership."""

import uuid

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aanbod.constants import BELGIE_LAT, BELGIE_LON


def _in_belgie(prefix: str = "") -> Q:
    lat, lon = f"{prefix}latitude", f"{prefix}longitude"
    return (Q(**{f"{lat}__isnull": True}) & Q(**{f"{lon}__isnull": True})) | (
        Q(**{f"{lat}__gte": BELGIE_LAT[0], f"{lat}__lte": BELGIE_LAT[1]})
        & Q(**{f"{lon}__gte": BELGIE_LON[0], f"{lon}__lte": BELGIE_LON[1]})
    )


class Eerstelijnszone(models.Model):
    """One of the 60 primary-care zones (ELZ) of Flanders and Brussels, run by a zorgraad."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(_("code"), max_length=60, unique=True, help_text=_("Stabiele code, bv. kempenland."))
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    weergavenaam = models.CharField(_("weergavenaam"), max_length=120)
    provincie = models.CharField(_("provincie"), max_length=60, blank=True)
    opmerking = models.TextField(_("opmerking"), blank=True)
    gemeenten = models.ManyToManyField(
        "aanbod.Gemeente", through="aanbod.ZoneLidmaatschap", related_name="zones", verbose_name=_("gemeenten")
    )

    class Meta:
        verbose_name = _("eerstelijnszone")
        verbose_name_plural = _("eerstelijnszones")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.weergavenaam


class GemeenteQuerySet(models.QuerySet):
    def vlaams_of_brussels(self):
        return self.filter(gewest__in=[Gemeente.VLAAMS_GEWEST, Gemeente.BRUSSELS_GEWEST])


class Gemeente(models.Model):
    """A Belgian municipality as of 1 January 2025 (Statbel REFNIS), with the centroid of its main town."""

    VLAAMS_GEWEST = "Vlaams Gewest"
    BRUSSELS_GEWEST = "Brussels Hoofdstedelijk Gewest"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    nis_code = models.CharField(_("NIS-code"), max_length=5, unique=True)
    naam = models.CharField(_("naam"), max_length=100, db_index=True)
    naam_fr = models.CharField(_("Franse naam"), max_length=100, blank=True)
    slug = models.SlugField(max_length=120, unique=True)
    arrondissement = models.CharField(_("arrondissement"), max_length=100, blank=True)
    provincie = models.CharField(_("provincie"), max_length=100, blank=True)
    gewest = models.CharField(_("gewest"), max_length=60)
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)

    objects = GemeenteQuerySet.as_manager()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(condition=Q(nis_code__regex=r"^[0-9]{5}$"), name="gemeente_nis_code_5_cijfers"),
            models.CheckConstraint(condition=_in_belgie(), name="gemeente_coordinaten_in_belgie"),
        ]

    def __str__(self) -> str:
        return self.naam


class GemeenteAlias(models.Model):
    """A former name of a municipality (merged in 2025), kept so that old names still find it."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="aliassen")
    naam = models.CharField(_("oude naam"), max_length=100, unique=True)
    oude_nis_code = models.CharField(_("oude NIS-code"), max_length=5, blank=True)
    reden = models.CharField(_("reden"), max_length=100, blank=True)
    sinds = models.DateField(_("sinds"), null=True, blank=True)

    class Meta:
        verbose_name = _("oude gemeentenaam")
        verbose_name_plural = _("oude gemeentenamen")
        ordering = ["naam"]

    def __str__(self) -> str:
        return f"{self.naam} → {self.gemeente}"


class PostPlaats(models.Model):
    """A postal place: a postcode with the name of a (deel)gemeente and its coordinates (GeoNames)."""

    postcode = models.CharField(_("postcode"), max_length=4, db_index=True)
    naam = models.CharField(_("plaatsnaam"), max_length=100)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="postplaatsen")
    latitude = models.FloatField(_("breedtegraad"), null=True, blank=True)
    longitude = models.FloatField(_("lengtegraad"), null=True, blank=True)

    class Meta:
        verbose_name = _("postplaats")
        verbose_name_plural = _("postplaatsen")
        ordering = ["postcode", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["postcode", "naam"], name="postplaats_uniek"),
            models.CheckConstraint(
                condition=Q(postcode__regex=r"^[1-9][0-9]{3}$"), name="postplaats_postcode_4_cijfers"
            ),
            models.CheckConstraint(condition=_in_belgie(), name="postplaats_coordinaten_in_belgie"),
        ]

    def __str__(self) -> str:
        return f"{self.postcode} {self.naam}"


class ZoneLidmaatschap(models.Model):
    """Membership of a municipality in a zone; ``postcodes`` limits it to part of the municipality.

    Only the city of Antwerp is split over zones by postcode; for every other municipality the list is
    empty and the whole municipality belongs to the zone.
    """

    zone = models.ForeignKey(Eerstelijnszone, on_delete=models.CASCADE, related_name="lidmaatschappen")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="lidmaatschappen")
    postcodes = ArrayField(models.CharField(max_length=4), blank=True, default=list)
    status = models.CharField(
        _("status van de bron"), max_length=60, blank=True, help_text=_("Hoe zeker de toewijzing is (zie bron).")
    )

    class Meta:
        verbose_name = _("lidmaatschap van een zone")
        verbose_name_plural = _("lidmaatschappen van zones")
        constraints = [models.UniqueConstraint(fields=["zone", "gemeente"], name="zonelidmaatschap_uniek")]

    def __str__(self) -> str:
        deel = f" ({', '.join(self.postcodes)})" if self.postcodes else ""
        return f"{self.gemeente}{deel} ∈ {self.zone}"
