"""The result card built in Python (``{% kaartje %}``) gives exactly the markup of its template.

tests/aanbod/sjablonen/aanbod_kaartje_sjabloon.html is the card as a template: the readable specification
the tag was written from. Both render the same items here, in every variation a card has.
"""

import datetime as dt
from pathlib import Path

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import timezone

from aanbod.constants import Capaciteit
from aanbod.models import Aanbod, Toegangsweg
from aanbod.zoeken.kaartjes import kaartvorm
from tests.factories import AanbodFactory, LocatieFactory, OrganisatieFactory

pytestmark = pytest.mark.django_db

SJABLOON = (Path(__file__).parent / "sjablonen" / "aanbod_kaartje_sjabloon.html").read_text()


def varianten() -> list[Aanbod]:
    organisatie = OrganisatieFactory(naam='Zorg & Co "Noord" <vzw>')
    zonder = AanbodFactory(
        naam="Hulplijn <24/7>", organisatie=organisatie, werkingsgebied_vlaanderen=True, beschrijving=""
    )
    een = AanbodFactory(
        naam="Praatcafé dementie",
        beschrijving="Elke maand samen praten. Met een koffie & een koek! Nog een zin.",
        capaciteit=Capaciteit.WACHTLIJST,
        wachttijd_weken=3,
        capaciteit_bijgewerkt_op=timezone.now() - dt.timedelta(days=2),
        laatst_gecontroleerd_op=dt.date(2026, 3, 14),
    )
    een.locaties.add(LocatieFactory(organisatie=een.organisatie))
    een.toegangswegen.set(Toegangsweg.objects.order_by("pk")[:2])
    meer = AanbodFactory(naam="Dagcentrum", status="tijdelijk_gesloten", ondersteuningsvorm=None)
    meer.locaties.add(*(LocatieFactory(organisatie=meer.organisatie, naam=f"Plek {i}") for i in range(3)))
    meer.locaties.add(LocatieFactory(organisatie=meer.organisatie, naam="Oud", actief=False))
    nergens = AanbodFactory(naam="Zonder plaats", werkingsgebied_vlaanderen=False)
    ids = [zonder.pk, een.pk, meer.pk, nergens.pk]
    rijen = {a.pk: a for a in kaartvorm(Aanbod.objects.filter(pk__in=ids))}
    return [rijen[i] for i in ids]


@pytest.mark.parametrize("afstanden", [None, (0.42, 3.0, 12.345, None)])
def test_het_kaartje_is_de_markup_van_zijn_sjabloon(afstanden):
    verzoek = RequestFactory().get("/zoeken/", HTTP_HOST="testserver")
    sjabloon = engines["django"].from_string(SJABLOON)
    tag = engines["django"].from_string("{% load kaart %}{% kaartje item %}")
    items = varianten()
    for i, item in enumerate(items):
        if afstanden is not None:
            item.afstand_km = afstanden[i]
        verwacht = sjabloon.render({"item": item}, verzoek)
        assert tag.render({"item": item}, verzoek) == verwacht, item.naam
        assert tag.render({"item": item}) == sjabloon.render({"item": item}), item.naam  # without a request
    kaart = tag.render({"item": items[1]}, verzoek)
    assert "(en 2 andere plaatsen)" in tag.render({"item": items[2]}, verzoek)
    assert "Laatst gecontroleerd op 14 maart 2026" in kaart and "wachten" in kaart
    assert "Zorg &amp; Co &quot;Noord&quot; &lt;vzw&gt;" in tag.render({"item": items[0]}, verzoek)


def test_de_kaartjes_uit_een_query_zijn_die_van_de_orm(django_assert_num_queries):
    # The results page reads its cards in one statement (kaartjes); a page past the end goes through the
    # ORM (kaartvorm). Both must give the same cards, the map's points included, with the sort values set.
    from aanbod.views import kaartpunten
    from aanbod.zoeken.kaartjes import kaartjes

    verzoek = RequestFactory().get("/zoeken/", HTTP_HOST="testserver")
    tag = engines["django"].from_string("{% load kaart %}{% kaartje item %}")
    orm = varianten()
    pagina = [{"id": a.pk, "afstand_km": 1.5 * i, "rang": 0.1 * i} for i, a in enumerate(reversed(orm))]
    with django_assert_num_queries(1):
        uit_query = kaartjes(pagina)
        html = [tag.render({"item": item}, verzoek) for item in uit_query]
        punten = kaartpunten(uit_query)
    assert [a.pk for a in uit_query] == [r["id"] for r in pagina]
    for item, waarden in zip(list(reversed(orm)), pagina, strict=True):
        item.afstand_km, item.rang = waarden["afstand_km"], waarden["rang"]
    assert html == [tag.render({"item": item}, verzoek) for item in reversed(orm)]
    assert punten == kaartpunten(list(reversed(orm))) and len(punten) >= 4
    assert [a.rang for a in uit_query] == [r["rang"] for r in pagina]
