from django.core.management.base import BaseCommand, CommandError

from aanbod.demodata import DEMO_GEBRUIKERS, DEMO_WACHTWOORD, STANDAARD_SEED, laad_demodata


class Command(BaseCommand):
    help = (
        "Laadt fictieve demogegevens voor de Kempense eerstelijnszones (organisaties, locaties, aanbod, "
        "demo-gebruikers). Idempotent: een tweede keer maakt niets aan. Laad eerst de referentiedata."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=STANDAARD_SEED, help="Startwaarde van de generator.")

    def handle(self, *args, seed: int = STANDAARD_SEED, **options):
        try:
            verslag = laad_demodata(seed=seed)
        except LookupError as fout:
            raise CommandError(str(fout)) from fout
        for regel in verslag.regels():
            self.stdout.write(f"  {regel}")
        status = "geladen" if verslag.gewijzigd else "waren al geladen"
        self.stdout.write(self.style.SUCCESS(f"Demogegevens {status}."))
        self._toon_gebruikers()

    def _toon_gebruikers(self) -> None:
        rijen = [("gebruiker", "rol", "organisatie / zone", "wachtwoord")]
        rijen += [(g["username"], g["rol"], g["waar"], DEMO_WACHTWOORD) for g in DEMO_GEBRUIKERS]
        breedtes = [max(len(rij[i]) for rij in rijen) for i in range(len(rijen[0]))]
        self.stdout.write("\nDemo-logins:")
        for i, rij in enumerate(rijen):
            self.stdout.write(_regel(rij, breedtes))
            if i == 0:
                self.stdout.write(_regel(["-" * breedte for breedte in breedtes], breedtes))


def _regel(cellen, breedtes) -> str:
    return ("  " + "  ".join(cel.ljust(breedte) for cel, breedte in zip(cellen, breedtes, strict=True))).rstrip()
