"""Who works where: professionals and editors of organisations, curators of zones."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from aanbod.constants import MedewerkerRol


class Medewerker(models.Model):
    """A user who works for an organisation: sees its referrals, and as redacteur edits its aanbod."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="medewerkerschappen")
    organisatie = models.ForeignKey("aanbod.Organisatie", on_delete=models.CASCADE, related_name="medewerkers")
    rol = models.CharField(_("rol"), max_length=20, choices=MedewerkerRol.choices, default=MedewerkerRol.HULPVERLENER)
    functie = models.CharField(_("functie"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")
        constraints = [models.UniqueConstraint(fields=["user", "organisatie"], name="medewerker_uniek")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisatie} ({self.get_rol_display()})"


class Curator(models.Model):
    """A staff member of a zorgraad who curates the catalogue of one or more zones."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="curatorschappen")
    zone = models.ForeignKey("aanbod.Eerstelijnszone", on_delete=models.CASCADE, related_name="curatoren")

    class Meta:
        verbose_name = _("curator")
        verbose_name_plural = _("curatoren")
        constraints = [models.UniqueConstraint(fields=["user", "zone"], name="curator_uniek")]

    def __str__(self) -> str:
        return f"{self.user} — {self.zone}"
