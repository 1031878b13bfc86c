"""From the specification to a plan: the organisations, locations and aanbod to create, in memory.

Planning is pure (reference data, seed and clock in; dataclasses out), so it can be inspected and
tested without writing anything. ``aanbod.demodata.laden`` writes the plan to the database.
"""

from __future__ import annotations

import logging
import random
import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

from django.utils.text import slugify

from aanbod.constants import AanbodStatus, Kostprijs, Werkvorm
from aanbod.constants import OrganisatieSoort as S
from aanbod.demodata import bouwstenen as b
from aanbod.demodata.organisaties import CENTRUM, KEMPEN_ZONES, MET_STATION, OVER_SOORT
from aanbod.demodata.spec import Dienst, OrgSpec, facetten
from aanbod.models import Eerstelijnszone, Gemeente, Ondersteuningsvorm, PostPlaats, ZoneLidmaatschap
from aanbod.referentiedata import VOCABULARIA, concepten_uit_fixture

logger = logging.getLogger(__name__)

# Namespace of the deterministic UUIDs of demo locations (their stable key; Locatie has no slug).
DEMO_NAMESPACE = uuid.UUID("6f1c7f0e-2b1e-4c55-9a53-4b656d70656e")
FACETTEN = tuple(VOCABULARIA)
LDC_NAMEN = (
    "De Wending",
    "'t Punt",
    "De Schakel",
    "Den Bussel",
    "De Kring",
    "Het Trefpunt",
    "De Vlonder",
    "Ter Loke",
    "De Smis",
    "Den Eik",
    "De Zonnewijzer",
    "Het Ankerpunt",
)
_AANMELDING = {
    "zelf": "Je kunt zelf {contact}; een verwijsbrief is niet nodig.",
    "professional": "Een hulpverlener, huisarts of school kan je aanmelden, altijd met jouw toestemming.",
    "itp": "Voor deze hulp is een aanvraag via de intersectorale toegangspoort nodig; we helpen je daarbij.",
    "gerechtelijk": "Soms legt de jeugdrechter of het parket deze begeleiding op.",
    "outreach": "Een medewerker kan ook bij je thuis of in de buurt langskomen.",
}
_FUNCTIE = {
    S.OCMW: "maatschappelijk werker",
    S.CAW: "onthaalmedewerker",
    S.CGG: "medewerker aanmeldpunt",
    S.CLB: "CLB-medewerker",
    S.HUIS_VAN_HET_KIND: "coördinator Huis van het Kind",
    S.KIND_EN_GEZIN: "gezinsondersteuner",
    S.HUISARTSENPRAKTIJK: "praktijkassistent",
    S.THUISVERPLEGING: "hoofdverpleegkundige",
    S.MUTUALITEIT: "maatschappelijk werker",
    S.EXPERTISECENTRUM_DEMENTIE: "consulent dementie",
    S.MANTELZORGORGANISATIE: "consulent mantelzorg",
}
_TOELICHTING_LOCATIE = ("", "", "Buiten deze uren op afspraak.", "Gesloten op feestdagen en tijdens de kerstvakantie.")
_TIJDELIJK_GESLOTEN = (
    "Tijdelijk gesloten wegens verbouwingen; dringende vragen via het algemene nummer.",
    "Tijdelijk geen nieuwe aanmeldingen door personeelstekort.",
)


