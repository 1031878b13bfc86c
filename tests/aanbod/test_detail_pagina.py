"""The detail page of one aanbod, read in one query (aanbod/detail.py): it shows what the ORM says."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from aanbod.constants import AanbodStatus, Capaciteit, Kostprijs
from aanbod.detail import haal_detail
from aanbod.models import Aanbod, Doelgroep, Eerstelijnszone, Gemeente, Levensdomein, Openingsuur, Thema, Toegangsweg
from aanbod.templatetags.kaart import keuzelabel
from tests.factories import AanbodFactory, LocatieFactory, OndersteuningsvormFactory

pytestmark = pytest.mark.django_db


def _uur(dag: int, van: str, tot: str, **eigenaar) -> Openingsuur:
    return Openingsuur.objects.create(
        dag=dag, van=dt.time.fromisoformat(van), tot=dt.time.fromisoformat(tot), **eigenaar
    )


@pytest.fixture
def volledig_aanbod():
    """An aanbod with every list the page shows, in an order that differs from the insertion order."""
    aanbod = AanbodFactory(
        naam="Praatgroep <jong> & oud",
        ondersteuningsvorm=OndersteuningsvormFactory(samenvatting="Samen praten helpt."),
        status=AanbodStatus.TIJDELIJK_GESLOTEN,
    )
    aanbod.themas.set(Thema.objects.order_by("-label")[:3])
    aanbod.doelgroepen.set(Doelgroep.objects.order_by("-label")[:2])
    aanbod.levensdomeinen.set(Levensdomein.objects.order_by("-label")[:2])
    aanbod.toegangswegen.set(Toegangsweg.objects.order_by("-label")[:2])
    aanbod.werkingsgebied_zones.set(Eerstelijnszone.objects.order_by("-naam")[:2])
    aanbod.werkingsgebied_gemeenten.set(Gemeente.objects.order_by("-naam")[:2])
    _uur(3, "13:00", "16:30", aanbod=aanbod)
    _uur(1, "09:00", "12:00", aanbod=aanbod)
    _uur(3, "09:00", "12:00", aanbod=aanbod)
    open_ = LocatieFactory(organisatie=aanbod.organisatie, naam="Zetel Zuid", straat="Kerkstraat 2")
    zonder_uren = LocatieFactory(organisatie=aanbod.organisatie, naam="Antenne Noord", latitude=None, longitude=None)
    dicht = LocatieFactory(organisatie=aanbod.organisatie, naam="Oud gebouw", actief=False)
    aanbod.locaties.set([open_, zonder_uren, dicht])
    _uur(5, "18:00", "20:00", locatie=open_)
    _uur(2, "08:30", "10:00", locatie=open_)
    return aanbod


def test_de_lijsten_zijn_die_van_de_orm_in_dezelfde_volgorde(volledig_aanbod):
    detail = haal_detail(volledig_aanbod.slug)

    assert detail.aanbod == volledig_aanbod
    assert detail.themas == [t.label for t in volledig_aanbod.themas.all()]
    assert detail.doelgroepen == [d.label for d in volledig_aanbod.doelgroepen.all()]
    assert detail.levensdomeinen == [d.label for d in volledig_aanbod.levensdomeinen.all()]
    assert detail.toegangswegen == [t.label for t in volledig_aanbod.toegangswegen.all()]
    assert detail.zones == [z.weergavenaam for z in volledig_aanbod.werkingsgebied_zones.all()]
    assert detail.gemeenten == [g.naam for g in volledig_aanbod.werkingsgebied_gemeenten.all()]
    assert [(dag.naam, dag.slots) for dag in detail.uren] == [
        ("Maandag", ["09:00–12:00"]),
        ("Woensdag", ["09:00–12:00", "13:00–16:30"]),
    ]
    actief = volledig_aanbod.locaties.filter(actief=True).select_related("gemeente")
    assert [(loc.pk, loc.naam, loc.adres) for loc in detail.aanbod.actieve_locaties] == [
        (loc.pk, loc.naam, loc.adres) for loc in actief
    ]
    zetel = next(loc for loc in detail.aanbod.actieve_locaties if loc.naam == "Zetel Zuid")
    assert [(dag.naam, dag.slots) for dag in zetel.uren] == [("Dinsdag", ["08:30–10:00"]), ("Vrijdag", ["18:00–20:00"])]
    assert detail.aanbod.organisatie.naam == volledig_aanbod.organisatie.naam
    assert detail.aanbod.ondersteuningsvorm.samenvatting == "Samen praten helpt."


def test_de_pagina_toont_alles_in_een_query(client, volledig_aanbod, django_assert_num_queries):
    with django_assert_num_queries(1):
        antwoord = client.get(reverse("aanbod:aanbod", args=[volledig_aanbod.slug]))
    inhoud = antwoord.content.decode()

    assert antwoord.status_code == 200
    assert "<h1>Praatgroep &lt;jong&gt; &amp; oud</h1>" in inhoud
    assert "Neem contact op om te weten wanneer het aanbod weer start." in inhoud
    zones = ", ".join(z.weergavenaam for z in volledig_aanbod.werkingsgebied_zones.all())
    gemeenten = ", ".join(g.naam for g in volledig_aanbod.werkingsgebied_gemeenten.all())
    assert f"<dd>{zones}; {gemeenten}</dd>" in inhoud
    assert '<tr><th scope="row">Woensdag</th><td>09:00–12:00, 13:00–16:30</td></tr>' in inhoud
    assert '<tr><th scope="row">Dinsdag</th><td>08:30–10:00</td></tr>' in inhoud
    assert "Antenne Noord" in inhoud and "Zetel Zuid" in inhoud
    assert "Oud gebouw" not in inhoud
    assert inhoud.count('<table class="uren">') == 2  # the aanbod's and Zetel Zuid's, not Antenne Noord's
    assert "Samen praten helpt." in inhoud
    punten = json.loads(re.search(r'<script id="kaartpunten" type="application/json">(.*?)</script>', inhoud)[1])
    assert [punt["adres"] for punt in punten] == ["Kerkstraat 2, 2300 Turnhout"]


def test_zonder_ondersteuningsvorm_locaties_of_lijsten_blijven_die_blokken_weg(client):
    aanbod = AanbodFactory(werkingsgebied_vlaanderen=True)

    detail = haal_detail(aanbod.slug)
    inhoud = client.get(reverse("aanbod:aanbod", args=[aanbod.slug])).content.decode()

    assert detail.aanbod.ondersteuningsvorm is None
    assert detail.themas == detail.zones == detail.uren == detail.aanbod.actieve_locaties == []
    assert "heel Vlaanderen en Brussel" in inhoud
    assert 'aria-labelledby="vorm"' not in inhoud and "<h3>Bereikbaar</h3>" not in inhoud
    assert 'id="kaartpunten"' not in inhoud


@pytest.mark.parametrize("slug", ["bestaat-niet", "stopgezet", "inactieve-organisatie"])
def test_wat_niet_zichtbaar_is_geeft_404(client, slug):
    AanbodFactory(slug="stopgezet", status=AanbodStatus.STOPGEZET)
    AanbodFactory(slug="inactieve-organisatie", organisatie__actief=False)

    assert haal_detail(slug) is None
    assert client.get(reverse("aanbod:aanbod", args=[slug])).status_code == 404


@pytest.mark.parametrize(("keuzes", "veld"), [(Capaciteit, "capaciteit"), (Kostprijs, "kostprijs")])
def test_keuzelabel_geeft_wat_get_display_geeft(keuzes, veld):
    for waarde in [*keuzes.values, "onbestaand"]:
        aanbod = Aanbod(**{veld: waarde})
        assert keuzelabel(keuzes, waarde) == getattr(aanbod, f"get_{veld}_display")()
