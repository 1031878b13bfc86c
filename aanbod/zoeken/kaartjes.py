"""The result cards of the search page: the 20 aanbod of a page, shaped for what a card and the map show."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from aanbod.models import Aanbod, Locatie, Toegangsweg
from aanbod.zoeken.rijen import volle_rijen

# What a result card (templates/includes/aanbod_kaartje.html) and the map show, and nothing more: the
# results page fetches 20 of these per request. A field missing here costs a query per card, which the
# query-count tests of the results page catch.
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
    "organisatie__naam",
    "ondersteuningsvorm__naam",
)
_KAARTLOCATIE = ("id", "naam", "straat", "postcode", "latitude", "longitude", "gemeente__naam")


def kaartvorm(queryset: QuerySet) -> QuerySet:
    """``queryset`` shaped for the results page's cards: only what a card and the map show."""
    return (
        queryset.select_related("organisatie", "ondersteuningsvorm")
        .only(*_KAARTVELDEN)
        .prefetch_related(
            Prefetch("toegangswegen", queryset=Toegangsweg.objects.only("id", "label", "volgorde")),
            Prefetch(
                "locaties",
                queryset=Locatie.objects.filter(actief=True).select_related("gemeente").only(*_KAARTLOCATIE),
                to_attr="actieve_locaties",
            ),
        )
    )


def kaartjes(pagina: list[dict]) -> list:
    """The aanbod of a page picked by ``tel_resultaat``, in its order, shaped for the result cards."""
    return volle_rijen(Aanbod._base_manager.all(), pagina, kaartvorm) if pagina else []
