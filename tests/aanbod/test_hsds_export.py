"""HSDS export (data package and ndjson) and import: conformance, round trip, dry run, errors, idempotence."""

from __future__ import annotations

import csv
import datetime as dt
import json
import threading
import zipfile
from collections import Counter
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from aanbod.hsds import export
from aanbod.hsds import mapping as m
from aanbod.hsds.export import TABELLEN, exporteer_datapakket
from aanbod.models import Aanbod, Locatie, Openingsuur, Organisatie, Thema
from tests.aanbod.test_hsds import STRENGE_FORMATEN, HsdsSchemas, HsdsValidator, controleer_structuur, valideer

pytestmark = pytest.mark.django_db


# --- helpers -------------------------------------------------------------------------------------


def exporteer(doel: Path, *args: str) -> str:
    uit = StringIO()
    call_command("exporteer_hsds", str(doel), *args, stdout=uit)
    return uit.getvalue()


def importeer(bron: Path | str, *args: str) -> str:
    uit = StringIO()
    call_command("importeer_hsds", str(bron), *args, stdout=uit)
    return uit.getvalue()


def lees_csv(pad: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(pad, encoding="utf-8", newline="") as bestand:
        lezer = csv.DictReader(bestand)
        return list(lezer.fieldnames or []), list(lezer)


def tabelinhoud(map_: Path) -> dict[str, tuple[list[str], Counter]]:
    """Per CSV file: its header (order matters) and its rows as a multiset (order does not)."""
    inhoud = {}
    for tabel in TABELLEN:
        kop, rijen = lees_csv(map_ / tabel.pad)
        inhoud[tabel.pad] = (kop, Counter(tuple(rij[k] for k in kop) for rij in rijen))
    return inhoud


def ndjson(pad: Path) -> list[dict]:
    return [json.loads(regel) for regel in pad.read_text(encoding="utf-8").splitlines() if regel]


def zonder_volgorde(waarde: Any) -> Any:
    """The same JSON with every list sorted, to compare ignoring nothing but order."""
    if isinstance(waarde, dict):
        return {k: zonder_volgorde(v) for k, v in waarde.items()}
    if isinstance(waarde, list):
        return sorted((zonder_volgorde(v) for v in waarde), key=lambda v: json.dumps(v, sort_keys=True))
    return waarde


def maak_catalogus_leeg() -> None:
    """Delete the demo aanbod, locations and organisations (inside the test's transaction).

    Without history: a "deleted" record per row, with its many-to-many snapshot, costs 23 ms an aanbod
    and is not what these tests are about.
    """
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        Aanbod.objects.all().delete()
        Organisatie.objects.update(hoofdorganisatie=None)
        Organisatie.objects.all().delete()
    assert not Locatie.objects.exists() and not Openingsuur.objects.exists()


def catalogus_tellingen() -> dict[str, int]:
    return {
        "aanbod": Aanbod.objects.count(),
        "organisaties": Organisatie.objects.count(),
        "locaties": Locatie.objects.count(),
        "openingsuren": Openingsuur.objects.count(),
        "koppelingen": Aanbod.locaties.through.objects.count() + Aanbod.themas.through.objects.count(),
    }


@pytest.fixture(scope="session")
def schemas() -> HsdsSchemas:
    return HsdsSchemas.zoek()


@pytest.fixture(scope="module")
def pakket(demodata, django_db_blocker, tmp_path_factory) -> Path:
    """The demo data exported once as a data package directory."""
    map_ = tmp_path_factory.mktemp("hsds") / "pakket"
    with django_db_blocker.unblock():
        exporteer(map_)
    return map_


@pytest.fixture(scope="module")
def ndjson_bestand(demodata, django_db_blocker, tmp_path_factory) -> Path:
    pad = tmp_path_factory.mktemp("hsds") / "services.ndjson"
    with django_db_blocker.unblock():
        exporteer(pad, "--json")
    return pad


# --- the data package ----------------------------------------------------------------------------


def test_het_pakket_beschrijft_elk_bestand_met_zijn_kolommen(pakket):
    beschrijving = json.loads((pakket / "datapackage.json").read_text(encoding="utf-8"))
    assert beschrijving["profile"] == "tabular-data-package"
    for resource in beschrijving["resources"]:
        kop, _ = lees_csv(pakket / resource["path"])
        assert kop == [veld["name"] for veld in resource["schema"]["fields"]]
        assert resource["schema"]["primaryKey"] == "id"
    assert {r["path"] for r in beschrijving["resources"]} == {t.pad for t in TABELLEN}


def test_verplichte_kolommen_zijn_gevuld_ids_uniek_en_verwijzingen_kloppen(pakket):
    beschrijving = json.loads((pakket / "datapackage.json").read_text(encoding="utf-8"))
    ids = {r["name"]: {rij["id"] for rij in lees_csv(pakket / r["path"])[1]} for r in beschrijving["resources"]}
    for resource in beschrijving["resources"]:
        _, rijen = lees_csv(pakket / resource["path"])
        assert len({rij["id"] for rij in rijen}) == len(rijen), resource["path"]
        verplicht = [v["name"] for v in resource["schema"]["fields"] if v.get("constraints", {}).get("required")]
        leeg = [(rij["id"], v) for rij in rijen for v in verplicht if not rij[v]]
        assert not leeg, f"{resource['path']}: lege verplichte kolommen {leeg[:5]}"
        for sleutel in resource["schema"]["foreignKeys"]:
            doel = ids[sleutel["reference"]["resource"]]
            los = {rij[sleutel["fields"]] for rij in rijen if rij[sleutel["fields"]]} - doel
            assert not los, f"{resource['path']}.{sleutel['fields']} verwijst naar onbekende ids {sorted(los)[:3]}"
    # attribute.link_id is polymorphic: it points to the table named in link_entity.
    _, attributen = lees_csv(pakket / "attributes.csv")
    for attribuut in attributen:
        assert attribuut["link_id"] in ids[attribuut["link_entity"]]


def test_het_pakket_telt_wat_publiek_is(pakket):
    assert len(lees_csv(pakket / "services.csv")[1]) == Aanbod.objects.zichtbaar().count()
    assert len(lees_csv(pakket / "organizations.csv")[1]) == Organisatie.objects.actief().count()
    _, identificaties = lees_csv(pakket / "organization_identifiers.csv")
    assert {i["identifier_scheme"] for i in identificaties} == {"BE-BCE_KBO"}
    assert len(identificaties) == Organisatie.objects.actief().exclude(kbo_nummer=None).count()


def test_kolommen_en_bestandsnamen_volgen_de_officiele_tabelschemas(schemas):
    for tabel in TABELLEN:
        officieel = schemas.json(f"{tabel.naam}.json")
        assert tabel.pad == officieel["path"]
        kolommen = [
            naam
            for naam, veld in officieel["properties"].items()
            if veld.get("type") not in ("array", "object") and "$ref" not in veld
        ]
        assert tabel.kolommen == kolommen, tabel.naam
        verplicht = set(officieel.get("required", [])) | set(officieel.get("tabular_required") or [])
        assert {v.naam for v in tabel.velden if v.verplicht} == verplicht, tabel.naam


def _getypeerd(rij: dict[str, str], getallen: set[str]) -> dict[str, Any]:
    return {k: (float(v) if k in getallen else v) for k, v in rij.items() if v != ""}


def test_elke_csv_rij_valideert_tegen_het_officiele_tabulaire_schema(schemas, pakket):
    tabulair = schemas.json("compiled/tabular.json")
    validator = HsdsValidator(tabulair, format_checker=STRENGE_FORMATEN)
    for tabel in TABELLEN:
        getallen = {v.naam for v in tabel.velden if v.type == "number"}
        _, rijen = lees_csv(pakket / tabel.pad)
        valideer(validator, [{tabel.naam: [_getypeerd(rij, getallen) for rij in rijen]}], tabel.pad)


def test_zip_bevat_hetzelfde_als_de_map(pakket, tmp_path):
    exporteer(tmp_path / "pakket.zip")
    with zipfile.ZipFile(tmp_path / "pakket.zip") as archief:
        assert set(archief.namelist()) == {"datapackage.json", *(t.pad for t in TABELLEN)}
        archief.extractall(tmp_path / "uit")
    assert tabelinhoud(tmp_path / "uit") == tabelinhoud(pakket)


def test_de_export_leest_in_brokken_met_een_vast_aantal_queries_per_brok(
    demodata, tmp_path, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40):
        verslag = exporteer_datapakket(tmp_path / "a", chunk=1000)
    assert verslag.diensten == Aanbod.objects.zichtbaar().count()
    assert "diensten/s" in exporteer(tmp_path / "b")


def test_de_export_bouwt_dezelfde_objecten_als_de_api(demodata):
    """The export builds from rows instead of model instances; what it builds must equal the API's mapping."""
    diensten = m.prefetch_voor_hsds(Aanbod.objects.zichtbaar().order_by("naam", "id"))
    assert list(export.diensten(chunk=50)) == [m.service(aanbod) for aanbod in diensten]
    organisaties = Organisatie.objects.actief().select_related("hoofdorganisatie").order_by("naam", "id")
    assert list(export.organisaties(chunk=50)) == [m.organization(org) for org in organisaties]
    locaties = m.locaties_voor_hsds().filter(actief=True, organisatie__actief=True).order_by("naam", "id")
    assert list(export.locaties(chunk=50)) == [m.location(locatie) for locatie in locaties]


def test_last_modified_telt_ook_een_niet_publieke_locatie_zoals_de_api(demodata):
    """The export dates a service from rows it reads per chunk; the API with one GREATEST in SQL."""
    aanbod = Aanbod.objects.zichtbaar().filter(locaties__isnull=False).order_by("naam", "id").first()
    locatie = aanbod.locaties.order_by("id").first()
    later = dt.datetime(2031, 5, 6, 7, 8, 9, 123456, tzinfo=dt.UTC)
    Locatie.objects.filter(pk=locatie.pk).update(actief=False, gewijzigd_op=later)

    dienst = next(d for d in export.diensten(chunk=7) if d["id"] == str(aanbod.uuid))
    api = m.service(m.prefetch_voor_hsds(Aanbod.objects.filter(pk=aanbod.pk)).get())
    assert dienst["last_modified"] == api["last_modified"] == "2031-05-06T07:08:09.123Z"
    assert str(locatie.uuid) not in {paar["location_id"] for paar in dienst["service_at_locations"]}


def test_vooruit_lezen_geeft_dezelfde_diensten_als_lezen_en_bouwen_na_elkaar(demodata):
    assert list(export.diensten(chunk=40, vooruit=True)) == list(export.diensten(chunk=40))


def test_een_fout_van_de_vooruitlezer_komt_bij_de_beller_en_de_verbinding_blijft_bruikbaar(demodata, monkeypatch):
    lees = export.Bouwer.lees
    gelezen = []

    def lees_tot_de_derde(self, rijen):
        gelezen.append(len(rijen))
        if len(gelezen) == 3:
            raise RuntimeError("databank weg")
        return lees(self, rijen)

    monkeypatch.setattr(export.Bouwer, "lees", lees_tot_de_derde)
    diensten = export.diensten(chunk=10, vooruit=True)
    with pytest.raises(RuntimeError, match="databank weg"):
        for _ in diensten:
            pass
    assert not any(t.name == "hsds-export-lezer" for t in threading.enumerate())
    assert not connection.allow_thread_sharing
    assert Aanbod.objects.zichtbaar().count() > 20


def test_wie_vroeg_stopt_met_vooruit_lezen_krijgt_de_verbinding_terug(demodata):
    diensten = export.diensten(chunk=10, vooruit=True)
    eerste = next(diensten)
    diensten.close()
    assert not any(t.name == "hsds-export-lezer" for t in threading.enumerate())
    assert not connection.allow_thread_sharing
    assert Aanbod.objects.filter(uuid=eerste["id"]).exists()


# --- ndjson --------------------------------------------------------------------------------------


def test_ndjson_heeft_elke_publieke_dienst_volledig(ndjson_bestand):
    diensten = ndjson(ndjson_bestand)
    assert {d["id"] for d in diensten} == {str(u) for u in Aanbod.objects.zichtbaar().values_list("uuid", flat=True)}
    controleer_structuur(diensten, "service")


def test_elke_ndjson_regel_valideert_tegen_het_officiele_schema(schemas, ndjson_bestand):
    valideer(schemas.validator("compiled/service.json", strikt=True), ndjson(ndjson_bestand), "ndjson")


# --- import: round trip, dry run, idempotence ----------------------------------------------------


def test_export_import_export_van_het_pakket_geeft_dezelfde_gegevens(pakket, tmp_path):
    maak_catalogus_leeg()
    verslag = importeer(pakket)
    assert f"aanbod: {Aanbod.objects.count()} aangemaakt, 0 bijgewerkt, 0 overgeslagen" in verslag
    exporteer(tmp_path / "opnieuw")
    eerste, tweede = tabelinhoud(pakket), tabelinhoud(tmp_path / "opnieuw")
    for pad in eerste:
        assert eerste[pad][0] == tweede[pad][0], pad
        verschil = (eerste[pad][1] - tweede[pad][1]) + (tweede[pad][1] - eerste[pad][1])
        assert not verschil, f"{pad}: {sum(verschil.values())} rijen verschillen, bv. {list(verschil)[:2]}"


def test_export_import_export_van_ndjson_geeft_dezelfde_gegevens(ndjson_bestand, tmp_path):
    maak_catalogus_leeg()
    importeer(ndjson_bestand)
    exporteer(tmp_path / "opnieuw.ndjson", "--json")
    eerste = {d["id"]: zonder_volgorde(d) for d in ndjson(ndjson_bestand)}
    tweede = {d["id"]: zonder_volgorde(d) for d in ndjson(tmp_path / "opnieuw.ndjson")}
    assert eerste.keys() == tweede.keys()
    verschillend = [i for i in eerste if eerste[i] != tweede[i]]
    assert not verschillend, f"{len(verschillend)} diensten verschillen, bv. {verschillend[:1]}"


@pytest.mark.parametrize("bron", ["pakket", "ndjson_bestand"])
def test_opnieuw_importeren_maakt_niets_aan_en_wijzigt_niets(request, bron):
    voor = catalogus_tellingen()
    verslag = importeer(request.getfixturevalue(bron))
    for soort in ("organisaties", "locaties", "aanbod"):
        assert f"{soort}: 0 aangemaakt, 0 bijgewerkt" in verslag
    assert catalogus_tellingen() == voor
    assert "(ongewijzigd)" in verslag


def test_een_proefdraai_verandert_niets(pakket, tmp_path):
    maak_catalogus_leeg()
    verslag = importeer(pakket, "--dry-run")
    assert f"aanbod: {len(lees_csv(pakket / 'services.csv')[1])} aangemaakt" in verslag
    assert "Proefdraai" in verslag
    assert catalogus_tellingen() == {"aanbod": 0, "organisaties": 0, "locaties": 0, "openingsuren": 0, "koppelingen": 0}


def test_een_proefdraai_op_een_gevulde_catalogus_laat_wijzigingen_weg(ndjson_bestand, tmp_path):
    diensten = ndjson(ndjson_bestand)
    diensten[0]["name"] = "Nieuwe naam"
    pad = tmp_path / "gewijzigd.json"
    pad.write_text(json.dumps(diensten), encoding="utf-8")
    assert "aanbod: 0 aangemaakt, 1 bijgewerkt" in importeer(pad, "--dry-run")
    assert not Aanbod.objects.filter(naam="Nieuwe naam").exists()
    importeer(pad)
    assert Aanbod.objects.get(uuid=diensten[0]["id"]).naam == "Nieuwe naam"


def test_import_herkent_een_organisatie_op_kbo_nummer(ndjson_bestand, tmp_path):
    dienst = next(d for d in ndjson(ndjson_bestand) if d["organization"].get("organization_identifiers"))
    org = Organisatie.objects.get(uuid=dienst["organization_id"])
    ander_id = "11111111-2222-4333-8444-555555555555"
    dienst["organization"]["id"] = dienst["organization_id"] = ander_id
    pad = tmp_path / "een.json"
    pad.write_text(json.dumps([dienst]), encoding="utf-8")
    verslag = importeer(pad)
    assert "gekoppeld op KBO-nummer" in verslag
    assert not Organisatie.objects.filter(uuid=ander_id).exists()
    assert Aanbod.objects.get(uuid=dienst["id"]).organisatie == org


def test_onbekende_termen_worden_gemeld_en_overgeslagen(ndjson_bestand, tmp_path):
    dienst = ndjson(ndjson_bestand)[0]
    dementie = Thema.objects.get(code="dementie")
    term = {"id": "0a0a0a0a-1b1b-4c2c-8d3d-4e4e4e4e4e4e", "code": "bestaat-niet", "name": "?", "description": "?"}
    dienst["attributes"] = [
        {"id": "0b0b0b0b-1b1b-4c2c-8d3d-4e4e4e4e4e4e", "link_type": "topic", "taxonomy_term": term},
        m.attribute(dienst["id"], "service", m.term_van_vocabularium(dementie, m.THEMAS)),
    ]
    pad = tmp_path / "een.json"
    pad.write_text(json.dumps({"total_items": 1, "contents": [dienst]}), encoding="utf-8")
    verslag = importeer(pad)
    assert "term 'bestaat-niet' (taxonomie 'topic') onbekend, overgeslagen" in verslag
    assert list(Aanbod.objects.get(uuid=dienst["id"]).themas.all()) == [dementie]


def test_het_officiele_voorbeeld_wordt_gelezen_met_wat_we_niet_kunnen_als_melding(schemas, tmp_path, demodata):
    """The spec's own example (a UK service) imports: what has no place here is reported, nothing crashes."""
    pad = tmp_path / "voorbeeld.json"
    pad.write_text(schemas.voorbeeld("service_full.json"), encoding="utf-8")
    verslag = importeer(pad, "--dry-run")
    assert "aanbod: 1 aangemaakt" in verslag
    assert "overgeslagen" in verslag


# --- import: invalid input -----------------------------------------------------------------------


def _schrijf(tmp_path: Path, inhoud: Any, naam: str = "fout.json") -> Path:
    pad = tmp_path / naam
    pad.write_text(inhoud if isinstance(inhoud, str) else json.dumps(inhoud), encoding="utf-8")
    return pad


@pytest.mark.parametrize(
    ("wijziging", "in_melding"),
    [
        (lambda d: d.update(status="open"), "veld 'status' heeft een onbekende waarde 'open'"),
        (lambda d: d.pop("name"), "veld 'name' ontbreekt"),
        (lambda d: d.update(id="geen-uuid"), "veld 'id' is geen geldige UUID"),
        (lambda d: d.update(minimum_age="twaalf"), "veld 'minimum_age' moet een geheel getal zijn"),
        (lambda d: d.update(assured_date="31/12/2026"), "veld 'assured_date' is geen datum"),
        (lambda d: d.update(last_modified="gisteren"), "veld 'last_modified' is geen datum en tijd"),
        (
            lambda d: d.update(schedules=[{"id": d["id"], "byday": "XX", "opens_at": "09:00", "closes_at": "12:00"}]),
            "veld 'schedules[0].byday' kent de dag 'XX' niet",
        ),
        (
            lambda d: d.update(schedules=[{"id": d["id"], "byday": "MO", "opens_at": "12:00", "closes_at": "09:00"}]),
            "veld 'schedules[0].closes_at' moet na opens_at",
        ),
        (
            lambda d: d["organization"]["organization_identifiers"][0].update(identifier="0123456789"),
            "veld 'organization_identifiers[0].identifier' is geen geldig KBO-nummer",
        ),
        (lambda d: d.update(email="geen-adres"), "veld 'email'"),
        (lambda d: d.update(minimum_age=30, maximum_age=10), "De minimumleeftijd mag niet hoger zijn"),
        (lambda d: d.update(phones="014 12 34 56"), "veld 'phones' moet een lijst zijn"),
    ],
)
def test_ongeldige_invoer_noemt_record_en_veld_en_bewaart_niets(ndjson_bestand, tmp_path, wijziging, in_melding):
    maak_catalogus_leeg()
    met_kbo = [d for d in ndjson(ndjson_bestand) if d["organization"].get("organization_identifiers")]
    goed = met_kbo[0]
    fout = next(d for d in met_kbo if d["organization_id"] != goed["organization_id"])
    naam = fout.get("name")
    wijziging(fout)
    with pytest.raises(CommandError) as info:
        importeer(_schrijf(tmp_path, [goed, fout]))
    melding = str(info.value)
    assert in_melding in melding
    assert "fout.json[1]" in melding  # the record: its place in the file …
    if "name" in fout:
        assert f"'{naam}'" in melding  # … and its name
    assert not Aanbod.objects.exists() and not Organisatie.objects.exists()  # all or nothing


def test_ongeldige_rij_in_het_pakket_noemt_bestand_en_rij(pakket, tmp_path):
    kopie = tmp_path / "pakket"
    kopie.mkdir()
    for bestand in pakket.iterdir():
        (kopie / bestand.name).write_bytes(bestand.read_bytes())
    kop, rijen = lees_csv(kopie / "services.csv")
    rijen[2]["status"] = "gesloten"
    with open(kopie / "services.csv", "w", encoding="utf-8", newline="") as uit:
        schrijver = csv.DictWriter(uit, kop)
        schrijver.writeheader()
        schrijver.writerows(rijen)
    with pytest.raises(CommandError, match=r"services\.csv, rij 4\) id .* veld 'status' heeft een onbekende waarde"):
        importeer(kopie)


@pytest.mark.parametrize(
    ("inhoud", "in_melding"),
    [
        ("{niet json", "geen geldige JSON"),
        ('{"hallo": 1}', "verwacht een lijst van diensten"),
        ("[1, 2]", "moet een JSON-object zijn"),
        ('{"id": "a"}\n{kapot\n', "regel 2: geen geldige JSON"),
    ],
)
def test_onleesbare_bestanden_worden_geweigerd(tmp_path, demodata, inhoud, in_melding):
    with pytest.raises(CommandError, match=in_melding):
        importeer(_schrijf(tmp_path, inhoud))


def test_urls_en_onbestaande_paden_worden_geweigerd(tmp_path, demodata):
    with pytest.raises(CommandError, match="URL's worden niet opgehaald"):
        importeer("https://example.org/services.json")
    with pytest.raises(CommandError, match="bestaat niet"):
        importeer(tmp_path / "nergens.json")
    with pytest.raises(CommandError, match="geen datapackage.json"):
        importeer(tmp_path)


def _links(aanbod_id: int, veld: str) -> set[int]:
    relatie = Aanbod._meta.get_field(veld)
    through = relatie.remote_field.through
    return set(
        through.objects.filter(aanbod_id=aanbod_id).values_list(relatie.m2m_reverse_field_name() + "_id", flat=True)
    )


def _links_in_record(record, veld: str) -> set[int]:
    relatie = Aanbod._meta.get_field(veld)
    return set(getattr(record, veld).values_list(relatie.m2m_reverse_field_name(), flat=True))


def test_import_schrijft_een_historiekrecord_per_aanbod_met_zijn_koppelingen(ndjson_bestand):
    maak_catalogus_leeg()
    importeer(ndjson_bestand)
    aanbod = list(Aanbod.objects.all())
    records = {r.id: r for r in Aanbod.historiek.filter(id__in=[a.pk for a in aanbod])}
    assert len(records) == len(aanbod) == Aanbod.historiek.filter(id__in=[a.pk for a in aanbod]).count()
    for obj in aanbod[:50]:
        record = records[obj.pk]
        assert (record.history_type, record.naam, record.history_change_reason) == ("+", obj.naam, "HSDS-import")
        for veld in (f.name for f in Aanbod.historiek.model._history_m2m_fields):
            assert _links_in_record(record, veld) == _links(obj.pk, veld), veld


def test_een_import_die_bestaand_aanbod_wijzigt_legt_eerst_de_beginstand_vast(ndjson_bestand, tmp_path):
    diensten = ndjson(ndjson_bestand)
    oud = Aanbod.objects.get(uuid=diensten[0]["id"])
    oude_themas = _links(oud.pk, "themas")
    assert not Aanbod.historiek.filter(id=oud.pk).exists()  # demo data is loaded without history
    diensten[0]["name"] = "Nieuwe naam"
    diensten[0]["attributes"] = []  # drops every theme and target group
    pad = tmp_path / "gewijzigd.json"
    pad.write_text(json.dumps(diensten), encoding="utf-8")
    importeer(pad)
    beginstand, wijziging = Aanbod.historiek.filter(id=oud.pk).order_by("history_date", "history_id")
    assert (beginstand.history_type, beginstand.naam, beginstand.history_date) == ("+", oud.naam, oud.gewijzigd_op)
    assert _links_in_record(beginstand, "themas") == oude_themas != set()
    assert (wijziging.history_type, wijziging.naam) == ("~", "Nieuwe naam")
    assert _links_in_record(wijziging, "themas") == set() == _links(oud.pk, "themas")
    # Unchanged aanbod got a baseline (once) but no change record.
    ander = Aanbod.objects.get(uuid=diensten[1]["id"])
    assert list(Aanbod.historiek.filter(id=ander.pk).values_list("history_type", flat=True)) == ["+"]
    importeer(pad)  # again: nothing changes, nothing is written
    assert Aanbod.historiek.filter(id=oud.pk).count() == 2
