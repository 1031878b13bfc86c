"""Checking HSDS input completely before anything is written; errors name the record and the field."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime, parse_time

from aanbod.constants import AanbodStatus, Capaciteit, Kostprijs, OrganisatieSoort, Taal
from aanbod.hsds import mapping as m
from aanbod.hsds.importeer.lezen import POSITIE, Bron, ImportFout
from aanbod.models import (
    Eerstelijnszone,
    Gemeente,
    Ondersteuningsvorm,
    PostPlaats,
)
from aanbod.validators import normaliseer_kbo, valideer_kbo

STATUS_UIT_HSDS = {
    "active": AanbodStatus.ACTIEF,
    "temporarily closed": AanbodStatus.TIJDELIJK_GESLOTEN,
    # "inactive": not available now, but not gone either.
    "inactive": AanbodStatus.TIJDELIJK_GESLOTEN,
    "defunct": AanbodStatus.STOPGEZET,
}
DAG_UIT_CODE = {code: dag for dag, code in m.DAGCODES.items()}
LOCATIETYPES = {"physical", "postal", "virtual"}
KBO_TYPES = {"kbo", "kbo-nummer", "kbo_nummer", "bce", "ondernemingsnummer", "enterprise number"}
_TIJD = re.compile(r"^(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?$")
# Parts of an RRULE we cannot keep: our opening hours are plain weekly slots.
_SCHEMA_BEPERKINGEN = ("valid_from", "valid_to", "dtstart", "until", "count", "interval", "byweekno", "bymonthday")
MAX_TOELICHTING = 300  # Aanbod/Locatie.openingsuren_toelichting
# ISO 639-2/3 codes of the languages we know by their 639-1 code (HSDS allows either).
_ISO_639_3 = {
    "nld": "nl", "dut": "nl", "fra": "fr", "fre": "fr", "eng": "en", "deu": "de", "ger": "de", "ara": "ar",
    "tur": "tr", "pol": "pl", "ron": "ro", "rum": "ro", "rus": "ru", "ukr": "uk", "spa": "es", "tir": "ti",
    "pus": "ps", "som": "so",
}  # fmt: skip
Uren = set[tuple[int, dt.time, dt.time]]  # (weekday 1-7, opens, closes)


# --- checking one record -------------------------------------------------------------------------


def _label(soort: str, data: dict, positie: str) -> str:
    """'service (services.csv, rij 4) id 3f7b… 'Naam'': enough to find the record in the file."""
    delen = [soort, f"({positie})" if positie else ""]
    if isinstance(data.get("id"), str):
        delen.append(f"id {data['id']}")
    if isinstance(data.get("name"), str) and data["name"]:
        delen.append(f"'{data['name']}'")
    return " ".join(deel for deel in delen if deel)


class Record:
    """One input object with typed readers whose errors name the record and the field."""

    def __init__(self, soort: str, data: Any, positie: str = "", *, label: str = "", pad: str = ""):
        if not isinstance(data, dict):
            raise ImportFout(f"{label or soort} {positie}: moet een JSON-object zijn.".strip())
        self.soort, self.data, self.pad = soort, data, pad
        self.label = label or _label(soort, data, data.get(POSITIE) or positie)

    def kind(self, veld: str, index: int, data: Any) -> Record:
        """A nested object; its errors name it as ``veld[index].…`` of this record."""
        if not isinstance(data, dict):
            raise self.fout(f"{veld}[{index}]", "moet een object zijn")
        return Record(self.soort, data, label=self.label, pad=f"{self.pad}{veld}[{index}].")

    def fout(self, veld: str, probleem: str) -> ImportFout:
        return ImportFout(f"{self.label}: veld '{self.pad}{veld}' {probleem}.")

    def _waarde(self, veld: str, verplicht: bool) -> Any:
        waarde = self.data.get(veld)
        if waarde is None or waarde == "":
            if verplicht:
                raise self.fout(veld, "ontbreekt")
            return None
        return waarde

    def tekst(self, veld: str, *, verplicht: bool = False) -> str:
        waarde = self._waarde(veld, verplicht)
        if waarde is None:
            return ""
        if not isinstance(waarde, str):
            raise self.fout(veld, f"moet tekst zijn, niet {json.dumps(waarde)[:40]}")
        return waarde

    def uuid(self, veld: str, *, verplicht: bool = False) -> uuid.UUID | None:
        waarde = self._waarde(veld, verplicht)
        if waarde is None:
            return None
        try:
            return uuid.UUID(str(waarde))
        except ValueError:
            raise self.fout(veld, f"is geen geldige UUID: '{waarde}'") from None

    def geheel_getal(self, veld: str, *, minimum: int = 0, maximum: int | None = None) -> int | None:
        waarde = self._waarde(veld, False)
        if waarde is None:
            return None
        try:
            getal = float(waarde) if not isinstance(waarde, bool) else None
        except (TypeError, ValueError):
            getal = None
        if getal is None or getal != int(getal):
            raise self.fout(veld, f"moet een geheel getal zijn, niet '{waarde}'")
        if getal < minimum or (maximum is not None and getal > maximum):
            raise self.fout(veld, f"moet tussen {minimum} en {maximum} liggen, niet {int(getal)}")
        return int(getal)

    def kommagetal(self, veld: str) -> float | None:
        waarde = self._waarde(veld, False)
        if waarde is None:
            return None
        try:
            if isinstance(waarde, bool):
                raise ValueError
            return float(waarde)
        except (TypeError, ValueError):
            raise self.fout(veld, f"moet een getal zijn, niet '{waarde}'") from None

    def datum(self, veld: str) -> dt.date | None:
        waarde = self.tekst(veld)
        if not waarde:
            return None
        try:
            datum = parse_date(waarde)
        except ValueError:
            datum = None
        if datum is None:
            raise self.fout(veld, f"is geen datum JJJJ-MM-DD: '{waarde}'")
        return datum

    def datumtijd(self, veld: str) -> dt.datetime | None:
        waarde = self.tekst(veld)
        return self.lees_datumtijd(veld, waarde) if waarde else None

    def lees_datumtijd(self, veld: str, waarde: str) -> dt.datetime:
        try:
            tijd = parse_datetime(waarde)
        except ValueError:
            tijd = None
        if tijd is None:
            raise self.fout(veld, f"is geen datum en tijd (ISO 8601): '{waarde}'")
        return tijd if timezone.is_aware(tijd) else timezone.make_aware(tijd)

    def lijst(self, veld: str) -> list[Record]:
        waarde = self.data.get(veld)
        if waarde in (None, ""):
            return []
        if not isinstance(waarde, list):
            raise self.fout(veld, "moet een lijst zijn")
        return [self.kind(veld, i, item) for i, item in enumerate(waarde)]


# --- reference data to resolve codes against -----------------------------------------------------


class Termenwijzer:
    """Maps an HSDS attribute back to one of our vocabularies: by taxonomy + code, else by term id."""

    def __init__(self):
        self.codes: dict[str, set[str]] = {
            taxonomie.naam: set(model.objects.values_list("code", flat=True))
            for model, taxonomie in m.VOCABULARIA.values()
        }
        self.codes[m.ONDERSTEUNINGSVORMEN.naam] = set(Ondersteuningsvorm.objects.values_list("slug", flat=True))
        for taxonomie_naam, code in m.KEUZETERMEN:
            self.codes.setdefault(taxonomie_naam, set()).add(code)
        self.per_id: dict[str, tuple[str, str]] = {
            term.id: (term.taxonomie.naam, term.code) for term in m.alle_termen()
        }
        self.taxonomie_per_id = {t.id: t.naam for t in m.TAXONOMIEEN}
        self.taxonomie_per_link_type = {t.link_type: t.naam for t in m.TAXONOMIEEN}

    def zoek(self, attribuut: Record) -> tuple[str, str] | None:
        """(taxonomy name, code) of the attribute's term, or None when we do not know it."""
        term = attribuut.data.get("taxonomy_term")
        term = term if isinstance(term, dict) else {}
        detail = term.get("taxonomy_detail") if isinstance(term.get("taxonomy_detail"), dict) else {}
        taxonomie = (
            self.taxonomie_per_id.get(str(term.get("taxonomy_id") or detail.get("id") or ""))
            or next((n for n in (term.get("taxonomy"), detail.get("name")) if n in self.codes), None)
            or self.taxonomie_per_link_type.get(str(attribuut.data.get("link_type") or ""))
        )
        code = term.get("code")
        if taxonomie and isinstance(code, str) and code in self.codes.get(taxonomie, set()):
            return taxonomie, code
        return self.per_id.get(str(attribuut.data.get("taxonomy_term_id") or term.get("id") or ""))

    @staticmethod
    def beschrijf(attribuut: Record) -> str:
        term = attribuut.data.get("taxonomy_term")
        term = term if isinstance(term, dict) else {}
        naam = term.get("code") or term.get("name") or attribuut.data.get("taxonomy_term_id") or "?"
        return f"term '{naam}' (taxonomie '{term.get('taxonomy') or attribuut.data.get('link_type') or '?'}')"


