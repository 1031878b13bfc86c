"""Playwright: a redacteur publishes capacity at once and proposes a new phone number; a curator approves."""

import re
import time

import pytest

from tests.browser.conftest import axe_schendingen, schermafdruk

pytestmark = pytest.mark.browser

AANBOD = "expertisecentrum-dementie-kempen-advies"
# The server's database outlives a run (E2E_PGDATA): a number of this run, so a rerun changes it again.
NIEUW_NUMMER = time.strftime("014 %H %M %S")


def aanmelden(page, webserver, gebruiker):
    page.goto(webserver + "/aanmelden/")
    page.get_by_label("Gebruikersnaam").fill(gebruiker)
    page.get_by_label("Wachtwoord").fill("demo")
    page.locator("main").get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(re.compile(r"^(?!.*/aanmelden/)"))


def afmelden(page):
    page.locator("header").get_by_role("button", name=re.compile("^Afmelden")).click()
    page.wait_for_load_state()


def test_redacteur_stelt_voor_curator_keurt_goed(page, webserver):
    publiek = f"{webserver}/aanbod/{AANBOD}/"

    # The redacteur: capacity publishes at once, the phone number becomes a proposal.
    aanmelden(page, webserver, "redacteur")
    page.goto(webserver + "/beheer/mijn-aanbod/")
    rij = page.locator(f"section:has(a[href='/aanbod/{AANBOD}/'])")
    rij.get_by_label("Wachttijd (weken)").fill("7")
    rij.get_by_role("button", name="Wachtlijst").click()
    page.wait_for_load_state()
    assert "staat nu online" in page.locator(".berichten").inner_text()
    assert axe_schendingen(page) == []
    page.goto(publiek)
    assert "ongeveer 7 weken wachten" in page.locator("main").inner_text()

    page.goto(webserver + f"/beheer/mijn-aanbod/{AANBOD}/bewerken/")
    page.get_by_label("Telefoon").fill(NIEUW_NUMMER)
    page.get_by_label("Toelichting voor de curator").fill("Nieuw rechtstreeks nummer.")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/beheer/mijn-aanbod/")
    assert "wachten op goedkeuring" in page.locator(".berichten").inner_text()
    assert "Wacht op goedkeuring" in page.locator(f"section:has(a[href='/aanbod/{AANBOD}/'])").inner_text()
    page.goto(publiek)
    assert NIEUW_NUMMER not in page.locator("main").inner_text()
    afmelden(page)

    # The curator sees the diff and approves.
    aanmelden(page, webserver, "curator")
    page.goto(webserver + "/beheer/voorstellen/")
    page.get_by_role("link", name="Advies en begeleiding bij dementie").click()
    verschil = page.locator("table.verschillen")
    assert NIEUW_NUMMER in verschil.locator("tr", has_text="Telefoon").inner_text()
    assert axe_schendingen(page) == []
    schermafdruk(page, "beheer-voorstel")
    page.get_by_role("button", name="Goedkeuren en publiceren").click()
    page.wait_for_url("**/beheer/voorstellen/")
    assert "Goedgekeurd" in page.locator(".berichten").inner_text()

    page.goto(publiek)
    assert NIEUW_NUMMER in page.locator("main").inner_text()
