"""Input from the field: 'meld een fout of wijziging' and 'aanbod ontbreekt'."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SuggestieSoort(models.TextChoices):
    FOUT = "fout", _("Fout of wijziging")
    ONTBREEKT = "ontbreekt", _("Aanbod ontbreekt")


class SuggestieStatus(models.TextChoices):
    NIEUW = "nieuw", _("Nieuw")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    AFGEHANDELD = "afgehandeld", _("Afgehandeld")
    AFGEWEZEN = "afgewezen", _("Afgewezen")


ANTWOORDTERMIJN = dt.timedelta(days=14)


class SuggestieQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user):
        """The one visibility rule for reports (they may hold the reporter's e-mail address).

        Superusers see all; curators see reports about their zones or about aanbod they curate;
        everybody else sees nothing.
        """
        from aanbod.models.aanbod import Aanbod
        from aanbod.models.geografie import Eerstelijnszone

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        zones = Eerstelijnszone.objects.filter(curatoren__user=user)
        return self.filter(
            models.Q(zone__in=zones) | models.Q(aanbod__in=Aanbod.objects.beheerbaar_door(user))
        ).distinct()


class Suggestie(models.Model):
    """A report from a resident or professional for the curators of a zone.

    The reporter may leave an e-mail address to hear back; it is the only personal data here and is
    shown to the zone's curators only.
    """

    soort = models.CharField(_("soort"), max_length=20, choices=SuggestieSoort.choices)
    aanbod = models.ForeignKey(
        "aanbod.Aanbod", on_delete=models.CASCADE, null=True, blank=True, related_name="suggesties"
    )
    zone = models.ForeignKey(
        "aanbod.Eerstelijnszone", on_delete=models.PROTECT, null=True, blank=True, related_name="suggesties"
    )
    beschrijving = models.TextField(_("wat klopt er niet of wat ontbreekt er?"), max_length=4000)
    email = models.EmailField(_("e-mail (als je een antwoord wilt)"), blank=True)
    zoekvraag = models.CharField(_("zoekvraag"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SuggestieStatus.choices, default=SuggestieStatus.NIEUW
    )
    toegewezen_aan = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    antwoord_uiterlijk = models.DateField(_("antwoord uiterlijk op"), null=True, blank=True)
    antwoord = models.TextField(_("antwoord aan de melder"), blank=True, max_length=4000)
    behandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    objects = SuggestieQuerySet.as_manager()

    class Meta:
        verbose_name = _("suggestie")
        verbose_name_plural = _("suggesties")
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(aanbod__isnull=False) | models.Q(zone__isnull=False),
                name="suggestie_over_aanbod_of_zone",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.aanbod or self.zone}"
