"""``manage.py backup``: a pg_dump -Fc of the current database (embedded or DATABASE_URL).

It lives in ``doorverwijzing`` next to ``serveer`` because it covers the data of both apps (see
docs/operations.md for the schedule and retention).
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from sociale_kaart.backup import BackupFout, maak_backup


def standaard_bestand() -> Path:
    map_ = Path(os.environ.get("BACKUP_DIR") or settings.BASE_DIR / ".data" / "backups")
    stempel = timezone.now().strftime("%Y%m%d-%H%M%S")
    return map_ / f"sociale-kaart-{connection.settings_dict['NAME']}-{stempel}.dump"


class Command(BaseCommand):
    help = (
        "Maakt een volledige backup (pg_dump, custom formaat) van de huidige databank. Het bestand bevat "
        "persoonsgegevens: bewaar het even veilig als de databank zelf."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--bestand",
            type=Path,
            help="Doelbestand (standaard BACKUP_DIR of .data/backups/sociale-kaart-<db>-<tijd>.dump).",
        )

    def handle(self, *args, bestand: Path | None, **options):
        doel = bestand or standaard_bestand()
        try:
            pg_dump = maak_backup(doel)
        except BackupFout as fout:
            raise CommandError(str(fout)) from fout
        grootte = doel.stat().st_size / 1024 / 1024
        self.stdout.write(self.style.SUCCESS(f"Backup geschreven: {doel} ({grootte:.1f} MB, met {pg_dump})"))
