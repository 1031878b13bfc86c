"""A process killed with SIGKILL in the middle of a referral transition leaves the referral in its
previous or its next state, never in between, and its event log agrees with its status.

Two ways to hit "the middle": deterministically, by holding a table lock the transition needs after
it has already changed the referral row (the child blocks inside the transaction and is killed there);
and at random moments, by killing a child that moves one referral back and forth in a loop.
"""

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from tests.bedrijf.omgeving import BASE_DIR, consistentie, omgeving, proefdoorverwijzingen

pytestmark = pytest.mark.traag

APPLICATIE = "bedrijf-sigkill"

# The child: one transition (or a loop of them) through the real service.
KIND = """
import sys, django
django.setup()
from django.contrib.auth import get_user_model
from doorverwijzing.models import Doorverwijzing
from doorverwijzing.services import doorverwijzing_overgang
ontvanger = get_user_model().objects.get(username="ontvanger")
uuid, herhaal = sys.argv[1], sys.argv[2] == "lus"
print("klaar", flush=True)
while True:
    d = Doorverwijzing.objects.get(uuid=uuid)
    if d.status == "on-hold":
        doorverwijzing_overgang(doorverwijzing=d, actie="aanvaarden", door=ontvanger)
    else:
        doorverwijzing_overgang(doorverwijzing=d, actie="in-wacht", door=ontvanger, reden="geen_capaciteit",
                                overbruggingsplan="Tot dan de huisarts bellen.")
    if not herhaal:
        break
print("klaar met overgang", flush=True)
"""


def _kind(cluster, database: str, uuid: str, modus: str) -> subprocess.Popen:
    proces = subprocess.Popen(
        [sys.executable, "-c", KIND, uuid, modus],
        cwd=BASE_DIR,
        env={
            **omgeving(cluster.url(database)),
            "DJANGO_SETTINGS_MODULE": "sociale_kaart.settings",
            "PGAPPNAME": APPLICATIE,  # to find its backend in pg_stat_activity
        },
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proces.stdout.readline().strip() == "klaar"
    return proces


def _wacht_tot(voorwaarde, *, seconden: float = 60, melding: str = "") -> None:
    einde = time.monotonic() + seconden
    while not voorwaarde():
        if time.monotonic() > einde:
            pytest.fail(melding or "voorwaarde niet gehaald")
        time.sleep(0.05)


def _backends_van_kind(conn) -> list[tuple]:
    return conn.execute(
        "SELECT pid, wait_event_type, state FROM pg_stat_activity WHERE application_name = %s", (APPLICATIE,)
    ).fetchall()


def _status(conn, uuid: str) -> str:
    return conn.execute("SELECT status FROM doorverwijzing_doorverwijzing WHERE uuid = %s", (uuid,)).fetchone()[0]


@pytest.fixture
def database(cluster):
    return cluster.kopie("bedrijf_sigkill")


@pytest.mark.parametrize(
    "tabel",
    # After the row update, before the event; after the event, before the in-app notifications.
    ["doorverwijzing_gebeurtenis", "doorverwijzing_melding"],
)
def test_sigkill_binnen_de_transactie_laat_de_vorige_status_en_een_kloppend_logboek(cluster, database, tabel):
    with cluster.verbind(database) as conn, cluster.verbind(database) as slot:
        uuid, voor = proefdoorverwijzingen(conn)[0 if tabel.endswith("gebeurtenis") else 1]
        assert voor == "accepted"
        slot.execute("BEGIN")
        slot.execute(f"LOCK TABLE {tabel} IN EXCLUSIVE MODE")  # reads pass, inserts wait
        kind = _kind(cluster, database, uuid, "een")

        def kind_wacht_op_slot():
            return any(wacht == "Lock" for _, wacht, _ in _backends_van_kind(conn))

        _wacht_tot(kind_wacht_op_slot, melding="de overgang kwam niet aan het slot")
        # Proof that it is truly in between: the child's transaction already holds the referral row.
        (pid,) = [p for p, wacht, _ in _backends_van_kind(conn) if wacht == "Lock"]
        (bijgewerkt,) = conn.execute(
            "SELECT count(*) FROM pg_locks WHERE pid = %s AND mode = 'RowExclusiveLock' "
            "AND relation = 'doorverwijzing_doorverwijzing'::regclass",
            (pid,),
        ).fetchone()
        assert bijgewerkt == 1

        os.kill(kind.pid, signal.SIGKILL)
        kind.wait()
        slot.execute("ROLLBACK")
        _wacht_tot(lambda: not _backends_van_kind(conn), melding="de backend van het kind bleef hangen")

        assert _status(conn, uuid) == voor
        assert consistentie(conn, [uuid]) == []


def test_sigkill_op_willekeurige_momenten_in_een_lus_van_overgangen(cluster, database):
    rng = random.Random(int(os.environ.get("SIGKILL_ZAAD", "9")))
    with cluster.verbind(database) as conn:
        uuid, _ = proefdoorverwijzingen(conn)[2]
        for _ in range(3):
            voor = _aantal_gebeurtenissen(conn, uuid)
            kind = _kind(cluster, database, uuid, "lus")
            # Kill it somewhere in the loop, once it is truly transitioning (the machine may be slow).
            _wacht_tot(lambda v=voor: _aantal_gebeurtenissen(conn, uuid) > v, melding="het kind deed geen overgang")
            time.sleep(rng.uniform(0.0, 0.5))
            os.kill(kind.pid, signal.SIGKILL)
            kind.wait()
            _wacht_tot(lambda: not _backends_van_kind(conn), melding="de backend van het kind bleef hangen")

            assert _status(conn, uuid) in {"accepted", "on-hold"}
            assert consistentie(conn, [uuid]) == []


def _aantal_gebeurtenissen(conn, uuid: str) -> int:
    return conn.execute(
        "SELECT count(*) FROM doorverwijzing_gebeurtenis g JOIN doorverwijzing_doorverwijzing d "
        "ON d.id = g.doorverwijzing_id WHERE d.uuid = %s",
        (uuid,),
    ).fetchone()[0]
