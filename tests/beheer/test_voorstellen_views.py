"""Pages of /beheer/mijn-aanbod/, /beheer/voorstellen/ and the history: scope, forms, diffs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from aanbod.beheer.voorstellen import services
from aanbod.constants import Capaciteit, MedewerkerRol
from aanbod.models import Aanbod, Curator, Doelgroep, Medewerker, Voorstel, VoorstelStatus
from tests.beheer.test_voorstellen_services import maak_aanbod
from tests.factories import OrganisatieFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator_elders(andere_zone):
    user = UserFactory(username="elders")
    Curator.objects.create(user=user, zone=andere_zone)
    return user


@pytest.fixture
def hulpverlener():
    user = UserFactory(username="hulp")
    Medewerker.objects.create(user=user, organisatie=OrganisatieFactory(), rol=MedewerkerRol.HULPVERLENER)
    return user


@pytest.fixture
def aanbod(redacteur, zone):
    return maak_aanbod(redacteur.medewerkerschappen.get().organisatie, zone, telefoon="014 11 11 11")


@pytest.fixture
def ander_aanbod(zone):
    return maak_aanbod(OrganisatieFactory(), zone, telefoon="03 000 00 00")


@pytest.fixture
def voorstel(aanbod, redacteur):
    return services.voorstel_indienen(
        aanbod=aanbod,
        door=redacteur,
        wijzigingen={"telefoon": {"oud": "014 11 11 11", "nieuw": "014 22 22 22"}},
        toelichting="Nieuw nummer.",
    )


def formdata(aanbod, **wijzig):
    """The edit form as the browser posts it, filled with the aanbod's current values."""
    data = {
        "naam": aanbod.naam,
        "beschrijving": aanbod.beschrijving,
        "kostprijs": aanbod.kostprijs,
        "werkingsgebied_zones": [str(z.pk) for z in aanbod.werkingsgebied_zones.all()],
        "telefoon": aanbod.telefoon,
        "email": aanbod.email,
    }
    data.update(wijzig)
    return data


# --- permissions -----------------------------------------------------------------------------------


def test_redacteur_kan_het_aanbod_van_een_andere_organisatie_niet_bewerken(client, redacteur, ander_aanbod):
    client.force_login(redacteur)

    assert client.get(reverse("beheer:mijn_aanbod_bewerken", args=[ander_aanbod.slug])).status_code == 404
    antwoord = client.post(reverse("beheer:capaciteit", args=[ander_aanbod.slug]), {"capaciteit": Capaciteit.VOLZET})
    assert antwoord.status_code == 404
    assert client.get(reverse("beheer:historiek", args=[ander_aanbod.slug])).status_code == 404
    assert client.get(reverse("beheer:aanbod_bewerken", args=[ander_aanbod.slug])).status_code == 403


def test_curator_van_een_andere_zone_ziet_noch_beoordeelt_het_voorstel(client, curator_elders, voorstel):
    client.force_login(curator_elders)

    lijst = client.get(reverse("beheer:voorstellen"))
    assert lijst.status_code == 200 and voorstel.aanbod.naam not in lijst.content.decode()
    url = reverse("beheer:voorstel", args=[voorstel.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"actie": "goedkeuren"}).status_code == 404
    assert client.get(reverse("beheer:aanbod_bewerken", args=[voorstel.aanbod.slug])).status_code == 404
    voorstel.refresh_from_db()
    assert voorstel.status == VoorstelStatus.OPEN


@pytest.mark.parametrize("naam", ["voorstellen", "mijn_aanbod"])
def test_hulpverlener_krijgt_geen_toegang(client, hulpverlener, naam):
    client.force_login(hulpverlener)

    antwoord = client.get(reverse(f"beheer:{naam}"))

    assert antwoord.status_code == 403
    assert "geen toegang" in antwoord.content.decode()


def test_hulpverlener_krijgt_geen_toegang_tot_bewerken_en_historiek(client, hulpverlener, aanbod, voorstel):
    client.force_login(hulpverlener)

    for url in (
        reverse("beheer:mijn_aanbod_bewerken", args=[aanbod.slug]),
        reverse("beheer:aanbod_bewerken", args=[aanbod.slug]),
        reverse("beheer:historiek", args=[aanbod.slug]),
        reverse("beheer:voorstel", args=[voorstel.pk]),
    ):
        assert client.get(url).status_code == 403, url


def test_anoniem_wordt_naar_aanmelden_gestuurd(client, aanbod):
    antwoord = client.get(reverse("beheer:mijn_aanbod"))

    assert antwoord.status_code == 302 and antwoord["Location"].startswith("/aanmelden/")


# --- redacteur ------------------------------------------------------------------------------------------


