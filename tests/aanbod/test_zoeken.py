"""Search on the demo data: relevance, synonyms, typos, coverage, facets and the results page."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aanbod.filters import AanbodFilterSet
from aanbod.models import Aanbod, Gemeente, Organisatie
from aanbod.zoeken.dienst import _AFSTAND_SQL, PER_PAGINA, zoek, zoek_treffers

pytestmark = pytest.mark.django_db


def zoek_op(querystring: str):
    filterset = AanbodFilterSet(QueryDict(querystring), queryset=Aanbod.objects.zichtbaar())
    assert filterset.is_valid(), filterset.errors
    return zoek(filterset.qs, filterset.zoektekst, filterset.plaats)


def top(resultaat, n=3) -> list[Aanbod]:
    return list(resultaat.pagina.object_list[:n])


def sleutels(aanbod: Aanbod) -> set[str]:
    """What a row of the relevance table may name: the concept's slug or a word of the name."""
    return {aanbod.ondersteuningsvorm.slug if aanbod.ondersteuningsvorm else "", aanbod.naam.lower()}


# (query, municipality, expected in the top 3: a concept slug, or a piece of the aanbod's name)
RELEVANTIE = [
    ("dementie", "Geel", "expertisecentrum-dementie"),
    ("dementie", "Geel", "praatcafé dementie"),
    ("respijtzorg", "Herentals", "respijtzorg-oppashulp"),
    ("schulden", "Turnhout", "schuldbemiddeling"),
    ("schulden", "Turnhout", "budgetbeheer-budgetbegeleiding"),
    ("opvoedingsvragen", "Mol", "opvoedingsondersteuning-huis-van-het-kind"),
    ("1G1P", "Turnhout", "1-gezin-1-plan"),
    ("1 gezin 1 plan", "Turnhout", "1-gezin-1-plan"),
    ("een gezin een plan", "Hoogstraten", "1-gezin-1-plan"),
    ("DOP", "Mol", "dienst-ondersteuningsplan"),
    ("D.O.P.", "Mol", "dienst-ondersteuningsplan"),
    ("dienst ondersteuningsplan", "Mol", "dienst-ondersteuningsplan"),
    ("zelfmoordgedachten", "Geel", "zelfmoordlijn-1813"),
    ("CLB", "Westerlo", "draaischijffunctie-clb"),
    ("budgetbeheer", "Arendonk", "budgetbeheer-budgetbegeleiding"),
    ("thuisverpleging", "Kasterlee", "thuisverpleging"),
    ("mantelzorg", "Balen", "mantelzorgondersteuning"),
    ("kortverblijf", "Herentals", "kortverblijf"),
    ("dagopvang", "Turnhout", "dagverzorgingscentrum"),
    ("oppas", "Geel", "respijtzorg-oppashulp"),
    ("eenzaam", "Mol", "lokaal-dienstencentrum"),
    ("psycholoog", "Turnhout", "eerstelijnspsychologische-zorg"),
    ("leefloon", "Beerse", "ocmw-sociale-dienst"),
    ("geweld", "Herentals", "hulplijn-1712"),
    ("jongeren", "Geel", "jac-trajecten"),
    ("verslaving", "Turnhout", "hulp bij verslaving"),
    ("gezinscoaching", "Mol", "gezinscoaching"),
    ("CAW", "Geel", "caw-onthaal"),
    ("huisarts", "Olen", "huisarts-huisartsenwachtpost"),
    ("thuiszorg", "Lille", "gezinszorg"),
    ("ziekenfonds", "Dessel", "dienst-maatschappelijk-werk-ziekenfonds"),
    ("sociale woning", "Turnhout", "woonmaatschappij-sociale-huur"),
    ("schuldbemiddeling", "2260", "schuldbemiddeling"),
    ("JAC", "Turnhout", "jac-trajecten"),
    ("Kind en Gezin", "Retie", "lokale-teams-kind-en-gezin"),
]


@pytest.mark.parametrize(("vraag", "gemeente", "verwacht"), RELEVANTIE)
def test_relevantie_verwacht_aanbod_in_de_top_3(demodata, vraag, gemeente, verwacht):
    resultaat = zoek_op(f"q={vraag}&gemeente={gemeente}")
    gevonden = [sleutels(a) for a in top(resultaat)]
    assert any(verwacht == s or any(verwacht in deel for deel in s) for s in gevonden), (
        f"{vraag!r} in {gemeente}: {[a.naam for a in top(resultaat)]}"
    )


