"""Periodic confirmation e-mails to organisations (docs/curation.md); safe to run daily from cron."""

from django.conf import settings
from django.core.management.base import BaseCommand

from aanbod.beheer.actualiteit.services import bevestiging_versturen, organisaties_te_bevestigen


class Command(BaseCommand):
    help = (
        "Stuurt elke actieve organisatie met een e-mailadres en zichtbaar aanbod een e-mail met een "
        "ondertekende link 'alles klopt nog' / 'aanpassen', als ze de voorbije "
        "BEVESTIGING_INTERVAL_MAANDEN geen kreeg. Idempotent: een tweede run verstuurt niets."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Toon wie een e-mail zou krijgen; verstuur niets.")

    def handle(self, *args, dry_run: bool = False, **options):
        verstuurd = mislukt = 0
        for organisatie in organisaties_te_bevestigen().iterator(chunk_size=500):
            if dry_run:
                self.stdout.write(f"  zou versturen: {organisatie.naam} <{organisatie.email}>")
                verstuurd += 1
                continue
            try:
                bevestiging_versturen(organisatie=organisatie)
            except OSError as fout:  # SMTP trouble: this one is retried on the next run
                mislukt += 1
                self.stderr.write(f"  niet verstuurd naar {organisatie.naam}: {fout}")
            else:
                verstuurd += 1
        werkwoord = "zou versturen" if dry_run else "verstuurd"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verstuurd} bevestigingsmail(s) {werkwoord}, {mislukt} mislukt "
                f"(interval {settings.BEVESTIGING_INTERVAL_MAANDEN} maanden)."
            )
        )
