"""Logging: one JSON object per line (LOG_FORMAT=json) or readable text, with the request's context.

The request id, method, path and user id of the request being handled are kept in context variables
by :class:`sociale_kaart.middleware.VerzoekIdMiddleware`; :class:`VerzoekContextFilter` copies them
onto every record logged while that request runs, so a line from deep inside a service can still be
traced to its request. Personal data stays out: the path never has its query string (searches for a
person's name travel there), and the user is logged by id, never by name or e-mail address.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import json
import logging
import re

# Defaults are None: outside a request (commands, timers) the fields are simply absent.
verzoek_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("verzoek_id", default=None)
verzoek_methode: contextvars.ContextVar[str | None] = contextvars.ContextVar("verzoek_methode", default=None)
verzoek_pad: contextvars.ContextVar[str | None] = contextvars.ContextVar("verzoek_pad", default=None)
verzoek_user_id: contextvars.ContextVar[int | None] = contextvars.ContextVar("verzoek_user_id", default=None)

# Record attributes that the JSON line carries when a caller or the filter set them.
CONTEXTVELDEN = ("request_id", "method", "path", "status", "duration_ms", "user_id")


# Path segments that are secrets: the signed one-click link of the confirmation e-mails
# (/beheer/bevestigen/<token>/) works without a login, so whoever reads the log could use it.
GEHEIM_IN_PAD = re.compile(r"(/beheer/bevestigen/)[^/\s\"']+")


def verberg_geheimen(tekst: str) -> str:
    """``tekst`` with secret path segments replaced by ``…``."""
    return GEHEIM_IN_PAD.sub(r"\1…", tekst) if "/beheer/bevestigen/" in tekst else tekst


class VerzoekContextFilter(logging.Filter):
    """Add the current request's id, method, path and user id to a record (never overriding ``extra``),
    and hide secret path segments in the path and the message (Django logs "Bad Request: <path>")."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            bericht = record.getMessage()
            if "/beheer/bevestigen/" in bericht:
                record.msg, record.args = verberg_geheimen(bericht), None
        for veld, var in (
            ("request_id", verzoek_id),
            ("method", verzoek_methode),
            ("path", verzoek_pad),
            ("user_id", verzoek_user_id),
        ):
            if getattr(record, veld, None) is None:
                setattr(record, veld, var.get())
        if record.path:
            record.path = verberg_geheimen(record.path)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, message and the request fields."""

    def format(self, record: logging.LogRecord) -> str:
        regel = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for veld in CONTEXTVELDEN:
            waarde = getattr(record, veld, None)
            if waarde is not None:
                regel[veld] = waarde
        if record.exc_info:
            regel["exception"] = self.formatException(record.exc_info)
        return json.dumps(regel, ensure_ascii=False, default=str)


class TekstFormatter(logging.Formatter):
    """Readable lines for development: time, level, logger, request id and message."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)-7s %(name)s [%(request_id)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        if getattr(record, "request_id", None) is None:
            # A copy: other handlers (e.g. a JSON one) format the same record.
            record = logging.makeLogRecord({**record.__dict__, "request_id": "-"})
        return super().format(record)


def axes_klant(username, ip_address, user_agent, path_info, request) -> str:
    """How django-axes names a client in its log lines: by request id only. Its default puts the typed
    username (often an e-mail address) and the IP address in the log; the attempts themselves stay in
    axes's own tables for whoever must investigate."""
    return f"verzoek {verzoek_id.get() or '-'}"
