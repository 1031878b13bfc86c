"""End to end: a curator imports the zone's example list with errors, fixes it by skipping, dry-runs and commits."""

import re

import pytest

from tests.browser.conftest import BASE_DIR, axe_schendingen, schermafdruk

pytestmark = pytest.mark.browser

VOORBEELD = BASE_DIR / "fixtures" / "import-voorbeeld.csv"


def test_curator_importeert_een_lijst_met_fouten(browser, webserver):
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(webserver + "/aanmelden/?next=/beheer/import/")
    page.get_by_label("Gebruikersnaam").fill("curator")
    page.get_by_label("Wachtwoord").fill("demo")
    page.locator("main").get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/beheer/import/")

    # Step 1: upload.
    page.get_by_label(re.compile("^Bestand")).set_input_files(str(VOORBEELD))
    page.get_by_role("button", name="Opladen en kolommen koppelen").click()
    page.wait_for_url("**/koppelen/")

    # Step 2: the mapping is suggested from the headers; the curator checks it.
    assert "E-mailadres" in page.get_by_label("E-mail", exact=True).locator("option:checked").inner_text()
    assert "Ondernemingsnr." in page.get_by_label("KBO-nummer").locator("option:checked").inner_text()
    assert axe_schendingen(page) == []
    page.get_by_role("button", name="Rijen nakijken").click()
    page.wait_for_url("**/voorbeeld/")

    # Step 3: per-row errors in Dutch.
    rijen = page.locator("table.bulk-rijen")
    assert "KBO-nummer '0123.456.789' is ongeldig" in rijen.locator("#rij-7").inner_text()
    assert "Postcode '2399' bestaat niet in België." in rijen.locator("#rij-8").inner_text()
    assert "E-mailadres 'okra.merksplas@example' is ongeldig." in rijen.locator("#rij-9").inner_text()
    assert "Zelfde aanbod als rij 4" in rijen.locator("#rij-11").inner_text()
    assert axe_schendingen(page) == []
    schermafdruk(page, "e2e-beheer-bulk-voorbeeld")

    # Committing with unresolved rows writes nothing and says why.
    page.get_by_role("button", name="Doorvoeren").click()
    assert "Er is niets bewaard" in page.locator("#meldingen").inner_text()
    assert "Rij 7 heeft een fout" in page.locator("#meldingen").inner_text()

    # Fix: skip every row that asks for a decision, then dry-run.
    for keuze in page.locator("select[name^='keuze-']").all():
        keuze.select_option("overslaan")
    page.get_by_role("button", name="Proefdraaien").click()
    assert "Proefdraai geslaagd" in page.locator("#proefdraai").inner_text()
    assert page.locator("#keuze-7").input_value() == "overslaan"  # choices survive the dry run

    # Step 4: commit and see the result.
    page.get_by_role("button", name="Doorvoeren").click()
    page.wait_for_url("**/resultaat/")
    assert page.get_by_role("heading", name="Resultaat van de import").is_visible()
    # New on a fresh database; on a reused E2E_PGDATA an earlier run made it, and it is found back (unchanged).
    assert page.get_by_role("link", name="Repair Café Turnhout").count() == 1 or "ongewijzigd" in page.inner_text(
        "main"
    )
    schermafdruk(page, "e2e-beheer-bulk-resultaat")

    # The new aanbod is found by the public search.
    page.goto(webserver + "/zoeken/?q=repair+caf%C3%A9&gemeente=Turnhout")
    assert page.locator(".kaartje h3 a", has_text="Repair Café Turnhout").count() >= 1
    context.close()
