"""Structured logs: one JSON object per line with the request's id, and no personal data — not the
person's name or e-mail address, not the query string, not the username of a failed login."""

import io
import json
import logging

import pytest
from django.test import Client
from django.utils import timezone

from sociale_kaart.logboek import JsonFormatter, VerzoekContextFilter

PERSOON = "Mathilde Vanderstraeten"
E_MAIL = "mathilde.vanderstraeten@voorbeeld.be"


@pytest.fixture(autouse=True)
def _http(settings):
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture
def logregels():
    """A function returning everything logged so far in this test, formatted as in production."""
    stroom = io.StringIO()
    handler = logging.StreamHandler(stroom)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(VerzoekContextFilter())
    root = logging.getLogger()
    oud_niveau = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield lambda: [json.loads(r) for r in stroom.getvalue().splitlines() if r.strip()]
    root.removeHandler(handler)
    root.setLevel(oud_niveau)


def test_json_regel_heeft_tijd_niveau_logger_bericht_en_verzoekvelden():
    record = logging.LogRecord("x.y", logging.WARNING, __file__, 1, "hallo %s", ("wereld",), None)
    record.status, record.duration_ms = 503, 12.5
    VerzoekContextFilter().filter(record)
    regel = json.loads(JsonFormatter().format(record))
    assert regel["level"] == "WARNING" and regel["logger"] == "x.y" and regel["message"] == "hallo wereld"
    assert regel["time"].endswith("+00:00")
    assert regel["status"] == 503 and regel["duration_ms"] == 12.5
    assert "request_id" not in regel  # outside a request: absent, not null


@pytest.mark.django_db
def test_verzoek_id_van_de_proxy_wordt_hergebruikt_en_teruggegeven(client):
    antwoord = client.get("/healthz", HTTP_X_REQUEST_ID="lb-1234abcd-5678")
    assert antwoord["X-Request-ID"] == "lb-1234abcd-5678"


@pytest.mark.django_db
@pytest.mark.parametrize("kop", ["kort", "x" * 100, "abc def ghi jkl", "<script>alert(1)</script>", "a\\nb" * 5])
def test_een_vreemde_verzoek_id_wordt_vervangen(client, kop):
    antwoord = client.get("/healthz", HTTP_X_REQUEST_ID=kop)
    assert antwoord["X-Request-ID"] != kop
    assert len(antwoord["X-Request-ID"]) == 32


@pytest.mark.django_db
def test_toegangsregel_per_verzoek_zonder_querystring(client, logregels):
    client.get(f"/zoeken/?q={PERSOON}&gemeente=Geel", HTTP_X_REQUEST_ID="test-zoeken-0001")
    client.get("/api/v1/aanbod/", {"q": PERSOON})
    regels = logregels()
    toegang = [r for r in regels if r["logger"] == "sociale_kaart.toegang"]
    assert [r["path"] for r in toegang] == ["/zoeken/", "/api/v1/aanbod/"]
    eerste = toegang[0]
    assert eerste["request_id"] == "test-zoeken-0001"
    assert eerste["method"] == "GET" and eerste["status"] == 200 and eerste["duration_ms"] >= 0
    assert "user_id" not in eerste  # anonymous
    _geen_persoonsgegevens(regels)


def _geen_persoonsgegevens(regels):
    tekst = json.dumps(regels, ensure_ascii=False)
    for verboden in (PERSOON, "Mathilde", "Vanderstraeten", E_MAIL, "q=", "mathilde"):
        assert verboden not in tekst, verboden


def test_mislukte_aanmelding_logt_geen_gebruikersnaam(logregels, demodata, settings):
    settings.AXES_ENABLED = True
    client = Client()
    for _ in range(3):
        client.post("/aanmelden/", {"username": E_MAIL, "password": "fout"})
    client.post("/aanmelden/", {"username": "verwijzer", "password": "fout"})
    regels = logregels()
    aanmelden = [r for r in regels if r.get("path") == "/aanmelden/"]
    assert len([r for r in aanmelden if r["logger"] == "sociale_kaart.toegang"]) == 4
    _geen_persoonsgegevens(regels)
    assert "verwijzer" not in json.dumps(regels)


