"""Field-by-field differences in words: vocabulary names instead of pks, choice labels instead of codes.

One renderer for the three places a change is shown: a proposal, a history record against its
predecessor, and a revert's preview. Values come in their JSON form (see ``services.huidige_waarde``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.fields import ArrayField
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from aanbod.models import Aanbod

LEEG = "—"


@dataclass(frozen=True)
class Verschil:
    """One row of a diff table."""

    veld: str
    label: str
    oud: str
    nieuw: str
    nu: str = ""  # the published value when it no longer equals ``oud`` (a stale proposal)


def veldlabel(veld: str) -> str:
    return capfirst(str(Aanbod._meta.get_field(veld).verbose_name))


def _namen(model, pks) -> dict[int, str]:
    return {o.pk: str(o) for o in model.objects.filter(pk__in=pks)}


def waarde_tekst(veld: str, waarde: Any, namen: dict | None = None) -> str:
    """A JSON value of ``veld`` as a person reads it."""
    f = Aanbod._meta.get_field(veld)
    if waarde is None or waarde == "" or waarde == []:
        return LEEG
    if f.many_to_many or f.is_relation:
        pks = waarde if f.many_to_many else [waarde]
        namen = namen if namen is not None else _namen(f.related_model, pks)
        teksten = sorted(namen.get(pk, _("(verwijderd, nr. %(pk)s)") % {"pk": pk}) for pk in pks)
        return ", ".join(teksten)
    if isinstance(f, ArrayField):
        keuzes = dict(f.base_field.flatchoices)
        return ", ".join(str(keuzes.get(w, w)) for w in waarde)
    if f.choices:
        return str(dict(f.flatchoices).get(waarde, waarde))
    if isinstance(waarde, bool):
        return _("ja") if waarde else _("nee")
    if isinstance(waarde, dt.datetime):
        return formats.date_format(timezone.localtime(waarde), "DATETIME_FORMAT")
    if isinstance(waarde, dt.date):
        return formats.date_format(waarde, "DATE_FORMAT")
    return str(waarde)


def verschillen(wijzigingen: dict[str, dict[str, Any]], huidig: dict[str, Any] | None = None) -> list[Verschil]:
    """Rows for ``{veld: {"oud", "nieuw"}}`` in the order of the model; ``huidig`` flags stale "oud" values.

    Names of related rows are looked up once per field, not once per value.
    """
    volgorde = {f.name: i for i, f in enumerate(Aanbod._meta.get_fields())}
    rijen = []
    for veld in sorted(wijzigingen, key=lambda v: volgorde.get(v, 999)):
        w = wijzigingen[veld]
        f = Aanbod._meta.get_field(veld)
        namen = None
        if f.is_relation:
            alle = []
            for waarde in (w["oud"], w["nieuw"], (huidig or {}).get(veld)):
                if isinstance(waarde, list):
                    alle += waarde
                elif waarde is not None:
                    alle.append(waarde)
            namen = _namen(f.related_model, alle)
        nu = ""
        if huidig is not None and veld in huidig and huidig[veld] != w["oud"]:
            nu = waarde_tekst(veld, huidig[veld], namen)
        rijen.append(
            Verschil(
                veld=veld,
                label=veldlabel(veld),
                oud=waarde_tekst(veld, w["oud"], namen),
                nieuw=waarde_tekst(veld, w["nieuw"], namen),
                nu=nu,
            )
        )
    return rijen


def _record_json(veld: str, waarde: Any) -> Any:
    """A value from ``diff_against`` in JSON form (many-to-many rows become sorted pks)."""
    f = Aanbod._meta.get_field(veld)
    if f.many_to_many:
        kolom = f.m2m_reverse_field_name()
        return sorted(rij[kolom] for rij in waarde)
    return waarde


# Bookkeeping fields that change with other edits and say nothing to a reader of the history.
NIET_TONEN = ("capaciteit_bijgewerkt_op", "slug", "is_fictief", "aangemaakt_op")


def record_verschillen(record, vorige) -> list[Verschil]:
    """What ``record`` changed relative to ``vorige`` (the version before it), in words."""
    if vorige is None:
        return []
    delta = record.diff_against(vorige, excluded_fields=NIET_TONEN)
    return verschillen(
        {c.field: {"oud": _record_json(c.field, c.old), "nieuw": _record_json(c.field, c.new)} for c in delta.changes}
    )
