"""Forms of the freshness round: bulk actions on the work list, one check, a report, a confirmation."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from aanbod.beheer.actualiteit.services import CURATOR_METHODES, MAX_PER_KEER
from aanbod.models import SuggestieStatus


def _naam(user) -> str:
    return user.get_full_name() or user.get_username()


class GebruikerKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _naam(obj)


class IdsField(forms.Field):
    """Ticked rows as a list of ids; whether they lie in the curator's scope is the service's check."""

    widget = forms.SelectMultiple

    def to_python(self, value):
        if not value:
            return []
        try:
            return sorted({int(v) for v in value})
        except (TypeError, ValueError):
            raise forms.ValidationError(_("Ongeldige selectie.")) from None


METHODE_KEUZES = [(m.value, m.label) for m in CURATOR_METHODES]


class ControleForm(forms.Form):
    """'Gecontroleerd' for one aanbod."""

    methode = forms.ChoiceField(
        label=_("Hoe heb je het gecontroleerd?"), choices=METHODE_KEUZES, widget=forms.RadioSelect
    )
    notitie = forms.CharField(
        label=_("Notitie"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        help_text=_("Bv. 'Telefonisch met het onthaal: wachtlijst klopt nog'."),
    )


class WerklijstActieForm(forms.Form):
    """One bulk action on the ticked rows of the work list."""

    MIJ = "mij"
    COLLEGA = "collega"
    GECONTROLEERD = "gecontroleerd"
    NIEMAND = "niemand"

    actie = forms.ChoiceField(
        choices=[
            (MIJ, _("Toewijzen aan mij")),
            (COLLEGA, _("Toewijzen aan collega")),
            (NIEMAND, _("Toewijzing wissen")),
            (GECONTROLEERD, _("Gecontroleerd")),
        ]
    )
    aanbod = IdsField(error_messages={"required": _("Vink minstens één aanbod aan.")})
    collega = GebruikerKeuze(label=_("Collega"), queryset=get_user_model().objects.none(), required=False)
    methode = forms.ChoiceField(label=_("Methode"), choices=[("", "—"), *METHODE_KEUZES], required=False)
    notitie = forms.CharField(label=_("Notitie"), required=False, max_length=500)

    def __init__(self, *args, collegas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collega"].queryset = collegas

    def clean_aanbod(self):
        ids = self.cleaned_data["aanbod"]
        if len(ids) > MAX_PER_KEER:
            raise forms.ValidationError(_("Kies hoogstens %(max)s aanbod tegelijk.") % {"max": MAX_PER_KEER})
        return ids

    def clean(self):
        data = super().clean()
        actie = data.get("actie")
        if actie == self.COLLEGA and not data.get("collega"):
            self.add_error("collega", _("Kies aan welke collega je het aanbod toewijst."))
        if actie == self.GECONTROLEERD and not data.get("methode"):
            self.add_error("methode", _("Kies hoe je het aanbod controleerde."))
        return data


class SuggestieBehandelenForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=SuggestieStatus.choices)
    toegewezen_aan = GebruikerKeuze(
        label=_("Toegewezen aan"), queryset=get_user_model().objects.none(), required=False, empty_label=_("Niemand")
    )
    antwoord = forms.CharField(
        label=_("Antwoord aan de melder"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 4000}),
        help_text=_(
            "Als de melder een e-mailadres gaf, krijgt die dit antwoord per e-mail zodra je de melding "
            "afhandelt of afwijst."
        ),
    )

    def __init__(self, *args, curatoren, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["toegewezen_aan"].queryset = curatoren


class AanpassenForm(forms.Form):
    """'Aanpassen' from the confirmation e-mail: what changed, for the zone's curators."""

    aanbod = forms.ModelChoiceField(label=_("Over welk aanbod gaat het?"), queryset=None, empty_label=None)
    beschrijving = forms.CharField(
        label=_("Wat moet er aangepast worden?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 4000}),
    )

    def __init__(self, *args, aanbod, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanbod"].queryset = aanbod

    def clean_beschrijving(self):
        tekst = self.cleaned_data["beschrijving"].strip()
        if len(tekst) < 10:
            raise forms.ValidationError(_("Beschrijf in een paar woorden wat er veranderd is."))
        return tekst
