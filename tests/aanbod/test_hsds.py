"""The HSDS 3.0 API (/api/hsds/): every demo record validates, filters, paging, errors and query counts.

The official schemas are read at run time, never copied into the project: from ``HSDS_SCHEMA_DIR`` (a
checkout of openreferral/specification or its ``schema/`` directory), else from the local mirror with
``git show v3.0:schema/…``; without either those tests are skipped. The structural tests below them
always run; they check the required fields and types of docs standards-and-peers.md §4b.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
import os
import re
import uuid
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache as django_cache
from django.db.models import Max
from django.test import Client
from django.utils import timezone
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from aanbod.constants import AanbodStatus, Werkvorm
from aanbod.hsds import mapping as m
from aanbod.models import Aanbod, Gemeente, Locatie, Ondersteuningsvorm, Organisatie, Thema

pytestmark = pytest.mark.django_db

# The official schemas of tag v3.0 of openreferral/specification, vendored with their licence.
VENDOR = Path(__file__).resolve().parents[1] / "vendor" / "hsds-3.0"
BASIS = "/api/hsds"


# --- the official schemas, read at run time ------------------------------------------------------


class HsdsSchemas:
    """Reads ``schema/<naam>`` and ``examples/<naam>`` of HSDS 3.0 from a directory."""

    def __init__(self, lees: Callable[[str], str], bron: str, lees_voorbeeld: Callable[[str], str] | None = None):
        self._lees, self.bron, self._lees_voorbeeld = lees, bron, lees_voorbeeld

    @classmethod
    def zoek(cls) -> HsdsSchemas:
        """The vendored schemas (``tests/vendor/hsds-3.0``), or those under ``HSDS_SCHEMA_DIR`` when set."""
        map_ = Path(os.environ.get("HSDS_SCHEMA_DIR") or VENDOR)
        for kandidaat in (map_ / "schema", map_):
            if (kandidaat / "compiled" / "service.json").is_file():
                voorbeelden = kandidaat.parent / "examples"
                return cls(
                    lambda naam, k=kandidaat: (k / naam).read_text(encoding="utf-8"),
                    str(kandidaat),
                    (lambda naam, v=voorbeelden: (v / naam).read_text(encoding="utf-8"))
                    if voorbeelden.is_dir()
                    else None,
                )
        # Only a wrong HSDS_SCHEMA_DIR gets here: the vendored copy is part of the repository.
        pytest.fail(f"{map_} bevat geen HSDS-schema's (schema/compiled/service.json)")

    @cache  # noqa: B019 - one instance per session, the schemas never change during it
    def json(self, naam: str) -> dict:
        return json.loads(self._lees(naam))

    def voorbeeld(self, naam: str) -> str:
        """``examples/<naam>`` of the specification, or ``pytest.skip`` when only the schemas are at hand."""
        if self._lees_voorbeeld is None:
            pytest.skip("de voorbeelden (examples/) van de specificatie zijn niet beschikbaar")
        return self._lees_voorbeeld(naam)

    def validator(self, naam: str, *, strikt: bool = False) -> Draft202012Validator:
        """A validator for ``schema/<naam>`` with strict formats; ``strikt`` forbids unknown properties."""
        schema = self.json(naam)
        registry = Registry(retrieve=self._resource)
        if strikt:
            schema = zonder_extra_velden(schema)
            registry = Registry(
                retrieve=lambda uri: Resource.from_contents(
                    zonder_extra_velden(self.json(uri)), default_specification=DRAFT202012
                )
            )
        return HsdsValidator(schema, registry=registry, format_checker=STRENGE_FORMATEN)

    def _resource(self, uri: str) -> Resource:
        # The per-table schemas have no $id and refer to each other by file name ("taxonomy.json").
        return Resource.from_contents(self.json(uri), default_specification=DRAFT202012)


def zonder_extra_velden(schema: Any) -> Any:
    """The schema with ``additionalProperties: false`` on every object, as upstream validates its examples."""
    schema = copy.deepcopy(schema)

    def zet(deel: Any) -> None:
        if isinstance(deel, dict):
            if "properties" in deel:
                deel.setdefault("additionalProperties", False)
            for waarde in deel.values():
                zet(waarde)
        elif isinstance(deel, list):
            for waarde in deel:
                zet(waarde)

    zet(schema)
    return schema


_DATUM = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATUMTIJD = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_TIJD = re.compile(r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-]\d{2}:\d{2})?$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def is_datum(waarde: str) -> bool:
    try:
        return bool(_DATUM.match(waarde)) and dt.date.fromisoformat(waarde) is not None
    except ValueError:
        return False


def is_datumtijd(waarde: str) -> bool:
    try:
        return bool(_DATUMTIJD.match(waarde)) and dt.datetime.fromisoformat(waarde).tzinfo is not None
    except ValueError:
        return False


def is_uri(waarde: str) -> bool:
    delen = urlsplit(waarde)
    return delen.scheme in {"http", "https"} and bool(delen.netloc) and " " not in waarde


# jsonschema checks uri, date-time and time only with optional packages: check them all here, strictly.
STRENGE_FORMATEN = FormatChecker([])
for _naam, _functie in {
    "uuid": lambda w: bool(_UUID.match(w)),
    "email": lambda w: bool(_EMAIL.match(w)),
    "uri": is_uri,
    "date": is_datum,
    "date-time": is_datumtijd,
    "time": lambda w: bool(_TIJD.match(w)),
}.items():
    STRENGE_FORMATEN.checks(_naam)(lambda w, f=_functie: not isinstance(w, str) or f(w))

# HSDS marks dates and times of the tabular form with "datapackage_type" instead of a JSON format.
_DATAPACKAGE_TYPES = {"date": is_datum, "datetime": is_datumtijd, "time": lambda w: bool(_TIJD.match(w))}


def _datapackage_type(validator, soort, waarde, schema):
    controle = _DATAPACKAGE_TYPES.get(soort)
    if controle and isinstance(waarde, str) and not controle(waarde):
        yield ValidationError(f"{waarde!r} is geen geldige {soort} (datapackage_type)")


HsdsValidator = validators.extend(Draft202012Validator, {"datapackage_type": _datapackage_type})


def valideer(validator: Draft202012Validator, objecten: list[dict], wat: str) -> None:
    """Every object validates; the message lists the first errors with the record's id and the path."""
    fouten = [
        f"{obj.get('id')}: {'/'.join(map(str, fout.absolute_path))}: {fout.message}"
        for obj in objecten
        for fout in validator.iter_errors(obj)
    ]
    assert not fouten, f"{len(fouten)} schemafouten in {wat}:\n" + "\n".join(fouten[:10])


