"""Validators for Belgian identifiers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.be import vat
from stdnum.exceptions import ValidationError as StdnumValidationError


def normaliseer_kbo(waarde: str) -> str:
    """Return the 10-digit enterprise number for ``0403.019.261``, ``BE 0403 019 261``, ``403019261``."""
    return vat.compact(waarde or "")


def valideer_kbo(waarde: str) -> None:
    """Check a KBO/BCE enterprise number: 10 digits, starting with 0 or 1, mod-97 check digits."""
    try:
        vat.validate(waarde)
    except StdnumValidationError as exc:
        raise ValidationError(
            _("%(waarde)s is geen geldig KBO-ondernemingsnummer (10 cijfers, controlegetal mod 97)."),
            code="kbo_ongeldig",
            params={"waarde": waarde},
        ) from exc


def formatteer_kbo(waarde: str) -> str:
    """0403019261 → 0403.019.261 (the usual display form)."""
    return f"{waarde[:4]}.{waarde[4:7]}.{waarde[7:]}" if len(waarde) == 10 else waarde
