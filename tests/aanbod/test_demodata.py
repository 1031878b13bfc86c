"""The Kempen demo data: counts, fictitious markings, valid identifiers, geography, coverage, users, idempotence."""

from datetime import timedelta

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.db.models import Max, Min, Q
from django.utils import timezone
from stdnum.be import vat

from aanbod.constants import AanbodStatus, Capaciteit, MedewerkerRol, OrganisatieSoort, Taal, Weekdag
from aanbod.demodata import CENTRUM, DEMO_GEBRUIKERS, KEMPEN_ZONES, laad_demodata, maak_plan
from aanbod.demodata.bouwstenen import FICTIEF, afstand_m
from aanbod.demodata.plan import Kaart
from aanbod.models import (
    Aanbod,
    Curator,
    Eerstelijnszone,
    Gemeente,
    Locatie,
    Medewerker,
    Ondersteuningsvorm,
    Openingsuur,
    Organisatie,
    PostPlaats,
)

SNELLE_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demodata):
    return demodata


@pytest.fixture
def zones(demo):
    return {z.code: z for z in Eerstelijnszone.objects.filter(code__in=KEMPEN_ZONES)}


def test_de_demo_heeft_genoeg_organisaties_en_aanbod(demo):
    assert Organisatie.objects.count() >= 130
    assert Aanbod.objects.count() >= 420
    assert demo.tellingen["organisaties"].aangemaakt == Organisatie.objects.count()
    assert demo.tellingen["aanbod"].aangemaakt == Aanbod.objects.count()
    assert demo.tellingen["locaties"].aangemaakt == Locatie.objects.count()


def test_alles_is_als_fictief_gemarkeerd_en_zegt_dat_ook(demo):
    assert not Organisatie.objects.filter(is_fictief=False).exists()
    assert not Aanbod.objects.filter(is_fictief=False).exists()
    assert not Aanbod.objects.exclude(beschrijving__endswith=FICTIEF).exists()
    assert not Organisatie.objects.exclude(beschrijving__endswith=FICTIEF).exists()


def test_kbo_nummers_zijn_geldig_uniek_en_compact(demo):
    nummers = list(Organisatie.objects.exclude(kbo_nummer=None).values_list("kbo_nummer", flat=True))
    assert len(nummers) >= 120
    assert len(set(nummers)) == len(nummers)
    for nummer in nummers:
        assert vat.is_valid(nummer), nummer
        assert nummer.isdigit() and len(nummer) == 10 and nummer.startswith("0")
        assert int(nummer[8:]) == 97 - int(nummer[:8]) % 97
    # Only departments (with a hoofdorganisatie) go without a number of their own.
    assert not Organisatie.objects.filter(kbo_nummer=None, hoofdorganisatie=None).exists()


def test_demogegevens_doorstaan_de_validatie_van_de_modellen(demo):
    # Bulk inserts skip full_clean(); the admin does not, so every row must pass it (uniqueness and
    # check constraints are already enforced by the database).
    for model in (Organisatie, Locatie, Aanbod, Openingsuur):
        for rij in model.objects.all():
            rij.full_clean(validate_unique=False, validate_constraints=False)


def test_contactgegevens_zijn_zichtbaar_verzonnen(demo):
    for model in (Organisatie, Aanbod):
        assert not model.objects.exclude(email__endswith=".example").exists()
        assert not model.objects.exclude(website__contains=".example").exists()
    hulplijnen = Q(organisatie__soort=OrganisatieSoort.HULPLIJN)
    assert not Aanbod.objects.exclude(hulplijnen).exclude(telefoon__startswith="014 99 ").exists()
    telefoons = Organisatie.objects.exclude(soort=OrganisatieSoort.HULPLIJN).values_list("telefoon", flat=True)
    assert len(set(telefoons)) == len(telefoons)
    assert set(Aanbod.objects.filter(hulplijnen).values_list("telefoon", flat=True)) == {"106", "1813", "102", "1712"}
    assert Aanbod.objects.exclude(hulplijnen).filter(contactpersoon__regex=r"^\w+ [A-Z]\.$").count() == (
        Aanbod.objects.exclude(hulplijnen).count()
    )


