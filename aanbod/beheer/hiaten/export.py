"""The gaps report as CSV for a spreadsheet: one section per part, separated by an empty line.

UTF-8 with BOM and ``;`` as separator (what Excel in nl-BE opens without an import wizard). A cell
that starts with ``= + - @`` (or a tab or carriage return) gets a leading quote so a spreadsheet
never runs it as a formula (CSV injection). Counts and aanbod only, no persons.
"""

from __future__ import annotations

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from aanbod.beheer.hiaten.services import Hiatenrapport

_GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")


def veilige_cel(waarde) -> str:
    """The cell as text, neutralised when a spreadsheet would read it as a formula."""
    if waarde is None:
        return ""
    tekst = str(waarde)
    return "'" + tekst if tekst.startswith(_GEVAARLIJK) else tekst


def _datum(waarde) -> str:
    return timezone.localtime(waarde).date().isoformat() if waarde else ""


def rapport_csv(rapport: Hiatenrapport) -> str:
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")

    def rij(*cellen):
        schrijver.writerow([veilige_cel(c) for c in cellen])

    rij(_("Hiatenrapport"), rapport.zone.weergavenaam, _datum(rapport.nu))
    rij()
    rij(_("Dekking per gemeente en ondersteuningsvorm"))
    rij(_("Gemeente"), _("NIS-code"), _("Ondersteuningsvorm"), _("Aantal aanbod"), _("Dekking"))
    for matrixrij in rapport.matrix:
        for cel in matrixrij.cellen:
            rij(
                cel.gemeente.naam,
                cel.gemeente.nis_code,
                matrixrij.vorm.naam,
                cel.aantal,
                _("ja") if cel.gedekt else _("geen aanbod"),
            )
    rij()
    rij(_("Volzet of wachtlijst"))
    rij(
        _("Aanbod"),
        _("Organisatie"),
        _("Ondersteuningsvorm"),
        _("Capaciteit"),
        _("Wachttijd (weken)"),
        _("Sinds"),
        _("Dagen in deze toestand"),
        _("Niet aanvaard wegens capaciteit"),
    )
    for krap in rapport.krapte:
        rij(
            krap.aanbod.naam,
            krap.aanbod.organisatie.naam,
            krap.aanbod.ondersteuningsvorm.naam if krap.aanbod.ondersteuningsvorm else "",
            krap.aanbod.get_capaciteit_display(),
            krap.aanbod.wachttijd_weken,
            _datum(krap.sinds),
            krap.dagen,
            krap.weigeringen,
        )
    rij()
    rij(_("Capaciteit per maand (aantal aanbod)"))
    rij(_("Maand"), *(label for _waarde, label in rapport.toestanden), _("Gemiddelde wachttijd (weken)"))
    for maand in rapport.verloop:
        rij(
            maand.label,
            *(maand.aantallen[waarde] for waarde, _label in rapport.toestanden),
            "" if maand.gemiddelde_wachttijd is None else str(maand.gemiddelde_wachttijd).replace(".", ","),
        )
    rij()
    rij(_("Niet aanvaard wegens capaciteit, per ondersteuningsvorm"), _datum(rapport.van), _datum(rapport.nu))
    if rapport.weigeringen_per_vorm is None:
        rij(_("Geen gegevens over doorverwijzingen beschikbaar."))
    else:
        rij(_("Ondersteuningsvorm"), _("Aantal"))
        for naam, aantal in rapport.weigeringen_per_vorm:
            rij(naam, aantal)
        rij()
        rij(_("Niet aanvaard wegens capaciteit, per aanbod"))
        rij(_("Aanbod"), _("Organisatie"), _("Aantal"))
        for aanbod, aantal in rapport.weigeringen_per_aanbod:
            rij(aanbod.naam, aanbod.organisatie.naam, aantal)
    rij()
    rij(_("Open meldingen 'aanbod ontbreekt'"))
    rij(_("Gemeld op"), _("Status"), _("Zoekvraag"), _("Beschrijving"))
    for melding in rapport.meldingen:
        rij(_datum(melding.aangemaakt_op), melding.get_status_display(), melding.zoekvraag, melding.beschrijving)
    return "\ufeff" + buffer.getvalue()
