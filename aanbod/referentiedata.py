"""Loading reference data from ``fixtures/`` into the database, idempotently.

Geography (Statbel, GeoNames, the ELZ indeling) is authoritative and is synchronised: a second load
changes nothing, a corrected CSV updates the rows. Curated content (vocabularies, support-form
concepts, glossary) is only *added* when missing, so a curator's edits are never overwritten unless
``bijwerken=True`` is asked for explicitly.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import models, transaction
from django.utils.text import slugify

from aanbod.models import (
    Begrip,
    Doelgroep,
    Eerstelijnszone,
    Gemeente,
    GemeenteAlias,
    Levensdomein,
    Ondersteuningsvorm,
    PostPlaats,
    Thema,
    Toegangsweg,
    ZoneLidmaatschap,
)

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
REFERENTIE = FIXTURES / "referentie"
CATALOGUS = FIXTURES / "catalogus"

VLAANDEREN_EN_BRUSSEL = {Gemeente.VLAAMS_GEWEST, Gemeente.BRUSSELS_GEWEST}

# Words GeoNames capitalises that Dutch place names write in lower case ("Heist-op-den-Berg").
_KLEINE_WOORDEN = {"op", "den", "de", "der", "in", "aan", "ter", "ten", "het", "van", "bij", "onder", "over", "'t"}


@dataclass
class Telling:
    aangemaakt: int = 0
    bijgewerkt: int = 0
    ongewijzigd: int = 0

    def __str__(self) -> str:
        return f"{self.aangemaakt} nieuw, {self.bijgewerkt} bijgewerkt, {self.ongewijzigd} ongewijzigd"


@dataclass
class Verslag:
    tellingen: dict[str, Telling] = field(default_factory=dict)

    @property
    def gewijzigd(self) -> bool:
        return any(t.aangemaakt or t.bijgewerkt for t in self.tellingen.values())

    def regels(self) -> list[str]:
        return [f"{naam}: {telling}" for naam, telling in self.tellingen.items()]


def synchroniseer(
    model: type[models.Model],
    sleutel: str | Callable[[models.Model], Hashable],
    rijen: list[dict],
    *,
    overschrijven: bool = True,
) -> Telling:
    """Make the table hold ``rijen`` with a few bulk queries, matching rows on a natural key.

    ``sleutel`` is a field name, or a function of an object when the key spans fields; in that case
    each row carries its key under ``"sleutel"``. Rows in the table that are not in ``rijen`` are left
    alone: reference values are retired, not deleted.
    """
    sleutel_van = (lambda obj: getattr(obj, sleutel)) if isinstance(sleutel, str) else sleutel
    telling = Telling()
    bestaand = {sleutel_van(obj): obj for obj in model.objects.all()}
    nieuw, gewijzigd, velden = [], [], set()
    for rij in rijen:
        rij = dict(rij)
        rij_sleutel = rij.pop("sleutel") if "sleutel" in rij else rij[sleutel]
        obj = bestaand.get(rij_sleutel)
        if obj is None:
            nieuw.append(model(**rij))
            continue
        verschil = [veld for veld, waarde in rij.items() if getattr(obj, veld) != waarde]
        if verschil and overschrijven:
            for veld in verschil:
                setattr(obj, veld, rij[veld])
            gewijzigd.append(obj)
            velden.update(verschil)
        else:
            telling.ongewijzigd += 1
    model.objects.bulk_create(nieuw, batch_size=1000)
    if gewijzigd:
        model.objects.bulk_update(gewijzigd, sorted(velden), batch_size=1000)
    telling.aangemaakt, telling.bijgewerkt = len(nieuw), len(gewijzigd)
    return telling


def _lees_csv(naam: str) -> list[dict]:
    with open(REFERENTIE / naam, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _getal(waarde: str) -> float | None:
    return float(waarde) if waarde else None


def plaatsnaam(naam: str) -> str:
    """'Sint-Job-In-'T-Goor' → "Sint-Job-in-'t-Goor"; French names are left as they are."""
    delen = naam.split("-")
    return "-".join(
        deel if i == 0 or deel.lower() not in _KLEINE_WOORDEN else deel.lower() for i, deel in enumerate(delen)
    )


