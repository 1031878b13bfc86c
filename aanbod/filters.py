"""The one FilterSet of the catalogue, shared by the HTML search and the API.

Facets combine: values within one facet are alternatives (thema=mantelzorg&thema=dementie), different
facets must all hold. The free-text ``q`` is not applied here: ranking, synonyms, the fallback to "any
word" and spelling suggestions live in :mod:`aanbod.zoeken.dienst`, which both callers use.
"""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.fields.array import ArrayOverlap
from django.db import models
from django.db.models import Expression, Func, Q, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from aanbod.constants import MAX_LEEFTIJD, Capaciteit, Kostprijs, Taal, Werkvorm
from aanbod.models import (
    Aanbod,
    Doelgroep,
    Eerstelijnszone,
    Levensdomein,
    Ondersteuningsvorm,
    Thema,
    Toegangsweg,
)
from aanbod.zoeken.plaats import Plaats, zoek_plaats
from aanbod.zoeken.tekst import woorden


def _via_koppeling(kolom: str):
    """Filter method for an M2M facet: overlap with the link table's id array on the row (``thema_ids``).

    The trigger-maintained array (migration 0006) replaces an EXISTS on the link table per row; the ids go
    in as constants, so the planner knows from its statistics how common the value is (an access route
    shared by half the catalogue) and starts from the most selective index.
    """

    def filter_methode(queryset, name, waarden):
        if not waarden:
            return queryset
        return queryset.filter(**{f"{kolom}__overlap": sorted(w.pk for w in waarden)})

    return filter_methode


class RijKolom(Expression):
    """A column of the queryset's own table that is not a model field (kept by triggers, e.g. ``open_seconden``).

    Addressed through the table's alias in this query, so it also holds inside a subquery.
    """

    def __init__(self, kolom: str):
        super().__init__()
        self.kolom = kolom

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.{connection.ops.quote_name(self.kolom)}", []


class ZonderIndex(Func):
    """An integer-array column as an expression that no index matches (the column concatenated with '{}')."""

    template = "(%(expressions)s || '{}'::integer[])"
    output_field = ArrayField(models.IntegerField())


class CodeVeld(forms.ModelMultipleChoiceField):
    """Empty values (``thema=``) mean 'no choice', as an empty form field does."""

    def clean(self, value):
        return super().clean([v for v in (value or []) if v not in ("", None)])


@extend_schema_field(OpenApiTypes.STR)
class CodeFilter(django_filters.ModelMultipleChoiceFilter):
    """Values addressed by a stable code or slug (repeatable: ``thema=a&thema=b``)."""

    field_class = CodeVeld


class KeuzesVeld(forms.MultipleChoiceField):
    """Empty values (``taal=``) mean 'no choice'."""

    def clean(self, value):
        return super().clean([v for v in (value or []) if v not in ("", None)])


class KeuzesFilter(django_filters.MultipleChoiceFilter):
    field_class = KeuzesVeld


MAX_OFFSET = dt.timedelta(hours=14)


def controleer_tijdstip(waarde: dt.datetime | None) -> dt.datetime | None:
    """A moment PostgreSQL can compare: offset within ±14 h (real time zones) and a year from 1 to 9999."""
    if waarde is None:
        return None
    offset = waarde.utcoffset()
    if offset is not None and abs(offset) > MAX_OFFSET:
        raise forms.ValidationError(_("Een tijdzone ligt tussen -14:00 en +14:00."), code="ongeldige_tijdzone")
    try:
        waarde.astimezone(dt.UTC)
    except OverflowError as fout:
        raise forms.ValidationError(_("Dit tijdstip ligt buiten het bereik."), code="buiten_bereik") from fout
    return waarde


class TijdstipVeld(django_filters.fields.IsoDateTimeField):
    def clean(self, value):
        return controleer_tijdstip(super().clean(value))


