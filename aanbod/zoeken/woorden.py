"""Synonyms, glossary explanations and spelling suggestions, from the database.

The synonym groups and glossary index are small (a few hundred phrases) and change rarely: they are
kept per process for a minute instead of being read on every search.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.db import connection

from aanbod.models import Begrip, Ondersteuningsvorm
from aanbod.zoeken.tekst import Synoniemen, normaliseer, woorden

GELDIGHEID_SECONDEN = 60
MIN_GELIJKENIS = 0.45


@dataclass
class _Woordenboek:
    synoniemen: Synoniemen
    begrippen: dict[str, list[int]]  # normalised term/abbreviation/synonym -> Begrip ids
    geladen_op: float = field(default_factory=time.monotonic)


_cache: _Woordenboek | None = None


def wis_cache() -> None:
    global _cache
    _cache = None


def _bouw() -> _Woordenboek:
    lijsten, index = [], {}
    for begrip in Begrip.objects.actief().only("id", "term", "afkorting", "synoniemen"):
        termen = [begrip.term, begrip.afkorting, *begrip.synoniemen]
        lijsten.append(termen)
        for term in termen:
            sleutel = normaliseer(term)
            if sleutel:
                index.setdefault(sleutel, []).append(begrip.id)
    for vorm in Ondersteuningsvorm.objects.actief().only("naam", "afkorting", "volledige_naam"):
        # Only the names: a concept's looser synonyms are in the stored vectors already.
        lijsten.append([vorm.naam, vorm.afkorting, vorm.volledige_naam])
    return _Woordenboek(Synoniemen.uit_lijsten(lijsten), index)


def _woordenboek() -> _Woordenboek:
    global _cache
    if _cache is None or time.monotonic() - _cache.geladen_op > GELDIGHEID_SECONDEN:
        _cache = _bouw()
    return _cache


def synoniemen() -> Synoniemen:
    return _woordenboek().synoniemen


def begrippen_voor(tekst: str, herkend: tuple[tuple[str, ...], ...] = ()) -> list[Begrip]:
    """Glossary entries explaining the query (the whole query, or a phrase in it, is jargon)."""
    index = _woordenboek().begrippen
    sleutels = [normaliseer(tekst), *(" ".join(zin) for zin in herkend), *woorden(tekst)]
    ids: list[int] = []
    for sleutel in sleutels:
        for begrip_id in index.get(sleutel, []):
            if begrip_id not in ids:
                ids.append(begrip_id)
    if not ids:
        return []
    gevonden = {b.id: b for b in Begrip.objects.filter(id__in=ids).select_related("ondersteuningsvorm")}
    return [gevonden[i] for i in ids if i in gevonden][:3]


def verbeter_spelling(tekst: str) -> str | None:
    """The query with unknown words replaced by the most similar catalogue word, or None.

    Uses the trigram index on the distinct words of the catalogue (a few ms), not similarity over
    all names.
    """
    ws = woorden(tekst)
    if not ws:
        return None
    verbeterd, veranderd = [], False
    with connection.cursor() as cursor:
        for woord in ws:
            if len(woord) < 4:
                verbeterd.append(woord)
                continue
            cursor.execute("SELECT 1 FROM aanbod_zoekwoord WHERE woord = %s", [woord])
            if cursor.fetchone():
                verbeterd.append(woord)
                continue
            # `%` uses the trigram index (similarity > 0.3); the stricter floor keeps "paardentherapie"
            # from becoming "psychotherapie" (0.35) while "dementei" → "dementie" (0.5) passes.
            cursor.execute(
                "SELECT woord FROM aanbod_zoekwoord WHERE woord %% %s AND similarity(woord, %s) >= %s "
                "ORDER BY similarity(woord, %s) DESC, aantal DESC, woord LIMIT 1",
                [woord, woord, MIN_GELIJKENIS, woord],
            )
            rij = cursor.fetchone()
            if rij:
                verbeterd.append(rij[0])
                veranderd = True
            else:
                verbeterd.append(woord)
    return " ".join(verbeterd) if veranderd else None


def ververs_zoekwoorden() -> None:
    """Rebuild the word list for spelling suggestions (after loading or bulk changes)."""
    with connection.cursor() as cursor:
        cursor.execute("REFRESH MATERIALIZED VIEW aanbod_zoekwoord")