class Gebiedwijzer:
    """Municipalities, zones and postal places, loaded once, to resolve areas and addresses."""

    def __init__(self):
        gemeenten = list(Gemeente.objects.values("id", "nis_code", "naam", "naam_fr"))
        self.nis = {g["nis_code"]: g["id"] for g in gemeenten}
        self.gemeente_naam: dict[str, int] = {}
        for g in gemeenten:
            for naam in (g["naam"], g["naam_fr"]):
                if naam:
                    self.gemeente_naam.setdefault(naam.lower(), g["id"])
        zones = list(Eerstelijnszone.objects.values("id", "code", "naam", "weergavenaam"))
        self.zone_code = {z["code"]: z["id"] for z in zones}
        self.zone_naam = {n.lower(): z["id"] for z in zones for n in (z["naam"], z["weergavenaam"])}
        self.postcodes: dict[str, set[int]] = defaultdict(set)
        for postcode, gemeente_id in PostPlaats.objects.values_list("postcode", "gemeente_id"):
            self.postcodes[postcode].add(gemeente_id)

    def gemeente_voor_adres(self, postcode: str, stad: str) -> int | None:
        kandidaten = self.postcodes.get(postcode, set())
        op_naam = self.gemeente_naam.get(stad.lower())
        if op_naam in kandidaten or (op_naam and not kandidaten):
            return op_naam
        return next(iter(kandidaten)) if len(kandidaten) == 1 else None

    def gebied(self, tekst_extent: str, beschrijving: str, naam: str) -> tuple[str, Any] | None:
        """('vlaanderen', True) / ('zone', id) / ('gemeente', id) for a service_area, or None."""
        for tekst in (tekst_extent, beschrijving):
            if nis := re.search(r"\b(?:REFNIS|NIS-code|NIS)[\s:]+(\d{5})\b", tekst):
                return ("gemeente", self.nis.get(nis.group(1))) if nis.group(1) in self.nis else None
            if elz := re.search(r"\bELZ(?:-code)?[\s:]+([a-z0-9][a-z0-9-]*)\b", tekst):
                if elz.group(1) in self.zone_code:
                    return "zone", self.zone_code[elz.group(1)]
        if "BE-VLG" in tekst_extent or naam.lower() == m.VLAANDEREN_EN_BRUSSEL.lower():
            return "vlaanderen", True
        if naam.lower() in self.zone_naam:
            return "zone", self.zone_naam[naam.lower()]
        if naam.lower() in self.gemeente_naam:
            return "gemeente", self.gemeente_naam[naam.lower()]
        return None