@pytest.fixture(scope="session")
def schemas() -> HsdsSchemas:
    return HsdsSchemas.zoek()


# --- helpers -------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _geen_throttling_van_vorige_tests():
    django_cache.clear()  # throttling counts live in the cache


@pytest.fixture
def api() -> Client:
    return Client(HTTP_HOST="localhost")


def haal(api: Client, pad: str, status: int = 200, **params) -> Any:
    antwoord = api.get(f"{BASIS}{pad}", params)
    assert antwoord.status_code == status, antwoord.content[:500]
    assert antwoord["Content-Type"].startswith("application/json")
    return antwoord.json()


def alle_paginas(api: Client, pad: str, **params) -> list[dict]:
    """Walk every page of a list, checking the envelope of each against the total."""
    inhoud: list[dict] = []
    pagina, per_pagina = 1, int(params.pop("per_page", 100))
    while True:
        data = haal(api, pad, page=pagina, per_page=per_pagina, **params)
        controleer_envelop(data, pagina, per_pagina)
        inhoud += data["contents"]
        if data["last_page"]:
            break
        pagina += 1
    assert len(inhoud) == data["total_items"]
    assert len({item["id"] for item in inhoud}) == len(inhoud), "dubbele ids over de pagina's heen"
    return inhoud


def controleer_envelop(data: dict, pagina: int, per_pagina: int) -> None:
    totaal = data["total_items"]
    assert set(data) == {
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    }
    assert data["total_pages"] == math.ceil(totaal / per_pagina)
    assert data["page_number"] == pagina
    verwacht = max(0, min(per_pagina, totaal - (pagina - 1) * per_pagina))
    assert data["size"] == len(data["contents"]) == verwacht
    assert data["first_page"] is (pagina == 1)
    assert data["last_page"] is (pagina >= data["total_pages"])
    assert data["empty"] is (verwacht == 0)


def ids(items: list[dict]) -> set[str]:
    return {item["id"] for item in items}


def zichtbare_uuids(queryset=None) -> set[str]:
    queryset = Aanbod.objects.zichtbaar() if queryset is None else queryset
    return {str(u) for u in queryset.values_list("uuid", flat=True)}


