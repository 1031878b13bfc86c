"""Fast loading of generated rows: COPY FROM STDIN through psycopg 3, explicit id blocks, ANALYZE.

COPY fires the same triggers and checks the same constraints as INSERT (the search-vector triggers
of migration 0003 included), so nothing here bypasses an invariant of the schema.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection, models


def kolommen(model: type[models.Model], velden: Sequence[str]) -> list[str]:
    """The database columns of ``velden`` (``organisatie`` → ``organisatie_id``)."""
    return [model._meta.get_field(veld).column for veld in velden]


def kopieer(tabel: str, kolomnamen: Sequence[str], rijen: Iterable[Sequence]) -> int:
    """Stream ``rijen`` into ``tabel`` with one COPY statement; returns the number of rows."""
    q = connection.ops.quote_name
    sql = f"COPY {q(tabel)} ({', '.join(q(k) for k in kolomnamen)}) FROM STDIN"
    aantal = 0
    with connection.cursor() as cursor:
        # The raw psycopg 3 connection: Django's cursor wrapper has no COPY support of its own.
        with cursor.connection.cursor() as ruw, ruw.copy(sql) as copy:
            for rij in rijen:
                copy.write_row(rij)
                aantal += 1
    return aantal


def kopieer_model(model: type[models.Model], velden: Sequence[str], rijen: Iterable[Sequence]) -> int:
    return kopieer(model._meta.db_table, kolommen(model, velden), rijen)


def reserveer_ids(model: type[models.Model], aantal: int) -> int:
    """Take ``aantal`` consecutive ids from the table's identity sequence; returns the first one.

    Generated rows refer to each other (aanbod → organisatie, gebeurtenis → doorverwijzing) before
    they are loaded, so their keys are fixed up front instead of read back after every COPY.
    """
    if aantal <= 0:
        return 0
    tabel = model._meta.db_table
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [tabel])
        (reeks,) = cursor.fetchone()
        cursor.execute(
            f"SELECT setval(%s, (SELECT greatest(coalesce(max(id), 0), nextval(%s)) FROM {q(tabel)}) + %s)",
            [reeks, reeks, aantal],
        )
        (laatste,) = cursor.fetchone()
    return laatste - aantal + 1


def analyseer(tabellen: Iterable[str]) -> None:
    """Fresh planner statistics after a bulk load (autovacuum would get there, but only later)."""
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        for tabel in tabellen:
            cursor.execute(f"ANALYZE {q(tabel)}")


def databankgrootte() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        return cursor.fetchone()[0]


@dataclass
class Fase:
    naam: str
    seconden: float
    rijen: dict[str, int]


@dataclass
class Stopwatch:
    """Timings and row counts per phase of a load, for the command's report."""

    fasen: list[Fase] = field(default_factory=list)

    def meet(self, naam: str, werk) -> dict[str, int]:
        """Run ``werk`` (which returns rows per table); repeated phases (chunks) add up under one name."""
        begin = time.perf_counter()
        rijen = werk() or {}
        duur = time.perf_counter() - begin
        fase = next((f for f in self.fasen if f.naam == naam), None)
        if fase is None:
            self.fasen.append(Fase(naam, duur, dict(rijen)))
        else:
            fase.seconden += duur
            for tabel, aantal in rijen.items():
                fase.rijen[tabel] = fase.rijen.get(tabel, 0) + aantal
        return rijen

    def voeg_toe(self, naam: str, seconden: float) -> None:
        self.fasen.append(Fase(naam, seconden, {}))

    def rijen(self) -> dict[str, int]:
        totaal: dict[str, int] = {}
        for fase in self.fasen:
            for tabel, aantal in fase.rijen.items():
                totaal[tabel] = totaal.get(tabel, 0) + aantal
        return totaal
