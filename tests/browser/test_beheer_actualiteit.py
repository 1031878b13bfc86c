"""End to end: a curator runs a freshness round (dashboard → work list → bulk 'gecontroleerd')."""

import re

import pytest

from tests.browser.conftest import axe_schendingen, schermafdruk

pytestmark = pytest.mark.browser


def _teller(page, sleutel: str) -> int:
    return int(page.locator(f"#teller-{sleutel} .getal").inner_text())


def test_curator_markeert_twee_aanbod_als_gecontroleerd_en_de_telling_daalt(page, webserver):
    page.goto(webserver + "/aanmelden/?next=/beheer/")
    page.get_by_label("Gebruikersnaam").fill("curator")
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url(re.compile(r"/beheer/$"))
    assert "Kempenland" in page.locator("h1").inner_text()
    voor = _teller(page, "niet_gecontroleerd")
    assert voor >= 2
    assert axe_schendingen(page) == []
    schermafdruk(page, "e2e-beheer-overzicht")

    page.locator("#teller-niet_gecontroleerd a").click()
    page.wait_for_url(re.compile(r"probleem=niet_gecontroleerd"))
    rijen = page.locator("table.werklijst tbody tr")
    assert rijen.count() >= 2
    ids = [rijen.nth(i).locator("input[type=checkbox]").get_attribute("value") for i in range(2)]
    for i in range(2):
        rijen.nth(i).locator("input[type=checkbox]").check()
    page.get_by_label("Methode").select_option("telefoon")
    page.get_by_label("Notitie").fill("Rondje bellen november")
    assert axe_schendingen(page) == []
    page.get_by_role("button", name="Markeer als gecontroleerd").click()
    page.wait_for_url(re.compile(r"probleem=niet_gecontroleerd"))
    assert "2 aanbod gemarkeerd als gecontroleerd" in page.locator(".berichten").inner_text()
    for aanbod_id in ids:  # checked today: no longer in the list of unchecked aanbod
        assert page.locator(f"#kies-{aanbod_id}").count() == 0
    schermafdruk(page, "e2e-beheer-werklijst")

    page.get_by_role("link", name="Overzicht").click()
    assert _teller(page, "niet_gecontroleerd") == voor - 2