@pytest.fixture(scope="module")
def volledige_diensten(demodata, django_db_blocker) -> list[dict]:
    """Every public demo service, fully nested, from the API (all pages)."""
    with django_db_blocker.unblock():
        django_cache.clear()
        return alle_paginas(Client(HTTP_HOST="localhost"), "/services", full="true")


# --- structure per §4b: required fields and types, always checked ----------------------------------

# table → required fields (§4b, `*`), and the nested arrays/objects and the table of their items.
VERPLICHT = {
    "service": {"id", "name", "status"},
    "organization": {"id", "name", "description"},
    "location": {"id", "location_type"},
    "service_at_location": {"id"},
    "address": {"id", "address_1", "city", "state_province", "postal_code", "country", "address_type"},
    "phone": {"id", "number"},
    "contact": {"id"},
    "schedule": {"id"},
    "service_area": {"id"},
    "language": {"id"},
    "accessibility": {"id"},
    "cost_option": {"id"},
    "taxonomy": {"id", "name", "description"},
    "taxonomy_term": {"id", "name", "description"},
    "attribute": {"id"},
    "organization_identifier": {"id", "identifier_type", "identifier"},
    "required_document": {"id"},
}
GENEST = {
    "organization": "organization",
    "location": "location",
    "service": "service",
    "taxonomy_term": "taxonomy_term",
    "taxonomy_detail": "taxonomy",
    "phones": "phone",
    "schedules": "schedule",
    "service_areas": "service_area",
    "service_at_locations": "service_at_location",
    "languages": "language",
    "cost_options": "cost_option",
    "contacts": "contact",
    "attributes": "attribute",
    "addresses": "address",
    "accessibility": "accessibility",
    "organization_identifiers": "organization_identifier",
    "required_documents": "required_document",
    "locations": "location",
    "services": "service",
}
GETALLEN = {"minimum_age", "maximum_age", "latitude", "longitude", "amount", "extension", "timezone", "interval"}
URIS = {"url", "website", "uri", "term_uri", "schedule_link", "logo"}
ENUMS = {
    ("service", "status"): {"active", "inactive", "defunct", "temporarily closed"},
    ("location", "location_type"): {"physical", "postal", "virtual"},
    ("address", "address_type"): {"physical", "postal", "virtual"},
    ("schedule", "freq"): {"WEEKLY", "MONTHLY"},
    ("schedule", "wkst"): set(m.DAGCODES.values()),
}


def structuurfouten(obj: dict, tabel: str, pad: str = "") -> Iterator[str]:
    """Required fields present, no nulls or empty strings, ids UUIDs, and the right type per field."""
    pad = pad or f"{tabel} {obj.get('id')}"
    for veld in VERPLICHT[tabel] - set(obj):
        yield f"{pad}: verplicht veld '{veld}' ontbreekt"
    for veld, waarde in obj.items():
        plek = f"{pad}.{veld}"
        if waarde is None or waarde == "":
            yield f"{plek}: leeg (weglaten in plaats van null of '')"
        elif veld in GENEST and isinstance(waarde, list):
            for i, item in enumerate(waarde):
                yield from structuurfouten(item, GENEST[veld], f"{plek}[{i}]")
        elif veld in GENEST and isinstance(waarde, dict):
            yield from structuurfouten(waarde, GENEST[veld], plek)
        elif veld in GENEST:
            yield f"{plek}: moet een lijst of object zijn"
        elif veld == "id" or veld.endswith("_id"):
            if not (isinstance(waarde, str) and _UUID.match(waarde)):
                yield f"{plek}: geen UUID: {waarde!r}"
        elif veld in GETALLEN:
            if isinstance(waarde, bool) or not isinstance(waarde, int | float):
                yield f"{plek}: geen getal: {waarde!r}"
        elif not isinstance(waarde, str):
            yield f"{plek}: geen tekst: {waarde!r}"
        elif veld in URIS and not is_uri(waarde):
            yield f"{plek}: geen URI: {waarde!r}"
        elif veld in {"email", "assurer_email"} and not _EMAIL.match(waarde):
            yield f"{plek}: geen e-mailadres: {waarde!r}"
        elif veld in {"assured_date", "valid_from", "valid_to", "dtstart", "until"} and not is_datum(waarde):
            yield f"{plek}: geen datum: {waarde!r}"
        elif veld == "last_modified" and not is_datumtijd(waarde):
            yield f"{plek}: geen datum-tijd met tijdzone: {waarde!r}"
        elif veld in {"opens_at", "closes_at"} and not _TIJD.match(waarde):
            yield f"{plek}: geen tijd: {waarde!r}"
        elif (tabel, veld) in ENUMS and waarde not in ENUMS[(tabel, veld)]:
            yield f"{plek}: waarde {waarde!r} niet toegelaten"


