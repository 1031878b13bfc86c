from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from aanbod.hsds.export import CHUNK, Exportverslag, exporteer_datapakket, exporteer_ndjson


class Command(BaseCommand):
    help = (
        "Exporteert het publieke aanbod als Open Referral HSDS 3.0: standaard een tabulair datapakket "
        "(datapackage.json + één CSV per tabel) in een map of een .zip; met --json één volledige dienst per "
        "regel (ndjson) in een bestand, een map (services.ndjson) of een .zip."
    )

    def add_arguments(self, parser):
        parser.add_argument("doel", help="Map of .zip (datapakket), of bestand/map/.zip (ndjson met --json).")
        parser.add_argument("--json", action="store_true", help="ndjson van volledige diensten in plaats van CSV.")
        parser.add_argument(
            "--chunk", type=int, default=CHUNK, help=f"Aantal rijen per databankronde (standaard {CHUNK})."
        )

    def handle(self, *args, doel: str, json: bool = False, chunk: int = CHUNK, **options):
        if chunk < 1:
            raise CommandError("--chunk moet 1 of meer zijn.")
        pad = Path(doel)
        if pad.exists() and pad.is_file() and not json and pad.suffix.lower() != ".zip":
            raise CommandError(f"{pad} is een bestand: geef een map of een .zip voor het datapakket.")
        try:
            verslag = exporteer_ndjson(pad, chunk=chunk) if json else exporteer_datapakket(pad, chunk=chunk)
        except OSError as fout:
            raise CommandError(f"Kan niet schrijven naar {pad}: {fout}") from fout
        self._toon(verslag)

    def _toon(self, verslag: Exportverslag) -> None:
        for tabel, aantal in verslag.tellingen.items():
            self.stdout.write(f"  {tabel}: {aantal}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{verslag.diensten} diensten geëxporteerd naar {verslag.doel} in {verslag.seconden:.2f} s "
                f"({verslag.diensten_per_seconde:.0f} diensten/s)."
            )
        )
