"""Importing Open Referral HSDS 3.0 data into the catalogue: read, check everything, then write all or nothing.

Accepted sources (a path; never a URL): a JSON list of full services, a ``Page`` envelope, one service,
ndjson (one service per line), or a tabular data package (a directory or .zip with datapackage.json).

Records are matched on stable identifiers: an organisation on its KBO number when it has one, else on
its id; services, locations and taxonomy terms on their id (terms also on taxonomy + code). The input
is checked completely before anything is written; an invalid record stops the import with a Dutch
message naming the record and the field (:class:`ImportFout`). Values we cannot represent (an unknown
term, a monthly schedule, a virtual location, …) are skipped and reported per record.

The work is done in three steps, one module each: :mod:`.lezen` reads the source into nested dicts,
:mod:`.controleren` checks every record into :class:`Invoer`, :mod:`.schrijven` writes it.
"""

from __future__ import annotations

from django.db import transaction

from aanbod.hsds.importeer.controleren import Invoer, ontleed
from aanbod.hsds.importeer.lezen import Bron, ImportFout, lees_bron
from aanbod.hsds.importeer.schrijven import Importverslag, Schrijver, Telling, zet_tijden
from aanbod.zoeken.woorden import ververs_zoekwoorden

__all__ = ["Bron", "ImportFout", "Importverslag", "Invoer", "Telling", "importeer", "lees_bron", "ontleed"]


def importeer(bron: Bron, *, proefdraai: bool = False) -> Importverslag:
    """Import ``bron`` in one transaction: everything or nothing; a dry run (``proefdraai``) rolls back."""
    invoer = ontleed(bron)
    verslag = Importverslag(proefdraai=proefdraai)
    with transaction.atomic():
        schrijver = Schrijver(invoer, verslag)
        schrijver.organisaties_schrijven()
        schrijver.locaties_schrijven()
        tijden = schrijver.aanbod_schrijven()
        zet_tijden(schrijver, tijden)
        schrijver.historiek_schrijven()
        if verslag.gewijzigd:
            ververs_zoekwoorden()
        if proefdraai:
            transaction.set_rollback(True)
    return verslag
