"""Writing the demo plan to the database: idempotent, in one transaction, with bulk inserts.

Records are matched on stable keys (slugs; a deterministic UUID for locations). What already exists is
left untouched, so a second run creates nothing and changes nothing, whatever the date.
"""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from aanbod.demodata.curatie import laad_demo_curatie
from aanbod.demodata.gebruikers import koppel_gebruikers, maak_gebruikers
from aanbod.demodata.organisaties import organisaties
from aanbod.demodata.plan import AanbodPlan, Kaart, LocatiePlan, OrganisatiePlan, Plan, Planner
from aanbod.models import Aanbod, Locatie, Ondersteuningsvorm, Openingsuur, Organisatie
from aanbod.referentiedata import VOCABULARIA, Telling, Verslag
from aanbod.zoeken.woorden import ververs_zoekwoorden

STANDAARD_SEED = 2025

_ORGANISATIE_VELDEN = ("slug", "naam", "soort", "beschrijving", "kbo_nummer", "website", "email", "telefoon", "actief")
_LOCATIE_VELDEN = (
    "naam",
    "straat",
    "postcode",
    "latitude",
    "longitude",
    "rolstoeltoegankelijk",
    "toegankelijkheid",
    "openbaar_vervoer",
    "openingsuren_toelichting",
)
_AANBOD_VELDEN = (
    "slug",
    "naam",
    "beschrijving",
    "leeftijd_min",
    "leeftijd_max",
    "kostprijs",
    "kostprijs_toelichting",
    "talen",
    "werkvormen",
    "aanmelding",
    "meebrengen",
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
)


def maak_plan(kaart: Kaart, *, seed: int = STANDAARD_SEED) -> Plan:
    """The demo data as it would be created now on an empty database (nothing is written)."""
    bezette_kbo = dict(Organisatie.objects.exclude(kbo_nummer=None).values_list("kbo_nummer", "slug"))
    planner = Planner(kaart, seed=seed, nu=timezone.now(), bezette_kbo=bezette_kbo)
    return planner.maak(organisaties(kaart.zone_gemeenten))


@transaction.atomic
def laad_demodata(*, seed: int = STANDAARD_SEED) -> Verslag:
    """Load the fictitious Kempen organisations, locations, aanbod and demo users; all or nothing."""
    kaart = Kaart.lees()
    plan = maak_plan(kaart, seed=seed)
    verslag = Verslag()
    gebruikers, verslag.tellingen["gebruikers"] = maak_gebruikers()
    org_ids, verslag.tellingen["organisaties"] = _schrijf_organisaties(plan.organisaties)
    loc_ids, verslag.tellingen["locaties"], nieuwe_locaties = _schrijf_locaties(plan.organisaties, org_ids, kaart)
    aanbod_ids, verslag.tellingen["aanbod"], nieuw_aanbod = _schrijf_aanbod(plan.aanbod, org_ids, gebruikers)
    _schrijf_koppelingen(nieuw_aanbod, aanbod_ids, loc_ids, kaart)
    verslag.tellingen["openingsuren"] = _schrijf_openingsuren(nieuwe_locaties, nieuw_aanbod, loc_ids, aanbod_ids)
    verslag.tellingen["medewerkers"], verslag.tellingen["curatoren"] = koppel_gebruikers(gebruikers, org_ids)
    verslag.tellingen["meldingen"] = laad_demo_curatie()
    if verslag.gewijzigd:
        ververs_zoekwoorden()
    return verslag


def _bestaand(model: type[models.Model], veld: str, sleutels: list) -> dict:
    return dict(model.objects.filter(**{f"{veld}__in": sleutels}).values_list(veld, "id"))


def _schrijf_organisaties(plannen: list[OrganisatiePlan]) -> tuple[dict[str, int], Telling]:
    ids = _bestaand(Organisatie, "slug", [o.slug for o in plannen])
    ongewijzigd = len(ids)
    nieuw = [o for o in plannen if o.slug not in ids]
    # Parents first: a department's hoofdorganisatie needs its id (one level of nesting).
    for ronde in ([o for o in nieuw if not o.hoofd], [o for o in nieuw if o.hoofd]):
        objecten = [
            Organisatie(
                **{veld: getattr(o, veld) for veld in _ORGANISATIE_VELDEN},
                hoofdorganisatie_id=ids[o.hoofd] if o.hoofd else None,
                is_fictief=True,
            )
            for o in ronde
        ]
        Organisatie.objects.bulk_create(objecten)
        ids |= {obj.slug: obj.pk for obj in objecten}
    return ids, Telling(aangemaakt=len(nieuw), ongewijzigd=ongewijzigd)


