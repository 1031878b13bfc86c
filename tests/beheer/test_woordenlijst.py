"""The word list in /beheer/: glossary, concept texts and vocabularies; audit, search refresh and access."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from aanbod.beheer.woordenlijst.services import begrip_opslaan, vocabulariumwaarde_verwijderen
from aanbod.models import Aanbod, Begrip, Beheeractie, Doelgroep, Ondersteuningsvorm, Thema
from aanbod.zoeken.dienst import zoek_treffers
from tests.factories import AanbodFactory, OndersteuningsvormFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gebruikers(demodata):
    namen = ["curator", "redacteur", "verwijzer"]
    return {u.username: u for u in get_user_model().objects.filter(username__in=namen)}


@pytest.fixture
def curator(client, gebruikers):
    client.force_login(gebruikers["curator"])
    return gebruikers["curator"]


def acties(soort: str) -> list[str]:
    return list(Beheeractie.objects.filter(actie=soort).values_list("omschrijving", flat=True))


# --- glossary ------------------------------------------------------------------------------------


def test_curator_maakt_een_begrip_aan_en_het_wordt_gelogd(client, curator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        antwoord = client.post(
            reverse("beheer:woordenlijst_begrip_nieuw"),
            {
                "term": "  Kwispeltherapie ",
                "afkorting": "KWT",
                "context": "",
                "uitleg": "Een hond komt op bezoek om mensen rust te geven.",
                "synoniemen": "hondenbezoek\n  bezoekhond, therapiehond \n\nHondenbezoek",
                "actief": "on",
            },
        )
    assert antwoord.status_code == 302
    begrip = Begrip.objects.get(term="Kwispeltherapie")
    # one per line (a comma belongs to the synonym), trimmed, without empty lines or duplicates
    assert begrip.synoniemen == ["hondenbezoek", "bezoekhond, therapiehond"]
    assert begrip.slug == "kwispeltherapie"
    assert acties("begrip_aangemaakt") == ["Kwispeltherapie"]
    assert Beheeractie.objects.get(actie="begrip_aangemaakt").uitgevoerd_door == curator
    assert len(callbacks) == 1  # the search refresh, once, after commit


def test_dubbel_begrip_wordt_naast_de_term_gemeld_en_niet_bewaard(client, curator):
    Begrip.objects.create(slug="kwispeltherapie", term="Kwispeltherapie", uitleg="Uitleg.")
    antwoord = client.post(
        reverse("beheer:woordenlijst_begrip_nieuw"), {"term": "KWISPELTHERAPIE", "uitleg": "Nog eens."}
    )
    assert antwoord.status_code == 400
    assert "bestaat al" in " ".join(antwoord.context["form"].errors["term"])
    assert Begrip.objects.filter(term__iexact="kwispeltherapie").count() == 1
    assert not acties("begrip_aangemaakt")


def test_exact_dubbel_begrip_ook_naast_de_term(client, curator):
    Begrip.objects.create(slug="mdo-school", term="MDO", context="op school", uitleg="Overleg op school.")
    antwoord = client.post(
        reverse("beheer:woordenlijst_begrip_nieuw"), {"term": "MDO", "context": "op school", "uitleg": "Nog eens."}
    )
    assert antwoord.status_code == 400
    form = antwoord.context["form"]
    assert "bestaat al" in form.errors["term"][0] and not form.non_field_errors()


def test_service_meldt_dubbel_begrip_naast_de_term(gebruikers):
    Begrip.objects.create(slug="mdo-school", term="MDO", context="op school", uitleg="Overleg op school.")
    with pytest.raises(ValidationError) as fout:
        begrip_opslaan(door=gebruikers["curator"], gegevens={"term": "mdo", "context": "Op school", "uitleg": "X"})
    assert "term" in fout.value.error_dict


def test_tweede_betekenis_met_context_mag(client, curator):
    Begrip.objects.create(slug="mdo-zorg", term="MDO", context="in de zorg", uitleg="Multidisciplinair overleg.")
    antwoord = client.post(
        reverse("beheer:woordenlijst_begrip_nieuw"),
        {"term": "MDO", "context": "op school", "uitleg": "Multidisciplinair overleg op school."},
    )
    assert antwoord.status_code == 302
    assert Begrip.objects.filter(term="MDO").count() == 2


def test_verplichte_velden_geven_nederlandse_fouten(client, curator):
    antwoord = client.post(reverse("beheer:woordenlijst_begrip_nieuw"), {"term": "", "uitleg": ""})
    assert antwoord.status_code == 400
    fouten = antwoord.context["form"].errors
    assert fouten["term"] == ["Vul de term in."]
    assert fouten["uitleg"] == ["Schrijf een uitleg in eenvoudige taal."]
    assert "Vul de term in." in antwoord.content.decode()


def test_begrip_bewerken_houdt_de_slug_en_logt_de_gewijzigde_velden(client, curator):
    begrip = Begrip.objects.create(slug="kwispeltherapie", term="Kwispeltherapie", uitleg="Oud.")
    antwoord = client.post(
        reverse("beheer:woordenlijst_begrip", args=[begrip.pk]),
        {"term": "Kwispeltherapie met hond", "uitleg": "Nieuw.", "synoniemen": "", "actief": "on"},
    )
    assert antwoord.status_code == 302
    begrip.refresh_from_db()
    assert (begrip.term, begrip.uitleg, begrip.slug) == ("Kwispeltherapie met hond", "Nieuw.", "kwispeltherapie")
    assert acties("begrip_gewijzigd") == ["Kwispeltherapie met hond: term, uitleg"]


def test_bewaren_zonder_wijziging_laat_synoniemen_met_komma_heel(client, curator):
    begrip = Begrip.objects.create(slug="t1g1p", term="Testgezin", uitleg="Uitleg.", synoniemen=["1 gezin, 1 plan"])
    formulier = client.get(reverse("beheer:woordenlijst_begrip", args=[begrip.pk])).context["form"]
    gegevens = {naam: formulier[naam].value() for naam in ("term", "afkorting", "context", "uitleg")}
    gegevens |= {"synoniemen": formulier["synoniemen"].field.prepare_value(begrip.synoniemen), "actief": "on"}
    assert client.post(reverse("beheer:woordenlijst_begrip", args=[begrip.pk]), gegevens).status_code == 302
    begrip.refresh_from_db()
    assert begrip.synoniemen == ["1 gezin, 1 plan"]
    assert not acties("begrip_gewijzigd")  # nothing changed, nothing logged


def test_lijst_zoekt_ook_in_synoniemen(client, curator):
    Begrip.objects.create(slug="kwispel", term="Kwispeltherapie", uitleg="Uitleg.", synoniemen=["hondenbezoek"])
    inhoud = client.get(reverse("beheer:woordenlijst"), {"q": "hondenbe"}).content.decode()
    assert "Kwispeltherapie" in inhoud
    inhoud = client.get(reverse("beheer:woordenlijst"), {"q": "paardenbezoek"}).content.decode()
    assert "Kwispeltherapie" not in inhoud


def test_een_nieuw_synoniem_laat_het_zoeken_het_aanbod_vinden(gebruikers, django_capture_on_commit_callbacks):
    aanbod = AanbodFactory(naam="Kwispeltherapie in het woonzorgcentrum", beschrijving="Een hond op bezoek.")
    basis = Aanbod.objects.filter(pk=aanbod.pk)
    assert not zoek_treffers(basis, "aaitherapie", None).aantal  # also warms the synonym cache
    begrip = begrip_opslaan(
        door=gebruikers["curator"], gegevens={"term": "Kwispeltherapie", "uitleg": "Een hond komt op bezoek."}
    )
    with django_capture_on_commit_callbacks(execute=True):
        begrip_opslaan(door=gebruikers["curator"], begrip=begrip, gegevens={"synoniemen": ["aaitherapie"]})
    treffers = zoek_treffers(basis, "aaitherapie", None)
    assert treffers.aantal == 1 and list(treffers.queryset) == [aanbod]


def test_nieuw_synoniem_komt_in_de_woordenlijst_voor_spellingsuggesties(gebruikers, django_capture_on_commit_callbacks):
    from django.db import connection

    with django_capture_on_commit_callbacks(execute=True):
        begrip_opslaan(
            door=gebruikers["curator"],
            gegevens={"term": "Kwispeltherapie", "uitleg": "Uitleg.", "synoniemen": ["snuffelbezoek"]},
        )
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM aanbod_zoekwoord WHERE woord = 'snuffelbezoek'")
        assert cursor.fetchone()[0] == 1


# --- support-form concepts -----------------------------------------------------------------------


def test_teksten_van_een_ondersteuningsvorm_bewerken_maar_niet_naam_of_slug(client, curator):
    vorm = OndersteuningsvormFactory(naam="Testvorm X", slug="testvorm-x", afkorting="TX")
    antwoord = client.post(
        reverse("beheer:woordenlijst_vorm", args=[vorm.slug]),
        {
            "naam": "Andere naam",
            "slug": "andere-slug",
            "afkorting": "AN",
            "samenvatting": "Nieuwe uitleg in eenvoudige taal.",
            "voor_wie": "Voor gezinnen met jonge kinderen.",
            "synoniemen": "testvormpje",
        },
    )
    assert antwoord.status_code == 302
    vorm.refresh_from_db()
    assert (vorm.naam, vorm.slug, vorm.afkorting) == ("Testvorm X", "testvorm-x", "TX")
    assert vorm.samenvatting == "Nieuwe uitleg in eenvoudige taal."
    assert vorm.voor_wie == "Voor gezinnen met jonge kinderen."
    assert vorm.synoniemen == ["testvormpje"]
    assert acties("ondersteuningsvorm_gewijzigd") == ["Testvorm X (TX): samenvatting, voor_wie, synoniemen"]


def test_samenvatting_van_een_ondersteuningsvorm_is_verplicht(client, curator):
    vorm = OndersteuningsvormFactory()
    antwoord = client.post(
        reverse("beheer:woordenlijst_vorm", args=[vorm.slug]), {"samenvatting": "", "meer_info_url": "geen url"}
    )
    assert antwoord.status_code == 400
    fouten = antwoord.context["form"].errors
    assert fouten["samenvatting"] == ["Schrijf een korte samenvatting in eenvoudige taal."]
    assert fouten["meer_info_url"] == ["Vul een volledig webadres in, bv. https://www.vlaanderen.be/…"]
    assert Ondersteuningsvorm.objects.get(pk=vorm.pk).samenvatting == vorm.samenvatting


# --- vocabularies --------------------------------------------------------------------------------


def test_nieuwe_doelgroep_krijgt_een_code_uit_het_label(client, curator):
    antwoord = client.post(
        reverse("beheer:woordenlijst_waarde_nieuw", args=["doelgroepen"]),
        {"label": "Grootouders die opvoeden", "uitleg": "", "volgorde": "5", "code": ""},
    )
    assert antwoord.status_code == 302
    waarde = Doelgroep.objects.get(label="Grootouders die opvoeden")
    assert (waarde.code, waarde.volgorde, waarde.actief) == ("grootouders_die_opvoeden", 5, True)
    assert acties("doelgroep_aangemaakt") == ["grootouders_die_opvoeden: Grootouders die opvoeden"]


def test_dubbel_label_en_dubbele_code_worden_naast_het_veld_gemeld(client, curator):
    bestaande = Thema.objects.order_by("pk").first()
    antwoord = client.post(
        reverse("beheer:woordenlijst_waarde_nieuw", args=["themas"]),
        {"label": bestaande.label.upper(), "code": bestaande.code, "volgorde": "0"},
    )
    assert antwoord.status_code == 400
    fouten = antwoord.context["form"].errors
    assert "al een thema met dit label" in fouten["label"][0]
    assert "code is al in gebruik" in fouten["code"][0]
    assert Thema.objects.filter(code=bestaande.code).count() == 1


def test_waarde_bewerken_wijzigt_de_code_niet(client, curator):
    waarde = Doelgroep.objects.create(code="testgroep", label="Testgroep")
    antwoord = client.post(
        reverse("beheer:woordenlijst_waarde", args=["doelgroepen", waarde.pk]),
        {"label": "Testgroep (nieuw)", "code": "gehackt", "uitleg": "Uitleg", "volgorde": "3"},
    )
    assert antwoord.status_code == 302
    waarde.refresh_from_db()
    assert (waarde.code, waarde.label, waarde.uitleg) == ("testgroep", "Testgroep (nieuw)", "Uitleg")
    assert waarde.volgorde == 3


def test_verwijderen_van_een_gebruikte_waarde_wordt_geweigerd_en_er_verandert_niets(client, curator):
    waarde = Doelgroep.objects.create(code="testgroep", label="Testgroep")
    aanbod = AanbodFactory()
    aanbod.doelgroepen.add(waarde)
    antwoord = client.post(reverse("beheer:woordenlijst_waarde_verwijderen", args=["doelgroepen", waarde.pk]))
    assert antwoord.status_code == 409
    inhoud = antwoord.content.decode()
    assert "in gebruik bij 1 aanbod en kan niet verwijderd worden" in inhoud
    assert "Schakel het uit" in inhoud
    waarde.refresh_from_db()
    assert waarde.actief
    assert list(aanbod.doelgroepen.all()) == [waarde]
    assert not Beheeractie.objects.filter(actie="doelgroep_verwijderd").exists()


def test_service_weigert_verwijderen_van_een_gebruikte_waarde(gebruikers):
    waarde = Thema.objects.create(code="testthema", label="Testthema")
    AanbodFactory().themas.add(waarde)
    with pytest.raises(ValidationError) as fout:
        vocabulariumwaarde_verwijderen(door=gebruikers["curator"], waarde=waarde)
    assert fout.value.code == "in_gebruik"
    assert Thema.objects.filter(pk=waarde.pk).exists()


def test_een_ongebruikte_waarde_kan_weg(client, curator):
    waarde = Doelgroep.objects.create(code="typfout", label="Tyfpout")
    antwoord = client.post(reverse("beheer:woordenlijst_waarde_verwijderen", args=["doelgroepen", waarde.pk]))
    assert antwoord.status_code == 302
    assert not Doelgroep.objects.filter(pk=waarde.pk).exists()
    assert acties("doelgroep_verwijderd") == ["typfout: Tyfpout"]


def test_uitschakelen_en_weer_activeren(client, curator):
    waarde = Doelgroep.objects.create(code="testgroep", label="Testgroep")
    url = reverse("beheer:woordenlijst_waarde_actief", args=["doelgroepen", waarde.pk])
    assert client.post(url, {"actief": "0"}).status_code == 302
    waarde.refresh_from_db()
    assert not waarde.actief
    assert client.post(url, {"actief": "1"}).status_code == 302
    waarde.refresh_from_db()
    assert waarde.actief
    assert Beheeractie.objects.filter(object_id=str(waarde.pk), actie__startswith="doelgroep_").count() == 2


def test_lijst_toont_aantal_aanbod_per_waarde(client, curator):
    waarde = Doelgroep.objects.create(code="testgroep", label="Testgroep unieklabel")
    AanbodFactory().doelgroepen.add(waarde)
    antwoord = client.get(reverse("beheer:woordenlijst_vocabularium", args=["doelgroepen"]), {"q": "unieklabel"})
    assert antwoord.status_code == 200
    assert [w.aantal for w in antwoord.context["pagina"].object_list] == [1]


# --- access --------------------------------------------------------------------------------------


def _urls():
    begrip = Begrip.objects.first() or Begrip.objects.create(slug="x", term="X", uitleg="X")
    vorm = Ondersteuningsvorm.objects.first()
    doelgroep = Doelgroep.objects.first()
    return [
        reverse("beheer:woordenlijst"),
        reverse("beheer:woordenlijst_begrip_nieuw"),
        reverse("beheer:woordenlijst_begrip", args=[begrip.pk]),
        reverse("beheer:woordenlijst_vormen"),
        reverse("beheer:woordenlijst_vorm", args=[vorm.slug]),
        *(reverse("beheer:woordenlijst_vocabularium", args=[s]) for s in ("doelgroepen", "levensdomeinen", "themas")),
        reverse("beheer:woordenlijst_vocabularium", args=["toegangswegen"]),
        reverse("beheer:woordenlijst_waarde_nieuw", args=["doelgroepen"]),
        reverse("beheer:woordenlijst_waarde", args=["doelgroepen", doelgroep.pk]),
    ]


def test_curator_ziet_alle_paginas(client, curator):
    for url in _urls():
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("naam", ["redacteur", "verwijzer"])
def test_redacteur_en_hulpverlener_krijgen_403_en_veranderen_niets(client, gebruikers, naam):
    client.force_login(gebruikers[naam])
    for url in _urls():
        assert client.get(url).status_code == 403, url
    doelgroep = Doelgroep.objects.create(code="testgroep", label="Testgroep")
    for url, gegevens in [
        (reverse("beheer:woordenlijst_begrip_nieuw"), {"term": "Stiekem", "uitleg": "Nee."}),
        (reverse("beheer:woordenlijst_waarde_actief", args=["doelgroepen", doelgroep.pk]), {"actief": "0"}),
        (reverse("beheer:woordenlijst_waarde_verwijderen", args=["doelgroepen", doelgroep.pk]), {}),
    ]:
        assert client.post(url, gegevens).status_code == 403, url
    assert not Begrip.objects.filter(term="Stiekem").exists()
    doelgroep.refresh_from_db()
    assert doelgroep.actief


def test_anoniem_wordt_naar_aanmelden_gestuurd(client, demodata):
    for url in _urls():
        antwoord = client.get(url)
        assert antwoord.status_code == 302 and antwoord["Location"].startswith(reverse("login")), url


def test_onbekende_lijst_bestaat_niet(client, curator):
    assert client.get("/beheer/woordenlijst/gemeenten/").status_code == 404
