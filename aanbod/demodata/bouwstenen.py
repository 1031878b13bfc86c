"""Small deterministic building blocks of the demo data: numbers, people, addresses, hours, capacity."""

from __future__ import annotations

import hashlib
import math
import random
from datetime import date, datetime, time, timedelta

from aanbod.constants import Capaciteit, Taal, Weekdag

FICTIEF = "Fictief voorbeeld voor demonstratie."

# One telephone series for the whole demo (zone prefix 014 of Turnhout, Geel, Herentals and Mol).
TELEFOONREEKS = "014 99"
MAX_AFWIJKING_M = 800
METER_PER_GRAAD = 111_320

VOORNAMEN = (
    "Inge Sofie Lotte Els An Griet Hilde Katrien Nele Sarah Evi Fien Leen Veerle Joke Lieve Marijke Ilse "
    "Tom Bart Koen Wim Pieter Jef Stijn Dirk Geert Jonas Ruben Wout Sander Mohamed Yusuf Ayla Oksana Kasia"
).split()
INITIALEN = "ABCDEGHJKLMNOPRSTVWZ"
STRATEN = (
    "Stationsstraat",
    "Kerkplein",
    "Markt",
    "Grote Markt",
    "Diestseweg",
    "Kerkstraat",
    "Molenstraat",
    "Dorp",
    "Gemeenteplein",
    "Nieuwstraat",
    "Lindenlaan",
    "Kapelstraat",
    "Schoolstraat",
    "Turnhoutseweg",
    "Antwerpseweg",
    "Gasthuisstraat",
    "Zandstraat",
    "Hofstraat",
    "Begijnhofstraat",
    "Welzijnsplein",
    "Heidestraat",
    "Netelaan",
)
HALTES = ("Markt", "Kerk", "Gemeentehuis", "Station", "Dorp", "Ziekenhuis", "Sporthal")
TOEGANKELIJKHEID = {
    True: (
        "Gelijkvloers, brede deuren en een aangepast toilet.",
        "Lift naar alle verdiepingen; twee parkeerplaatsen voor personen met een handicap vlak bij de ingang.",
        "Automatische deur en een hellend vlak aan de ingang; ringleiding aan het onthaal.",
    ),
    False: (
        "Ingang met drie treden en geen lift; gesprekken kunnen op afspraak in een gelijkvloerse ruimte.",
        "Oud gebouw zonder lift: het onthaal is op de eerste verdieping.",
    ),
    None: ("", "Toegankelijkheid nog niet nagekeken."),
}

# Opening patterns: weekday -> [(from, to)].
_WERKDAGEN = (Weekdag.MAANDAG, Weekdag.DINSDAG, Weekdag.WOENSDAG, Weekdag.DONDERDAG, Weekdag.VRIJDAG)
_ALLE_DAGEN = tuple(Weekdag)
UURPATRONEN: dict[str, list[tuple[int, str, str]]] = {
    "kantoor": [(d, "09:00", "12:00") for d in _WERKDAGEN] + [(d, "13:30", "16:30") for d in _WERKDAGEN[:4]],
    "avond": [(d, "09:00", "12:00") for d in _WERKDAGEN] + [(Weekdag.DONDERDAG, "16:00", "19:30")],
    "zaterdag": [(d, "09:00", "12:30") for d in _WERKDAGEN] + [(Weekdag.ZATERDAG, "09:00", "12:00")],
    "voormiddag": [(d, "08:30", "12:00") for d in _WERKDAGEN],
    "dag": [(d, "08:00", "17:30") for d in _WERKDAGEN],
    "ldc": [(d, "09:00", "17:00") for d in _WERKDAGEN],
    "bezoek": [(d, "10:00", "19:00") for d in _ALLE_DAGEN],
    "praktijk": [(d, "08:00", "12:00") for d in _WERKDAGEN]
    + [(d, "16:00", "19:00") for d in _WERKDAGEN]
    + [(Weekdag.ZATERDAG, "09:00", "11:00")],
    "telefoon": [(d, "09:00", "12:00") for d in _WERKDAGEN] + [(Weekdag.WOENSDAG, "13:00", "16:00")],
    "thuiszorg": [(d, "07:00", "20:00") for d in _ALLE_DAGEN],
    "dag_en_nacht": [(d, "00:00", "23:59") for d in _ALLE_DAGEN],
    "werkdagen": [(d, "09:00", "17:00") for d in _WERKDAGEN],
    "jongeren": [(d, "16:00", "22:00") for d in _WERKDAGEN] + [(Weekdag.ZATERDAG, "14:00", "22:00")],
}

_CAPACITEIT_GEWICHTEN = {
    # plaats_vrij, beperkt, volzet, wachtlijst, onbekend
    "laag": (50, 15, 2, 3, 30),
    "normaal": (30, 22, 6, 17, 25),
    "hoog": (8, 20, 14, 46, 12),
    "altijd": (70, 0, 0, 0, 30),  # helplines: always answered, never a waiting list
}
_CAPACITEITEN = (
    Capaciteit.PLAATS_VRIJ,
    Capaciteit.BEPERKT,
    Capaciteit.VOLZET,
    Capaciteit.WACHTLIJST,
    Capaciteit.ONBEKEND,
)
_VREEMDE_TALEN = (Taal.ARABISCH, Taal.TURKS, Taal.POOLS, Taal.OEKRAIENS)