@dataclass
class Kaart:
    """The reference data the demo is built on, read once from the database."""

    zones: dict[str, Eerstelijnszone]
    gemeenten: dict[str, Gemeente]
    zone_gemeenten: dict[str, list[str]]
    zone_van: dict[str, str]
    postplaatsen: dict[str, list[PostPlaats]]
    concepten: dict[str, dict]
    codes: dict[str, set[str]]

    @classmethod
    def lees(cls) -> Kaart:
        zones = {z.code: z for z in Eerstelijnszone.objects.filter(code__in=KEMPEN_ZONES)}
        if len(zones) != len(KEMPEN_ZONES):
            raise LookupError("De Kempense eerstelijnszones ontbreken: laad eerst de referentiedata.")
        leden = ZoneLidmaatschap.objects.filter(zone__in=zones.values()).select_related("gemeente", "zone")
        gemeenten = {lid.gemeente.slug: lid.gemeente for lid in leden}
        zone_gemeenten: dict[str, list[str]] = {code: [] for code in KEMPEN_ZONES}
        for lid in sorted(leden, key=lambda lid: lid.gemeente.naam):
            zone_gemeenten[lid.zone.code].append(lid.gemeente.slug)
        postplaatsen: dict[str, list[PostPlaats]] = {slug: [] for slug in gemeenten}
        for plaats in PostPlaats.objects.filter(gemeente__in=gemeenten.values()).select_related("gemeente"):
            postplaatsen[plaats.gemeente.slug].append(plaats)
        in_db = set(Ondersteuningsvorm.objects.values_list("slug", flat=True))
        return cls(
            zones=zones,
            gemeenten=gemeenten,
            zone_gemeenten=zone_gemeenten,
            zone_van={g: zone for zone, slugs in zone_gemeenten.items() for g in slugs},
            postplaatsen=postplaatsen,
            concepten={c["slug"]: c for c in concepten_uit_fixture() if c["slug"] in in_db},
            codes={veld: set(model.objects.values_list("code", flat=True)) for veld, model in VOCABULARIA.items()},
        )


@dataclass(frozen=True)
class Gebied:
    """A werkingsgebied: zone codes, municipality slugs, or all of Flanders."""

    zones: tuple[str, ...] = ()
    gemeenten: tuple[str, ...] = ()
    vlaanderen: bool = False

    def bedient(self, gemeente: str, zone: str) -> bool:
        return self.vlaanderen or zone in self.zones or gemeente in self.gemeenten


@dataclass
class LocatiePlan:
    sleutel: str
    naam: str
    straat: str
    postcode: str
    gemeente: str
    latitude: float
    longitude: float
    rolstoeltoegankelijk: bool | None
    toegankelijkheid: str
    openbaar_vervoer: str
    openingsuren_toelichting: str
    uren: list[tuple[int, time, time]]

    @property
    def uuid(self) -> uuid.UUID:
        return uuid.uuid5(DEMO_NAMESPACE, f"locatie:{self.sleutel}")


@dataclass
class OrganisatiePlan:
    slug: str
    naam: str
    soort: str
    beschrijving: str
    kbo_nummer: str | None
    website: str
    email: str
    telefoon: str
    actief: bool
    hoofd: str | None
    thuis: str | None
    zone: str | None
    gebied: str
    domein: str
    buren: tuple[str, ...]
    ldc: str
    locaties: list[LocatiePlan] = field(default_factory=list)


@dataclass
class AanbodPlan:
    slug: str
    naam: str
    beschrijving: str
    organisatie: str
    concept: str | None
    facetten: dict[str, list[str]]
    leeftijd_min: int | None
    leeftijd_max: int | None
    kostprijs: str
    kostprijs_toelichting: str
    talen: list[str]
    werkvormen: list[str]
    gebied: Gebied
    locaties: list[str]
    aanmelding: str
    meebrengen: str
    contactpersoon: str
    contactpersoon_functie: str
    telefoon: str
    email: str
    website: str
    openingsuren_toelichting: str
    capaciteit: str
    wachttijd_weken: int | None
    capaciteit_bijgewerkt_op: datetime | None
    status: str
    laatst_gecontroleerd_op: date
    gecontroleerd_door: str | None
    uren: list[tuple[int, time, time]]


@dataclass
class Plan:
    organisaties: list[OrganisatiePlan]
    aanbod: list[AanbodPlan]


