from django.core.management.base import BaseCommand

from aanbod.referentiedata import laad_referentiedata


class Command(BaseCommand):
    help = (
        "Laadt de referentiegegevens uit fixtures/ (zones, gemeenten, postcodes, vocabularia, "
        "ondersteuningsvormen, begrippen). Idempotent: een tweede keer verandert niets."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--bijwerken",
            action="store_true",
            help="Overschrijf ook gecureerde teksten (vocabularia, ondersteuningsvormen, begrippen) met de fixture.",
        )

    def handle(self, *args, bijwerken: bool = False, **options):
        verslag = laad_referentiedata(bijwerken=bijwerken)
        for regel in verslag.regels():
            self.stdout.write(f"  {regel}")
        status = "bijgewerkt" if verslag.gewijzigd else "al up-to-date"
        self.stdout.write(self.style.SUCCESS(f"Referentiegegevens {status}."))
