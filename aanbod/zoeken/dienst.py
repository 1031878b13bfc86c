"""The search itself: match, rank, order by distance, count facets, and help when nothing matches."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import Count, F, Prefetch, QuerySet, Window
from django.db.models.expressions import RawSQL

from aanbod.constants import Capaciteit, Kostprijs, Taal, Werkvorm
from aanbod.models import Begrip, Locatie
from aanbod.zoeken.kaartjes import kaartjes, kaartvorm
from aanbod.zoeken.plaats import Plaats
from aanbod.zoeken.rijen import TOTAAL as _TOTAAL
from aanbod.zoeken.rijen import volle_rijen
from aanbod.zoeken.tekst import Zoekvraag, maak_zoekvraag
from aanbod.zoeken.woorden import begrippen_voor, synoniemen, verbeter_spelling

PER_PAGINA = 20

# ts_rank_cd with normalisation 32 maps the rank into [0, 1); results in the same tenth are "equally
# relevant" and are ordered by distance (docs/search.md).
_RANG_SQL = "ts_rank_cd(aanbod_aanbod.zoekvector, to_tsquery('dutch', %s), 32)"
# earth_distance from the place to the nearest active location, over the points stored on the aanbod row
# itself (``punten``, migration 0009: the cubes ll_to_earth gives, maintained by triggers), so a match costs
# one cube_distance per location and no lookup in another table. Most aanbod have one location: that case
# skips the unnest. No locations: NULL (sorted last).
_AFSTAND_SQL = """(CASE cardinality(aanbod_aanbod.punten)
    WHEN 1 THEN sec_to_gc(cube_distance(aanbod_aanbod.punten[1], ll_to_earth(%s, %s)))
    ELSE (SELECT min(sec_to_gc(cube_distance(p, ll_to_earth(%s, %s)))) FROM unnest(aanbod_aanbod.punten) p)
END / 1000.0)"""


@dataclass
class FacetWaarde:
    code: str
    label: str
    aantal: int
    gekozen: bool = False


@dataclass
class Zoekresultaat:
    pagina: Page
    vraag: Zoekvraag
    plaats: Plaats | None
    facetten: dict[str, list[FacetWaarde]] = field(default_factory=dict)
    begrippen: list[Begrip] = field(default_factory=list)
    verbeterd: str | None = None  # the corrected query when the typed one found nothing
    alle_woorden: bool = True  # False when only results with some of the words were found

    @property
    def totaal(self) -> int:
        return self.pagina.paginator.count


def pas_tekst_toe(queryset: QuerySet, tsquery: str) -> QuerySet:
    return queryset.filter(zoekvector=SearchQuery(tsquery, search_type="raw", config="dutch")).annotate(
        rang=RawSQL(_RANG_SQL, [tsquery])
    )


def _sleutels(tekst: bool, afstand: bool) -> list[tuple[str, bool]]:
    """The sort keys of a result list, most significant first: (annotation or column, descending).

    The one definition of the order, for the ORM (``_orden``) and for the page the facet query picks
    (``tel_resultaat``): relevance in tenths, then distance (no location last), then the exact rank,
    then name and id so that every page is stable.
    """
    sleutels = [("relevantie", True)] if tekst else []
    if afstand:
        sleutels.append(("afstand_km", False))
    if tekst:
        sleutels.append(("rang", True))
    return [*sleutels, ("naam", False), ("id", False)]


def _afstand(plaats: Plaats | None) -> RawSQL | None:
    if plaats is None or not plaats.heeft_punt:
        return None
    return RawSQL(_AFSTAND_SQL, [plaats.latitude, plaats.longitude] * 2)


def _orden(queryset: QuerySet, plaats: Plaats | None, tsquery: str | None) -> QuerySet:
    if tsquery:
        queryset = queryset.annotate(relevantie=RawSQL(f"floor({_RANG_SQL} * 10)", [tsquery]))
    afstand = _afstand(plaats)
    if afstand is not None:
        queryset = queryset.annotate(afstand_km=afstand)
    volgorde = [
        F(naam).desc() if aflopend else F(naam).asc(nulls_last=True)
        for naam, aflopend in _sleutels(bool(tsquery), afstand is not None)
    ]
    return queryset.order_by(*volgorde)


def voor_kaartjes(queryset: QuerySet) -> QuerySet:
    # One query each for organisations+concepts (JOIN) and for the access routes and active
    # locations of the 20 cards, instead of 3 queries per card.
    return queryset.select_related("organisatie", "ondersteuningsvorm").prefetch_related(
        "toegangswegen",
        Prefetch(
            "locaties",
            queryset=Locatie.objects.filter(actief=True).select_related("gemeente"),
            to_attr="actieve_locaties",
        ),
    )


def rijen_van_pagina(pagina: QuerySet, vorm: Callable[[QuerySet], QuerySet]) -> tuple[list, int | None]:
    """The rows of ``pagina`` (an ordered, sliced queryset) in full, in its order: narrow rows first.

    The ordering runs over narrow rows (the id and the sort keys, under the slice's LIMIT/OFFSET); only
    the rows of the page are then fetched in full, shaped by ``vorm`` (joins, arrays, prefetches). The
    annotations of ``pagina`` (rank, relevance, distance) are carried over rather than computed again.
    Also returns the window count of all rows when ``pagina`` has one (else None).
    """
    smal = list(pagina.values("id", *pagina.query.annotations))
    if not smal:
        return [], None
    return volle_rijen(pagina.model._base_manager.using(pagina.db), smal, vorm), smal[0].get(_TOTAAL)


class SmalEerstPaginator(Paginator):
    """A paginator that orders narrow rows and fetches only the page in full (``rijen_van_pagina``).

    When the total is not known yet and the rows are sorted by distance (or the queryset asks for it with
    ``_in_venster_tellen``), the page query counts them too (``count(*) OVER ()`` over the rows it orders
    anyway), instead of a separate COUNT; only a page past the end still costs a COUNT.
    Without ``vorm`` it behaves as Django's paginator.
    """

    def __init__(self, object_list, per_page, *args, vorm: Callable[[QuerySet], QuerySet] | None = None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.vorm = vorm

    def _telt_zelf(self) -> bool:
        return "count" not in self.__dict__  # cached_property: not computed nor set yet

    def page(self, number):
        if (
            self.vorm is None
            or self.orphans
            or not self._telt_zelf()
            or not isinstance(self.object_list, QuerySet)
            # Only a distance sort computes a key for every row anyway; ordered by name alone the index
            # walk is cheaper than the window over all rows (all 100k: a COUNT and the page, ~60% faster),
            # unless the caller asks for the window (``_in_venster_tellen``, a filtered listing).
            or not (
                "afstand_km" in self.object_list.query.annotations
                or getattr(self.object_list, "_in_venster_tellen", False)
            )
        ):
            return super().page(number)
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        onder = (number - 1) * self.per_page
        geteld = self.object_list.annotate(**{_TOTAAL: Window(Count("*"))})
        rijen, totaal = rijen_van_pagina(geteld[onder : onder + self.per_page], self.vorm)
        if totaal is None:  # nothing on this page: an empty result, or past the end (EmptyPage)
            self.validate_number(number)
            return Page([], number, self)
        self.count = totaal
        return Page(rijen, number, self)

    def _get_page(self, object_list, number, paginator):
        if self.vorm is not None and isinstance(object_list, QuerySet):
            object_list, _totaal = rijen_van_pagina(object_list, self.vorm)
        return super()._get_page(object_list, number, paginator)


@dataclass
class Treffers:
    """The matching, ordered queryset of a text search, and how it was found."""

    queryset: QuerySet
    vraag: Zoekvraag
    aantal: int | None  # None without a text query (not counted yet)
    verbeterd: str | None = None
    alle_woorden: bool = True
    gevonden: QuerySet | None = None  # the matches before ordering: what ``tel`` counted


def _tel(queryset: QuerySet) -> int:
    return queryset.count()


def zoek_treffers(
    basis: QuerySet, tekst: str, plaats: Plaats | None, tel: Callable[[QuerySet], int] = _tel
) -> Treffers:
    """Match ``tekst`` in ``basis`` (already filtered by facets and place) and order the result.

    Tries all words first; when that finds nothing, any of the words; when that finds nothing either,
    the spelling-corrected query. One count per attempt (``tel``, a COUNT unless the caller counts
    otherwise) decides on the fallback and is reused by the paginator. Shared by the HTML search and the API.
    """
    vraag = maak_zoekvraag(tekst, synoniemen())
    if vraag.leeg:
        return Treffers(_orden(basis, plaats, None), vraag, None, gevonden=basis)
    gevonden = pas_tekst_toe(basis, vraag.alle)
    treffers = Treffers(gevonden, vraag, tel(gevonden), gevonden=gevonden)
    if not treffers.aantal and vraag.een_van != vraag.alle:
        gevonden = pas_tekst_toe(basis, vraag.een_van)
        treffers = Treffers(gevonden, vraag, tel(gevonden), alle_woorden=False, gevonden=gevonden)
    if not treffers.aantal:
        verbeterd = verbeter_spelling(tekst)
        if verbeterd:
            vraag_verbeterd = maak_zoekvraag(verbeterd, synoniemen())
            poging = pas_tekst_toe(basis, vraag_verbeterd.alle)
            aantal = tel(poging)
            if aantal:
                treffers = Treffers(poging, vraag_verbeterd, aantal, verbeterd=verbeterd, gevonden=poging)
    tsquery = treffers.vraag.alle if treffers.alle_woorden else treffers.vraag.een_van
    treffers.queryset = _orden(treffers.queryset, plaats, tsquery)
    return treffers


def zoek_en_tel(
    basis: QuerySet, tekst: str, plaats: Plaats | None, bereik: tuple[int, int] | None, facetten: bool = True
) -> tuple[Treffers, Facettelling]:
    """``zoek_treffers`` where each attempt is counted by ``tel_resultaat``, with the page of ``bereik``.

    The statement that decides between all words, any word and spelling correction also returns the
    total, the facet counts (unless ``facetten`` is false) and the ids of the page: the matches are found
    once. Without a text query nothing is tried, and the result set is counted once.
    """
    tellingen: list[tuple[QuerySet, Facettelling]] = []

    def tel(queryset: QuerySet) -> int:
        telling = tel_resultaat(queryset, plaats, bereik, facetten=facetten)
        tellingen.append((queryset, telling))
        return telling.totaal

    treffers = zoek_treffers(basis, tekst, plaats, tel=tel)
    telling = next((t for qs, t in tellingen if qs is treffers.gevonden), None)
    if telling is None:  # no text query: nothing counted yet
        telling = tel_resultaat(basis, plaats, bereik, facetten=facetten)
    return treffers, telling


def zoek(basis: QuerySet, tekst: str, plaats: Plaats | None, pagina: int | str = 1, gekozen=None) -> Zoekresultaat:
    """The results page: matches, one page of result cards, facet counts and glossary explanations.

    Each attempt of the search is counted by the facet query itself, which also gives the total and
    picks the ids of the requested page: the matches are found once (text index, coverage, facets),
    and the 20 cards then cost one query by primary key plus their prefetches. Only a page number
    below 1 or past the end takes the paginator's way (Django's ``get_page``: the last page).
    """
    nummer = _paginanummer(pagina)
    bereik = ((nummer - 1) * PER_PAGINA, PER_PAGINA) if nummer else None
    treffers, telling = zoek_en_tel(basis, tekst, plaats, bereik)
    paginator = SmalEerstPaginator(treffers.queryset, PER_PAGINA, vorm=kaartvorm)
    paginator.count = telling.totaal  # cached_property: no COUNT
    if nummer and telling.pagina is not None and (telling.pagina or nummer == 1):
        resultaatpagina = Page(kaartjes(telling.pagina), nummer, paginator)
    else:
        resultaatpagina = paginator.get_page(pagina)
    vraag = treffers.vraag
    return Zoekresultaat(
        pagina=resultaatpagina,
        vraag=vraag,
        plaats=plaats,
        facetten=telling.facetten(gekozen or {}),
        begrippen=begrippen_voor(treffers.verbeterd or tekst, vraag.herkend) if not vraag.leeg else [],
        verbeterd=treffers.verbeterd,
        alle_woorden=treffers.alle_woorden,
    )


def _paginanummer(pagina: int | str) -> int | None:
    """The page asked for: an integer ≥ 1; 1 when it is not a number (as ``get_page``); None below 1."""
    try:
        if isinstance(pagina, float) and not pagina.is_integer():
            raise ValueError
        nummer = int(pagina)
    except (TypeError, ValueError):
        return 1
    return nummer if nummer >= 1 else None


# --- facets --------------------------------------------------------------------------------------

_FACET_SQL = """
WITH r AS ({resultaat}),
n AS (SELECT x, count(*) AS aantal FROM r, unnest(r.facetcodes) x GROUP BY x)
SELECT 'thema', t.code, t.label, t.volgorde, n.aantal FROM n JOIN aanbod_thema t ON n.x = 't' || t.id
UNION ALL
SELECT 'doelgroep', t.code, t.label, t.volgorde, n.aantal FROM n JOIN aanbod_doelgroep t ON n.x = 'd' || t.id
UNION ALL
SELECT 'levensdomein', t.code, t.label, t.volgorde, n.aantal FROM n JOIN aanbod_levensdomein t ON n.x = 'l' || t.id
UNION ALL
SELECT 'toegang', t.code, t.label, t.volgorde, n.aantal FROM n JOIN aanbod_toegangsweg t ON n.x = 'a' || t.id
UNION ALL
SELECT CASE left(n.x, 1) WHEN 'k' THEN 'kostprijs' WHEN 'c' THEN 'capaciteit' WHEN 'w' THEN 'werkvorm' ELSE 'taal' END,
       substr(n.x, 2), '', 0, n.aantal
  FROM n WHERE left(n.x, 1) IN ('k', 'c', 'w', 'g')