def _zones() -> list[dict]:
    return [
        {
            "code": rij["elz_id"],
            "naam": rij["elz_name"],
            "weergavenaam": rij["display_name"],
            "provincie": rij["province"],
            "opmerking": rij["notes"],
        }
        for rij in _lees_csv("elz_zones.csv")
    ]


def _gemeenten() -> list[dict]:
    rijen, slugs = [], set()
    for rij in _lees_csv("be_municipalities_2025.csv"):
        slug = slugify(rij["name_nl"])
        if slug in slugs:
            slug = f"{slug}-{rij['nis_code']}"
        slugs.add(slug)
        rijen.append(
            {
                "nis_code": rij["nis_code"],
                "naam": rij["name_nl"],
                "naam_fr": rij["name_fr"],
                "slug": slug,
                "arrondissement": rij["arrondissement_nl"],
                "provincie": rij["province_nl"],
                "gewest": rij["region_nl"],
                "latitude": _getal(rij["latitude"]),
                "longitude": _getal(rij["longitude"]),
            }
        )
    return rijen


def _postplaatsen(gemeente_ids: dict[str, int], gewest: dict[str, str]) -> list[dict]:
    rijen = []
    for rij in _lees_csv("be_postal_places.csv"):
        nis = rij["municipality_nis"]
        naam = plaatsnaam(rij["place_name"]) if gewest[nis] == Gemeente.VLAAMS_GEWEST else rij["place_name"]
        rijen.append(
            {
                "sleutel": f"{rij['postcode']}|{naam}",
                "postcode": rij["postcode"],
                "naam": naam,
                "gemeente_id": gemeente_ids[nis],
                "latitude": _getal(rij["latitude"]),
                "longitude": _getal(rij["longitude"]),
            }
        )
    return rijen


def _lidmaatschappen(gemeente_ids: dict[str, int], zone_ids: dict[str, int]) -> list[dict]:
    """Zone membership per municipality; Antwerp is split over four zones by postcode."""
    per_paar: dict[tuple[int, int], dict] = {}
    for rij in _lees_csv("elz_municipalities_2025.csv"):
        if rij["status"] == "split_by_postcode":
            continue  # from elz_antwerpen_postcodes.csv below
        sleutel = (zone_ids[rij["elz_name"]], gemeente_ids[rij["nis_code"]])
        per_paar[sleutel] = {"zone_id": sleutel[0], "gemeente_id": sleutel[1], "postcodes": [], "status": rij["status"]}
    for rij in _lees_csv("elz_antwerpen_postcodes.csv"):
        if rij["elz_name"] not in zone_ids:
            continue  # 2150 (Borsbeek): zone not yet published, see SOURCES.md
        sleutel = (zone_ids[rij["elz_name"]], gemeente_ids[rij["municipality_nis"]])
        lid = per_paar.setdefault(
            sleutel, {"zone_id": sleutel[0], "gemeente_id": sleutel[1], "postcodes": [], "status": "split_by_postcode"}
        )
        lid["postcodes"] = sorted([*lid["postcodes"], rij["postcode"]])
    return [{**lid, "sleutel": sleutel} for sleutel, lid in per_paar.items()]


def _aliassen(gemeente_ids: dict[str, int]) -> list[dict]:
    return [
        {
            "naam": rij["old_name_nl"],
            "oude_nis_code": rij["old_nis_code"],
            "gemeente_id": gemeente_ids[rij["new_nis_code"]],
            "reden": f"Fusie tot {rij['new_name_nl']}",
            "sinds": date.fromisoformat(rij["effective_date"]),
        }
        for rij in _lees_csv("be_municipal_mergers_2025.csv")
        if rij["old_name_nl"] != rij["new_name_nl"]  # Hasselt stays Hasselt: no alias needed
    ]


