"""The catalogue API: same filters as the HTML search, sync, caching headers, CORS, tokens, writes, errors."""

import datetime as dt
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.request import Request

from aanbod.api.serializers import AanbodSerializer, OrganisatieKortSerializer, SnelleWeergave
from aanbod.api.views import met_api_velden
from aanbod.constants import AanbodStatus, Capaciteit, MedewerkerRol
from aanbod.filters import AanbodFilterSet
from aanbod.models import Aanbod, Medewerker
from aanbod.zoeken.dienst import zoek_treffers

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture(autouse=True)
def _lege_cache():
    cache.clear()  # throttling counts live in the cache


def token_voor(client, gebruikersnaam: str) -> str:
    antwoord = client.post(f"{API}/token/", {"username": gebruikersnaam, "password": "demo"})
    assert antwoord.status_code == 200, antwoord.content
    return antwoord.json()["token"]


def test_lijst_en_detail_op_uuid(client, demodata):
    lijst = client.get(f"{API}/aanbod/", {"page_size": 5}).json()
    assert lijst["count"] == Aanbod.objects.zichtbaar().count()
    eerste = lijst["results"][0]
    detail = client.get(f"{API}/aanbod/{eerste['id']}/").json()
    assert detail["naam"] == eerste["naam"]
    assert set(detail) >= {"doelgroepen", "werkingsgebied", "capaciteit", "locaties", "openingsuren", "url"}
    assert detail["url"].startswith("http://testserver/aanbod/")


@pytest.mark.parametrize(
    "parameters",
    [
        {"q": "dementie", "gemeente": "Geel"},
        {"q": "DOP", "gemeente": "Mol"},
        {"q": "dementei", "gemeente": "2440"},
        {"gemeente": "Turnhout", "kostprijs": "gratis", "toegang": "zelf"},
        {"thema": ["dementie", "schulden"], "leeftijd": "80"},
        {"q": "schulden", "zone": "kempenland", "capaciteit": "plaats_vrij"},
    ],
)
def test_filters_geven_hetzelfde_als_de_zoekpagina(client, demodata, parameters):
    html = client.get(reverse("aanbod:zoeken"), parameters).context["resultaat"]
    api = client.get(f"{API}/aanbod/", {**parameters, "page_size": 20}).json()
    assert api["count"] == html.totaal
    assert [r["slug"] for r in api["results"]] == [a.slug for a in html.pagina.object_list]


def test_paginagrootte_is_hoogstens_100(client, demodata):
    antwoord = client.get(f"{API}/aanbod/", {"page_size": 1000}).json()
    assert len(antwoord["results"]) == 100


def test_synchroniseren_met_gewijzigd_sinds_toont_ook_stopgezet_aanbod(client, demodata):
    stopgezet = Aanbod.objects.filter(status=AanbodStatus.STOPGEZET).first()
    sinds = (timezone.now() - dt.timedelta(days=1)).isoformat()
    gezien, url, parameters = [], f"{API}/aanbod/", {"gewijzigd_sinds": sinds, "page_size": 100}
    while url:
        pagina = client.get(url, parameters).json()
        gezien += pagina["results"]
        url, parameters = pagina["next"], None
    assert len(gezien) == Aanbod.objects.count()
    assert {"id": str(stopgezet.uuid), "status": "stopgezet"}.items() <= next(
        r for r in gezien if r["id"] == str(stopgezet.uuid)
    ).items()
    tijden = [r["gewijzigd_op"] for r in gezien]
    assert tijden == sorted(tijden)
    later = client.get(f"{API}/aanbod/", {"gewijzigd_sinds": (timezone.now() + dt.timedelta(minutes=1)).isoformat()})
    assert later.json()["results"] == []