def rng_voor(seed: int, sleutel: str) -> random.Random:
    """A random generator of its own per entity, so that adding one entity does not reshuffle the others."""
    return random.Random(f"{seed}:{sleutel}")


def kbo_nummer(basis: int) -> str:
    """Ten digits starting with 0: eight digits ``basis`` plus the check 97 − (basis mod 97)."""
    if not 0 < basis < 10**8:
        raise ValueError(f"KBO-basis buiten bereik: {basis}")
    return f"{basis:08d}{97 - basis % 97:02d}"


class Nummering:
    """Hands out unique KBO numbers and telephone numbers, deterministically."""

    def __init__(self, bezette_kbo: set[str] | None = None) -> None:
        self._kbo = set(bezette_kbo or ())
        self._telefoon = 0

    def kbo(self, slug: str) -> str:
        # Derived from the slug (stable when organisations are added), in the 09… range; probe on collision.
        basis = 9_000_000 + int(hashlib.sha256(slug.encode()).hexdigest(), 16) % 1_000_000
        while (nummer := kbo_nummer(basis)) in self._kbo:
            basis += 1
        self._kbo.add(nummer)
        return nummer

    def telefoon(self) -> str:
        self._telefoon += 1
        return f"{TELEFOONREEKS} {self._telefoon // 100:02d} {self._telefoon % 100:02d}"


def contactpersoon(rng: random.Random) -> str:
    return f"{rng.choice(VOORNAMEN)} {rng.choice(INITIALEN)}."


def straat(rng: random.Random) -> str:
    return f"{rng.choice(STRATEN)} {rng.randint(1, 160)}"


def verschuif(rng: random.Random, lat: float, lon: float) -> tuple[float, float]:
    """A point at most 800 m from (lat, lon), uniformly spread over the disc."""
    afstand = MAX_AFWIJKING_M * math.sqrt(rng.random())
    hoek = rng.uniform(0, 2 * math.pi)
    dlat = afstand * math.cos(hoek) / METER_PER_GRAAD
    dlon = afstand * math.sin(hoek) / (METER_PER_GRAAD * math.cos(math.radians(lat)))
    return round(lat + dlat, 6), round(lon + dlon, 6)


def afstand_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def openbaar_vervoer(rng: random.Random, heeft_station: bool, gemeente: str) -> str:
    bus = f"Bushalte De Lijn '{rng.choice(HALTES)}' op {rng.choice((50, 100, 150, 200, 300, 450))} m."
    if heeft_station and rng.random() < 0.5:
        return f"{bus} Station {gemeente} op {rng.randint(5, 15)} minuten wandelen."
    return bus


def toegankelijkheid(rng: random.Random) -> tuple[bool | None, str]:
    rolstoel = rng.choices((True, False, None), weights=(70, 15, 15))[0]
    return rolstoel, rng.choice(TOEGANKELIJKHEID[rolstoel])


def uren(patroon: str) -> list[tuple[int, time, time]]:
    return [(int(dag), time.fromisoformat(van), time.fromisoformat(tot)) for dag, van, tot in UURPATRONEN[patroon]]


def talen(rng: random.Random, *, meertalig: bool = True) -> list[str]:
    """Dutch always; often French or English; sometimes a language of a larger migrant community."""
    gekozen = [Taal.NEDERLANDS]
    if meertalig and rng.random() < 0.4:
        gekozen.append(Taal.FRANS)
    if rng.random() < (0.6 if meertalig else 0.3):
        gekozen.append(Taal.ENGELS)
    if meertalig and rng.random() < 0.25:
        gekozen.append(rng.choice(_VREEMDE_TALEN))
    return [str(taal) for taal in gekozen]


def capaciteit(rng: random.Random, drukte: str, nu: datetime) -> tuple[str, int | None, datetime | None]:
    """(capaciteit, wachttijd_weken, capaciteit_bijgewerkt_op), consistent with the model's constraints."""
    keuze = rng.choices(_CAPACITEITEN, weights=_CAPACITEIT_GEWICHTEN[drukte])[0]
    if keuze == Capaciteit.ONBEKEND:
        return str(keuze), None, None
    wachttijd = None
    if keuze == Capaciteit.WACHTLIJST:
        wachttijd = rng.randint(2, 40)
    elif keuze == Capaciteit.VOLZET and rng.random() < 0.5:
        wachttijd = rng.randint(4, 40)
    elif keuze == Capaciteit.BEPERKT and rng.random() < 0.3:
        wachttijd = rng.randint(1, 3)
    bijgewerkt = nu - timedelta(days=rng.randint(1, 120), hours=rng.randint(0, 23))
    return str(keuze), wachttijd, bijgewerkt


def gecontroleerd_op(rng: random.Random, vandaag: date) -> date:
    """Mostly checked in the last six months; a quarter is stale (up to 14 months)."""
    dagen = rng.randint(10, 180) if rng.random() < 0.75 else rng.randint(181, 425)
    return vandaag - timedelta(days=dagen)
