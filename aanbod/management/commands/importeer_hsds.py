from django.core.management.base import BaseCommand, CommandError

from aanbod.hsds.importeer import ImportFout, Importverslag, importeer, lees_bron


class Command(BaseCommand):
    help = (
        "Importeert Open Referral HSDS 3.0: JSON (lijst van diensten, HSDS-pagina of één dienst), ndjson, of "
        "een tabulair datapakket (map of .zip met datapackage.json). Organisaties worden herkend op "
        "KBO-nummer, anders op id; diensten, locaties en termen op id. Alles of niets, in één transactie."
    )

    def add_arguments(self, parser):
        parser.add_argument("bron", help="Pad naar een .json/.ndjson-bestand, een map of een .zip (geen URL).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Alles controleren en tellen, maar niets bewaren (proefdraai)."
        )

    def handle(self, *args, bron: str, dry_run: bool = False, verbosity: int = 1, **options):
        try:
            verslag = importeer(lees_bron(bron), proefdraai=dry_run)
        except ImportFout as fout:
            raise CommandError(str(fout)) from fout
        self._toon(verslag, verbosity)

    def _toon(self, verslag: Importverslag, verbosity: int) -> None:
        if verbosity >= 1:
            for regel in verslag.regels:
                self.stdout.write(f"  {regel}")
        for soort, telling in verslag.tellingen.items():
            self.stdout.write(f"{soort}: {telling}")
        if verslag.proefdraai:
            self.stdout.write(self.style.WARNING("Proefdraai: er is niets bewaard."))
        else:
            self.stdout.write(self.style.SUCCESS("Import voltooid."))