class Planner:
    """Turns the specification into a plan, deterministically for a given seed and reference data."""

    def __init__(self, kaart: Kaart, *, seed: int, nu: datetime, bezette_kbo: dict[str, str]) -> None:
        self.kaart, self.seed, self.nu = kaart, seed, nu
        self.vandaag = nu.date()
        self.nummering = b.Nummering(bezette_kbo)
        self.organisaties: dict[str, OrganisatiePlan] = {}
        self.aanbod: dict[str, AanbodPlan] = {}

    def maak(self, specs: list[OrgSpec]) -> Plan:
        for spec in specs:
            self._organisatie(spec)
        for spec in specs:
            for dienst in spec.diensten:
                self._dienst(self.organisaties[slugify(spec.naam)], dienst)
        self._vul_hiaten()
        self._kies_statussen()
        return Plan(list(self.organisaties.values()), list(self.aanbod.values()))

    # --- organisations and locations ---------------------------------------------------------------------

    def _organisatie(self, spec: OrgSpec) -> OrganisatiePlan:
        slug = slugify(spec.naam)
        rng = b.rng_voor(self.seed, slug)
        zone = self.kaart.zone_van[spec.thuis] if spec.thuis else None
        domein = f"{spec.domein or slug}.example"
        plaats = self.kaart.gemeenten[spec.thuis].naam if spec.thuis else ""
        over = OVER_SOORT[spec.soort].format(naam=spec.naam, gemeente=plaats)
        org = OrganisatiePlan(
            slug=slug,
            naam=spec.naam,
            soort=str(spec.soort),
            beschrijving=" ".join(filter(None, (over, spec.over, b.FICTIEF))),
            kbo_nummer=None if spec.hoofd else self.nummering.kbo(slug),
            website=f"https://www.{domein}",
            email=f"info@{domein}",
            telefoon=spec.telefoon or self.nummering.telefoon(),
            actief=spec.actief,
            hoofd=spec.hoofd,
            thuis=spec.thuis,
            zone=zone,
            gebied=spec.gebied,
            domein=domein,
            buren=self._buren(rng, spec.thuis, zone),
            ldc=b.rng_voor(self.seed, f"{slug}/ldc").choice(LDC_NAMEN),
        )
        if spec.thuis:
            for i, gemeente in enumerate((spec.thuis, *spec.vestigingen)):
                naam = spec.naam if not spec.vestigingen else f"{spec.naam} {self.kaart.gemeenten[gemeente].naam}"
                org.locaties.append(
                    self._locatie(org, f"{slug}/{gemeente}", naam, gemeente, spec.uren, hoofdplaats=i == 0)
                )
        self.organisaties[slug] = org
        return org

    def _buren(self, rng: random.Random, thuis: str | None, zone: str | None) -> tuple[str, ...]:
        if not thuis or not zone:
            return ()
        anderen = [g for g in self.kaart.zone_gemeenten[zone] if g != thuis]
        return tuple(sorted(rng.sample(anderen, k=min(len(anderen), rng.randint(1, 3)))))

    def _locatie(
        self, org: OrganisatiePlan, sleutel: str, naam: str, gemeente: str, patroon: str, *, hoofdplaats: bool
    ) -> LocatiePlan:
        rng = b.rng_voor(self.seed, sleutel)
        plaatsen = self.kaart.postplaatsen[gemeente]
        hoofd = next((p for p in plaatsen if p.naam == self.kaart.gemeenten[gemeente].naam), plaatsen[0])
        postplaats = hoofd if hoofdplaats or org.soort == S.OCMW or rng.random() < 0.7 else rng.choice(plaatsen)
        lat, lon = b.verschuif(rng, postplaats.latitude, postplaats.longitude)
        rolstoel, toegankelijkheid = b.toegankelijkheid(rng)
        zonder_uren = not patroon or rng.random() < 0.15
        return LocatiePlan(
            sleutel=sleutel,
            naam=naam,
            straat=b.straat(rng),
            postcode=postplaats.postcode,
            gemeente=gemeente,
            latitude=lat,
            longitude=lon,
            rolstoeltoegankelijk=rolstoel,
            toegankelijkheid=toegankelijkheid,
            openbaar_vervoer=b.openbaar_vervoer(rng, gemeente in MET_STATION, self.kaart.gemeenten[gemeente].naam),
            openingsuren_toelichting="Enkel op afspraak." if zonder_uren else rng.choice(_TOELICHTING_LOCATIE),
            uren=[] if zonder_uren else b.uren(patroon),
        )

    # --- aanbod ------------------------------------------------------------------------------------------

    def _dienst(self, org: OrganisatiePlan, dienst: Dienst) -> None:
        soort = dienst.gebied or org.gebied
        if soort == "per_zone":
            # Four instances: their names must differ, so the zone goes into the name.
            per_zone = dienst if "{gemeente}" in dienst.naam else replace(dienst, naam=f"{dienst.naam} {{gemeente}}")
            for zone in KEMPEN_ZONES:
                self._aanbod(org, per_zone, Gebied(zones=(zone,)), f"{org.slug}-{dienst.sleutel}-{zone}")
        else:
            self._aanbod(org, dienst, self._gebied(org, soort), f"{org.slug}-{dienst.sleutel}")

    def _gebied(self, org: OrganisatiePlan, soort: str) -> Gebied:
        if soort == "vlaanderen":
            return Gebied(vlaanderen=True)
        if soort == "regio":
            return Gebied(zones=KEMPEN_ZONES)
        if soort == "zone":
            return Gebied(zones=(org.zone,))
        return Gebied(gemeenten=(org.thuis, *org.buren) if soort == "buren" else (org.thuis,))

    def _plaatsnaam(self, org: OrganisatiePlan, gebied: Gebied) -> str:
        if len(gebied.zones) == 1:
            return self.kaart.zones[gebied.zones[0]].naam
        if gebied.zones or gebied.vlaanderen:
            return "Kempen"
        return self.kaart.gemeenten[org.thuis].naam

    def _gebiedzin(self, gebied: Gebied) -> str:
        if gebied.vlaanderen:
            return "Voor iedereen in Vlaanderen en Brussel."
        if gebied.zones == KEMPEN_ZONES:
            return "Voor inwoners van de hele Kempen (arrondissement Turnhout)."
        if gebied.zones:
            namen = [self.kaart.gemeenten[g].naam for z in gebied.zones for g in self.kaart.zone_gemeenten[z]]
            return (
                f"Voor inwoners van de eerstelijnszone {self.kaart.zones[gebied.zones[0]].naam}: {_opsomming(namen)}."
            )
        return f"Voor inwoners van {_opsomming([self.kaart.gemeenten[g].naam for g in gebied.gemeenten])}."

    def _aanbod(self, org: OrganisatiePlan, dienst: Dienst, gebied: Gebied, slug: str) -> AanbodPlan:
        rng = b.rng_voor(self.seed, slug)
        concept = self.kaart.concepten.get(dienst.concept or "")
        standaard = concept["standaard"] if concept else {}
        plaats = self._plaatsnaam(org, gebied)
        naam = dienst.naam.format(gemeente=plaats, org=org.naam, ldc=org.ldc)
        gekozen = self._facetten(rng, standaard, dienst, org)
        leeftijd = dienst.leeftijd or (standaard.get("leeftijd_min"), standaard.get("leeftijd_max"))
        tekst = dienst.tekst.format(gemeente=plaats, org=org.naam, ldc=org.ldc)
        werkvormen = self._werkvormen(rng, dienst, standaard)
        capaciteit, wachttijd, bijgewerkt = b.capaciteit(rng, dienst.drukte, self.nu)
        gecontroleerd = b.gecontroleerd_op(rng, self.vandaag)
        plan = AanbodPlan(
            slug=slug,
            naam=naam,
            beschrijving=f"{tekst} {self._gebiedzin(gebied)} {b.FICTIEF}",
            organisatie=org.slug,
            concept=concept["slug"] if concept else None,
            facetten=gekozen,
            leeftijd_min=leeftijd[0],
            leeftijd_max=leeftijd[1],
            kostprijs=dienst.kostprijs or standaard.get("kostprijs") or Kostprijs.GRATIS,
            kostprijs_toelichting=dienst.kostprijs_toelichting or standaard.get("kostprijs_toelichting", ""),
            talen=b.talen(rng, meertalig=org.soort != S.HULPLIJN),
            werkvormen=werkvormen,
            gebied=gebied,
            locaties=self._locaties_voor(org, dienst, gebied),
            aanmelding=_aanmelding(gekozen["toegangswegen"], werkvormen),
            meebrengen=dienst.meebrengen,
            contactpersoon="" if org.soort == S.HULPLIJN else b.contactpersoon(rng),
            contactpersoon_functie="" if org.soort == S.HULPLIJN else _FUNCTIE.get(org.soort, "coördinator"),
            telefoon=self._telefoon(rng, org, dienst),
            email=f"{dienst.mail}@{org.domein}",
            website=f"{org.website}/{dienst.sleutel}",
            openingsuren_toelichting="" if dienst.uren else rng.choice(("", "", "", "Enkel op afspraak.")),
            capaciteit=capaciteit,
            wachttijd_weken=wachttijd,
            capaciteit_bijgewerkt_op=bijgewerkt,
            status=AanbodStatus.ACTIEF,
            laatst_gecontroleerd_op=gecontroleerd,
            gecontroleerd_door=self._controleur(rng, org, gecontroleerd),
            uren=b.uren(dienst.uren) if dienst.uren else [],
        )
        self.aanbod[slug] = plan
        return plan

    def _telefoon(self, rng: random.Random, org: OrganisatiePlan, dienst: Dienst) -> str:
        """The organisation's number, or a direct line for some services (a helpline keeps its short number)."""
        if org.soort != S.HULPLIJN and (dienst.eigen_telefoon or rng.random() < 0.25):
            return self.nummering.telefoon()
        return org.telefoon

    def _facetten(
        self, rng: random.Random, standaard: dict, dienst: Dienst, org: OrganisatiePlan
    ) -> dict[str, list[str]]:
        """The concept's facets overlaid with the service's own, varied a little, unknown codes dropped."""
        gekozen = {veld: list(standaard.get(veld, [])) for veld in FACETTEN} | facetten(dienst.facetten)
        if len(gekozen["doelgroepen"]) > 3 and rng.random() < 0.3:
            gekozen["doelgroepen"].remove(rng.choice(gekozen["doelgroepen"][1:]))
        toegang = gekozen["toegangswegen"]
        if org.soort != S.HULPLIJN and "zelf" in toegang and "professional" not in toegang and rng.random() < 0.5:
            toegang.append("professional")
        for veld, codes in gekozen.items():
            onbekend = [code for code in codes if code not in self.kaart.codes[veld]]
            if onbekend:
                logger.warning("Onbekende %s genegeerd voor %s: %s", veld, dienst.sleutel, onbekend)
            gekozen[veld] = [code for code in dict.fromkeys(codes) if code in self.kaart.codes[veld]]
        return gekozen

    def _werkvormen(self, rng: random.Random, dienst: Dienst, standaard: dict) -> list[str]:
        vormen = dienst.werkvormen.split(",") if dienst.werkvormen else list(standaard.get("werkvormen", []))
        vormen = vormen or [Werkvorm.TER_PLAATSE]
        if Werkvorm.TER_PLAATSE in vormen and Werkvorm.TELEFOON not in vormen and rng.random() < 0.3:
            vormen.append(Werkvorm.TELEFOON)
        return [str(vorm) for vorm in vormen]

    def _locaties_voor(self, org: OrganisatiePlan, dienst: Dienst, gebied: Gebied) -> list[str]:
        if dienst.eigen_locatie:
            return [self._eigen_locatie(org).sleutel]
        if dienst.vestigingen:
            return [loc.sleutel for loc in org.locaties if loc.gemeente in dienst.vestigingen]
        binnen = [
            loc.sleutel for loc in org.locaties if gebied.bedient(loc.gemeente, self.kaart.zone_van[loc.gemeente])
        ]
        return binnen or [loc.sleutel for loc in org.locaties]

    def _eigen_locatie(self, org: OrganisatiePlan) -> LocatiePlan:
        """The local service centre of ``org``: a location of its own, shared by the LDC and its praatcafé."""
        naam = f"Lokaal dienstencentrum {org.ldc}"
        sleutel = f"{org.slug}/{slugify(naam)}"
        bestaand = next((loc for loc in org.locaties if loc.sleutel == sleutel), None)
        if bestaand:
            return bestaand
        locatie = self._locatie(org, sleutel, naam, org.thuis, "ldc", hoofdplaats=False)
        org.locaties.append(locatie)
        return locatie

    def _controleur(self, rng: random.Random, org: OrganisatiePlan, gecontroleerd: date) -> str | None:
        if org.soort == S.EXPERTISECENTRUM_DEMENTIE:
            return "redacteur"
        if org.zone == "kempenland" and (self.vandaag - gecontroleerd).days < 120 and rng.random() < 0.5:
            return "curator"
        return None

    # --- coverage and status -----------------------------------------------------------------------------

    def _gedekt(self, concept: str, zone: str) -> bool:
        centrum = CENTRUM[zone]
        return any(
            a.concept == concept
            and a.status == AanbodStatus.ACTIEF
            and self.organisaties[a.organisatie].actief
            and a.gebied.bedient(centrum, zone)
            for a in self.aanbod.values()
        )

    def _vul_hiaten(self) -> None:
        """Give every concept an instance serving each zone's main town, if the specification forgot one."""
        for slug, concept in self.kaart.concepten.items():
            for zone in KEMPEN_ZONES:
                if not self._gedekt(slug, zone):
                    logger.info("Ondersteuningsvorm %s aangevuld in zone %s", slug, zone)
                    self._generiek_aanbod(concept, zone)

    def _generiek_aanbod(self, concept: dict, zone: str) -> None:
        reikwijdte = concept.get("reikwijdte", "regio")
        soort = concept.get("aanbieder_soort") if concept.get("aanbieder_soort") in S.values else S.ANDERE
        regionaal = reikwijdte in ("regio", "vlaanderen")
        kandidaten = [
            o
            for o in self.organisaties.values()
            if o.soort == soort and o.actief and (o.gebied == reikwijdte if regionaal else o.zone == zone)
        ]
        org = kandidaten[0] if kandidaten else self._organisatie(self._nieuwe_aanbieder(concept, zone, soort))
        gebied = "regio" if reikwijdte == "regio" else reikwijdte if regionaal else "per_zone"
        dienst = Dienst(
            concept["slug"], f"{concept['naam']} {{gemeente}}", concept["samenvatting"], concept=concept["slug"]
        )
        if gebied == "per_zone":
            self._aanbod(org, dienst, Gebied(zones=(zone,)), f"{org.slug}-{concept['slug']}-{zone}")
        else:
            self._aanbod(org, dienst, self._gebied(org, gebied), f"{org.slug}-{concept['slug']}")

    def _nieuwe_aanbieder(self, concept: dict, zone: str, soort: str) -> OrgSpec:
        reikwijdte = concept.get("reikwijdte", "regio")
        if reikwijdte == "vlaanderen":
            return OrgSpec(concept["naam"], S(soort), None, (), gebied="vlaanderen", uren="")
        if reikwijdte == "regio":
            return OrgSpec(f"{concept['naam']} Kempen", S(soort), "turnhout", (), gebied="regio")
        return OrgSpec(f"{concept['naam']} {self.kaart.zones[zone].naam}", S(soort), CENTRUM[zone], (), gebied="zone")

    def _kies_statussen(self) -> None:
        """Close a few services temporarily and stop two, never the last instance of a concept."""
        rng = b.rng_voor(self.seed, "statussen")
        kandidaten = sorted(
            slug
            for slug, a in self.aanbod.items()
            if a.concept is None and self.organisaties[a.organisatie].actief and not a.gebied.vlaanderen
        )
        gekozen = rng.sample(kandidaten, k=8)
        for slug in gekozen[:2]:
            self.aanbod[slug].status = AanbodStatus.STOPGEZET
        for slug in gekozen[2:]:
            self.aanbod[slug].status = AanbodStatus.TIJDELIJK_GESLOTEN
            self.aanbod[slug].openingsuren_toelichting = rng.choice(_TIJDELIJK_GESLOTEN)


def _aanmelding(toegangswegen: list[str], werkvormen: list[str]) -> str:
    """How to get in, in plain words; 'come by' only where there is a place to come to."""
    contact = "bellen, mailen of langskomen" if Werkvorm.TER_PLAATSE in werkvormen else "bellen, mailen of chatten"
    return " ".join(_AANMELDING[code].format(contact=contact) for code in toegangswegen)


def _opsomming(namen: list[str]) -> str:
    return namen[0] if len(namen) == 1 else f"{', '.join(namen[:-1])} en {namen[-1]}"