def test_locaties_liggen_op_een_echte_postcode_van_hun_gemeente_en_dichtbij(demo):
    locaties = Locatie.objects.select_related("gemeente")
    assert locaties.count() >= 150
    for locatie in locaties:
        plaatsen = PostPlaats.objects.filter(gemeente=locatie.gemeente, postcode=locatie.postcode)
        assert plaatsen.exists(), f"{locatie}: {locatie.postcode} hoort niet bij {locatie.gemeente}"
        afstand = min(afstand_m(locatie.latitude, locatie.longitude, p.latitude, p.longitude) for p in plaatsen)
        assert afstand <= 3000, f"{locatie} ligt {afstand:.0f} m van zijn postplaats"
        assert locatie.gemeente.lidmaatschappen.filter(zone__code__in=KEMPEN_ZONES).exists()


def test_locaties_varieren_in_toegankelijkheid_en_vermelden_de_bus(demo):
    assert set(Locatie.objects.values_list("rolstoeltoegankelijk", flat=True)) == {True, False, None}
    assert not Locatie.objects.exclude(openbaar_vervoer__startswith="Bushalte De Lijn").exists()


def test_werkingsgebied_staat_los_van_de_locaties(demo):
    cgg = Aanbod.objects.filter(organisatie__slug="cgg-kempen", slug__endswith="volwassenen").get()
    assert set(cgg.werkingsgebied_zones.values_list("code", flat=True)) == set(KEMPEN_ZONES)
    assert cgg.locaties.count() == 4
    schuldbemiddeling = Aanbod.objects.get(slug="sociaal-huis-geel-schuldbemiddeling")
    assert list(schuldbemiddeling.werkingsgebied_gemeenten.values_list("slug", flat=True)) == ["geel"]
    hulplijnen = Aanbod.objects.filter(organisatie__soort=OrganisatieSoort.HULPLIJN)
    assert hulplijnen.count() == 4
    assert not hulplijnen.filter(werkingsgebied_vlaanderen=False).exists()
    assert not hulplijnen.filter(locaties__isnull=False).exists()


def test_elk_ocmw_heeft_meerdere_diensten(demo):
    ocmws = Organisatie.objects.filter(soort=OrganisatieSoort.OCMW)
    assert ocmws.count() == 27
    assert {o.locaties.get(naam=o.naam).gemeente_id for o in ocmws} == set(
        Gemeente.objects.filter(lidmaatschappen__zone__code__in=KEMPEN_ZONES).values_list("id", flat=True)
    )
    for ocmw in ocmws:
        assert ocmw.aanbod.count() >= 5
        assert ocmw.aanbod.filter(ondersteuningsvorm__slug="ocmw-trajectbegeleiding-gpmi").exists()


def test_elke_matrixvorm_bedient_elke_kempense_zone(demo, zones):
    matrix = Ondersteuningsvorm.objects.filter(uit_matrix=True)
    assert matrix.count() == 24
    ontbrekend = []
    for vorm in matrix:
        actief = Aanbod.objects.actief().filter(ondersteuningsvorm=vorm)
        for code, zone in zones.items():
            centrum = Gemeente.objects.get(slug=CENTRUM[code])
            if not (actief.in_zone(zone).exists() and actief.voor_gemeente(centrum).exists()):
                ontbrekend.append((vorm.slug, code))
    assert ontbrekend == []


def test_mantelzorg_en_dementie_vormen_een_samenhangend_aanbod(demo, zones):
    expertisecentrum = Organisatie.objects.get(soort=OrganisatieSoort.EXPERTISECENTRUM_DEMENTIE)
    assert expertisecentrum.locaties.get().gemeente.slug == "turnhout"
    cluster = [
        "expertisecentrum-dementie",
        "mantelzorgondersteuning",
        "respijtzorg-oppashulp",
        "dagverzorgingscentrum",
        "kortverblijf",
        "gezinszorg",
        "thuisverpleging",
        "lokaal-dienstencentrum",
    ]
    for slug in cluster:
        for zone in zones.values():
            assert Aanbod.objects.actief().filter(ondersteuningsvorm__slug=slug).in_zone(zone).exists(), (slug, zone)
    praatcafes = Aanbod.objects.filter(naam__startswith="Praatcafé dementie", themas__code="dementie")
    assert praatcafes.count() == 4
    assert Aanbod.objects.filter(themas__code="dementie").distinct().count() >= 30