def test_afkorting_en_voluit_vinden_hetzelfde(demodata):
    kort = zoek_op("q=DOP&gemeente=Mol")
    lang = zoek_op("q=dienst+ondersteuningsplan&gemeente=Mol")
    assert [a.pk for a in top(kort)] == [a.pk for a in top(lang)]


def test_een_tikfout_wordt_verbeterd_en_gemeld(demodata):
    resultaat = zoek_op("q=dementei&gemeente=Geel")
    assert resultaat.verbeterd == "dementie"
    assert resultaat.totaal > 0
    assert all("dementie" in a.zoekvector for a in top(resultaat))


def test_een_onbekend_woord_wordt_niet_verbeterd_tot_iets_anders(demodata):
    resultaat = zoek_op("q=paardentherapie&gemeente=Geel")
    assert resultaat.verbeterd is None
    assert resultaat.totaal == 0


def test_jargon_krijgt_uitleg_boven_de_resultaten(demodata):
    resultaat = zoek_op("q=ITP")
    assert any(b.afkorting == "ITP" for b in resultaat.begrippen)
    assert zoek_op("q=dementie").begrippen == [] or all(b.term for b in zoek_op("q=dementie").begrippen)


def test_woonplaats_betekent_werkingsgebied_niet_afstand(demodata):
    geel = Gemeente.objects.get(naam="Geel")
    resultaat = zoek_op("q=schuldbemiddeling&gemeente=Geel")
    for aanbod in resultaat.pagina.object_list:
        assert Aanbod.objects.voor_gemeente(geel).filter(pk=aanbod.pk).exists()
    # The OCMW of Turnhout offers schuldbemiddeling, but only for residents of Turnhout.
    assert "Schuldbemiddeling Turnhout" not in [a.naam for a in resultaat.pagina.object_list]


def test_gelijk_relevante_resultaten_staan_op_afstand(demodata):
    resultaat = zoek_op("q=huisarts&gemeente=Olen")
    afstanden = [a.afstand_km for a in resultaat.pagina.object_list if a.relevantie == top(resultaat)[0].relevantie]
    afstanden = [a for a in afstanden if a is not None]
    assert afstanden == sorted(afstanden)


def test_facetten_combineren_en_tellen(demodata):
    alles = zoek_op("gemeente=Turnhout")
    gratis = zoek_op("gemeente=Turnhout&kostprijs=gratis")
    gratis_zelf = zoek_op("gemeente=Turnhout&kostprijs=gratis&toegang=zelf")
    assert alles.totaal > gratis.totaal > gratis_zelf.totaal > 0
    telling = {w.code: w.aantal for w in alles.facetten["kostprijs"]}
    assert telling["gratis"] == gratis.totaal
    assert {w.code: w.aantal for w in gratis.facetten["toegang"]}["zelf"] == gratis_zelf.totaal
    for aanbod in gratis_zelf.pagina.object_list:
        assert aanbod.kostprijs == "gratis"
        assert "zelf" in {t.code for t in aanbod.toegangswegen.all()}


def test_waarden_binnen_een_facet_zijn_alternatieven(demodata):
    dementie = zoek_op("thema=dementie").totaal
    schulden = zoek_op("thema=schulden").totaal
    beide = zoek_op("thema=dementie&thema=schulden").totaal
    assert max(dementie, schulden) < beide <= dementie + schulden


def test_leeftijd_filtert_op_leeftijdsgrenzen(demodata):
    for aanbod in Aanbod.objects.filter(pk__in=[a.pk for a in zoek_op("leeftijd=80").pagina.object_list]):
        assert aanbod.leeftijd_min in (None,) or aanbod.leeftijd_min <= 80
        assert aanbod.leeftijd_max in (None,) or aanbod.leeftijd_max >= 80
    assert zoek_op("leeftijd=80&q=jongeren").totaal < zoek_op("q=jongeren").totaal


def test_zoekvector_volgt_wijzigingen_van_de_organisatie(demodata):
    organisatie = Organisatie.objects.filter(aanbod__isnull=False).first()
    organisatie.naam = "Zonnebloemhuis Kwartelkoning"
    organisatie.save(update_fields=["naam"])
    resultaat = zoek_op("q=kwartelkoning")
    assert resultaat.totaal == organisatie.aanbod.zichtbaar().count() > 0


