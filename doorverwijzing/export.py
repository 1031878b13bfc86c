"""Everything held about the person of one referral (GDPR right of access), as plain data."""

from __future__ import annotations

from doorverwijzing.models import Doorverwijzing, Toestemming

_NIET_PERSOONLIJK = {"id", "verwijzer", "verwijzer_organisatie", "aanbod", "ontvanger_organisatie", "behandelaar"}


def _velden(obj, model, uitgezonderd: set[str]) -> dict:
    return {f.name: getattr(obj, f.name) for f in model._meta.concrete_fields if f.name not in uitgezonderd}


def volledige_export(doorverwijzing: Doorverwijzing) -> dict:
    toestemming = Toestemming.objects.filter(doorverwijzing=doorverwijzing).first()
    gegevens = _velden(doorverwijzing, Doorverwijzing, _NIET_PERSOONLIJK | {"persoon_gemeente"})
    gegevens["persoon_gemeente"] = str(doorverwijzing.persoon_gemeente or "")
    return {
        "doorverwijzing": gegevens,
        "verwijzende_organisatie": doorverwijzing.verwijzer_organisatie.naam,
        "ontvangende_organisatie": doorverwijzing.ontvanger_organisatie.naam,
        "aanbod": doorverwijzing.aanbod.naam,
        "toestemming": _velden(toestemming, Toestemming, {"id", "doorverwijzing"}) if toestemming else None,
        "berichten": list(doorverwijzing.berichten.values("aangemaakt_op", "organisatie__naam", "tekst")),
        "terugkoppelingen": list(
            doorverwijzing.terugkoppelingen.values("aangemaakt_op", "persoon_gecontacteerd", "volgende_stap", "tekst")
        ),
        "gebeurtenissen": list(
            doorverwijzing.gebeurtenissen.values(
                "tijdstip", "soort", "van_status", "naar_status", "reden", "toelichting"
            )
        ),
        "inzages": list(doorverwijzing.inzages.values("tijdstip", "via", "user__username")),
    }