@pytest.mark.parametrize(
    ("zoekwoord", "ondersteuningsvorm"),
    [
        ("dementie", "expertisecentrum-dementie"),
        ("respijtzorg", "respijtzorg-oppashulp"),
        ("schulden", "schuldbemiddeling"),
        ("budgetbeheer", "budgetbeheer-budgetbegeleiding"),
        ("opvoedingsvragen", "opvoedingsondersteuning-huis-van-het-kind"),
        ("zelfmoordgedachten", "zelfmoordlijn-1813"),
        ("thuisverpleging", "thuisverpleging"),
        ("CLB", "draaischijffunctie-clb"),
        ("1G1P", "1-gezin-1-plan"),
        ("DOP", "dienst-ondersteuningsplan"),
    ],
)
def test_zoekwoorden_in_naam_of_beschrijving_vinden_het_juiste_aanbod(demo, zoekwoord, ondersteuningsvorm):
    woord = rf"\m{zoekwoord}\M"  # PostgreSQL word boundaries: "DOP" must not match "adoptie"
    gevonden = Aanbod.objects.filter(Q(naam__iregex=woord) | Q(beschrijving__iregex=woord))
    assert gevonden.filter(ondersteuningsvorm__slug=ondersteuningsvorm).exists()


def test_capaciteit_is_gevarieerd_en_gedateerd(demo):
    nu = timezone.now()
    assert set(Aanbod.objects.values_list("capaciteit", flat=True)) == set(Capaciteit.values)
    gekend = Aanbod.objects.exclude(capaciteit=Capaciteit.ONBEKEND)
    assert not gekend.filter(capaciteit_bijgewerkt_op=None).exists()
    assert not gekend.filter(capaciteit_bijgewerkt_op__lt=nu - timedelta(days=121)).exists()
    assert gekend.filter(capaciteit_bijgewerkt_op__lt=nu - timedelta(days=60)).exists()
    wachttijden = Aanbod.objects.filter(capaciteit=Capaciteit.WACHTLIJST).values_list("wachttijd_weken", flat=True)
    assert all(2 <= weken <= 40 for weken in wachttijden)
    assert len(set(wachttijden)) > 10


def test_controle_en_status_tonen_ook_verouderd_en_gesloten_aanbod(demo):
    vandaag = timezone.localdate()
    gecontroleerd = Aanbod.objects.aggregate(
        oudste=Min("laatst_gecontroleerd_op"), recentste=Max("laatst_gecontroleerd_op")
    )
    assert gecontroleerd["recentste"] <= vandaag - timedelta(days=10)
    assert gecontroleerd["oudste"] >= vandaag - timedelta(days=14 * 31)
    assert Aanbod.objects.filter(laatst_gecontroleerd_op__lt=vandaag - timedelta(days=365)).exists()
    assert Aanbod.objects.filter(status=AanbodStatus.TIJDELIJK_GESLOTEN).count() >= 3
    assert 1 <= Aanbod.objects.filter(status=AanbodStatus.STOPGEZET).count() <= 2
    assert 1 <= Organisatie.objects.filter(actief=False).count() <= 2
    assert Aanbod.objects.filter(laatst_gecontroleerd_door__username="curator").exists()


def test_openingsuren_voor_de_meeste_locaties_en_voor_telefoonlijnen(demo):
    met_uren = Locatie.objects.filter(openingsuren__isnull=False).distinct().count()
    assert met_uren >= 0.7 * Locatie.objects.count()
    assert Locatie.objects.filter(openingsuren__isnull=True, openingsuren_toelichting="Enkel op afspraak.").exists()
    assert Openingsuur.objects.filter(dag=Weekdag.ZATERDAG).exists()
    assert Openingsuur.objects.filter(tot__hour__gte=19).exists()
    assert Openingsuur.objects.filter(aanbod__slug="zelfmoordlijn-1813-zelfmoordlijn").count() == 7
    assert Aanbod.objects.filter(openingsuren_toelichting="Enkel op afspraak.").exists()


def test_talen_altijd_nederlands_vaak_frans_of_engels_soms_andere(demo):
    talen = list(Aanbod.objects.values_list("talen", flat=True))
    assert all(Taal.NEDERLANDS in lijst for lijst in talen)
    assert sum(Taal.FRANS in lijst or Taal.ENGELS in lijst for lijst in talen) > len(talen) / 2
    anders = {Taal.ARABISCH, Taal.TURKS, Taal.POOLS, Taal.OEKRAIENS}
    assert 0 < sum(bool(anders & set(lijst)) for lijst in talen) < len(talen) / 2


