"""Cell values that a spreadsheet could take for a formula (CSV/formula injection), both ways."""

from __future__ import annotations

# A spreadsheet treats a cell starting with one of these as a formula (or, for tab and carriage
# return, lets the next character start one); OWASP "CSV Injection".
_GEVAARLIJK_BEGIN = ("=", "+", "-", "@", "\t", "\r")


def ontsnap_cel(waarde: object) -> object:
    """Make ``waarde`` safe to put in an exported CSV or XLSX cell.

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a single quote in
    front, so Excel and LibreOffice show it as text instead of running it as a formula
    (``=HYPERLINK(...)``, ``+32 14 ...`` both stay text). Other values are returned unchanged;
    numbers and dates are not text and cannot hold a formula.
    """
    if isinstance(waarde, str) and waarde.startswith(_GEVAARLIJK_BEGIN):
        return "'" + waarde
    return waarde


def herstel_cel(tekst: str) -> str:
    """Undo :func:`ontsnap_cel` on import: ``'+32 14`` → ``+32 14``; any other text stays as it is."""
    if tekst.startswith("'") and tekst[1:].startswith(_GEVAARLIJK_BEGIN):
        return tekst[1:]
    return tekst
