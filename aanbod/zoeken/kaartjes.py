"""The result cards of the search page: the 20 aanbod of a page, shaped for what a card and the map show."""

from __future__ import annotations

import json

from django.db import connections, router
from django.db.models import Prefetch, QuerySet

from aanbod.models import Aanbod, Gemeente, Locatie, Ondersteuningsvorm, Organisatie, Toegangsweg
from aanbod.zoeken.rijen import TOTAAL

# What a result card (aanbod/templatetags/kaart.py, ``kaartje``) and the map show, and nothing more. A field
# missing here costs a query per card, which the query-count tests of the results page catch.
_KAARTVELDEN = (
    "id",
    "slug",
    "naam",
    "beschrijving",
    "status",
    "werkingsgebied_vlaanderen",
    "capaciteit",
    "wachttijd_weken",
    "capaciteit_bijgewerkt_op",
    "laatst_gecontroleerd_op",
    "organisatie_id",
    "ondersteuningsvorm_id",
)
_KAARTLOCATIE = ("id", "naam", "straat", "postcode", "latitude", "longitude", "gemeente_id")
_TOEGANGSWEG = ("id", "label", "volgorde")
# Active locations in the order of Locatie.Meta.ordering (organisation, name), then id so that ties are stable.
_LOCATIEVOLGORDE = ("organisatie__naam", "naam", "id")
_TOEGANGSVOLGORDE = ("volgorde", "label", "id")


def kaartvorm(queryset: QuerySet) -> QuerySet:
    """``queryset`` shaped for the results page's cards through the ORM (a page past the end)."""
    return (
        queryset.select_related("organisatie", "ondersteuningsvorm")
        .only(*_KAARTVELDEN, "organisatie__naam", "ondersteuningsvorm__naam")
        .prefetch_related(
            Prefetch(
                "toegangswegen",
                queryset=Toegangsweg.objects.only(*_TOEGANGSWEG).order_by(*_TOEGANGSVOLGORDE),
            ),
            Prefetch(
                "locaties",
                queryset=Locatie.objects.filter(actief=True)
                .select_related("gemeente")
                .only(*_KAARTLOCATIE, "gemeente__naam")
                .order_by(*_LOCATIEVOLGORDE),
                to_attr="actieve_locaties",
            ),
        )
    )


def _modelvolgorde(model, velden: tuple[str, ...]) -> tuple[str, ...]:
    # Model.from_db() takes the values of the loaded fields in the model's own field order.
    return tuple(f.attname for f in model._meta.concrete_fields if f.attname in velden)


_AANBOD = _modelvolgorde(Aanbod, _KAARTVELDEN)
_LOCATIE = _modelvolgorde(Locatie, _KAARTLOCATIE)
_WEG = _modelvolgorde(Toegangsweg, _TOEGANGSWEG)


# The same rows in one statement: the access routes and active locations of each card as JSON next to it.
# Through the ORM that was three queries and ~10 ms of Python for 20 cards (querysets compiled anew, a
# model instance per related row).
_KAARTJES_SQL = """
SELECT {velden}, o.naam, v.naam,
       (SELECT coalesce(json_agg(json_build_array({wegvelden}) ORDER BY t.volgorde, t.label, t.id), '[]')
          FROM aanbod_aanbod_toegangswegen k JOIN aanbod_toegangsweg t ON t.id = k.toegangsweg_id
         WHERE k.aanbod_id = a.id),
       (SELECT coalesce(json_agg(json_build_array({locatievelden}, g.naam) ORDER BY lo.naam, l.naam, l.id), '[]')
          FROM aanbod_aanbod_locaties k
          JOIN aanbod_locatie l ON l.id = k.locatie_id AND l.actief
          JOIN aanbod_organisatie lo ON lo.id = l.organisatie_id
          JOIN aanbod_gemeente g ON g.id = l.gemeente_id
         WHERE k.aanbod_id = a.id)
  FROM aanbod_aanbod a
  JOIN aanbod_organisatie o ON o.id = a.organisatie_id
  LEFT JOIN aanbod_ondersteuningsvorm v ON v.id = a.ondersteuningsvorm_id
 WHERE a.id = ANY(%s)
""".format(
    velden=", ".join(f"a.{veld}" for veld in _AANBOD),
    locatievelden=", ".join(f"l.{veld}" for veld in _LOCATIE),
    wegvelden=", ".join(f"t.{veld}" for veld in _WEG),
)


def kaartjes(pagina: list[dict]) -> list[Aanbod]:
    """The aanbod of a page picked by ``tel_resultaat``, in its order, shaped for the result cards.

    Model instances with only the card's fields loaded (as ``kaartvorm`` gives them), their organisation
    and concept, ``toegangswegen`` prefetched and ``actieve_locaties`` with their municipality; the sort
    values of ``pagina`` (rank, relevance, distance) are set on them.
    """
    if not pagina:
        return []
    db = router.db_for_read(Aanbod)
    with connections[db].cursor() as cursor:
        cursor.execute(_KAARTJES_SQL, [[r["id"] for r in pagina]])
        rijen = {rij[0]: rij for rij in cursor.fetchall()}
    n = len(_AANBOD)
    resultaat = []
    for waarden in pagina:
        rij = rijen[waarden["id"]]
        item = Aanbod.from_db(db, _AANBOD, rij[:n])
        organisatie_naam, vorm_naam, toegangswegen, locaties = rij[n:]
        item.organisatie = Organisatie.from_db(db, ("id", "naam"), (item.organisatie_id, organisatie_naam))
        if item.ondersteuningsvorm_id is not None:
            item.ondersteuningsvorm = Ondersteuningsvorm.from_db(
                db, ("id", "naam"), (item.ondersteuningsvorm_id, vorm_naam)
            )
        wegen = Toegangsweg._base_manager.using(db).all()
        wegen._result_cache = [Toegangsweg.from_db(db, _WEG, t) for t in _json(toegangswegen)]
        wegen._prefetch_done = True
        item._prefetched_objects_cache = {"toegangswegen": wegen}
        item.actieve_locaties = []
        for *locatie, gemeente_naam in _json(locaties):
            plek = Locatie.from_db(db, _LOCATIE, locatie)
            plek.gemeente = Gemeente.from_db(db, ("id", "naam"), (plek.gemeente_id, gemeente_naam))
            item.actieve_locaties.append(plek)
        for naam, waarde in waarden.items():
            if naam not in ("id", TOTAAL):
                setattr(item, naam, waarde)
        resultaat.append(item)
    return resultaat


def _json(waarde):
    return json.loads(waarde) if isinstance(waarde, str) else waarde