def test_leeftijden_en_facetten_komen_van_de_ondersteuningsvorm(demo):
    plan = Aanbod.objects.get(ondersteuningsvorm__slug="1-gezin-1-plan", werkingsgebied_zones__code="kempenland")
    assert (plan.leeftijd_min, plan.leeftijd_max) == (0, 25)
    assert plan.doelgroepen.filter(code="gezinnen").exists()
    assert not Aanbod.objects.filter(doelgroepen__isnull=True).exists()
    assert not Aanbod.objects.filter(toegangswegen__isnull=True).exists()


@pytest.mark.parametrize(
    ("gebruikersnaam", "organisatie", "rol"),
    [
        ("verwijzer", "sociaal-huis-turnhout", MedewerkerRol.HULPVERLENER),
        ("ontvanger", "caw-kempen", MedewerkerRol.HULPVERLENER),
        ("buitenstaander", "huisartsenpraktijk-de-kastanje", MedewerkerRol.HULPVERLENER),
        ("redacteur", "expertisecentrum-dementie-kempen", MedewerkerRol.REDACTEUR),
    ],
)
def test_demo_medewerkers_horen_bij_hun_organisatie(demo, gebruikersnaam, organisatie, rol):
    medewerker = Medewerker.objects.select_related("user", "organisatie").get(user__username=gebruikersnaam)
    assert (medewerker.organisatie.slug, medewerker.rol) == (organisatie, rol)
    assert medewerker.user.first_name and medewerker.user.last_name
    assert not medewerker.user.is_staff


def test_de_buitenstaander_werkt_in_mol_en_de_redacteur_in_turnhout(demo):
    assert Organisatie.objects.get(medewerkers__user__username="buitenstaander").locaties.get().gemeente.slug == "mol"
    expertisecentrum = Organisatie.objects.get(medewerkers__user__username="redacteur")
    assert expertisecentrum.locaties.get().gemeente.lidmaatschappen.get().zone.code == "kempenland"


def test_curator_en_beheerder(demo):
    curator = get_user_model().objects.get(username="curator")
    assert list(Curator.objects.filter(user=curator).values_list("zone__code", flat=True)) == ["kempenland"]
    assert not curator.is_staff and not curator.medewerkerschappen.exists()
    beheerder = get_user_model().objects.get(username="beheerder")
    assert beheerder.is_superuser and beheerder.is_staff


def test_alle_demogebruikers_kunnen_aanmelden_met_demo(demo, settings):
    settings.PASSWORD_HASHERS = SNELLE_HASHER
    for gebruiker in DEMO_GEBRUIKERS:
        assert authenticate(username=gebruiker["username"], password="demo") is not None, gebruiker["username"]
    assert authenticate(username="verwijzer", password="fout") is None


def test_een_tweede_keer_laden_maakt_niets_aan_en_wijzigt_niets(demo, settings):
    settings.PASSWORD_HASHERS = SNELLE_HASHER
    voor = (Aanbod.objects.aggregate(Max("gewijzigd_op")), Organisatie.objects.aggregate(Max("gewijzigd_op")))
    aantallen = [m.objects.count() for m in (Organisatie, Locatie, Aanbod, Openingsuur, Medewerker)]

    verslag = laad_demodata()

    assert not verslag.gewijzigd
    assert all(t.aangemaakt == 0 and t.bijgewerkt == 0 for t in verslag.tellingen.values())
    assert verslag.tellingen["aanbod"].ongewijzigd == aantallen[2]
    assert [m.objects.count() for m in (Organisatie, Locatie, Aanbod, Openingsuur, Medewerker)] == aantallen
    assert (Aanbod.objects.aggregate(Max("gewijzigd_op")), Organisatie.objects.aggregate(Max("gewijzigd_op"))) == voor


def test_het_plan_is_deterministisch_per_seed(demo):
    kaart = Kaart.lees()

    def vingerafdruk(plan):
        return [(a.slug, a.beschrijving, a.capaciteit, a.wachttijd_weken, tuple(a.talen)) for a in plan.aanbod]

    assert vingerafdruk(maak_plan(kaart)) == vingerafdruk(maak_plan(kaart))
    assert vingerafdruk(maak_plan(kaart, seed=7)) != vingerafdruk(maak_plan(kaart))