# --- checked input -------------------------------------------------------------------------------


@dataclass
class OrganisatieInvoer:
    id: uuid.UUID
    label: str
    velden: dict[str, Any]
    kbo: str | None
    hoofd_id: uuid.UUID | None


@dataclass
class LocatieInvoer:
    id: uuid.UUID
    label: str
    organisatie_id: uuid.UUID | None
    velden: dict[str, Any]
    uren: Uren


@dataclass
class AanbodInvoer:
    id: uuid.UUID
    label: str
    organisatie_id: uuid.UUID
    gewijzigd_op: dt.datetime | None
    velden: dict[str, Any]
    koppelingen: dict[str, set[str]]  # M2M field -> codes (vocabularies) / NIS codes / zone codes
    locatie_ids: list[uuid.UUID]
    uren: Uren


@dataclass
class Invoer:
    organisaties: dict[uuid.UUID, OrganisatieInvoer] = field(default_factory=dict)
    locaties: dict[uuid.UUID, LocatieInvoer] = field(default_factory=dict)
    aanbod: list[AanbodInvoer] = field(default_factory=list)
    overgeslagen: dict[uuid.UUID, tuple[str, str]] = field(default_factory=dict)  # location id -> label, reason
    notities: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def ontleed(bron: Bron) -> Invoer:
    """Check the whole source and turn it into model values; raises :class:`ImportFout` at the first error."""
    invoer, termen, gebieden = Invoer(), Termenwijzer(), Gebiedwijzer()
    for i, data in enumerate(bron.organisaties):
        _voeg_organisatie_toe(invoer, Record("organization", data, f"#{i + 1}"), termen)
    for i, data in enumerate(bron.locaties):
        _voeg_locatie_toe(invoer, Record("location", data, f"#{i + 1}"), gebieden)
    gezien: set[uuid.UUID] = set()
    for i, data in enumerate(bron.diensten):
        dienst = Record("service", data, f"#{i + 1}")
        aanbod = _ontleed_dienst(dienst, invoer, termen, gebieden)
        if aanbod.id in gezien:
            raise dienst.fout("id", "komt meer dan eens voor in de invoer")
        gezien.add(aanbod.id)
        invoer.aanbod.append(aanbod)
    return invoer


