"""Forms of the edit page, the capacity buttons and the decision on a proposal."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aanbod.beheer.voorstellen.services import BEWERKBARE_VELDEN, KRITIEKE_VELDEN
from aanbod.constants import Capaciteit, Taal, Werkvorm
from aanbod.models import Aanbod, Eerstelijnszone, Gemeente

# Fieldsets of the edit page: (legend, fields).
GROEPEN = (
    (_("Wat"), ("naam", "beschrijving", "ondersteuningsvorm", "themas")),
    (_("Voor wie"), ("doelgroepen", "levensdomeinen", "leeftijd_min", "leeftijd_max")),
    (
        _("Hoe kom je binnen"),
        ("toegangswegen", "aanmelding", "meebrengen", "kostprijs", "kostprijs_toelichting", "talen", "werkvormen"),
    ),
    (_("Voor inwoners van"), ("werkingsgebied_vlaanderen", "werkingsgebied_zones", "werkingsgebied_gemeenten")),
    (
        _("Contact"),
        ("contactpersoon", "contactpersoon_functie", "telefoon", "email", "website", "openingsuren_toelichting"),
    ),
)
assert {v for _legend, velden in GROEPEN for v in velden} == set(BEWERKBARE_VELDEN)

VOCABULARIA = ("doelgroepen", "levensdomeinen", "themas", "toegangswegen")


class AanbodBewerkenForm(forms.ModelForm):
    """The editable fields of an aanbod; the view decides what publishes at once."""

    talen = forms.MultipleChoiceField(
        label=_("Talen"), choices=Taal.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    werkvormen = forms.MultipleChoiceField(
        label=_("Werkvormen"), choices=Werkvorm.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    website = forms.URLField(label=_("Website"), required=False, max_length=200, assume_scheme="https")
    toelichting = forms.CharField(
        label=_("Toelichting voor de curator"),
        help_text=_("Waarom verandert dit? Bv. 'nieuw telefoonnummer sinds de verhuis'."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Aanbod
        fields = BEWERKBARE_VELDEN
        widgets = {
            "beschrijving": forms.Textarea(attrs={"rows": 5}),
            "aanmelding": forms.Textarea(attrs={"rows": 3}),
            "meebrengen": forms.Textarea(attrs={"rows": 2}),
            "werkingsgebied_zones": forms.SelectMultiple(attrs={"size": 8}),
            "werkingsgebied_gemeenten": forms.SelectMultiple(attrs={"size": 10}),
            **{v: forms.CheckboxSelectMultiple for v in VOCABULARIA},
        }

    def __init__(self, *args, met_goedkeuring: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.met_goedkeuring = met_goedkeuring
        if not met_goedkeuring:
            del self.fields["toelichting"]
        for veld in VOCABULARIA:
            # Retired values stay selectable only where they are already chosen.
            gekozen = self.initial.get(veld) or []
            pks = [o.pk if hasattr(o, "pk") else o for o in gekozen]
            veldobj = self.fields[veld]
            veldobj.queryset = veldobj.queryset.model.objects.filter(Q(actief=True) | Q(pk__in=pks))
        self.fields["werkingsgebied_zones"].queryset = Eerstelijnszone.objects.order_by("naam")
        self.fields["werkingsgebied_gemeenten"].queryset = Gemeente.objects.order_by("naam")
        for veld in ("werkingsgebied_zones", "werkingsgebied_gemeenten"):
            # A long multiple select hides what is chosen: say it in words too.
            gekozen = [o.pk if hasattr(o, "pk") else o for o in self.initial.get(veld) or []]
            namen = [str(o) for o in self.fields[veld].queryset.filter(pk__in=gekozen)]
            hulp = _("Houd Ctrl (Mac: Cmd) ingedrukt om meer dan één te kiezen.")
            self.fields[veld].help_text = f"{hulp} {_('Nu gekozen:')} {', '.join(namen) or _('geen')}."
        self.fields["naam"].widget.attrs["autocomplete"] = "off"
        self.fields["telefoon"].widget.attrs.update({"autocomplete": "off", "inputmode": "tel"})

    def clean(self):
        data = super().clean()
        minimum, maximum = data.get("leeftijd_min"), data.get("leeftijd_max")
        if minimum is not None and maximum is not None and minimum > maximum:
            self.add_error("leeftijd_max", _("De maximumleeftijd mag niet lager zijn dan de minimumleeftijd."))
        if not (
            data.get("werkingsgebied_vlaanderen")
            or data.get("werkingsgebied_zones")
            or data.get("werkingsgebied_gemeenten")
        ) and not self.has_error("werkingsgebied_zones"):
            self.add_error(
                "werkingsgebied_zones",
                _("Kies minstens één zone of gemeente, of vink 'heel Vlaanderen en Brussel' aan."),
            )
        return data

    def groepen(self):
        """Bound fields per fieldset, each marked critical or not (for the template)."""
        return [
            (legend, [(self[v], self.met_goedkeuring and v in KRITIEKE_VELDEN) for v in velden])
            for legend, velden in GROEPEN
        ]

    def waarden(self) -> dict:
        return {v: self.cleaned_data[v] for v in BEWERKBARE_VELDEN}


CAPACITEIT_KNOPPEN = (Capaciteit.PLAATS_VRIJ, Capaciteit.BEPERKT, Capaciteit.VOLZET, Capaciteit.WACHTLIJST)


class CapaciteitForm(forms.Form):
    """One click per state; the weeks of waiting only count for limited, full or a waiting list."""

    capaciteit = forms.ChoiceField(choices=[(c.value, c.label) for c in CAPACITEIT_KNOPPEN])
    wachttijd_weken = forms.IntegerField(
        label=_("Wachttijd (weken)"),
        required=False,
        min_value=0,
        max_value=260,
        error_messages={"max_value": _("Een wachttijd van meer dan 260 weken is waarschijnlijk een tikfout.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("capaciteit") == Capaciteit.PLAATS_VRIJ:
            data["wachttijd_weken"] = None
        return data


class AfwijzenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden van de afwijzing"),
        help_text=_("De organisatie krijgt deze reden per e-mail."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Geef een reden: de organisatie leest ze in de e-mail.")},
    )
