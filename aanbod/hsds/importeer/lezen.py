"""Reading an HSDS source (JSON, ndjson, a Page, a tabular data package directory or .zip) into nested dicts."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

# Where a record came from ("services.csv, rij 4"), kept in the dict for messages only.
POSITIE = "_positie"


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
