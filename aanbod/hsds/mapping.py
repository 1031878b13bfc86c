"""The catalogue as Open Referral HSDS 3.0 objects: pure functions from our models to JSON-ready dicts.

Conventions of the Flemish profile (docs/hsds-profile.md):

- Ids are the objects' ``uuid``; objects we do not store as rows (an address, a phone, a schedule, an
  attribute, …) get a UUIDv5 derived from their owner and content, so the same data always has the same
  id, also after an export → import → export round trip.
- Optional values we do not have are omitted, never ``null`` or ``""``: the HSDS schemas type them as
  strings or numbers, and an empty ``url`` or ``email`` is not a valid URI or address.
- Every function reads only what :func:`prefetch_voor_hsds` (or :func:`prefetch_organisaties_voor_hsds`)
  loads, so a page of N services costs a constant number of queries.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Greatest

from aanbod.constants import AanbodStatus, Capaciteit, Kostprijs, OrganisatieSoort, Taal, Werkvorm
from aanbod.models import (
    Aanbod,
    Doelgroep,
    Eerstelijnszone,
    Gemeente,
    Levensdomein,
    Locatie,
    Ondersteuningsvorm,
    Openingsuur,
    Organisatie,
    Thema,
    Toegangsweg,
)

HSDS_VERSIE = "3.0"
# Fixed for ever: every derived id (taxonomies, choice terms, addresses, schedules, …) hangs off it.
HSDS_NAMESPACE = uuid.UUID("3596eb69-b215-4aef-aec6-c21df564702c")

KBO_SCHEMA = "BE-BCE_KBO"  # org-id.guide: Crossroads Bank for Enterprises
KBO_TYPE = "KBO-nummer"
LAND = "BE"
TAAL_VAN_DE_TERMEN = "nl"
MUNT = "EUR"

VLAANDEREN_EN_BRUSSEL = "Vlaanderen en Brussel"
GEWESTCODES = "BE-VLG BE-BRU"  # ISO 3166-2 codes of the Flemish and Brussels regions
EXTENT_TYPE = "text"

# HSDS 3.0 has "temporarily closed"; "inactive" is what the aanbod of a deactivated organisation is.
STATUS_NAAR_HSDS = {
    AanbodStatus.ACTIEF: "active",
    AanbodStatus.TIJDELIJK_GESLOTEN: "temporarily closed",
    AanbodStatus.STOPGEZET: "defunct",
}
ORGANISATIE_INACTIEF = "inactive"

DAGCODES = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}

ROLSTOEL_JA = "Rolstoeltoegankelijk"
ROLSTOEL_NEE = "Niet rolstoeltoegankelijk"


# --- ids -----------------------------------------------------------------------------------------


_SHA1_NAMESPACE = hashlib.sha1(HSDS_NAMESPACE.bytes, usedforsecurity=False)
# The variant nibble of a uuid5: the top two bits of the hash's 17th hex digit become 10.
_VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}


def afgeleid_id(*delen: object) -> str:
    """A stable UUID for an object that has no row of its own (an address, a phone, a schedule, …).

    ``str(uuid.uuid5(HSDS_NAMESPACE, naam))``, computed on the hex digest without building a UUID
    object: an export derives tens of ids per service, and uuid5 itself was a third of its time.
    """
    sha = _SHA1_NAMESPACE.copy()
    sha.update("/".join(map(str, delen)).encode())
    x = sha.hexdigest()
    return f"{x[:8]}-{x[8:12]}-5{x[13:16]}-{_VARIANT[x[16]]}{x[17:20]}-{x[20:32]}"


_61_BITS = (1 << 61) - 1
_62_BITS = (1 << 62) - 1


def service_at_location_id(aanbod_uuid: uuid.UUID, locatie_uuid: uuid.UUID) -> str:
    """The id of an aanbod × locatie pair: an RFC 9562 version 8 UUID holding 61 bits of each uuid.

    The pair has no row of its own; packing both prefixes (instead of hashing) lets
    ``/service_at_locations/{id}`` find the pair with two index range lookups.
    """
    bits = ((aanbod_uuid.int >> 67) << 61) | (locatie_uuid.int >> 67)  # 122 bits
    waarde = (bits >> 74) << 80 | 0x8 << 76 | ((bits >> 62) & 0xFFF) << 64 | 0b10 << 62 | (bits & _62_BITS)
    return str(uuid.UUID(int=waarde))


def ontleed_service_at_location_id(waarde: uuid.UUID) -> tuple[tuple[uuid.UUID, uuid.UUID], ...] | None:
    """The uuid ranges (aanbod, locatie) a service_at_location id points into; None if it is not one of ours."""
    if waarde.version != 8:
        return None
    getal = waarde.int
    bits = (getal >> 80) << 74 | ((getal >> 64) & 0xFFF) << 62 | (getal & _62_BITS)
    return tuple(_bereik(prefix) for prefix in (bits >> 61, bits & _61_BITS))


def _bereik(prefix: int) -> tuple[uuid.UUID, uuid.UUID]:
    return uuid.UUID(int=prefix << 67), uuid.UUID(int=(prefix << 67) | ((1 << 67) - 1))


# --- taxonomies ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Taxonomie:
    """One of our controlled lists, published as an HSDS taxonomy; ``link_type`` goes on its attributes."""

    naam: str
    beschrijving: str
    link_type: str

    @property
    def id(self) -> str:
        return str(uuid.uuid5(HSDS_NAMESPACE, f"taxonomy/{self.naam}"))


DOELGROEPEN = Taxonomie("doelgroepen", "Doelgroepen: voor wie het aanbod bedoeld is.", "eligibility")
LEVENSDOMEINEN = Taxonomie("levensdomeinen", "Levensdomeinen waarover het aanbod helpt.", "life_domain")
THEMAS = Taxonomie("themas", "Thema's waarop mensen zoeken.", "topic")
TOEGANGSWEGEN = Taxonomie("toegangswegen", "Toegangswegen: hoe iemand binnenkomt.", "access_route")
ONDERSTEUNINGSVORMEN = Taxonomie(
    "ondersteuningsvormen",
    "Erkende ondersteuningsvormen (concepten) waarvan het aanbod een lokale invulling is.",
    "service_type",
)
WERKVORMEN = Taxonomie("werkvormen", "Werkvormen: hoe het aanbod geleverd wordt.", "delivery_method")
CAPACITEIT = Taxonomie(
    "capaciteit",
    "Capaciteit en wachttijd; de waarde van het attribuut geeft de datum of het aantal weken.",
    "capacity",
)
ORGANISATIESOORTEN = Taxonomie("organisatiesoorten", "Soorten organisaties.", "organization_type")

TAXONOMIEEN = (
    DOELGROEPEN,
    LEVENSDOMEINEN,
    THEMAS,
    TOEGANGSWEGEN,
    ONDERSTEUNINGSVORMEN,
    WERKVORMEN,
    CAPACITEIT,
    ORGANISATIESOORTEN,
)
TAXONOMIE_PER_NAAM = {t.naam: t for t in TAXONOMIEEN}

# The M2M facets of Aanbod and the vocabulary (model, taxonomy) behind each.
VOCABULARIA: dict[str, tuple[type, Taxonomie]] = {
    "doelgroepen": (Doelgroep, DOELGROEPEN),
    "levensdomeinen": (Levensdomein, LEVENSDOMEINEN),
    "themas": (Thema, THEMAS),
    "toegangswegen": (Toegangsweg, TOEGANGSWEGEN),
}

WACHTTIJD_CODE = "wachttijd_weken"


@dataclass(frozen=True)
class Term:
    """A taxonomy term, whatever it comes from: a vocabulary row, a concept or a closed choice list."""

    taxonomie: Taxonomie
    id: str
    code: str
    naam: str
    uitleg: str = ""


def term_van_vocabularium(waarde, taxonomie: Taxonomie) -> Term:
    return Term(taxonomie, str(waarde.uuid), waarde.code, waarde.label, waarde.uitleg)


def term_van_ondersteuningsvorm(vorm: Ondersteuningsvorm) -> Term:
    return Term(ONDERSTEUNINGSVORMEN, str(vorm.uuid), vorm.slug, vorm.naam, vorm.samenvatting)


def term_van_keuze(taxonomie: Taxonomie, code: str, label: object, uitleg: str = "") -> Term:
    return Term(taxonomie, afgeleid_id("taxonomy_term", taxonomie.naam, code), code, str(label), uitleg)


def keuzetermen() -> list[Term]:
    """The terms of the lists that change only with the code: delivery modes, capacity, organisation kinds."""
    termen = [term_van_keuze(WERKVORMEN, code, label) for code, label in Werkvorm.choices]
    termen += [
        term_van_keuze(CAPACITEIT, code, label) for code, label in Capaciteit.choices if code != Capaciteit.ONBEKEND
    ]
    termen.append(
        term_van_keuze(CAPACITEIT, WACHTTIJD_CODE, "Geschatte wachttijd", "Het aantal weken staat in de waarde.")
    )
    termen += [term_van_keuze(ORGANISATIESOORTEN, code, label) for code, label in OrganisatieSoort.choices]
    return termen


KEUZETERMEN: dict[tuple[str, str], Term] = {(t.taxonomie.naam, t.code): t for t in keuzetermen()}


def keuzeterm(taxonomie: Taxonomie, code: str) -> Term:
    return KEUZETERMEN[(taxonomie.naam, code)]


def alle_termen() -> list[Term]:
    """Every term of every taxonomy, retired vocabulary values included (old aanbod may still use them)."""
    termen: list[Term] = []
    for model, taxonomie in VOCABULARIA.values():
        termen += [term_van_vocabularium(w, taxonomie) for w in model.objects.order_by("volgorde", "label", "id")]
    termen += [term_van_ondersteuningsvorm(v) for v in Ondersteuningsvorm.objects.order_by("naam", "id")]
    return termen + keuzetermen()


def zoek_term(term_id: uuid.UUID) -> Term | None:
    """The term with this id, or None (one query per vocabulary at most)."""
    for model, taxonomie in VOCABULARIA.values():
        waarde = model.objects.filter(uuid=term_id).first()
        if waarde is not None:
            return term_van_vocabularium(waarde, taxonomie)
    vorm = Ondersteuningsvorm.objects.filter(uuid=term_id).first()
    if vorm is not None:
        return term_van_ondersteuningsvorm(vorm)
    return next((t for t in KEUZETERMEN.values() if t.id == str(term_id)), None)


def taxonomy(taxonomie: Taxonomie) -> dict[str, Any]:
    return {"id": taxonomie.id, "name": taxonomie.naam, "description": taxonomie.beschrijving, "version": "1"}


def taxonomy_term(term: Term) -> dict[str, Any]:
    return _zonder_leeg(
        {
            "id": term.id,
            "code": term.code,
            "name": term.naam,
            # Required by HSDS; a term without an explanation is described by its own label.
            "description": term.uitleg or term.naam,
            "taxonomy": term.taxonomie.naam,
            "language": TAAL_VAN_DE_TERMEN,
            "taxonomy_id": term.taxonomie.id,
        }
    )


def attribute(link_id: str, link_entity: str, term: Term, waarde: str | None = None) -> dict[str, Any]:
    return _zonder_leeg(
        {
            "id": afgeleid_id("attribute", link_entity, link_id, term.id),
            "link_id": link_id,
            "taxonomy_term_id": term.id,
            "link_type": term.taxonomie.link_type,
            "link_entity": link_entity,
            "value": waarde,
            "taxonomy_term": taxonomy_term(term),
        }
    )


# --- query efficiency ----------------------------------------------------------------------------


def laatst_gewijzigd_expressie():
    """SQL for a service's last_modified: the newest change of the aanbod, its organisation or its locations.

    HSDS: "the datetime when the service, or any related information about the service, has changed".
    """
    locaties = (
        Locatie.objects.filter(aanbod=OuterRef("pk"))
        .order_by()
        .values("aanbod")
        .annotate(laatst=Max("gewijzigd_op"))
        .values("laatst")
    )
    # PostgreSQL's GREATEST ignores NULLs: an aanbod without locations counts its own time.
    return Greatest("gewijzigd_op", "organisatie__gewijzigd_op", Subquery(locaties))


def gewijzigd_sinds(tijdstip) -> Q:
    """``last_modified >= tijdstip``, written so that each part uses its own index.

    GREATEST(a, b, c) >= t holds exactly when a >= t, b >= t or c >= t (GREATEST ignores NULLs, and so
    does an EXISTS over no locations). Filtering on the GREATEST itself computed it for every aanbod:
    1.3 s for a sync at 100k services that had 177 changes.
    """
    # ``= ANY(ARRAY(subquery))``: each array is computed once and the planner ORs three index scans;
    # a join or an EXISTS inside the OR is checked row by row over the whole catalogue.
    organisaties = ArraySubquery(Organisatie.objects.filter(gewijzigd_op__gte=tijdstip).values("id"))
    via_locatie = ArraySubquery(
        Aanbod.locaties.through.objects.filter(locatie__gewijzigd_op__gte=tijdstip).values("aanbod_id")
    )
    return Q(gewijzigd_op__gte=tijdstip) | Q(organisatie_id__any=organisaties) | Q(id__any=via_locatie)


def locaties_voor_hsds() -> QuerySet:
    """Locations with what :func:`location` reads: municipality, organisation, opening hours."""
    return Locatie.objects.select_related("gemeente", "organisatie").prefetch_related("openingsuren")


def prefetch_voor_hsds(queryset: QuerySet, *, volledig: bool = True) -> QuerySet:
    """``queryset`` of Aanbod with everything :func:`service` reads, in a constant number of queries.

    Without it every service costs ~12 queries (organisation, concept, four facets, two areas, opening
    hours, locations and their hours); with it a page costs ~10 queries whatever its size.
    """
    queryset = queryset.select_related("organisatie__hoofdorganisatie", "ondersteuningsvorm")
    if "hsds_gewijzigd_op" not in queryset.query.annotations:
        queryset = queryset.annotate(hsds_gewijzigd_op=laatst_gewijzigd_expressie())
    if not volledig:
        return queryset
    return queryset.prefetch_related(
        *VOCABULARIA,
        "werkingsgebied_gemeenten",
        "werkingsgebied_zones",
        "openingsuren",
        Prefetch("locaties", queryset=locaties_voor_hsds()),
    )


def prefetch_organisaties_voor_hsds(queryset: QuerySet, *, volledig: bool = True) -> QuerySet:
    """``queryset`` of Organisatie with what :func:`organization` reads (its public locations and aanbod)."""
    queryset = queryset.select_related("hoofdorganisatie")
    if not volledig:
        return queryset
    return queryset.prefetch_related(
        Prefetch("locaties", queryset=locaties_voor_hsds().filter(actief=True), to_attr="hsds_locaties"),
        Prefetch(
            "aanbod",
            queryset=Aanbod.objects.zichtbaar().only("id", "uuid", "naam", "status", "organisatie_id"),
            to_attr="hsds_aanbod",
        ),
    )


def publieke_locaties() -> QuerySet:
    """Locations shown in HSDS: active, of an active organisation (so every reference resolves)."""
    return Locatie.objects.filter(actief=True, organisatie__actief=True)


def is_publiek(locatie: Locatie) -> bool:
    return locatie.actief and locatie.organisatie.actief


# --- organization --------------------------------------------------------------------------------


def organization(org: Organisatie, *, volledig: bool = True, met_details: bool = False) -> dict[str, Any]:
    """An HSDS organization; ``met_details`` adds its locations and services (``/organizations/{id}``)."""
    org_id = str(org.uuid)
    hoofd = org.hoofdorganisatie
    data = {
        "id": org_id,
        "name": org.naam,
        # Required by HSDS: an organisation without a description is described by its kind.
        "description": org.beschrijving or org.get_soort_display(),
        "email": org.email,
        "website": org.website,
        # An inactive parent is not published, so it is not referred to either.
        "parent_organization_id": str(hoofd.uuid) if hoofd is not None and hoofd.actief else None,
    }
    if volledig:
        data["organization_identifiers"] = _organisatie_identificaties(org)
        data["phones"] = _telefoons(org.telefoon, "organization", org_id)
        data["attributes"] = [attribute(org_id, "organization", keuzeterm(ORGANISATIESOORTEN, org.soort))]
    if met_details:
        data["locations"] = [location(loc) for loc in org.hsds_locaties]
        data["services"] = [
            {"id": str(a.uuid), "name": a.naam, "status": STATUS_NAAR_HSDS[a.status]} for a in org.hsds_aanbod
        ]
    return _zonder_leeg(data)


def _organisatie_identificaties(org: Organisatie) -> list[dict[str, Any]]:
    if not org.kbo_nummer:
        return []
    return [
        {
            "id": afgeleid_id("organization_identifier", org.uuid, KBO_SCHEMA),
            "organization_id": str(org.uuid),
            "identifier_scheme": KBO_SCHEMA,
            "identifier_type": KBO_TYPE,
            "identifier": org.kbo_nummer,
        }
    ]


# --- location ------------------------------------------------------------------------------------


def location(locatie: Locatie) -> dict[str, Any]:
    locatie_id = str(locatie.uuid)
    return _zonder_leeg(
        {
            "id": locatie_id,
            "location_type": "physical",
            "organization_id": str(locatie.organisatie.uuid),
            "name": locatie.naam,
            "transportation": locatie.openbaar_vervoer,
            "latitude": locatie.latitude,
            "longitude": locatie.longitude,
            "addresses": [address(locatie)],
            "accessibility": _toegankelijkheid(locatie),
            "schedules": schedules(
                locatie.openingsuren.all(), locatie.openingsuren_toelichting, "location", locatie_id
            ),
        }
    )


def address(locatie: Locatie) -> dict[str, Any]:
    gemeente: Gemeente = locatie.gemeente
    return {
        "id": afgeleid_id("address", locatie.uuid, "physical"),
        "location_id": str(locatie.uuid),
        "address_1": locatie.straat,
        "city": gemeente.naam,
        "region": gemeente.gewest,
        # Brussels has no province: its region stands in for it (the field is required).
        "state_province": gemeente.provincie or gemeente.gewest,
        "postal_code": locatie.postcode,
        "country": LAND,
        "address_type": "physical",
    }


def _toegankelijkheid(locatie: Locatie) -> list[dict[str, Any]]:
    rolstoel = {True: ROLSTOEL_JA, False: ROLSTOEL_NEE}.get(locatie.rolstoeltoegankelijk)
    if not rolstoel and not locatie.toegankelijkheid:
        return []
    return [
        _zonder_leeg(
            {
                "id": afgeleid_id("accessibility", locatie.uuid),
                "location_id": str(locatie.uuid),
                "description": locatie.toegankelijkheid,
                "details": rolstoel,
            }
        )
    ]


def schedules(uren: Iterable[Openingsuur], toelichting: str, eigenaar: str, eigenaar_id: str) -> list[dict]:
    """Weekly slots as RRULE-style schedules, plus one description-only schedule for the free-text note.

    Times are local Belgian time (Europe/Brussels) without an offset: a weekly slot has no fixed UTC
    offset (CET in winter, CEST in summer), see docs/hsds-profile.md.
    """
    veld = f"{eigenaar}_id"
    resultaat = [
        {
            "id": afgeleid_id("schedule", eigenaar, eigenaar_id, uur.dag, van, tot),
            veld: eigenaar_id,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": DAGCODES[uur.dag],
            "opens_at": van,
            "closes_at": tot,
        }
        for uur in uren
        for van, tot in ((_tijd(uur.van), _tijd(uur.tot)),)
    ]
    if toelichting:
        resultaat.append(
            {
                "id": afgeleid_id("schedule", eigenaar, eigenaar_id, "toelichting"),
                veld: eigenaar_id,
                "description": toelichting,
            }
        )
    return resultaat


# --- service -------------------------------------------------------------------------------------


def service_status(aanbod: Aanbod) -> str:
    if aanbod.status != AanbodStatus.STOPGEZET and not aanbod.organisatie.actief:
        return ORGANISATIE_INACTIEF
    return STATUS_NAAR_HSDS[aanbod.status]


def laatst_gewijzigd(aanbod: Aanbod) -> dt.datetime:
    """The annotation of :func:`prefetch_voor_hsds`, or the same computed from the loaded objects."""
    berekend = getattr(aanbod, "hsds_gewijzigd_op", None)
    if berekend is not None:
        return berekend
    tijden = [aanbod.gewijzigd_op, aanbod.organisatie.gewijzigd_op]
    tijden += [loc.gewijzigd_op for loc in aanbod.locaties.all()]
    return max(tijden)


def service(aanbod: Aanbod, *, volledig: bool = True, met_locaties: bool = True) -> dict[str, Any]:
    """An HSDS service: the list form (1:1 fields) or the fully nested detail (``/services/{id}``)."""
    service_id = str(aanbod.uuid)
    data: dict[str, Any] = {
        "id": service_id,
        "organization_id": str(aanbod.organisatie.uuid),
        "name": aanbod.naam,
        "description": aanbod.beschrijving,
        "url": aanbod.website,
        "email": aanbod.email,
        "status": service_status(aanbod),
        "application_process": aanbod.aanmelding,
        "fees_description": aanbod.kostprijs_toelichting,
        "minimum_age": aanbod.leeftijd_min,
        "maximum_age": aanbod.leeftijd_max,
        "assured_date": aanbod.laatst_gecontroleerd_op.isoformat() if aanbod.laatst_gecontroleerd_op else None,
        "last_modified": datumtijd(laatst_gewijzigd(aanbod)),
        "organization": organization(aanbod.organisatie, volledig=volledig),
    }
    if not volledig:
        return _zonder_leeg(data)
    if met_locaties:
        data["service_at_locations"] = [
            service_at_location(aanbod, loc) for loc in aanbod.locaties.all() if is_publiek(loc)
        ]
    data |= {
        "phones": _telefoons(aanbod.telefoon, "service", service_id),
        "schedules": schedules(aanbod.openingsuren.all(), aanbod.openingsuren_toelichting, "service", service_id),
        "service_areas": service_areas(aanbod),
        "languages": _talen(aanbod),
        "cost_options": _kostprijs(aanbod),
        "attributes": _attributen(aanbod),
        "contacts": _contactpersonen(aanbod),
        "required_documents": _mee_te_brengen(aanbod),
    }
    return _zonder_leeg(data)


def service_at_location(
    aanbod: Aanbod, locatie: Locatie, *, volledig: bool = True, met_service: bool = False
) -> dict[str, Any]:
    """The aanbod as delivered at one location; ``met_service`` nests the service (``/service_at_locations``)."""
    data: dict[str, Any] = {
        "id": service_at_location_id(aanbod.uuid, locatie.uuid),
        "service_id": str(aanbod.uuid),
        "location_id": str(locatie.uuid),
        "location": location(locatie) if volledig else _een_op_een(location(locatie)),
    }
    if met_service:
        data["service"] = (
            service(aanbod, met_locaties=False) if volledig else _een_op_een(service(aanbod, volledig=False))
        )
    return data


def service_areas(aanbod: Aanbod) -> list[dict[str, Any]]:
    """The werkingsgebied: all of Flanders and Brussels, whole zones (ELZ) and/or municipalities (NIS)."""
    service_id = str(aanbod.uuid)
    gebieden = []
    if aanbod.werkingsgebied_vlaanderen:
        gebieden.append(
            _gebied(
                service_id,
                "gewest",
                VLAANDEREN_EN_BRUSSEL,
                "Heel Vlaanderen en het Brussels Hoofdstedelijk Gewest.",
                GEWESTCODES,
            )
        )
    gebieden += [_zone_gebied(service_id, zone) for zone in aanbod.werkingsgebied_zones.all()]
    gebieden += [_gemeente_gebied(service_id, gemeente) for gemeente in aanbod.werkingsgebied_gemeenten.all()]
    return gebieden


def _zone_gebied(service_id: str, zone: Eerstelijnszone) -> dict[str, Any]:
    return _gebied(
        service_id, "elz", zone.weergavenaam, f"Eerstelijnszone {zone.naam} (ELZ-code {zone.code}).", f"ELZ {zone.code}"
    )


def _gemeente_gebied(service_id: str, gemeente: Gemeente) -> dict[str, Any]:
    return _gebied(
        service_id,
        "nis",
        gemeente.naam,
        f"Gemeente {gemeente.naam} (NIS-code {gemeente.nis_code}).",
        f"REFNIS {gemeente.nis_code}",
    )


def _gebied(service_id: str, soort: str, naam: str, beschrijving: str, extent: str) -> dict[str, Any]:
    return {
        "id": afgeleid_id("service_area", service_id, soort, extent),
        "service_id": service_id,
        "name": naam,
        "description": beschrijving,
        "extent": extent,
        "extent_type": EXTENT_TYPE,
    }


def _telefoons(nummer: str, eigenaar: str, eigenaar_id: str) -> list[dict[str, Any]]:
    if not nummer:
        return []
    return [{"id": afgeleid_id("phone", eigenaar, eigenaar_id), f"{eigenaar}_id": eigenaar_id, "number": nummer}]


_TAALNAMEN = dict(Taal.choices)


def _talen(aanbod: Aanbod) -> list[dict[str, Any]]:
    return [
        {
            "id": afgeleid_id("language", aanbod.uuid, code),
            "service_id": str(aanbod.uuid),
            "name": str(_TAALNAMEN.get(code, code)),
            "code": code,
        }
        for code in aanbod.talen
    ]


def _kostprijs(aanbod: Aanbod) -> list[dict[str, Any]]:
    optie = {"id": afgeleid_id("cost_option", aanbod.uuid), "service_id": str(aanbod.uuid)}
    optie["option"] = str(Kostprijs(aanbod.kostprijs).label)
    if aanbod.kostprijs == Kostprijs.GRATIS:
        optie |= {"amount": 0, "currency": MUNT}
    return [optie]


def _attributen(aanbod: Aanbod) -> list[dict[str, Any]]:
    service_id = str(aanbod.uuid)
    termen: list[tuple[Term, str | None]] = []
    for veld, (_model, taxonomie) in VOCABULARIA.items():
        termen += [(term_van_vocabularium(waarde, taxonomie), None) for waarde in getattr(aanbod, veld).all()]
    if aanbod.ondersteuningsvorm is not None:
        termen.append((term_van_ondersteuningsvorm(aanbod.ondersteuningsvorm), None))
    termen += [(keuzeterm(WERKVORMEN, code), None) for code in aanbod.werkvormen]
    if aanbod.capaciteit != Capaciteit.ONBEKEND:
        # The value dates the capacity: a state without its date would mislead a referrer.
        bijgewerkt = (
            datumtijd(aanbod.capaciteit_bijgewerkt_op, "microseconds") if aanbod.capaciteit_bijgewerkt_op else None
        )
        termen.append((keuzeterm(CAPACITEIT, aanbod.capaciteit), bijgewerkt))
    if aanbod.wachttijd_weken is not None:
        termen.append((keuzeterm(CAPACITEIT, WACHTTIJD_CODE), str(aanbod.wachttijd_weken)))
    return [attribute(service_id, "service", term, waarde) for term, waarde in termen]


def _contactpersonen(aanbod: Aanbod) -> list[dict[str, Any]]:
    if not aanbod.contactpersoon and not aanbod.contactpersoon_functie:
        return []
    contact = {
        "id": afgeleid_id("contact", aanbod.uuid),
        "service_id": str(aanbod.uuid),
        "name": aanbod.contactpersoon,
        "title": aanbod.contactpersoon_functie,
    }
    return [_zonder_leeg(contact)]


def _mee_te_brengen(aanbod: Aanbod) -> list[dict[str, Any]]:
    if not aanbod.meebrengen:
        return []
    return [
        {
            "id": afgeleid_id("required_document", aanbod.uuid),
            "service_id": str(aanbod.uuid),
            "document": aanbod.meebrengen,
        }
    ]


# --- helpers -------------------------------------------------------------------------------------


def datumtijd(waarde: dt.datetime, precisie: str = "milliseconds") -> str:
    """RFC 3339 in UTC, by default with milliseconds as HSDS asks for last_modified: 2026-03-15T10:30:45.123Z."""
    return waarde.astimezone(dt.UTC).isoformat(timespec=precisie).replace("+00:00", "Z")


@lru_cache(maxsize=4096)  # a catalogue has a few hundred distinct opening times; strftime was 7% of an export
def _tijd(waarde: dt.time) -> str:
    return waarde.strftime("%H:%M:%S" if waarde.second else "%H:%M")


def _zonder_leeg(data: dict[str, Any]) -> dict[str, Any]:
    return {sleutel: waarde for sleutel, waarde in data.items() if waarde is not None and waarde != ""}


def _een_op_een(data: dict[str, Any]) -> dict[str, Any]:
    """Only the 1:1 fields of an object, as in HSDS list items."""
    return {sleutel: waarde for sleutel, waarde in data.items() if not isinstance(waarde, list | dict)}