def test_etag_en_last_modified_geven_304(client, demodata):
    url = f"{API}/aanbod/?gemeente=Geel"
    eerste = client.get(url)
    assert eerste["ETag"] and eerste["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=eerste["ETag"]).status_code == 304
    detail_url = f"{API}/aanbod/{eerste.json()['results'][0]['id']}/"
    detail = client.get(detail_url)
    assert client.get(detail_url, HTTP_IF_MODIFIED_SINCE=detail["Last-Modified"]).status_code == 304


def test_cors_open_voor_de_catalogus_niet_voor_tokens(client, demodata):
    open_ = client.get(f"{API}/aanbod/", HTTP_ORIGIN="https://gemeente.example")
    assert open_["Access-Control-Allow-Origin"] == "*"
    dicht = client.post(f"{API}/token/", {}, HTTP_ORIGIN="https://gemeente.example")
    assert "Access-Control-Allow-Origin" not in dicht


def test_token_levenscyclus(client, demodata):
    token = token_voor(client, "redacteur")
    met_token = Client(HTTP_AUTHORIZATION=f"Token {token}")
    assert met_token.delete(f"{API}/token/").status_code == 204
    assert not Token.objects.filter(key=token).exists()
    aanbod = Aanbod.objects.first()
    ingetrokken = met_token.patch(
        f"{API}/aanbod/{aanbod.uuid}/capaciteit/", {"capaciteit": "volzet"}, content_type="application/json"
    )
    assert ingetrokken.status_code == 401
    assert ingetrokken.json()["code"] == "authentication_failed"


def test_fout_wachtwoord_geeft_400_in_het_nederlands(client, demodata):
    antwoord = client.post(f"{API}/token/", {"username": "redacteur", "password": "fout"})
    assert antwoord.status_code == 400
    assert antwoord.json()["detail"].startswith("Kan niet")


@pytest.fixture
def eigen_aanbod(demodata):
    organisatie = Medewerker.objects.get(user__username="redacteur", rol=MedewerkerRol.REDACTEUR).organisatie
    return organisatie.aanbod.first()


@pytest.mark.parametrize(
    ("gebruiker", "eigen", "verwacht"),
    [
        (None, True, 401),
        ("buitenstaander", True, 404),
        ("verwijzer", True, 404),
        ("curator", True, 404),
        ("redacteur", False, 404),
        ("redacteur", True, 200),
        ("beheerder", False, 200),
    ],
)
def test_wie_mag_de_capaciteit_bijwerken(client, eigen_aanbod, gebruiker, eigen, verwacht):
    aanbod = eigen_aanbod if eigen else Aanbod.objects.exclude(organisatie=eigen_aanbod.organisatie).first()
    kop = {"HTTP_AUTHORIZATION": f"Token {token_voor(client, gebruiker)}"} if gebruiker else {}
    antwoord = client.patch(
        f"{API}/aanbod/{aanbod.uuid}/capaciteit/",
        {"capaciteit": "wachtlijst", "wachttijd_weken": 6},
        content_type="application/json",
        **kop,
    )
    assert antwoord.status_code == verwacht, antwoord.content
    aanbod.refresh_from_db()
    if verwacht == 200:
        assert (aanbod.capaciteit, aanbod.wachttijd_weken) == (Capaciteit.WACHTLIJST, 6)
        assert timezone.now() - aanbod.capaciteit_bijgewerkt_op < dt.timedelta(minutes=1)
    else:
        assert aanbod.wachttijd_weken != 6 or aanbod.capaciteit != Capaciteit.WACHTLIJST


@pytest.mark.parametrize(
    ("invoer", "veld"),
    [
        ({"capaciteit": "plaats_vrij", "wachttijd_weken": 4}, "wachttijd_weken"),
        ({"capaciteit": "bestaat_niet"}, "capaciteit"),
        ({"capaciteit": "wachtlijst", "wachttijd_weken": -3}, "wachttijd_weken"),
        ({}, "capaciteit"),
    ],
)
def test_ongeldige_capaciteit_geeft_400_met_het_veld_en_bewaart_niets(client, eigen_aanbod, invoer, veld):
    voor = (eigen_aanbod.capaciteit, eigen_aanbod.wachttijd_weken, eigen_aanbod.capaciteit_bijgewerkt_op)
    antwoord = client.patch(
        f"{API}/aanbod/{eigen_aanbod.uuid}/capaciteit/",
        invoer,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token_voor(client, 'redacteur')}",
    )
    assert antwoord.status_code == 400
    assert veld in antwoord.json()["fields"]
    eigen_aanbod.refresh_from_db()
    assert (eigen_aanbod.capaciteit, eigen_aanbod.wachttijd_weken, eigen_aanbod.capaciteit_bijgewerkt_op) == voor


