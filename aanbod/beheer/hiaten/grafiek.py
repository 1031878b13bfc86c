"""Geometry of the report's two server-rendered SVG charts (no JavaScript, the same in the page and the PDF).

The templates draw what is computed here; each chart has a <title>, a <desc> and a data table next to
it, so nothing is told by colour or shape alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from aanbod.beheer.hiaten.services import TOESTANDEN, Maand

BREEDTE, HOOGTE = 720, 300
LINKS, RECHTS, BOVEN, ONDER = 44, 12, 40, 46

# Colours with at least 3:1 contrast on white (WCAG 1.4.11); full and waiting list also get a hatching,
# and the legend, the tooltips and the data table name every state in words.
KLEUREN = {
    "volzet": "#b3261e",
    "wachtlijst": "#6b3fa0",
    "beperkt": "#a35400",
    "plaats_vrij": "#2e7d32",
    "onbekend": "#767676",
    "wachttijd": "#0b5c8a",
}
PATRONEN = {"volzet": "hiaten-ruit", "wachtlijst": "hiaten-streep"}
PLOT_B = BREEDTE - LINKS - RECHTS
PLOT_H = HOOGTE - BOVEN - ONDER


class _Toestandkleur:
    """Colour and hatch pattern of a capacity state (the pattern keeps full/waiting list apart without colour)."""

    toestand: str

    @property
    def kleur(self) -> str:
        return KLEUREN[self.toestand]

    @property
    def patroon(self) -> str:
        return PATRONEN.get(self.toestand, "")


@dataclass
class Vak(_Toestandkleur):
    x: float
    y: float
    breedte: float
    hoogte: float
    toestand: str
    label: str
    aantal: int


@dataclass
class Legende(_Toestandkleur):
    x: int
    toestand: str
    label: str


@dataclass
class Kolom:
    maand: str
    x_midden: float
    vakken: list[Vak]
    waarde: float | None = None
    y_waarde: float | None = None

    @property
    def maandnaam(self) -> str:
        return self.maand.split(" ")[0]

    @property
    def jaar(self) -> str:
        return self.maand.split(" ")[-1]


@dataclass
class As:
    waarde: float
    y: float


@dataclass
class Grafiek:
    kolommen: list[Kolom]
    assen: list[As]
    legende: list[Legende] | None = None
    breedte: int = BREEDTE
    hoogte: int = HOOGTE
    links: int = LINKS
    rechts_x: int = BREEDTE - RECHTS
    basis_y: int = HOOGTE - ONDER
    label_y: int = HOOGTE - ONDER + 18


def _schaal(maximum: float) -> list[float]:
    """Round tick values from 0 to at least ``maximum`` (4 or 5 steps)."""
    if maximum <= 0:
        return [0, 1]
    ruw = maximum / 4
    macht = 10 ** math.floor(math.log10(ruw))
    stap = next(m * macht for m in (1, 2, 2.5, 5, 10) if m * macht >= ruw)
    if stap < 1:
        stap = 1
    return [i * stap for i in range(math.ceil(maximum / stap) + 1)]


def _y(waarde: float, top: float) -> float:
    return round(BOVEN + PLOT_H - waarde / top * PLOT_H, 1)


def capaciteit_per_maand(maanden: list[Maand]) -> Grafiek:
    """Stacked bars: per month the number of aanbod in each capacity state."""
    schaal = _schaal(max((m.totaal for m in maanden), default=0))
    top = schaal[-1]
    stap = PLOT_B / max(len(maanden), 1)
    balk = round(stap * 0.62, 1)
    labels = dict((t.value, t.label) for t in TOESTANDEN)
    kolommen = []
    for i, maand in enumerate(maanden):
        midden = LINKS + stap * (i + 0.5)
        onder = 0
        vakken = []
        for toestand in TOESTANDEN:
            aantal = maand.aantallen.get(toestand.value, 0)
            if aantal:
                y_boven = _y(onder + aantal, top)
                vakken.append(
                    Vak(
                        x=round(midden - balk / 2, 1),
                        y=y_boven,
                        breedte=balk,
                        hoogte=round(_y(onder, top) - y_boven, 1),
                        toestand=toestand.value,
                        label=str(labels[toestand.value]),
                        aantal=aantal,
                    )
                )
                onder += aantal
        kolommen.append(Kolom(maand=maand.label, x_midden=round(midden, 1), vakken=vakken))
    legende = [
        Legende(x=LINKS + i * 134, toestand=toestand.value, label=str(toestand.label))
        for i, toestand in enumerate(TOESTANDEN)
    ]
    return Grafiek(kolommen=kolommen, assen=[As(waarde=w, y=_y(w, top)) for w in schaal], legende=legende)


def wachttijd_per_maand(maanden: list[Maand]) -> Grafiek:
    """Bars: per month the mean waiting time (weeks) of aanbod with a waiting time."""
    schaal = _schaal(max((m.gemiddelde_wachttijd or 0 for m in maanden), default=0))
    top = schaal[-1]
    stap = PLOT_B / max(len(maanden), 1)
    balk = round(stap * 0.5, 1)
    kolommen = []
    for i, maand in enumerate(maanden):
        midden = LINKS + stap * (i + 0.5)
        waarde = maand.gemiddelde_wachttijd
        vakken = []
        y_waarde = None
        if waarde:
            y_waarde = _y(waarde, top)
            vakken.append(
                Vak(
                    x=round(midden - balk / 2, 1),
                    y=y_waarde,
                    breedte=balk,
                    hoogte=round(_y(0, top) - y_waarde, 1),
                    toestand="wachttijd",
                    label="",
                    aantal=0,
                )
            )
        kolommen.append(
            Kolom(maand=maand.label, x_midden=round(midden, 1), vakken=vakken, waarde=waarde, y_waarde=y_waarde)
        )
    return Grafiek(kolommen=kolommen, assen=[As(waarde=w, y=_y(w, top)) for w in schaal])
