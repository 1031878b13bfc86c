"""HSDS export at scale: the demo aanbod multiplied to ~5,000 services, exported in flat memory.

These tests assert correctness (every copy is exported, with its children) and print the rate and the
peak memory; they never assert on time, which depends on the machine (``make bench`` is for that).
Run with ``-s`` to see the figures.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import time
import tracemalloc
import uuid
from collections import defaultdict
from pathlib import Path

import pytest

from aanbod.hsds.export import TABELLEN, exporteer_datapakket, exporteer_ndjson
from aanbod.models import Aanbod, Openingsuur

# Part of `make bench` (SNELHEID=1), not of `make test`: without table statistics in a fresh test
# database the planner picks plans that make a 5,000-service export take minutes instead of seconds.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.traag,
    pytest.mark.skipif(not os.environ.get("SNELHEID"), reason="snelheidsmeting: draait in `make bench` (SNELHEID=1)"),
]

M2M_VELDEN = (
    "doelgroepen",
    "levensdomeinen",
    "themas",
    "toegangswegen",
    "werkingsgebied_zones",
    "werkingsgebied_gemeenten",
    "locaties",
)


def vermenigvuldig_aanbod(kopieen: int, ids: list[int]) -> None:
    """Add ``kopieen`` copies of the aanbod ``ids`` (new uuid and slug), with their M2M links and opening hours.

    Runs inside the test's transaction, so everything is rolled back afterwards.
    """
    originelen = list(Aanbod.objects.filter(id__in=ids).order_by("id"))
    koppelingen = {}
    for veld in M2M_VELDEN:
        field = Aanbod._meta.get_field(veld)
        doel = f"{field.m2m_reverse_field_name()}_id"
        per_aanbod = defaultdict(list)
        links = field.remote_field.through.objects.filter(aanbod_id__in=ids).values_list("aanbod_id", doel)
        for aanbod_id, doel_id in links:
            per_aanbod[aanbod_id].append(doel_id)
        koppelingen[veld] = (field.remote_field.through, doel, per_aanbod)
    uren = defaultdict(list)
    for uur in Openingsuur.objects.filter(aanbod_id__in=ids):
        uren[uur.aanbod_id].append(uur)

    for _ in range(kopieen):
        nieuw = []
        for origineel in originelen:
            kopie = copy.copy(origineel)
            kopie.pk = None
            kopie.uuid = uuid.uuid4()
            kopie.slug = f"{origineel.slug[:140]}-{kopie.uuid.hex[:12]}"
            kopie.zoekvector = None
            nieuw.append(kopie)
        Aanbod.objects.bulk_create(nieuw, batch_size=1000)
        for through, doel, per_aanbod in koppelingen.values():
            through.objects.bulk_create(
                [
                    through(aanbod_id=kopie.pk, **{doel: doel_id})
                    for origineel, kopie in zip(originelen, nieuw, strict=True)
                    for doel_id in per_aanbod[origineel.pk]
                ],
                batch_size=5000,
            )
        Openingsuur.objects.bulk_create(
            [
                Openingsuur(aanbod_id=kopie.pk, dag=uur.dag, van=uur.van, tot=uur.tot)
                for origineel, kopie in zip(originelen, nieuw, strict=True)
                for uur in uren[origineel.pk]
            ],
            batch_size=5000,
        )


def csv_rijen(pad: Path) -> int:
    with open(pad, encoding="utf-8", newline="") as bestand:
        return sum(1 for _ in csv.reader(bestand)) - 1


def piek_geheugen(functie) -> int:
    """The peak of Python allocations (bytes) while ``functie`` runs, above what was allocated before."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        voor, _ = tracemalloc.get_traced_memory()
        functie()
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return piek - voor


def test_export_van_duizenden_diensten_is_volledig_en_houdt_het_geheugen_vlak(demodata, tmp_path):
    demo_ids = list(Aanbod.objects.values_list("id", flat=True))
    per_kopie = len(demo_ids)
    publiek_per_kopie = Aanbod.objects.zichtbaar().count()
    koppels_per_kopie = None
    figuren = []
    gemaakt = 0
    for doel in (1_000, 5_000):
        # Copies until the public aanbod reaches ``doel`` (the demo data is ~440 public services).
        nodig = -(-doel // publiek_per_kopie) - 1 - gemaakt
        if nodig > 0:
            vermenigvuldig_aanbod(nodig, demo_ids)
            gemaakt += nodig
        aantal = Aanbod.objects.zichtbaar().count()
        assert aantal == publiek_per_kopie * (gemaakt + 1)
        assert Aanbod.objects.count() == per_kopie * (gemaakt + 1)

        start = time.perf_counter()
        verslag = exporteer_datapakket(tmp_path / f"pakket-{doel}")
        csv_seconden = time.perf_counter() - start
        start = time.perf_counter()
        ndjson_verslag = exporteer_ndjson(tmp_path / f"diensten-{doel}.ndjson")
        ndjson_seconden = time.perf_counter() - start

        assert verslag.diensten == ndjson_verslag.diensten == aantal
        for tabel in TABELLEN:
            assert csv_rijen(tmp_path / f"pakket-{doel}" / tabel.pad) == verslag.tellingen[tabel.naam], tabel.pad
        # Every copy brings the same service_at_locations as its original.
        if koppels_per_kopie is None:
            koppels_per_kopie = verslag.tellingen["service_at_location"] // (gemaakt + 1)
        assert verslag.tellingen["service_at_location"] == koppels_per_kopie * (gemaakt + 1)
        with open(tmp_path / f"diensten-{doel}.ndjson", encoding="utf-8") as bestand:
            regels = [json.loads(regel) for regel in bestand]
        assert len(regels) == aantal == len({d["id"] for d in regels})

        csv_piek = piek_geheugen(lambda d=doel: exporteer_datapakket(tmp_path / f"piek-{d}"))
        ndjson_piek = piek_geheugen(lambda d=doel: exporteer_ndjson(tmp_path / f"piek-{d}.ndjson"))
        figuren.append((aantal, csv_seconden, ndjson_seconden, csv_piek, ndjson_piek))

    for aantal, csv_s, ndjson_s, csv_piek, ndjson_piek in figuren:
        print(
            f"\n{aantal} diensten: CSV {aantal / csv_s:.0f}/s ({csv_s:.2f} s, piek {csv_piek / 2**20:.1f} MiB), "
            f"ndjson {aantal / ndjson_s:.0f}/s ({ndjson_s:.2f} s, piek {ndjson_piek / 2**20:.1f} MiB)"
        )
