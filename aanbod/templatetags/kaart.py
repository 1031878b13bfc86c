"""Small presentation helpers for the catalogue's pages."""

import re

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
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


def keuzelabel(keuzes, waarde) -> str:
    """The label of ``waarde`` in the choices enum, as ``get_FOO_display()`` gives it (else the value).

    ``get_FOO_display()`` rebuilds a dict of all choices, translating every label, on each call: ~50 µs
    against ~7 µs here, and the capacity badge is rendered for every result card.
    """
    return str(keuzes(waarde).label) if waarde in keuzes.values else waarde


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
        keuzelabel(Capaciteit, aanbod.capaciteit),
        wachten,
        datum,
    )


@register.simple_tag
def openingsuren(uren) -> str:
    """The opening-hours table of an aanbod or a location: one row per weekday (aanbod.detail.Dag).

    Built in Python rather than with an include: the detail page renders it once per location. The
    whitespace is what the former include produced, so the page did not change.
    """
    rijen = format_html_join(
        "", '\n  \n    <tr><th scope="row">{}</th><td>{}</td></tr>', ((dag.naam, ", ".join(dag.slots)) for dag in uren)
    )
    return format_html(
        '<table class="uren">\n  <caption class="visueel-verborgen">{}</caption>\n'
        "  <tbody>\n  {}\n  \n  </tbody>\n</table>\n",
        _("Openingsuren"),
        rijen,
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


@register.simple_tag
def facetten(resultaat, volgorde) -> str:
    """The facet fieldsets with checkboxes and counts.

    Built in Python: ~150 checkboxes through the template engine cost about half of the page's
    render time (measured with `make bench`).
    """
    delen = []
    for code, titel in volgorde:
        waarden = resultaat.facetten.get(code) or []
        if not waarden:
            continue
        items = format_html_join(
            "\n",
            '<li><input type="checkbox" name="{0}" value="{1}" id="f-{0}-{1}"{2}>'
            '<label for="f-{0}-{1}">{3} <span class="aantal">({4})</span></label></li>',
            ((code, w.code, mark_safe(" checked") if w.gekozen else "", w.label, w.aantal) for w in waarden),
        )
        delen.append(format_html('<fieldset class="facet"><legend>{}</legend><ul>{}</ul></fieldset>', titel, items))
    return mark_safe("\n".join(delen))  # noqa: S308 - every part is built with format_html


def _vertaald(tekst: str, **waarden) -> str:
    """``{% blocktranslate with … %}``: the translated text with its values escaped, the rest as is."""
    return mark_safe(tekst % {naam: conditional_escape(waarde) for naam, waarde in waarden.items()})


@register.simple_tag(takes_context=True)
def kaartje(context, item) -> str:
    """A result card: name and link, organisation and concept, first sentence, where, access, capacity.

    Built in Python rather than as an included template: the results page renders 20 of them, and the
    template's tags and lookups were most of its rendering time. The markup, whitespace included, is what
    the template in tests/aanbod/sjablonen/aanbod_kaartje_sjabloon.html gives; a test compares the two.
    """
    verzoek = context.get("request")
    url = reverse("aanbod:aanbod", args=[item.slug])
    volledig = f"{verzoek.scheme}://{verzoek.get_host()}{url}" if verzoek is not None else f"://{url}"
    vorm = item.ondersteuningsvorm
    delen = [
        format_html(
            '\n<article class="kaartje">\n  <h3><a href="{}" data-url="{}">{}</a></h3>\n'
            '  <p class="organisatie">{}{}</p>\n  <p class="samenvatting">{}</p>\n  <dl class="kenmerken">\n    \n    ',
            url,
            volledig,
            item.naam,
            item.organisatie.naam,
            format_html(' · <span class="vorm">{}</span>', vorm.naam) if vorm else "",
            eerste_zin(item.beschrijving),
        )
    ]
    locaties = item.actieve_locaties
    if locaties:
        km = getattr(item, "afstand_km", None)
        anderen = len(locaties) - 1
        waar = format_html(
            "{}{}{}",
            locaties[0].gemeente.naam,
            format_html(" · {}", _vertaald(_("%(afstand)s van je"), afstand=afstand(km))) if km is not None else "",
            format_html(
                " {}",
                _vertaald(ngettext("(en %(n)s andere plaats)", "(en %(n)s andere plaatsen)", anderen), n=anderen),
            )
            if anderen
            else "",
        )
        delen.append(format_html("\n      <div><dt>{}</dt><dd>{}</dd></div>\n    ", _("Waar"), waar))
    elif item.werkingsgebied_vlaanderen:
        delen.append(
            format_html(
                "\n      <div><dt>{}</dt><dd>{}</dd></div>\n    ", _("Waar"), _("In heel Vlaanderen en Brussel")
            )
        )
    delen.append("\n    \n    ")
    toegangswegen = item.toegangswegen.all()
    if toegangswegen:
        delen.append(
            format_html(
                "\n      <div><dt>{}</dt><dd>{}</dd></div>\n    ",
                _("Toegang"),
                format_html_join(", ", "{}", ((t.label,) for t in toegangswegen)),
            )
        )
    delen.append(format_html("\n    <div><dt>{}</dt><dd>{}</dd></div>\n    ", _("Plaats"), capaciteit(item)))
    if item.status == "tijdelijk_gesloten":
        delen.append(
            format_html("<div><dt>{}</dt><dd><strong>{}</strong></dd></div>", _("Status"), _("Tijdelijk gesloten"))
        )
    delen.append("\n  </dl>\n  ")
    if item.laatst_gecontroleerd_op:
        datum = date_format(item.laatst_gecontroleerd_op, "j F Y")
        delen.append(
            format_html(
                '<p class="gecontroleerd">{}</p>', _vertaald(_("Laatst gecontroleerd op %(datum)s"), datum=datum)
            )
        )
    delen.append("\n</article>\n")
    return mark_safe("".join(delen))
