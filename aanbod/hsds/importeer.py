"""Importing Open Referral HSDS 3.0 data into the catalogue: read, check everything, then write all or nothing.

Accepted sources (a path; never a URL): a JSON list of full services, a ``Page`` envelope, one service,
ndjson (one service per line), or a tabular data package (a directory or .zip with datapackage.json).

Records are matched on stable identifiers: an organisation on its KBO number when it has one, else on
its id; services, locations and taxonomy terms on their id (terms also on taxonomy + code). The input
is checked completely before anything is written; an invalid record stops the import with a Dutch
message naming the record and the field (:class:`ImportFout`). Values we cannot represent (an unknown
term, a monthly schedule, a virtual location, …) are skipped and reported per record.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime, parse_time
from django.utils.text import slugify

from aanbod.constants import AanbodStatus, Capaciteit, Kostprijs, OrganisatieSoort, Taal
from aanbod.hsds import mapping as m
from aanbod.models import (
    Aanbod,
    Eerstelijnszone,
    Gemeente,
    Locatie,
    Ondersteuningsvorm,
    Openingsuur,
    Organisatie,
    PostPlaats,
)
from aanbod.validators import normaliseer_kbo, valideer_kbo
from aanbod.zoeken.woorden import ververs_zoekwoorden

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
# Where a record came from ("services.csv, rij 4"), kept in the dict for messages only.
POSITIE = "_positie"
Uren = set[tuple[int, dt.time, dt.time]]  # (weekday 1-7, opens, closes)


class ImportFout(Exception):
    """The input is not valid HSDS or cannot be read; the message says which record and field."""


# --- reading the source --------------------------------------------------------------------------


@dataclass
class Bron:
    """What a file holds, as nested HSDS dicts (JSON form), whatever its format."""

    diensten: list[dict] = field(default_factory=list)
    organisaties: list[dict] = field(default_factory=list)
    locaties: list[dict] = field(default_factory=list)


def lees_bron(pad: Path | str) -> Bron:
    """Read a JSON, ndjson, Page, data package directory or .zip at ``pad``."""
    tekst = str(pad)
    if re.match(r"^[a-z][a-z0-9+.-]*://", tekst, re.IGNORECASE):
        raise ImportFout(f"{tekst}: geef een pad naar een bestand of map; URL's worden niet opgehaald.")
    pad = Path(pad)
    if not pad.exists():
        raise ImportFout(f"{pad}: bestand of map bestaat niet.")
    if pad.is_dir():
        if not (pad / "datapackage.json").is_file():
            raise ImportFout(f"{pad}: deze map heeft geen datapackage.json.")
        return _lees_datapakket(lambda naam: _open_in_map(pad, naam), str(pad))
    if zipfile.is_zipfile(pad):
        return _lees_zip(pad)
    return _lees_json(_lees_tekst(pad.read_bytes(), str(pad)), str(pad))


def _lees_tekst(inhoud: bytes, naam: str) -> str:
    try:
        return inhoud.decode("utf-8-sig")
    except UnicodeDecodeError as fout:
        raise ImportFout(f"{naam}: geen UTF-8-tekst (byte {fout.start}).") from None


def _open_in_map(map_: Path, naam: str) -> IO[str]:
    pad = (map_ / naam).resolve()
    if map_.resolve() not in pad.parents:
        raise ImportFout(f"{map_}: datapackage.json verwijst naar '{naam}' buiten de map.")
    if not pad.is_file():
        raise ImportFout(f"{map_}: bestand '{naam}' uit datapackage.json ontbreekt.")
    return open(pad, encoding="utf-8-sig", newline="")


def _lees_zip(pad: Path) -> Bron:
    with zipfile.ZipFile(pad) as archief:
        namen = [n for n in archief.namelist() if not n.endswith("/")]
        pakketten = [n for n in namen if PurePosixPath(n).name == "datapackage.json"]
        if pakketten:
            basis = PurePosixPath(pakketten[0]).parent

            def open_in_zip(naam: str) -> IO[str]:
                volledig = str(basis / naam) if str(basis) != "." else naam
                if volledig not in namen:
                    raise ImportFout(f"{pad}: bestand '{naam}' uit datapackage.json ontbreekt in de zip.")
                return io.TextIOWrapper(archief.open(volledig), encoding="utf-8-sig", newline="")

            return _lees_datapakket(open_in_zip, str(pad))
        json_namen = [n for n in namen if n.lower().endswith((".json", ".ndjson", ".jsonl"))]
        if len(json_namen) != 1:
            raise ImportFout(f"{pad}: de zip bevat geen datapackage.json en niet precies één JSON-bestand.")
        return _lees_json(_lees_tekst(archief.read(json_namen[0]), json_namen[0]), f"{pad}:{json_namen[0]}")


def _lees_json(tekst: str, naam: str) -> Bron:
    try:
        inhoud = json.loads(tekst)
        diensten = _diensten_uit_json(inhoud, naam)
        posities = [f"{naam}[{i}]" for i in range(len(diensten))]
    except json.JSONDecodeError as fout:
        if "Extra data" not in fout.msg:
            raise ImportFout(
                f"{naam}: geen geldige JSON ({fout.msg}, regel {fout.lineno}, kolom {fout.colno})."
            ) from None
        diensten, posities = _lees_ndjson(tekst, naam)
    for dienst, positie in zip(diensten, posities, strict=True):
        if not isinstance(dienst, dict):
            raise ImportFout(f"{positie}: een dienst moet een JSON-object zijn.")
        dienst[POSITIE] = positie
    return Bron(diensten=diensten)


def _diensten_uit_json(inhoud: Any, naam: str) -> list:
    if isinstance(inhoud, list):
        return inhoud
    if isinstance(inhoud, dict) and isinstance(inhoud.get("contents"), list):
        return inhoud["contents"]
    if isinstance(inhoud, dict) and "id" in inhoud:
        return [inhoud]
    raise ImportFout(f"{naam}: verwacht een lijst van diensten, een HSDS-pagina (contents) of één dienst.")


def _lees_ndjson(tekst: str, naam: str) -> tuple[list, list[str]]:
    diensten, posities = [], []
    for nummer, regel in enumerate(tekst.splitlines(), start=1):
        if not regel.strip():
            continue
        try:
            diensten.append(json.loads(regel))
        except json.JSONDecodeError as fout:
            raise ImportFout(f"{naam}, regel {nummer}: geen geldige JSON ({fout.msg}).") from None
        posities.append(f"{naam}, regel {nummer}")
    return diensten, posities


_TABELLEN_DIE_WE_LEZEN = (
    "organization organization_identifier service location address phone schedule service_at_location "
    "service_area language cost_option attribute taxonomy taxonomy_term contact accessibility required_document"
).split()


def _lees_datapakket(open_bestand: Callable[[str], IO[str]], naam: str) -> Bron:
    with open_bestand("datapackage.json") as bestand:
        try:
            pakket = json.load(bestand)
        except json.JSONDecodeError as fout:
            raise ImportFout(f"{naam}/datapackage.json: geen geldige JSON ({fout.msg}).") from None
    bronnen = {r.get("name"): r.get("path") for r in pakket.get("resources", []) if isinstance(r, dict)}
    if "service" not in bronnen:
        raise ImportFout(f"{naam}/datapackage.json: de resource 'service' (services.csv) ontbreekt.")
    tabellen: dict[str, list[dict]] = {}
    for tabel in _TABELLEN_DIE_WE_LEZEN:
        pad = bronnen.get(tabel)
        if not pad:
            tabellen[tabel] = []
            continue
        if not isinstance(pad, str) or re.match(r"^[a-z]+://", pad, re.IGNORECASE):
            raise ImportFout(f"{naam}/datapackage.json: resource '{tabel}' moet een lokaal pad hebben, geen URL.")
        with open_bestand(pad) as bestand:
            tabellen[tabel] = _lees_csv(bestand, pad)
    return _nest(tabellen)


def _lees_csv(bestand: IO[str], pad: str) -> list[dict]:
    lezer = csv.DictReader(bestand)
    if not lezer.fieldnames or "id" not in lezer.fieldnames:
        raise ImportFout(f"{pad}: de kolom 'id' ontbreekt.")
    # Empty cells are absent values, as in the JSON form.
    return [
        {k: v for k, v in rij.items() if k and v not in (None, "")} | {POSITIE: f"{pad}, rij {nummer}"}
        for nummer, rij in enumerate(lezer, start=2)
    ]


def _nest(t: dict[str, list[dict]]) -> Bron:
    """Rebuild the nested JSON form from the tables, joined on their ``*_id`` columns."""

    def per(tabel: str, sleutel: str, zonder: tuple[str, ...] = ()) -> dict[str, list[dict]]:
        groepen: dict[str, list[dict]] = defaultdict(list)
        for rij in t[tabel]:
            if sleutel in rij and not any(rij.get(z) for z in zonder):
                groepen[rij[sleutel]].append(rij)
        return groepen

    termen, taxonomieen = {r["id"]: r for r in t["taxonomy_term"]}, {r["id"]: r for r in t["taxonomy"]}

    def met_term(attribuut: dict) -> dict:
        term = termen.get(attribuut.get("taxonomy_term_id", ""))
        if term is None:
            return attribuut
        taxonomie = taxonomieen.get(term.get("taxonomy_id", ""))
        return attribuut | {"taxonomy_term": term | ({"taxonomy_detail": taxonomie} if taxonomie else {})}

    attributen = per("attribute", "link_id")
    eigen = ("service_at_location_id", "contact_id")
    telefoons = {s: per("phone", s, eigen) for s in ("organization_id", "location_id", "service_id")}
    identificaties = per("organization_identifier", "organization_id")
    adressen, toegankelijkheid = per("address", "location_id"), per("accessibility", "location_id")
    uren_locatie = per("schedule", "location_id", ("service_id", "service_at_location_id"))
    uren_dienst = per("schedule", "service_id", ("location_id", "service_at_location_id"))
    organisaties = [
        org
        | {
            "organization_identifiers": identificaties.get(org["id"], []),
            "phones": telefoons["organization_id"].get(org["id"], []),
            "attributes": [met_term(a) for a in attributen.get(org["id"], [])],
        }
        for org in t["organization"]
    ]
    locaties = [
        loc
        | {
            "addresses": adressen.get(loc["id"], []),
            "accessibility": toegankelijkheid.get(loc["id"], []),
            "schedules": uren_locatie.get(loc["id"], []),
            "phones": telefoons["location_id"].get(loc["id"], []),
        }
        for loc in t["location"]
    ]
    kinderen = {
        "service_areas": per("service_area", "service_id"),
        "languages": per("language", "service_id", ("location_id", "phone_id")),
        "cost_options": per("cost_option", "service_id"),
        "contacts": per("contact", "service_id", ("service_at_location_id",)),
        "required_documents": per("required_document", "service_id"),
        "service_at_locations": per("service_at_location", "service_id"),
    }
    diensten = [
        dienst
        | {sleutel: groepen.get(dienst["id"], []) for sleutel, groepen in kinderen.items()}
        | {
            "phones": telefoons["service_id"].get(dienst["id"], []),
            "schedules": uren_dienst.get(dienst["id"], []),
            "attributes": [met_term(a) for a in attributen.get(dienst["id"], [])],
        }
        for dienst in t["service"]
    ]
    return Bron(diensten=diensten, organisaties=organisaties, locaties=locaties)


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


# --- writing -------------------------------------------------------------------------------------


@dataclass
class Telling:
    aangemaakt: int = 0
    bijgewerkt: int = 0
    overgeslagen: int = 0

    def __str__(self) -> str:
        return f"{self.aangemaakt} aangemaakt, {self.bijgewerkt} bijgewerkt, {self.overgeslagen} overgeslagen"


@dataclass
class Importverslag:
    tellingen: dict[str, Telling] = field(
        default_factory=lambda: {"organisaties": Telling(), "locaties": Telling(), "aanbod": Telling()}
    )
    regels: list[str] = field(default_factory=list)
    proefdraai: bool = False

    def noteer(self, soort: str, label: str, uitkomst: str, reden: str = "") -> None:
        telling = self.tellingen[soort]
        setattr(telling, uitkomst, getattr(telling, uitkomst) + 1)
        self.regels.append(f"{label}: {uitkomst}" + (f" ({reden})" if reden else ""))

    @property
    def gewijzigd(self) -> bool:
        return any(t.aangemaakt or t.bijgewerkt for t in self.tellingen.values())


# Model field → HSDS field, to name the field in a validation message.
_HSDS_VELD = {
    "naam": "name",
    "beschrijving": "description",
    "website": "url",
    "email": "email",
    "telefoon": "phones",
    "kbo_nummer": "organization_identifiers",
    "aanmelding": "application_process",
    "kostprijs_toelichting": "fees_description",
    "leeftijd_min": "minimum_age",
    "leeftijd_max": "maximum_age",
    "contactpersoon": "contacts",
    "contactpersoon_functie": "contacts",
    "openingsuren_toelichting": "schedules",
    "straat": "addresses",
    "postcode": "addresses",
    "latitude": "latitude",
    "longitude": "longitude",
    "openbaar_vervoer": "transportation",
    "toegankelijkheid": "accessibility",
    "talen": "languages",
    "wachttijd_weken": "attributes",
    "capaciteit": "attributes",
}


def _valideer(obj: models.Model, label: str) -> None:
    """Field checks in Python (lengths, e-mail, URL, choices); no query per row.

    Uniqueness is ours to keep (slugs are generated, ids and KBO numbers were matched) and the check
    constraints are left to PostgreSQL: :func:`_bewaar` turns a violation into the same Dutch message.
    """
    relaties = [f.name for f in obj._meta.concrete_fields if f.is_relation]
    try:
        obj.full_clean(exclude=relaties, validate_unique=False, validate_constraints=False)
    except ValidationError as fout:
        meldingen = [
            (f"veld '{_HSDS_VELD.get(veld, veld)}': " if veld != "__all__" else "") + " ".join(teksten)
            for veld, teksten in fout.message_dict.items()
        ]
        raise ImportFout(f"{label}: {'; '.join(meldingen)}") from None


def _bewaar(obj: models.Model, label: str, **kwargs) -> None:
    # No savepoint: a violation ends the whole import, whose transaction is rolled back anyway.
    try:
        obj.save(**kwargs)
    except IntegrityError as fout:
        naam = getattr(getattr(fout.__cause__, "diag", None), "constraint_name", None)
        regel = next((c for c in obj._meta.constraints if c.name == naam), None)
        melding = regel.get_violation_error_message() if regel else f"botst met een bestaande rij ({naam})"
        raise ImportFout(f"{label}: {melding}") from None


def _unieke_slug(naam: str, bezet: set[str], max_lengte: int) -> str:
    basis = slugify(naam)[: max_lengte - 6].strip("-") or "item"
    slug, volgnummer = basis, 2
    while slug in bezet:
        slug, volgnummer = f"{basis}-{volgnummer}", volgnummer + 1
    bezet.add(slug)
    return slug


def _zet(obj: models.Model, velden: dict[str, Any]) -> list[str]:
    """Set the fields that differ; return their names."""
    gewijzigd = [veld for veld, waarde in velden.items() if getattr(obj, veld) != waarde]
    for veld in gewijzigd:
        setattr(obj, veld, velden[veld])
    return gewijzigd


class Bulk:
    """Rows of new records (links, opening hours) written with one INSERT per table at the end.

    Besides saving round trips, this fires the search-vector triggers once per table instead of once
    per row (docs/search.md).
    """

    def __init__(self):
        self.koppelingen: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.uren: list[Openingsuur] = []

    def voeg_uren_toe(self, veld: str, obj: models.Model, uren: Uren) -> None:
        self.uren += [Openingsuur(**{veld: obj}, dag=d, van=v, tot=t) for d, v, t in sorted(uren)]

    def schrijf(self) -> None:
        for veld, paren in self.koppelingen.items():
            relatie = Aanbod._meta.get_field(veld)
            through = relatie.remote_field.through
            bron, doel = f"{relatie.m2m_field_name()}_id", f"{relatie.m2m_reverse_field_name()}_id"
            through.objects.bulk_create([through(**{bron: a, doel: b}) for a, b in paren], batch_size=1000)
        Openingsuur.objects.bulk_create(self.uren, batch_size=1000)


def _vervang_uren(veld: str, obj: models.Model, uren: Uren) -> bool:
    """Replace the opening hours of an existing row when they differ; True when they did."""
    if {(u.dag, u.van, u.tot) for u in obj.openingsuren.all()} == uren:
        return False
    Openingsuur.objects.filter(**{veld: obj}).delete()
    Openingsuur.objects.bulk_create(Openingsuur(**{veld: obj}, dag=d, van=v, tot=t) for d, v, t in sorted(uren))
    return True


class Schrijver:
    """Writes checked input; keeps the maps from source ids to our rows and the report."""

    def __init__(self, invoer: Invoer, verslag: Importverslag):
        self.invoer, self.verslag = invoer, verslag
        self.organisaties: dict[uuid.UUID, Organisatie] = {}
        self.locaties: dict[uuid.UUID, Locatie] = {}
        self.gewijzigd_org: set[int] = set()
        self.gewijzigd_loc: set[int] = set()
        self.bulk = Bulk()

    def _uitkomst(self, soort: str, label: str, nieuw: bool, wijzigingen: list[str], reden: str = "") -> None:
        notities = "; ".join(self.invoer.notities.get(label, []))
        if nieuw:
            uitkomst, tekst = "aangemaakt", reden
        elif wijzigingen:
            uitkomst, tekst = "bijgewerkt", reden or "gewijzigd: " + ", ".join(wijzigingen)
        else:
            uitkomst, tekst = "overgeslagen", reden or "ongewijzigd"
        self.verslag.noteer(soort, label, uitkomst, "; ".join(t for t in (tekst, notities) if t))

    # organisations -------------------------------------------------------------------------------

    def organisaties_schrijven(self) -> None:
        invoer = list(self.invoer.organisaties.values())
        per_kbo = {o.kbo_nummer: o for o in Organisatie.objects.filter(kbo_nummer__in=[i.kbo for i in invoer if i.kbo])}
        per_uuid = {o.uuid: o for o in Organisatie.objects.filter(uuid__in=[i.id for i in invoer])}
        slugs = set(Organisatie.objects.values_list("slug", flat=True))
        uitkomsten = {}
        for item in invoer:
            org = per_kbo.get(item.kbo) if item.kbo else None
            reden = "gekoppeld op KBO-nummer" if org is not None and org.uuid != item.id else ""
            org = org or per_uuid.get(item.id)
            velden = item.velden | ({"kbo_nummer": item.kbo} if item.kbo else {})
            nieuw = org is None
            if nieuw:
                org = Organisatie(uuid=item.id, slug=_unieke_slug(item.velden["naam"], slugs, 140), **velden)
                wijzigingen = []
            else:
                wijzigingen = _zet(org, velden)
            if nieuw or wijzigingen:
                _valideer(org, item.label)
                _bewaar(org, item.label)
                self.gewijzigd_org.add(org.pk)
            self.organisaties[item.id] = org
            uitkomsten[item.id] = (nieuw, wijzigingen, reden)
        self._hoofdorganisaties(invoer, uitkomsten)
        for item in invoer:
            self._uitkomst("organisaties", item.label, *uitkomsten[item.id])

    def _hoofdorganisaties(self, invoer: list[OrganisatieInvoer], uitkomsten: dict) -> None:
        for item in invoer:
            org = self.organisaties[item.id]
            hoofd = self._organisatie(item.hoofd_id) if item.hoofd_id else None
            if item.hoofd_id and (hoofd is None or hoofd.pk == org.pk):
                self.invoer.notities[item.label].append("hoofdorganisatie onbekend, niet gekoppeld")
                continue
            if org.hoofdorganisatie_id != (hoofd.pk if hoofd else None):
                org.hoofdorganisatie = hoofd
                _bewaar(org, item.label, update_fields=["hoofdorganisatie", "gewijzigd_op"])
                self.gewijzigd_org.add(org.pk)
                uitkomsten[item.id][1].append("hoofdorganisatie")

    def _organisatie(self, bron_id: uuid.UUID | None) -> Organisatie | None:
        if bron_id is None:
            return None
        if bron_id not in self.organisaties:
            bestaand = Organisatie.objects.filter(uuid=bron_id).first()
            if bestaand is None:
                return None
            self.organisaties[bron_id] = bestaand
        return self.organisaties[bron_id]

    # locations -----------------------------------------------------------------------------------

    def locaties_schrijven(self) -> None:
        organisatie_van_dienst = {
            locatie_id: aanbod.organisatie_id for aanbod in self.invoer.aanbod for locatie_id in aanbod.locatie_ids
        }
        bestaand = {
            loc.uuid: loc
            for loc in Locatie.objects.filter(uuid__in=list(self.invoer.locaties)).prefetch_related("openingsuren")
        }
        for label, reden in self.invoer.overgeslagen.values():
            self.verslag.noteer("locaties", label, "overgeslagen", reden)
        for item in self.invoer.locaties.values():
            org = self._organisatie(item.organisatie_id or organisatie_van_dienst.get(item.id))
            if org is None:
                self.verslag.noteer("locaties", item.label, "overgeslagen", "organisatie onbekend")
                continue
            locatie = bestaand.get(item.id)
            nieuw = locatie is None
            if nieuw:
                locatie = Locatie(uuid=item.id, organisatie=org, **item.velden)
                wijzigingen = []
            else:
                wijzigingen = _zet(locatie, item.velden | {"organisatie_id": org.pk})
            if nieuw or wijzigingen:
                _valideer(locatie, item.label)
                _bewaar(locatie, item.label)
            if nieuw:
                self.bulk.voeg_uren_toe("locatie", locatie, item.uren)
            elif _vervang_uren("locatie", locatie, item.uren):
                wijzigingen.append("openingsuren")
            if nieuw or wijzigingen:
                self.gewijzigd_loc.add(locatie.pk)
            self.locaties[item.id] = locatie
            self._uitkomst("locaties", item.label, nieuw, wijzigingen)

    # aanbod --------------------------------------------------------------------------------------

    def aanbod_schrijven(self) -> dict[int, dt.datetime]:
        """Upsert the aanbod; returns the source change time of every aanbod created or changed."""
        koppel_codes = {
            veld: dict(model.objects.values_list("code", "id")) for veld, (model, _t) in m.VOCABULARIA.items()
        }
        concepten = dict(Ondersteuningsvorm.objects.values_list("slug", "id"))
        # The current links and hours of the aanbod being updated, to compare without a query per row.
        bestaand = Aanbod.objects.filter(uuid__in=[i.id for i in self.invoer.aanbod]).prefetch_related(
            *m.VOCABULARIA,
            "werkingsgebied_zones",
            "werkingsgebied_gemeenten",
            "openingsuren",
            Prefetch("locaties", queryset=Locatie.objects.select_related("organisatie")),
        )
        bestaand = {a.uuid: a for a in bestaand}
        slugs = set(Aanbod.objects.values_list("slug", flat=True))
        tijden: dict[int, dt.datetime] = {}
        for item in self.invoer.aanbod:
            org = self._organisatie(item.organisatie_id)
            if org is None:
                raise ImportFout(f"{item.label}: veld 'organization_id' verwijst naar een onbekende organisatie.")
            aanbod = bestaand.get(item.id)
            nieuw = aanbod is None
            if nieuw and item.velden["status"] == AanbodStatus.STOPGEZET:
                self.verslag.noteer("aanbod", item.label, "overgeslagen", "stopgezet en niet in de catalogus")
                continue
            velden = dict(item.velden)
            slug = velden.pop("ondersteuningsvorm_slug")
            velden |= {"organisatie_id": org.pk, "ondersteuningsvorm_id": concepten.get(slug) if slug else None}
            if nieuw:
                aanbod = Aanbod(uuid=item.id, slug=_unieke_slug(velden["naam"], slugs, 160), **velden)
                wijzigingen = []
            else:
                wijzigingen = _zet(aanbod, velden)
            if nieuw or wijzigingen:
                _valideer(aanbod, item.label)
                _bewaar(aanbod, item.label)
            doelen = self._doelen(aanbod, item, koppel_codes, nieuw)
            if nieuw:
                for veld, ids in doelen.items():
                    self.bulk.koppelingen[veld] += [(aanbod.pk, doel) for doel in ids]
                self.bulk.voeg_uren_toe("aanbod", aanbod, item.uren)
            else:
                wijzigingen += _koppel(aanbod, doelen)
                if _vervang_uren("aanbod", aanbod, item.uren):
                    wijzigingen.append("openingsuren")
            if (nieuw or wijzigingen) and item.gewijzigd_op:
                tijden[aanbod.pk] = item.gewijzigd_op
            self._uitkomst("aanbod", item.label, nieuw, wijzigingen)
        self.bulk.schrijf()
        return tijden

    def _doelen(self, aanbod: Aanbod, item: AanbodInvoer, codes: dict[str, dict[str, int]], nieuw: bool) -> dict:
        """The ids each M2M field of ``aanbod`` should link to."""
        doelen = {veld: {codes[veld][c] for c in item.koppelingen[veld]} for veld in m.VOCABULARIA}
        doelen["werkingsgebied_zones"] = set(item.koppelingen["werkingsgebied_zones"])
        doelen["werkingsgebied_gemeenten"] = set(item.koppelingen["werkingsgebied_gemeenten"])
        # Links to locations we do not publish (inactive) are not in an HSDS export: keep them.
        verborgen = set() if nieuw else {loc.pk for loc in aanbod.locaties.all() if not m.is_publiek(loc)}
        doelen["locaties"] = {self.locaties[i].pk for i in item.locatie_ids if i in self.locaties} | verborgen
        return doelen


def _koppel(aanbod: Aanbod, doelen: dict[str, set[int]]) -> list[str]:
    """Replace the M2M links of an existing aanbod that differ; return the names of those that changed."""
    gewijzigd = []
    for veld, ids in doelen.items():
        if {obj.pk for obj in getattr(aanbod, veld).all()} != ids:
            getattr(aanbod, veld).set(ids)
            gewijzigd.append(veld)
    return gewijzigd


def _zet_tijden(schrijver: Schrijver, tijden: dict[int, dt.datetime]) -> None:
    """Keep the source's change times, so that a re-export says what the source said.

    An organisation or location gets the earliest time of the services that use it: then every
    service's last_modified (the newest of its own, its organisation's and its locations') is the
    source's again.
    """
    if not tijden:
        return
    aanbod = list(Aanbod.objects.filter(pk__in=tijden).only("id", "organisatie_id"))
    for obj in aanbod:
        obj.gewijzigd_op = tijden[obj.pk]
    Aanbod.objects.bulk_update(aanbod, ["gewijzigd_op"])
    vroegste_org: dict[int, dt.datetime] = {}
    for obj in aanbod:
        vroegste_org[obj.organisatie_id] = min(tijden[obj.pk], vroegste_org.get(obj.organisatie_id, tijden[obj.pk]))
    vroegste_loc: dict[int, dt.datetime] = {}
    for aanbod_id, locatie_id in Aanbod.locaties.through.objects.filter(aanbod_id__in=tijden).values_list(
        "aanbod_id", "locatie_id"
    ):
        vroegste_loc[locatie_id] = min(tijden[aanbod_id], vroegste_loc.get(locatie_id, tijden[aanbod_id]))
    for model, vroegste, gewijzigd in (
        (Organisatie, vroegste_org, schrijver.gewijzigd_org),
        (Locatie, vroegste_loc, schrijver.gewijzigd_loc),
    ):
        rijen = list(model.objects.filter(pk__in=set(vroegste) & gewijzigd).only("id"))
        for rij in rijen:
            rij.gewijzigd_op = vroegste[rij.pk]
        model.objects.bulk_update(rijen, ["gewijzigd_op"])


def importeer(bron: Bron, *, proefdraai: bool = False) -> Importverslag:
    """Import ``bron`` in one transaction: everything or nothing; a dry run (``proefdraai``) rolls back."""
    invoer = ontleed(bron)
    verslag = Importverslag(proefdraai=proefdraai)
    with transaction.atomic():
        schrijver = Schrijver(invoer, verslag)
        schrijver.organisaties_schrijven()
        schrijver.locaties_schrijven()
        tijden = schrijver.aanbod_schrijven()
        _zet_tijden(schrijver, tijden)
        if verslag.gewijzigd:
            ververs_zoekwoorden()
        if proefdraai:
            transaction.set_rollback(True)
    return verslag
