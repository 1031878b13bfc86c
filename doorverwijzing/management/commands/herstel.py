"""``manage.py herstel PAD``: put a backup of ``manage.py backup`` back into the current database.

Everything in the database is replaced by the backup, in one transaction. Without ``--ja`` it asks
for the database name as confirmation, and refuses when nobody can answer (cron, CI).
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from sociale_kaart.backup import BackupFout, herstel_backup


class Command(BaseCommand):
    help = (
        "Zet een backup terug in de huidige databank: alle huidige gegevens worden vervangen. "
        "Stop eerst de webserver en de geplande taken."
    )

    def add_arguments(self, parser):
        parser.add_argument("pad", type=Path, help="Backupbestand van `manage.py backup`.")
        parser.add_argument("--ja", action="store_true", help="Niet om bevestiging vragen.")

    def handle(self, *args, pad: Path, ja: bool, **options):
        naam = connection.settings_dict["NAME"]
        if not ja:
            if not sys.stdin.isatty():
                raise CommandError(
                    f"Herstellen vervangt alle gegevens in databank '{naam}'. Bevestig met --ja "
                    "(er is geen terminal om het te vragen)."
                )
            antwoord = input(f"Alle gegevens in databank '{naam}' worden vervangen. Typ de naam om te bevestigen: ")
            if antwoord.strip() != naam:
                raise CommandError("Niet bevestigd: er is niets gewijzigd.")
        try:
            herstel_backup(pad)
        except BackupFout as fout:
            raise CommandError(str(fout)) from fout
        self.stdout.write(self.style.SUCCESS(f"Backup {pad} teruggezet in databank '{naam}'."))
