"""Fictitious demo data for the four Kempen eerstelijnszones (Baldemore, Kempenland, Middenkempen,
Zuiderkempen): organisations, locations, aanbod with opening hours and capacity, and demo logins.

``laad_demodata()`` is deterministic for a seed and idempotent; see ``aanbod.demodata.laden``.
"""

from aanbod.demodata.gebruikers import DEMO_GEBRUIKERS, DEMO_WACHTWOORD
from aanbod.demodata.laden import STANDAARD_SEED, laad_demodata, maak_plan
from aanbod.demodata.organisaties import CENTRUM, KEMPEN_ZONES

__all__ = [
    "CENTRUM",
    "DEMO_GEBRUIKERS",
    "DEMO_WACHTWOORD",
    "KEMPEN_ZONES",
    "STANDAARD_SEED",
    "laad_demodata",
    "maak_plan",
]