def _voeg_organisatie_toe(invoer: Invoer, rec: Record, termen: Termenwijzer) -> uuid.UUID:
    org_id = rec.uuid("id", verplicht=True)
    if org_id in invoer.organisaties:
        return org_id  # the same organisation nested in several services
    soort = OrganisatieSoort.ANDERE
    for attribuut in rec.lijst("attributes"):
        gevonden = termen.zoek(attribuut)
        if gevonden and gevonden[0] == m.ORGANISATIESOORTEN.naam:
            soort = gevonden[1]
    beschrijving = rec.tekst("description", verplicht=True)
    if beschrijving == str(OrganisatieSoort(soort).label):
        beschrijving = ""  # the stand-in we publish for an organisation without a description
    invoer.organisaties[org_id] = OrganisatieInvoer(
        id=org_id,
        label=rec.label,
        velden={
            "naam": rec.tekst("name", verplicht=True),
            "beschrijving": beschrijving,
            "email": rec.tekst("email"),
            "website": rec.tekst("website"),
            "telefoon": _eerste_telefoon(rec, invoer),
            "soort": soort,
        },
        kbo=_kbo(rec),
        hoofd_id=rec.uuid("parent_organization_id"),
    )
    return org_id


def _kbo(rec: Record) -> str | None:
    for identificatie in rec.lijst("organization_identifiers"):
        schema = identificatie.tekst("identifier_scheme")
        soort = identificatie.tekst("identifier_type", verplicht=True)
        if schema == m.KBO_SCHEMA or soort.lower() in KBO_TYPES:
            nummer = normaliseer_kbo(identificatie.tekst("identifier", verplicht=True))
            try:
                valideer_kbo(nummer)
            except ValidationError:
                raise identificatie.fout("identifier", f"is geen geldig KBO-nummer: '{nummer}'") from None
            return nummer
    return None


def _eerste_telefoon(rec: Record, invoer: Invoer) -> str:
    telefoons = [t.tekst("number", verplicht=True) for t in rec.lijst("phones")]
    if len(telefoons) > 1:
        invoer.notities[rec.label].append(f"{len(telefoons) - 1} extra telefoonnummer(s) overgeslagen")
    return telefoons[0] if telefoons else ""


