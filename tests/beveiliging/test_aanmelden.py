"""Login protection: lockout after wrong passwords (django-axes), the second step with a TOTP code for
curators and administrators (django-otp), password rules and sessions that end after inactivity."""

import datetime as dt
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

VERPLICHT = override_settings(TWEE_FACTOR_VERPLICHT=True)


def _aanmelden(client, gebruiker, wachtwoord="demo", **extra):
    return client.post(reverse("login"), {"username": gebruiker, "password": wachtwoord, **extra})


def _code(toestel: TOTPDevice) -> str:
    toestel.refresh_from_db()
    return f"{totp(toestel.bin_key, step=toestel.step, t0=toestel.t0, digits=toestel.digits, drift=toestel.drift):06d}"


def _ontremmen(toestel: TOTPDevice, *, nieuwe_tijdstap=False) -> None:
    """Skip the waiting time after a wrong code (1 s, doubling) and, if asked, allow the current code again."""
    velden = {"throttling_failure_count": 0, "throttling_failure_timestamp": None}
    if nieuwe_tijdstap:
        velden["last_t"] = -1
    TOTPDevice.objects.filter(pk=toestel.pk).update(**velden)


def _toestel(gebruikersnaam: str) -> TOTPDevice:
    return TOTPDevice.objects.create(user=get_user_model().objects.get(username=gebruikersnaam), name="app")


# --- Lockout ---------------------------------------------------------------------------------------


@override_settings(AXES_FAILURE_LIMIT=3)
def test_na_te_veel_foute_wachtwoorden_is_de_gebruiker_geblokkeerd_ook_met_het_juiste(client, demodata):
    for _ in range(2):
        assert _aanmelden(client, "verwijzer", "fout").status_code == 200
    derde = _aanmelden(client, "verwijzer", "fout")
    assert derde.status_code == 429
    inhoud = derde.content.decode()
    assert "tijdelijk geblokkeerd" in inhoud and "15 minuten" in inhoud
    juist = _aanmelden(client, "verwijzer")
    assert juist.status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(AXES_FAILURE_LIMIT=3)
def test_blokkering_geldt_per_gebruikersnaam_en_adres(client, demodata):
    for _ in range(3):
        _aanmelden(client, "verwijzer", "fout")
    # Another user from the same address, and the same user from another address, still get in.
    assert _aanmelden(client, "ontvanger").status_code == 302
    client.logout()
    assert (
        client.post(reverse("login"), {"username": "verwijzer", "password": "demo"}, REMOTE_ADDR="10.1.2.3").status_code
        == 302
    )


@override_settings(AXES_FAILURE_LIMIT=3)
def test_een_geslaagde_aanmelding_zet_de_teller_terug(client, demodata):
    for _ in range(2):
        _aanmelden(client, "verwijzer", "fout")
    assert _aanmelden(client, "verwijzer").status_code == 302
    client.logout()
    for _ in range(2):
        assert _aanmelden(client, "verwijzer", "fout").status_code == 200
    assert _aanmelden(client, "verwijzer").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_api_token_werkt_en_valt_ook_onder_de_blokkering(client, demodata):
    url = reverse("api:token")
    assert "token" in client.post(url, {"username": "verwijzer", "password": "demo"}).json()
    for _ in range(3):
        assert client.post(url, {"username": "verwijzer", "password": "fout"}).status_code == 400
    geblokkeerd = client.post(url, {"username": "verwijzer", "password": "demo"})
    assert geblokkeerd.status_code in (400, 403, 429)
    assert "token" not in geblokkeerd.json()


def test_aanmeldpagina_zegt_hoeveel_pogingen_er_zijn(client):
    assert "Na 5 foute pogingen" in client.get(reverse("login")).content.decode()


# --- Password rules --------------------------------------------------------------------------------


@pytest.mark.parametrize("wachtwoord", ["demo", "12345678901", "wachtwoord", "verwijzer1"])
def test_zwakke_wachtwoorden_worden_geweigerd(wachtwoord):
    with pytest.raises(ValidationError):
        validate_password(wachtwoord, user=get_user_model()(username="verwijzer"))


