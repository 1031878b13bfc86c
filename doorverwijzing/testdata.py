"""Generated referrals between generated organisations, for load tests (``genereer_testdata``).

Each referral follows a path through ``TOEGESTANE_OVERGANGEN`` (checked when the module is loaded),
with one ``aangemaakt`` event and one ``overgang`` event per status reached, a consent row once it
was sent, and timestamps consistent with the path. Rows are streamed to PostgreSQL with COPY in
chunks, so a million referrals never sit in memory at once.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from itertools import islice

from aanbod.testdata import Catalogus, Stopwatch, kopieer_model, reserveer_ids, stabiele_uuid
from doorverwijzing.constants import (
    AFGESLOTEN,
    REDEN_VERPLICHT,
    TOEGESTANE_OVERGANGEN,
    Contactwijze,
    GebeurtenisSoort,
    Grond,
    Reden,
    Status,
    ToestemmingsVorm,
    Uitkomst,
    Urgentie,
)
from doorverwijzing.models import Doorverwijzing, Gebeurtenis, Toestemming

D, R, A = Status.DRAFT, Status.REQUESTED, Status.ACCEPTED
H, P, C = Status.ON_HOLD, Status.IN_PROGRESS, Status.COMPLETED

# Paths with their weight (per 100). Final statuses: draft 4, requested 10, accepted 6, rejected 8,
# on-hold 7, in-progress 15, completed 35, failed 5, cancelled 7, entered-in-error 3.
PADEN: list[tuple[int, tuple[str, ...]]] = [
    (4, (D,)),
    (10, (D, R)),
    (6, (D, R, A)),
    (8, (D, R, Status.REJECTED)),
    (5, (D, R, H)),
    (2, (D, R, A, H)),
    (12, (D, R, A, P)),
    (3, (D, R, H, P)),
    (30, (D, R, A, P, C)),
    (5, (D, R, H, A, P, C)),
    (2, (D, R, Status.FAILED)),
    (3, (D, R, A, P, Status.FAILED)),
    (2, (D, Status.CANCELLED)),
    (4, (D, R, Status.CANCELLED)),
    (1, (D, R, A, Status.CANCELLED)),
    (1, (D, Status.ENTERED_IN_ERROR)),
    (2, (D, R, Status.ENTERED_IN_ERROR)),
]
for _, _pad in PADEN:
    for _van, _naar in zip(_pad, _pad[1:], strict=False):
        assert _naar in TOEGESTANE_OVERGANGEN[_van], f"{_van} → {_naar} is geen toegestane overgang"

# Transitions the receiver takes (the rest: the referrer).
DOOR_ONTVANGER = {A, Status.REJECTED, H, P, C, Status.FAILED}
# Typical time to the next status (days, lower and upper bound).
DUUR = {R: (0, 2), A: (0.1, 10), Status.REJECTED: (0.1, 10), H: (0.5, 14), P: (1, 30), C: (14, 180)}
STANDAARD_DUUR = (0.1, 20)
# Mean age in days of a referral by its current status: open ones are recent, closed ones spread over 2 years.
GEMIDDELDE_LEEFTIJD = {D: 12, R: 9, A: 30, H: 60, P: 90}
MAX_LEEFTIJD_DAGEN = 730
REDENEN = {
    Status.REJECTED: {
        Reden.NIET_IN_DOELGROEP: 40,
        Reden.GEEN_CAPACITEIT: 30,
        Reden.BUITEN_WERKINGSGEBIED: 20,
        Reden.ELDERS: 10,
    },
    H: {Reden.GEEN_CAPACITEIT: 90, Reden.NIET_BEREIKBAAR: 10},
    Status.FAILED: {Reden.NIET_BEREIKBAAR: 50, Reden.PERSOON_WEIGERT: 35, Reden.ANDERE: 15},
    Status.CANCELLED: {Reden.NIET_MEER_NODIG: 50, Reden.ELDERS: 30, Reden.PERSOON_WEIGERT: 20},
}
UITKOMSTEN = {Uitkomst.GEHOLPEN: 50, Uitkomst.GESTART: 25, Uitkomst.EENMALIG_ADVIES: 15, Uitkomst.ELDERS: 10}
VRAGEN = (
    "Alleenstaande moeder met schulden, zoekt hulp bij het opmaken van een budget.",
    "Mantelzorger van een partner met dementie is overbelast en wil respijtzorg.",
    "Jongere van 17 die schoolmoe is en thuis conflicten heeft.",
    "Oudere man die vereenzaamt na het overlijden van zijn vrouw.",
    "Gezin met drie kinderen dat uit huis gezet dreigt te worden.",
    "Nieuwkomer die Nederlands wil leren en werk zoekt.",
    "Vrouw met psychische klachten op de wachtlijst van de CGG, vraagt tussentijdse opvolging.",
    "Ouders met vragen over de ontwikkeling van hun peuter.",
)
CHUNK = 50_000

_DV_VELDEN = [
    "id",
    "uuid",
    "verwijzer",
    "verwijzer_organisatie",
    "aanbod",
    "ontvanger_organisatie",
    "contactpersoon",
    "behandelaar",
    "persoon_naam",
    "persoon_geboortejaar",
    "persoon_gemeente",
    "contactwijze",
    "contactgegevens",
    "contactmomenten",
    "tolk_nodig",
    "tolk_taal",
    "voor_mantelzorger",
    "mandaat",
    "vraag",
    "urgentie",
    "reeds_geprobeerd",
    "status",
    "status_reden",
    "status_toelichting",
    "uitkomst",
    "verwachte_start",
    "overbruggingsplan",
    "overbrugging_door",
    "aangemaakt_op",
    "verstuurd_op",
    "eerst_geopend_op",
    "eerste_reactie_op",
    "afgesloten_op",
    "gewijzigd_op",
    "gepseudonimiseerd_op",
]
_TOESTEMMING_VELDEN = [
    "doorverwijzing",
    "grond",
    "vorm",
    "door_vertegenwoordiger",
    "vertegenwoordiger",
    "bevestigd_door_verwijzer",
    "beiden_beroepsgeheim",
    "zelfde_persoon",
    "gedeeld_doel",
    "persoon_geinformeerd",
    "reikwijdte",
    "gegeven_op",
    "ingetrokken_op",
]
_GEBEURTENIS_VELDEN = [
    "doorverwijzing",
    "actor",
    "soort",
    "van_status",
    "naar_status",
    "reden",
    "toelichting",
    "tijdstip",
]


@dataclass
class Rijen:
    doorverwijzing: tuple
    toestemming: tuple | None
    gebeurtenissen: list[tuple]


def _kies(rng: random.Random, gewichten: dict):
    return rng.choices(list(gewichten), weights=list(gewichten.values()))[0]


def plan_doorverwijzingen(catalogus: Catalogus, *, aantal: int, seed: int, eerste_id: int) -> Iterator[Rijen]:
    """The rows of ``aantal`` referrals (ids from ``eerste_id``), generated lazily and deterministically."""
    rng = random.Random(f"{seed}:doorverwijzingen")
    verwijzers = [(user, org) for org, users in sorted(catalogus.medewerkers.items()) for user in users]
    if not verwijzers or not catalogus.aanbod:
        return
    met_medewerkers = [a for a in catalogus.aanbod if a[1] in catalogus.medewerkers]
    paden = [pad for _, pad in PADEN]
    gewichten = [gewicht for gewicht, _ in PADEN]
    nu = catalogus.nu
    for n in range(aantal):
        verwijzer, verwijzer_org = rng.choice(verwijzers)
        # A third goes to organisations with generated users, so their inboxes are realistic too.
        bron = met_medewerkers if met_medewerkers and rng.random() < 0.3 else catalogus.aanbod
        aanbod_id, ontvanger_org, gemeente_id = rng.choice(bron)
        for _ in range(5):  # a referral goes to another organisation
            if ontvanger_org != verwijzer_org:
                break
            aanbod_id, ontvanger_org, gemeente_id = rng.choice(catalogus.aanbod)
        pad = rng.choices(paden, weights=gewichten)[0]
        yield _referral(
            rng,
            catalogus,
            nu,
            eerste_id + n,
            seed,
            n,
            pad,
            verwijzer,
            verwijzer_org,
            aanbod_id,
            ontvanger_org,
            gemeente_id,
        )


def _referral(rng, catalogus, nu, dv_id, seed, n, pad, verwijzer, verwijzer_org, aanbod_id, ontvanger_org, gemeente_id):
    status = pad[-1]
    gemiddeld = GEMIDDELDE_LEEFTIJD.get(status)
    leeftijd = (
        min(rng.expovariate(1 / gemiddeld), MAX_LEEFTIJD_DAGEN) if gemiddeld else rng.uniform(1, MAX_LEEFTIJD_DAGEN)
    )
    aangemaakt = nu - timedelta(days=leeftijd)
    # Durations of the steps, scaled to fit between creation and now.
    duren = [rng.uniform(*DUUR.get(naar, STANDAARD_DUUR)) for naar in pad[1:]]
    schaal = min(1.0, leeftijd * 0.98 / sum(duren)) if duren else 1.0
    tijden, t = [aangemaakt], aangemaakt
    for duur in duren:
        t += timedelta(days=duur * schaal)
        tijden.append(t)

    ontvangers = catalogus.medewerkers.get(ontvanger_org, [])
    behandelaar = rng.choice(ontvangers) if ontvangers and A in pad else None
    gebeurtenissen = [(dv_id, verwijzer, GebeurtenisSoort.AANGEMAAKT, "", D, "", "", aangemaakt)]
    reden = ""
    verstuurd = eerste_reactie = afgesloten = None
    for van, naar, tijd in zip(pad, pad[1:], tijden[1:], strict=False):
        actor = (behandelaar or (ontvangers[0] if ontvangers else None)) if naar in DOOR_ONTVANGER else verwijzer
        reden = _kies(rng, REDENEN[naar]) if naar in REDEN_VERPLICHT else ""
        gebeurtenissen.append((dv_id, actor, GebeurtenisSoort.OVERGANG, van, naar, reden, "", tijd))
        if naar == R:
            verstuurd = tijd
        if van == R and naar in DOOR_ONTVANGER and eerste_reactie is None:
            eerste_reactie = tijd
        if naar in AFGESLOTEN:
            afgesloten = tijd
    eerst_geopend = None
    if verstuurd is not None and (eerste_reactie is not None or rng.random() < 0.6):
        tot = eerste_reactie or nu
        eerst_geopend = verstuurd + (tot - verstuurd) * rng.uniform(0.05, 0.9)

    toelichting = "Persoon gaf geen reden op." if reden == Reden.ANDERE else ""
    on_hold = status == H
    rij = (
        dv_id,
        stabiele_uuid(seed, "doorverwijzing", n),
        verwijzer,
        verwijzer_org,
        aanbod_id,
        ontvanger_org,
        "",
        behandelaar,
        f"{rng.choice('ABCDEFGHIJKLMNOPRSTVWZ')}.{rng.choice('ABCDEGHJKLMNOPRSTVWZ')}.",
        rng.randint(1935, 2024) if rng.random() < 0.9 else None,
        gemeente_id,
        _kies(
            rng,
            {Contactwijze.TELEFOON: 70, Contactwijze.EMAIL: 15, Contactwijze.VIA_VERWIJZER: 12, Contactwijze.BRIEF: 3},
        ),
        f"04{rng.randint(70, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        rng.choice(("", "Liefst in de voormiddag.", "Na 16 uur.", "Enkel op woensdag.")),
        (tolk := rng.random() < 0.06),
        rng.choice(("Arabisch", "Oekraïens", "Turks", "Dari")) if tolk else "",
        rng.random() < 0.1,
        "",
        rng.choice(VRAGEN),
        _kies(rng, {Urgentie.GEWOON: 80, Urgentie.DRINGEND: 15, Urgentie.ZEER_DRINGEND: 5}),
        "",
        status,
        reden if status in REDEN_VERPLICHT else "",
        toelichting if status in REDEN_VERPLICHT else "",
        _kies(rng, UITKOMSTEN) if status == C else "",
        (tijden[-1] + timedelta(weeks=rng.randint(2, 26))).date() if on_hold else None,
        "Wekelijks telefonisch contact met de verwijzer tot de start." if on_hold else "",
        "De verwijzer" if on_hold else "",
        aangemaakt,
        verstuurd,
        eerst_geopend,
        eerste_reactie,
        afgesloten,
        tijden[-1],
        None,
    )
    toestemming = None
    if verstuurd is not None:
        if rng.random() < 0.7:
            vorm = rng.choice((ToestemmingsVorm.SCHRIFTELIJK, ToestemmingsVorm.MONDELING))
            vertegenwoordigd = rng.random() < 0.08
            toestemming = (
                dv_id,
                Grond.TOESTEMMING,
                vorm,
                vertegenwoordigd,
                "Dochter (bewindvoerder)" if vertegenwoordigd else "",
                True,
                False,
                False,
                False,
                False,
                "De hulpvraag en contactgegevens.",
                aangemaakt.date(),
                None,
            )
        else:
            toestemming = (
                dv_id,
                Grond.GEDEELD_BEROEPSGEHEIM,
                "",
                False,
                "",
                False,
                True,
                True,
                True,
                True,
                "Wat nodig is voor de begeleiding.",
                aangemaakt.date(),
                None,
            )
    return Rijen(rij, toestemming, gebeurtenissen)


def genereer_doorverwijzingen(*, catalogus: Catalogus, aantal: int, seed: int, stopwatch: Stopwatch) -> None:
    """Load ``aantal`` referrals with their consent rows and event log, in chunks of COPY statements."""
    if aantal <= 0:
        return
    eerste_id = reserveer_ids(Doorverwijzing, aantal)
    rijen = plan_doorverwijzingen(catalogus, aantal=aantal, seed=seed, eerste_id=eerste_id)
    while True:
        blok: list[Rijen] = []
        stopwatch.meet("plannen doorverwijzingen", lambda blok=blok: blok.extend(islice(rijen, CHUNK)))
        if not blok:
            break
        stopwatch.meet(
            "doorverwijzingen",
            lambda blok=blok: {
                "doorverwijzing_doorverwijzing": kopieer_model(
                    Doorverwijzing, _DV_VELDEN, (r.doorverwijzing for r in blok)
                )
            },
        )
        stopwatch.meet(
            "toestemmingen",
            lambda blok=blok: {
                "doorverwijzing_toestemming": kopieer_model(
                    Toestemming, _TOESTEMMING_VELDEN, (r.toestemming for r in blok if r.toestemming)
                )
            },
        )
        stopwatch.meet(
            "gebeurtenissen",
            lambda blok=blok: {
                "doorverwijzing_gebeurtenis": kopieer_model(
                    Gebeurtenis, _GEBEURTENIS_VELDEN, (g for r in blok for g in r.gebeurtenissen)
                )
            },
        )


def tabellen() -> list[str]:
    return [Doorverwijzing._meta.db_table, Toestemming._meta.db_table, Gebeurtenis._meta.db_table]
