"""Read replicas: public catalogue reads go to the ``replica`` alias, everything else to ``default``.

Active only when DATABASE_REPLICA_URL is set (settings add the alias, this router and the
middleware below). What goes to the replica: reads of catalogue models (aanbod, organisations,
locations, hours, support forms, vocabularies, geography) by anonymous visitors and API clients.
What stays on the primary: every write; everything personal (referrals, users, sessions, staff
memberships, reports with an e-mail address, history, audit trail); every read inside a transaction
(``select_for_update``, read-your-own-write); and every read during a request of a signed-in user or
with an unsafe method, so a curator never sees the replica's slightly older copy of what they just
saved. See docs/scaling.md for replication lag.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections

REPLICA = "replica"

# The public catalogue, by model name (app ``aanbod``). Anything not listed — Medewerker, Curator,
# Suggestie, Beheeractie, Voorstel, historiek, … — is personal or administrative: primary.
CATALOGUS = frozenset(
    {
        "aanbod",
        "organisatie",
        "locatie",
        "openingsuur",
        "ondersteuningsvorm",
        "begrip",
        "eerstelijnszone",
        "gemeente",
        "gemeentealias",
        "postplaats",
        "zonelidmaatschap",
        "doelgroep",
        "levensdomein",
        "thema",
        "toegangsweg",
    }
)

_op_primaire: ContextVar[bool] = ContextVar("op_primaire", default=False)


@contextmanager
def op_primaire():
    """Within this block every read goes to the primary (e.g. a job that reads what it just wrote)."""
    token = _op_primaire.set(True)
    try:
        yield
    finally:
        _op_primaire.reset(token)


def is_catalogus(model) -> bool:
    if model._meta.app_label != "aanbod":
        return False
    if model._meta.auto_created:  # an M2M table such as aanbod_aanbod_doelgroepen: as its owner
        return all(is_catalogus(f.related_model) for f in model._meta.fields if f.is_relation)
    return model._meta.model_name in CATALOGUS


def in_transactie() -> bool:
    return connections["default"].in_atomic_block


class ReplicaRouter:
    """Catalogue reads to the replica; all writes, personal data and migrations to the primary."""

    def db_for_read(self, model, **hints):
        if REPLICA not in settings.DATABASES or _op_primaire.get() or not is_catalogus(model):
            return "default"
        instance = hints.get("instance")
        if instance is not None and instance._state.db == "default":
            return "default"  # related objects of a row read from the primary come from there too
        if in_transactie():
            return "default"  # inside a transaction: read what this transaction wrote
        return REPLICA

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data (a replica is a copy of the primary).
        return {obj1._state.db, obj2._state.db} <= {"default", REPLICA}

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class PrimaireVoorIngelogdenMiddleware:
    """Requests with a session (signed-in professionals, curators) or an unsafe method read from the primary."""

    VEILIG = frozenset({"GET", "HEAD", "OPTIONS"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in self.VEILIG and settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        with op_primaire():
            return self.get_response(request)
