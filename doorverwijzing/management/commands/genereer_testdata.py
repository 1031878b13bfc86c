"""``manage.py genereer_testdata --aanbod 100000 --doorverwijzingen 1000000 --seed 1``: load-test data.

Lives in doorverwijzing because it drives both generators: the catalogue (``aanbod.testdata``) and the
referrals (``doorverwijzing.testdata``); aanbod never imports doorverwijzing.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from aanbod.models import Eerstelijnszone, Organisatie
from aanbod.testdata import Stopwatch, TestdataFout, analyseer, databankgrootte, genereer_catalogus
from aanbod.testdata.laden import tabellen as catalogustabellen
from doorverwijzing.testdata import genereer_doorverwijzingen
from doorverwijzing.testdata import tabellen as doorverwijzingstabellen


class Command(BaseCommand):
    help = (
        "Genereert grote, fictieve en reproduceerbare testgegevens (organisaties, locaties, aanbod, "
        "gebruikers, doorverwijzingen) over alle eerstelijnszones, met COPY. Weigert op een databank met "
        "echte organisaties, tenzij --forceer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--aanbod", type=int, default=1000, help="Aantal aanbod (organisaties: ongeveer een derde)."
        )
        parser.add_argument("--doorverwijzingen", type=int, default=10000, help="Aantal doorverwijzingen.")
        parser.add_argument("--seed", type=int, default=1, help="Startwaarde: dezelfde seed geeft dezelfde gegevens.")
        parser.add_argument(
            "--forceer",
            action="store_true",
            help="Ook uitvoeren als de databank echte (niet-fictieve) organisaties bevat.",
        )

    def handle(self, *args, aanbod: int, doorverwijzingen: int, seed: int, forceer: bool, **options):
        if aanbod < 0 or doorverwijzingen < 0:
            raise CommandError("Aantallen kunnen niet negatief zijn.")
        if doorverwijzingen and not aanbod:
            raise CommandError("Doorverwijzingen hebben gegenereerd aanbod nodig: geef ook --aanbod op.")
        if not forceer and Organisatie.objects.filter(is_fictief=False).exists():
            raise CommandError(
                "Deze databank bevat echte (niet-fictieve) organisaties. Testgegevens horen in een aparte "
                "databank; gebruik --forceer als je dit echt wilt."
            )
        stopwatch = Stopwatch()
        if not Eerstelijnszone.objects.exists():
            from aanbod.referentiedata import laad_referentiedata

            self.stdout.write("Referentiedata laden…")
            stopwatch.meet("referentiedata", lambda: laad_referentiedata() and None)

        try:
            # One transaction: a failed or interrupted run leaves nothing behind.
            with transaction.atomic():
                catalogus = genereer_catalogus(aantal=aanbod, seed=seed, stopwatch=stopwatch)
                genereer_doorverwijzingen(catalogus=catalogus, aantal=doorverwijzingen, seed=seed, stopwatch=stopwatch)
                begin_commit = time.perf_counter()
        except TestdataFout as fout:
            raise CommandError(str(fout)) from fout
        # The foreign keys are deferred: PostgreSQL checks them all at COMMIT (inside a test: a savepoint).
        stopwatch.voeg_toe("commit (uitgestelde FK's)", time.perf_counter() - begin_commit)
        stopwatch.meet("ANALYZE", lambda: analyseer([*catalogustabellen(), *doorverwijzingstabellen()]))
        stopwatch.meet("zoekwoorden verversen", _ververs_zoekwoorden)
        self._verslag(stopwatch)

    def _verslag(self, stopwatch: Stopwatch) -> None:
        self.stdout.write("Fasen:")
        for fase in stopwatch.fasen:
            self.stdout.write(f"  {fase.naam:<28} {fase.seconden:8.1f} s")
        self.stdout.write("Rijen:")
        for tabel, aantal in stopwatch.rijen().items():
            self.stdout.write(f"  {tabel:<40} {aantal:>10}")
        totaal = sum(fase.seconden for fase in stopwatch.fasen)
        self.stdout.write(
            self.style.SUCCESS(f"Testgegevens gegenereerd in {totaal:.1f} s; databank: {databankgrootte()}.")
        )


def _ververs_zoekwoorden() -> None:
    from aanbod.zoeken.woorden import ververs_zoekwoorden, wis_cache

    ververs_zoekwoorden()
    wis_cache()
