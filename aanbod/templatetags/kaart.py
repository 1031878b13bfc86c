"""Small presentation helpers for the catalogue's pages."""

import re

from django import template
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from aanbod.constants import Capaciteit

register = template.Library()

_ZIN = re.compile(r"^(.+?[.!?])(\s|$)", re.S)


@register.filter
def eerste_zin(tekst: str) -> str:
    """The first sentence, for a one-line summary on a result card."""
    tekst = (tekst or "").strip()
    gevonden = _ZIN.match(tekst)
    return gevonden.group(1) if gevonden else tekst


@register.filter
def afstand(km) -> str:
    if km is None:
        return ""
    if km < 1:
        return _("%(meter)s m") % {"meter": int(round(km * 1000, -1))}
    return _("%(km)s km") % {"km": number_format(km, 1)}


_SYMBOLEN = {
    Capaciteit.PLAATS_VRIJ: "✓",
    Capaciteit.BEPERKT: "◐",
    Capaciteit.VOLZET: "✕",
    Capaciteit.WACHTLIJST: "◷",
    Capaciteit.ONBEKEND: "?",
}


@register.simple_tag
def capaciteit(aanbod) -> str:
    """The capacity badge: text and a symbol, never colour alone (WCAG 1.4.1), with its date.

    Built in Python rather than with an inclusion template: it is rendered for every result card.
    """
    wachten = ""
    if aanbod.wachttijd_weken:
        wachten = " · " + ngettext(
            "ongeveer %(weken)d week wachten", "ongeveer %(weken)d weken wachten", aanbod.wachttijd_weken
        ) % {"weken": aanbod.wachttijd_weken}
    datum = ""
    if aanbod.capaciteit_bijgewerkt_op:
        stand = _("stand %(datum)s") % {
            "datum": date_format(timezone.localtime(aanbod.capaciteit_bijgewerkt_op), "j F Y")
        }
        datum = format_html(' <span class="datum">({})</span>', stand)
    return format_html(
        '<span class="capaciteit capaciteit-{}"><span aria-hidden="true">{}</span> {}{}{}</span>',
        aanbod.capaciteit,
        _SYMBOLEN.get(aanbod.capaciteit, "?"),
        aanbod.get_capaciteit_display(),
        wachten,
        datum,
    )


@register.simple_tag(takes_context=True)
def wissel_filter(context, naam: str, waarde: str) -> str:
    """The current query string with ``naam=waarde`` added or removed (a facet link), page reset."""
    kopie = context["request"].GET.copy()
    kopie.pop("pagina", None)
    waarden = kopie.getlist(naam)
    if waarde in waarden:
        waarden.remove(waarde)
    else:
        waarden.append(waarde)
    kopie.setlist(naam, waarden)
    return "?" + kopie.urlencode()


@register.filter
def get_item(woordenboek: dict, sleutel):
    return woordenboek.get(sleutel) if woordenboek else None
