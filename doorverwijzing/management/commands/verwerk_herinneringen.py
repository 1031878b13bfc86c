from django.core.management.base import BaseCommand

from doorverwijzing.herinneringen import verwerk_herinneringen


class Command(BaseCommand):
    help = (
        "Stuurt herinneringen (geen eerste reactie), voorstellen om af te sluiten (geen activiteit) en het "
        "weekoverzicht. Idempotent: veilig om elke paar minuten te draaien (cron of systemd-timer)."
    )

    def handle(self, *args, **options):
        verslag = verwerk_herinneringen()
        self.stdout.write(
            f"{verslag.herinneringen} herinneringen, {verslag.voorstellen} voorstellen om af te sluiten, "
            f"{verslag.overzichten} weekoverzichten."
        )
