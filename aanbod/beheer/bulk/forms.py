"""Forms of the bulk import and export: upload, column mapping, export choice."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanbod.beheer.bulk.koppeling import DOELVELDEN

FORMATEN = (("xlsx", gettext_lazy("Excel (.xlsx)")), ("csv", gettext_lazy("CSV (;-gescheiden, voor Excel)")))


class OpladenForm(forms.Form):
    zone = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Voor welke zone?"), empty_label=None)
    bestand = forms.FileField(
        label=gettext_lazy("Bestand"),
        error_messages={
            "required": gettext_lazy("Kies een bestand om op te laden."),
            "empty": gettext_lazy("Het gekozen bestand is leeg."),
        },
        help_text=gettext_lazy("Een Excel-bestand (.xlsx) of CSV (.csv). De eerste rij bevat de kolomnamen."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def __init__(self, *args, zones, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = zones

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is te groot; de grens is %(max)s MB. Splits de lijst in delen.")
                % {"max": settings.IMPORT_MAX_BYTES // (1024 * 1024)}
            )
        if not bestand.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Kies een CSV-bestand (.csv) of een Excel-bestand (.xlsx)."))
        return bestand


class KoppelingForm(forms.Form):
    """One select per target, listing the file's columns (with an example value)."""

    def __init__(self, *args, kolommen: list[str], voorbeelden: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        keuzes = [("", _("— niet gebruiken —"))] + [
            (str(i), f"{kop} ({voorbeeld[:30]})" if voorbeeld else kop)
            for i, (kop, voorbeeld) in enumerate(zip(kolommen, voorbeelden, strict=True))
        ]
        for doel in DOELVELDEN:
            self.fields[doel.sleutel] = forms.TypedChoiceField(
                label=doel.label,
                choices=keuzes,
                coerce=int,
                empty_value=None,
                required=doel.verplicht,
                help_text=doel.uitleg,
                error_messages={"required": _("Kies de kolom met %(veld)s.") % {"veld": str(doel.label).lower()}},
            )

    def koppeling(self) -> dict[str, int]:
        return {sleutel: index for sleutel, index in self.cleaned_data.items() if index is not None}


class ExportForm(forms.Form):
    zone = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Zone"), empty_label=None)
    formaat = forms.ChoiceField(
        label=gettext_lazy("Formaat"), choices=FORMATEN, widget=forms.RadioSelect, initial="xlsx"
    )

    def __init__(self, *args, zones, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = zones
