"""/beheer/hiaten/: coverage matrix, capacity over time, refusals, signals, CSV, PDF and who may see it."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aanbod.beheer.hiaten import bronnen
from aanbod.beheer.hiaten.export import veilige_cel
from aanbod.beheer.hiaten.services import capaciteit_sinds, dekkingsmatrix, maak_rapport
from aanbod.constants import AanbodStatus, Capaciteit, MedewerkerRol
from aanbod.models import (
    Aanbod,
    Curator,
    Eerstelijnszone,
    Gemeente,
    Medewerker,
    Suggestie,
    SuggestieSoort,
    SuggestieStatus,
    ZoneLidmaatschap,
)
from tests.factories import AanbodFactory, OndersteuningsvormFactory, OrganisatieFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("beheer:hiaten")

# Five municipalities of the Kempen (reference data); the test zone takes two of them.
TURNHOUT, BEERSE, VOSSELAAR, RAVELS, ARENDONK = "13040", "13004", "13046", "13035", "13001"


def _zone(code: str, nis_codes: list[str]) -> Eerstelijnszone:
    zone = Eerstelijnszone.objects.create(code=code, naam=f"Zone {code}", weergavenaam=f"ELZ {code}")
    for nis in nis_codes:
        ZoneLidmaatschap.objects.create(zone=zone, gemeente=Gemeente.objects.get(nis_code=nis))
    return zone


@pytest.fixture
def zone():
    return _zone("testzone", [TURNHOUT, BEERSE])


@pytest.fixture
def curator(zone):
    user = UserFactory(username="testcurator")
    Curator.objects.create(user=user, zone=zone)
    return user


def _aanbod(*, vorm, gemeenten=(), zones=(), datum=None, **velden) -> Aanbod:
    aanbod = AanbodFactory.build(ondersteuningsvorm=vorm, **velden)
    if datum:
        # simple-history dates its rows with this instead of now (the creation and the m2m changes).
        aanbod._history_date = datum
    aanbod.organisatie.save()
    aanbod.organisatie = aanbod.organisatie  # refresh the cached id after saving the organisation
    aanbod.save()
    if gemeenten:
        aanbod.werkingsgebied_gemeenten.set(Gemeente.objects.filter(nis_code__in=gemeenten))
    if zones:
        aanbod.werkingsgebied_zones.set(zones)
    return aanbod


def _cellen(matrix, vorm) -> dict[str, int]:
    rij = next(r for r in matrix if r.vorm == vorm)
    return {cel.gemeente.nis_code: cel.aantal for cel in rij.cellen}


# --- coverage matrix ---------------------------------------------------------------------------------


def test_matrix_telt_wie_de_inwoners_bedient_zoals_de_zoekfunctie(zone):
    enkel_turnhout, nergens, vlaanderen, hele_zone, buurzone = (OndersteuningsvormFactory() for _ in range(5))
    _aanbod(vorm=enkel_turnhout, gemeenten=[TURNHOUT])
    _aanbod(vorm=enkel_turnhout, gemeenten=[BEERSE], status=AanbodStatus.STOPGEZET)  # stopped: does not count
    niet_actief = OrganisatieFactory(actief=False)
    _aanbod(vorm=enkel_turnhout, gemeenten=[BEERSE], organisatie=niet_actief)  # inactive organisation
    _aanbod(vorm=nergens, gemeenten=[VOSSELAAR])  # outside the zone
    _aanbod(vorm=vlaanderen, werkingsgebied_vlaanderen=True)
    _aanbod(vorm=vlaanderen, werkingsgebied_vlaanderen=True)
    _aanbod(vorm=hele_zone, zones=[zone])
    # Another zone that also holds Beerse (municipalities may belong to several zones in this test):
    # its aanbod serves Beerse's residents, not Turnhout's.
    andere = _zone("buurzone", [BEERSE, RAVELS])
    _aanbod(vorm=buurzone, zones=[andere])

    gemeenten, matrix = dekkingsmatrix(zone)

    assert [g.nis_code for g in gemeenten] == [BEERSE, TURNHOUT]  # by name
    assert _cellen(matrix, enkel_turnhout) == {TURNHOUT: 1, BEERSE: 0}
    assert _cellen(matrix, nergens) == {TURNHOUT: 0, BEERSE: 0}
    assert _cellen(matrix, vlaanderen) == {TURNHOUT: 2, BEERSE: 2}
    assert _cellen(matrix, hele_zone) == {TURNHOUT: 1, BEERSE: 1}
    assert _cellen(matrix, buurzone) == {TURNHOUT: 0, BEERSE: 1}
    # The same rule as the search, cell by cell.
    for rij in matrix:
        if rij.vorm in (enkel_turnhout, nergens, vlaanderen, hele_zone, buurzone):
            for cel in rij.cellen:
                verwacht = Aanbod.objects.actief().voor_gemeente(cel.gemeente).filter(ondersteuningsvorm=rij.vorm)
                assert cel.aantal == verwacht.count(), (rij.vorm, cel.gemeente)


def test_matrix_toont_enkel_actieve_ondersteuningsvormen_en_lijst_zonder_aanbieder(zone, curator):
    vorm = OndersteuningsvormFactory(naam="Aaa gedekte vorm")
    oud = OndersteuningsvormFactory(naam="Aaa oude vorm", actief=False)
    _aanbod(vorm=vorm, gemeenten=[TURNHOUT])

    rapport = maak_rapport(zone=zone, user=curator)

    assert oud not in [rij.vorm for rij in rapport.matrix]
    turnhout, beerse = Gemeente.objects.get(nis_code=TURNHOUT), Gemeente.objects.get(nis_code=BEERSE)
    assert vorm not in rapport.zonder_aanbieder[turnhout]
    assert vorm in rapport.zonder_aanbieder[beerse]
    assert rapport.gaten == sum(len(v) for v in rapport.zonder_aanbieder.values())


def test_pagina_toont_geen_aanbod_met_tekst_en_niet_enkel_kleur(client, zone, curator):
    vorm = OndersteuningsvormFactory(naam="Testvorm met hiaat")
    _aanbod(vorm=vorm, gemeenten=[TURNHOUT])
    client.force_login(curator)

    antwoord = client.get(URL)

    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert "Testvorm met hiaat" in inhoud
    assert 'class="geen"><span aria-hidden="true">✗</span> geen aanbod' in inhoud
    assert "Ondersteuningsvormen zonder aanbieder" in inhoud
    assert "<svg" in inhoud and '<title id="hiaten-gc-titel">' in inhoud and "<desc" in inhoud


# --- capacity and its history ------------------------------------------------------------------------


def test_duur_van_wachtlijst_komt_uit_de_geschiedenis(zone):
    nu = timezone.now()
    vorm = OndersteuningsvormFactory()
    aanbod = _aanbod(
        vorm=vorm,
        gemeenten=[TURNHOUT],
        datum=nu - dt.timedelta(days=200),
        capaciteit=Capaciteit.PLAATS_VRIJ,
        capaciteit_bijgewerkt_op=nu - dt.timedelta(days=200),
    )
    for dagen, weken in ((100, 8), (40, 10)):  # onto the waiting list, then only the waiting time changes
        aanbod._history_date = nu - dt.timedelta(days=dagen)
        aanbod.capaciteit, aanbod.wachttijd_weken = Capaciteit.WACHTLIJST, weken
        aanbod.capaciteit_bijgewerkt_op = nu - dt.timedelta(days=dagen)
        aanbod.save()
    zonder_historiek = _aanbod(
        vorm=vorm,
        gemeenten=[TURNHOUT],
        capaciteit=Capaciteit.VOLZET,
        wachttijd_weken=6,
        capaciteit_bijgewerkt_op=nu - dt.timedelta(days=20),
    )
    zonder_historiek.historiek.all().delete()
    # A write that bypassed the history: its last row says otherwise, so the record's date counts.
    omzeild = _aanbod(
        vorm=vorm,
        gemeenten=[TURNHOUT],
        datum=nu - dt.timedelta(days=300),
        capaciteit=Capaciteit.PLAATS_VRIJ,
        capaciteit_bijgewerkt_op=nu - dt.timedelta(days=300),
    )
    Aanbod.objects.filter(pk=omzeild.pk).update(
        capaciteit=Capaciteit.VOLZET, capaciteit_bijgewerkt_op=nu - dt.timedelta(days=5)
    )
    omzeild.refresh_from_db()

    sinds = capaciteit_sinds([aanbod, zonder_historiek, omzeild])

    assert sinds[aanbod.pk] == nu - dt.timedelta(days=100)
    assert sinds[zonder_historiek.pk] == nu - dt.timedelta(days=20)
    assert sinds[omzeild.pk] == nu - dt.timedelta(days=5)


def test_verloop_per_maand_uit_de_geschiedenis(zone, curator):
    nu = timezone.now()
    vorm = OndersteuningsvormFactory()
    aangemaakt, wachtlijst_vanaf = nu - dt.timedelta(days=200), nu - dt.timedelta(days=100)
    aanbod = _aanbod(
        vorm=vorm,
        gemeenten=[TURNHOUT],
        datum=aangemaakt,
        capaciteit=Capaciteit.PLAATS_VRIJ,
        capaciteit_bijgewerkt_op=aangemaakt,
    )
    aanbod._history_date = wachtlijst_vanaf
    aanbod.capaciteit, aanbod.wachttijd_weken, aanbod.capaciteit_bijgewerkt_op = (
        Capaciteit.WACHTLIJST,
        10,
        wachtlijst_vanaf,
    )
    aanbod.save()
    volzet_vanaf = nu - dt.timedelta(days=20)
    zonder_historiek = _aanbod(
        vorm=vorm,
        gemeenten=[BEERSE],
        capaciteit=Capaciteit.VOLZET,
        wachttijd_weken=6,
        capaciteit_bijgewerkt_op=volzet_vanaf,
    )
    zonder_historiek.historiek.all().delete()
    Aanbod.objects.filter(pk=zonder_historiek.pk).update(aangemaakt_op=nu - dt.timedelta(days=400))
    gestopt = _aanbod(
        vorm=vorm,
        gemeenten=[TURNHOUT],
        datum=aangemaakt,
        capaciteit=Capaciteit.VOLZET,
        capaciteit_bijgewerkt_op=aangemaakt,
    )
    gestopt._history_date = wachtlijst_vanaf
    gestopt.status = AanbodStatus.STOPGEZET
    gestopt.save()

    rapport = maak_rapport(zone=zone, user=curator, nu=nu)

    assert len(rapport.verloop) == 12
    for maand in rapport.verloop:
        verwacht = dict.fromkeys(["volzet", "wachtlijst", "beperkt", "plaats_vrij", "onbekend"], 0)
        if aangemaakt < maand.einde:
            verwacht["wachtlijst" if wachtlijst_vanaf < maand.einde else "plaats_vrij"] += 1
            if maand.einde <= wachtlijst_vanaf:
                verwacht["volzet"] += 1  # the stopped one, while it still ran
        verwacht["volzet" if volzet_vanaf < maand.einde else "onbekend"] += 1
        assert maand.aantallen == verwacht, maand.label
    laatste = rapport.verloop[-1]
    assert laatste.einde == nu
    assert laatste.gemiddelde_wachttijd == 8.0  # (10 + 6) / 2
    assert rapport.verloop[0].gemiddelde_wachttijd is None
    assert [k.aanbod for k in rapport.krapte] == sorted([aanbod, zonder_historiek], key=lambda a: a.naam)


# --- refusals from referrals (extension point) ---------------------------------------------------------


def test_zonder_bron_zegt_het_rapport_dat_er_geen_gegevens_zijn(zone, curator, monkeypatch):
    monkeypatch.setattr(bronnen, "_bronnen", [])
    vorm = OndersteuningsvormFactory()
    _aanbod(vorm=vorm, gemeenten=[TURNHOUT], capaciteit=Capaciteit.VOLZET, capaciteit_bijgewerkt_op=timezone.now())

    rapport = maak_rapport(zone=zone, user=curator)

    assert rapport.weigeringen_per_vorm is None and rapport.weigeringen_totaal is None
    assert rapport.krapte[0].weigeringen is None


def test_geregistreerde_bron_telt_per_aanbod_en_per_ondersteuningsvorm(zone, curator, monkeypatch):
    vorm = OndersteuningsvormFactory(naam="Vorm met weigeringen")
    a1 = _aanbod(vorm=vorm, gemeenten=[TURNHOUT], capaciteit=Capaciteit.VOLZET, capaciteit_bijgewerkt_op=timezone.now())
    a2 = _aanbod(vorm=vorm, gemeenten=[BEERSE])
    buiten = _aanbod(vorm=vorm, gemeenten=[VOSSELAAR])
    gevraagd = {}

    def bron(ids, van, tot):
        gevraagd.update(ids=set(ids), van=van, tot=tot)
        return {a1.pk: 3, a2.pk: 1, buiten.pk: 9}  # a source may answer more than asked: only ids asked count

    monkeypatch.setattr(bronnen, "_bronnen", [])
    bronnen.register_bron(bron)
    bronnen.register_bron(bron)  # idempotent

    rapport = maak_rapport(zone=zone, user=curator)

    assert buiten.pk not in gevraagd["ids"] and {a1.pk, a2.pk} <= gevraagd["ids"]
    assert gevraagd["van"] == rapport.van and gevraagd["tot"] == rapport.nu
    assert rapport.weigeringen_per_vorm == [("Vorm met weigeringen", 4)]
    assert rapport.weigeringen_totaal == 4
    assert dict(rapport.weigeringen_per_aanbod) == {a1: 3, a2: 1}
    assert rapport.krapte[0].weigeringen == 3


# --- missing-aanbod signals ----------------------------------------------------------------------------


def test_open_meldingen_aanbod_ontbreekt_van_de_zone(zone, curator):
    andere = _zone("anderezone", [ARENDONK])
    Suggestie.objects.create(soort=SuggestieSoort.ONTBREEKT, zone=zone, zoekvraag="rouwgroep", beschrijving="x")
    Suggestie.objects.create(
        soort=SuggestieSoort.ONTBREEKT,
        zone=zone,
        zoekvraag="budgetcursus",
        beschrijving="x",
        status=SuggestieStatus.IN_BEHANDELING,
    )
    Suggestie.objects.create(
        soort=SuggestieSoort.ONTBREEKT,
        zone=zone,
        zoekvraag="afgehandeld",
        beschrijving="x",
        status=SuggestieStatus.AFGEHANDELD,
    )
    Suggestie.objects.create(soort=SuggestieSoort.FOUT, zone=zone, zoekvraag="fout", beschrijving="x")
    Suggestie.objects.create(soort=SuggestieSoort.ONTBREEKT, zone=andere, zoekvraag="elders", beschrijving="x")

    rapport = maak_rapport(zone=zone, user=curator)

    assert sorted(m.zoekvraag for m in rapport.meldingen) == ["budgetcursus", "rouwgroep"]


# --- CSV -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [
        ("=1+1", "'=1+1"),
        ("+32 14", "'+32 14"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("gewoon", "gewoon"),
        (3, "3"),
        (None, ""),
    ],
)
def test_csv_cel_wordt_geen_formule(waarde, verwacht):
    assert veilige_cel(waarde) == verwacht


def test_csv_download_met_bom_puntkomma_en_ontsmette_cellen(client, zone, curator):
    vorm = OndersteuningsvormFactory(naam='=HYPERLINK("http://x")')
    _aanbod(
        vorm=vorm,
        gemeenten=[TURNHOUT],
        naam="@gevaarlijk aanbod",
        capaciteit=Capaciteit.WACHTLIJST,
        wachttijd_weken=12,
        capaciteit_bijgewerkt_op=timezone.now() - dt.timedelta(days=3),
    )
    Suggestie.objects.create(soort=SuggestieSoort.ONTBREEKT, zone=zone, zoekvraag="-rouw; verdriet", beschrijving="y")
    client.force_login(curator)

    antwoord = client.get(URL, {"formaat": "csv"})

    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("text/csv")
    assert "attachment" in antwoord["Content-Disposition"]
    inhoud = antwoord.content.decode("utf-8")
    assert inhoud.startswith("\ufeff")
    rijen = list(csv.reader(io.StringIO(inhoud[1:]), delimiter=";"))
    assert rijen[0][:2] == ["Hiatenrapport", "ELZ testzone"]
    assert ["Turnhout", TURNHOUT, '\'=HYPERLINK("http://x")', "1", "ja"] in rijen
    assert ["Beerse", BEERSE, '\'=HYPERLINK("http://x")', "0", "geen aanbod"] in rijen
    krap = next(r for r in rijen if r and r[0] == "'@gevaarlijk aanbod")
    assert krap[3:5] == ["Wachtlijst", "12"] and krap[6] == "3"
    assert any(r[2:3] == ["'-rouw; verdriet"] for r in rijen if len(r) > 2)
    assert "Capaciteit per maand (aantal aanbod)" in inhoud


# --- PDF -----------------------------------------------------------------------------------------------


def test_pdf_rapport(client, zone, curator):
    _aanbod(
        vorm=OndersteuningsvormFactory(),
        gemeenten=[TURNHOUT],
        capaciteit=Capaciteit.VOLZET,
        capaciteit_bijgewerkt_op=timezone.now(),
    )
    client.force_login(curator)

    antwoord = client.get(reverse("beheer:hiaten_pdf"))

    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"
    assert antwoord.content.startswith(b"%PDF")


# --- who may see it ------------------------------------------------------------------------------------


def test_andere_zone_is_404_eigen_tweede_zone_kan(client, zone, curator):
    _zone("vreemdezone", [VOSSELAAR])
    tweede = _zone("tweedezone", [RAVELS])
    Curator.objects.create(user=curator, zone=tweede)
    client.force_login(curator)

    assert client.get(URL, {"zone": "vreemdezone"}).status_code == 404
    assert client.get(reverse("beheer:hiaten_pdf"), {"zone": "vreemdezone"}).status_code == 404
    assert client.get(URL, {"zone": "vreemdezone", "formaat": "csv"}).status_code == 404
    antwoord = client.get(URL, {"zone": "tweedezone"})
    assert antwoord.status_code == 200 and antwoord.context["zone"] == tweede
    assert client.get(URL).context["zone"] == zone  # the first of the curator's zones by name ("Zone testzone")


@pytest.mark.parametrize("rol", [MedewerkerRol.REDACTEUR, MedewerkerRol.HULPVERLENER])
@pytest.mark.parametrize("naam", ["hiaten", "hiaten_pdf"])
def test_redacteur_en_hulpverlener_krijgen_403(client, rol, naam):
    user = UserFactory(username=f"medewerker-{rol}")
    Medewerker.objects.create(user=user, organisatie=OrganisatieFactory(), rol=rol)
    client.force_login(user)
    assert client.get(reverse(f"beheer:{naam}")).status_code == 403


@pytest.mark.parametrize("naam", ["hiaten", "hiaten_pdf"])
def test_anoniem_moet_aanmelden(client, naam):
    antwoord = client.get(reverse(f"beheer:{naam}"))
    assert antwoord.status_code == 302
    assert reverse("login") in antwoord["Location"]


# --- bounded number of queries -------------------------------------------------------------------------


def test_aantal_queries_hangt_niet_af_van_het_aantal_gemeenten(client, django_assert_max_num_queries):
    klein = _zone("kleinezone", [TURNHOUT])
    groot = _zone("grotezone", [TURNHOUT, BEERSE, VOSSELAAR, RAVELS, ARENDONK])
    user = UserFactory(username="tweezonecurator")
    Curator.objects.create(user=user, zone=klein)
    Curator.objects.create(user=user, zone=groot)
    vorm = OndersteuningsvormFactory()
    for nis in (TURNHOUT, BEERSE, VOSSELAAR):
        _aanbod(vorm=vorm, gemeenten=[nis], capaciteit=Capaciteit.VOLZET, capaciteit_bijgewerkt_op=timezone.now())
    Suggestie.objects.create(soort=SuggestieSoort.ONTBREEKT, zone=groot, zoekvraag="iets", beschrijving="x")
    client.force_login(user)

    client.get(URL, {"zone": "kleinezone"})  # warm-up: first-request work (session, caches) is not the report's
    tellingen = []
    for code in ("kleinezone", "grotezone"):
        with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(25):
            assert client.get(URL, {"zone": code}).status_code == 200
        tellingen.append([q["sql"][:60] for q in queries])
    assert len(tellingen[0]) == len(tellingen[1]), tellingen