def test_mijn_aanbod_toont_eigen_aanbod_met_capaciteitsknoppen(client, redacteur, aanbod, ander_aanbod, voorstel):
    client.force_login(redacteur)

    html = client.get(reverse("beheer:mijn_aanbod")).content.decode()

    assert aanbod.naam in html and reverse("beheer:mijn_aanbod_bewerken", args=[aanbod.slug]) in html
    assert ander_aanbod.slug not in html
    assert 'value="wachtlijst"' in html
    assert "Wacht op goedkeuring" in html and "Telefoon" in html


def test_capaciteit_met_een_klik_publiceert_meteen(client, redacteur, aanbod):
    client.force_login(redacteur)

    antwoord = client.post(
        reverse("beheer:capaciteit", args=[aanbod.slug]),
        {"capaciteit": Capaciteit.WACHTLIJST, "wachttijd_weken": "12"},
        follow=True,
    )

    aanbod.refresh_from_db()
    assert (aanbod.capaciteit, aanbod.wachttijd_weken) == (Capaciteit.WACHTLIJST, 12)
    assert "staat nu online" in antwoord.content.decode()
    # The baseline is nobody's work; the change is the redacteur's.
    beginstand, wijziging = Aanbod.historiek.filter(id=aanbod.pk).order_by("history_date", "history_id")
    assert (beginstand.history_user, wijziging.history_user) == (None, redacteur)


def test_capaciteit_keert_terug_naar_dezelfde_pagina(client, redacteur, aanbod):
    client.force_login(redacteur)

    antwoord = client.post(reverse("beheer:capaciteit", args=[aanbod.slug]), {"capaciteit": "volzet", "pagina": "2"})

    assert antwoord["Location"] == f"{reverse('beheer:mijn_aanbod')}?pagina=2#aanbod-{aanbod.pk}"


def test_capaciteit_plaats_vrij_negeert_de_wachttijd(client, redacteur, aanbod):
    client.force_login(redacteur)

    client.post(reverse("beheer:capaciteit", args=[aanbod.slug]), {"capaciteit": "plaats_vrij", "wachttijd_weken": "3"})

    aanbod.refresh_from_db()
    assert (aanbod.capaciteit, aanbod.wachttijd_weken) == (Capaciteit.PLAATS_VRIJ, None)


def test_capaciteit_met_onzin_geeft_een_melding_geen_fout(client, redacteur, aanbod):
    client.force_login(redacteur)

    antwoord = client.post(
        reverse("beheer:capaciteit", args=[aanbod.slug]),
        {"capaciteit": "volzet", "wachttijd_weken": "999"},
        follow=True,
    )

    aanbod.refresh_from_db()
    assert aanbod.capaciteit == Capaciteit.ONBEKEND
    assert "260 weken" in antwoord.content.decode()


def test_redacteur_bewerkt_telefoon_wordt_voorstel_beschrijving_meteen(client, redacteur, aanbod):
    client.force_login(redacteur)
    url = reverse("beheer:mijn_aanbod_bewerken", args=[aanbod.slug])
    assert "na goedkeuring" in client.get(url).content.decode()

    antwoord = client.post(
        url, formdata(aanbod, telefoon="014 22 22 22", beschrijving="Nieuw.", toelichting="Verhuisd."), follow=True
    )

    aanbod.refresh_from_db()
    assert aanbod.beschrijving == "Nieuw." and aanbod.telefoon == "014 11 11 11"
    voorstel = Voorstel.objects.get(aanbod=aanbod, status=VoorstelStatus.OPEN)
    assert voorstel.wijzigingen["telefoon"]["nieuw"] == "014 22 22 22" and voorstel.toelichting == "Verhuisd."
    assert "wachten op goedkeuring" in antwoord.content.decode()
    # The form goes on from what was proposed.
    assert 'value="014 22 22 22"' in client.get(url).content.decode()


def test_bewerken_met_fouten_toont_ze_bij_het_veld(client, redacteur, aanbod):
    client.force_login(redacteur)

    antwoord = client.post(
        reverse("beheer:mijn_aanbod_bewerken", args=[aanbod.slug]),
        formdata(aanbod, leeftijd_min="60", leeftijd_max="18", werkingsgebied_zones=[]),
    )

    html = antwoord.content.decode()
    assert antwoord.status_code == 400
    assert "maximumleeftijd mag niet lager" in html
    assert "minstens één zone of gemeente" in html
    assert not Voorstel.objects.exists()


def test_redacteur_trekt_zijn_voorstel_in(client, redacteur, voorstel):
    client.force_login(redacteur)

    client.post(reverse("beheer:voorstel_intrekken", args=[voorstel.aanbod.slug]))

    voorstel.refresh_from_db()
    assert voorstel.status == VoorstelStatus.INGETROKKEN


# --- curator ---------------------------------------------------------------------------------------


def test_voorstellen_oudste_eerst(client, curator, voorstel, ander_aanbod, redacteur):
    later = Voorstel.objects.create(
        aanbod=ander_aanbod, ingediend_door=redacteur, wijzigingen={"naam": {"oud": "Praatgroep", "nieuw": "X"}}
    )
    client.force_login(curator)

    lijst = list(client.get(reverse("beheer:voorstellen")).context["voorstellen"])

    assert lijst == [voorstel, later]


