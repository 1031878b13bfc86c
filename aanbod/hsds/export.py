"""Exporting the public catalogue as an HSDS 3.0 tabular data package (CSV) or as ndjson of full services.

Both hold the same dicts as the API (:mod:`aanbod.hsds.mapping`), built here from plain rows by
:class:`Bouwer` (a test checks they are equal); the CSV rows are those dicts flattened, one table per
kind of object, with the columns and column order of the HSDS table schemas. Rows are written while the
database is read in keyset-paginated chunks, so memory stays flat whatever the catalogue size; while one
chunk is built and written, a background thread already reads the next (:func:`_vooruit_gelezen`).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import queue
import tempfile
import threading
import time
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, TypeVar

import orjson
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import BigIntegerField, Func, Q, QuerySet
from django.db.models.expressions import RawSQL

from aanbod.constants import AanbodStatus, Capaciteit, Kostprijs, OrganisatieSoort
from aanbod.hsds import mapping as m
from aanbod.models import Aanbod, Eerstelijnszone, Gemeente, Locatie, Ondersteuningsvorm, Openingsuur, Organisatie

CHUNK = 1000
T = TypeVar("T")
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

_KINDSLEUTELS = frozenset(KINDTABELLEN)

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


class Tabelschrijver:
    """One open CSV writer per table; :meth:`schrijf` flattens a nested HSDS object into their rows."""

    def __init__(self, map_: Path):
        self._stapel = ExitStack()
        # Per table: its writer's writerows and its columns, looked up once per row instead of per column.
        self._tabellen: dict[str, tuple[Any, list[str]]] = {}
        self.tellingen: dict[str, int] = {tabel.naam: 0 for tabel in TABELLEN}
        for tabel in TABELLEN:
            bestand: IO[str] = self._stapel.enter_context(open(map_ / tabel.pad, "w", encoding="utf-8", newline=""))
            schrijver = csv.writer(bestand)
            schrijver.writerow(tabel.kolommen)
            self._tabellen[tabel.naam] = (schrijver.writerows, tabel.kolommen)

    def __enter__(self) -> Tabelschrijver:
        return self

    def __exit__(self, *fout) -> None:
        self._stapel.close()

    def schrijf(self, tabelnaam: str, obj: dict[str, Any]) -> None:
        self.schrijf_alle(tabelnaam, (obj,))

    def schrijf_alle(self, tabelnaam: str, objecten: Sequence[dict[str, Any]]) -> None:
        """Rows for ``objecten`` in table ``tabelnaam``, then for their children, table by table.

        Each table's rows keep the order of the objects; a service's dozen children are written with
        one ``writerows`` per kind instead of one ``writerow`` (and one recursive call) each.
        """
        schrijf_rijen, kolommen = self._tabellen[tabelnaam]
        # The csv module writes None as "" and anything else as its str(); no HSDS table has a boolean
        # column, so no value needs converting first.
        schrijf_rijen([map(obj.get, kolommen) for obj in objecten])
        self.tellingen[tabelnaam] += len(objecten)
        for obj in objecten:
            if _KINDSLEUTELS.isdisjoint(obj):
                continue  # most children (attributes, schedules, …) have none of their own
            for sleutel, waarde in obj.items():
                # Nested single objects (a service's organization, a pair's location, an attribute's term)
                # are written by their own pass, so only arrays of owned children are followed.
                if waarde and sleutel in KINDTABELLEN:
                    self.schrijf_alle(KINDTABELLEN[sleutel], waarde)


# --- what is exported ----------------------------------------------------------------------------
#
# The export reads plain rows (``values()``), one keyset-paginated chunk at a time, and builds the same
# dicts as :mod:`aanbod.hsds.mapping` without model instances: at 100k services, instantiating models and
# prefetch caches costs more than everything else together. Each chunk costs a constant number of queries;
# the vocabularies, zones and municipalities (reference data) are looked up once per export.


def aanbod_voor_export():
    """The public aanbod (what ``/api/hsds/services`` lists), in a stable order."""
    return Aanbod.objects.zichtbaar().order_by("naam", "id")


def organisaties_voor_export():
    return Organisatie.objects.actief().order_by("naam", "id")


def locaties_voor_export():
    return m.publieke_locaties().order_by("naam", "id")


def _in_brokken(queryset: QuerySet, velden: Iterable[str], chunk: int) -> Iterator[list[dict[str, Any]]]:
    """``queryset`` (ordered by naam, id) as lists of ``values()`` rows, paginated on (naam, id)."""
    velden = tuple(velden)
    laatste: tuple[str, int] | None = None
    while True:
        deel = queryset
        if laatste is not None:
            # ``naam >= x`` is implied by the OR; stated separately it is a range on the (naam, id) index.
            deel = deel.filter(Q(naam__gte=laatste[0]), Q(naam__gt=laatste[0]) | Q(naam=laatste[0], id__gt=laatste[1]))
        rijen = list(deel.values(*velden)[:chunk])
        if not rijen:
            return
        yield rijen
        laatste = (rijen[-1]["naam"], rijen[-1]["id"])


def _per(rijen: Iterable[tuple], sleutel: int = 0) -> defaultdict[Any, list[tuple]]:
    """Rows grouped by the value at ``sleutel``, each group in the order of the query."""
    groepen: defaultdict[Any, list[tuple]] = defaultdict(list)
    for rij in rijen:
        groepen[rij[sleutel]].append(rij)
    return groepen


_eerste = itemgetter(0)


def _afleider(*voorvoegsel: str) -> Callable[[str], str]:
    """``m.afgeleid_id(*voorvoegsel, rest)`` as a function of ``rest``: the shared prefix is hashed once.

    An export derives ~27 ids per service, most of them a dozen at a time under one owner (its
    attributes, its schedules); deriving them was a third of the time spent building services.
    """
    basis = m._SHA1_NAMESPACE.copy()
    basis.update(("/".join(voorvoegsel) + "/").encode())
    variant = m._VARIANT

    def afgeleid(rest: str) -> str:
        sha = basis.copy()
        sha.update(rest.encode())
        x = sha.hexdigest()
        return f"{x[:8]}-{x[8:12]}-5{x[13:16]}-{variant[x[16]]}{x[17:20]}-{x[20:32]}"

    return afgeleid


def _schedules(uren: Iterable[_Uur], toelichting: str, eigenaar: str, eigenaar_id: str) -> list[dict[str, Any]]:
    """:func:`mapping.schedules` (the same dicts), deriving the ids from one hashed prefix."""
    veld = f"{eigenaar}_id"
    id_van = _afleider("schedule", eigenaar, eigenaar_id)
    tijd, dagcodes = m._tijd, m.DAGCODES
    resultaat = [
        {
            "id": id_van(f"{dag}/{van}/{tot}"),
            veld: eigenaar_id,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": dagcodes[dag],
            "opens_at": van,
            "closes_at": tot,
        }
        for _eigenaar, dag, van_tijd, tot_tijd in uren
        for van, tot in ((tijd(van_tijd), tijd(tot_tijd)),)
    ]
    if toelichting:
        resultaat.append({"id": id_van("toelichting"), veld: eigenaar_id, "description": toelichting})
    return resultaat


@dataclass
class _Brok:
    """What :meth:`Bouwer.lees` read for one chunk of aanbod rows, keyed by row id."""

    rijen: list[dict[str, Any]]
    organisaties: dict[int, dict[str, Any]]
    # Per aanbod: its public locations' rows in their order (behind a sort key), and the newest change
    # (microseconds) of any of its locations.
    per_dienst: dict[int, list[tuple[tuple, dict[str, Any]]]]
    laatst_gewijzigd: dict[int, int]
    facetten: dict[str, dict[int, list[int]]] = field(default_factory=dict)
    zones: dict[int, list[int]] = field(default_factory=dict)
    gemeenten: dict[int, list[int]] = field(default_factory=dict)
    uren: dict[int, list[_Uur]] = field(default_factory=dict)
    # Only with ``genest``: the opening hours of the public locations, and (uuid, actief) of parents.
    uren_per_locatie: dict[int, list[_Uur]] = field(default_factory=dict)
    hoofden: dict[int, tuple[uuid.UUID, bool]] = field(default_factory=dict)


# An opening-hours row: (owner id, day, from, to), as read; plain tuples, unpacked by position.
_Uur = tuple[int, int, dt.time, dt.time]


_ORGANISATIEVELDEN = tuple(
    "id uuid naam beschrijving soort email website kbo_nummer telefoon hoofdorganisatie__uuid "
    "hoofdorganisatie__actief".split()
)
_LOCATIEVELDEN = tuple(
    "id uuid naam organisatie__uuid openbaar_vervoer latitude longitude straat postcode gemeente_id "
    "rolstoeltoegankelijk toegankelijkheid openingsuren_toelichting".split()
)
_AANBODVELDEN = tuple(
    "id uuid naam organisatie_id beschrijving website email status aanmelding kostprijs_toelichting "
    "leeftijd_min leeftijd_max laatst_gecontroleerd_op gewijzigd_us telefoon openingsuren_toelichting "
    "werkingsgebied_vlaanderen talen kostprijs ondersteuningsvorm_id werkvormen capaciteit "
    "capaciteit_bijgewerkt_op wachttijd_weken contactpersoon contactpersoon_functie meebrengen".split()
)
# What a chunk reads of the organisations and locations its services point to: enough to filter the
# public locations, order a service's locations and date its last change; with ``genest`` also what
# their nested objects show.
_ORGANISATIE_KERN = ("id", "uuid", "naam", "actief", "gewijzigd_us")
_ORGANISATIE_DETAILS = ("beschrijving", "soort", "email", "website", "kbo_nummer", "telefoon", "hoofdorganisatie_id")
_LOCATIE_KERN = ("id", "uuid", "naam", "actief", "organisatie_id", "gewijzigd_us")
_LOCATIE_DETAILS = tuple(
    "openbaar_vervoer latitude longitude straat postcode gemeente_id rolstoeltoegankelijk toegankelijkheid "
    "openingsuren_toelichting".split()
)


class _Microseconden(Func):
    """A timestamp as whole microseconds since 1970 UTC.

    Only the newest of a service's timestamps is shown; as integers they are compared without being
    parsed first (psycopg's timestamp loader, in Python, was a tenth of the export's time).
    """

    template = "(EXTRACT(EPOCH FROM %(expressions)s) * 1000000)::bigint"
    output_field = BigIntegerField()


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _reeks(ids: Iterable[int]) -> RawSQL:
    """``ids`` as one bigint[] parameter for ``__any``, written as its text literal.

    Passed as a list, Django resolves every element as a lookup value and psycopg dumps the array
    element by element: a few milliseconds per thousand ids, ten times per chunk.
    """
    return RawSQL("%s::bigint[]", ("{" + ",".join(map(str, ids)) + "}",))


def _rangen(rijen: Iterable[tuple]) -> dict[Any, int]:
    """``(pk, *sort key)`` rows in the database's order → pk: position, equal keys sharing one.

    The database sorts, so names are ordered by its collation (as the API's ``ORDER BY`` does), not by
    Python's string comparison; Python only compares positions.
    """
    rangen: dict[Any, int] = {}
    vorige: list | None = None
    positie = -1
    for pk, *sleutel in rijen:
        if sleutel != vorige:
            positie += 1
            vorige = sleutel
        rangen[pk] = positie
    return rangen


class Bouwer:
    """Builds the HSDS dicts of :mod:`aanbod.hsds.mapping` from rows, a chunk at a time.

    What every chunk needs and does not grow with the catalogue (taxonomy terms, zones, municipalities,
    labels) is read once here; the output equals ``mapping.service``/``organization``/``location``.

    ``genest=False`` leaves out a service's nested ``organization`` and its pairs' ``location``: the CSV
    package writes those in their own pass, so building them per service would be wasted.
    """

    def __init__(self, *, genest: bool = True) -> None:
        self.genest = genest
        # (term id, link_type, taxonomy_term dict) per vocabulary field and pk, and each value's sort position.
        self.termen: dict[str, dict[int, tuple[str, str, dict[str, Any]]]] = {}
        self.termrangen: dict[str, dict[int, int]] = {}
        for veld, (model, taxonomie) in m.VOCABULARIA.items():
            waarden = list(model.objects.order_by("volgorde", "label", "id"))
            self.termen[veld] = {w.pk: self._term(m.term_van_vocabularium(w, taxonomie)) for w in waarden}
            self.termrangen[veld] = _rangen((w.pk, w.volgorde, w.label) for w in waarden)
        self.vormen = {v.pk: self._term(m.term_van_ondersteuningsvorm(v)) for v in Ondersteuningsvorm.objects.all()}
        self.keuzes = {sleutel: self._term(term) for sleutel, term in m.KEUZETERMEN.items()}
        gemeenten = Gemeente.objects.order_by("naam", "id").values("id", "naam", "nis_code", "gewest", "provincie")
        gemeenten = list(gemeenten)
        self.gemeenten = {g["id"]: g for g in gemeenten}
        self.gemeenterangen = _rangen((g["id"], g["naam"]) for g in gemeenten)
        zones = list(Eerstelijnszone.objects.order_by("naam", "id"))
        self.zones = {z.pk: z for z in zones}
        self.zonerangen = _rangen((z.pk, z.naam) for z in zones)
        self._organisatievelden = _ORGANISATIE_KERN + (_ORGANISATIE_DETAILS if genest else ())
        self._locatievelden = _LOCATIE_KERN + (_LOCATIE_DETAILS if genest else ())
        self.soorten = {code: str(label) for code, label in OrganisatieSoort.choices}
        self.kostprijzen = {code: str(label) for code, label in Kostprijs.choices}
        self.talen = {code: str(label) for code, label in m._TAALNAMEN.items()}

    @staticmethod
    def _term(term: m.Term) -> tuple[str, str, dict[str, Any]]:
        return term.id, term.taxonomie.link_type, m.taxonomy_term(term)

    # --- organization and location ---

    def organisatie(self, rij: dict[str, Any]) -> dict[str, Any]:
        org_id = str(rij["uuid"])
        identificaties = []
        if rij["kbo_nummer"]:
            identificaties.append(
                {
                    "id": m.afgeleid_id("organization_identifier", org_id, m.KBO_SCHEMA),
                    "organization_id": org_id,
                    "identifier_scheme": m.KBO_SCHEMA,
                    "identifier_type": m.KBO_TYPE,
                    "identifier": rij["kbo_nummer"],
                }
            )
        hoofd = rij["hoofdorganisatie__uuid"]
        data = {
            "id": org_id,
            "name": rij["naam"],
            "description": rij["beschrijving"] or self.soorten.get(rij["soort"], rij["soort"]),
            "email": rij["email"],
            "website": rij["website"],
            "parent_organization_id": str(hoofd) if hoofd is not None and rij["hoofdorganisatie__actief"] else None,
            "organization_identifiers": identificaties,
            "phones": m._telefoons(rij["telefoon"], "organization", org_id),
            "attributes": [
                self._attribuut(org_id, "organization", self.keuzes[(m.ORGANISATIESOORTEN.naam, rij["soort"])])
            ],
        }
        return m._zonder_leeg(data)

    def locatie(self, rij: dict[str, Any], uren: Iterable[_Uur]) -> dict[str, Any]:
        locatie_id = str(rij["uuid"])
        gemeente = self.gemeenten[rij["gemeente_id"]]
        adres = {
            "id": m.afgeleid_id("address", locatie_id, "physical"),
            "location_id": locatie_id,
            "address_1": rij["straat"],
            "city": gemeente["naam"],
            "region": gemeente["gewest"],
            "state_province": gemeente["provincie"] or gemeente["gewest"],
            "postal_code": rij["postcode"],
            "country": m.LAND,
            "address_type": "physical",
        }
        rolstoel = {True: m.ROLSTOEL_JA, False: m.ROLSTOEL_NEE}.get(rij["rolstoeltoegankelijk"])
        toegankelijkheid = []
        if rolstoel or rij["toegankelijkheid"]:
            toegankelijkheid.append(
                m._zonder_leeg(
                    {
                        "id": m.afgeleid_id("accessibility", locatie_id),
                        "location_id": locatie_id,
                        "description": rij["toegankelijkheid"],
                        "details": rolstoel,
                    }
                )
            )
        return m._zonder_leeg(
            {
                "id": locatie_id,
                "location_type": "physical",
                "organization_id": str(rij["organisatie__uuid"]),
                "name": rij["naam"],
                "transportation": rij["openbaar_vervoer"],
                "latitude": rij["latitude"],
                "longitude": rij["longitude"],
                "addresses": [adres],
                "accessibility": toegankelijkheid,
                "schedules": _schedules(uren, rij["openingsuren_toelichting"], "location", locatie_id),
            }
        )

    def _uren(self, veld: str, ids: Iterable[int]) -> defaultdict[Any, list[tuple]]:
        rijen = (
            Openingsuur.objects.filter(**{f"{veld}__any": ids})
            .order_by("dag", "van", "id")
            .values_list(veld, "dag", "van", "tot")
        )
        return _per(rijen)

    # --- service ---

    def diensten(self, rijen: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """The full HSDS services of one chunk of aanbod rows, in a constant number of queries."""
        return self.bouw(self.lees(rijen))

    def lees(self, rijen: list[dict[str, Any]]) -> _Brok:
        """Everything the services of one chunk of aanbod rows point to; all of a chunk's queries run here.

        Every query reads one table by primary key or by ``aanbod_id``; joins and sorts are done here
        on the chunk's rows. Joined in SQL, the planner hashed the whole location and organisation
        tables for every chunk (~100 ms a chunk at 100k services).
        """
        ids = [rij["id"] for rij in rijen]
        reeks = _reeks(ids)
        koppels = Aanbod.locaties.through.objects.filter(aanbod_id__any=reeks).values_list("aanbod_id", "locatie_id")
        koppels = list(koppels)
        locatierijen = list(
            Locatie.objects.filter(id__any=_reeks({locatie_id for _a, locatie_id in koppels}))
            .annotate(gewijzigd_us=_Microseconden("gewijzigd_op"))
            .order_by("naam", "id")
            .values(*self._locatievelden)
        )
        organisatie_ids = {rij["organisatie_id"] for rij in rijen} | {rij["organisatie_id"] for rij in locatierijen}
        organisatierijen = list(
            Organisatie.objects.filter(id__any=_reeks(organisatie_ids))
            .annotate(gewijzigd_us=_Microseconden("gewijzigd_op"))
            .order_by("naam", "id")
            .values(*self._organisatievelden)
        )
        organisaties = {org["id"]: org for org in organisatierijen}
        locaties = {loc["id"]: loc for loc in locatierijen}

        # A service's locations: the public ones (active, of an active organisation), ordered by
        # organisation name, location name and id. Its last change: its own, its organisation's or that
        # of any of its locations, public or not (the API's GREATEST over the same rows).
        organisatierang = _rangen((org["id"], org["naam"]) for org in organisatierijen)
        locatierang = _rangen((loc["id"], loc["naam"]) for loc in locatierijen)
        laatst_gewijzigd: dict[int, Any] = {}
        per_dienst: defaultdict[int, list[tuple]] = defaultdict(list)
        for aanbod_id, locatie_id in koppels:
            loc = locaties[locatie_id]
            gewijzigd = loc["gewijzigd_us"]
            if aanbod_id not in laatst_gewijzigd or gewijzigd > laatst_gewijzigd[aanbod_id]:
                laatst_gewijzigd[aanbod_id] = gewijzigd
            org = organisaties[loc["organisatie_id"]]
            if loc["actief"] and org["actief"]:
                sleutel = (organisatierang[org["id"]], locatierang[locatie_id], locatie_id)
                per_dienst[aanbod_id].append((sleutel, loc))
        for paren in per_dienst.values():
            paren.sort(key=_eerste)

        brok = _Brok(rijen, organisaties, per_dienst, laatst_gewijzigd)
        if self.genest:
            publiek = {loc["id"]: loc for paren in per_dienst.values() for _s, loc in paren}
            brok.uren_per_locatie = self._uren("locatie_id", _reeks(publiek))
            hoofd_ids = {organisaties[rij["organisatie_id"]]["hoofdorganisatie_id"] for rij in rijen} - {None}
            brok.hoofden = {pk: (org["uuid"], org["actief"]) for pk, org in organisaties.items() if pk in hoofd_ids}
            if ontbrekend := hoofd_ids - brok.hoofden.keys():
                hoofden = Organisatie.objects.filter(id__any=_reeks(ontbrekend)).values_list("id", "uuid", "actief")
                brok.hoofden |= {pk: (uuid_, actief) for pk, uuid_, actief in hoofden}

        brok.facetten = {
            veld: self._gesorteerd(
                Aanbod._meta.get_field(veld)
                .remote_field.through.objects.filter(aanbod_id__any=reeks)
                .values_list("aanbod_id", f"{model._meta.model_name}_id", "id"),
                self.termrangen[veld],
            )
            for veld, (model, _taxonomie) in m.VOCABULARIA.items()
        }
        brok.zones = self._gesorteerd(
            Aanbod.werkingsgebied_zones.through.objects.filter(aanbod_id__any=reeks).values_list(
                "aanbod_id", "eerstelijnszone_id", "id"
            ),
            self.zonerangen,
        )
        brok.gemeenten = self._gesorteerd(
            Aanbod.werkingsgebied_gemeenten.through.objects.filter(aanbod_id__any=reeks).values_list(
                "aanbod_id", "gemeente_id", "id"
            ),
            self.gemeenterangen,
        )
        brok.uren = self._uren("aanbod_id", reeks)
        return brok

    def bouw(self, brok: _Brok) -> Iterator[dict[str, Any]]:
        """The HSDS services of a chunk read by :meth:`lees`; pure Python, no queries."""
        organisaties, laatst_gewijzigd, per_dienst = brok.organisaties, brok.laatst_gewijzigd, brok.per_dienst
        facetten, zones, gemeenten, uren = brok.facetten, brok.zones, brok.gemeenten, brok.uren
        locatiedicts: dict[int, dict[str, Any]] = {}
        organisatiedicts: dict[int, dict[str, Any]] = {}
        if self.genest:
            uren_per_locatie = brok.uren_per_locatie
            for paren in per_dienst.values():
                for _s, loc in paren:
                    locatie_id = loc["id"]
                    if locatie_id not in locatiedicts:
                        loc["organisatie__uuid"] = organisaties[loc["organisatie_id"]]["uuid"]
                        locatiedicts[locatie_id] = self.locatie(loc, uren_per_locatie.get(locatie_id, ()))
            for rij in brok.rijen:
                pk = rij["organisatie_id"]
                if pk not in organisatiedicts:
                    org = organisaties[pk]
                    org["hoofdorganisatie__uuid"], org["hoofdorganisatie__actief"] = brok.hoofden.get(
                        org["hoofdorganisatie_id"], (None, None)
                    )
                    organisatiedicts[pk] = self.organisatie(org)
        leeg: list = []
        for rij in brok.rijen:
            pk = rij["id"]
            org = organisaties[rij["organisatie_id"]]
            rij["organisatie__uuid"] = org["uuid"]
            rij["organisatie__actief"] = org["actief"]
            gewijzigd = max(rij["gewijzigd_us"], org["gewijzigd_us"], laatst_gewijzigd.get(pk, 0))
            rij["hsds_gewijzigd_op"] = _EPOCH + dt.timedelta(microseconds=gewijzigd)
            yield self.dienst(
                rij,
                organisatie=organisatiedicts.get(rij["organisatie_id"]),
                locaties=[(loc["uuid"], locatiedicts.get(loc["id"])) for _s, loc in per_dienst.get(pk, leeg)],
                facetten={veld: per.get(pk, leeg) for veld, per in facetten.items()},
                zones=[self.zones[z] for z in zones.get(pk, leeg)],
                gemeenten=[self.gemeenten[g] for g in gemeenten.get(pk, leeg)],
                uren=uren.get(pk, leeg),
            )

    @staticmethod
    def _gesorteerd(rijen: Iterable[tuple[int, int, int]], rangen: dict[int, int]) -> dict[int, list[int]]:
        """``(aanbod_id, value_id, link id)`` rows → aanbod_id: value ids by the value's position, then link id."""
        per: defaultdict[int, list[tuple[int, int, int]]] = defaultdict(list)
        for aanbod_id, waarde, koppel_id in rijen:
            per[aanbod_id].append((rangen[waarde], koppel_id, waarde))
        return {aanbod_id: [waarde for _r, _k, waarde in sorted(lijst)] for aanbod_id, lijst in per.items()}

    def dienst(
        self,
        rij: dict[str, Any],
        *,
        organisatie: dict[str, Any] | None,
        locaties: list[tuple[uuid.UUID, dict[str, Any] | None]],
        facetten: dict[str, list[int]],
        zones: list[Eerstelijnszone],
        gemeenten: list[dict[str, Any]],
        uren: Iterable[_Uur],
    ) -> dict[str, Any]:
        service_id = str(rij["uuid"])
        status = rij["status"]
        gecontroleerd = rij["laatst_gecontroleerd_op"]
        data: dict[str, Any] = {
            "id": service_id,
            "organization_id": str(rij["organisatie__uuid"]),
            "name": rij["naam"],
            "description": rij["beschrijving"],
            "url": rij["website"],
            "email": rij["email"],
            "status": m.ORGANISATIE_INACTIEF
            if status != AanbodStatus.STOPGEZET and not rij["organisatie__actief"]
            else m.STATUS_NAAR_HSDS[status],
            "application_process": rij["aanmelding"],
            "fees_description": rij["kostprijs_toelichting"],
            "minimum_age": rij["leeftijd_min"],
            "maximum_age": rij["leeftijd_max"],
            "assured_date": gecontroleerd.isoformat() if gecontroleerd else None,
            "last_modified": m.datumtijd(rij["hsds_gewijzigd_op"]),
            "organization": organisatie,
            "service_at_locations": [
                {
                    "id": m.service_at_location_id(rij["uuid"], locatie_uuid),
                    "service_id": service_id,
                    "location_id": str(locatie_uuid),
                    "location": locatie,
                }
                for locatie_uuid, locatie in locaties
            ],
            "phones": m._telefoons(rij["telefoon"], "service", service_id),
            "schedules": _schedules(uren, rij["openingsuren_toelichting"], "service", service_id),
            "service_areas": self._gebieden(rij, service_id, zones, gemeenten),
            "languages": [
                {
                    "id": m.afgeleid_id("language", service_id, code),
                    "service_id": service_id,
                    "name": self.talen.get(code, code),
                    "code": code,
                }
                for code in rij["talen"]
            ],
            "cost_options": [self._kostprijs(rij, service_id)],
            "attributes": self._attributen(rij, service_id, facetten),
            "contacts": [],
            "required_documents": [],
        }
        if rij["contactpersoon"] or rij["contactpersoon_functie"]:
            data["contacts"].append(
                m._zonder_leeg(
                    {
                        "id": m.afgeleid_id("contact", service_id),
                        "service_id": service_id,
                        "name": rij["contactpersoon"],
                        "title": rij["contactpersoon_functie"],
                    }
                )
            )
        if rij["meebrengen"]:
            data["required_documents"].append(
                {
                    "id": m.afgeleid_id("required_document", service_id),
                    "service_id": service_id,
                    "document": rij["meebrengen"],
                }
            )
        return m._zonder_leeg(data)

    def _gebieden(self, rij, service_id: str, zones, gemeenten) -> list[dict[str, Any]]:
        gebieden = []
        if rij["werkingsgebied_vlaanderen"]:
            gebieden.append(
                m._gebied(
                    service_id,
                    "gewest",
                    m.VLAANDEREN_EN_BRUSSEL,
                    "Heel Vlaanderen en het Brussels Hoofdstedelijk Gewest.",
                    m.GEWESTCODES,
                )
            )
        gebieden += [m._zone_gebied(service_id, zone) for zone in zones]
        gebieden += [
            m._gebied(
                service_id,
                "nis",
                g["naam"],
                f"Gemeente {g['naam']} (NIS-code {g['nis_code']}).",
                f"REFNIS {g['nis_code']}",
            )
            for g in gemeenten
        ]
        return gebieden

    def _kostprijs(self, rij, service_id: str) -> dict[str, Any]:
        optie = {
            "id": m.afgeleid_id("cost_option", service_id),
            "service_id": service_id,
            "option": self.kostprijzen[rij["kostprijs"]],
        }
        if rij["kostprijs"] == Kostprijs.GRATIS:
            optie |= {"amount": 0, "currency": m.MUNT}
        return optie

    def _attributen(self, rij, service_id: str, facetten: dict[str, list[int]]) -> list[dict[str, Any]]:
        termen: list[tuple[tuple[str, str, dict[str, Any]], str | None]] = []
        for veld, waarden in facetten.items():
            termen += [(self.termen[veld][w], None) for w in waarden]
        if rij["ondersteuningsvorm_id"] is not None:
            termen.append((self.vormen[rij["ondersteuningsvorm_id"]], None))
        termen += [(self.keuzes[(m.WERKVORMEN.naam, code)], None) for code in rij["werkvormen"]]
        if rij["capaciteit"] != Capaciteit.ONBEKEND:
            bijgewerkt = rij["capaciteit_bijgewerkt_op"]
            termen.append(
                (
                    self.keuzes[(m.CAPACITEIT.naam, rij["capaciteit"])],
                    m.datumtijd(bijgewerkt, "microseconds") if bijgewerkt else None,
                )
            )
        if rij["wachttijd_weken"] is not None:
            termen.append((self.keuzes[(m.CAPACITEIT.naam, m.WACHTTIJD_CODE)], str(rij["wachttijd_weken"])))
        id_van = _afleider("attribute", "service", service_id)
        return [
            {
                "id": id_van(term_id),
                "link_id": service_id,
                "taxonomy_term_id": term_id,
                "link_type": link_type,
                "link_entity": "service",
                **({"value": waarde} if waarde else {}),
                "taxonomy_term": term_dict,
            }
            for (term_id, link_type, term_dict), waarde in termen
        ]

    @staticmethod
    def _attribuut(
        link_id: str, link_entity: str, term: tuple[str, str, dict[str, Any]], waarde: str | None = None
    ) -> dict[str, Any]:
        term_id, link_type, term_dict = term
        data = {
            "id": m.afgeleid_id("attribute", link_entity, link_id, term_id),
            "link_id": link_id,
            "taxonomy_term_id": term_id,
            "link_type": link_type,
            "link_entity": link_entity,
        }
        if waarde:
            data["value"] = waarde
        data["taxonomy_term"] = term_dict
        return data


def diensten(chunk: int = CHUNK, bouwer: Bouwer | None = None, *, vooruit: bool = False) -> Iterator[dict[str, Any]]:
    """Every public service as a full HSDS object, built ``chunk`` at a time.

    With ``vooruit`` the next chunk is read by a background thread while this one is built (see
    :func:`_vooruit_gelezen`); the caller must then leave the database connection alone until the
    iterator is exhausted or closed.
    """
    bouwer = bouwer or Bouwer()
    queryset = aanbod_voor_export().annotate(gewijzigd_us=_Microseconden("gewijzigd_op"))
    brokken = map(bouwer.lees, _in_brokken(queryset, _AANBODVELDEN, chunk))
    if vooruit:
        brokken = _vooruit_gelezen(brokken)
    for brok in brokken:
        yield from bouwer.bouw(brok)


_EINDE = object()


def _vooruit_gelezen(brokken: Iterator[T]) -> Iterator[T]:
    """``brokken``, each read by a background thread while the caller still builds the previous one.

    Reading a chunk is mostly waiting for PostgreSQL, building it is pure Python: overlapped, the
    database works on the other core instead of the export waiting for it (a fifth of an export's time).
    The thread uses the caller's connection, so it reads in the caller's transaction (the tests' too);
    the two never use it at the same time because the caller only builds and writes. At most one read
    chunk waits in the queue, so memory stays flat.
    """
    verbinding = connections[DEFAULT_DB_ALIAS]
    wachtrij: queue.Queue = queue.Queue(maxsize=1)
    gestopt = threading.Event()

    def zet(item: tuple[Any, BaseException | None]) -> bool:
        while not gestopt.is_set():
            try:
                wachtrij.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def lees() -> None:
        connections[DEFAULT_DB_ALIAS] = verbinding
        try:
            for brok in brokken:
                if not zet((brok, None)):
                    return
        except BaseException as fout:  # handed to the caller, who raises it
            zet((_EINDE, fout))
        else:
            zet((_EINDE, None))

    verbinding.inc_thread_sharing()
    lezer = threading.Thread(target=lees, name="hsds-export-lezer", daemon=True)
    lezer.start()
    try:
        while True:
            brok, fout = wachtrij.get()
            if fout is not None:
                raise fout
            if brok is _EINDE:
                return
            yield brok
    finally:
        # Also when the caller stops early or fails: the reader stops at its next chunk and is waited
        # for, so the connection is the caller's alone again once this returns.
        gestopt.set()
        lezer.join()
        verbinding.dec_thread_sharing()


def organisaties(
    chunk: int = CHUNK, bouwer: Bouwer | None = None, *, vooruit: bool = False
) -> Iterator[dict[str, Any]]:
    bouwer = bouwer or Bouwer()
    brokken = _in_brokken(organisaties_voor_export(), _ORGANISATIEVELDEN, chunk)
    for rijen in _vooruit_gelezen(brokken) if vooruit else brokken:
        yield from map(bouwer.organisatie, rijen)


def locaties(chunk: int = CHUNK, bouwer: Bouwer | None = None, *, vooruit: bool = False) -> Iterator[dict[str, Any]]:
    bouwer = bouwer or Bouwer()

    def lees(rijen: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[int, list[_Uur]]]:
        return rijen, bouwer._uren("locatie_id", _reeks(rij["id"] for rij in rijen))

    brokken = map(lees, _in_brokken(locaties_voor_export(), _LOCATIEVELDEN, chunk))
    for rijen, uren in _vooruit_gelezen(brokken) if vooruit else brokken:
        for rij in rijen:
            yield bouwer.locatie(rij, uren.get(rij["id"], ()))


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
        bouwer = Bouwer(genest=False)
        for org in organisaties(chunk, bouwer, vooruit=True):
            schrijver.schrijf("organization", org)
        for locatie in locaties(chunk, bouwer, vooruit=True):
            schrijver.schrijf("location", locatie)
        for dienst in diensten(chunk, bouwer, vooruit=True):
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
            with archief.open(NDJSON_NAAM, "w") as bestand:
                aantal = _schrijf_ndjson(bestand, chunk)
    else:
        if doel.is_dir() or not doel.suffix:
            doel.mkdir(parents=True, exist_ok=True)
            doel = doel / NDJSON_NAAM
        doel.parent.mkdir(parents=True, exist_ok=True)
        with open(doel, "wb") as bestand:
            aantal = _schrijf_ndjson(bestand, chunk)
    return Exportverslag({"service": aantal}, time.perf_counter() - start, doel)


def _schrijf_ndjson(bestand: IO[bytes], chunk: int) -> int:
    """UTF-8 lines; orjson because the encoder was a fifth of the export's time (docs/adr/0006)."""
    aantal = 0
    for dienst in diensten(chunk, vooruit=True):
        bestand.write(orjson.dumps(dienst, option=orjson.OPT_APPEND_NEWLINE))
        aantal += 1
    return aantal
