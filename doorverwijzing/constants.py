"""The referral state machine and its controlled lists (FHIR SDOH referral Task statuses, Dutch labels).

One table, ``TOEGESTANE_OVERGANGEN``, says which status may follow which; every transition goes
through :func:`doorverwijzing.services.doorverwijzing_overgang`, which checks it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """FHIR Task.status codes (SDOH Clinical Care IG) with the Dutch words professionals use."""

    DRAFT = "draft", _("Concept")
    REQUESTED = "requested", _("Verstuurd")
    ACCEPTED = "accepted", _("Aanvaard")
    REJECTED = "rejected", _("Niet aanvaard")
    ON_HOLD = "on-hold", _("Wachtlijst / in afwachting")
    IN_PROGRESS = "in-progress", _("In begeleiding")
    COMPLETED = "completed", _("Afgerond")
    FAILED = "failed", _("Niet gelukt")
    CANCELLED = "cancelled", _("Geannuleerd")
    ENTERED_IN_ERROR = "entered-in-error", _("Foutief ingevoerd")


TOEGESTANE_OVERGANGEN: dict[str, set[str]] = {
    Status.DRAFT: {Status.REQUESTED, Status.CANCELLED, Status.ENTERED_IN_ERROR},
    Status.REQUESTED: {
        Status.ACCEPTED,
        Status.REJECTED,
        Status.ON_HOLD,
        Status.CANCELLED,
        Status.FAILED,
        Status.ENTERED_IN_ERROR,
    },
    Status.ACCEPTED: {Status.ON_HOLD, Status.IN_PROGRESS, Status.CANCELLED, Status.FAILED, Status.ENTERED_IN_ERROR},
    Status.ON_HOLD: {Status.ACCEPTED, Status.IN_PROGRESS, Status.CANCELLED, Status.FAILED, Status.ENTERED_IN_ERROR},
    Status.IN_PROGRESS: {Status.ON_HOLD, Status.COMPLETED, Status.FAILED, Status.CANCELLED, Status.ENTERED_IN_ERROR},
    Status.REJECTED: {Status.ENTERED_IN_ERROR},
    Status.COMPLETED: {Status.ENTERED_IN_ERROR},
    Status.FAILED: {Status.ENTERED_IN_ERROR},
    Status.CANCELLED: {Status.ENTERED_IN_ERROR},
    Status.ENTERED_IN_ERROR: set(),
}

AFGESLOTEN = {Status.REJECTED, Status.COMPLETED, Status.FAILED, Status.CANCELLED, Status.ENTERED_IN_ERROR}
LOPEND = {Status.REQUESTED, Status.ACCEPTED, Status.ON_HOLD, Status.IN_PROGRESS}


class Actie(models.TextChoices):
    """The named actions (URL and API path segments) and the status each leads to."""

    VERSTUREN = "versturen", _("Versturen")
    AANVAARDEN = "aanvaarden", _("Aanvaarden")
    WEIGEREN = "weigeren", _("Niet aanvaarden")
    IN_WACHT = "in-wacht", _("Op de wachtlijst zetten")
    STARTEN = "starten", _("Begeleiding starten")
    AFRONDEN = "afronden", _("Afronden")
    MISLUKT = "mislukt", _("Niet gelukt")
    ANNULEREN = "annuleren", _("Annuleren")
    FOUTIEF = "foutief", _("Foutief ingevoerd")


ACTIE_NAAR_STATUS: dict[str, str] = {
    Actie.VERSTUREN: Status.REQUESTED,
    Actie.AANVAARDEN: Status.ACCEPTED,
    Actie.WEIGEREN: Status.REJECTED,
    Actie.IN_WACHT: Status.ON_HOLD,
    Actie.STARTEN: Status.IN_PROGRESS,
    Actie.AFRONDEN: Status.COMPLETED,
    Actie.MISLUKT: Status.FAILED,
    Actie.ANNULEREN: Status.CANCELLED,
    Actie.FOUTIEF: Status.ENTERED_IN_ERROR,
}

# Which side may take an action: the sender (verwijzer) or the receiver (ontvanger).
ACTIE_DOOR: dict[str, set[str]] = {
    Actie.VERSTUREN: {"verwijzer"},
    Actie.AANVAARDEN: {"ontvanger"},
    Actie.WEIGEREN: {"ontvanger"},
    Actie.IN_WACHT: {"ontvanger"},
    Actie.STARTEN: {"ontvanger"},
    Actie.AFRONDEN: {"ontvanger"},
    Actie.MISLUKT: {"ontvanger", "verwijzer"},
    Actie.ANNULEREN: {"verwijzer"},
    Actie.FOUTIEF: {"verwijzer", "ontvanger"},
}


class Reden(models.TextChoices):
    """Why a referral was not accepted, put on hold, failed or cancelled (controlled list)."""

    NIET_IN_DOELGROEP = "niet_in_doelgroep", _("Niet in doelgroep")
    GEEN_CAPACITEIT = "geen_capaciteit", _("Geen capaciteit")
    BUITEN_WERKINGSGEBIED = "buiten_werkingsgebied", _("Buiten werkingsgebied")
    NIET_BEREIKBAAR = "niet_bereikbaar", _("Persoon niet bereikbaar")
    PERSOON_WEIGERT = "persoon_weigert", _("Persoon weigert")
    NIET_MEER_NODIG = "niet_meer_nodig", _("Niet meer nodig")
    ELDERS = "doorverwezen_elders", _("Doorverwezen naar elders")
    ANDERE = "andere", _("Andere (toelichting verplicht)")


REDEN_VERPLICHT = {Status.REJECTED, Status.ON_HOLD, Status.FAILED, Status.CANCELLED}


class Uitkomst(models.TextChoices):
    GEHOLPEN = "geholpen", _("Geholpen")
    GESTART = "gestart_met_begeleiding", _("Gestart met begeleiding")
    EENMALIG_ADVIES = "eenmalig_advies", _("Eenmalig advies")
    ELDERS = "doorverwezen_elders", _("Doorverwezen naar elders")


class Urgentie(models.TextChoices):
    GEWOON = "gewoon", _("Gewoon")
    DRINGEND = "dringend", _("Dringend (binnen de week)")
    ZEER_DRINGEND = "zeer_dringend", _("Zeer dringend (binnen 48 uur)")


class Contactwijze(models.TextChoices):
    TELEFOON = "telefoon", _("Telefonisch")
    EMAIL = "email", _("Per e-mail")
    BRIEF = "brief", _("Per brief")
    VIA_VERWIJZER = "via_verwijzer", _("Enkel via de verwijzer")


class Grond(models.TextChoices):
    """The legal basis for sharing: informed consent, or the conditions of shared professional secrecy."""

    TOESTEMMING = "toestemming", _("Geïnformeerde toestemming van de persoon of vertegenwoordiger")
    GEDEELD_BEROEPSGEHEIM = "gedeeld_beroepsgeheim", _("Gedeeld beroepsgeheim")


class ToestemmingsVorm(models.TextChoices):
    SCHRIFTELIJK = "schriftelijk", _("Schriftelijk")
    MONDELING = "mondeling", _("Mondeling (bevestigd door de verwijzer)")


class GebeurtenisSoort(models.TextChoices):
    AANGEMAAKT = "aangemaakt", _("Aangemaakt")
    GEWIJZIGD = "gewijzigd", _("Gegevens gewijzigd")
    OVERGANG = "overgang", _("Status gewijzigd")
    BERICHT = "bericht", _("Bericht")
    TERUGKOPPELING = "terugkoppeling", _("Terugkoppeling")
    TERUGKOPPELING_GEVRAAGD = "terugkoppeling_gevraagd", _("Terugkoppeling gevraagd")
    TOESTEMMING_INGETROKKEN = "toestemming_ingetrokken", _("Toestemming ingetrokken")
    HERINNERING = "herinnering", _("Herinnering verstuurd")
    GEPSEUDONIMISEERD = "gepseudonimiseerd", _("Persoonsgegevens gepseudonimiseerd")