def test_doorverwijzing_aanmaken_en_overgang_loggen_geen_persoonsgegevens(demodata, logregels):
    from django.contrib.auth import get_user_model

    from aanbod.models import Aanbod, Medewerker

    gebruikers = get_user_model().objects.in_bulk(["verwijzer", "ontvanger"], field_name="username")
    caw = Medewerker.objects.get(user=gebruikers["ontvanger"]).organisatie
    aanbod = Aanbod.objects.filter(organisatie=caw).first()
    verwijzer, ontvanger = Client(), Client()
    verwijzer.force_login(gebruikers["verwijzer"])
    ontvanger.force_login(gebruikers["ontvanger"])
    aangemaakt = verwijzer.post(
        "/api/v1/doorverwijzingen/",
        {
            "aanbod": str(aanbod.uuid),
            "persoon": {
                "naam": PERSOON,
                "geboortejaar": 1949,
                "gemeente": "13040",
                "contactwijze": "email",
                "contactgegevens": E_MAIL,
            },
            "vraag": f"{PERSOON} zorgt alleen voor haar man.",
            "toestemming": {
                "grond": "toestemming",
                "vorm": "mondeling",
                "bevestigd_door_verwijzer": True,
                "reikwijdte": "Contact en hulpvraag",
                "gegeven_op": timezone.localdate().isoformat(),
            },
        },
        content_type="application/json",
    )
    assert aangemaakt.status_code == 201, aangemaakt.content
    uuid = aangemaakt.json()["id"]
    assert verwijzer.post(f"/api/v1/doorverwijzingen/{uuid}/versturen/").status_code == 200
    assert ontvanger.post(f"/api/v1/doorverwijzingen/{uuid}/aanvaarden/").status_code == 200
    assert ontvanger.get(f"/doorverwijzingen/{uuid}/").status_code == 200
    # A refused transition (409) is logged too, still without the person.
    assert ontvanger.post(f"/api/v1/doorverwijzingen/{uuid}/afronden/").status_code == 409
    regels = logregels()
    toegang = [r for r in regels if r["logger"] == "sociale_kaart.toegang"]
    assert [r["status"] for r in toegang] == [201, 200, 200, 200, 409]
    assert toegang[0]["user_id"] == gebruikers["verwijzer"].pk
    assert toegang[2]["user_id"] == gebruikers["ontvanger"].pk
    _geen_persoonsgegevens(regels)


@pytest.mark.django_db
def test_djangos_eigen_regels_over_een_antwoord_dragen_de_verzoek_id(client, logregels):
    client.get("/bestaat-niet/", HTTP_X_REQUEST_ID="test-404-00001")
    (niet_gevonden,) = [r for r in logregels() if r["logger"] == "django.request"]
    assert niet_gevonden["request_id"] == "test-404-00001"
    assert niet_gevonden["level"] == "WARNING"
    # After the request, lines no longer carry its id.
    logging.getLogger("tests").warning("daarna")
    assert "request_id" not in logregels()[-1]


@pytest.mark.django_db
def test_de_bevestigingslink_uit_de_e_mail_komt_niet_in_het_logboek(client, logregels):
    # The link works without a login: whoever reads the log must not be able to use it.
    geheim = "eyJzIjoiMTIzNCJ9:1uAbCd:Zk3q9-geheim-handtekening"
    antwoord = client.get(f"/beheer/bevestigen/{geheim}/")
    assert antwoord.status_code == 400
    regels = logregels()
    assert any(r.get("path") == "/beheer/bevestigen/…/" for r in regels)
    assert geheim not in json.dumps(regels)
