"""Workflows of the bulk import: upload, map columns, check, dry-run and the all-or-nothing commit.

The steps follow ``aanbod/hsds/importeer``: :mod:`.lezen` reads the file, :mod:`.koppeling` maps
its columns, :mod:`.controleren` checks every row without writing, :mod:`.schrijven` writes.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aanbod.beheer.audit import log_beheeractie
from aanbod.beheer.bulk.controleren import Rij, controleer
from aanbod.beheer.bulk.koppeling import DOELVELDEN, stel_koppeling_voor
from aanbod.beheer.bulk.lezen import BulkFout, Tabel, lees_tabel
from aanbod.beheer.bulk.schrijven import Schrijver, Verslag
from aanbod.models import Importbestand, ImportStatus
from aanbod.zoeken.woorden import ververs_zoekwoorden


class ImportGeweigerd(BulkFout):
    """The commit was refused before writing; ``meldingen`` name each row that still needs attention."""

    def __init__(self, meldingen: list[str]):
        super().__init__(" ".join(meldingen))
        self.meldingen = meldingen


def importbestand_opladen(*, zone, door, bestandsnaam: str, inhoud: bytes) -> Importbestand:
    """Store an uploaded list once it reads as a table within the limits, with suggested column mapping.

    Raises :class:`BulkFout` (size, rows, type, encoding) before anything is stored.
    """
    tabel = lees_tabel(inhoud, bestandsnaam)
    return Importbestand.objects.create(
        zone=zone,
        door=door,
        bestandsnaam=bestandsnaam[:255],
        inhoud=inhoud,
        koppeling=stel_koppeling_voor(tabel.kolommen),
    )


def lees_importbestand(importbestand: Importbestand) -> Tabel:
    return lees_tabel(bytes(importbestand.inhoud), importbestand.bestandsnaam)


def importbestand_koppelen(*, importbestand: Importbestand, koppeling: dict[str, int]) -> None:
    """Save the curator's column mapping; every required target must have a column."""
    ontbreekt = [str(d.label) for d in DOELVELDEN if d.verplicht and d.sleutel not in koppeling]
    if ontbreekt:
        raise BulkFout(_("Kies een kolom voor: %(velden)s.") % {"velden": ", ".join(ontbreekt)})
    importbestand.koppeling = koppeling
    importbestand.status = ImportStatus.GEKOPPELD
    importbestand.save(update_fields=["koppeling", "status"])


def import_controleren(importbestand: Importbestand, *, user) -> list[Rij]:
    """The preview: every row checked against the catalogue of ``user``'s zones; nothing written."""
    return controleer(lees_importbestand(importbestand), importbestand.koppeling, user=user)


def _open_beslissingen(rijen: list[Rij], keuzes: dict[int, str]) -> list[str]:
    meldingen = []
    for rij in rijen:
        toegelaten = {optie for optie, _label in rij.keuzes}
        if toegelaten and keuzes.get(rij.nummer) not in toegelaten:
            if rij.fouten:
                meldingen.append(
                    _("Rij %(rij)s heeft een fout: %(fout)s Verbeter het bestand of kies 'Overslaan'.")
                    % {"rij": rij.nummer, "fout": " ".join(rij.fouten)}
                )
            else:
                meldingen.append(
                    _("Rij %(rij)s is %(soort)s: kies wat ermee moet gebeuren.")
                    % {"rij": rij.nummer, "soort": rij.soort_label}
                )
    return meldingen


def import_uitvoeren(*, importbestand: Importbestand, door, keuzes: dict[int, str], proefdraai: bool) -> Verslag:
    """Import the list all or nothing, in one transaction; a dry run (``proefdraai``) always rolls back.

    Invariant: either every row is applied as checked and chosen, or nothing is written. A row with
    an error or a possible duplicate needs an explicit choice (``keuzes``: row number → choice);
    otherwise :class:`ImportGeweigerd` is raised before any write. The file is locked so that two
    curators cannot commit it twice.
    """
    verslag = Verslag(proefdraai=proefdraai)
    with transaction.atomic():
        bestand = Importbestand.objects.select_for_update().get(pk=importbestand.pk)
        if bestand.status == ImportStatus.DOORGEVOERD:
            raise BulkFout(_("Dit bestand is al doorgevoerd."))
        rijen = import_controleren(bestand, user=door)
        meldingen = _open_beslissingen(rijen, keuzes)
        if meldingen:
            raise ImportGeweigerd(meldingen)
        schrijver = Schrijver(
            zone=bestand.zone, reden=_("import %(naam)s") % {"naam": bestand.bestandsnaam}, verslag=verslag
        )
        for rij in rijen:
            schrijver.schrijf(rij, keuzes.get(rij.nummer, ""))
        schrijver.afronden(door=door)
        if verslag.aangemaakt or verslag.bijgewerkt:
            ververs_zoekwoorden()
        if proefdraai:
            transaction.set_rollback(True)
        else:
            bestand.status = ImportStatus.DOORGEVOERD
            bestand.doorgevoerd_op = timezone.now()
            bestand.resultaat = verslag.als_json()
            bestand.save(update_fields=["status", "doorgevoerd_op", "resultaat"])
            log_beheeractie(
                door=door,
                actie="import",
                object=bestand,
                omschrijving=_("%(naam)s in %(zone)s: %(nieuw)s nieuw, %(bij)s bijgewerkt, %(over)s overgeslagen")
                % {
                    "naam": bestand.bestandsnaam,
                    "zone": bestand.zone,
                    "nieuw": len(verslag.aangemaakt),
                    "bij": len(verslag.bijgewerkt),
                    "over": len(verslag.overgeslagen),
                },
            )
            importbestand.refresh_from_db()
    return verslag
