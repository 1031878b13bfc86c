from pathlib import Path

from django.conf import settings

from doorverwijzing.constants import TOEGESTANE_OVERGANGEN
from doorverwijzing.diagram import statusdiagram


def test_het_statusdiagram_in_de_documentatie_volgt_de_overgangstabel():
    document = (Path(settings.BASE_DIR) / "docs" / "referrals.md").read_text()
    assert statusdiagram() in document, "voer `manage.py teken_statusdiagram` uit"
    aantal_pijlen = sum(len(v) for v in TOEGESTANE_OVERGANGEN.values())
    assert statusdiagram().count(" --> ") == aantal_pijlen + 1  # + the start arrow
