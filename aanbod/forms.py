"""Public forms of the catalogue."""

from django import forms
from django.utils.translation import gettext_lazy as _

from aanbod.models import Suggestie


class SuggestieForm(forms.ModelForm):
    """'Meld een fout of wijziging' / 'Aanbod ontbreekt'. ``website`` is a honeypot for bots."""

    website = forms.CharField(
        required=False,
        label=_("Laat dit veld leeg"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = Suggestie
        fields = ["beschrijving", "email"]
        widgets = {"beschrijving": forms.Textarea(attrs={"rows": 6, "maxlength": 4000})}
        help_texts = {
            "beschrijving": _("Bijvoorbeeld: het telefoonnummer is veranderd, of de wachtlijst is langer."),
            "email": _("Niet verplicht. We gebruiken je e-mailadres enkel om je te antwoorden."),
        }

    def clean_beschrijving(self):
        tekst = self.cleaned_data["beschrijving"].strip()
        if len(tekst) < 10:
            raise forms.ValidationError(_("Beschrijf in een paar woorden wat er niet klopt."))
        return tekst

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
