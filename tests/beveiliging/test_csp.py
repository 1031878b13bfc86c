"""Every page has a Content-Security-Policy without 'unsafe-inline' and no inline script, style or handler,
plus the other security headers."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse

from aanbod.models import Aanbod, Eerstelijnszone, Ondersteuningsvorm, Organisatie

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]

# Event handler attributes (HTML living standard, the ones a template could plausibly use).
HANDLERS = {
    f"on{naam}"
    for naam in (
        "abort blur change click contextmenu dblclick drag drop error focus focusin focusout input invalid keydown "
        "keypress keyup load mousedown mouseenter mouseleave mousemove mouseout mouseover mouseup paste pointerdown "
        "pointerup reset resize scroll select submit toggle touchstart unload wheel beforeunload hashchange"
    ).split()
}
# Data blocks are not executed and not subject to script-src.
DATABLOKKEN = {"application/json", "application/ld+json", "text/template"}


class InlineZoeker(HTMLParser):
    """Collects what a policy without 'unsafe-inline' would block."""

    def __init__(self):
        super().__init__()
        self.gevonden: list[str] = []
        self.nonces: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributen = dict(attrs)
        if "nonce" in attributen:
            self.nonces.append(attributen["nonce"])
            return
        if tag == "script" and not attributen.get("src") and attributen.get("type") not in DATABLOKKEN:
            self.gevonden.append(f"<script> zonder src: {self.getpos()}")
        if tag == "style":
            self.gevonden.append(f"<style>: {self.getpos()}")
        for naam, waarde in attrs:
            if naam == "style":
                self.gevonden.append(f'<{tag} style="{waarde}">')
            if naam in HANDLERS:
                self.gevonden.append(f"<{tag} {naam}=…>")
            if naam in {"href", "src", "action"} and (waarde or "").strip().lower().startswith("javascript:"):
                self.gevonden.append(f"<{tag} {naam}=javascript:…>")


def inline_delen(html: str) -> InlineZoeker:
    zoeker = InlineZoeker()
    zoeker.feed(html)
    return zoeker


def richtlijnen(antwoord) -> dict[str, list[str]]:
    kop = antwoord.headers.get("Content-Security-Policy")
    assert kop, f"geen Content-Security-Policy op {antwoord.wsgi_request.path}"
    return {deel.split()[0]: deel.split()[1:] for deel in kop.split(";") if deel.strip()}


def controleer_pagina(antwoord, *, nonce_toegestaan=False):
    pad = antwoord.wsgi_request.get_full_path()
    assert antwoord.status_code in (200, 404), (pad, antwoord.status_code)
    beleid = richtlijnen(antwoord)
    kop = antwoord.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in kop and "'unsafe-eval'" not in kop, (pad, kop)
    assert beleid["default-src"] == ["'self'"]
    assert beleid["frame-ancestors"] == ["'none'"]
    assert beleid["object-src"] == ["'none'"]
    assert beleid["base-uri"] == ["'self'"]
    assert beleid["form-action"] == ["'self'"]
    assert "data:" in beleid["img-src"]
    assert antwoord.headers["X-Frame-Options"] == "DENY"
    assert antwoord.headers["X-Content-Type-Options"] == "nosniff"
    assert antwoord.headers["Referrer-Policy"] == "same-origin"
    zoeker = inline_delen(antwoord.content.decode())
    assert zoeker.gevonden == [], (pad, zoeker.gevonden)
    if nonce_toegestaan:
        nonce = re.search(r"'nonce-([^']+)'", beleid["script-src"][-1])
        assert nonce and zoeker.nonces and set(zoeker.nonces) == {nonce.group(1)}, (pad, kop)
    else:
        assert beleid["script-src"] == ["'self'"] and beleid["style-src"] == ["'self'"], (pad, kop)
        assert zoeker.nonces == [], pad


def publieke_paginas() -> list[str]:
    aanbod = Aanbod.objects.actief().filter(locaties__isnull=False).first()
    zone = Eerstelijnszone.objects.get(code="kempenland")
    return [
        reverse("aanbod:home"),
        reverse("aanbod:zoeken"),
        reverse("aanbod:zoeken") + "?q=dementie",
        reverse("aanbod:zoeken") + "?q=gezinszorg&weergave=kaart",
        reverse("aanbod:ontbreekt"),
        reverse("aanbod:aanbod", args=[aanbod.slug]),
        reverse("aanbod:melden", args=[aanbod.slug]),
        reverse("aanbod:organisatie", args=[Organisatie.objects.filter(aanbod__isnull=False).first().slug]),
        reverse("aanbod:ondersteuningsvormen"),
        reverse("aanbod:ondersteuningsvorm", args=[Ondersteuningsvorm.objects.first().slug]),
        reverse("aanbod:zones"),
        reverse("aanbod:zone", args=[zone.code]),
        reverse("aanbod:begrippen"),
        reverse("aanbod:wegwijzer"),
        reverse("aanbod:wegwijzer_stap", args=[1]),
        reverse("aanbod:wegwijzer_resultaat"),
        reverse("login"),
        "/bestaat-niet/",
    ]


def test_elke_publieke_pagina_heeft_een_strikte_csp_zonder_inline_code(client, demodata):
    paginas = publieke_paginas()
    for pad in paginas:
        controleer_pagina(client.get(pad))


@pytest.mark.parametrize(
    ("gebruiker", "namen"),
    [
        ("verwijzer", ["doorverwijzing:inbox", "tweestaps_instellen"]),
        ("curator", ["doorverwijzing:inbox", "doorverwijzing:statistiek", "beheer:start"]),
        ("redacteur", ["beheer:mijn_aanbod"]),
        ("beheerder", ["admin:index", "admin:aanbod_aanbod_changelist", "beheer:start"]),
    ],
)
def test_aangemelde_paginas_hebben_een_strikte_csp_zonder_inline_code(client, demodata, gebruiker, namen):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username=gebruiker))
    for naam in namen:
        antwoord = client.get(reverse(naam))
        if antwoord.status_code == 501:  # a /beheer/ page still being built
            continue
        controleer_pagina(antwoord)


def test_doorverwijzing_invullen_en_bekijken_zonder_inline_code(client, demodata):
    from django.contrib.auth import get_user_model

    from doorverwijzing.models import Doorverwijzing

    verwijzer = get_user_model().objects.get(username="verwijzer")
    client.force_login(verwijzer)
    aanbod = Aanbod.objects.actief().filter(locaties__isnull=False).first()
    controleer_pagina(client.get(reverse("doorverwijzing:nieuw", args=[aanbod.slug])))
    doorverwijzing = Doorverwijzing.objects.zichtbaar_voor(verwijzer).first()
    if doorverwijzing is not None:
        controleer_pagina(client.get(reverse("doorverwijzing:detail", args=[doorverwijzing.uuid])))


@pytest.mark.parametrize("naam", ["api:docs", "api:redoc"])
def test_api_documentatie_gebruikt_een_nonce_in_plaats_van_unsafe_inline(client, naam):
    controleer_pagina(client.get(reverse(naam)), nonce_toegestaan=True)


def test_de_nonce_is_per_verzoek_anders(client):
    een = client.get(reverse("api:docs")).headers["Content-Security-Policy"]
    twee = client.get(reverse("api:docs")).headers["Content-Security-Policy"]
    assert een != twee


def test_geen_template_bevat_inline_script_stijl_of_handler():
    """Also the pages no test above reaches (error pages, e-mails with HTML, new /beheer/ pages)."""
    # Rendered to PDF by WeasyPrint on the server and never served as HTML: the guide and every
    # template named *_pdf.html (the convention for PDF templates).
    uitgezonderd = {"aanbod/gids.html"}
    # Vendored API documentation: its inline parts carry the CSP nonce (checked above).
    uitgezonderd |= {"drf_spectacular/swagger_ui.html", "drf_spectacular/redoc.html"}
    fouten = {}
    for bestand in sorted((BASE_DIR / "templates").rglob("*.html")):
        naam = bestand.relative_to(BASE_DIR / "templates").as_posix()
        if naam in uitgezonderd or naam.endswith("_pdf.html"):
            continue
        zoeker = inline_delen(bestand.read_text())
        if zoeker.gevonden:
            fouten[naam] = zoeker.gevonden
    assert fouten == {}
