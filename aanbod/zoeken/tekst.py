"""Turning what a person types into PostgreSQL text-search queries.

Everything here is pure Python (no database), so it can be tested exhaustively: the text is
normalised once here (lower case, no accents, abbreviations without dots) and PostgreSQL receives a
ready ``to_tsquery('dutch', …)`` string, instead of running ``unaccent`` per row (see
docs/search.md and the measurements in the search-performance notes).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Dots inside abbreviations disappear ("D.O.P." → "dop", "c.l.b." → "clb"), like in the stored vectors.
_AFKORTINGSPUNT = re.compile(r"(?<=\w)\.(?=\w)")
_NIET_WOORD = re.compile(r"[^a-z0-9]+")
MAX_WOORDEN = 12


def normaliseer(tekst: str) -> str:
    """Lower case, accents removed, abbreviation dots removed, one space between words."""
    zonder_accenten = "".join(
        teken for teken in unicodedata.normalize("NFKD", tekst or "") if not unicodedata.combining(teken)
    )
    zonder_punten = _AFKORTINGSPUNT.sub("", zonder_accenten.lower())
    return " ".join(_NIET_WOORD.sub(" ", zonder_punten).split())


def woorden(tekst: str) -> list[str]:
    return normaliseer(tekst).split()[:MAX_WOORDEN]


@dataclass(frozen=True)
class Synoniemen:
    """Groups of phrases that mean the same thing ("dop" = "dienst ondersteuningsplan").

    Built from the glossary and the support-form concepts; each phrase is a tuple of normalised words.
    """

    groepen: tuple[frozenset[tuple[str, ...]], ...] = ()

    @classmethod
    def uit_lijsten(cls, lijsten: Iterable[Iterable[str]]) -> Synoniemen:
        groepen = []
        for lijst in lijsten:
            zinnen = frozenset(tuple(w) for w in (woorden(x) for x in lijst) if w)
            if len(zinnen) > 1:
                groepen.append(zinnen)
        return cls(tuple(groepen))

    def alternatieven(self, zin: tuple[str, ...]) -> set[tuple[str, ...]]:
        """All phrases equivalent to ``zin`` (including itself)."""
        resultaat = {zin}
        for groep in self.groepen:
            if zin in groep:
                resultaat |= groep
        return resultaat

    @property
    def langste_zin(self) -> int:
        return max((len(z) for groep in self.groepen for z in groep), default=1)


@dataclass(frozen=True)
class Zoekvraag:
    """A parsed query: the words, and the tsquery strings for 'all words' and 'any word'."""

    woorden: tuple[str, ...]
    alle: str  # every word (or one of its synonyms) must match
    een_van: str  # any word may match: the fallback when 'alle' finds nothing
    herkend: tuple[tuple[str, ...], ...] = ()  # phrases that matched a synonym group

    @property
    def leeg(self) -> bool:
        return not self.woorden


def _operand(woord: str, prefix: bool) -> str:
    # Words are [a-z0-9]+ after normalisation, so they need no quoting in tsquery syntax.
    return f"{woord}:*" if prefix else woord


def _zin(zin: tuple[str, ...], prefix: bool) -> str:
    if len(zin) == 1:
        return _operand(zin[0], prefix)
    # A phrase: words in this order; only its last word may be still being typed.
    return "(" + " <-> ".join(_operand(w, prefix and i == len(zin) - 1) for i, w in enumerate(zin)) + ")"


def _bevat(zin: tuple[str, ...], deel: tuple[str, ...]) -> bool:
    """True when ``deel`` occurs in ``zin`` as consecutive words."""
    return any(zin[i : i + len(deel)] == deel for i in range(len(zin) - len(deel) + 1))


def _nodige_alternatieven(alternatieven: set[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The alternatives without those that contain another one, shortest first.

    A text that matches "schuldbemiddeling door een erkende instelling" also matches "schuldbemiddeling":
    in an OR the longer phrase finds nothing more. It would still cost: PostgreSQL reads the index entries
    of all its words and ranks the cover of the phrase in every match (at 100k aanbod, one such phrase
    made a search ~10 ms slower).
    """
    opties = sorted(alternatieven, key=lambda z: (len(z), z))
    return [zin for i, zin in enumerate(opties) if not any(_bevat(zin, korter) for korter in opties[:i])]


def maak_zoekvraag(tekst: str, synoniemen: Synoniemen | None = None) -> Zoekvraag:
    """Parse ``tekst`` into tsquery strings with synonyms and prefix matching.

    Every word is matched as a prefix ("opvoeding" finds "opvoedingsvragen", "dement" finds
    "dementie" while typing). Phrases known as synonyms are replaced by the OR of their alternatives
    (without an alternative that contains another: it could find nothing more).
    Very short words are matched exactly: a prefix of one or two letters matches everything.
    """
    synoniemen = synoniemen or Synoniemen()
    ws = tuple(woorden(tekst))
    delen: list[str] = []
    herkend = []
    i = 0
    while i < len(ws):
        for lengte in range(min(synoniemen.langste_zin, len(ws) - i), 0, -1):
            zin = ws[i : i + lengte]
            alternatieven = synoniemen.alternatieven(zin)
            if len(alternatieven) > 1:
                herkend.append(zin)
                opties = _nodige_alternatieven(alternatieven)
                delen.append("(" + " | ".join(_zin(a, prefix=False) for a in opties) + ")")
                i += lengte
                break
        else:
            woord = ws[i]
            delen.append(_operand(woord, prefix=len(woord) >= 3))
            i += 1
    return Zoekvraag(
        woorden=ws,
        alle=" & ".join(delen),
        een_van=" | ".join(delen),
        herkend=tuple(herkend),
    )
