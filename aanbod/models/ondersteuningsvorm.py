"""Support-form concepts (1G1P, D.O.P., gezinscoaching, …): defined once, offered locally as aanbod."""

import uuid

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _


class OndersteuningsvormQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(actief=True)


class Ondersteuningsvorm(models.Model):
    """A curated support-form concept with a legal basis and a target group.

    The concept says what the form *is* everywhere in Flanders (plain-language summary, who it is for,
    how access works, funder, legal basis). Each provider that offers it in a zone is an ``Aanbod``
    pointing here, with its own contact, area served, hours, cost and waiting time.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=120, unique=True)
    naam = models.CharField(_("naam"), max_length=150, unique=True)
    afkorting = models.CharField(_("afkorting"), max_length=30, blank=True)
    volledige_naam = models.CharField(_("volledige naam"), max_length=250, blank=True)
    samenvatting = models.TextField(_("samenvatting in eenvoudige taal"), help_text=_("B1-niveau, 2 tot 4 zinnen."))
    voor_wie = models.TextField(_("voor wie"), blank=True)
    toegang_uitleg = models.TextField(_("hoe krijg je toegang"), blank=True)
    financier = models.CharField(_("financier / beleidsdomein"), max_length=250, blank=True)
    wettelijke_basis = models.TextField(_("wettelijke basis"), blank=True)
    meer_info_url = models.URLField(_("meer informatie"), blank=True)
    synoniemen = ArrayField(
        models.CharField(max_length=100),
        verbose_name=_("synoniemen en schrijfwijzen"),
        blank=True,
        default=list,
        help_text=_("Andere namen waarop mensen zoeken, bv. 'een gezin een plan'."),
    )
    uit_matrix = models.BooleanField(
        _("uit de matrix Vroeg en nabij"),
        default=False,
        help_text=_("Een van de 24 ondersteuningsvormen van de matrix."),
    )
    actief = models.BooleanField(_("actief"), default=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True, db_index=True)

    objects = OndersteuningsvormQuerySet.as_manager()

    class Meta:
        verbose_name = _("ondersteuningsvorm")
        verbose_name_plural = _("ondersteuningsvormen")
        ordering = ["naam"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.afkorting})" if self.afkorting and self.afkorting != self.naam else self.naam
