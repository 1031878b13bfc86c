"""Extension point: other apps add figures to the gaps report without aanbod importing them.

``aanbod`` never imports ``doorverwijzing`` (tests/test_architectuur.py). The referral app registers
a function here in its ``AppConfig.ready``; the report asks every registered source and adds up
what they return. Without a registered source the report says that no referral figures exist.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Collection

# (aanbod ids, van, tot) -> {aanbod_id: number of referrals refused for lack of capacity in [van, tot)}.
# Counts only: a source never returns anything about a person.
Weigeringsbron = Callable[[Collection[int], dt.datetime, dt.datetime], dict[int, int]]

_bronnen: list[Weigeringsbron] = []


def register_bron(functie: Weigeringsbron) -> Weigeringsbron:
    """Register a source of capacity refusals (idempotent: ``ready()`` may run more than once)."""
    if functie not in _bronnen:
        _bronnen.append(functie)
    return functie


def geregistreerde_bronnen() -> tuple[Weigeringsbron, ...]:
    return tuple(_bronnen)


def weigeringen_wegens_capaciteit(
    aanbod_ids: Collection[int], van: dt.datetime, tot: dt.datetime
) -> dict[int, int] | None:
    """Refusals for lack of capacity per aanbod, summed over the sources; ``None`` when there is no source."""
    if not _bronnen:
        return None
    totaal: Counter[int] = Counter()
    gevraagd = set(aanbod_ids)
    if gevraagd:
        for bron in _bronnen:
            # Only what was asked: a source never widens the report beyond the zone's aanbod.
            totaal.update({k: int(v) for k, v in bron(gevraagd, van, tot).items() if v and k in gevraagd})
    return dict(totaal)
