"""Planning a large, deterministic, fictitious catalogue over all zones and municipalities of Flanders.

Planning (pure Python, from the reference data and a seed) is separate from loading (COPY), so the
same seed gives the same names, codes and relations whatever database it is loaded into (only a KBO
number that is already taken there is left empty).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache

from django.utils.text import slugify

from aanbod.constants import BELGIE_LAT, BELGIE_LON, AanbodStatus, Capaciteit, Kostprijs, OrganisatieSoort, Werkvorm
from aanbod.demodata.bouwstenen import (
    contactpersoon,
    kbo_nummer,
    openbaar_vervoer,
    straat,
    talen,
    toegankelijkheid,
    uren,
    verschuif,
)
from aanbod.models import (
    Eerstelijnszone,
    Gemeente,
    Ondersteuningsvorm,
    PostPlaats,
    ZoneLidmaatschap,
)
from aanbod.models.vocabularium import Doelgroep, Levensdomein, Thema, Toegangsweg
from aanbod.referentiedata import concepten_uit_fixture

PREFIX = "gen-"
FICTIEF = "Fictief testgegeven (genereer_testdata)."
NAAMRUIMTE = uuid.UUID("7d3f7f52-4c1e-5b7a-9a57-2f4f0c6b1e01")

# Share of aanbod that is the local instance of a support-form concept.
AANDEEL_CONCEPT = 0.6
# Werkingsgebied: one municipality, the zone, several municipalities, all of Flanders.
WERKINGSGEBIED_GEWICHTEN = {"gemeente": 50, "zone": 30, "gemeenten": 15, "vlaanderen": 5}
CAPACITEIT_GEWICHTEN = {
    Capaciteit.PLAATS_VRIJ: 30,
    Capaciteit.BEPERKT: 20,
    Capaciteit.VOLZET: 10,
    Capaciteit.WACHTLIJST: 25,
    Capaciteit.ONBEKEND: 15,
}
STATUS_GEWICHTEN = {AanbodStatus.ACTIEF: 92, AanbodStatus.TIJDELIJK_GESLOTEN: 5, AanbodStatus.STOPGEZET: 3}
# Aanbod per organisation: mean ≈ 2.9, so about a third as many organisations as aanbod.
GROEPSGROOTTE = {1: 25, 2: 25, 3: 20, 4: 13, 5: 9, 6: 5, 8: 3}
LOCATIES_PER_ORGANISATIE = {1: 70, 2: 25, 3: 5}

GENERIEK_AANBOD = (
    "Praatgroep voor mantelzorgers",
    "Budgetbegeleiding",
    "Sociale kruidenier",
    "Inloopcafé",
    "Schuldhulpverlening",
    "Taalcafé Nederlands",
    "Huiswerkbegeleiding",
    "Rouwgroep",
    "Vrijwillige oppas",
    "Boodschappendienst",
    "Mindermobielencentrale",
    "Energiesnoeiers",
    "Woonbegeleiding",
    "Digipunt",
    "Zitdag pensioenen",
    "Spreekuur huurders",
    "Opvoedingswinkel",
    "Occasionele kinderopvang",
    "Jongerenwerking",
    "Klusjesdienst",
    "Poetsdienst",
    "Maaltijden aan huis",
    "Personenalarmering",
    "Kledingbank",
    "Speel-o-theek",
    "Tienerwerking",
    "Lotgenotengroep dementie",
    "Psycho-educatie voor familie",
    "Juridisch spreekuur",
    "Sociaal restaurant",
)
ORGANISATIE_PREFIX = {
    OrganisatieSoort.CAW: "CAW",
    OrganisatieSoort.OCMW: "Sociaal Huis",
    OrganisatieSoort.CLB: "CLB",
    OrganisatieSoort.CGG: "CGG",
    OrganisatieSoort.MUTUALITEIT: "Ziekenfonds",
    OrganisatieSoort.HUISARTSENPRAKTIJK: "Huisartsenpraktijk",
    OrganisatieSoort.THUISVERPLEGING: "Thuisverpleging",
    OrganisatieSoort.GEZINSZORG: "Gezinszorg",
    OrganisatieSoort.LOKAAL_DIENSTENCENTRUM: "Lokaal dienstencentrum",
    OrganisatieSoort.WOONZORGCENTRUM: "Woonzorgcentrum",
    OrganisatieSoort.DAGVERZORGINGSCENTRUM: "Dagverzorgingscentrum",
    OrganisatieSoort.HUIS_VAN_HET_KIND: "Huis van het Kind",
    OrganisatieSoort.KIND_EN_GEZIN: "Kind en Gezin",
    OrganisatieSoort.DOP: "DOP",
    OrganisatieSoort.VAPH_VOORZIENING: "Voorziening",
    OrganisatieSoort.JEUGDHULPAANBIEDER: "Jeugdhulp",
    OrganisatieSoort.EXPERTISECENTRUM_DEMENTIE: "Expertisecentrum dementie",
    OrganisatieSoort.MANTELZORGORGANISATIE: "Mantelzorgpunt",
    OrganisatieSoort.HULPLIJN: "Hulplijn",
    OrganisatieSoort.LOKAAL_BESTUUR: "Gemeente",
    OrganisatieSoort.OVERHEIDSDIENST: "Dienst",
    OrganisatieSoort.SAMENWERKINGSVERBAND: "Samenwerkingsverband",
    OrganisatieSoort.ZIEKENHUIS: "Ziekenhuis",
    OrganisatieSoort.VZW: "vzw",
    OrganisatieSoort.ANDERE: "Organisatie",
}
MET_EIGENNAAM = {
    OrganisatieSoort.VZW,
    OrganisatieSoort.WOONZORGCENTRUM,
    OrganisatieSoort.LOKAAL_DIENSTENCENTRUM,
    OrganisatieSoort.VAPH_VOORZIENING,
    OrganisatieSoort.JEUGDHULPAANBIEDER,
    OrganisatieSoort.HUISARTSENPRAKTIJK,
}
EIGENNAMEN = (
    "De Linde",
    "Het Anker",
    "De Brug",
    "Ter Heide",
    "De Vlinder",
    "Open Poort",
    "Zonnebloem",
    "De Sprong",
    "Het Kompas",
    "De Horizon",
    "Den Ouden Hoek",
    "De Kering",
)
# Organisations without concept aanbod: mostly local welfare and care providers.
SOORT_GEWICHTEN = {
    OrganisatieSoort.VZW: 25,
    OrganisatieSoort.OCMW: 12,
    OrganisatieSoort.LOKAAL_DIENSTENCENTRUM: 10,
    OrganisatieSoort.CAW: 6,
    OrganisatieSoort.HUISARTSENPRAKTIJK: 8,
    OrganisatieSoort.THUISVERPLEGING: 6,
    OrganisatieSoort.GEZINSZORG: 6,
    OrganisatieSoort.WOONZORGCENTRUM: 6,
    OrganisatieSoort.MUTUALITEIT: 5,
    OrganisatieSoort.LOKAAL_BESTUUR: 5,
    OrganisatieSoort.JEUGDHULPAANBIEDER: 4,
    OrganisatieSoort.ANDERE: 3,
    OrganisatieSoort.ZIEKENHUIS: 2,
    OrganisatieSoort.HULPLIJN: 2,
}
LEEFTIJDEN = {(None, None): 50, (0, 3): 6, (0, 12): 6, (0, 18): 8, (12, 25): 10, (18, None): 12, (65, None): 8}
AANMELDING = (
    "Bel of mail ons: we plannen binnen de week een eerste gesprek.",
    "Aanmelden via een hulpverlener; wij nemen daarna contact op met de persoon.",
    "Kom langs tijdens de openingsuren, een afspraak is niet nodig.",
    "Vul het aanmeldformulier in; een consulent belt je terug.",
)


def stabiele_uuid(seed: int, soort: str, index: int) -> uuid.UUID:
    """The same uuid for the same seed, kind and position, in every database."""
    return uuid.uuid5(NAAMRUIMTE, f"{seed}/{soort}/{index}")


def slug_prefix(seed: int) -> str:
    return f"{PREFIX}{seed}-"


def _kies(rng: random.Random, gewichten: dict):
    return rng.choices(list(gewichten), weights=list(gewichten.values()))[0]


@cache
def uren_van(patroon: str):
    return uren(patroon)


class TestdataFout(Exception):
    """Generating test data is refused (real data present, already generated, reference data missing)."""

    __test__ = False  # not a pytest test class despite its name


@dataclass(frozen=True)
class Concept:
    id: int
    naam: str
    aanbieder_soort: str
    standaard: dict


@dataclass
class Referentie:
    """The reference data the generator spreads over: zones, municipalities, postal places, vocabularies."""

    zones: list[tuple[int, str]]  # (id, naam), in code order
    zone_gemeenten: dict[int, list[tuple[int, tuple[str, ...]]]]  # zone → (gemeente, postcodes of the membership)
    gemeenten: dict[int, tuple[str, float | None, float | None]]
    postplaatsen: dict[int, list[tuple[str, float | None, float | None]]]
    concepten: list[Concept]
    vocabularia: dict[str, dict[str, int]]  # "doelgroepen" → code → id

    @classmethod
    def uit_databank(cls) -> Referentie:
        zones = list(Eerstelijnszone.objects.order_by("code").values_list("id", "naam"))
        if not zones:
            raise TestdataFout("Geen eerstelijnszones gevonden: laad eerst de referentiedata (laad_referentiedata).")
        zone_gemeenten: dict[int, list] = {zone_id: [] for zone_id, _ in zones}
        for zone_id, gemeente_id, postcodes in ZoneLidmaatschap.objects.order_by(
            "zone_id", "gemeente__nis_code"
        ).values_list("zone_id", "gemeente_id", "postcodes"):
            zone_gemeenten[zone_id].append((gemeente_id, tuple(postcodes)))
        gemeenten = {
            g: (naam, lat, lon)
            for g, naam, lat, lon in Gemeente.objects.values_list("id", "naam", "latitude", "longitude")
        }
        postplaatsen: dict[int, list] = {}
        for gemeente_id, postcode, lat, lon in PostPlaats.objects.order_by("postcode", "naam").values_list(
            "gemeente_id", "postcode", "latitude", "longitude"
        ):
            postplaatsen.setdefault(gemeente_id, []).append((postcode, lat, lon))
        ids = dict(Ondersteuningsvorm.objects.actief().values_list("slug", "id"))
        concepten = [
            Concept(ids[c["slug"]], c["naam"], c.get("aanbieder_soort", ""), c.get("standaard") or {})
            for c in concepten_uit_fixture()
            if c["slug"] in ids
        ]
        vocabularia = {
            sleutel: dict(model.objects.actief().order_by("volgorde", "code").values_list("code", "id"))
            for sleutel, model in (
                ("doelgroepen", Doelgroep),
                ("levensdomeinen", Levensdomein),
                ("themas", Thema),
                ("toegangswegen", Toegangsweg),
            )
        }
        return cls(zones, zone_gemeenten, gemeenten, postplaatsen, concepten, vocabularia)


@dataclass(slots=True)
class OrganisatiePlan:
    uuid: uuid.UUID
    slug: str
    naam: str
    soort: str
    kbo: str | None
    telefoon: str
    actief: bool
    aangemaakt_op: datetime
    zone_id: int
    gemeente_id: int


@dataclass(slots=True)
class LocatiePlan:
    uuid: uuid.UUID
    organisatie: int  # index in Plan.organisaties
    naam: str
    straat: str
    postcode: str
    gemeente_id: int
    latitude: float | None
    longitude: float | None
    rolstoeltoegankelijk: bool | None
    toegankelijkheid: str
    openbaar_vervoer: str
    patroon: str | None


@dataclass(slots=True)
class AanbodPlan:
    uuid: uuid.UUID
    slug: str
    naam: str
    beschrijving: str
    organisatie: int
    concept_id: int | None
    gemeente_id: int  # where it is rooted: the first municipality of its werkingsgebied
    leeftijd: tuple[int | None, int | None]
    aanmelding: str
    kostprijs: str
    talen: list[str]
    werkvormen: list[str]
    vlaanderen: bool
    zones: list[int]
    gemeenten: list[int]
    locaties: list[int]  # indexes in Plan.locaties
    facetten: dict[str, list[int]]
    contactpersoon: str
    telefoon: str
    capaciteit: str
    wachttijd: int | None
    capaciteit_op: datetime | None
    status: str
    gecontroleerd_op: object
    aangemaakt_op: datetime
    telefoonuren: bool


@dataclass
class Plan:
    seed: int
    organisaties: list[OrganisatiePlan] = field(default_factory=list)
    locaties: list[LocatiePlan] = field(default_factory=list)
    aanbod: list[AanbodPlan] = field(default_factory=list)


def _verdeel(totaal: int, gewichten: list[int]) -> list[int]:
    """Split ``totaal`` proportionally (largest remainder); every part gets one when there are enough."""
    som = sum(gewichten)
    exact = [totaal * g / som for g in gewichten]
    aantallen = [int(x) for x in exact]
    rest = totaal - sum(aantallen)
    for i in sorted(range(len(exact)), key=lambda i: (aantallen[i] - exact[i], i))[:rest]:
        aantallen[i] += 1
    if totaal >= len(gewichten):
        for i, aantal in enumerate(aantallen):
            if aantal == 0:
                grootste = max(range(len(aantallen)), key=lambda k: aantallen[k])
                aantallen[grootste] -= 1
                aantallen[i] += 1
    return aantallen


def _facetten(rng: random.Random, ref: Referentie, concept: Concept | None) -> dict[str, list[int]]:
    gekozen = {}
    for sleutel, codes in ref.vocabularia.items():
        standaard = [c for c in (concept.standaard.get(sleutel, []) if concept else []) if c in codes]
        if standaard:
            kandidaten = rng.sample(standaard, rng.randint(1, len(standaard)))
        else:
            # A skewed spread: the first values of a vocabulary are the common ones.
            alle = list(codes)
            aantal = {"themas": rng.randint(0, 2), "toegangswegen": rng.randint(1, 2)}.get(sleutel, rng.randint(1, 3))
            kandidaten = set(rng.choices(alle, weights=[1 / (i + 1) ** 0.7 for i in range(len(alle))], k=aantal))
        gekozen[sleutel] = sorted(codes[c] for c in kandidaten)
    return gekozen


def _capaciteit(rng: random.Random, nu: datetime) -> tuple[str, int | None, datetime | None]:
    capaciteit = _kies(rng, CAPACITEIT_GEWICHTEN)
    if capaciteit == Capaciteit.ONBEKEND:
        return capaciteit, None, None
    wachttijd = None
    if capaciteit == Capaciteit.WACHTLIJST:
        wachttijd = rng.randint(2, 40)
    elif capaciteit == Capaciteit.VOLZET and rng.random() < 0.5:
        wachttijd = rng.randint(4, 26)
    elif capaciteit == Capaciteit.BEPERKT and rng.random() < 0.3:
        wachttijd = rng.randint(1, 6)
    return capaciteit, wachttijd, nu - timedelta(days=rng.randint(0, 365), minutes=rng.randint(0, 1439))


def _in_belgie(lat: float, lon: float) -> tuple[float, float]:
    return min(max(lat, BELGIE_LAT[0]), BELGIE_LAT[1]), min(max(lon, BELGIE_LON[0]), BELGIE_LON[1])


def plan_catalogus(ref: Referentie, *, aantal: int, seed: int, nu: datetime, bezette_kbo: set[str]) -> Plan:
    """Decide every organisation, location and aanbod, without touching the database."""
    rng = random.Random(seed)
    plan = Plan(seed)
    per_zone = _verdeel(aantal, [max(1, len(ref.zone_gemeenten[z])) for z, _ in ref.zones])
    for (zone_id, zone_naam), zone_aantal in zip(ref.zones, per_zone, strict=True):
        leden = ref.zone_gemeenten[zone_id]
        if not leden or not zone_aantal:
            continue
        # Cycle through the zone's municipalities so that each gets aanbod rooted in it.
        volgorde = list(range(len(leden)))
        rng.shuffle(volgorde)
        gemaakt = 0
        while gemaakt < zone_aantal:
            grootte = min(_kies(rng, GROEPSGROOTTE), zone_aantal - gemaakt)
            thuis = leden[volgorde[gemaakt % len(leden)]]
            org_index = len(plan.organisaties)
            groep = []
            for k in range(grootte):
                lid = leden[volgorde[(gemaakt + k) % len(leden)]]
                concept = rng.choice(ref.concepten) if ref.concepten and rng.random() < AANDEEL_CONCEPT else None
                groep.append((lid, concept))
            eerste_concept = next((c for _, c in groep if c), None)
            soort = (
                eerste_concept.aanbieder_soort
                if eerste_concept and eerste_concept.aanbieder_soort in OrganisatieSoort.values
                else _kies(rng, SOORT_GEWICHTEN)
            )
            plan.organisaties.append(_organisatie(rng, ref, seed, org_index, soort, zone_id, thuis, nu, bezette_kbo))
            locaties = _locaties(rng, ref, plan, org_index, leden, thuis)
            for lid, concept in groep:
                plan.aanbod.append(
                    _aanbod(
                        rng,
                        ref,
                        seed,
                        len(plan.aanbod),
                        org_index,
                        locaties,
                        zone_id,
                        zone_naam,
                        leden,
                        lid,
                        concept,
                        nu,
                    )
                )
            gemaakt += grootte
    return plan


def _organisatie(rng, ref, seed, index, soort, zone_id, thuis, nu, bezette_kbo) -> OrganisatiePlan:
    gemeente = ref.gemeenten[thuis[0]][0]
    voorvoegsel = ORGANISATIE_PREFIX.get(soort, "Organisatie")
    naam = (
        f"{voorvoegsel} {rng.choice(EIGENNAMEN)} {gemeente}" if soort in MET_EIGENNAAM else f"{voorvoegsel} {gemeente}"
    )
    kbo = None
    if rng.random() < 0.7:
        # 1……… range: the demo data uses 09……, real providers mostly 04…–08…; collisions are skipped.
        kbo = kbo_nummer(10_000_000 + rng.randrange(10_000_000))
        if kbo in bezette_kbo:
            kbo = None
        else:
            bezette_kbo.add(kbo)
    return OrganisatiePlan(
        uuid=stabiele_uuid(seed, "organisatie", index),
        slug=f"{slug_prefix(seed)}o{index}-{slugify(naam)}"[:140].rstrip("-"),
        naam=naam,
        soort=soort,
        kbo=kbo,
        telefoon=f"0{rng.randint(2, 9)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        actief=rng.random() < 0.98,
        aangemaakt_op=nu - timedelta(days=rng.randint(30, 1500)),
        zone_id=zone_id,
        gemeente_id=thuis[0],
    )


def _postplaats(rng, ref: Referentie, lid: tuple[int, tuple[str, ...]]):
    plaatsen = ref.postplaatsen.get(lid[0], [])
    if lid[1]:
        plaatsen = [p for p in plaatsen if p[0] in lid[1]] or plaatsen
    return rng.choice(plaatsen) if plaatsen else None


def _locaties(rng, ref: Referentie, plan: Plan, org_index: int, leden, thuis) -> list[int]:
    indexen = []
    for n in range(_kies(rng, LOCATIES_PER_ORGANISATIE)):
        lid = thuis if n == 0 else rng.choice(leden)
        postplaats = _postplaats(rng, ref, lid)
        if postplaats is None:
            continue
        gemeente, glat, glon = ref.gemeenten[lid[0]]
        lat, lon = postplaats[1] or glat, postplaats[2] or glon
        if lat is not None and lon is not None:
            lat, lon = _in_belgie(*verschuif(rng, lat, lon))
        else:
            lat = lon = None
        rolstoel, toegang = toegankelijkheid(rng)
        plan.locaties.append(
            LocatiePlan(
                uuid=stabiele_uuid(plan.seed, "locatie", len(plan.locaties)),
                organisatie=org_index,
                naam=f"{plan.organisaties[org_index].naam}" if n == 0 else f"Antenne {gemeente}",
                straat=straat(rng),
                postcode=postplaats[0],
                gemeente_id=lid[0],
                latitude=lat,
                longitude=lon,
                rolstoeltoegankelijk=rolstoel,
                toegankelijkheid=toegang,
                openbaar_vervoer=openbaar_vervoer(rng, rng.random() < 0.3, gemeente),
                patroon=rng.choice(("kantoor", "avond", "zaterdag", "voormiddag", "werkdagen", None)),
            )
        )
        indexen.append(len(plan.locaties) - 1)
    return indexen


def _aanbod(rng, ref, seed, index, org_index, locaties, zone_id, zone_naam, leden, lid, concept, nu) -> AanbodPlan:
    soort_gebied = _kies(rng, WERKINGSGEBIED_GEWICHTEN)
    if soort_gebied == "gemeenten" and len(leden) < 2:
        soort_gebied = "zone"
    gemeenten, zones, plaats = [], [], ref.gemeenten[lid[0]][0]
    if soort_gebied == "gemeente":
        gemeenten = [lid[0]]
    elif soort_gebied == "gemeenten":
        andere = [g for g, _ in leden if g != lid[0]]
        gemeenten = sorted({lid[0], *rng.sample(andere, min(len(andere), rng.randint(1, 4)))})
        plaats = f"regio {plaats}"
    elif soort_gebied == "zone":
        zones, plaats = [zone_id], zone_naam
    else:
        plaats = "Vlaanderen"
    standaard = concept.standaard if concept else {}
    naam = f"{concept.naam if concept else rng.choice(GENERIEK_AANBOD)} {plaats}"[:200]
    werkvormen = [w for w in standaard.get("werkvormen", []) if w in Werkvorm.values] or sorted(
        set(rng.choices(Werkvorm.values, weights=(50, 25, 10, 10, 5), k=rng.randint(1, 2)))
    )
    if concept and "leeftijd_min" in standaard:
        leeftijd = (standaard.get("leeftijd_min"), standaard.get("leeftijd_max"))
    else:
        leeftijd = _kies(rng, LEEFTIJDEN)
    capaciteit, wachttijd, capaciteit_op = _capaciteit(rng, nu)
    kostprijs = standaard.get("kostprijs") if standaard.get("kostprijs") in Kostprijs.values else None
    heeft_locatie = locaties and set(werkvormen) & {Werkvorm.TER_PLAATSE, Werkvorm.AAN_HUIS} and rng.random() < 0.9
    return AanbodPlan(
        uuid=stabiele_uuid(seed, "aanbod", index),
        slug=f"{slug_prefix(seed)}a{index}-{slugify(naam)}"[:160].rstrip("-"),
        naam=naam,
        beschrijving=f"{FICTIEF} {naam} van {plaats}.",
        organisatie=org_index,
        concept_id=concept.id if concept else None,
        gemeente_id=lid[0],
        leeftijd=leeftijd,
        aanmelding=rng.choice(AANMELDING),
        kostprijs=kostprijs or rng.choices(Kostprijs.values, weights=(70, 20, 10))[0],
        talen=talen(rng),
        werkvormen=werkvormen,
        vlaanderen=soort_gebied == "vlaanderen",
        zones=zones,
        gemeenten=gemeenten,
        locaties=sorted(rng.sample(locaties, min(len(locaties), rng.choice((1, 1, 1, 2))))) if heeft_locatie else [],
        facetten=_facetten(rng, ref, concept),
        contactpersoon=contactpersoon(rng),
        telefoon=f"0{rng.randint(2, 9)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        capaciteit=capaciteit,
        wachttijd=wachttijd,
        capaciteit_op=capaciteit_op,
        status=_kies(rng, STATUS_GEWICHTEN),
        gecontroleerd_op=(nu - timedelta(days=rng.randint(0, 540))).date() if rng.random() < 0.8 else None,
        aangemaakt_op=nu - timedelta(days=rng.randint(1, 1200), minutes=rng.randint(0, 1439)),
        telefoonuren=Werkvorm.TELEFOON in werkvormen and rng.random() < 0.7,
    )
