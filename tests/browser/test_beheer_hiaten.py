"""In Chromium: `curator` opens the gaps report, sees the matrix and the chart, downloads the CSV and
opens the printable report (the PDF, and the page itself printed without menus)."""

import pytest

from tests.browser.conftest import axe_schendingen, schermafdruk

pytestmark = pytest.mark.browser


def test_curator_bekijkt_downloadt_en_drukt_het_hiatenrapport_af(page, webserver):
    page.goto(webserver + "/aanmelden/?next=/beheer/hiaten/")
    page.get_by_label("Gebruikersnaam").fill("curator")
    page.get_by_label("Wachtwoord").fill("demo")
    page.locator("main").get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/beheer/hiaten/**")

    assert page.get_by_role("heading", level=1).inner_text().startswith("Hiaten en wachtlijsten in")
    matrix = page.get_by_role("table", name="Aantal aanbod per ondersteuningsvorm en gemeente")
    assert matrix.get_by_role("columnheader", name="Turnhout", exact=True).count() == 1
    assert matrix.get_by_role("rowheader").count() > 5
    grafiek = page.get_by_role("img", name="Aantal aanbod per capaciteit, per maand")
    assert grafiek.locator("rect").count() > 0
    assert axe_schendingen(page) == []
    schermafdruk(page, "e2e-beheer-hiaten")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download als CSV").click()
    csv = open(download.value.path(), encoding="utf-8").read()
    assert csv.startswith("\ufeffHiatenrapport;ELZ Kempenland")
    assert "Volzet of wachtlijst" in csv

    pdf_link = page.get_by_role("link", name="Rapport om af te drukken (PDF)").get_attribute("href")
    pdf = page.request.get(webserver + pdf_link)
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    page.emulate_media(media="print")
    assert page.locator(".beheermenu").is_hidden()
    assert page.locator(".site-header").is_hidden()
    assert page.get_by_role("link", name="Download als CSV").is_hidden()
    assert grafiek.is_visible()
