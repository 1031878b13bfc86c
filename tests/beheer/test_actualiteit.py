"""The freshness round: checks and assignments (services), the dashboard counts, the work list and access."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from aanbod.beheer.actualiteit import selectie
from aanbod.beheer.actualiteit.services import aanbod_controleren, aanbod_toewijzen
from aanbod.constants import Capaciteit, MedewerkerRol
from aanbod.models import (
    Beheeractie,
    Controle,
    ControleMethode,
    Curator,
    Doelgroep,
    Medewerker,
    Openingsuur,
    Suggestie,
    SuggestieSoort,
    Toegangsweg,
    Voorstel,
)
from tests.factories import AanbodFactory, LocatieFactory, UserFactory

pytestmark = pytest.mark.django_db


def _curator(naam, *zones):
    user = UserFactory(username=naam)
    for z in zones:
        Curator.objects.create(user=user, zone=z)
    return user


@pytest.fixture
def curator(zone):
    return _curator("curator-a", zone)


@pytest.fixture
def collega(zone):
    return _curator("collega-a", zone)


@pytest.fixture
def andere_curator(andere_zone):
    return _curator("curator-b", andere_zone)


def aanbod_in(zone, **velden):
    aanbod = AanbodFactory(**velden)
    aanbod.werkingsgebied_zones.add(zone)
    return aanbod


def volledig_in(zone, **velden):
    """Aanbod with all critical fields, checked today, capacity fresh: no problems at all."""
    velden = {
        "telefoon": "014 00 00 00",
        "openingsuren_toelichting": "Op afspraak",
        "laatst_gecontroleerd_op": timezone.localdate(),
        "capaciteit": Capaciteit.PLAATS_VRIJ,
        "capaciteit_bijgewerkt_op": timezone.now(),
        **velden,
    }
    aanbod = aanbod_in(zone, **velden)
    aanbod.doelgroepen.add(Doelgroep.objects.first())
    aanbod.toegangswegen.add(Toegangsweg.objects.first())
    return aanbod


# --- Services: checks ----------------------------------------------------------------------------


def test_controleren_bewaart_een_controle_en_de_datum_op_het_aanbod(curator, zone):
    aanbod = aanbod_in(zone)
    controles = aanbod_controleren(
        aanbod_ids=[aanbod.pk], door=curator, methode=ControleMethode.TELEFOON, notitie="Onthaal gebeld"
    )
    aanbod.refresh_from_db()
    assert len(controles) == 1
    assert aanbod.laatst_gecontroleerd_op == timezone.localdate()
    assert aanbod.laatst_gecontroleerd_door == curator
    nieuwste = aanbod.controles.first()
    assert (nieuwste.datum, nieuwste.methode, nieuwste.notitie, nieuwste.door) == (
        aanbod.laatst_gecontroleerd_op,
        "telefoon",
        "Onthaal gebeld",
        curator,
    )
    # The check is in the record's history, by whom.
    laatste = aanbod.historiek.first()
    assert laatste.laatst_gecontroleerd_op == timezone.localdate()
    assert laatste.history_user == curator
    assert Beheeractie.objects.filter(actie="aanbod_gecontroleerd", uitgevoerd_door=curator).count() == 1


def test_controleren_in_bulk_schrijft_een_controle_per_aanbod(curator, zone):
    reeks = [aanbod_in(zone) for _ in range(3)]
    aanbod_controleren(aanbod_ids=[a.pk for a in reeks], door=curator, methode=ControleMethode.WEBSITE)
    assert Controle.objects.filter(aanbod__in=reeks, methode="website").count() == 3
    for aanbod in reeks:
        aanbod.refresh_from_db()
        assert aanbod.laatst_gecontroleerd_op == aanbod.controles.order_by("-datum").first().datum
    assert Beheeractie.objects.filter(actie="aanbod_gecontroleerd").count() == 1


def test_een_id_buiten_de_zone_weigert_de_hele_selectie_en_schrijft_niets(curator, zone, andere_zone):
    eigen = aanbod_in(zone)
    vreemd = aanbod_in(andere_zone)
    with pytest.raises(ValidationError):
        aanbod_controleren(aanbod_ids=[eigen.pk, vreemd.pk], door=curator, methode=ControleMethode.TELEFOON)
    eigen.refresh_from_db()
    assert eigen.laatst_gecontroleerd_op is None
    assert Controle.objects.count() == 0
    assert Beheeractie.objects.count() == 0


def test_een_laat_geregistreerde_oudere_controle_verschuift_de_datum_niet(curator, zone):
    aanbod = aanbod_in(zone)
    aanbod_controleren(aanbod_ids=[aanbod.pk], door=curator, methode=ControleMethode.TELEFOON)
    aanbod_controleren(
        aanbod_ids=[aanbod.pk],
        door=curator,
        methode=ControleMethode.TER_PLAATSE,
        datum=timezone.localdate() - dt.timedelta(days=30),
    )
    aanbod.refresh_from_db()
    assert aanbod.laatst_gecontroleerd_op == timezone.localdate()
    assert aanbod.controles.count() == 2


@pytest.mark.parametrize(
    ("methode", "datum"),
    [("bevestigingslink", None), ("onzin", None), ("telefoon", dt.date(2999, 1, 1))],
)
def test_controleren_weigert_een_ongeldige_methode_of_datum(curator, zone, methode, datum):
    aanbod = aanbod_in(zone)
    with pytest.raises(ValidationError):
        aanbod_controleren(aanbod_ids=[aanbod.pk], door=curator, methode=methode, datum=datum)
    assert Controle.objects.count() == 0


# --- Services: assignment ------------------------------------------------------------------------


def test_toewijzen_aan_een_collega_van_dezelfde_zone_en_terug_aan_niemand(curator, collega, zone):
    aanbod = aanbod_in(zone)
    assert aanbod_toewijzen(aanbod_ids=[aanbod.pk], aan=collega, door=curator) == 1
    aanbod.refresh_from_db()
    assert aanbod.toegewezen_aan == collega
    aanbod_toewijzen(aanbod_ids=[aanbod.pk], aan=None, door=curator)
    aanbod.refresh_from_db()
    assert aanbod.toegewezen_aan is None
    assert Beheeractie.objects.filter(actie="aanbod_toegewezen").count() == 2


def test_toewijzen_aan_een_curator_van_een_andere_zone_kan_niet(curator, andere_curator, zone):
    aanbod = aanbod_in(zone)
    with pytest.raises(ValidationError):
        aanbod_toewijzen(aanbod_ids=[aanbod.pk], aan=andere_curator, door=curator)
    aanbod.refresh_from_db()
    assert aanbod.toegewezen_aan is None


def test_toewijzen_van_aanbod_van_een_andere_zone_kan_niet(curator, andere_curator, andere_zone):
    vreemd = aanbod_in(andere_zone)
    with pytest.raises(ValidationError):
        aanbod_toewijzen(aanbod_ids=[vreemd.pk], aan=curator, door=curator)
    assert Beheeractie.objects.count() == 0


# --- Dashboard counts ----------------------------------------------------------------------------


def test_het_overzicht_telt_elk_probleem_in_een_paar_queries(curator, zone, andere_zone, django_assert_max_num_queries):
    volledig_in(zone)
    oud = volledig_in(zone, laatst_gecontroleerd_op=timezone.localdate() - dt.timedelta(days=200))
    volledig_in(zone, laatst_gecontroleerd_op=None)
    volledig_in(zone, telefoon="", email="")
    volledig_in(zone, openingsuren_toelichting="")  # no hours anywhere
    met_uren = volledig_in(zone, openingsuren_toelichting="")
    locatie = LocatieFactory(organisatie=met_uren.organisatie)
    met_uren.locaties.add(locatie)
    Openingsuur.objects.create(locatie=locatie, dag=1, van=dt.time(9), tot=dt.time(12))  # hours at its location
    zonder_doelgroep = volledig_in(zone)
    zonder_doelgroep.doelgroepen.clear()
    volledig_in(zone, capaciteit_bijgewerkt_op=timezone.now() - dt.timedelta(days=61))
    inactief = volledig_in(zone)
    inactief.organisatie.actief = False
    inactief.organisatie.save()
    Voorstel.objects.create(aanbod=oud, wijzigingen={}, ingediend_door=curator)
    Suggestie.objects.create(soort=SuggestieSoort.FOUT, aanbod=oud, zone=zone, beschrijving="Klopt niet meer")
    Suggestie.objects.create(soort=SuggestieSoort.ONTBREEKT, zone=andere_zone, beschrijving="Ergens anders")
    volledig_in(andere_zone, laatst_gecontroleerd_op=None)  # not in scope
    alleen_vlaanderen = AanbodFactory(werkingsgebied_vlaanderen=True)  # curated centrally
    assert alleen_vlaanderen not in selectie.aanbod_in_scope(curator, zone)

    with django_assert_max_num_queries(5):  # scope lookups, one aggregate, one count
        tellingen = selectie.tellingen(curator, zone)

    assert tellingen["totaal"] == 9
    assert tellingen["niet_gecontroleerd"] == 2
    assert tellingen["geen_contact"] == 1
    assert tellingen["geen_openingsuren"] == 1
    assert tellingen["geen_doelgroep"] == 1
    assert tellingen["ontbrekend"] == 3
    assert tellingen["capaciteit_oud"] == 1
    assert tellingen["organisatie_inactief"] == 1
    assert tellingen["organisaties_inactief"] == 1
    assert tellingen["voorstel_open"] == 1
    assert tellingen["suggesties_open"] == 1


# --- Access ----------------------------------------------------------------------------------------


PAGINAS = ["beheer:start", "beheer:werklijst", "beheer:meldingen"]


@pytest.mark.parametrize("naam", PAGINAS)
def test_anoniem_wordt_naar_aanmelden_gestuurd(client, naam):
    antwoord = client.get(reverse(naam))
    assert antwoord.status_code == 302
    assert antwoord.url.startswith(reverse("login"))


def _medewerker(rol):
    user = UserFactory(username=f"mw-{rol}")
    Medewerker.objects.create(user=user, organisatie=AanbodFactory().organisatie, rol=rol)
    return user


def test_een_redacteur_gaat_van_het_overzicht_naar_mijn_aanbod(client):
    client.force_login(_medewerker(MedewerkerRol.REDACTEUR))
    antwoord = client.get(reverse("beheer:start"))
    assert antwoord.status_code == 302
    assert antwoord.url == reverse("beheer:mijn_aanbod")


@pytest.mark.parametrize(
    ("rol", "naam"),
    [(rol, naam) for rol in MedewerkerRol.values for naam in PAGINAS if (rol, naam) != ("redacteur", "beheer:start")],
)
def test_wie_geen_curator_is_krijgt_403(client, zone, rol, naam):
    client.force_login(_medewerker(rol))
    assert client.get(reverse(naam)).status_code == 403
    aanbod = aanbod_in(zone)
    assert client.get(reverse("beheer:controleren", args=[aanbod.slug])).status_code == 403
    assert client.post(reverse("beheer:werklijst"), {"actie": "mij", "aanbod": [aanbod.pk]}).status_code == 403


def test_een_curator_van_een_andere_zone_krijgt_404(client, curator, andere_zone):
    vreemd = aanbod_in(andere_zone)
    melding = Suggestie.objects.create(soort=SuggestieSoort.FOUT, zone=andere_zone, beschrijving="Andere zone")
    client.force_login(curator)
    assert client.get(reverse("beheer:start"), {"zone": andere_zone.code}).status_code == 404
    assert client.get(reverse("beheer:werklijst"), {"zone": andere_zone.code}).status_code == 404
    assert client.get(reverse("beheer:meldingen"), {"zone": andere_zone.code}).status_code == 404
    assert client.get(reverse("beheer:controleren", args=[vreemd.slug])).status_code == 404
    assert client.post(reverse("beheer:controleren", args=[vreemd.slug]), {"methode": "telefoon"}).status_code == 404
    assert client.get(reverse("beheer:melding", args=[melding.pk])).status_code == 404
    assert Controle.objects.count() == 0


def test_een_curator_met_twee_zones_kiest_de_zone(client, zone, andere_zone):
    user = _curator("twee-zones", zone, andere_zone)
    aanbod_in(andere_zone, naam="Aanbod van de tweede zone")
    client.force_login(user)
    html = client.get(reverse("beheer:start")).content.decode()
    assert 'name="zone"' in html and andere_zone.weergavenaam in html
    lijst = client.get(reverse("beheer:werklijst"), {"zone": andere_zone.code}).content.decode()
    assert "Aanbod van de tweede zone" in lijst


# --- Pages -----------------------------------------------------------------------------------------


def test_het_overzicht_linkt_elke_telling_naar_de_gefilterde_werklijst(client, curator, zone):
    volledig_in(zone, laatst_gecontroleerd_op=None)
    client.force_login(curator)
    antwoord = client.get(reverse("beheer:start"))
    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert f"/beheer/werklijst/?zone={zone.code}&amp;probleem=niet_gecontroleerd" in html


def test_werklijst_filtert_op_probleem_en_toewijzing(client, curator, zone):
    oud = volledig_in(zone, naam="Oud aanbod", laatst_gecontroleerd_op=None)
    volledig_in(zone, naam="Vers aanbod")
    client.force_login(curator)
    html = client.get(reverse("beheer:werklijst"), {"probleem": "niet_gecontroleerd"}).content.decode()
    assert "Oud aanbod" in html and "Vers aanbod" not in html
    aanbod_toewijzen(aanbod_ids=[oud.pk], aan=curator, door=curator)
    mij = client.get(reverse("beheer:werklijst"), {"toegewezen": "mij"}).content.decode()
    assert "Oud aanbod" in mij and "Vers aanbod" not in mij
    niemand = client.get(reverse("beheer:werklijst"), {"toegewezen": "niemand"}).content.decode()
    assert "Oud aanbod" not in niemand and "Vers aanbod" in niemand


def test_werklijst_bulk_gecontroleerd(client, curator, zone):
    reeks = [volledig_in(zone, laatst_gecontroleerd_op=None) for _ in range(2)]
    client.force_login(curator)
    antwoord = client.post(
        reverse("beheer:werklijst"),
        {
            "zone": zone.code,
            "probleem": "niet_gecontroleerd",
            "actie": "gecontroleerd",
            "aanbod": [a.pk for a in reeks],
            "methode": "telefoon",
            "notitie": "Rondje bellen",
        },
    )
    assert antwoord.status_code == 302
    assert "probleem=niet_gecontroleerd" in antwoord.url
    assert Controle.objects.filter(notitie="Rondje bellen", door=curator).count() == 2


def test_werklijst_fouten_staan_in_het_nederlands_en_er_wordt_niets_geschreven(client, curator, zone, andere_zone):
    eigen = aanbod_in(zone)
    vreemd = aanbod_in(andere_zone)
    client.force_login(curator)
    zonder_methode = client.post(reverse("beheer:werklijst"), {"actie": "gecontroleerd", "aanbod": [eigen.pk]})
    assert zonder_methode.status_code == 400
    assert "Kies hoe je het aanbod controleerde." in zonder_methode.content.decode()
    buiten = client.post(
        reverse("beheer:werklijst"), {"actie": "gecontroleerd", "methode": "telefoon", "aanbod": [eigen.pk, vreemd.pk]}
    )
    assert buiten.status_code == 400
    assert "eigen zones" in buiten.content.decode()
    niets = client.post(reverse("beheer:werklijst"), {"actie": "mij"})
    assert niets.status_code == 400
    assert "Vink minstens één aanbod aan." in niets.content.decode()
    assert Controle.objects.count() == 0


def test_een_aanbod_apart_controleren(client, curator, zone):
    aanbod = aanbod_in(zone)
    client.force_login(curator)
    assert client.get(reverse("beheer:controleren", args=[aanbod.slug])).status_code == 200
    fout = client.post(reverse("beheer:controleren", args=[aanbod.slug]), {"notitie": "x"})
    assert fout.status_code == 400
    antwoord = client.post(
        reverse("beheer:controleren", args=[aanbod.slug]), {"methode": "ter_plaatse", "notitie": "Bezocht"}
    )
    assert antwoord.status_code == 302
    aanbod.refresh_from_db()
    assert aanbod.laatst_gecontroleerd_op == timezone.localdate()
    # The public page shows the date.
    publiek = client.get(reverse("aanbod:aanbod", args=[aanbod.slug])).content.decode()
    assert "Laatst gecontroleerd op" in publiek


def test_werklijst_toewijzen_aan_een_collega_en_filteren_op_die_collega(client, curator, collega, zone):
    nooit = volledig_in(zone, naam="Nooit gecontroleerd", laatst_gecontroleerd_op=None)
    oud = volledig_in(zone, naam="Lang geleden", laatst_gecontroleerd_op=dt.date(2020, 1, 1))
    client.force_login(curator)
    html = client.get(reverse("beheer:werklijst")).content.decode()
    assert html.index("Nooit gecontroleerd") < html.index("Lang geleden")  # never checked comes first
    assert f'<option value="{collega.pk}"' in html
    antwoord = client.post(reverse("beheer:werklijst"), {"actie": "collega", "collega": collega.pk, "aanbod": [oud.pk]})
    assert antwoord.status_code == 302
    oud.refresh_from_db()
    nooit.refresh_from_db()
    assert (oud.toegewezen_aan, nooit.toegewezen_aan) == (collega, None)
    lijst = client.get(reverse("beheer:werklijst"), {"toegewezen": collega.pk}).content.decode()
    assert "Lang geleden" in lijst and "Nooit gecontroleerd" not in lijst
    zonder = client.post(reverse("beheer:werklijst"), {"actie": "collega", "aanbod": [oud.pk]})
    assert zonder.status_code == 400
    assert "Kies aan welke collega" in zonder.content.decode()
