"""The database floor: what PostgreSQL itself needs for the SQL that Django sends for one request.

The request is run once in-process (Django's test client against the benchmark database) inside a
transaction that is rolled back, with ``CaptureQueriesContext`` recording every statement. Each
statement is then replayed with ``EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON)`` (no per-node clock
calls, which would inflate the floor), again inside a rolled-back
transaction (a transition's UPDATE and INSERTs must not stick), and Planning + Execution Time are
summed. The replay runs several times; the median sum is the request's floor. What is left between
that floor and the latency under gunicorn is the framework, the network round trips and Python.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

UITLEGBAAR = ("select", "with", "insert", "update", "delete")
REPLAYS = 5


@dataclass
class Vloer:
    pad: str
    statements: int  # captured round trips
    uitgelegd: int  # of which replayed with EXPLAIN (the rest: SAVEPOINT/RELEASE, negligible)
    ms: float  # median over the replays of the summed planning + execution time
    duurste: str  # the statement that cost most, for looking into a missed budget
    duurste_ms: float


def vang(client, methode: str, pad: str, data: dict | None = None) -> tuple[int, list[str]]:
    """Run one request in-process, roll its writes back, return its status and the SQL it sent."""
    with transaction.atomic():
        with CaptureQueriesContext(connection) as vangst:
            if methode == "POST":
                antwoord = client.post(pad, data or {})
            else:
                antwoord = client.get(pad)
        transaction.set_rollback(True)
    return antwoord.status_code, [q["sql"] for q in vangst.captured_queries]


def _plan_ms(cursor, sql: str) -> float:
    cursor.execute("EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) " + sql)
    plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return plan[0]["Planning Time"] + plan[0]["Execution Time"]


def speel_af(pad: str, statements: list[str]) -> Vloer:
    uitlegbaar = [sql for sql in statements if sql.lstrip().lower().startswith(UITLEGBAAR)]
    sommen, per_statement = [], [[] for _ in uitlegbaar]
    for _ in range(REPLAYS):
        with transaction.atomic():
            with connection.cursor() as cursor:
                tijden = [_plan_ms(cursor, sql) for sql in uitlegbaar]
            transaction.set_rollback(True)
        sommen.append(sum(tijden))
        for lijst, tijd in zip(per_statement, tijden, strict=True):
            lijst.append(tijd)
    medianen = [statistics.median(t) for t in per_statement] or [0.0]
    duurste = max(range(len(medianen)), key=medianen.__getitem__)
    return Vloer(
        pad=pad,
        statements=len(statements),
        uitgelegd=len(uitlegbaar),
        ms=statistics.median(sommen),
        duurste=uitlegbaar[duurste][:2000] if uitlegbaar else "",
        duurste_ms=medianen[duurste],
    )


def meet_vloer(client, methode: str, pad: str, data: dict | None = None) -> Vloer:
    """Warm up (caches, as under gunicorn after warm-up), capture, replay."""
    vang(client, methode, pad, data)
    status, statements = vang(client, methode, pad, data)
    if status >= 400:
        raise RuntimeError(f"{methode} {pad}: {status} in-process")
    return speel_af(pad, statements)
