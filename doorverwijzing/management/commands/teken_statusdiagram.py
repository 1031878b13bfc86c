from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from doorverwijzing.diagram import werk_document_bij


class Command(BaseCommand):
    help = "Werkt het statusdiagram in docs/referrals.md bij vanuit de overgangstabel (TOEGESTANE_OVERGANGEN)."

    def handle(self, *args, **options):
        pad = Path(settings.BASE_DIR) / "docs" / "referrals.md"
        pad.write_text(werk_document_bij(pad.read_text()))
        self.stdout.write(self.style.SUCCESS(f"{pad} bijgewerkt."))
