"""Exporting the public catalogue as an HSDS 3.0 tabular data package (CSV) or as ndjson of full services.

Both come from the same dicts as the API (:mod:`aanbod.hsds.mapping`): the CSV rows are those dicts
flattened, one table per kind of object, with the columns and column order of the HSDS table schemas.
Rows are written while the database is read in chunks, so memory stays flat whatever the catalogue size.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import time
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from aanbod.hsds import mapping as m
from aanbod.models import Aanbod, Organisatie

CHUNK = 200
NDJSON_NAAM = "services.ndjson"


@dataclass(frozen=True)
class Veld:
    naam: str
    type: str = "string"
    format: str | None = None
    verplicht: bool = False

    @classmethod
    def uit(cls, tekst: str) -> Veld:
        """``"id:uuid!"`` → an uuid string that is required; ``"minimum_age:number"`` → a number."""
        verplicht = tekst.endswith("!")
        naam, _, soort = tekst.rstrip("!").partition(":")
        if soort in {"uuid", "uri", "email"}:
            return cls(naam, "string", soort, verplicht)
        return cls(naam, soort or "string", None, verplicht)

    def als_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"name": self.naam, "type": self.type}
        if self.format:
            schema["format"] = self.format
        if self.verplicht:
            schema["constraints"] = {"required": True}
        return schema


@dataclass(frozen=True)
class Tabel:
    """One HSDS table: resource name, CSV file and columns in the order of ``schema/<naam>.json``."""

    naam: str
    pad: str
    velden: tuple[Veld, ...]

    @property
    def kolommen(self) -> list[str]:
        return [veld.naam for veld in self.velden]


def _tabel(naam: str, pad: str, velden: str) -> Tabel:
    return Tabel(naam, pad, tuple(Veld.uit(v) for v in velden.split()))


# The tables we fill, in the order of HSDS's datapackage.json. Programs, funding, metadata and
# meta_table_descriptions stay out: we have nothing to put in them (docs/hsds-profile.md).
TABELLEN: tuple[Tabel, ...] = (
    _tabel(
        "organization",
        "organizations.csv",
        "id:uuid! name! alternate_name description! email:email website:uri tax_status tax_id "
        "year_incorporated:number legal_status logo uri:uri parent_organization_id:uuid",
    ),
    _tabel(
        "service",
        "services.csv",
        "id:uuid! organization_id:uuid! program_id:uuid name! alternate_name description url:uri email:email "
        "status! interpretation_services application_process fees_description wait_time fees accreditations "
        "eligibility_description minimum_age:number maximum_age:number assured_date:date assurer_email:email "
        "licenses alert last_modified:datetime",
    ),
    _tabel(
        "attribute",
        "attributes.csv",
        "id:uuid! link_id:uuid! taxonomy_term_id:uuid! link_type link_entity! value",
    ),
    _tabel("service_at_location", "service_at_location.csv", "id:uuid! service_id:uuid! location_id:uuid! description"),
    _tabel(
        "location",
        "locations.csv",
        "id:uuid! location_type! url:uri organization_id:uuid name alternate_name description transportation "
        "latitude:number longitude:number external_identifier external_identifier_type",
    ),
    _tabel(
        "phone",
        "phones.csv",
        "id:uuid! location_id:uuid service_id:uuid organization_id:uuid contact_id:uuid "
        "service_at_location_id:uuid number! extension:number type description",
    ),
    _tabel(
        "contact",
        "contacts.csv",
        "id:uuid! organization_id:uuid service_id:uuid service_at_location_id:uuid location_id:uuid name title "
        "department email:email",
    ),
    _tabel(
        "address",
        "addresses.csv",
        "id:uuid! location_id:uuid attention address_1! address_2 city! region state_province! postal_code! "
        "country! address_type!",
    ),
    _tabel(
        "schedule",
        "schedules.csv",
        "id:uuid! service_id:uuid location_id:uuid service_at_location_id:uuid valid_from:date valid_to:date "
        "dtstart:date timezone:number until:date count:number wkst freq interval:number byday byweekno "
        "bymonthday byyearday description opens_at:time closes_at:time schedule_link:uri attending_type notes",
    ),
    _tabel("service_area", "service_areas.csv", "id:uuid! service_id:uuid name description extent extent_type uri"),
    _tabel("required_document", "required_documents.csv", "id:uuid! service_id:uuid document uri:uri"),
    _tabel("language", "languages.csv", "id:uuid! service_id:uuid location_id:uuid phone_id:uuid name code note"),
    _tabel("accessibility", "accessibility.csv", "id:uuid! location_id:uuid description details url:uri"),
    _tabel(
        "taxonomy_term",
        "taxonomy_terms.csv",
        "id:uuid! code name! description! parent_id:uuid taxonomy language taxonomy_id:uuid term_uri:uri",
    ),
    _tabel(
        "cost_option",
        "cost_options.csv",
        "id:uuid! service_id:uuid! valid_from:date valid_to:date option currency amount:number amount_description",
    ),
    _tabel(
        "organization_identifier",
        "organization_identifiers.csv",
        "id:uuid! organization_id:uuid! identifier_scheme identifier_type! identifier!",
    ),
    _tabel("taxonomy", "taxonomies.csv", "id:uuid! name! description! uri:uri version"),
)
TABEL_PER_NAAM = {tabel.naam: tabel for tabel in TABELLEN}

# Nested arrays of the JSON form and the table their items go to. ``locations`` and ``services``
# of an organisation are left out: they are exported in their own pass.
KINDTABELLEN = {
    "phones": "phone",
    "schedules": "schedule",
    "service_areas": "service_area",
    "languages": "language",
    "cost_options": "cost_option",
    "attributes": "attribute",
    "contacts": "contact",
    "required_documents": "required_document",
    "organization_identifiers": "organization_identifier",
    "addresses": "address",
    "accessibility": "accessibility",
    "service_at_locations": "service_at_location",
}

# Foreign keys declared in datapackage.json (the polymorphic attribute.link_id cannot be declared).
_VERWIJZINGEN = {
    "organization_id": "organization",
    "service_id": "service",
    "location_id": "location",
    "service_at_location_id": "service_at_location",
    "contact_id": "contact",
    "phone_id": "phone",
    "taxonomy_term_id": "taxonomy_term",
    "taxonomy_id": "taxonomy",
}


def datapakket_beschrijving() -> dict[str, Any]:
    """``datapackage.json``: a Frictionless tabular data package describing our CSV files."""
    return {
        "name": "sociale-kaart-hsds",
        "title": "Lokale sociale kaart (Vlaanderen en Brussel) als Open Referral HSDS 3.0",
        "profile": "tabular-data-package",
        "version": m.HSDS_VERSIE,
        "resources": [
            {
                "name": tabel.naam,
                "path": tabel.pad,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [veld.als_schema() for veld in tabel.velden],
                    "primaryKey": "id",
                    "foreignKeys": [
                        {"fields": veld.naam, "reference": {"resource": _VERWIJZINGEN[veld.naam], "fields": "id"}}
                        for veld in tabel.velden
                        if _VERWIJZINGEN.get(veld.naam) in TABEL_PER_NAAM and _VERWIJZINGEN[veld.naam] != tabel.naam
                    ],
                },
            }
            for tabel in TABELLEN
        ],
    }


def csv_waarde(waarde: Any) -> str:
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    return str(waarde)


class Tabelschrijver:
    """One open CSV writer per table; :meth:`schrijf` flattens a nested HSDS object into their rows."""

    def __init__(self, map_: Path):
        self._stapel = ExitStack()
        self._schrijvers: dict[str, Any] = {}
        self.tellingen: dict[str, int] = {tabel.naam: 0 for tabel in TABELLEN}
        for tabel in TABELLEN:
            bestand: IO[str] = self._stapel.enter_context(open(map_ / tabel.pad, "w", encoding="utf-8", newline=""))
            schrijver = csv.writer(bestand)
            schrijver.writerow(tabel.kolommen)
            self._schrijvers[tabel.naam] = schrijver

    def __enter__(self) -> Tabelschrijver:
        return self

    def __exit__(self, *fout) -> None:
        self._stapel.close()

    def schrijf(self, tabelnaam: str, obj: dict[str, Any]) -> None:
        tabel = TABEL_PER_NAAM[tabelnaam]
        self._schrijvers[tabelnaam].writerow([csv_waarde(obj.get(kolom)) for kolom in tabel.kolommen])
        self.tellingen[tabelnaam] += 1
        for sleutel, waarde in obj.items():
            # Nested single objects (a service's organization, a pair's location, an attribute's term)
            # are written by their own pass, so only arrays of owned children are followed.
            if isinstance(waarde, list) and sleutel in KINDTABELLEN:
                for kind in waarde:
                    self.schrijf(KINDTABELLEN[sleutel], kind)


# --- what is exported ----------------------------------------------------------------------------


def aanbod_voor_export():
    """The public aanbod (what ``/api/hsds/services`` lists), in a stable order."""
    return m.prefetch_voor_hsds(Aanbod.objects.zichtbaar().order_by("naam", "id"))


def organisaties_voor_export():
    return Organisatie.objects.actief().select_related("hoofdorganisatie").order_by("naam", "id")


def locaties_voor_export():
    return m.locaties_voor_hsds().filter(actief=True, organisatie__actief=True).order_by("naam", "id")


def diensten(chunk: int = CHUNK) -> Iterator[dict[str, Any]]:
    """Every public service as a full HSDS object, read ``chunk`` at a time with their prefetches."""
    for aanbod in aanbod_voor_export().iterator(chunk_size=chunk):
        yield m.service(aanbod)


@dataclass
class Exportverslag:
    tellingen: dict[str, int] = field(default_factory=dict)
    seconden: float = 0.0
    doel: Path | None = None

    @property
    def diensten(self) -> int:
        return self.tellingen.get("service", 0)

    @property
    def diensten_per_seconde(self) -> float:
        return self.diensten / self.seconden if self.seconden else 0.0


def exporteer_datapakket(doel: Path, *, chunk: int = CHUNK) -> Exportverslag:
    """Write the tabular data package to the directory ``doel`` (created) or to ``doel`` ending in .zip."""
    start = time.perf_counter()
    if doel.suffix.lower() == ".zip":
        with tempfile.TemporaryDirectory() as tijdelijk:
            tellingen = _schrijf_tabellen(Path(tijdelijk), chunk)
            _zip(Path(tijdelijk), doel, ["datapackage.json", *(tabel.pad for tabel in TABELLEN)])
    else:
        doel.mkdir(parents=True, exist_ok=True)
        tellingen = _schrijf_tabellen(doel, chunk)
    return Exportverslag(tellingen, time.perf_counter() - start, doel)


def _schrijf_tabellen(map_: Path, chunk: int) -> dict[str, int]:
    with Tabelschrijver(map_) as schrijver:
        for taxonomie in m.TAXONOMIEEN:
            schrijver.schrijf("taxonomy", m.taxonomy(taxonomie))
        for term in m.alle_termen():
            schrijver.schrijf("taxonomy_term", m.taxonomy_term(term))
        for org in organisaties_voor_export().iterator(chunk_size=chunk):
            schrijver.schrijf("organization", m.organization(org))
        for locatie in locaties_voor_export().iterator(chunk_size=chunk):
            schrijver.schrijf("location", m.location(locatie))
        for dienst in diensten(chunk):
            schrijver.schrijf("service", dienst)
    (map_ / "datapackage.json").write_text(
        json.dumps(datapakket_beschrijving(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return schrijver.tellingen


def _zip(bron: Path, doel: Path, namen: Iterable[str]) -> None:
    doel.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(doel, "w", compression=zipfile.ZIP_DEFLATED) as archief:
        for naam in namen:
            # ZipFile.write streams the file in blocks; nothing is held in memory whole.
            archief.write(bron / naam, naam)


def exporteer_ndjson(doel: Path, *, chunk: int = CHUNK) -> Exportverslag:
    """Full services, one JSON object per line, to a file, a directory (services.ndjson) or a .zip."""
    start = time.perf_counter()
    if doel.suffix.lower() == ".zip":
        doel.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(doel, "w", compression=zipfile.ZIP_DEFLATED) as archief:
            with archief.open(NDJSON_NAAM, "w") as ruw, io.TextIOWrapper(ruw, encoding="utf-8") as bestand:
                aantal = _schrijf_ndjson(bestand, chunk)
    else:
        if doel.is_dir() or not doel.suffix:
            doel.mkdir(parents=True, exist_ok=True)
            doel = doel / NDJSON_NAAM
        doel.parent.mkdir(parents=True, exist_ok=True)
        with open(doel, "w", encoding="utf-8") as bestand:
            aantal = _schrijf_ndjson(bestand, chunk)
    return Exportverslag({"service": aantal}, time.perf_counter() - start, doel)


def _schrijf_ndjson(bestand: IO[str], chunk: int) -> int:
    aantal = 0
    for dienst in diensten(chunk):
        bestand.write(json.dumps(dienst, ensure_ascii=False, separators=(",", ":")) + "\n")
        aantal += 1
    return aantal