def _voeg_locatie_toe(invoer: Invoer, rec: Record, gebieden: Gebiedwijzer) -> uuid.UUID | None:
    """Check a location; a location we cannot hold (virtual, abroad, unknown place) is reported and skipped."""
    locatie_id = rec.uuid("id", verplicht=True)
    if locatie_id in invoer.locaties or locatie_id in invoer.overgeslagen:
        return locatie_id if locatie_id in invoer.locaties else None
    soort = rec.tekst("location_type", verplicht=True)
    if soort not in LOCATIETYPES:
        raise rec.fout("location_type", f"moet physical, postal of virtual zijn, niet '{soort}'")
    adressen = rec.lijst("addresses")
    for adres in adressen:
        for veld in ("address_1", "city", "state_province", "postal_code", "country", "address_type"):
            adres.tekst(veld, verplicht=True)
    fysiek = [a for a in adressen if a.tekst("address_type") == "physical"] or adressen
    if soort != "physical" or not fysiek:
        invoer.overgeslagen[locatie_id] = (rec.label, f"geen bezoekadres ({soort}): wij bewaren enkel bezoekadressen")
        return None
    adres = fysiek[0]
    postcode, stad = adres.tekst("postal_code").strip(), adres.tekst("city").strip()
    gemeente_id = gebieden.gemeente_voor_adres(postcode, stad)
    if adres.tekst("country").upper() not in {"BE", "BEL", "BELGIË", "BELGIQUE", "BELGIUM"} or gemeente_id is None:
        invoer.overgeslagen[locatie_id] = (rec.label, f"adres '{postcode} {stad}' ligt niet in een Belgische gemeente")
        return None
    rolstoel, toegankelijkheid = _toegankelijkheid(rec)
    uren, toelichting = _uren(rec, invoer)
    invoer.locaties[locatie_id] = LocatieInvoer(
        id=locatie_id,
        label=rec.label,
        organisatie_id=rec.uuid("organization_id"),
        velden={
            "naam": rec.tekst("name") or adres.tekst("address_1"),
            "straat": adres.tekst("address_1"),
            "postcode": postcode,
            "gemeente_id": gemeente_id,
            "latitude": rec.kommagetal("latitude"),
            "longitude": rec.kommagetal("longitude"),
            "openbaar_vervoer": rec.tekst("transportation"),
            "rolstoeltoegankelijk": rolstoel,
            "toegankelijkheid": toegankelijkheid,
            "openingsuren_toelichting": toelichting,
        },
        uren=uren,
    )
    return locatie_id


def _toegankelijkheid(rec: Record) -> tuple[bool | None, str]:
    """Our wheelchair flag travels as a fixed ``details`` text; any other text joins the description."""
    rolstoel, teksten = None, []
    for item in rec.lijst("accessibility"):
        details = item.tekst("details")
        if details.lower() == m.ROLSTOEL_JA.lower():
            rolstoel, details = True, ""
        elif details.lower() == m.ROLSTOEL_NEE.lower():
            rolstoel, details = False, ""
        teksten += [tekst for tekst in (item.tekst("description"), details) if tekst]
    return rolstoel, "\n".join(teksten)


def _uren(rec: Record, invoer: Invoer) -> tuple[Uren, str]:
    """Weekly slots and the free-text note from ``schedules``; what we cannot hold is reported and skipped."""
    uren: Uren = set()
    toelichtingen, notities = [], invoer.notities[rec.label]
    for schema in rec.lijst("schedules"):
        dagen, open_, dicht = schema.tekst("byday"), schema.tekst("opens_at"), schema.tekst("closes_at")
        toelichtingen += [schema.tekst(v) for v in ("description", "notes") if schema.tekst(v)]
        if not (dagen or open_ or dicht):
            continue
        if schema.tekst("freq") not in ("", "WEEKLY") or not (dagen and open_ and dicht):
            notities.append(f"{schema.pad[:-1]}: enkel wekelijkse uren met dag, begin en einde; overgeslagen")
            continue
        beperkingen = [v for v in _SCHEMA_BEPERKINGEN if schema.data.get(v) not in (None, "", 1, "1")]
        if beperkingen:
            notities.append(f"{schema.pad[:-1]}: {', '.join(beperkingen)} niet overgenomen (wij bewaren weekuren)")
        van, tot = _tijd(schema, "opens_at"), _tijd(schema, "closes_at")
        if van >= tot:
            raise schema.fout("closes_at", f"moet na opens_at ({open_}) liggen, niet '{dicht}'")
        for dag in dagen.split(","):
            if dag.strip() not in DAG_UIT_CODE:
                raise schema.fout("byday", f"kent de dag '{dag}' niet (MO, TU, WE, TH, FR, SA, SU)")
            uren.add((DAG_UIT_CODE[dag.strip()], van, tot))
    toelichting = "\n".join(dict.fromkeys(toelichtingen))
    if len(toelichting) > MAX_TOELICHTING:
        notities.append(f"toelichting bij de openingsuren ingekort tot {MAX_TOELICHTING} tekens")
        toelichting = toelichting[: MAX_TOELICHTING - 1] + "…"
    return uren, toelichting