UNION ALL
SELECT 'zone', z.code, z.weergavenaam, 0, n.aantal FROM (
    SELECT zone_id, count(*) AS aantal FROM (
        SELECT r.id, x AS zone_id FROM r, unnest(r.dekking_zones) x
        UNION
        SELECT r.id, l.zone_id FROM r, unnest(r.dekking_gemeenten) g JOIN aanbod_zonelidmaatschap l ON l.gemeente_id = g
    ) d GROUP BY zone_id
  ) n JOIN aanbod_eerstelijnszone z ON z.id = n.zone_id
UNION ALL
SELECT '', '', '', 0, count(*) FROM r
"""
_TOTAAL_SQL = """
WITH r AS ({resultaat})
SELECT '', '', '', 0, count(*) FROM r
"""
_PAGINA = "pagina"
_PAGINA_SQL = """
UNION ALL
SELECT 'pagina', (
    SELECT coalesce(json_agg(json_build_object({velden}) ORDER BY {orde}), '[]')::text
      FROM (SELECT {waarden} FROM r ORDER BY {orde} LIMIT %s OFFSET %s) p
), '', 0, 0
"""
# The page rides along as one more row (JSON in the code column): its sort values come back as PostgreSQL
# prints them, which is what psycopg parses for the same columns in a query of their own.
# Every facet is counted from the result set ``r`` itself: all values but the zones from one generated
# array per row (``facetcodes``, migration 0010: one unnest and one aggregate instead of a pass per facet),
# the zones from the coverage arrays (migration 0006). No lookups in the link tables or back in
# aanbod_aanbod, which the planner, misjudging the size of ``r``, ran as scans over the whole catalogue.
# A zone counts each aanbod once, whether listed for the zone or for one or more of its municipalities.
# The last row (facet '') is the number of results, so the search needs no separate COUNT.
_FACET_KOLOMMEN = ("id", "facetcodes", "dekking_gemeenten", "dekking_zones")
# Not a model field (Django never writes it): selected as raw SQL.
_FACETCODES = RawSQL("aanbod_aanbod.facetcodes", [])

_KEUZELABELS = {
    "kostprijs": dict(Kostprijs.choices),
    "capaciteit": dict(Capaciteit.choices),
    "werkvorm": dict(Werkvorm.choices),
    "taal": dict(Taal.choices),
}
_VOLGORDE_KEUZES = {naam: list(labels) for naam, labels in _KEUZELABELS.items()}


@dataclass
class Facettelling:
    """The size of a result set and its raw counts per facet value, from one query."""

    totaal: int
    rijen: list[tuple]
    pagina: list[dict] | None = None  # with a range: the page's ids and sort values, in order

    def facetten(self, gekozen: dict[str, list[str]]) -> dict[str, list[FacetWaarde]]:
        """Per facet, its values in display order with their counts; ``gekozen`` marks the chosen ones."""
        facetten: dict[str, list[tuple]] = {}
        for facet, code, label, volgorde, aantal in self.rijen:
            if facet in _KEUZELABELS:
                if code not in _KEUZELABELS[facet]:
                    continue
                label, volgorde = _KEUZELABELS[facet][code], _VOLGORDE_KEUZES[facet].index(code)
            facetten.setdefault(facet, []).append((volgorde, label, code, aantal))
        return {
            facet: [
                FacetWaarde(code, str(label), aantal, code in gekozen.get(facet, []))
                for volgorde, label, code, aantal in sorted(waarden, key=lambda w: (w[0], str(w[1])))
            ]
            for facet, waarden in facetten.items()
        }


def tel_resultaat(
    queryset: QuerySet,
    plaats: Plaats | None = None,
    bereik: tuple[int, int] | None = None,
    facetten: bool = True,
) -> Facettelling:
    """The number of rows of ``queryset`` and the counts per facet value over them, in one round trip.

    With ``bereik`` (offset, limit) the same query also orders the rows (``_sleutels``: the rank of a text
    search, annotated as ``rang`` by ``pas_tekst_toe``, and the distance to ``plaats``) and returns the
    ids of that page with their sort values, as ``Facettelling.pagina``: each is computed once per match.
    Without ``facetten`` (the API) it returns only the number and the page.
    """
    kolommen = list(_FACET_KOLOMMEN if facetten else ["id"])
    pagina_sql, pagina_params = "", []
    if bereik is not None:
        tekst = "rang" in queryset.query.annotations
        afstand = _afstand(plaats)
        if afstand is not None:
            queryset = queryset.annotate(afstand_km=afstand)
        waarden = [*(["rang", "floor(rang * 10) AS relevantie"] if tekst else []), *(["afstand_km"] if afstand else [])]
        kolommen += ["naam", *(["rang"] if tekst else []), *(["afstand_km"] if afstand else [])]
        orde = ", ".join(
            f"{naam} DESC" if aflopend else f"{naam} ASC NULLS LAST"
            for naam, aflopend in _sleutels(tekst, afstand is not None)
        )
        velden = ["id", *(["rang", "relevantie"] if tekst else []), *(["afstand_km"] if afstand else [])]
        pagina_sql = _PAGINA_SQL.format(
            waarden=", ".join(["id", "naam", *waarden]),
            velden=", ".join(f"'{veld}', {veld}" for veld in velden),
            orde=orde,
        )
        pagina_params = [bereik[1], bereik[0]]
    if facetten:
        queryset = queryset.annotate(facetcodes=_FACETCODES)
    sql, params = queryset.order_by().values(*kolommen).query.sql_with_params()
    telling_sql = (_FACET_SQL if facetten else _TOTAAL_SQL).format(resultaat=sql)
    # On the queryset's own database: a read replica when the router sends catalogue reads there.
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(telling_sql + pagina_sql, [*params, *pagina_params])
        rijen = cursor.fetchall()
    totaal = next(aantal for facet, *_, aantal in rijen if facet == "")
    pagina = next((json.loads(code) for facet, code, *_ in rijen if facet == _PAGINA), None)
    return Facettelling(totaal, [rij for rij in rijen if rij[0] not in ("", _PAGINA)], pagina)
