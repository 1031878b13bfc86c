"""Reading a zone's list (CSV or XLSX) into a plain table of text cells, within the upload limits.

Nothing in a file is ever executed or evaluated: CSV cells stay text, XLSX is opened read-only with
the values Excel stored (``data_only``), so a formula is never computed by us and a cell that merely
looks like a formula (``=1+1``) is kept as the text it is.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

# An XLSX is a zip: refuse one that unpacks to far more than the upload limit (a "zip bomb").
_MAX_UITPAKFACTOR = 20
_CODERINGEN = ("utf-8-sig", "cp1252")


class BulkFout(Exception):
    """The file or the import cannot go on; the message is Dutch and meant for the curator."""


@dataclass
class Tabel:
    """The header row and the data rows of a list, every cell as stripped text ('' when empty)."""

    kolommen: list[str]
    rijen: list[list[str]]


def lees_tabel(inhoud: bytes, bestandsnaam: str) -> Tabel:
    """Read CSV (``;`` or ``,``; UTF-8, UTF-8 with BOM or Windows-1252) or XLSX into a :class:`Tabel`."""
    if len(inhoud) > settings.IMPORT_MAX_BYTES:
        raise BulkFout(
            _("Het bestand is te groot (%(grootte)s MB); de grens is %(max)s MB. Splits de lijst in delen.")
            % {"grootte": _mb(len(inhoud)), "max": _mb(settings.IMPORT_MAX_BYTES)}
        )
    naam = bestandsnaam.lower()
    if naam.endswith(".xlsx"):
        rijen = _lees_xlsx(inhoud)
    elif naam.endswith((".csv", ".txt")):
        rijen = _lees_csv(inhoud)
    else:
        raise BulkFout(
            _(
                "Kies een CSV-bestand (.csv) of een Excel-bestand (.xlsx). "
                "Oudere .xls-bestanden: eerst opslaan als .xlsx."
            )
        )
    rijen = [rij for rij in rijen if any(rij)]
    if not rijen:
        raise BulkFout(_("Het bestand is leeg: de eerste rij moet de kolomnamen bevatten."))
    kolommen, data = rijen[0], rijen[1:]
    if not data:
        raise BulkFout(_("Het bestand heeft kolomnamen maar geen rijen met aanbod."))
    breedte = max(len(kolommen), *(len(rij) for rij in data))
    kolommen = [
        k or _("Kolom %(nummer)s") % {"nummer": i + 1}
        for i, k in enumerate(kolommen + [""] * (breedte - len(kolommen)))
    ]
    return Tabel(kolommen=kolommen, rijen=[rij + [""] * (breedte - len(rij)) for rij in data])


def _mb(aantal: int) -> str:
    return f"{aantal / 1024 / 1024:.1f}".replace(".", ",")


def _te_veel_rijen() -> BulkFout:
    return BulkFout(
        _("Het bestand heeft meer dan %(max)s rijen. Splits de lijst in delen van hoogstens %(max)s rijen.")
        % {"max": settings.IMPORT_MAX_RIJEN}
    )


def decodeer(inhoud: bytes) -> str:
    """Text of a CSV: UTF-8 (with or without BOM), else Windows-1252 (what Excel on Windows saves)."""
    for codering in _CODERINGEN:
        try:
            return inhoud.decode(codering)
        except UnicodeDecodeError:
            continue
    raise BulkFout(_("De tekens in het bestand zijn niet te lezen. Sla het op als 'CSV UTF-8' en probeer opnieuw."))


def scheidingsteken(eerste_regel: str) -> str:
    """``;`` (Excel in Belgium) or ``,``, whichever the header line holds more of (outside quotes)."""
    buiten_aanhalingstekens = eerste_regel.split('"')[::2]
    puntkomma = sum(deel.count(";") for deel in buiten_aanhalingstekens)
    komma = sum(deel.count(",") for deel in buiten_aanhalingstekens)
    if puntkomma == komma == 0 and "\t" in eerste_regel:
        return "\t"
    return ";" if puntkomma >= komma else ","


def _lees_csv(inhoud: bytes) -> list[list[str]]:
    tekst = decodeer(inhoud)
    if "\x00" in tekst:
        raise BulkFout(_("Dit lijkt geen CSV-tekstbestand. Kies een .csv- of .xlsx-bestand."))
    lezer = csv.reader(io.StringIO(tekst, newline=""), delimiter=scheidingsteken(tekst.split("\n", 1)[0]))
    rijen = []
    try:
        for rij in lezer:
            if len(rijen) > settings.IMPORT_MAX_RIJEN:
                raise _te_veel_rijen()
            rijen.append([cel.strip() for cel in rij])
    except csv.Error as fout:
        raise BulkFout(
            _("Het CSV-bestand is niet goed gevormd (rij %(rij)s): %(fout)s") % {"rij": lezer.line_num, "fout": fout}
        ) from None
    return rijen


def _lees_xlsx(inhoud: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as archief:
            uitgepakt = sum(info.file_size for info in archief.infolist())
    except zipfile.BadZipFile:
        raise BulkFout(
            _("Dit is geen geldig Excel-bestand (.xlsx). Open het in Excel en sla het opnieuw op.")
        ) from None
    if uitgepakt > _MAX_UITPAKFACTOR * settings.IMPORT_MAX_BYTES:
        raise BulkFout(_("Het Excel-bestand is uitgepakt te groot. Splits de lijst in delen."))
    try:
        # read_only streams the sheet; data_only gives the values Excel stored, never a formula to compute.
        werkboek = load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of errors for damaged files
        raise BulkFout(
            _("Dit Excel-bestand kan niet gelezen worden. Open het in Excel en sla het opnieuw op.")
        ) from None
    try:
        blad = werkboek.worksheets[0]
        rijen = []
        for rij in blad.iter_rows(values_only=True):
            if len(rijen) > settings.IMPORT_MAX_RIJEN:
                raise _te_veel_rijen()
            rijen.append([_celtekst(waarde) for waarde in rij])
        while rijen and rijen[-1] and not any(rijen[-1]):
            rijen.pop()
        return [_zonder_lege_staart(rij) for rij in rijen]
    finally:
        werkboek.close()


def _celtekst(waarde) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))  # 2300.0 → "2300": Excel stores postcodes as numbers
    if hasattr(waarde, "date") and hasattr(waarde, "hour"):
        return waarde.date().isoformat() if not (waarde.hour or waarde.minute) else waarde.isoformat(sep=" ")
    if hasattr(waarde, "isoformat"):
        return waarde.isoformat()
    return str(waarde).strip()


def _zonder_lege_staart(rij: list[str]) -> list[str]:
    while rij and not rij[-1]:
        rij = rij[:-1]
    return rij