def test_onbekende_gemeente_geeft_een_fout_bij_het_veld(client, demodata):
    antwoord = client.get(reverse("aanbod:zoeken"), {"q": "dementie", "gemeente": "Nergenshuizen"})
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert "We vinden geen gemeente of postcode" in inhoud
    assert 'aria-invalid="true"' in inhoud


@pytest.mark.parametrize(
    "parameters",
    [
        {"leeftijd": "-4"},
        {"leeftijd": "abc"},
        {"thema": "bestaat-niet"},
        {"q": "x" * 5000},
        {"pagina": "999"},
        {"pagina": "abc"},
        {"q": "'; drop table aanbod_aanbod; --"},
        {"q": "!!! &&& |||"},
        {"q": "a:* & b <-> c"},
        {"open_nu": "misschien"},
        {"gemeente": "\x00"},
    ],
)
def test_rare_invoer_geeft_nooit_een_serverfout(client, demodata, parameters):
    assert client.get(reverse("aanbod:zoeken"), parameters).status_code == 200


def test_resultatenpagina_toont_kaartjes_met_de_nodige_gegevens(client, demodata):
    antwoord = client.get(reverse("aanbod:zoeken"), {"q": "dementie", "gemeente": "2440"})
    inhoud = antwoord.content.decode()
    assert "resultaten voor wie woont in 2440 Geel" in inhoud
    assert "Laatst gecontroleerd op" in inhoud
    assert " van je" in inhoud  # distance
    assert "Toegang" in inhoud and "Plaats" in inhoud


def test_geen_resultaten_biedt_uitwegen_en_eerste_contactpunten(client, demodata):
    antwoord = client.get(reverse("aanbod:zoeken"), {"q": "xqzwv", "gemeente": "Geel", "kostprijs": "gratis"})
    inhoud = antwoord.content.decode()
    assert "0 resultaten" in inhoud
    for tekst in ["Zoek zonder de gekozen filters", "Zoek in heel Vlaanderen en Brussel", "CAW", "1712", "106"]:
        assert tekst in inhoud


@pytest.mark.parametrize(
    "parameters",
    [
        {"gemeente": "Turnhout"},
        {"q": "hulp", "gemeente": "Geel", "pagina": "2"},
        {"thema": "mantelzorg", "pagina": "3"},
    ],
)
def test_aantal_queries_groeit_niet_met_het_aantal_resultaten(
    client, demodata, django_assert_max_num_queries, parameters
):
    # The place (2), facets + total + page ids (1), the 20 cards with their access routes and locations (1),
    # the glossary (1, cached). A field the card shows but the card query leaves out would cost one per card.
    client.get(reverse("aanbod:zoeken"), parameters)
    with django_assert_max_num_queries(5):
        antwoord = client.get(reverse("aanbod:zoeken"), parameters)
    assert antwoord.content.decode().count('class="kaartje"') == PER_PAGINA


def test_geen_persoonsgegevens_in_de_url_enkel_zoekcriteria(client, demodata):
    antwoord = client.get(reverse("aanbod:zoeken"), {"q": "dementie"})
    formulier = antwoord.content.decode()
    assert 'method="get"' in formulier
    assert 'name="email"' not in formulier


