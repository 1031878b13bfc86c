"""Forms of the word list. They parse and check input; the services keep the invariants."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from aanbod.beheer.woordenlijst.services import DUBBEL_BEGRIP, begrip_dubbel
from aanbod.models import Begrip, Ondersteuningsvorm

MAX_SYNONIEM = 100


class SynoniemenVeld(forms.CharField):
    """Synonyms typed one per line, as a list.

    Only a new line separates: a synonym may hold a comma itself ("1 gezin, 1 plan").
    """

    widget = forms.Textarea(attrs={"rows": 6})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value):
        tekst = super().to_python(value) or ""
        return [regel.strip() for regel in tekst.splitlines() if regel.strip()]

    def validate(self, value):
        # CharField's own NUL check looks at str(list), where a NUL shows as the escape "\\x00".
        if any("\x00" in s for s in value):
            raise forms.ValidationError(_("Null-tekens zijn niet toegestaan."), code="null_characters_not_allowed")
        te_lang = [s for s in value if len(s) > MAX_SYNONIEM]
        if te_lang:
            raise forms.ValidationError(
                _("Een synoniem is hoogstens %(max)s tekens lang: “%(synoniem)s…”."),
                params={"max": MAX_SYNONIEM, "synoniem": te_lang[0][:30]},
            )


class BegripForm(forms.ModelForm):
    synoniemen = SynoniemenVeld(
        label=_("Synoniemen en andere schrijfwijzen"),
        required=False,
        help_text=_("Eén per regel. Wie een van deze woorden zoekt, vindt ook het aanbod met de term, en omgekeerd."),
    )

    class Meta:
        model = Begrip
        fields = ["term", "afkorting", "context", "uitleg", "synoniemen", "ondersteuningsvorm", "actief"]
        widgets = {"uitleg": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "afkorting": _("Bv. MDO, ITP, DOP."),
            "context": _("Alleen nodig als de term meer dan één betekenis heeft, bv. ‘in de jeugdhulp’."),
            "uitleg": _("In eenvoudige taal (B1): wat betekent het, voor wie is het?"),
            "actief": _("Uitgeschakelde begrippen staan niet meer op de website en tellen niet mee bij het zoeken."),
        }
        error_messages = {
            "term": {"required": _("Vul de term in.")},
            "uitleg": {"required": _("Schrijf een uitleg in eenvoudige taal.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ondersteuningsvorm"].queryset = Ondersteuningsvorm.objects.order_by("naam")
        self.fields["ondersteuningsvorm"].empty_label = _("(geen)")

    def clean(self):
        gegevens = super().clean()
        term, context = gegevens.get("term"), gegevens.get("context") or ""
        # Case-insensitive, next to the term. With an error on "term", the model's own (case-sensitive,
        # form-wide) check of the unique constraint is skipped; the service checks again under a lock.
        if term and begrip_dubbel(term=term, context=context, behalve=self.instance):
            self.add_error("term", DUBBEL_BEGRIP)
        return gegevens


class OndersteuningsvormTekstenForm(forms.ModelForm):
    meer_info_url = forms.URLField(
        label=_("Meer informatie (webadres)"),
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={"invalid": _("Vul een volledig webadres in, bv. https://www.vlaanderen.be/…")},
    )
    synoniemen = SynoniemenVeld(
        label=_("Synoniemen en schrijfwijzen"),
        required=False,
        help_text=_("Andere namen waarop mensen zoeken, één per regel, bv. ‘een gezin een plan’."),
    )

    class Meta:
        model = Ondersteuningsvorm
        fields = [
            "volledige_naam",
            "samenvatting",
            "voor_wie",
            "toegang_uitleg",
            "financier",
            "wettelijke_basis",
            "meer_info_url",
            "synoniemen",
        ]
        widgets = {
            "samenvatting": forms.Textarea(attrs={"rows": 6}),
            "voor_wie": forms.Textarea(attrs={"rows": 4}),
            "toegang_uitleg": forms.Textarea(attrs={"rows": 5}),
            "wettelijke_basis": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "samenvatting": {"required": _("Schrijf een korte samenvatting in eenvoudige taal.")},
        }


class VocabulariumwaardeForm(forms.Form):
    label = forms.CharField(
        label=_("Label"),
        max_length=120,
        error_messages={"required": _("Vul een label in.")},
    )
    code = forms.SlugField(
        label=_("Code"),
        max_length=60,
        required=False,
        help_text=_(
            "Vaste code voor de API en HSDS, bv. ‘jonge_kinderen’. Leeg laten: wordt gemaakt uit het label. "
            "Kan later niet meer wijzigen."
        ),
        error_messages={"invalid": _("Alleen kleine letters, cijfers, liggende streepjes (_) en koppeltekens.")},
    )
    uitleg = forms.CharField(label=_("Uitleg"), max_length=300, required=False)
    volgorde = forms.IntegerField(
        label=_("Volgorde"),
        min_value=0,
        max_value=32767,
        initial=0,
        help_text=_("Kleinere getallen staan eerst in de filters."),
        error_messages={"invalid": _("Vul een geheel getal in.")},
    )

    def __init__(self, *args, nieuw: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not nieuw:
            del self.fields["code"]