def test_voorstel_toont_verschil_veld_per_veld_in_woorden(client, curator, aanbod, redacteur):
    doelgroep = Doelgroep.objects.first()
    voorstel = services.voorstel_indienen(
        aanbod=aanbod,
        door=redacteur,
        wijzigingen={
            "doelgroepen": {"oud": [], "nieuw": [doelgroep.pk]},
            "kostprijs": {"oud": "gratis", "nieuw": "bijdrage"},
        },
    )
    client.force_login(curator)

    html = client.get(reverse("beheer:voorstel", args=[voorstel.pk])).content.decode()

    assert f"<ins>{doelgroep.label}</ins>" in html
    assert "<del>Gratis</del>" in html and "<ins>Met een bijdrage</ins>" in html
    assert '<th scope="row">Doelgroepen</th>' in html


def test_curator_keurt_goed(client, curator, voorstel):
    client.force_login(curator)

    antwoord = client.post(reverse("beheer:voorstel", args=[voorstel.pk]), {"actie": "goedkeuren"})

    assert antwoord.status_code == 302
    voorstel.aanbod.refresh_from_db()
    assert voorstel.aanbod.telefoon == "014 22 22 22"


def test_verouderd_voorstel_goedkeuren_geeft_een_duidelijke_melding(client, curator, voorstel):
    Aanbod.objects.filter(pk=voorstel.aanbod_id).update(telefoon="014 99")
    client.force_login(curator)
    url = reverse("beheer:voorstel", args=[voorstel.pk])
    assert "Intussen gewijzigd" in client.get(url).content.decode()

    antwoord = client.post(url, {"actie": "goedkeuren"})

    assert antwoord.status_code == 409
    assert "intussen gewijzigd in: Telefoon" in antwoord.content.decode()


def test_afwijzen_zonder_reden_toont_de_fout_bij_het_veld(client, curator, voorstel):
    client.force_login(curator)

    antwoord = client.post(reverse("beheer:voorstel", args=[voorstel.pk]), {"actie": "afwijzen", "reden": ""})

    assert antwoord.status_code == 400
    assert "Geef een reden" in antwoord.content.decode()
    voorstel.refresh_from_db()
    assert voorstel.status == VoorstelStatus.OPEN


def test_curator_bewerkt_rechtstreeks(client, curator, aanbod):
    client.force_login(curator)

    client.post(reverse("beheer:aanbod_bewerken", args=[aanbod.slug]), formdata(aanbod, telefoon="014 33"))

    aanbod.refresh_from_db()
    assert aanbod.telefoon == "014 33"
    assert not Voorstel.objects.exists()


def test_historiek_en_terugzetten(client, curator, aanbod):
    services.aanbod_bewerken(aanbod=aanbod, door=curator, waarden={"telefoon": "014 33"}, met_goedkeuring=False)
    beginstand = Aanbod.historiek.filter(id=aanbod.pk).order_by("history_date").first()
    client.force_login(curator)

    html = client.get(reverse("beheer:historiek", args=[aanbod.slug])).content.decode()
    assert f"Bewerkt door {curator.username}" in html and "<ins>014 33</ins>" in html
    terugzetten = reverse("beheer:terugzetten", args=[aanbod.slug, beginstand.history_id])
    assert terugzetten in html
    assert "<ins>014 11 11 11</ins>" in client.get(terugzetten).content.decode()

    client.post(terugzetten)

    aanbod.refresh_from_db()
    assert aanbod.telefoon == "014 11 11 11"


def test_redacteur_ziet_de_historiek_van_eigen_aanbod_zonder_terugzetten(client, redacteur, curator, aanbod):
    services.aanbod_bewerken(aanbod=aanbod, door=curator, waarden={"telefoon": "014 33"}, met_goedkeuring=False)
    beginstand = Aanbod.historiek.filter(id=aanbod.pk).order_by("history_date").first()
    client.force_login(redacteur)

    html = client.get(reverse("beheer:historiek", args=[aanbod.slug])).content.decode()

    assert "014 33" in html and "Terugzetten" not in html
    assert client.post(reverse("beheer:terugzetten", args=[aanbod.slug, beginstand.history_id])).status_code == 403


def test_publieke_pagina_toont_bewerken_enkel_aan_wie_mag(client, redacteur, curator, hulpverlener, aanbod):
    detail = reverse("aanbod:aanbod", args=[aanbod.slug])
    verwacht = {
        redacteur: reverse("beheer:mijn_aanbod_bewerken", args=[aanbod.slug]),
        curator: reverse("beheer:aanbod_bewerken", args=[aanbod.slug]),
    }
    for gebruiker, url in verwacht.items():
        client.force_login(gebruiker)
        assert f'href="{url}"' in client.get(detail).content.decode()

    client.force_login(hulpverlener)
    assert "/beheer/" not in client.get(detail).content.decode()
