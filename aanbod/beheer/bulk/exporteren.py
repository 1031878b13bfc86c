"""Export of a zone's catalogue as XLSX or CSV, one row per aanbod, safe to open in a spreadsheet.

The columns that the import knows carry the import's own labels, so an exported file can be edited
and imported again: its ID column finds every row back (bijwerken/ongewijzigd, never a duplicate).
"""

from __future__ import annotations

import codecs
import csv
import tempfile
from collections.abc import Iterator

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from aanbod.beheer.bulk.cellen import ontsnap_cel
from aanbod.beheer.bulk.koppeling import DOELVELD
from aanbod.models import Aanbod, Locatie

# Rows per round trip: the prefetches run once per chunk, not once per aanbod.
CHUNK = 1000


def _labels(rij: Aanbod, veld: str) -> str:
    return "; ".join(obj.label for obj in getattr(rij, veld).all())


def _adres(aanbod: Aanbod) -> Locatie | None:
    locaties = list(aanbod.locaties.all())
    return locaties[0] if locaties else None


def _kolommen():
    d = DOELVELD
    return (
        (_("ID"), lambda a, loc: str(a.uuid)),
        (d["organisatie"].label, lambda a, loc: a.organisatie.naam),
        (d["kbo"].label, lambda a, loc: a.organisatie.kbo_weergave),
        (d["soort"].label, lambda a, loc: a.organisatie.get_soort_display()),
        (d["naam"].label, lambda a, loc: a.naam),
        (d["beschrijving"].label, lambda a, loc: a.beschrijving),
        (d["ondersteuningsvorm"].label, lambda a, loc: a.ondersteuningsvorm.naam if a.ondersteuningsvorm else ""),
        (d["straat"].label, lambda a, loc: loc.straat if loc else ""),
        (d["postcode"].label, lambda a, loc: loc.postcode if loc else ""),
        (d["gemeente"].label, lambda a, loc: loc.gemeente.naam if loc else ""),
        (d["telefoon"].label, lambda a, loc: a.telefoon),
        (d["email"].label, lambda a, loc: a.email),
        (d["website"].label, lambda a, loc: a.website),
        (d["contactpersoon"].label, lambda a, loc: a.contactpersoon),
        (d["doelgroepen"].label, lambda a, loc: _labels(a, "doelgroepen")),
        (d["toegangswegen"].label, lambda a, loc: _labels(a, "toegangswegen")),
        (d["levensdomeinen"].label, lambda a, loc: _labels(a, "levensdomeinen")),
        (d["themas"].label, lambda a, loc: _labels(a, "themas")),
        (d["kostprijs"].label, lambda a, loc: a.get_kostprijs_display()),
        # Read-only for the import: capacity and checks have their own workflows.
        (_("Capaciteit"), lambda a, loc: a.get_capaciteit_display()),
        (_("Wachttijd (weken)"), lambda a, loc: a.wachttijd_weken if a.wachttijd_weken is not None else ""),
        (
            _("Capaciteit bijgewerkt op"),
            lambda a, loc: a.capaciteit_bijgewerkt_op.date().isoformat() if a.capaciteit_bijgewerkt_op else "",
        ),
        (
            _("Laatst gecontroleerd op"),
            lambda a, loc: a.laatst_gecontroleerd_op.isoformat() if a.laatst_gecontroleerd_op else "",
        ),
        (_("Status"), lambda a, loc: a.get_status_display()),
    )


def export_queryset(*, user, zone):
    """The zone's aanbod within ``user``'s scope, with everything a row needs in a fixed number of queries."""
    return (
        Aanbod.objects.beheerbaar_door(user)
        .in_zone(zone)
        # organisation and concept per row, labels and the first address per row: no N+1.
        .select_related("organisatie", "ondersteuningsvorm")
        .prefetch_related(
            "doelgroepen",
            "toegangswegen",
            "levensdomeinen",
            "themas",
            Prefetch("locaties", queryset=Locatie.objects.select_related("gemeente").order_by("pk")),
        )
        .order_by("organisatie__naam", "naam", "pk")
    )


def export_rijen(queryset) -> Iterator[list]:
    """The header, then one list of escaped cell values per aanbod, streamed in chunks."""
    kolommen = _kolommen()
    yield [str(kop) for kop, _waarde in kolommen]
    for aanbod in queryset.iterator(chunk_size=CHUNK):
        locatie = _adres(aanbod)
        yield [ontsnap_cel(waarde(aanbod, locatie)) for _kop, waarde in kolommen]


class _Regel:
    """A file-like object whose ``write`` returns what was written (for csv.writer in a generator)."""

    def write(self, tekst: str) -> str:
        return tekst


def export_csv(queryset) -> Iterator[str]:
    """CSV as Excel in Belgium opens it: UTF-8 with BOM, ``;`` between fields."""
    schrijver = csv.writer(_Regel(), delimiter=";", lineterminator="\r\n")
    yield codecs.BOM_UTF8.decode("utf-8")
    for rij in export_rijen(queryset):
        yield schrijver.writerow(rij)


def export_xlsx(queryset):
    """An XLSX in a temporary file (write-only workbook: memory stays flat for large zones)."""
    from openpyxl import Workbook

    werkboek = Workbook(write_only=True)
    blad = werkboek.create_sheet(_("Aanbod"))
    for rij in export_rijen(queryset):
        blad.append(rij)
    bestand = tempfile.TemporaryFile()
    werkboek.save(bestand)
    bestand.seek(0)
    return bestand
