"""Curated vocabularies (facets). Values are retired (``actief=False``), never deleted."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class VocabulariumQuerySet(models.QuerySet):
    def actief(self):
        return self.filter(actief=True)


class Vocabularium(models.Model):
    """A value of a controlled list: stable ``code`` (API, HSDS taxonomy term), Dutch label."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    label = models.CharField(_("label"), max_length=120)
    uitleg = models.CharField(_("uitleg"), max_length=300, blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    actief = models.BooleanField(_("actief"), default=True, help_text=_("Uitgeschakelde waarden blijven bestaan."))

    objects = VocabulariumQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["volgorde", "label"]

    def __str__(self) -> str:
        return self.label


class Doelgroep(Vocabularium):
    """A target group (who an aanbod is for), e.g. mantelzorgers, jongeren."""

    class Meta(Vocabularium.Meta):
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")


class Levensdomein(Vocabularium):
    """A life domain an aanbod helps with, e.g. wonen, inkomen en schulden."""

    class Meta(Vocabularium.Meta):
        verbose_name = _("levensdomein")
        verbose_name_plural = _("levensdomeinen")


class Thema(Vocabularium):
    """A theme people browse by, e.g. mantelzorg, dementie."""

    class Meta(Vocabularium.Meta):
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")


class Toegangsweg(Vocabularium):
    """How a person gets in: zelf aanmelden, via een professional, via de ITP, gerechtelijk, outreach."""

    class Meta(Vocabularium.Meta):
        verbose_name = _("toegangsweg")
        verbose_name_plural = _("toegangswegen")