def laad_geografie() -> Verslag:
    verslag = Verslag()
    verslag.tellingen["eerstelijnszones"] = synchroniseer(Eerstelijnszone, "code", _zones())
    verslag.tellingen["gemeenten"] = synchroniseer(Gemeente, "nis_code", _gemeenten())
    gemeenten = dict(Gemeente.objects.values_list("nis_code", "id"))
    gewest = dict(Gemeente.objects.values_list("nis_code", "gewest"))
    zones = dict(Eerstelijnszone.objects.values_list("naam", "id"))
    verslag.tellingen["oude gemeentenamen"] = synchroniseer(GemeenteAlias, "naam", _aliassen(gemeenten))
    verslag.tellingen["postplaatsen"] = synchroniseer(
        PostPlaats, lambda p: f"{p.postcode}|{p.naam}", _postplaatsen(gemeenten, gewest)
    )
    verslag.tellingen["zonelidmaatschappen"] = synchroniseer(
        ZoneLidmaatschap, lambda lid: (lid.zone_id, lid.gemeente_id), _lidmaatschappen(gemeenten, zones)
    )
    return verslag


def _lees_json(naam: str):
    with open(CATALOGUS / naam, encoding="utf-8") as f:
        return json.load(f)


VOCABULARIA = {
    "doelgroepen": Doelgroep,
    "levensdomeinen": Levensdomein,
    "themas": Thema,
    "toegangswegen": Toegangsweg,
}

_CONCEPT_VELDEN = [
    "slug",
    "naam",
    "afkorting",
    "volledige_naam",
    "samenvatting",
    "voor_wie",
    "toegang_uitleg",
    "financier",
    "wettelijke_basis",
    "meer_info_url",
    "synoniemen",
    "uit_matrix",
]


def concepten_uit_fixture() -> list[dict]:
    """The support-form concepts of ``fixtures/catalogus/ondersteuningsvormen.json``, with their demo hints."""
    return _lees_json("ondersteuningsvormen.json")


def laad_catalogus(*, bijwerken: bool = False) -> Verslag:
    verslag = Verslag()
    vocabularia = _lees_json("vocabularia.json")
    for sleutel, model in VOCABULARIA.items():
        rijen = [
            {"code": w["code"], "label": w["label"], "uitleg": w.get("uitleg", ""), "volgorde": i}
            for i, w in enumerate(vocabularia[sleutel])
        ]
        verslag.tellingen[sleutel] = synchroniseer(model, "code", rijen, overschrijven=bijwerken)

    concepten = [{veld: c[veld] for veld in _CONCEPT_VELDEN} for c in concepten_uit_fixture()]
    verslag.tellingen["ondersteuningsvormen"] = synchroniseer(
        Ondersteuningsvorm, "slug", concepten, overschrijven=bijwerken
    )
    concept_ids = dict(Ondersteuningsvorm.objects.values_list("slug", "id"))
    begrippen = [
        {
            "slug": b["slug"],
            "term": b["term"],
            "afkorting": b["afkorting"],
            "context": b["context"],
            "uitleg": b["uitleg"],
            "synoniemen": b["synoniemen"],
            "ondersteuningsvorm_id": concept_ids.get(b["ondersteuningsvorm"]) if b["ondersteuningsvorm"] else None,
        }
        for b in _lees_json("begrippen.json")
    ]
    verslag.tellingen["begrippen"] = synchroniseer(Begrip, "slug", begrippen, overschrijven=bijwerken)
    return verslag


@transaction.atomic
def laad_referentiedata(*, bijwerken: bool = False) -> Verslag:
    """Load geography and curated catalogue content in one transaction (all or nothing)."""
    verslag = laad_geografie()
    verslag.tellingen.update(laad_catalogus(bijwerken=bijwerken).tellingen)
    if verslag.gewijzigd:
        from aanbod.zoeken.woorden import ververs_zoekwoorden, wis_cache

        ververs_zoekwoorden()
        wis_cache()
    return verslag
