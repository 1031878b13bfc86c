"""End to end in Chromium: `verwijzer` refers warmly, `ontvanger` accepts, puts on the waiting list with a
bridging plan, starts, gives feedback and completes; `verwijzer` sees it all come back."""

import re

import pytest
from django.utils import timezone

from tests.browser.conftest import axe_schendingen, schermafdruk

pytestmark = pytest.mark.browser


def aanmelden(browser, webserver, gebruiker):
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(webserver + "/aanmelden/")
    page.get_by_label("Gebruikersnaam").fill(gebruiker)
    page.get_by_label("Wachtwoord").fill("demo")
    page.locator("main").get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/doorverwijzingen/**")
    return page


def bevestig(page, actie: str, **velden):
    page.get_by_role("link", name=actie, exact=True).click()
    for label, waarde in velden.items():
        veld = page.get_by_label(re.compile("^" + re.escape(label))).first
        if veld.evaluate("el => el.tagName") == "SELECT":
            veld.select_option(label=waarde)
        else:
            veld.fill(waarde)
    page.get_by_role("button", name=re.compile("^Bevestigen")).click()


def test_warme_doorverwijzing_van_begin_tot_terugkoppeling(browser, webserver):
    verwijzer = aanmelden(browser, webserver, "verwijzer")
    verwijzer.goto(webserver + "/organisaties/caw-kempen/")
    verwijzer.locator("main ul a").first.click()
    verwijzer.get_by_role("link", name="Warm doorverwijzen").click()
    assert "112" in verwijzer.content()
    verwijzer.locator("main .knop", has_text="verder").first.click()

    # Consent gate: an incomplete basis is refused next to the field.
    verwijzer.get_by_label("Wat mag gedeeld worden?").fill("Contactgegevens en hulpvraag")
    verwijzer.get_by_role("button", name="Volgende stap").click()
    assert verwijzer.locator(".errorlist").count() > 0
    verwijzer.locator("input[name=grond][value=toestemming]").check()
    verwijzer.locator("input[name=vorm][value=mondeling]").check()
    verwijzer.locator("input[name=bevestigd_door_verwijzer]").check()
    verwijzer.get_by_label("Datum van de toestemming").fill(timezone.localdate().isoformat())
    assert axe_schendingen(verwijzer) == []
    schermafdruk(verwijzer, "doorverwijzen-toestemming")
    verwijzer.get_by_role("button", name="Volgende stap").click()

    schermafdruk(verwijzer, "doorverwijzen-persoon")
    verwijzer.get_by_label("Naam of initialen").fill("E. T.")
    verwijzer.get_by_label("Hoe mag de ontvanger contact opnemen?").select_option(value="telefoon")
    verwijzer.get_by_label("Telefoon of e-mail").fill("0470 12 34 56")
    verwijzer.get_by_role("button", name="Volgende stap").click()

    schermafdruk(verwijzer, "doorverwijzen-vraag")
    verwijzer.get_by_label("Hulpvraag").fill("Zorgt voor haar moeder met dementie en raakt uitgeput.")
    verwijzer.locator("input[name=voor_wie]").first.check()
    verwijzer.locator("main form button[type=submit]").first.click()

    assert "Nakijken en versturen" in verwijzer.content()
    schermafdruk(verwijzer, "doorverwijzen-nakijken")
    verwijzer.get_by_role("button", name="Versturen", exact=True).click()
    detail_url = verwijzer.url
    assert "Verstuurd" in verwijzer.content()

    ontvanger = aanmelden(browser, webserver, "ontvanger")
    ontvanger.goto(webserver + "/doorverwijzingen/")
    assert "E. T." in ontvanger.content()
    schermafdruk(ontvanger, "doorverwijzen-inbox")
    assert axe_schendingen(ontvanger) == []
    ontvanger.goto(detail_url)
    bevestig(ontvanger, "Aanvaarden")
    bevestig(
        ontvanger,
        "Op de wachtlijst zetten",
        Reden="Geen capaciteit",
        Overbruggingsplan="Het Sociaal Huis belt wekelijks; respijtzorg aangevraagd.",
    )
    assert "Wachtlijst" in ontvanger.content()
    bevestig(ontvanger, "Begeleiding starten")
    terugkoppeling = "Eerste gesprek gehad; dagopvang twee dagen per week."
    ontvanger.locator("textarea[name='terugkoppeling-tekst']").fill(terugkoppeling)
    ontvanger.get_by_role("button", name="Terugkoppeling sturen").click()
    ontvanger.goto(detail_url)
    assert "dagopvang twee dagen per week" in ontvanger.content()
    bevestig(ontvanger, "Afronden", Uitkomst="Gestart met begeleiding")
    assert "Afgerond" in ontvanger.content()
    schermafdruk(ontvanger, "doorverwijzen-afgerond")

    verwijzer.goto(detail_url)
    inhoud = verwijzer.content()
    assert "Afgerond" in inhoud and "dagopvang twee dagen per week" in inhoud
    assert axe_schendingen(verwijzer) == []
    schermafdruk(verwijzer, "doorverwijzen-terugkoppeling-bij-verwijzer")