def _tijd(schema: Record, veld: str) -> dt.time:
    # Times are read as Belgian local time; an offset, if given, is dropped (see docs/hsds-profile.md).
    gevonden = _TIJD.match(schema.tekst(veld).strip())
    try:
        tijd = parse_time(gevonden.group(1)) if gevonden else None
    except ValueError:  # well formed but impossible, like 25:00
        tijd = None
    if tijd is None:
        raise schema.fout(veld, f"is geen tijd UU:MM: '{schema.tekst(veld)}'")
    return tijd


def _ontleed_dienst(rec: Record, invoer: Invoer, termen: Termenwijzer, gebieden: Gebiedwijzer) -> AanbodInvoer:
    dienst_id = rec.uuid("id", verplicht=True)
    naam = rec.tekst("name", verplicht=True)
    status = rec.tekst("status", verplicht=True)
    if status not in STATUS_UIT_HSDS:
        raise rec.fout("status", f"heeft een onbekende waarde '{status}' (verwacht: {', '.join(STATUS_UIT_HSDS)})")
    organisatie_id = _organisatie_van_dienst(rec, invoer, termen)
    notities = invoer.notities[rec.label]
    contact = rec.lijst("contacts")[:1]
    uren, toelichting = _uren(rec, invoer)
    velden = {
        "naam": naam,
        "beschrijving": rec.tekst("description"),
        "website": rec.tekst("url"),
        "email": rec.tekst("email"),
        "status": STATUS_UIT_HSDS[status],
        "aanmelding": rec.tekst("application_process"),
        "kostprijs_toelichting": rec.tekst("fees_description"),
        "leeftijd_min": rec.geheel_getal("minimum_age", maximum=200),
        "leeftijd_max": rec.geheel_getal("maximum_age", maximum=200),
        "laatst_gecontroleerd_op": rec.datum("assured_date"),
        "telefoon": _eerste_telefoon(rec, invoer),
        "contactpersoon": contact[0].tekst("name") if contact else "",
        "contactpersoon_functie": contact[0].tekst("title") if contact else "",
        "meebrengen": "\n".join(d.tekst("document") for d in rec.lijst("required_documents") if d.tekst("document")),
        "openingsuren_toelichting": toelichting,
        "kostprijs": _kostprijs(rec, notities),
        "talen": _talen(rec, notities),
    }
    gewijzigd_op = rec.datumtijd("last_modified")
    koppelingen, extra = _attributen(rec, termen, notities, gewijzigd_op)
    velden |= extra
    gebied = _werkingsgebied(rec, gebieden, notities)
    velden["werkingsgebied_vlaanderen"] = gebied.pop("vlaanderen", False)
    koppelingen |= gebied
    return AanbodInvoer(
        id=dienst_id,
        label=rec.label,
        organisatie_id=organisatie_id,
        gewijzigd_op=gewijzigd_op,
        velden=velden,
        koppelingen=koppelingen,
        locatie_ids=_locaties_van_dienst(rec, invoer, gebieden),
        uren=uren,
    )


def _organisatie_van_dienst(rec: Record, invoer: Invoer, termen: Termenwijzer) -> uuid.UUID:
    genest = rec.data.get("organization")
    if genest is not None:
        genest_id = _voeg_organisatie_toe(invoer, Record("organization", genest, f"in {rec.label}"), termen)
        eigen = rec.uuid("organization_id")
        if eigen is not None and eigen != genest_id:
            raise rec.fout("organization_id", f"verschilt van organization.id ({genest_id})")
        return genest_id
    organisatie_id = rec.uuid("organization_id")
    if organisatie_id is None:
        raise rec.fout("organization_id", "ontbreekt (en er is geen geneste organization)")
    return organisatie_id


def _locaties_van_dienst(rec: Record, invoer: Invoer, gebieden: Gebiedwijzer) -> list[uuid.UUID]:
    ids = []
    for koppeling in rec.lijst("service_at_locations"):
        genest = koppeling.data.get("location")
        if isinstance(genest, dict):
            locatie_id = _voeg_locatie_toe(invoer, Record("location", genest, f"in {rec.label}"), gebieden)
            if locatie_id is None:
                continue
        else:
            locatie_id = koppeling.uuid("location_id", verplicht=True)
        if locatie_id not in ids:
            ids.append(locatie_id)
    return ids


