"""Every URL pattern is classified, and every class is checked for four kinds of visitor.

The visitors: anonymous, a professional of an organisation that is not involved (``buitenstaander``),
an organisation's editor (``redacteur``) and a curator of *another* zone (``curator_elders``, made
here: curator of Antwerpen, while the demo data live in the Kempen). A new view whose pattern is not
in ``KLASSEN`` fails ``test_elk_urlpatroon_is_geclassificeerd``: a view without a declared permission
cannot land.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from aanbod.models import (
    Aanbod,
    Begrip,
    Curator,
    Doelgroep,
    Eerstelijnszone,
    Gemeente,
    Importbestand,
    Levensdomein,
    Locatie,
    Ondersteuningsvorm,
    Organisatie,
    Suggestie,
    SuggestieSoort,
    Thema,
    Toegangsweg,
    Voorstel,
)
from tests.doorverwijzing.conftest import maak_concept

pytestmark = pytest.mark.django_db

ROLLEN = ("anoniem", "buitenstaander", "redacteur", "curator_elders")
LOGIN = "login"  # a redirect to the application's login page (or the admin's, for /admin/)


@dataclass(frozen=True)
class Klasse:
    """What each visitor gets on GET: a status code, a set of them, or LOGIN."""

    anoniem: object
    buitenstaander: object
    redacteur: object
    curator_elders: object


def _alle(status) -> Klasse:
    return Klasse(status, status, status, status)


PUBLIEK = _alle(200)
ADMIN = _alle(LOGIN)  # none of the four is staff
ALLEEN_POST = _alle(405)
# Pages about one referral between two Kempen organisations: none of the four is a party → 404.
DOORVERWIJZING = Klasse(LOGIN, 404, 404, 404)
# Lists of one's own referrals (empty for those without any).
EIGEN_DOORVERWIJZINGEN = Klasse(LOGIN, 200, 200, 200)
# Starting a referral needs membership of an organisation.
WARM_DOORVERWIJZEN = Klasse(LOGIN, 200, 200, 403)
STATISTIEK = Klasse(LOGIN, 403, 403, 200)
API_PERSOONLIJK = Klasse({401, 403}, 200, 200, 200)
API_DOORVERWIJZING = Klasse({401, 403}, 404, 404, 404)
API_SCHRIJVEN = _alle(405)  # PATCH-only endpoints answer GET with 405 (after authentication for the anonymous)

# The curation workspace (/beheer/): curators for their zones, redacteurs for their organisation.
CURATOR = Klasse(LOGIN, 403, 403, 200)
CURATOR_KEMPEN = Klasse(LOGIN, 403, 403, 404)  # a Kempen record: another zone's curator gets 404
REDACTEUR_KEMPEN = Klasse(LOGIN, 403, 404, 403)  # an aanbod of another organisation than the redacteur's
REDACTEUR_POST = Klasse(LOGIN, 403, 405, 403)
ONGELDIGE_LINK = _alle(400)  # the e-mailed confirmation link, with a made-up token

# Route (as printed by the resolver, namespaces stripped) → class. Format-suffix variants of DRF
# routes take the class of their base route.
KLASSEN: dict[str, Klasse] = {
    "aanmelden/": Klasse(200, 302, 302, 302),  # signed-in visitors are sent on
    "afmelden/": ALLEEN_POST,
    # Load-balancer probes (sociale_kaart/gezondheid.py)
    "healthz": PUBLIEK,
    "readyz": PUBLIEK,
    # Catalogue pages
    "": PUBLIEK,
    "zoeken/": PUBLIEK,
    "zoeken/ontbreekt/": PUBLIEK,
    "plaatsen/": PUBLIEK,
    "aanbod/<slug:slug>/": PUBLIEK,
    "aanbod/<slug:slug>/melden/": PUBLIEK,
    "organisaties/<slug:slug>/": PUBLIEK,
    "ondersteuningsvormen/": PUBLIEK,
    "ondersteuningsvormen/<slug:slug>/": PUBLIEK,
    "zones/": PUBLIEK,
    "zones/<slug:slug>/": PUBLIEK,
    "zones/<slug:slug>/gids.pdf": PUBLIEK,
    "begrippen/": PUBLIEK,
    "mantelzorg/": PUBLIEK,
    "mantelzorg/stap/<int:stap>/": PUBLIEK,
    "mantelzorg/resultaat/": PUBLIEK,
    # Referrals (HTML)
    "doorverwijzingen/": EIGEN_DOORVERWIJZINGEN,
    "doorverwijzingen/nieuw/<slug:aanbod_slug>/": WARM_DOORVERWIJZEN,
    "doorverwijzingen/statistiek/": STATISTIEK,
    "doorverwijzingen/<uuid:uuid>/": DOORVERWIJZING,
    "doorverwijzingen/<uuid:uuid>/export.json": DOORVERWIJZING,
    "doorverwijzingen/<uuid:uuid>/export.pdf": DOORVERWIJZING,
    "doorverwijzingen/<uuid:uuid>/overdracht/": DOORVERWIJZING,
    "doorverwijzingen/<uuid:uuid>/controleren/": DOORVERWIJZING,
    "doorverwijzingen/<uuid:uuid>/bericht/": DOORVERWIJZING,
    "doorverwijzingen/<uuid:uuid>/terugkoppeling/": DOORVERWIJZING,
    # POST only: 405 for any uuid, so it tells nothing about which referrals exist.
    "doorverwijzingen/<uuid:uuid>/terugkoppeling-vragen/": Klasse(LOGIN, 405, 405, 405),
    "doorverwijzingen/<uuid:uuid>/<str:actie>/": DOORVERWIJZING,
    # Referrals (API)
    "api/v1/doorverwijzingen/^$": API_PERSOONLIJK,
    "api/v1/doorverwijzingen/^(?P<uuid>[0-9a-fA-F-]{36})/$": API_DOORVERWIJZING,
    "api/v1/doorverwijzingen/^(?P<uuid>[0-9a-fA-F-]{36})/berichten/$": API_DOORVERWIJZING,
    "api/v1/doorverwijzingen/^(?P<uuid>[0-9a-fA-F-]{36})/(?P<actie>versturen|aanvaarden|weigeren|in-wacht|"
    "starten|afronden|mislukt|annuleren|foutief)/$": Klasse({401, 403}, {404, 405}, {404, 405}, {404, 405}),
    "api/v1/doorverwijzingen/^(?P<uuid>[0-9a-fA-F-]{36})/terugkoppelingen/$": API_DOORVERWIJZING,
    # Catalogue API and documentation: public reads
    "api/v1/token/": ALLEEN_POST,
    "api/v1/schema/": PUBLIEK,
    "api/v1/docs/": PUBLIEK,
    "api/v1/redoc/": PUBLIEK,
    "api/v1/": PUBLIEK,
    "api/v1/<drf_format_suffix:format>": PUBLIEK,
    "api/v1/^aanbod/(?P<uuid>[0-9a-fA-F-]{36})/capaciteit/$": Klasse({401, 403}, 405, 405, 405),
    "api/hsds/": PUBLIEK,
    "api/hsds/profiel/": PUBLIEK,
    "api/hsds/^profiel$": PUBLIEK,
    "api/hsds/^services/?$": PUBLIEK,
    "api/hsds/^services/(?P<id>[^/]+)/?$": PUBLIEK,
    "api/hsds/^organizations/?$": PUBLIEK,
    "api/hsds/^organizations/(?P<id>[^/]+)/?$": PUBLIEK,
    "api/hsds/^service_at_locations/?$": PUBLIEK,
    "api/hsds/^service_at_locations/(?P<id>[^/]+)/?$": PUBLIEK,
    "api/hsds/^taxonomies/?$": PUBLIEK,
    "api/hsds/^taxonomies/(?P<id>[^/]+)/?$": PUBLIEK,
    "api/hsds/^taxonomy_terms/?$": PUBLIEK,
    "api/hsds/^taxonomy_terms/(?P<id>[^/]+)/?$": PUBLIEK,
    # The second login step
    "aanmelden/tweede-stap/": Klasse(LOGIN, 302, 302, 302),
    "account/tweestapsverificatie/": Klasse(LOGIN, 200, 200, 200),
    "account/tweestapsverificatie/uitschakelen/": Klasse(LOGIN, 302, 302, 302),  # POST only; GET goes back
    # Curation workspace
    "beheer/": Klasse(LOGIN, 403, 302, 200),  # a redacteur is sent to their own aanbod
    "beheer/werklijst/": CURATOR,
    "beheer/aanbod/<slug:slug>/controleren/": CURATOR_KEMPEN,
    "beheer/meldingen/": CURATOR,
    "beheer/meldingen/<int:pk>/": CURATOR_KEMPEN,
    "beheer/bevestigen/<str:token>/": ONGELDIGE_LINK,
    "beheer/bevestigen/<str:token>/aanpassen/": ONGELDIGE_LINK,
    "beheer/voorstellen/": CURATOR,
    "beheer/voorstellen/<int:pk>/": CURATOR_KEMPEN,
    "beheer/mijn-aanbod/": Klasse(LOGIN, 403, 200, 403),
    "beheer/mijn-aanbod/<slug:slug>/bewerken/": REDACTEUR_KEMPEN,
    "beheer/mijn-aanbod/<slug:slug>/capaciteit/": REDACTEUR_POST,
    "beheer/mijn-aanbod/<slug:slug>/voorstel-intrekken/": REDACTEUR_POST,
    "beheer/aanbod/<slug:slug>/bewerken/": CURATOR_KEMPEN,
    "beheer/aanbod/<slug:slug>/historiek/": Klasse(LOGIN, 403, 404, 404),
    "beheer/aanbod/<slug:slug>/historiek/<int:versie>/terugzetten/": CURATOR_KEMPEN,
    "beheer/import/": CURATOR,
    "beheer/import/<int:pk>/koppelen/": CURATOR_KEMPEN,
    "beheer/import/<int:pk>/voorbeeld/": CURATOR_KEMPEN,
    "beheer/import/<int:pk>/resultaat/": CURATOR_KEMPEN,
    "beheer/export/": CURATOR,
    # Word lists are shared by all zones: any curator.
    "beheer/woordenlijst/": CURATOR,
    "beheer/woordenlijst/begrippen/nieuw/": CURATOR,
    "beheer/woordenlijst/begrippen/<int:pk>/": CURATOR,
    "beheer/woordenlijst/ondersteuningsvormen/": CURATOR,
    "beheer/woordenlijst/ondersteuningsvormen/<slug:slug>/": CURATOR,
    "beheer/woordenlijst/<vocabularium:soort>/": CURATOR,
    "beheer/woordenlijst/<vocabularium:soort>/nieuw/": CURATOR,
    "beheer/woordenlijst/<vocabularium:soort>/<int:pk>/": CURATOR,
    "beheer/woordenlijst/<vocabularium:soort>/<int:pk>/actief/": Klasse(LOGIN, 403, 403, 405),
    "beheer/woordenlijst/<vocabularium:soort>/<int:pk>/verwijderen/": Klasse(LOGIN, 403, 403, 405),
    "beheer/hiaten/": CURATOR,
    "beheer/hiaten/rapport.pdf": CURATOR,
}
for _lijst in (
    "aanbod",
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
):
    KLASSEN[f"api/v1/^{_lijst}/$"] = PUBLIEK
    KLASSEN[f"api/v1/^{_lijst}/(?P<uuid>[0-9a-fA-F-]{{36}})/$"] = PUBLIEK

# Catch-alls that only answer 404 (the JSON 404 of the HSDS API, the admin's final catch-all).
NIET_GEVONDEN_ROUTES = {"api/hsds/", "admin/(?P<url>.*)$"}


def _routes():
    """(route, pattern) for every URL pattern, depth first, as the resolver tries them."""

    def loop(patronen, voorvoegsel=""):
        for p in patronen:
            if isinstance(p, URLResolver):
                yield from loop(p.url_patterns, voorvoegsel + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield voorvoegsel + str(p.pattern), p

    return list(loop(get_resolver().url_patterns))


def _klasse(route: str) -> Klasse | None:
    if route == "admin/login/":
        return _alle(302)  # the admin signs in through the application's login (with its second step)
    if route == "admin/logout/":
        return _alle(302)
    if route.startswith("admin/"):
        return ADMIN
    basis = re.sub(r"\\\.\(\?P<format>\[a-z0-9\]\+\)/\?\$$", "/$", route)
    basis = basis.replace("/$/$", "/$")
    return KLASSEN.get(route) or KLASSEN.get(basis)


def _is_formaatvariant(route: str) -> bool:
    return "(?P<format>" in route


def test_elk_urlpatroon_is_geclassificeerd():
    ongeclassificeerd = [
        route
        for route, patroon in _routes()
        if _klasse(route) is None and not _is_formaatvariant(route) and patroon.name != "niet-gevonden"
    ]
    assert not ongeclassificeerd, (
        "Deze URL-patronen hebben geen toegangsklasse in tests/test_url_rechten.py (KLASSEN):\n"
        + "\n".join(ongeclassificeerd)
    )
    # Classes for routes that no longer exist hide mistakes too.
    bestaand = {route for route, _ in _routes()}
    verouderd = sorted(set(KLASSEN) - bestaand)
    assert not verouderd, f"Verouderde klassen: {verouderd}"


@pytest.fixture
def voorbeelden(demodata):
    """Concrete values for the path parameters, all of them Kempen data."""
    User = get_user_model()
    gebruikers = {u.username: u for u in User.objects.filter(username__in=["verwijzer", "ontvanger"])}
    ontvanger_org = Organisatie.objects.get(medewerkers__user=gebruikers["ontvanger"])
    doorverwijzing = maak_concept(gebruikers, Aanbod.objects.filter(organisatie=ontvanger_org).first())
    # A Kempenland aanbod of another organisation than the redacteur's.
    aanbod = (
        Aanbod.objects.zichtbaar()
        .filter(werkingsgebied_zones__code="kempenland")
        .exclude(organisatie__medewerkers__user__username="redacteur")
        .first()
    )
    aanbod.save()  # one history version to revert to
    redacteur = User.objects.get(username="redacteur")
    curator = User.objects.get(username="curator")
    kempenland = Eerstelijnszone.objects.get(code="kempenland")
    beheer = {
        "melding": Suggestie.objects.create(
            soort=SuggestieSoort.FOUT, aanbod=aanbod, zone=kempenland, beschrijving="Telefoon klopt niet."
        ).pk,
        "voorstel": Voorstel.objects.create(
            aanbod=aanbod, wijzigingen={"telefoon": {"oud": "", "nieuw": "014 00 00 00"}}, ingediend_door=redacteur
        ).pk,
        "versie": aanbod.historiek.latest().history_id,
        "import": Importbestand.objects.create(
            zone=kempenland, door=curator, bestandsnaam="lijst.csv", inhoud=b"a;b\n"
        ).pk,
        "begrip": Begrip.objects.first().pk,
        "doelgroep": Doelgroep.objects.first().pk,
    }
    # HSDS ids of the kinds without a model of their own, as a partner would find them: from the list.
    hsds = {
        soort: Client().get(f"/api/hsds/{soort}/").json()["contents"][0]["id"]
        for soort in ("service_at_locations", "taxonomies", "taxonomy_terms")
    }
    hsds.update(services=aanbod.uuid, organizations=aanbod.organisatie.uuid)
    return {
        "beheer": beheer,
        "hsds": hsds,
        "aanbod": aanbod,
        "organisatie": aanbod.organisatie,
        "ondersteuningsvorm": Ondersteuningsvorm.objects.filter(aanbod__isnull=False).first(),
        "zone": Eerstelijnszone.objects.get(code="kempenland"),
        "doorverwijzing": doorverwijzing,
        "api": {
            "aanbod": aanbod.uuid,
            "organisaties": aanbod.organisatie.uuid,
            "locaties": Locatie.objects.first().uuid,
            "ondersteuningsvormen": Ondersteuningsvorm.objects.first().uuid,
            "doelgroepen": Doelgroep.objects.first().uuid,
            "levensdomeinen": Levensdomein.objects.first().uuid,
            "themas": Thema.objects.first().uuid,
            "toegangswegen": Toegangsweg.objects.first().uuid,
            "eerstelijnszones": Eerstelijnszone.objects.first().uuid,
            "gemeenten": Gemeente.objects.first().uuid,
            "begrippen": Begrip.objects.first().uuid,
        },
    }


def _url(route: str, v: dict) -> str:
    """A concrete URL for a route, with Kempen values for its parameters."""
    if route.startswith("admin/"):
        url = re.sub(r"<[^>]+>", "1", route)
        return "/" + re.sub(r"\^\(\?P<app_label>[^)]*\)/\$", "aanbod/", url)
    if route.startswith("api/v1/^"):
        lijst = route.removeprefix("api/v1/^").split("/")[0]
        url = route.replace("^", "").replace("$", "")
        url = url.replace("(?P<uuid>[0-9a-fA-F-]{36})", str(v["api"].get(lijst, v["doorverwijzing"].uuid)))
    elif route.startswith("api/v1/doorverwijzingen/"):
        url = (
            route.replace("^", "").replace("$", "").replace("(?P<uuid>[0-9a-fA-F-]{36})", str(v["doorverwijzing"].uuid))
        )
        url = re.sub(r"\(\?P<actie>[^)]*\)", "aanvaarden", url)
    elif route.startswith("api/hsds/^"):
        soort = route.removeprefix("api/hsds/^").split("/")[0].rstrip("$")
        url = route.replace("(?P<id>[^/]+)", str(v["hsds"].get(soort, "")))
        url = url.replace("^", "").replace("$", "").replace("/?", "/")
    elif route.startswith("beheer/"):
        b = v["beheer"]
        pk = (
            b["melding"]
            if route.startswith("beheer/meldingen/")
            else b["voorstel"]
            if route.startswith("beheer/voorstellen/")
            else b["import"]
            if route.startswith("beheer/import/")
            else b["begrip"]
            if route.startswith("beheer/woordenlijst/begrippen/")
            else b["doelgroep"]
        )
        slug = v["ondersteuningsvorm"].slug if "ondersteuningsvormen/" in route else v["aanbod"].slug
        url = (
            route.replace("<slug:slug>", slug)
            .replace("<int:pk>", str(pk))
            .replace("<int:versie>", str(b["versie"]))
            .replace("<str:token>", "geen-geldige-link")
            .replace("<vocabularium:soort>", "doelgroepen")
        )
    else:
        slug = (
            v["organisatie"].slug
            if route.startswith("organisaties/")
            else v["ondersteuningsvorm"].slug
            if route.startswith("ondersteuningsvormen/")
            else v["zone"].code
            if route.startswith("zones/")
            else v["aanbod"].slug
        )
        url = (
            route.replace("<slug:slug>", slug)
            .replace("<slug:aanbod_slug>", v["aanbod"].slug)
            .replace("<uuid:uuid>", str(v["doorverwijzing"].uuid))
            .replace("<str:actie>", "aanvaarden")
            .replace("<int:stap>", "1")
            .replace("<drf_format_suffix:format>", ".json")
        )
    return "/" + url


def _meld_aan(client, rol: str):
    if rol == "anoniem":
        return
    User = get_user_model()
    if rol == "curator_elders":
        gebruiker, _ = User.objects.get_or_create(username="curator_elders")
        Curator.objects.get_or_create(
            user=gebruiker,
            zone=Eerstelijnszone.objects.exclude(code__in=["kempenland", "baldemore", "middenkempen", "zuiderkempen"])
            .order_by("naam")
            .first(),
        )
    else:
        gebruiker = User.objects.get(username=rol)
    client.force_login(gebruiker)


def _klopt(verwacht, antwoord, route: str) -> bool:
    if verwacht == LOGIN:
        if antwoord.status_code != 302:
            return False
        doel = antwoord["Location"]
        return doel.startswith("/admin/login/") if route.startswith("admin/") else doel.startswith("/aanmelden/")
    if isinstance(verwacht, set):
        return antwoord.status_code in verwacht
    return antwoord.status_code == verwacht


@pytest.fixture
def zonder_pdf_opmaak(monkeypatch):
    """The guide's PDF without WeasyPrint (14 s per role): this test is about who gets it, not its layout,
    which tests/aanbod/test_paginas.py and the browser tests render for real. The cache is emptied after,
    so that no later test gets this stand-in from it."""
    from django.core.cache import cache

    import aanbod.gids

    monkeypatch.setattr(aanbod.gids, "render_gids_pdf", lambda gids, basis_url: b"%PDF-1.7\n%%EOF\n")
    yield
    cache.clear()


@pytest.mark.parametrize("rol", ROLLEN)
def test_elke_rol_krijgt_wat_zijn_klasse_belooft(client, voorbeelden, zonder_pdf_opmaak, rol):
    _meld_aan(client, rol)
    fouten = []
    for route, patroon in _routes():
        if _is_formaatvariant(route) or route in NIET_GEVONDEN_ROUTES:
            continue
        klasse = _klasse(route)
        if klasse is None:
            continue  # reported by test_elk_urlpatroon_is_geclassificeerd
        verwacht = getattr(klasse, rol)
        url = _url(route, voorbeelden)
        antwoord = client.get(url)
        if not _klopt(verwacht, antwoord, route):
            fouten.append(f"{url} ({patroon.name}): verwacht {verwacht}, kreeg {antwoord.status_code}")
    assert not fouten, f"{rol}:\n" + "\n".join(fouten)