def test_afstand_is_exact_earth_distance_tot_de_dichtste_actieve_locatie(demodata):
    # _AFSTAND_SQL computes earth_distance(ll_to_earth(...), ...) from the stored points: same values.
    plaats = Gemeente.objects.get(naam="Geel")
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT aanbod_aanbod.id, {_AFSTAND_SQL}, (
                    SELECT min(earth_distance(ll_to_earth(l.latitude, l.longitude), ll_to_earth(%s, %s))) / 1000.0
                      FROM aanbod_aanbod_locaties k JOIN aanbod_locatie l ON l.id = k.locatie_id
                     WHERE k.aanbod_id = aanbod_aanbod.id AND l.actief AND l.latitude IS NOT NULL)
                  FROM aanbod_aanbod""",
            [plaats.latitude, plaats.longitude] * 3,
        )
        rijen = cursor.fetchall()
    assert any(snel is not None for _, snel, _ in rijen)
    assert [(id_, snel) for id_, snel, _ in rijen] == [(id_, traag) for id_, _, traag in rijen]


def geordende_pagina(querystring: str, pagina: int) -> list[Aanbod]:
    """The oracle: page ``pagina`` of the ORM-ordered matches (``zoek_treffers``, as the API pages them)."""
    filterset = AanbodFilterSet(QueryDict(querystring), queryset=Aanbod.objects.zichtbaar())
    assert filterset.is_valid()
    geordend = zoek_treffers(filterset.qs, filterset.zoektekst, filterset.plaats).queryset
    return list(geordend[(pagina - 1) * PER_PAGINA : pagina * PER_PAGINA])


def sorteerwaarden(rijen: list[Aanbod]) -> list[tuple]:
    return [
        (a.pk, getattr(a, "afstand_km", None), getattr(a, "relevantie", None), getattr(a, "rang", None)) for a in rijen
    ]


@pytest.mark.parametrize(
    ("querystring", "pagina"),
    [
        ("q=dementie&gemeente=Geel", 1),  # text and place
        ("q=hulp&gemeente=Geel", 2),
        ("q=hulp&gemeente=Geel", 3),  # the last, partly filled page
        ("gemeente=Turnhout", 1),  # place only: distance, then name
        ("gemeente=Turnhout", 3),
        ("q=dementie", 2),  # text only: relevance, rank, name
        ("thema=mantelzorg", 4),  # neither: name
        ("q=dementie+zwemmen&gemeente=Geel", 1),  # the fallback: any of the words
        ("q=dementei&gemeente=Geel", 1),  # the fallback: spelling corrected
    ],
)
def test_de_resultatenpagina_toont_dezelfde_rijen_als_de_geordende_zoekopdracht(demodata, querystring, pagina):
    # The facet query picks the page itself (tel_resultaat); the ORM ordering of the API is the oracle,
    # down to the sort values shown on the cards.
    filterset = AanbodFilterSet(QueryDict(querystring), queryset=Aanbod.objects.zichtbaar())
    assert filterset.is_valid()
    resultaat = zoek(filterset.qs, filterset.zoektekst, filterset.plaats, pagina=pagina)
    verwacht = geordende_pagina(querystring, pagina)
    assert len(verwacht) > 1  # not vacuous
    assert resultaat.pagina.number == pagina
    assert sorteerwaarden(resultaat.pagina.object_list) == sorteerwaarden(verwacht)
    assert all(hasattr(a, "actieve_locaties") for a in resultaat.pagina)  # the cards' prefetch still applies


@pytest.mark.parametrize(
    ("gevraagd", "getoond"), [("abc", 1), ("1.5", 1), ("", 1), ("0", "laatste"), ("999", "laatste")]
)
def test_een_vreemd_paginanummer_geeft_de_eerste_of_de_laatste_pagina(demodata, gevraagd, getoond):
    filterset = AanbodFilterSet(QueryDict("gemeente=Turnhout"), queryset=Aanbod.objects.zichtbaar())
    assert filterset.is_valid()
    resultaat = zoek(filterset.qs, filterset.zoektekst, filterset.plaats, pagina=gevraagd)
    laatste = resultaat.pagina.paginator.num_pages
    assert laatste > 1
    nummer = laatste if getoond == "laatste" else getoond
    assert resultaat.pagina.number == nummer
    assert sorteerwaarden(resultaat.pagina.object_list) == sorteerwaarden(geordende_pagina("gemeente=Turnhout", nummer))


@pytest.mark.parametrize(
    ("querystring", "pagina"),
    [
        ("q=dementie&gemeente=Geel", 1),
        ("q=hulp&gemeente=Geel", 3),  # the last, partly filled page
        ("q=dementie", 2),
        ("q=dementie+zwemmen&gemeente=Geel", 1),  # any of the words
        ("q=dementei&gemeente=Geel", 1),  # spelling corrected
    ],
)
def test_de_api_met_zoektekst_geeft_dezelfde_pagina_als_de_geordende_zoekopdracht(
    client, demodata, querystring, pagina
):
    # With a text query the API takes its page from the statement that counted the matches (zoek_en_tel):
    # no COUNT and no second ordering of the matches. The ORM ordering is the oracle, distance included.
    verwacht = geordende_pagina(querystring, pagina)
    assert verwacht
    url = f"/api/v1/aanbod/?{querystring}&page_size={PER_PAGINA}&page={pagina}"
    with CaptureQueriesContext(connection) as vangst:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    gestuurd = [q["sql"] for q in vangst.captured_queries]
    assert not [sql for sql in gestuurd if "COUNT(*) AS" in sql]
    rijen = antwoord.json()["results"]
    assert [r["id"] for r in rijen] == [str(a.uuid) for a in verwacht]
    afstanden = [getattr(a, "afstand_km", None) for a in verwacht]
    assert [r["afstand_km"] for r in rijen] == [None if x is None else round(x, 2) for x in afstanden]