def controleer_structuur(objecten: list[dict], tabel: str) -> None:
    fouten = [fout for obj in objecten for fout in structuurfouten(obj, tabel)]
    assert not fouten, f"{len(fouten)} structuurfouten:\n" + "\n".join(fouten[:10])


def test_elke_publieke_demodienst_staat_in_de_lijst_met_een_correcte_structuur(volledige_diensten):
    assert ids(volledige_diensten) == zichtbare_uuids()
    controleer_structuur(volledige_diensten, "service")


def test_diensten_dragen_organisatie_kbo_locaties_uren_gebied_talen_kostprijs_en_attributen(volledige_diensten):
    for dienst in volledige_diensten:
        org = dienst["organization"]
        assert dienst["organization_id"] == org["id"]
        for identificatie in org.get("organization_identifiers", []):
            assert identificatie["identifier_scheme"] == "BE-BCE_KBO"
            assert identificatie["identifier_type"] == "KBO-nummer"
            assert re.fullmatch(r"[01]\d{9}", identificatie["identifier"])
        assert len(dienst["cost_options"]) == 1
        for koppeling in dienst.get("service_at_locations", []):
            assert koppeling["service_id"] == dienst["id"]
            assert koppeling["location_id"] == koppeling["location"]["id"]
            assert koppeling["location"]["addresses"][0]["country"] == "BE"
    met_kbo = [d for d in volledige_diensten if d["organization"].get("organization_identifiers")]
    assert len(met_kbo) > 0.9 * len(volledige_diensten)
    link_types = {a["link_type"] for d in volledige_diensten for a in d["attributes"]}
    assert {"eligibility", "life_domain", "topic", "access_route", "service_type", "capacity"} <= link_types
    assert any(s.get("byday") for d in volledige_diensten for s in d["schedules"])


def test_de_werkingsgebieden_noemen_nis_code_of_elz_of_heel_vlaanderen(volledige_diensten):
    geel = Gemeente.objects.get(nis_code="13008")
    gebieden = [g for d in volledige_diensten for g in d["service_areas"]]
    assert {g["extent_type"] for g in gebieden} == {"text"}
    geel_gebieden = [g for g in gebieden if g["name"] == "Geel"]
    assert geel_gebieden and all("NIS-code 13008" in g["description"] for g in geel_gebieden)
    assert any(g["description"].startswith("Eerstelijnszone") and "ELZ-code" in g["description"] for g in gebieden)
    assert any(g["name"] == "Vlaanderen en Brussel" for g in gebieden)
    # Every municipality of the werkingsgebied is one area with its NIS code.
    aanbod = Aanbod.objects.zichtbaar().filter(werkingsgebied_gemeenten=geel).first()
    dienst = next(d for d in volledige_diensten if d["id"] == str(aanbod.uuid))
    nis_codes = {
        re.search(r"NIS-code (\d{5})", g["description"]).group(1)
        for g in dienst["service_areas"]
        if "NIS" in g["description"]
    }
    assert nis_codes == set(aanbod.werkingsgebied_gemeenten.values_list("nis_code", flat=True))


def test_capaciteit_en_wachttijd_zijn_attributen_met_een_waarde(volledige_diensten):
    aanbod = Aanbod.objects.zichtbaar().filter(wachttijd_weken__isnull=False).first()
    dienst = next(d for d in volledige_diensten if d["id"] == str(aanbod.uuid))
    capaciteit = {
        a["taxonomy_term"]["code"]: a.get("value") for a in dienst["attributes"] if a["link_type"] == "capacity"
    }
    assert capaciteit[m.WACHTTIJD_CODE] == str(aanbod.wachttijd_weken)
    assert is_datumtijd(capaciteit[aanbod.capaciteit])


def test_status_volgt_ons_statusmodel(api, demodata):
    gesloten = Aanbod.objects.zichtbaar().first()
    Aanbod.objects.filter(pk=gesloten.pk).update(status=AanbodStatus.TIJDELIJK_GESLOTEN)
    assert haal(api, f"/services/{gesloten.uuid}")["status"] == "temporarily closed"
    stopgezet = Aanbod.objects.filter(status=AanbodStatus.STOPGEZET).first()
    haal(api, f"/services/{stopgezet.uuid}", status=404)  # not public …
    na = (stopgezet.gewijzigd_op - dt.timedelta(seconds=1)).isoformat()
    gesynchroniseerd = {d["id"]: d for d in alle_paginas(api, "/services", modified_after=na)}
    assert gesynchroniseerd[str(stopgezet.uuid)]["status"] == "defunct"  # … but a sync client sees it go