def test_anonieme_clients_worden_afgeremd_met_retry_after(client, demodata, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "rate", "3/minute", raising=False)
    codes = [client.get(f"{API}/themas/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    antwoord = client.get(f"{API}/themas/")
    assert int(antwoord["Retry-After"]) > 0
    assert antwoord.json()["code"] == "throttled"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/aanbod/00000000-0000-0000-0000-000000000000/",
        "/api/v1/aanbod/geen-uuid/",
        "/api/v1/bestaat-niet/",
        "/api/v1/gemeenten/00000000-0000-0000-0000-000000000000/",
    ],
)
def test_onbekend_is_een_json_404(client, demodata, url):
    antwoord = client.get(url)
    assert antwoord.status_code == 404
    assert antwoord.json() == {"detail": "Niet gevonden.", "code": antwoord.json()["code"], "fields": {}}


@pytest.mark.parametrize(
    "parameters",
    [
        {"gemeente": "Nergenshuizen"},
        {"leeftijd": "-1"},
        {"thema": "x"},
        {"gewijzigd_sinds": "gisteren"},
        {"gewijzigd_sinds": "0502-12-23T12:18:55+17:06"},  # found by schemathesis: was a database error
        {"gewijzigd_sinds": "0001-01-01T00:00:00+14:00"},
    ],
)
def test_ongeldige_filters_geven_400_met_de_parameter(client, demodata, parameters):
    antwoord = client.get(f"{API}/aanbod/", parameters)
    assert antwoord.status_code == 400
    assert set(antwoord.json()["fields"]) == set(parameters)


