"""`manage.py backup` / `manage.py herstel`: a round trip brings every catalogue and referral table back
identical (row count and a checksum of the ordered rows per table)."""

import os

import psycopg
import pytest

from tests.bedrijf.omgeving import manage

pytestmark = pytest.mark.traag


def _tabellen(conn) -> list[str]:
    return [
        t
        for (t,) in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).fetchall()
    ]


def _vingerafdrukken(conn) -> dict[str, tuple[int, str]]:
    """Per table: (rows, md5 of all rows in a fixed order)."""
    uitkomst = {}
    for tabel in _tabellen(conn):
        uitkomst[tabel] = conn.execute(
            f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM \"{tabel}\" t"
        ).fetchone()
    return uitkomst


def test_backup_en_herstel_geven_alle_tabellen_identiek_terug(cluster, tmp_path):
    database = cluster.kopie("bedrijf_backup")
    url = cluster.url(database)
    bestand = tmp_path / "sociale-kaart.dump"

    gemaakt = manage(url, "backup", "--bestand", str(bestand))
    assert gemaakt.returncode == 0, gemaakt.stderr
    assert bestand.stat().st_size > 10_000
    assert bestand.stat().st_mode & 0o077 == 0, "een backup met persoonsgegevens is enkel voor de eigenaar leesbaar"

    with cluster.verbind(database) as conn:
        voor = _vingerafdrukken(conn)
        kern = ["aanbod_aanbod", "aanbod_organisatie", "doorverwijzing_doorverwijzing", "doorverwijzing_gebeurtenis"]
        for tabel in kern:
            assert voor[tabel][0] > 0, tabel
        # Changes and losses after the backup.
        conn.execute("UPDATE aanbod_aanbod SET naam = naam || ' (gewijzigd)' WHERE id % 3 = 0")
        conn.execute("DELETE FROM aanbod_suggestie")
        conn.execute("TRUNCATE doorverwijzing_doorverwijzing CASCADE")
        conn.execute("UPDATE auth_user SET email = 'weg@example.org'")
        assert _vingerafdrukken(conn) != voor

    # Refused without confirmation (no terminal to ask): nothing changes.
    geweigerd = manage(url, "herstel", str(bestand), invoer="")
    assert geweigerd.returncode != 0
    assert "--ja" in geweigerd.stderr
    with cluster.verbind(database) as conn:
        (aantal,) = conn.execute("SELECT count(*) FROM doorverwijzing_doorverwijzing").fetchone()
        assert aantal == 0

    hersteld = manage(url, "herstel", str(bestand), "--ja")
    assert hersteld.returncode == 0, hersteld.stderr
    with cluster.verbind(database) as conn:
        na = _vingerafdrukken(conn)
    verschillen = {t: (voor.get(t), na.get(t)) for t in voor.keys() | na.keys() if voor.get(t) != na.get(t)}
    assert verschillen == {}


def test_herstel_van_een_onleesbaar_bestand_weigert_en_wijzigt_niets(cluster, tmp_path):
    database = cluster.kopie("bedrijf_backup")
    rommel = tmp_path / "geen-backup.dump"
    rommel.write_bytes(b"dit is geen backup")
    with cluster.verbind(database) as conn:
        voor = _vingerafdrukken(conn)
    uitkomst = manage(cluster.url(database), "herstel", str(rommel), "--ja")
    assert uitkomst.returncode != 0
    assert "geen leesbare backup" in uitkomst.stderr
    with cluster.verbind(database) as conn:
        assert _vingerafdrukken(conn) == voor


EXTERN = os.environ.get("TEST_EXTERN_DATABASE_URL", "")


@pytest.mark.extern_postgres
@pytest.mark.skipif(not EXTERN, reason="geen externe PostgreSQL: zet TEST_EXTERN_DATABASE_URL (make test doet dat)")
def test_backup_en_herstel_met_de_tools_van_een_externe_server(tmp_path):
    """Debian's PostgreSQL 15: the tools of its major version are used, and the round trip holds."""
    bestand = tmp_path / "extern.dump"
    with psycopg.connect(EXTERN, autocommit=True) as conn:
        (versie,) = conn.execute("SHOW server_version_num").fetchone()
        conn.execute("DROP TABLE IF EXISTS bedrijf_backup_proef")
        conn.execute("CREATE TABLE bedrijf_backup_proef (id int PRIMARY KEY, naam text)")
        conn.execute("INSERT INTO bedrijf_backup_proef SELECT g, 'rij ' || g FROM generate_series(1, 500) g")
        try:
            gemaakt = manage(EXTERN, "backup", "--bestand", str(bestand))
            assert gemaakt.returncode == 0, gemaakt.stderr
            assert f"/{int(versie) // 10000}/bin/pg_dump" in gemaakt.stdout
            conn.execute("DELETE FROM bedrijf_backup_proef WHERE id > 100")
            hersteld = manage(EXTERN, "herstel", str(bestand), "--ja")
            assert hersteld.returncode == 0, hersteld.stderr
            assert conn.execute("SELECT count(*) FROM bedrijf_backup_proef").fetchone() == (500,)
        finally:
            conn.execute("DROP TABLE IF EXISTS bedrijf_backup_proef")