def test_organisaties_locaties_en_diensten_op_locatie_over_alle_paginas(api, demodata):
    organisaties = alle_paginas(api, "/organizations", full="true", per_page=40)
    assert ids(organisaties) == {str(u) for u in Organisatie.objects.actief().values_list("uuid", flat=True)}
    controleer_structuur(organisaties, "organization")
    koppelingen = alle_paginas(api, "/service_at_locations", full="true", per_page=100)
    verwacht = Aanbod.locaties.through.objects.filter(
        aanbod__in=Aanbod.objects.zichtbaar(), locatie__actief=True, locatie__organisatie__actief=True
    ).count()
    assert len(koppelingen) == verwacht
    controleer_structuur(koppelingen, "service_at_location")


def test_taxonomieen_en_termen(api, demodata):
    taxonomieen = alle_paginas(api, "/taxonomies", per_page=3)
    assert {t["name"] for t in taxonomieen} >= {"doelgroepen", "themas", "ondersteuningsvormen", "capaciteit"}
    controleer_structuur(taxonomieen, "taxonomy")
    termen = alle_paginas(api, "/taxonomy_terms", per_page=100)
    controleer_structuur(termen, "taxonomy_term")
    dementie = Thema.objects.get(code="dementie")
    assert any(t["id"] == str(dementie.uuid) and t["code"] == "dementie" for t in termen)
    assert len([t for t in termen if t["taxonomy"] == "ondersteuningsvormen"]) == Ondersteuningsvorm.objects.count()
    themas = alle_paginas(api, "/taxonomy_terms", taxonomy_id=m.THEMAS.id)
    assert {t["taxonomy_id"] for t in themas} == {m.THEMAS.id}
    detail = haal(api, f"/taxonomy_terms/{dementie.uuid}")
    assert detail["taxonomy_detail"]["name"] == "themas"
    assert haal(api, f"/taxonomies/{m.THEMAS.id}")["name"] == "themas"


def test_ids_van_taxonomieen_en_afgeleide_objecten_zijn_stabiel():
    assert m.THEMAS.id == str(uuid.uuid5(m.HSDS_NAMESPACE, "taxonomy/themas"))
    assert m.keuzeterm(m.WERKVORMEN, Werkvorm.ONLINE).id == m.keuzeterm(m.WERKVORMEN, Werkvorm.ONLINE).id
    assert len({t.id for t in m.TAXONOMIEEN}) == len(m.TAXONOMIEEN)


@pytest.mark.parametrize("_", range(50))
def test_een_service_at_location_id_verwijst_terug_naar_zijn_paar(_):
    aanbod, locatie = uuid.uuid4(), uuid.uuid4()
    paar_id = uuid.UUID(m.service_at_location_id(aanbod, locatie))
    assert paar_id.version == 8
    (a_van, a_tot), (l_van, l_tot) = m.ontleed_service_at_location_id(paar_id)
    assert a_van <= aanbod <= a_tot and l_van <= locatie <= l_tot
    assert m.ontleed_service_at_location_id(uuid.uuid4()) is None


