"""The HTML pages of referrals: the wizard, the inbox, transitions, messages and feedback, access."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from aanbod.models import Gemeente, Medewerker, Organisatie
from doorverwijzing.constants import Actie, GebeurtenisSoort, Status
from doorverwijzing.models import Bericht, Doorverwijzing, Gebeurtenis, Terugkoppeling, Toestemming
from doorverwijzing.services import doorverwijzing_overgang
from tests.doorverwijzing.conftest import maak_concept

pytestmark = pytest.mark.django_db


def _verstuur(doorverwijzing, gebruikers):
    return doorverwijzing_overgang(doorverwijzing=doorverwijzing, actie=Actie.VERSTUREN, door=gebruikers["verwijzer"])


@pytest.fixture
def verstuurd(gebruikers, concept):
    return _verstuur(concept, gebruikers)


def _fout_bij_veld(html: str, fout: str, veld_id: str) -> bool:
    """The error message is rendered right next to (within the wrapper of) the field it is about."""
    positie = html.find(escape(fout))
    return positie != -1 and veld_id in html[positie : positie + 400]


def _meldingen(antwoord) -> list[str]:
    return [str(m) for m in get_messages(antwoord.wsgi_request)]


# --- The wizard ------------------------------------------------------------------------------------


def test_de_wizard_van_begin_tot_versturen(client, gebruikers, caw_aanbod):
    verwijzer = gebruikers["verwijzer"]
    organisatie = Medewerker.objects.get(user=verwijzer).organisatie
    client.force_login(verwijzer)
    url = reverse("doorverwijzing:nieuw", args=[caw_aanbod.slug])
    voor = Doorverwijzing.objects.count()

    veiligheid = client.get(url)
    html = veiligheid.content.decode()
    assert veiligheid.status_code == 200
    assert "112" in html and "1712" in html and "1813" in html
    assert html.count("<h1") == 1

    # Step 2: consent without its form and confirmation → errors next to those fields.
    toestemming = {
        "organisatie": organisatie.pk,
        "grond": "toestemming",
        "reikwijdte": "Contactgegevens en hulpvraag",
        "gegeven_op": timezone.localdate().isoformat(),
    }
    fout = client.post(f"{url}?stap=2", toestemming)
    html = fout.content.decode()
    assert fout.status_code == 200
    assert _fout_bij_veld(html, "Kies of de toestemming schriftelijk of mondeling was.", 'id="id_vorm"')
    assert _fout_bij_veld(html, "Bevestig dat de persoon toestemming gaf.", 'id="id_bevestigd_door_verwijzer"')
    assert html.count("<h1") == 1

    # Shared professional secrecy with only three of the four conditions ticked.
    beroepsgeheim = {**toestemming, "grond": "gedeeld_beroepsgeheim", "beiden_beroepsgeheim": "on"}
    beroepsgeheim |= {"zelfde_persoon": "on", "gedeeld_doel": "on"}
    fout = client.post(f"{url}?stap=2", beroepsgeheim)
    assert list(fout.context["form"].errors) == ["persoon_geinformeerd"]

    antwoord = client.post(f"{url}?stap=2", {**toestemming, "vorm": "mondeling", "bevestigd_door_verwijzer": "on"})
    assert antwoord.status_code == 302 and antwoord["Location"].endswith("?stap=3")

    # Step 3: by phone needs a number.
    persoon = {"naam": "M. D.", "geboortejaar": "1980", "contactwijze": "telefoon"}
    fout = client.post(f"{url}?stap=3", persoon)
    assert _fout_bij_veld(fout.content.decode(), "Vul een telefoonnummer of e-mailadres in.", 'id="id_contactgegevens"')
    turnhout = Gemeente.objects.get(naam="Turnhout")
    antwoord = client.post(f"{url}?stap=3", {**persoon, "contactgegevens": "014 00 00 00", "gemeente": turnhout.pk})
    assert antwoord["Location"].endswith("?stap=4")

    # Going back shows what was entered.
    assert client.get(f"{url}?stap=3").context["form"]["naam"].value() == "M. D."
    # Nothing is in the database until step 4 is complete.
    assert Doorverwijzing.objects.count() == voor

    # Step 4: on behalf of the person cared for needs the mandate.
    vraag = {"vraag": "Zoekt hulp bij de administratie.", "urgentie": "gewoon", "voor_wie": "namens"}
    fout = client.post(f"{url}?stap=4", vraag)
    assert _fout_bij_veld(fout.content.decode(), "Beschrijf het mandaat van de mantelzorger.", 'id="id_mandaat"')
    assert Doorverwijzing.objects.count() == voor
    antwoord = client.post(f"{url}?stap=4", {**vraag, "mandaat": "Volmacht van de moeder"})

    doorverwijzing = Doorverwijzing.objects.get(persoon_naam="M. D.")
    assert antwoord["Location"] == reverse("doorverwijzing:controleren", args=[doorverwijzing.uuid])
    assert doorverwijzing.status == Status.DRAFT
    assert doorverwijzing.mandaat == "Volmacht van de moeder" and not doorverwijzing.voor_mantelzorger
    assert Toestemming.objects.get(doorverwijzing=doorverwijzing).vorm == "mondeling"
    assert "warme_doorverwijzing" not in client.session

    controleren = client.get(antwoord["Location"])
    assert controleren.status_code == 200
    assert "Zoekt hulp bij de administratie." in controleren.content.decode()

    verstuurd = client.post(antwoord["Location"], {"versturen": "", "verwachte_status": "draft"})
    assert verstuurd["Location"] == reverse("doorverwijzing:detail", args=[doorverwijzing.uuid])
    doorverwijzing.refresh_from_db()
    assert doorverwijzing.status == Status.REQUESTED
    assert doorverwijzing.verstuurd_op is not None
    soorten = list(doorverwijzing.gebeurtenissen.values_list("soort", "naar_status"))
    assert soorten == [(GebeurtenisSoort.AANGEMAAKT, Status.DRAFT), (GebeurtenisSoort.OVERGANG, Status.REQUESTED)]


def test_een_bewaard_concept_staat_bij_verstuurd(client, gebruikers, caw_aanbod):
    concept = maak_concept(gebruikers, caw_aanbod)
    client.force_login(gebruikers["verwijzer"])
    antwoord = client.post(reverse("doorverwijzing:controleren", args=[concept.uuid]), {"bewaren": ""})
    assert antwoord["Location"] == reverse("doorverwijzing:inbox") + "?tab=verstuurd"
    concept.refresh_from_db()
    assert concept.status == Status.DRAFT

    inbox = client.get(antwoord["Location"])
    assert concept in inbox.context["pagina"].object_list
    assert "Concept" in inbox.content.decode()
    concepten = client.get(reverse("doorverwijzing:inbox"), {"tab": "verstuurd", "status": "draft"})
    assert {d.status for d in concepten.context["pagina"].object_list} == {Status.DRAFT}


def test_de_wizard_begint_opnieuw_bij_een_ontbrekende_stap(client, gebruikers, caw_aanbod):
    client.force_login(gebruikers["verwijzer"])
    url = reverse("doorverwijzing:nieuw", args=[caw_aanbod.slug])
    antwoord = client.get(f"{url}?stap=4")
    assert antwoord.status_code == 302 and antwoord["Location"].endswith("?stap=2")


@pytest.mark.parametrize("gebruiker", ["curator", "beheerder"])
def test_wie_geen_medewerker_is_kan_niet_doorverwijzen(client, gebruikers, caw_aanbod, gebruiker):
    if Medewerker.objects.filter(user=gebruikers[gebruiker]).exists():
        pytest.skip("deze demogebruiker is medewerker van een organisatie")
    client.force_login(gebruikers[gebruiker])
    antwoord = client.get(reverse("doorverwijzing:nieuw", args=[caw_aanbod.slug]))
    assert antwoord.status_code == 403
    assert "Alleen medewerkers" in antwoord.content.decode()


def test_het_aanbod_toont_warm_doorverwijzen_enkel_aan_aangemelde_gebruikers(client, gebruikers, caw_aanbod):
    url = reverse("aanbod:aanbod", args=[caw_aanbod.slug])
    knop = reverse("doorverwijzing:nieuw", args=[caw_aanbod.slug])
    assert knop not in client.get(url).content.decode()
    client.force_login(gebruikers["verwijzer"])
    assert knop in client.get(url).content.decode()


# --- The inbox -------------------------------------------------------------------------------------


def _aantallen(client):
    antwoord = client.get(reverse("doorverwijzing:inbox"))
    assert antwoord.status_code == 200
    return {sleutel: aantal for sleutel, _label, aantal in antwoord.context["tabs"]}


def test_de_inbox_van_de_ontvanger_telt_per_tab(client, gebruikers, caw_aanbod):
    client.force_login(gebruikers["ontvanger"])
    voor = _aantallen(client)
    concept = maak_concept(gebruikers, caw_aanbod)
    assert _aantallen(client) == voor  # a draft is not in the receiver's tabs

    _verstuur(concept, gebruikers)
    na = _aantallen(client)
    assert na["nieuw"] == voor["nieuw"] + 1
    assert na["wacht"] == voor["wacht"] + 1
    assert na["te_laat"] == voor["te_laat"]
    assert na["verstuurd"] == voor["verstuurd"]
    nieuw = client.get(reverse("doorverwijzing:inbox"), {"tab": "nieuw"})
    assert concept.pk in {d.pk for d in nieuw.context["pagina"].object_list}

    # Ten days without a first response: overdue.
    Doorverwijzing.objects.filter(pk=concept.pk).update(verstuurd_op=timezone.now() - dt.timedelta(days=10))
    assert _aantallen(client)["te_laat"] == voor["te_laat"] + 1
    te_laat = client.get(reverse("doorverwijzing:inbox"), {"tab": "te_laat"})
    assert concept.pk in {d.pk for d in te_laat.context["pagina"].object_list}

    # Accepted: no longer new, now mine.
    doorverwijzing_overgang(
        doorverwijzing=concept, actie=Actie.AANVAARDEN, door=gebruikers["ontvanger"], verwachte_status="requested"
    )
    daarna = _aantallen(client)
    assert daarna["nieuw"] == voor["nieuw"] and daarna["te_laat"] == voor["te_laat"]
    assert daarna["mijn"] == voor["mijn"] + 1


def test_de_verwijzer_ziet_wat_hij_verstuurde_en_of_er_terugkoppeling_kwam(client, gebruikers, verstuurd):
    client.force_login(gebruikers["ontvanger"])
    client.post(
        reverse("doorverwijzing:terugkoppeling", args=[verstuurd.uuid]),
        {"terugkoppeling-tekst": "We hebben gebeld.", "terugkoppeling-persoon_gecontacteerd": "on"},
    )
    client.force_login(gebruikers["verwijzer"])
    antwoord = client.get(reverse("doorverwijzing:inbox"), {"tab": "verstuurd"})
    rij = next(d for d in antwoord.context["pagina"].object_list if d.pk == verstuurd.pk)
    assert rij.heeft_terugkoppeling
    assert rij.laatste_soort == GebeurtenisSoort.TERUGKOPPELING


def test_het_aantal_queries_van_de_inbox_groeit_niet_met_het_aantal_doorverwijzingen(
    client, gebruikers, caw_aanbod, django_assert_max_num_queries
):
    # 8: session, user, the menu's roles (one query), and the inbox's own queries.
    client.force_login(gebruikers["ontvanger"])
    for _ in range(2):
        _verstuur(maak_concept(gebruikers, caw_aanbod), gebruikers)
    with django_assert_max_num_queries(8):
        client.get(reverse("doorverwijzing:inbox"), {"tab": "nieuw"})
    for _ in range(10):
        _verstuur(maak_concept(gebruikers, caw_aanbod), gebruikers)
    with django_assert_max_num_queries(8):
        antwoord = client.get(reverse("doorverwijzing:inbox"), {"tab": "nieuw"})
    assert len(antwoord.context["pagina"].object_list) >= 12


# --- Transitions -----------------------------------------------------------------------------------


def _overgang(doorverwijzing, actie):
    return reverse("doorverwijzing:overgang", args=[doorverwijzing.uuid, actie])


def test_de_ontvanger_doorloopt_de_overgangen_via_de_paginas(client, gebruikers, verstuurd):
    client.force_login(gebruikers["ontvanger"])
    detail = reverse("doorverwijzing:detail", args=[verstuurd.uuid])
    assert _overgang(verstuurd, "aanvaarden") in client.get(detail).content.decode()

    bevestigen = client.get(_overgang(verstuurd, "aanvaarden"))
    assert bevestigen.status_code == 200
    assert bevestigen.content.decode().count("<h1") == 1
    antwoord = client.post(_overgang(verstuurd, "aanvaarden"), {"verwachte_status": "requested"})
    assert antwoord["Location"] == detail
    verstuurd.refresh_from_db()
    assert verstuurd.status == Status.ACCEPTED

    # On hold without a bridging plan: error next to the field, nothing changes.
    zonder_plan = client.post(
        _overgang(verstuurd, "in-wacht"), {"verwachte_status": "accepted", "reden": "geen_capaciteit"}
    )
    assert zonder_plan.status_code == 200
    assert "overbruggingsplan" in zonder_plan.context["form"].errors
    melding = zonder_plan.context["form"].errors["overbruggingsplan"][0]
    assert _fout_bij_veld(zonder_plan.content.decode(), melding, 'id="id_overbruggingsplan"')
    verstuurd.refresh_from_db()
    assert verstuurd.status == Status.ACCEPTED

    met_plan = client.post(
        _overgang(verstuurd, "in-wacht"),
        {
            "verwachte_status": "accepted",
            "reden": "geen_capaciteit",
            "verwachte_start": "2027-01-15",
            "overbruggingsplan": "Het Sociaal Huis belt wekelijks.",
            "overbrugging_door": "Maatschappelijk werker Sociaal Huis",
        },
    )
    assert met_plan.status_code == 302
    verstuurd.refresh_from_db()
    assert verstuurd.status == Status.ON_HOLD
    assert verstuurd.verwachte_start == dt.date(2027, 1, 15)

    client.post(_overgang(verstuurd, "starten"), {"verwachte_status": "on-hold"})
    verstuurd.refresh_from_db()
    assert verstuurd.status == Status.IN_PROGRESS

    zonder_uitkomst = client.post(_overgang(verstuurd, "afronden"), {"verwachte_status": "in-progress"})
    assert "uitkomst" in zonder_uitkomst.context["form"].errors
    client.post(_overgang(verstuurd, "afronden"), {"verwachte_status": "in-progress", "uitkomst": "geholpen"})
    verstuurd.refresh_from_db()
    assert verstuurd.status == Status.COMPLETED and verstuurd.uitkomst == "geholpen"
    assert Gebeurtenis.objects.filter(doorverwijzing=verstuurd, soort=GebeurtenisSoort.OVERGANG).count() == 5


def test_weigeren_met_reden_andere_vraagt_een_toelichting(client, gebruikers, verstuurd):
    client.force_login(gebruikers["ontvanger"])
    fout = client.post(_overgang(verstuurd, "weigeren"), {"verwachte_status": "requested", "reden": "andere"})
    assert _fout_bij_veld(fout.content.decode(), "Licht de reden 'andere' toe.", 'id="id_toelichting"')
    verstuurd.refresh_from_db()
    assert verstuurd.status == Status.REQUESTED


def test_een_verouderde_status_geeft_al_gewijzigd(client, gebruikers, verstuurd):
    doorverwijzing_overgang(doorverwijzing=verstuurd, actie=Actie.AANVAARDEN, door=gebruikers["ontvanger"])
    client.force_login(gebruikers["ontvanger"])
    antwoord = client.post(
        _overgang(verstuurd, "in-wacht"),
        {"verwachte_status": "requested", "reden": "geen_capaciteit", "overbruggingsplan": "Bellen."},
    )
    assert antwoord["Location"] == reverse("doorverwijzing:detail", args=[verstuurd.uuid])
    assert any("al gewijzigd door" in m for m in _meldingen(antwoord))
    verstuurd.refresh_from_db()
    assert verstuurd.status == Status.ACCEPTED


# Role × action on a sent referral (status "requested"): 200 = confirmation page, 404 = not for you / not now.
MATRIX = [
    ("verwijzer", "versturen", 404),
    ("verwijzer", "aanvaarden", 404),
    ("verwijzer", "weigeren", 404),
    ("verwijzer", "in-wacht", 404),
    ("verwijzer", "starten", 404),
    ("verwijzer", "afronden", 404),
    ("verwijzer", "annuleren", 200),
    ("verwijzer", "mislukt", 200),
    ("verwijzer", "foutief", 200),
    ("ontvanger", "versturen", 404),
    ("ontvanger", "aanvaarden", 200),
    ("ontvanger", "weigeren", 200),
    ("ontvanger", "in-wacht", 200),
    ("ontvanger", "starten", 404),
    ("ontvanger", "afronden", 404),
    ("ontvanger", "annuleren", 404),
    ("ontvanger", "mislukt", 200),
    ("ontvanger", "foutief", 200),
    ("ontvanger", "vliegen", 404),
    ("buitenstaander", "aanvaarden", 404),
    ("curator", "annuleren", 404),
    ("beheerder", "foutief", 404),
]


@pytest.mark.parametrize(("gebruiker", "actie", "verwacht"), MATRIX)
def test_rol_maal_actie(client, gebruikers, verstuurd, gebruiker, actie, verwacht):
    client.force_login(gebruikers[gebruiker])
    assert client.get(_overgang(verstuurd, actie)).status_code == verwacht


@pytest.mark.parametrize(
    ("gebruiker", "actie"),
    [("verwijzer", "aanvaarden"), ("ontvanger", "annuleren"), ("buitenstaander", "aanvaarden")],
)
def test_een_actie_van_de_andere_kant_posten_verandert_niets(client, gebruikers, verstuurd, gebruiker, actie):
    client.force_login(gebruikers[gebruiker])
    antwoord = client.post(_overgang(verstuurd, actie), {"verwachte_status": "requested", "reden": "niet_meer_nodig"})
    assert antwoord.status_code == 404
    verstuurd.refresh_from_db()
    assert verstuurd.status == Status.REQUESTED


def test_versturen_kan_enkel_de_verwijzer_bij_een_concept(client, gebruikers, concept):
    client.force_login(gebruikers["ontvanger"])
    assert client.get(_overgang(concept, "versturen")).status_code == 404
    client.force_login(gebruikers["verwijzer"])
    assert client.get(_overgang(concept, "versturen")).status_code == 200


# --- Access ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("gebruiker", ["buitenstaander", "curator", "beheerder"])
def test_buitenstaanders_krijgen_overal_404(client, gebruikers, verstuurd, gebruiker):
    client.force_login(gebruikers[gebruiker])
    urls = [
        reverse("doorverwijzing:detail", args=[verstuurd.uuid]),
        _overgang(verstuurd, "aanvaarden"),
        reverse("doorverwijzing:bericht", args=[verstuurd.uuid]),
        reverse("doorverwijzing:terugkoppeling", args=[verstuurd.uuid]),
        reverse("doorverwijzing:controleren", args=[verstuurd.uuid]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    bericht = client.post(reverse("doorverwijzing:bericht", args=[verstuurd.uuid]), {"bericht-tekst": "Hallo"})
    assert bericht.status_code == 404
    assert not Bericht.objects.filter(doorverwijzing=verstuurd).exists()
    assert verstuurd.pk not in {d.pk for d in client.get(reverse("doorverwijzing:inbox")).context["pagina"]}


def test_anonieme_bezoekers_moeten_aanmelden(client, caw_aanbod, verstuurd):
    urls = [
        reverse("doorverwijzing:inbox"),
        reverse("doorverwijzing:nieuw", args=[caw_aanbod.slug]),
        reverse("doorverwijzing:detail", args=[verstuurd.uuid]),
        _overgang(verstuurd, "aanvaarden"),
        reverse("doorverwijzing:bericht", args=[verstuurd.uuid]),
        reverse("doorverwijzing:controleren", args=[verstuurd.uuid]),
    ]
    for url in urls:
        antwoord = client.get(url)
        assert antwoord.status_code == 302, url
        assert antwoord["Location"].startswith(reverse("login") + "?next=")
    antwoord = client.post(reverse("doorverwijzing:terugkoppeling_vragen", args=[verstuurd.uuid]))
    assert antwoord.status_code == 302


# --- Messages and feedback -------------------------------------------------------------------------


def test_berichten_en_terugkoppeling_verschijnen_aan_de_andere_kant(client, gebruikers, verstuurd):
    detail = reverse("doorverwijzing:detail", args=[verstuurd.uuid])
    client.force_login(gebruikers["verwijzer"])
    leeg = client.post(reverse("doorverwijzing:bericht", args=[verstuurd.uuid]), {"bericht-tekst": "  "})
    assert leeg.status_code == 200 and "tekst" in leeg.context["form"].errors
    client.post(reverse("doorverwijzing:bericht", args=[verstuurd.uuid]), {"bericht-tekst": "Ze is bereikbaar na 14u."})
    vragen = client.post(reverse("doorverwijzing:terugkoppeling_vragen", args=[verstuurd.uuid]))
    assert vragen["Location"].startswith(detail)
    assert Gebeurtenis.objects.filter(doorverwijzing=verstuurd, soort=GebeurtenisSoort.TERUGKOPPELING_GEVRAAGD).exists()
    assert client.get(reverse("doorverwijzing:terugkoppeling", args=[verstuurd.uuid])).status_code == 404

    client.force_login(gebruikers["ontvanger"])
    assert "Ze is bereikbaar na 14u." in client.get(detail).content.decode()
    assert client.get(reverse("doorverwijzing:terugkoppeling_vragen", args=[verstuurd.uuid])).status_code == 405
    client.post(
        reverse("doorverwijzing:terugkoppeling", args=[verstuurd.uuid]),
        {"terugkoppeling-tekst": "Eerste gesprek gepland.", "terugkoppeling-volgende_stap": "Intake op 3/2"},
    )
    assert Terugkoppeling.objects.filter(doorverwijzing=verstuurd).count() == 1

    client.force_login(gebruikers["verwijzer"])
    html = client.get(detail).content.decode()
    assert "Eerste gesprek gepland." in html and "Intake op 3/2" in html


def test_wie_voor_meerdere_organisaties_werkt_kiest_namens_welke(client, gebruikers, caw_aanbod):
    verwijzer = gebruikers["verwijzer"]
    eigen = Medewerker.objects.get(user=verwijzer).organisatie
    andere = Organisatie.objects.exclude(pk=eigen.pk).exclude(pk=caw_aanbod.organisatie_id).first()
    Medewerker.objects.create(user=verwijzer, organisatie=andere)
    client.force_login(verwijzer)
    url = reverse("doorverwijzing:nieuw", args=[caw_aanbod.slug])

    html = client.get(f"{url}?stap=2").content.decode()
    assert 'type="radio" name="organisatie"' in html
    fout = client.post(f"{url}?stap=2", {"grond": "toestemming"})
    assert "organisatie" in fout.context["form"].errors
    antwoord = client.post(
        f"{url}?stap=2",
        {
            "organisatie": andere.pk,
            "grond": "toestemming",
            "vorm": "schriftelijk",
            "bevestigd_door_verwijzer": "on",
            "reikwijdte": "Hulpvraag",
            "gegeven_op": timezone.localdate().isoformat(),
        },
    )
    assert antwoord.status_code == 302
    assert client.session["warme_doorverwijzing"]["stappen"]["toestemming"]["organisatie"] == str(andere.pk)


def test_het_verloop_toont_de_status_in_gewone_woorden(client, gebruikers, verstuurd):
    client.force_login(gebruikers["verwijzer"])
    html = client.get(reverse("doorverwijzing:detail", args=[verstuurd.uuid])).content.decode()
    assert "Status gewijzigd: Verstuurd" in html
    assert ": requested" not in html
