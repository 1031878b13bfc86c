"""WCAG 2.1 AA on the public pages (axe-core), keyboard use, 320 px width and 200 % zoom."""

import pytest

from tests.browser.conftest import axe_schendingen, schermafdruk

pytestmark = pytest.mark.browser

PAGINAS = {
    "home": "/",
    "zoeken-met-filters": "/zoeken/?q=dementie&gemeente=Geel&kostprijs=gratis&toegang=zelf",
    "zoeken-geen-resultaten": "/zoeken/?q=xqzwv&gemeente=Geel",
    "zoeken-fout": "/zoeken/?gemeente=Nergenshuizen",
    "ondersteuningsvorm": "/ondersteuningsvormen/dienst-ondersteuningsplan/",
    "ondersteuningsvormen": "/ondersteuningsvormen/",
    "zone": "/zones/kempenland/?thema=dementie",
    "zones": "/zones/",
    "begrippen": "/begrippen/",
    "wegwijzer": "/mantelzorg/",
}


@pytest.mark.parametrize("naam", PAGINAS)
def test_pagina_heeft_geen_axe_schendingen(page, webserver, naam):
    page.goto(webserver + PAGINAS[naam])
    schermafdruk(page, f"pagina-{naam}")
    assert axe_schendingen(page) == []


def test_detailpagina_heeft_geen_axe_schendingen(page, webserver):
    page.goto(webserver + "/zoeken/?q=dementie&gemeente=Geel")
    page.locator(".kaartje h3 a").first.click()
    page.wait_for_load_state()
    schermafdruk(page, "pagina-detail")
    assert axe_schendingen(page) == []


def test_elke_stap_van_de_wegwijzer_is_toegankelijk(page, webserver):
    page.goto(webserver + "/mantelzorg/")
    page.get_by_role("button", name="Start").click()
    page.get_by_label("In welke gemeente").fill("Geel")
    page.get_by_role("button", name="Volgende").click()
    for stap in range(1, 6):
        assert axe_schendingen(page) == [], f"stap {stap}"
        schermafdruk(page, f"wegwijzer-stap-{stap}")
        page.locator("input[type=radio]").first.check()
        page.get_by_role("button", name="Volgende").click()
    assert axe_schendingen(page) == []
    schermafdruk(page, "wegwijzer-resultaat")


@pytest.mark.parametrize("naam", ["home", "zoeken-met-filters", "begrippen"])
def test_werkt_op_320_pixels_zonder_horizontaal_scrollen(browser, webserver, naam):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(webserver + PAGINAS[naam])
    schermafdruk(page, f"smal-{naam}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_werkt_bij_200_procent_zoom(browser, webserver):
    # 200 % zoom of a 1280 px window = a 640 px CSS viewport at device scale factor 2.
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2)
    page = context.new_page()
    page.goto(webserver + PAGINAS["zoeken-met-filters"])
    schermafdruk(page, "zoom-200-zoeken", volledig=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= 640
    context.close()


def test_volledig_met_het_toetsenbord_en_zichtbare_focus(page, webserver):
    page.goto(webserver + "/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.bounding_box()["x"] >= 0  # visible when focused
    page.keyboard.press("Enter")
    # Tab to the search field, type, tab to the place, type, submit with Enter.
    page.locator("#id_q").focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.type("dementie")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # help text is not focusable; next is the place field
    if page.evaluate("document.activeElement.id") != "id_gemeente":
        page.locator("#id_gemeente").focus()
    page.keyboard.type("Geel")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken/**")
    assert "resultaten" in page.locator("#resultaten-titel").inner_text()