class TijdstipFilter(django_filters.IsoDateTimeFilter):
    """`gewijzigd_sinds`: ISO 8601; an impossible offset or year is a 400, not a database error."""

    field_class = TijdstipVeld


class JaNeeVeld(forms.Field):
    """A strict yes/no: ``true``/``false`` (also ``1``/``0``, ``on`` from a checkbox); anything else is an error."""

    WAAR, ONWAAR = {"true", "1", "on", "ja"}, {"false", "0", "nee"}

    def to_python(self, value):
        if value in (None, ""):
            return None
        tekst = str(value).strip().lower()
        if tekst in self.WAAR:
            return True
        if tekst in self.ONWAAR:
            return False
        raise forms.ValidationError(_("Gebruik true of false."), code="ongeldig")


@extend_schema_field(OpenApiTypes.BOOL)
class JaNeeFilter(django_filters.Filter):
    field_class = JaNeeVeld


def _vocabularium_filter(model, kolom: str, label) -> django_filters.ModelMultipleChoiceFilter:
    """A facet over an active vocabulary, addressed by its stable code (``thema=mantelzorg``)."""
    return CodeFilter(
        queryset=model.objects.actief(),
        to_field_name="code",
        distinct=False,
        method=_via_koppeling(kolom),
        label=label,
    )


class PlaatsField(forms.CharField):
    """A municipality name, old name, deelgemeente, NIS code or postcode, cleaned to a :class:`Plaats`."""

    def clean(self, value):
        tekst = super().clean(value)
        if not tekst:
            return None
        plaats = zoek_plaats(tekst)
        if plaats is None:
            raise forms.ValidationError(
                _("We vinden geen gemeente of postcode '%(invoer)s'. Kijk de schrijfwijze na of geef een postcode."),
                code="onbekende_plaats",
                params={"invoer": tekst},
            )
        return plaats


class PlaatsFilter(django_filters.CharFilter):
    field_class = PlaatsField


class ZoekForm(forms.Form):
    """The search form; its errors are shown in Dutch next to the field (HTML) or per field (API)."""


class AanbodFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="bewaar_zoektekst",
        label=_("Wat zoek je?"),
        max_length=200,
        help_text=_("Bijvoorbeeld: dementie, schulden, opvoedingsvragen, DOP."),
    )
    gemeente = PlaatsFilter(
        method="filter_plaats",
        label=_("Voor wie woont in"),
        max_length=100,
        help_text=_("Gemeente, deelgemeente of postcode."),
    )
    postcode = PlaatsFilter(method="filter_plaats", label=_("Postcode"), max_length=4)
    zone = CodeFilter(
        queryset=Eerstelijnszone.objects.all(),
        to_field_name="code",
        method="filter_zone",
        distinct=False,
        label=_("Eerstelijnszone"),
    )
    doelgroep = _vocabularium_filter(Doelgroep, "doelgroep_ids", _("Voor wie"))
    levensdomein = _vocabularium_filter(Levensdomein, "levensdomein_ids", _("Levensdomein"))
    thema = _vocabularium_filter(Thema, "thema_ids", _("Thema"))
    toegang = CodeFilter(
        queryset=Toegangsweg.objects.actief(),
        to_field_name="code",
        distinct=False,
        method="filter_toegang",
        label=_("Toegang"),
    )
    ondersteuningsvorm = CodeFilter(
        queryset=Ondersteuningsvorm.objects.actief(),
        to_field_name="slug",
        method="filter_ondersteuningsvorm",
        distinct=False,
        label=_("Ondersteuningsvorm"),
    )
    leeftijd = django_filters.NumberFilter(
        method="filter_leeftijd",
        label=_("Leeftijd"),
        help_text=_("Leeftijd in jaren van wie hulp zoekt."),
        min_value=0,
        max_value=MAX_LEEFTIJD,
        widget=forms.NumberInput(attrs={"min": 0, "max": MAX_LEEFTIJD, "inputmode": "numeric"}),
    )
    kostprijs = KeuzesFilter(choices=Kostprijs.choices, distinct=False, label=_("Kostprijs"))
    capaciteit = KeuzesFilter(choices=Capaciteit.choices, distinct=False, label=_("Plaats"))
    taal = KeuzesFilter(choices=Taal.choices, method="filter_taal", distinct=False, label=_("Taal"))
    werkvorm = KeuzesFilter(choices=Werkvorm.choices, method="filter_werkvorm", distinct=False, label=_("Hoe"))
    open_nu = JaNeeFilter(method="filter_open_nu", label=_("Nu open"))
    gewijzigd_sinds = TijdstipFilter(field_name="gewijzigd_op", lookup_expr="gte", label=_("Gewijzigd sinds"))

    class Meta:
        model = Aanbod
        fields: list[str] = []
        form = ZoekForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.zoektekst = ""
        self.plaats: Plaats | None = None

    # --- place (resolved to a Plaats by ZoekForm) --------------------------------------------------

    def filter_plaats(self, queryset, name, plaats: Plaats | None):
        if plaats is None or (self.plaats is not None and name == "postcode"):
            return queryset
        self.plaats = plaats
        return queryset.voor_gemeente(plaats.gemeente, postcode=plaats.postcode)

    def filter_zone(self, queryset, name, zones):
        return queryset.in_zone(*zones) if zones else queryset

    # --- other facets ------------------------------------------------------------------------------

    def bewaar_zoektekst(self, queryset, name, waarde):
        self.zoektekst = waarde or ""
        return queryset

    def filter_toegang(self, queryset, name, toegangswegen):
        """Aanbod open through one of ``toegangswegen``, via ``toegang_ids`` (as ``_via_koppeling``).

        There are five access routes, each open to 12–58 % of the catalogue. With a text query and a place,
        their two indexes leave a few thousand rows at most, yet PostgreSQL still added a scan of the
        access route's index to its bitmap (58k entries for ``zelf`` at 100k aanbod: ~8 ms, more than it
        saves); so then the array is compared as an expression no index matches, on the rows found. With
        only one of the two, the index may be the better way in and the planner chooses.
        """
        if not toegangswegen:
            return queryset
        ids = sorted(t.pk for t in toegangswegen)
        if not (woorden(self.zoektekst) and self.plaats is not None):
            return queryset.filter(toegang_ids__overlap=ids)
        return queryset.filter(ArrayOverlap(ZonderIndex("toegang_ids"), ids))

    def filter_ondersteuningsvorm(self, queryset, name, vormen):
        return queryset.filter(ondersteuningsvorm__in=vormen) if vormen else queryset

    def filter_leeftijd(self, queryset, name, leeftijd):
        if leeftijd is None:
            return queryset
        return queryset.filter(
            Q(leeftijd_min__isnull=True) | Q(leeftijd_min__lte=leeftijd),
            Q(leeftijd_max__isnull=True) | Q(leeftijd_max__gte=leeftijd),
        )

    def filter_taal(self, queryset, name, talen):
        return queryset.filter(talen__overlap=list(talen)) if talen else queryset

    def filter_werkvorm(self, queryset, name, werkvormen):
        return queryset.filter(werkvormen__overlap=list(werkvormen)) if werkvormen else queryset

    def filter_open_nu(self, queryset, name, open_nu):
        if not open_nu:
            return queryset
        # Its own opening hours or those of an active location include this second of the week: one
        # containment test on the trigger-maintained ``open_seconden`` (migration 0011), not two EXISTS.
        nu = timezone.localtime()
        seconde = (nu.isoweekday() - 1) * 86400 + nu.hour * 3600 + nu.minute * 60 + nu.second
        return queryset.filter(
            Func(
                RijKolom("open_seconden"),
                Value(seconde),
                template="%(expressions)s",
                arg_joiner=" @> ",
                output_field=models.BooleanField(),
            )
        )