def test_details_zijn_gelijk_aan_de_volledige_lijstitems(api, volledige_diensten):
    for dienst in volledige_diensten[:: max(1, len(volledige_diensten) // 15)]:
        assert haal(api, f"/services/{dienst['id']}") == dienst
        for koppeling in dienst.get("service_at_locations", [])[:1]:
            detail = haal(api, f"/service_at_locations/{koppeling['id']}")
            assert detail["location"] == koppeling["location"]
            assert detail["service"]["id"] == dienst["id"]
            assert "service_at_locations" not in detail["service"]
        org = haal(api, f"/organizations/{dienst['organization_id']}")
        assert dienst["id"] in ids(org["services"])


def test_basis_en_profiel(api):
    basis = haal(api, "/")
    assert basis["version"] == "3.0"
    assert basis["profile"] == "http://localhost/api/hsds/profiel/"
    assert basis["openapi_url"] == "http://localhost/api/v1/schema/"
    profiel = api.get("/api/hsds/profiel/")
    assert profiel.status_code == 200
    assert profiel["Content-Type"].startswith("text/markdown")
    assert "BE-BCE_KBO" in profiel.content.decode()


# --- paging, filters, errors ---------------------------------------------------------------------


@pytest.mark.parametrize("per_pagina", [1, 7, 50, 100])
def test_pagina_envelop_klopt_op_eerste_middelste_en_laatste_pagina(api, demodata, per_pagina):
    totaal = Aanbod.objects.zichtbaar().count()
    laatste = math.ceil(totaal / per_pagina)
    for pagina in sorted({1, max(1, laatste // 2), laatste, laatste + 1}):
        controleer_envelop(haal(api, "/services", page=pagina, per_page=per_pagina), pagina, per_pagina)


def test_standaard_50_per_pagina_en_hoogstens_100(api, demodata):
    assert haal(api, "/services")["size"] == 50
    data = haal(api, "/services", per_page=1000)
    assert data["size"] == 100
    assert data["total_pages"] == math.ceil(data["total_items"] / 100)


def test_een_pagina_ver_voorbij_het_einde_is_leeg_en_geen_fout(api, demodata):
    data = haal(api, "/services", page=10**20)
    assert data["empty"] is True and data["contents"] == []


def test_zoeken_gebruikt_de_zoekdienst_met_synoniemen(api, demodata):
    dementie = alle_paginas(api, "/services", search="dementie")
    themas = zichtbare_uuids(Aanbod.objects.zichtbaar().filter(themas__code="dementie"))
    assert themas <= ids(dementie)
    assert len(dementie) < Aanbod.objects.zichtbaar().count()
    # "DOP" is a synonym of the concept Dienst Ondersteuningsplan: same results.
    assert ids(alle_paginas(api, "/services", search="DOP")) == ids(
        alle_paginas(api, "/services", search="dienst ondersteuningsplan")
    )
    assert haal(api, "/services", search="qzxv")["total_items"] == 0


def test_postcode_filtert_op_dekking(api, demodata):
    geel = Gemeente.objects.get(nis_code="13008")
    gevonden = alle_paginas(api, "/services", postcode="2440")
    assert ids(gevonden) == zichtbare_uuids(Aanbod.objects.zichtbaar().voor_gemeente(geel, postcode="2440"))
    assert 0 < len(gevonden) < Aanbod.objects.zichtbaar().count()
    koppelingen = alle_paginas(api, "/service_at_locations", postcode="2440")
    assert {k["service_id"] for k in koppelingen} <= ids(gevonden)


def test_filteren_op_taxonomieterm(api, demodata):
    dementie = Thema.objects.get(code="dementie")
    gevonden = alle_paginas(api, "/services", taxonomy_term_id=str(dementie.uuid))
    assert ids(gevonden) == zichtbare_uuids(Aanbod.objects.zichtbaar().filter(themas=dementie))
    online = m.keuzeterm(m.WERKVORMEN, Werkvorm.ONLINE)
    assert ids(alle_paginas(api, "/services", taxonomy_term_id=online.id)) == zichtbare_uuids(
        Aanbod.objects.zichtbaar().filter(werkvormen__contains=["online"])
    )
    vorm = Ondersteuningsvorm.objects.filter(aanbod__isnull=False).first()
    assert ids(alle_paginas(api, "/services", taxonomy_term_id=str(vorm.uuid))) == zichtbare_uuids(
        Aanbod.objects.zichtbaar().filter(ondersteuningsvorm=vorm)
    )
    assert haal(api, "/services", taxonomy_term_id=str(uuid.uuid4()))["total_items"] == 0
    # Filters combine (AND), as the HSDS API reference requires.
    samen = alle_paginas(api, "/services", taxonomy_term_id=str(dementie.uuid), postcode="2440")
    assert ids(samen) == ids(gevonden) & ids(alle_paginas(api, "/services", postcode="2440"))


def test_modified_after_geeft_wat_sindsdien_wijzigde_ook_via_organisatie_of_locatie(api, demodata):
    grens = Aanbod.objects.aggregate(t=Max("gewijzigd_op"))["t"] + dt.timedelta(seconds=1)
    later = grens + dt.timedelta(minutes=5)
    eigen = Aanbod.objects.zichtbaar().order_by("id").first()
    Aanbod.objects.filter(pk=eigen.pk).update(gewijzigd_op=later)
    locatie = Locatie.objects.filter(actief=True, aanbod__isnull=False).exclude(aanbod=eigen).first()
    Locatie.objects.filter(pk=locatie.pk).update(gewijzigd_op=later)
    org = Organisatie.objects.filter(aanbod__in=Aanbod.objects.zichtbaar()).exclude(aanbod=eigen).first()
    Organisatie.objects.filter(pk=org.pk).update(gewijzigd_op=later)
    gevonden = alle_paginas(api, "/services", modified_after=grens.isoformat())
    verwacht = {eigen.uuid, *(a.uuid for a in locatie.aanbod.all()), *(a.uuid for a in org.aanbod.all())}
    assert ids(gevonden) == {str(u) for u in verwacht}
    assert all(d["last_modified"] == m.datumtijd(later) for d in gevonden)
    # A naive time is Belgian local time; a date is its midnight.
    lokaal = timezone.localtime(grens).replace(tzinfo=None).isoformat()
    assert ids(alle_paginas(api, "/services", modified_after=lokaal)) == ids(gevonden)
    # A sync from the beginning gets everything, stopped aanbod included.
    assert haal(api, "/services", modified_after="2000-01-01")["total_items"] == Aanbod.objects.count()


FOUTE_PARAMETERS = [
    ("/services", {"page": "x"}, "page"),
    ("/services", {"page": "0"}, "page"),
    ("/services", {"per_page": "-3"}, "per_page"),
    ("/services", {"modified_after": "gisteren"}, "modified_after"),
    ("/services", {"modified_after": "2026-02-30T10:00:00Z"}, "modified_after"),
    ("/services", {"taxonomy_term_id": "dementie"}, "taxonomy_term_id"),
    ("/services", {"postcode": "24400"}, "postcode"),
    ("/services", {"postcode": "9999"}, "postcode"),
    ("/services", {"search": "a\x00b"}, "search"),
    ("/services", {"search": "x" * 201}, "search"),
    ("/services", {"full": "misschien"}, "full"),
    ("/service_at_locations", {"page": "1.5"}, "page"),
    ("/organizations", {"per_page": "veel"}, "per_page"),
    ("/taxonomy_terms", {"taxonomy_id": "themas"}, "taxonomy_id"),
    ("/services/niet-een-uuid", {}, "id"),
    ("/organizations/123", {}, "id"),
    ("/service_at_locations/xyz", {}, "id"),
    ("/taxonomies/themas", {}, "id"),
    ("/taxonomy_terms/dementie", {}, "id"),
]


@pytest.mark.parametrize(("pad", "params", "veld"), FOUTE_PARAMETERS)
def test_een_foute_parameter_geeft_400_in_het_nederlands(api, demodata, pad, params, veld):
    fout = haal(api, pad, status=400, **params)
    assert set(fout) == {"detail", "code", "fields"}
    assert veld in fout["fields"] and fout["detail"].startswith("Ongeldige parameter")
    assert fout["code"] in {"ongeldige_parameter", "ongeldige_id", "onbekende_postcode"}


@pytest.mark.parametrize(
    "pad", ["/services", "/organizations", "/service_at_locations", "/taxonomies", "/taxonomy_terms"]
)
def test_een_onbekende_id_geeft_404_json(api, demodata, pad):
    fout = haal(api, f"{pad}/{uuid.uuid4()}", status=404)
    assert fout["code"] == "niet_gevonden" and fout["fields"] == {}
    assert fout["detail"].startswith("Geen ")


def test_routes_met_en_zonder_slash_en_onbekende_routes(api, demodata):
    assert haal(api, "/services/", per_page=1)["size"] == 1
    dienst = Aanbod.objects.zichtbaar().first()
    assert haal(api, f"/services/{dienst.uuid}/")["id"] == str(dienst.uuid)
    assert haal(api, "/bestaat-niet", status=404)["code"] == "niet_gevonden"
    antwoord = api.post(f"{BASIS}/services", {})
    assert antwoord.status_code == 405 and set(antwoord.json()) == {"detail", "code", "fields"}


def test_organisatie_van_een_inactieve_organisatie_is_niet_publiek(api, demodata):
    inactief = Organisatie.objects.filter(actief=False).first()
    haal(api, f"/organizations/{inactief.uuid}", status=404)
    assert str(inactief.uuid) not in ids(alle_paginas(api, "/organizations"))


# --- query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pad", "params"),
    [
        ("/services", {"full": "true"}),
        ("/services", {}),
        ("/services", {"full": "true", "search": "mantelzorg", "postcode": "2440"}),
        ("/service_at_locations", {"full": "true"}),
        ("/organizations", {"full": "true"}),
        ("/taxonomy_terms", {}),
    ],
)
def test_een_pagina_kost_een_vast_aantal_queries(api, demodata, django_assert_max_num_queries, pad, params):
    for per_pagina in (5, 100):
        with django_assert_max_num_queries(16):
            data = haal(api, pad, per_page=per_pagina, **params)
        assert data["size"] == min(per_pagina, data["total_items"])


def test_een_detail_kost_een_vast_aantal_queries(api, demodata, django_assert_max_num_queries):
    dienst = Aanbod.objects.zichtbaar().filter(locaties__isnull=False).first()
    with django_assert_max_num_queries(12):
        haal(api, f"/services/{dienst.uuid}")
    paar = m.service_at_location_id(dienst.uuid, dienst.locaties.first().uuid)
    with django_assert_max_num_queries(14):
        haal(api, f"/service_at_locations/{paar}")


# --- validation against the official HSDS 3.0 schemas --------------------------------------------


def test_elke_volledige_dienst_valideert_tegen_het_officiele_schema(schemas, volledige_diensten):
    valideer(schemas.validator("compiled/service.json"), volledige_diensten, "services (volledig)")
    valideer(schemas.validator("compiled/service.json", strikt=True), volledige_diensten, "services (strikt)")


def test_elk_lijstitem_en_elke_pagina_valideert(schemas, api, demodata):
    diensten = alle_paginas(api, "/services")
    valideer(schemas.validator("compiled/service_list.json", strikt=True), diensten, "services (lijst)")
    pagina = schemas.json("openapi.json")["components"]["schemas"]["Page"]
    valideer(HsdsValidator(pagina, format_checker=STRENGE_FORMATEN), [haal(api, "/services", per_page=3)], "Page")


def test_elke_organisatie_valideert(schemas, api, demodata):
    volledig = alle_paginas(api, "/organizations", full="true")
    valideer(schemas.validator("compiled/organization.json", strikt=True), volledig, "organizations (volledig)")
    lijst = alle_paginas(api, "/organizations")
    valideer(schemas.validator("compiled/organization_list.json", strikt=True), lijst, "organizations (lijst)")


def test_elke_dienst_op_locatie_valideert(schemas, api, demodata):
    volledig = alle_paginas(api, "/service_at_locations", full="true")
    valideer(schemas.validator("compiled/service_at_location.json", strikt=True), volledig, "service_at_locations")
    lijst = alle_paginas(api, "/service_at_locations")
    valideer(
        schemas.validator("compiled/service_at_location_list.json", strikt=True), lijst, "service_at_locations (lijst)"
    )


def test_elke_taxonomie_en_term_valideert(schemas, api, demodata):
    valideer(schemas.validator("taxonomy.json", strikt=True), alle_paginas(api, "/taxonomies"), "taxonomies")
    termen = alle_paginas(api, "/taxonomy_terms")
    valideer(schemas.validator("taxonomy_term.json", strikt=True), termen, "taxonomy_terms")
    details = [haal(api, f"/taxonomy_terms/{t['id']}") for t in termen[::10]]
    valideer(schemas.validator("taxonomy_term.json", strikt=True), details, "taxonomy_terms (detail)")


def test_de_basisroute_valideert_tegen_openapi(schemas, api):
    antwoord = schemas.json("openapi.json")["paths"]["/"]["get"]["responses"]["200"]
    schema = antwoord["content"]["application/json"]["schema"]
    valideer(HsdsValidator(schema, format_checker=STRENGE_FORMATEN), [haal(api, "/")], "GET /")


def test_de_validator_vangt_fouten_echt(schemas, volledige_diensten):
    """Guard against a validator that accepts everything: broken copies must fail."""
    validator = schemas.validator("compiled/service.json", strikt=True)
    dienst = next(d for d in volledige_diensten if d.get("schedules") and d.get("url"))
    for breek in (
        lambda d: d.pop("status"),
        lambda d: d.update(id="geen-uuid"),
        lambda d: d.update(url="geen url"),
        lambda d: d.update(last_modified="2026-01-01 10:00"),
        lambda d: d.update(onbekend_veld=1),
        lambda d: d["schedules"][0].update(opens_at="9 uur"),
        lambda d: d.update(minimum_age="12"),
    ):
        kapot = copy.deepcopy(dienst)
        breek(kapot)
        assert list(validator.iter_errors(kapot)), kapot
