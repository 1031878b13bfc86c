"""The fields a zone's list can fill (targets) and the suggested column for each (fuzzy header match)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Doelveld:
    """One thing the import can fill, with the header names lists commonly use for it."""

    sleutel: str
    label: str
    verplicht: bool = False
    synoniemen: tuple[str, ...] = ()
    uitleg: str = ""


DOELVELDEN: tuple[Doelveld, ...] = (
    Doelveld(
        "aanbod_id",
        _("ID (uit een export van de sociale kaart)"),
        synoniemen=("id", "aanbod id", "uuid"),
        uitleg=_("Laat leeg voor een lijst van buiten de sociale kaart."),
    ),
    Doelveld(
        "organisatie",
        _("Naam organisatie"),
        verplicht=True,
        synoniemen=(
            "organisatie",
            "naam organisatie",
            "organisatienaam",
            "aanbieder",
            "voorziening",
            "dienst",
            "instelling",
            "organization",
        ),
    ),
    Doelveld(
        "kbo",
        _("KBO-nummer"),
        synoniemen=("kbo", "kbo nummer", "kbo nr", "ondernemingsnummer", "ondernemingsnr", "btw nummer", "btw", "bce"),
    ),
    Doelveld(
        "soort",
        _("Soort organisatie"),
        synoniemen=("soort", "soort organisatie", "type organisatie", "type", "sector"),
    ),
    Doelveld(
        "naam",
        _("Naam aanbod"),
        verplicht=True,
        synoniemen=("aanbod", "naam aanbod", "naam", "titel", "werking", "hulpaanbod", "project", "service"),
    ),
    Doelveld(
        "beschrijving",
        _("Beschrijving"),
        synoniemen=("beschrijving", "omschrijving", "info", "inhoud", "wat", "toelichting", "description"),
    ),
    Doelveld(
        "ondersteuningsvorm",
        _("Ondersteuningsvorm"),
        synoniemen=("ondersteuningsvorm", "vorm", "soort ondersteuning", "type aanbod", "soort aanbod"),
    ),
    Doelveld(
        "straat",
        _("Straat en huisnummer"),
        synoniemen=("straat", "adres", "straat en nr", "straat en huisnummer", "straatnaam"),
    ),
    Doelveld("postcode", _("Postcode"), synoniemen=("postcode", "post code", "pc", "postnummer", "zip")),
    Doelveld(
        "gemeente", _("Gemeente"), synoniemen=("gemeente", "woonplaats", "plaats", "stad", "deelgemeente", "locatie")
    ),
    Doelveld(
        "telefoon",
        _("Telefoon"),
        synoniemen=("telefoon", "tel", "telefoonnummer", "tel nr", "gsm", "telefoon nr", "phone"),
    ),
    Doelveld("email", _("E-mail"), synoniemen=("e mail", "email", "mail", "e mailadres", "emailadres", "mailadres")),
    Doelveld("website", _("Website"), synoniemen=("website", "site", "url", "webadres", "www", "webpagina")),
    Doelveld(
        "contactpersoon",
        _("Contactpersoon"),
        synoniemen=("contactpersoon", "contact", "naam contactpersoon", "verantwoordelijke"),
    ),
    Doelveld(
        "doelgroepen",
        _("Doelgroepen"),
        synoniemen=("doelgroep", "doelgroepen", "voor wie", "publiek"),
        uitleg=_("Meerdere waarden gescheiden door ; of ,"),
    ),
    Doelveld(
        "toegangswegen",
        _("Toegangsweg"),
        synoniemen=("toegang", "toegangsweg", "toegangswegen", "aanmelding via", "hoe aanmelden", "instroom"),
        uitleg=_("Meerdere waarden gescheiden door ; of ,"),
    ),
    Doelveld("levensdomeinen", _("Levensdomeinen"), synoniemen=("levensdomein", "levensdomeinen", "domein")),
    Doelveld("themas", _("Thema's"), synoniemen=("thema", "themas", "thema's", "onderwerp")),
    Doelveld("kostprijs", _("Kostprijs"), synoniemen=("kostprijs", "kost", "prijs", "tarief", "betalend", "kosten")),
)
DOELVELD = {doel.sleutel: doel for doel in DOELVELDEN}
# Below this likeness a header is not suggested for a target.
_DREMPEL = 0.78


def normaliseer_kop(tekst: str) -> str:
    """'E-mailadres:' → 'e mailadres'; 'Tel.' → 'tel'; accents dropped, for comparing headers."""
    tekst = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9']+", " ", tekst).replace("'", "").split())


def _gelijkenis(kop: str, doel: Doelveld) -> float:
    kop = normaliseer_kop(kop)
    if not kop:
        return 0.0
    beste = 0.0
    for synoniem in (normaliseer_kop(str(doel.label)), *(normaliseer_kop(s) for s in doel.synoniemen)):
        if kop == synoniem:
            return 1.0
        beste = max(beste, SequenceMatcher(None, kop, synoniem).ratio())
    return beste


def stel_koppeling_voor(kolommen: list[str]) -> dict[str, int]:
    """Suggest a column index per target: the best-matching header, each column used at most once.

    Pairs are taken best first, so "Naam organisatie" goes to the organisation and the remaining
    "Naam" to the aanbod, whatever their order in the file.
    """
    paren = sorted(
        ((_gelijkenis(kop, doel), -i, doel.sleutel, i) for i, kop in enumerate(kolommen) for doel in DOELVELDEN),
        reverse=True,
    )
    koppeling: dict[str, int] = {}
    gebruikt: set[int] = set()
    for score, _volgorde, sleutel, index in paren:
        if score < _DREMPEL:
            break
        if sleutel not in koppeling and index not in gebruikt:
            koppeling[sleutel] = index
            gebruikt.add(index)
    return koppeling
