"""Fetching a page in full after ordering narrow rows: shared by the search page, its cards and the API."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet

TOTAAL = "_aantal_rijen"  # the window count of ``SmalEerstPaginator``, not a sort key


def volle_rijen(basis: QuerySet, smal: list[dict], vorm: Callable[[QuerySet], QuerySet]) -> list:
    """The rows of ``basis`` with the ids in ``smal``, shaped by ``vorm``, in the order of ``smal``.

    Each dict of ``smal`` holds an ``id`` and the row's sort values (rank, relevance, distance), which are
    set on the row rather than computed again; a window count in it is not a value of the row.
    """
    rijen = {rij.pk: rij for rij in vorm(basis.filter(pk__in=[r["id"] for r in smal]))}
    for waarden in smal:
        rij = rijen[waarden["id"]]
        for naam, waarde in waarden.items():
            if naam not in ("id", TOTAAL):
                setattr(rij, naam, waarde)
    return [rijen[r["id"]] for r in smal]