@pytest.mark.parametrize("page_size", [10, 100])
def test_aantal_queries_hangt_niet_af_van_de_paginagrootte(client, demodata, page_size, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        client.get(f"{API}/aanbod/", {"gemeente": "Turnhout", "page_size": page_size})


@pytest.mark.parametrize(
    "pad",
    [
        "organisaties",
        "locaties",
        "ondersteuningsvormen",
        "doelgroepen",
        "levensdomeinen",
        "themas",
        "toegangswegen",
        "eerstelijnszones",
        "gemeenten",
        "begrippen",
    ],
)
def test_elk_endpoint_geeft_lijst_en_detail(client, demodata, pad):
    lijst = client.get(f"{API}/{pad}/").json()
    assert lijst["count"] > 0
    eerste = lijst["results"][0]
    assert client.get(f"{API}/{pad}/{eerste['id']}/").json()["id"] == eerste["id"]


def test_documentatie_en_schema(client, demodata):
    assert client.get(f"{API}/schema/").status_code == 200
    docs = client.get(f"{API}/docs/")
    assert docs.status_code == 200 and b"swagger-ui" in docs.content
    assert b"cdn" not in docs.content.lower()  # assets are served locally (sidecar)


def test_sorteren_op_naam_en_onbekend_veld_is_400(client, demodata):
    namen = [r["naam"] for r in client.get(f"{API}/aanbod/", {"ordering": "naam", "page_size": 30}).json()["results"]]
    assert namen == sorted(namen)
    omgekeerd = client.get(f"{API}/organisaties/", {"ordering": "-naam"}).json()["results"]
    assert [o["naam"] for o in omgekeerd] == sorted((o["naam"] for o in omgekeerd), reverse=True)
    fout = client.get(f"{API}/aanbod/", {"ordering": "wachtwoord"})
    assert fout.status_code == 400 and "ordering" in fout.json()["fields"]


@pytest.mark.parametrize("gebruiker", ["curator", "beheerder"])
def test_wie_de_tweede_stap_moet_doen_krijgt_geen_token(client, demodata, settings, gebruiker):
    settings.TWEE_FACTOR_VERPLICHT = True
    antwoord = client.post(f"{API}/token/", {"username": gebruiker, "password": "demo"})
    assert antwoord.status_code == 403
    assert antwoord.json()["code"] == "tweestaps_vereist"
    assert not Token.objects.filter(user__username=gebruiker).exists()
    # A professional without the second step still gets one (partner software, capacity updates).
    assert client.post(f"{API}/token/", {"username": "redacteur", "password": "demo"}).status_code == 200


def _api_volgorde(querystring: str) -> list[str]:
    """The uuids in the order of the search itself (filters, relevance, distance, name), without paging."""
    filterset = AanbodFilterSet(QueryDict(querystring), queryset=Aanbod.objects.zichtbaar())
    assert filterset.is_valid(), filterset.errors
    treffers = zoek_treffers(filterset.qs, filterset.zoektekst, filterset.plaats)
    return [str(u) for u in treffers.queryset.values_list("uuid", flat=True)]


@pytest.mark.parametrize(
    "vraag", ["gemeente=Geel", "q=dementie&gemeente=Turnhout", "q=schulden", "thema=mantelzorg&kostprijs=gratis", ""]
)
def test_paginas_volgen_de_volgorde_en_afstand_van_de_zoekopdracht(client, demodata, vraag):
    # Pages are ordered on narrow rows and only then fetched in full: same rows, same order, distance kept.
    verwacht = _api_volgorde(vraag)
    gezien, afstanden = [], []
    url = f"{API}/aanbod/?{vraag}&page_size=7"
    while url:
        pagina = client.get(url).json()
        assert pagina["count"] == len(verwacht)
        gezien += [r["id"] for r in pagina["results"]]
        afstanden += [r["afstand_km"] for r in pagina["results"]]
        url = pagina["next"]
    assert gezien == verwacht
    if "gemeente" in vraag:
        assert any(a is not None for a in afstanden)


def test_lijst_zonder_zoektekst_telt_in_dezelfde_query_als_de_pagina(client, demodata):
    with CaptureQueriesContext(connection) as vangst:
        pagina = client.get(f"{API}/aanbod/", {"gemeente": "Geel", "page_size": 5}).json()
    assert not [q["sql"] for q in vangst.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert pagina["count"] == len(_api_volgorde("gemeente=Geel"))


def test_pagina_voorbij_het_einde_is_404_en_een_lege_zoekopdracht_een_lege_lijst(client, demodata):
    assert client.get(f"{API}/aanbod/", {"gemeente": "Geel", "page": 9999}).status_code == 404
    Aanbod.objects.update(status=AanbodStatus.STOPGEZET)
    leeg = client.get(f"{API}/aanbod/", {"gemeente": "Geel", "page_size": 5})
    assert leeg.status_code == 200
    assert leeg.json()["count"] == 0 and leeg.json()["results"] == []


def test_snelle_weergave_geeft_wat_drf_zelf_geeft(demodata, rf):
    # SnelleWeergave reads plain attributes directly; the output must stay DRF's, field for field.
    rijen = list(met_api_velden(Aanbod.objects.order_by("id")))
    rijen[0].afstand_km = 1.23456
    context = {"request": Request(rf.get("/api/v1/aanbod/"))}
    zonder_kbo = SimpleNamespace(uuid=rijen[0].organisatie.uuid, naam="Zonder KBO")  # a missing attribute

    def weergaven():
        try:
            onvolledig = OrganisatieKortSerializer(zonder_kbo).data
        except AttributeError as fout:
            onvolledig = type(fout)
        return AanbodSerializer(rijen, many=True, context=context).data, onvolledig

    snel = weergaven()
    drf = serializers.Serializer.to_representation
    with mock.patch.object(SnelleWeergave, "to_representation", lambda self, rij: drf(self, rij)):
        traag = weergaven()
    assert snel == traag
    assert snel[0][0]["afstand_km"] == 1.23