def _kostprijs(rec: Record, notities: list[str]) -> str:
    opties = rec.lijst("cost_options")
    labels = {str(label).lower(): code for code, label in Kostprijs.choices} | {c: c for c in Kostprijs.values}
    for optie in opties:
        if optie.kommagetal("amount") == 0:
            return Kostprijs.GRATIS
        if optie.tekst("option").lower() in labels:
            return labels[optie.tekst("option").lower()]
    if any((optie.kommagetal("amount") or 0) > 0 for optie in opties):
        return Kostprijs.BIJDRAGE
    # No usable cost information: do not promise that it is free.
    notities.append("kostprijs onbekend; 'met een bijdrage' aangenomen")
    return Kostprijs.BIJDRAGE


def _talen(rec: Record, notities: list[str]) -> list[str]:
    talen: list[str] = []
    for taal in rec.lijst("languages"):
        code = taal.tekst("code").lower()
        code = _ISO_639_3.get(code, code)
        if code in Taal.values and code not in talen:
            talen.append(code)
        elif code not in Taal.values:
            notities.append(f"taal '{code or taal.tekst('name')}' onbekend, overgeslagen")
    return talen


def _attributen(
    rec: Record, termen: Termenwijzer, notities: list[str], gewijzigd_op: dt.datetime | None
) -> tuple[dict[str, set[str]], dict[str, Any]]:
    """M2M codes per facet, and the fields carried by attributes: concept, delivery modes, capacity."""
    per_taxonomie = {taxonomie.naam: veld for veld, (_model, taxonomie) in m.VOCABULARIA.items()}
    koppelingen: dict[str, set[str]] = {veld: set() for veld in m.VOCABULARIA}
    velden: dict[str, Any] = {
        "ondersteuningsvorm_slug": None,
        "werkvormen": [],
        "capaciteit": Capaciteit.ONBEKEND,
        "capaciteit_bijgewerkt_op": None,
        "wachttijd_weken": None,
    }
    for attribuut in rec.lijst("attributes"):
        gevonden = termen.zoek(attribuut)
        if gevonden is None:
            notities.append(f"{Termenwijzer.beschrijf(attribuut)} onbekend, overgeslagen")
            continue
        taxonomie, code = gevonden
        waarde = attribuut.tekst("value")
        if taxonomie in per_taxonomie:
            koppelingen[per_taxonomie[taxonomie]].add(code)
        elif taxonomie == m.ONDERSTEUNINGSVORMEN.naam:
            velden["ondersteuningsvorm_slug"] = code
        elif taxonomie == m.WERKVORMEN.naam and code not in velden["werkvormen"]:
            velden["werkvormen"].append(code)
        elif taxonomie == m.CAPACITEIT.naam and code == m.WACHTTIJD_CODE:
            velden["wachttijd_weken"] = attribuut.geheel_getal("value", maximum=260)
        elif taxonomie == m.CAPACITEIT.naam:
            velden["capaciteit"] = code
            # The value dates the capacity; without one, the service's own change time stands in.
            velden["capaciteit_bijgewerkt_op"] = (
                attribuut.lees_datumtijd("value", waarde) if waarde else gewijzigd_op or timezone.now()
            )
    return koppelingen, velden


def _werkingsgebied(rec: Record, gebieden: Gebiedwijzer, notities: list[str]) -> dict[str, Any]:
    gebied: dict[str, Any] = {"werkingsgebied_zones": set(), "werkingsgebied_gemeenten": set()}
    for item in rec.lijst("service_areas"):
        gevonden = gebieden.gebied(item.tekst("extent"), item.tekst("description"), item.tekst("name"))
        if gevonden is None:
            notities.append(
                f"werkingsgebied '{item.tekst('name') or item.tekst('description')}' onbekend, overgeslagen"
            )
        elif gevonden[0] == "vlaanderen":
            gebied["vlaanderen"] = True
        elif gevonden[0] == "zone":
            gebied["werkingsgebied_zones"].add(gevonden[1])
        else:
            gebied["werkingsgebied_gemeenten"].add(gevonden[1])
    return gebied
