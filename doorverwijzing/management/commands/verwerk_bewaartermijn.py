from django.conf import settings
from django.core.management.base import BaseCommand

from doorverwijzing.bewaartermijn import verwerk_bewaartermijn


class Command(BaseCommand):
    help = "Pseudonimiseert persoonsgegevens van doorverwijzingen die langer dan BEWAARTERMIJN_MAANDEN afgesloten zijn."

    def handle(self, *args, **options):
        aantal = verwerk_bewaartermijn()
        self.stdout.write(
            f"{aantal} doorverwijzingen gepseudonimiseerd (termijn {settings.BEWAARTERMIJN_MAANDEN} maanden)."
        )