def test_een_sterk_wachtwoord_mag():
    validate_password("Zonnebloem-kaartlezer-2026", user=get_user_model()(username="verwijzer"))


# --- Second step ------------------------------------------------------------------------------------


def test_zonder_verplichting_melden_demogebruikers_aan_met_alleen_een_wachtwoord(client, demodata, settings):
    settings.TWEE_FACTOR_VERPLICHT = False
    assert "niet verplicht" in client.get(reverse("login")).content.decode()
    assert _aanmelden(client, "beheerder", next="/admin/")["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    client.logout()
    assert _aanmelden(client, "curator")["Location"] == reverse("doorverwijzing:inbox")
    assert client.get(reverse("beheer:start")).status_code in (200, 501)


@VERPLICHT
def test_curator_zonder_toestel_moet_eerst_tweestapsverificatie_instellen(client, demodata):
    antwoord = _aanmelden(client, "curator", next=reverse("beheer:start"))
    assert antwoord["Location"].startswith(reverse("tweestaps_instellen") + "?next=")
    # Half signed in: /beheer/ and /admin/ send to the second step; elsewhere they are anonymous.
    assert client.get(reverse("beheer:start"))["Location"].startswith(reverse("tweestaps_instellen"))
    assert client.get(reverse("doorverwijzing:inbox"))["Location"].startswith(reverse("login"))
    assert client.get(reverse("login"))["Location"].startswith(reverse("tweestaps_instellen"))
    api = client.get("/api/v1/doorverwijzingen/")
    assert api.status_code == 403 and api.json()["code"] == "tweestaps_vereist"

    pagina = client.get(antwoord["Location"])
    inhoud = pagina.content.decode()
    assert "<svg" in inhoud and 'aria-labelledby="qr-uitleg"' in inhoud and "verplicht" in inhoud
    toestel = TOTPDevice.objects.get(user__username="curator", confirmed=False)
    assert client.post(antwoord["Location"], {"code": "000000"}).status_code == 200
    _ontremmen(toestel)
    bevestigd = client.post(antwoord["Location"], {"code": _code(toestel)})
    assert bevestigd["Location"] == reverse("beheer:start")
    toestel.refresh_from_db()
    assert toestel.confirmed
    assert client.get(reverse("beheer:start")).status_code in (200, 501)
    assert client.get(reverse("doorverwijzing:inbox")).status_code == 200


@VERPLICHT
def test_curator_met_toestel_geeft_na_het_wachtwoord_een_code(client, demodata):
    toestel = _toestel("curator")
    antwoord = _aanmelden(client, "curator", next=reverse("beheer:start"))
    controle = antwoord["Location"]
    assert controle.startswith(reverse("tweestaps_controle") + "?next=")
    # Cannot dodge the code by setting up a new device while half signed in.
    assert client.get(reverse("tweestaps_instellen"))["Location"].startswith(reverse("tweestaps_controle"))

    fout = client.post(controle, {"code": "123456"})
    assert fout.status_code == 200 and "klopt niet" in fout.content.decode()
    _ontremmen(toestel)
    code = _code(toestel)
    goed = client.post(controle, {"code": code})
    assert goed["Location"] == reverse("beheer:start")
    assert client.get(reverse("beheer:start")).status_code in (200, 501)

    # The same code cannot be used twice (replay).
    client.logout()
    _aanmelden(client, "curator")
    assert client.post(reverse("tweestaps_controle"), {"code": code}).status_code == 200
    assert client.get(reverse("beheer:start")).status_code == 302


@VERPLICHT
def test_beheerder_moet_de_tweede_stap_doen_voor_admin(client, demodata):
    _toestel("beheerder")
    _aanmelden(client, "beheerder")
    assert client.get("/admin/")["Location"].startswith(reverse("tweestaps_controle") + "?next=/admin/")
    # The admin's own login page is the same login page (lockout and second step in one place).
    client.logout()
    assert client.get("/admin/login/?next=/admin/")["Location"] == reverse("login") + "?next=/admin/"


@VERPLICHT
def test_te_veel_foute_codes_worden_afgeremd(client, demodata):
    toestel = _toestel("curator")
    _aanmelden(client, "curator")
    for _ in range(3):
        client.post(reverse("tweestaps_controle"), {"code": "000000"})
    geremd = client.post(reverse("tweestaps_controle"), {"code": _code(toestel)})
    assert "Te veel foute codes" in geremd.content.decode()
    assert client.get(reverse("beheer:start")).status_code == 302


@VERPLICHT
def test_hulpverleners_hoeven_geen_tweede_stap_maar_mogen(client, demodata):
    assert _aanmelden(client, "verwijzer")["Location"] == reverse("doorverwijzing:inbox")
    assert client.get(reverse("doorverwijzing:inbox")).status_code == 200
    client.logout()
    _toestel("verwijzer")
    assert _aanmelden(client, "verwijzer")["Location"].startswith(reverse("tweestaps_controle"))
    assert client.get(reverse("doorverwijzing:inbox")).status_code == 302


def test_zelf_tweestapsverificatie_aanzetten_en_weer_uitzetten(client, demodata):
    client.force_login(get_user_model().objects.get(username="verwijzer"))
    client.get(reverse("tweestaps_instellen"))
    toestel = TOTPDevice.objects.get(user__username="verwijzer")
    assert client.post(reverse("tweestaps_instellen"), {"code": _code(toestel)}).status_code == 302
    pagina = client.get(reverse("tweestaps_instellen")).content.decode()
    assert "staat aan" in pagina
    # Switching off needs a fresh code (a stolen session alone is not enough).
    client.post(reverse("tweestaps_uitschakelen"), {"code": "000000"})
    assert TOTPDevice.objects.filter(user__username="verwijzer").exists()
    _ontremmen(toestel, nieuwe_tijdstap=True)
    client.post(reverse("tweestaps_uitschakelen"), {"code": _code(toestel)})
    assert not TOTPDevice.objects.filter(user__username="verwijzer").exists()


# --- Sessions ----------------------------------------------------------------------------------------


def test_anonieme_bezoekers_krijgen_geen_sessie(client, demodata):
    antwoord = client.get(reverse("aanbod:zoeken") + "?q=dementie")
    assert "sessionid" not in antwoord.cookies


def test_sessie_verloopt_na_inactiviteit_en_schuift_op_bij_activiteit(client, demodata, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    _aanmelden(client, "verwijzer")
    sleutel = client.cookies["sessionid"].value
    client.get(reverse("doorverwijzing:inbox"))  # the first request marks the session
    vervaldatum = Session.objects.get(session_key=sleutel).expire_date

    # Within SESSIE_VERLENGEN_NA: no session write.
    assert "sessionid" not in client.get(reverse("doorverwijzing:inbox")).cookies
    assert Session.objects.get(session_key=sleutel).expire_date == vervaldatum

    # Later: the expiry moves on (one write per interval).
    sessie = client.session
    sessie["_laatst_verlengd"] = int(time.time()) - settings.SESSIE_VERLENGEN_NA - 1
    sessie.save()
    Session.objects.filter(session_key=sleutel).update(expire_date=vervaldatum - dt.timedelta(hours=7))
    antwoord = client.get(reverse("doorverwijzing:inbox"))
    assert antwoord.status_code == 200 and "sessionid" in antwoord.cookies
    assert Session.objects.get(session_key=sleutel).expire_date >= vervaldatum


def test_een_verlopen_sessie_moet_opnieuw_aanmelden(client, demodata):
    from django.utils import timezone

    _aanmelden(client, "verwijzer")
    Session.objects.filter(session_key=client.cookies["sessionid"].value).update(expire_date=timezone.now())
    assert client.get(reverse("doorverwijzing:inbox"))["Location"].startswith(reverse("login"))
