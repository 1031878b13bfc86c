"""Loading a planned catalogue with COPY, and the generated users; the entry point ``genereer_catalogus``."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from aanbod.constants import AanbodStatus
from aanbod.demodata.bouwstenen import VOORNAMEN
from aanbod.models import Aanbod, Locatie, Medewerker, Openingsuur, Organisatie
from aanbod.testdata.kopie import kopieer, kopieer_model, reserveer_ids
from aanbod.testdata.plan import FICTIEF, Plan, Referentie, TestdataFout, plan_catalogus, slug_prefix, uren_van

MAX_GEBRUIKERS = 300  # "a few hundred" professionals who send and receive the generated referrals

_ORGANISATIE_VELDEN = [
    "id",
    "uuid",
    "slug",
    "naam",
    "kbo_nummer",
    "soort",
    "beschrijving",
    "website",
    "email",
    "telefoon",
    "hoofdorganisatie",
    "actief",
    "is_fictief",
    "aangemaakt_op",
    "gewijzigd_op",
]
_LOCATIE_VELDEN = [
    "id",
    "uuid",
    "organisatie",
    "naam",
    "straat",
    "postcode",
    "gemeente",
    "latitude",
    "longitude",
    "rolstoeltoegankelijk",
    "toegankelijkheid",
    "openbaar_vervoer",
    "openingsuren_toelichting",
    "actief",
    "aangemaakt_op",
    "gewijzigd_op",
]
_AANBOD_VELDEN = [
    "id",
    "uuid",
    "slug",
    "naam",
    "beschrijving",
    "organisatie",
    "ondersteuningsvorm",
    "leeftijd_min",
    "leeftijd_max",
    "aanmelding",
    "meebrengen",
    "kostprijs",
    "kostprijs_toelichting",
    "talen",
    "werkvormen",
    "werkingsgebied_vlaanderen",
    "contactpersoon",
    "contactpersoon_functie",
    "telefoon",
    "email",
    "website",
    "openingsuren_toelichting",
    "capaciteit",
    "wachttijd_weken",
    "capaciteit_bijgewerkt_op",
    "status",
    "laatst_gecontroleerd_op",
    "laatst_gecontroleerd_door",
    "is_fictief",
    "aangemaakt_op",
    "gewijzigd_op",
]
_KOPPELINGEN = {
    "doelgroepen": "doelgroep_id",
    "levensdomeinen": "levensdomein_id",
    "themas": "thema_id",
    "toegangswegen": "toegangsweg_id",
}


def _array(waarden: list[str]) -> str:
    # PostgreSQL array literal; the codes are plain identifiers, no quoting needed.
    return "{" + ",".join(waarden) + "}"


@dataclass
class Catalogus:
    """What the referral generator needs from the loaded catalogue."""

    seed: int
    nu: datetime
    aanbod: list[tuple[int, int, int]]  # (aanbod id, organisatie id, gemeente id) of listed aanbod
    medewerkers: dict[int, list[int]]  # organisatie id → user ids


def laad_plan(plan: Plan, stopwatch) -> tuple[list[int], list[int], list[int]]:
    """COPY the plan into the database; returns the ids given to organisations, locations and aanbod."""
    org0 = reserveer_ids(Organisatie, len(plan.organisaties))
    loc0 = reserveer_ids(Locatie, len(plan.locaties))
    aanbod0 = reserveer_ids(Aanbod, len(plan.aanbod))
    org_ids = [org0 + i for i in range(len(plan.organisaties))]
    loc_ids = [loc0 + i for i in range(len(plan.locaties))]
    aanbod_ids = [aanbod0 + i for i in range(len(plan.aanbod))]

    def organisaties():
        rijen = (
            (
                org_ids[i],
                o.uuid,
                o.slug,
                o.naam,
                o.kbo,
                o.soort,
                FICTIEF,
                f"https://{o.slug[:60]}.example",
                f"info@{o.slug[:60]}.example",
                o.telefoon,
                None,
                o.actief,
                True,
                o.aangemaakt_op,
                o.aangemaakt_op,
            )
            for i, o in enumerate(plan.organisaties)
        )
        return {"aanbod_organisatie": kopieer_model(Organisatie, _ORGANISATIE_VELDEN, rijen)}

    def locaties():
        rijen = (
            (
                loc_ids[i],
                loc.uuid,
                org_ids[loc.organisatie],
                loc.naam,
                loc.straat,
                loc.postcode,
                loc.gemeente_id,
                loc.latitude,
                loc.longitude,
                loc.rolstoeltoegankelijk,
                loc.toegankelijkheid,
                loc.openbaar_vervoer,
                "" if loc.patroon else "Enkel op afspraak.",
                True,
                plan.organisaties[loc.organisatie].aangemaakt_op,
                plan.organisaties[loc.organisatie].aangemaakt_op,
            )
            for i, loc in enumerate(plan.locaties)
        )
        return {"aanbod_locatie": kopieer_model(Locatie, _LOCATIE_VELDEN, rijen)}

    def koppelingen():
        # The facet links go in *before* the aanbod rows: the foreign keys are deferred to the end of
        # the transaction, and the aanbod row trigger then computes each search vector once, facet
        # labels included, instead of the link-table triggers rewriting every aanbod three times.
        aantallen = {}
        for sleutel, kolom in _KOPPELINGEN.items():
            tabel = getattr(Aanbod, sleutel).through._meta.db_table
            rijen = ((aanbod_ids[i], x) for i, a in enumerate(plan.aanbod) for x in a.facetten[sleutel])
            aantallen[tabel] = kopieer(tabel, ["aanbod_id", kolom], rijen)
        for sleutel, kolom, waarden in (
            ("werkingsgebied_gemeenten", "gemeente_id", lambda a: a.gemeenten),
            ("werkingsgebied_zones", "eerstelijnszone_id", lambda a: a.zones),
            ("locaties", "locatie_id", lambda a: [loc_ids[x] for x in a.locaties]),
        ):
            tabel = getattr(Aanbod, sleutel).through._meta.db_table
            rijen = ((aanbod_ids[i], x) for i, a in enumerate(plan.aanbod) for x in waarden(a))
            aantallen[tabel] = kopieer(tabel, ["aanbod_id", kolom], rijen)
        return aantallen

    def aanbod():
        rijen = (
            (
                aanbod_ids[i],
                a.uuid,
                a.slug,
                a.naam,
                a.beschrijving,
                org_ids[a.organisatie],
                a.concept_id,
                a.leeftijd[0],
                a.leeftijd[1],
                a.aanmelding,
                "",
                a.kostprijs,
                "",
                _array(a.talen),
                _array(a.werkvormen),
                a.vlaanderen,
                a.contactpersoon,
                "",
                a.telefoon,
                f"aanbod{i}@{plan.organisaties[a.organisatie].slug[:60]}.example",
                "",
                "",
                a.capaciteit,
                a.wachttijd,
                a.capaciteit_op,
                a.status,
                a.gecontroleerd_op,
                None,
                True,
                a.aangemaakt_op,
                a.aangemaakt_op,
            )
            for i, a in enumerate(plan.aanbod)
        )
        return {"aanbod_aanbod": kopieer_model(Aanbod, _AANBOD_VELDEN, rijen)}

    def openingsuren():
        def rijen():
            for i, loc in enumerate(plan.locaties):
                if loc.patroon:
                    for dag, van, tot in uren_van(loc.patroon):
                        yield loc_ids[i], None, dag, van, tot
            for i, a in enumerate(plan.aanbod):
                if a.telefoonuren:
                    for dag, van, tot in uren_van("telefoon"):
                        yield None, aanbod_ids[i], dag, van, tot

        return {"aanbod_openingsuur": kopieer_model(Openingsuur, ["locatie", "aanbod", "dag", "van", "tot"], rijen())}

    stopwatch.meet("organisaties", organisaties)
    stopwatch.meet("locaties", locaties)
    stopwatch.meet("koppelingen aanbod", koppelingen)
    stopwatch.meet("aanbod (met zoekvector)", aanbod)
    stopwatch.meet("openingsuren", openingsuren)
    return org_ids, loc_ids, aanbod_ids


def maak_medewerkers(plan: Plan, org_ids: list[int], nu: datetime) -> dict[int, list[int]]:
    """A few hundred generated users, each a Medewerker of one generated organisation (with ORM bulk inserts)."""
    rng = random.Random(f"{plan.seed}:medewerkers")
    aantal = min(MAX_GEBRUIKERS, max(2, len(org_ids) // 10))
    actief = [i for i, o in enumerate(plan.organisaties) if o.actief]
    organisaties = sorted(rng.sample(actief, min(len(actief), max(1, aantal * 2 // 3))))
    wachtwoord = make_password(None)  # unusable: generated users cannot log in until a password is set
    gebruikers = []
    for n in range(aantal):
        voornaam = rng.choice(VOORNAMEN)
        gebruikers.append(
            get_user_model()(
                username=f"{slug_prefix(plan.seed)}gebruiker-{n:04d}",
                first_name=voornaam,
                last_name=f"Test{n:04d}",
                email=f"{slug_prefix(plan.seed)}gebruiker-{n:04d}@fictief.example",
                password=wachtwoord,
                date_joined=nu,
            )
        )
    gebruikers = get_user_model().objects.bulk_create(gebruikers)
    medewerkers = []
    per_organisatie: dict[int, list[int]] = {}
    for n, gebruiker in enumerate(gebruikers):
        # Every chosen organisation gets one user first; the rest are spread over them.
        org_id = org_ids[organisaties[n] if n < len(organisaties) else rng.choice(organisaties)]
        per_organisatie.setdefault(org_id, []).append(gebruiker.pk)
        medewerkers.append(
            Medewerker(
                user=gebruiker,
                organisatie_id=org_id,
                rol="redacteur" if rng.random() < 0.2 else "hulpverlener",
                functie=rng.choice(("Maatschappelijk werker", "Consulent", "Verpleegkundige", "Psycholoog")),
            )
        )
    Medewerker.objects.bulk_create(medewerkers)
    return per_organisatie


def genereer_catalogus(*, aantal: int, seed: int, stopwatch, nu: datetime | None = None) -> Catalogus:
    """Plan and load ``aantal`` aanbod with their organisations, locations, hours and users.

    Refuses when this seed was already generated in the database (slugs and uuids would collide).
    """
    if Organisatie.objects.filter(slug__startswith=slug_prefix(seed)).exists():
        raise TestdataFout(f"Er zijn al testgegevens met seed {seed} in deze databank; kies een andere seed.")
    nu = nu or standaard_nu()
    ref = Referentie.uit_databank()
    bezette_kbo = set(Organisatie.objects.exclude(kbo_nummer=None).values_list("kbo_nummer", flat=True))
    plan = Plan(seed)
    medewerkers: dict[int, list[int]] = {}

    def plannen():
        nonlocal plan
        plan = plan_catalogus(ref, aantal=aantal, seed=seed, nu=nu, bezette_kbo=bezette_kbo)

    def gebruikers():
        medewerkers.update(maak_medewerkers(plan, org_ids, nu))
        aantal_gebruikers = sum(len(users) for users in medewerkers.values())
        return {"auth_user": aantal_gebruikers, "aanbod_medewerker": aantal_gebruikers}

    stopwatch.meet("plannen catalogus", plannen)
    org_ids, _, aanbod_ids = laad_plan(plan, stopwatch)
    stopwatch.meet("gebruikers en medewerkers", gebruikers)
    zichtbaar = [
        (aanbod_ids[i], org_ids[a.organisatie], a.gemeente_id)
        for i, a in enumerate(plan.aanbod)
        if a.status == AanbodStatus.ACTIEF and plan.organisaties[a.organisatie].actief
    ]
    return Catalogus(seed=seed, nu=nu, aanbod=zichtbaar, medewerkers=medewerkers)


def standaard_nu() -> datetime:
    """Midnight today (local time): the same seed gives the same rows all day long."""
    return timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)


def tabellen() -> list[str]:
    """The catalogue tables this generator fills (for ANALYZE)."""
    tabellen = [Organisatie._meta.db_table, Locatie._meta.db_table, Aanbod._meta.db_table, Openingsuur._meta.db_table]
    for sleutel in [*_KOPPELINGEN, "werkingsgebied_gemeenten", "werkingsgebied_zones", "locaties"]:
        tabellen.append(getattr(Aanbod, sleutel).through._meta.db_table)
    return [*tabellen, Medewerker._meta.db_table, get_user_model()._meta.db_table]
