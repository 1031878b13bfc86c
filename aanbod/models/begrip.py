"""The glossary: jargon and abbreviations explained in plain Dutch."""

import uuid

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _


class BegripQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(actief=True)


class Begrip(models.Model):
    """A term of the field (MDO, ITP, PVB, mantelzorger, …) with a plain explanation.

    One abbreviation can mean several things (MDO): each meaning is its own Begrip with a ``context``.
    Synonyms feed search ("DOP" finds "Dienst Ondersteuningsplan").
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.SlugField(max_length=120, unique=True)
    term = models.CharField(_("term"), max_length=150)
    afkorting = models.CharField(_("afkorting"), max_length=30, blank=True, db_index=True)
    context = models.CharField(
        _("context"), max_length=150, blank=True, help_text=_("Enkel bij meerdere betekenissen.")
    )
    uitleg = models.TextField(_("uitleg in eenvoudige taal"))
    synoniemen = ArrayField(models.CharField(max_length=100), verbose_name=_("synoniemen"), blank=True, default=list)
    ondersteuningsvorm = models.ForeignKey(
        "aanbod.Ondersteuningsvorm",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="begrippen",
        verbose_name=_("verwante ondersteuningsvorm"),
    )
    actief = models.BooleanField(_("actief"), default=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = BegripQuerySet.as_manager()

    class Meta:
        verbose_name = _("begrip")
        verbose_name_plural = _("begrippen")
        ordering = ["term", "context"]
        constraints = [
            models.UniqueConstraint(fields=["term", "context"], name="begrip_term_context_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.context})" if self.context else self.term