def _schrijf_locaties(
    plannen: list[OrganisatiePlan], org_ids: dict[str, int], kaart: Kaart
) -> tuple[dict[str, int], Telling, list[LocatiePlan]]:
    per_sleutel = {loc.sleutel: (org, loc) for org in plannen for loc in org.locaties}
    bestaand = _bestaand(Locatie, "uuid", [loc.uuid for _, loc in per_sleutel.values()])
    nieuw = [(org, loc) for org, loc in per_sleutel.values() if loc.uuid not in bestaand]
    objecten = [
        Locatie(
            uuid=loc.uuid,
            organisatie_id=org_ids[org.slug],
            gemeente_id=kaart.gemeenten[loc.gemeente].pk,
            **{veld: getattr(loc, veld) for veld in _LOCATIE_VELDEN},
        )
        for org, loc in nieuw
    ]
    Locatie.objects.bulk_create(objecten)
    ids = {sleutel: bestaand.get(loc.uuid) for sleutel, (_, loc) in per_sleutel.items()}
    ids |= {loc.sleutel: obj.pk for (_, loc), obj in zip(nieuw, objecten, strict=True)}
    return ids, Telling(aangemaakt=len(nieuw), ongewijzigd=len(bestaand)), [loc for _, loc in nieuw]


def _schrijf_aanbod(
    plannen: list[AanbodPlan], org_ids: dict[str, int], gebruikers: dict[str, int]
) -> tuple[dict[str, int], Telling, list[AanbodPlan]]:
    ids = _bestaand(Aanbod, "slug", [a.slug for a in plannen])
    ongewijzigd = len(ids)
    concepten = dict(Ondersteuningsvorm.objects.values_list("slug", "id"))
    nieuw = [a for a in plannen if a.slug not in ids]
    objecten = [
        Aanbod(
            **{veld: getattr(a, veld) for veld in _AANBOD_VELDEN},
            organisatie_id=org_ids[a.organisatie],
            ondersteuningsvorm_id=concepten.get(a.concept) if a.concept else None,
            werkingsgebied_vlaanderen=a.gebied.vlaanderen,
            laatst_gecontroleerd_door_id=gebruikers.get(a.gecontroleerd_door) if a.gecontroleerd_door else None,
            is_fictief=True,
        )
        for a in nieuw
    ]
    Aanbod.objects.bulk_create(objecten, batch_size=500)
    ids |= {obj.slug: obj.pk for obj in objecten}
    return ids, Telling(aangemaakt=len(nieuw), ongewijzigd=ongewijzigd), nieuw


def _schrijf_koppelingen(
    nieuw: list[AanbodPlan], aanbod_ids: dict[str, int], loc_ids: dict[str, int], kaart: Kaart
) -> None:
    """The many-to-many rows of new aanbod: facets, werkingsgebied and locations, one bulk insert each."""
    doelen: dict[str, dict] = {
        veld: dict(model.objects.values_list("code", "id")) for veld, model in VOCABULARIA.items()
    }
    doelen["werkingsgebied_zones"] = {code: zone.pk for code, zone in kaart.zones.items()}
    doelen["werkingsgebied_gemeenten"] = {slug: g.pk for slug, g in kaart.gemeenten.items()}
    doelen["locaties"] = loc_ids
    for veld, ids in doelen.items():
        relatie = Aanbod._meta.get_field(veld)
        through = relatie.remote_field.through
        bron, doel = f"{relatie.m2m_field_name()}_id", f"{relatie.m2m_reverse_field_name()}_id"
        rijen = [
            through(**{bron: aanbod_ids[a.slug], doel: ids[sleutel]}) for a in nieuw for sleutel in _sleutels(a, veld)
        ]
        through.objects.bulk_create(rijen, batch_size=1000)


def _sleutels(aanbod: AanbodPlan, veld: str) -> list[str]:
    if veld == "werkingsgebied_zones":
        return list(aanbod.gebied.zones)
    if veld == "werkingsgebied_gemeenten":
        return list(aanbod.gebied.gemeenten)
    if veld == "locaties":
        return aanbod.locaties
    return aanbod.facetten.get(veld, [])


def _schrijf_openingsuren(
    nieuwe_locaties: list[LocatiePlan],
    nieuw_aanbod: list[AanbodPlan],
    loc_ids: dict[str, int],
    aanbod_ids: dict[str, int],
) -> Telling:
    """Opening hours are created with their location or aanbod, never added to existing ones."""
    # Counted before the insert: the new locations and aanbod have no hours yet.
    bestaand = Openingsuur.objects.filter(
        Q(locatie_id__in=list(loc_ids.values())) | Q(aanbod_id__in=list(aanbod_ids.values()))
    ).count()
    rijen = [
        Openingsuur(locatie_id=loc_ids[loc.sleutel], dag=dag, van=van, tot=tot)
        for loc in nieuwe_locaties
        for dag, van, tot in loc.uren
    ]
    rijen += [
        Openingsuur(aanbod_id=aanbod_ids[a.slug], dag=dag, van=van, tot=tot)
        for a in nieuw_aanbod
        for dag, van, tot in a.uren
    ]
    Openingsuur.objects.bulk_create(rijen, batch_size=1000)
    return Telling(aangemaakt=len(rijen), ongewijzigd=bestaand)
