"""Forms of the referral pages: the wizard steps, a transition, a message and feedback.

Forms only parse and check input; every change goes through :mod:`doorverwijzing.services`.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from aanbod.models import Gemeente, Organisatie
from doorverwijzing.constants import (
    ACTIE_NAAR_STATUS,
    REDEN_VERPLICHT,
    Contactwijze,
    Grond,
    Reden,
    Status,
    ToestemmingsVorm,
    Uitkomst,
    Urgentie,
)

VIER_VOORWAARDEN = ("beiden_beroepsgeheim", "zelfde_persoon", "gedeeld_doel", "persoon_geinformeerd")


class DatumInvoer(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ToestemmingForm(forms.Form):
    """Step 2: the legal basis for sharing (and, for people in several organisations, on whose behalf)."""

    TOESTEMMING_VELDEN = ("vorm", "door_vertegenwoordiger", "vertegenwoordiger", "bevestigd_door_verwijzer")
    VIER_VOORWAARDEN = VIER_VOORWAARDEN

    organisatie = forms.ModelChoiceField(
        label=_("Namens welke organisatie verwijs je door?"),
        queryset=Organisatie.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    grond = forms.ChoiceField(
        label=_("Op welke grond deel je gegevens?"),
        choices=Grond.choices,
        widget=forms.RadioSelect,
        help_text=_("Kies geïnformeerde toestemming, of gedeeld beroepsgeheim als alle vier de voorwaarden kloppen."),
    )
    vorm = forms.ChoiceField(
        label=_("Hoe gaf de persoon toestemming?"),
        choices=ToestemmingsVorm.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Alleen bij toestemming."),
    )
    door_vertegenwoordiger = forms.BooleanField(
        label=_("De toestemming kwam van een vertegenwoordiger"), required=False
    )
    vertegenwoordiger = forms.CharField(label=_("Naam en rol van de vertegenwoordiger"), max_length=150, required=False)
    bevestigd_door_verwijzer = forms.BooleanField(
        label=_("Ik bevestig dat de persoon (of de vertegenwoordiger) toestemming gaf"), required=False
    )
    beiden_beroepsgeheim = forms.BooleanField(label=_("Beide hulpverleners hebben beroepsgeheim"), required=False)
    zelfde_persoon = forms.BooleanField(label=_("We helpen dezelfde persoon"), required=False)
    gedeeld_doel = forms.BooleanField(label=_("We delen enkel wat nodig is voor een gedeeld doel"), required=False)
    persoon_geinformeerd = forms.BooleanField(
        label=_("De persoon weet dat we dit delen en heeft geen bezwaar"), required=False
    )
    reikwijdte = forms.CharField(
        label=_("Wat mag gedeeld worden?"),
        max_length=500,
        help_text=_("Bijvoorbeeld: contactgegevens en de hulpvraag."),
    )
    gegeven_op = forms.DateField(label=_("Datum van de toestemming"), widget=DatumInvoer())

    def __init__(self, *args, organisaties=None, **kwargs):
        super().__init__(*args, **kwargs)
        organisaties = organisaties if organisaties is not None else Organisatie.objects.none()
        self.fields["organisatie"].queryset = organisaties
        self._enige_organisatie = organisaties[0] if len(organisaties) == 1 else None
        if self._enige_organisatie:
            # One organisation: nothing to choose, so no question on the page.
            self.fields["organisatie"].widget = forms.HiddenInput()
            self.fields["organisatie"].required = False
            self.fields["organisatie"].initial = self._enige_organisatie.pk
        if not self.is_bound:
            self.fields["gegeven_op"].initial = timezone.localdate()

    def clean_organisatie(self):
        return self.cleaned_data["organisatie"] or self._enige_organisatie

    def clean_gegeven_op(self):
        datum = self.cleaned_data["gegeven_op"]
        if datum > timezone.localdate():
            raise forms.ValidationError(_("De datum kan niet in de toekomst liggen."))
        return datum

    def clean(self):
        data = super().clean()
        grond = data.get("grond")
        if grond == Grond.TOESTEMMING:
            if not data.get("vorm"):
                self.add_error("vorm", _("Kies of de toestemming schriftelijk of mondeling was."))
            if not data.get("bevestigd_door_verwijzer"):
                self.add_error("bevestigd_door_verwijzer", _("Bevestig dat de persoon toestemming gaf."))
            if data.get("door_vertegenwoordiger") and not (data.get("vertegenwoordiger") or "").strip():
                self.add_error("vertegenwoordiger", _("Vul de naam en rol van de vertegenwoordiger in."))
        elif grond == Grond.GEDEELD_BEROEPSGEHEIM:
            for naam in VIER_VOORWAARDEN:
                if not data.get(naam):
                    self.add_error(naam, _("Gedeeld beroepsgeheim kan alleen als deze voorwaarde klopt."))
        return data

    def toestemming_velden(self) -> dict:
        """The cleaned data as keyword arguments for ``toestemming_vastleggen``."""
        data = self.cleaned_data
        toestemming = data["grond"] == Grond.TOESTEMMING
        return {
            "grond": data["grond"],
            "vorm": data["vorm"] if toestemming else "",
            "door_vertegenwoordiger": toestemming and data["door_vertegenwoordiger"],
            "vertegenwoordiger": data["vertegenwoordiger"] if toestemming and data["door_vertegenwoordiger"] else "",
            "bevestigd_door_verwijzer": toestemming and data["bevestigd_door_verwijzer"],
            **{naam: not toestemming and data[naam] for naam in VIER_VOORWAARDEN},
            "reikwijdte": data["reikwijdte"],
            "gegeven_op": data["gegeven_op"],
        }


class PersoonForm(forms.Form):
    """Step 3: only what the receiver needs to make contact."""

    naam = forms.CharField(
        label=_("Naam of initialen"),
        max_length=100,
        help_text=_("Initialen volstaan als de ontvanger de persoon via jou of via het telefoonnummer vindt."),
    )
    geboortejaar = forms.IntegerField(
        label=_("Geboortejaar"),
        required=False,
        min_value=1900,
        help_text=_("Alleen als het aanbod een leeftijdsgrens heeft. Geen volledige geboortedatum."),
    )
    gemeente = forms.ModelChoiceField(
        label=_("Woonplaats"),
        queryset=Gemeente.objects.vlaams_of_brussels().order_by("naam"),
        required=False,
        empty_label=_("(niet nodig)"),
        help_text=_("Enkel de gemeente, geen adres."),
    )
    contactwijze = forms.ChoiceField(label=_("Hoe mag de ontvanger contact opnemen?"), choices=Contactwijze.choices)
    contactgegevens = forms.CharField(
        label=_("Telefoon of e-mail"),
        max_length=150,
        required=False,
        help_text=_("Nodig bij contact per telefoon of e-mail."),
    )
    contactmomenten = forms.CharField(label=_("Wanneer is de persoon bereikbaar?"), max_length=200, required=False)
    tolk_nodig = forms.BooleanField(label=_("Er is een tolk nodig"), required=False)
    tolk_taal = forms.CharField(label=_("Taal van de tolk"), max_length=50, required=False)

    def clean_geboortejaar(self):
        jaar = self.cleaned_data["geboortejaar"]
        if jaar is not None and jaar > timezone.localdate().year:
            raise forms.ValidationError(_("Dit geboortejaar ligt in de toekomst."))
        return jaar

    def clean(self):
        data = super().clean()
        if (
            data.get("contactwijze") in (Contactwijze.TELEFOON, Contactwijze.EMAIL)
            and not (data.get("contactgegevens") or "").strip()
        ):
            self.add_error("contactgegevens", _("Vul een telefoonnummer of e-mailadres in."))
        if data.get("tolk_nodig") and not (data.get("tolk_taal") or "").strip():
            self.add_error("tolk_taal", _("Vul de taal in waarvoor een tolk nodig is."))
        return data


class VraagForm(forms.Form):
    """Step 4: the question, its urgency and for whom it is."""

    VOOR_PERSOON = "persoon"
    VOOR_MANTELZORGER = "mantelzorger"
    NAMENS_ZORGVRAGER = "namens"

    vraag = forms.CharField(
        label=_("Hulpvraag"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Beschrijf de vraag zo dat de persoon het verhaal niet opnieuw hoeft te doen. Geen diagnoses."),
    )
    urgentie = forms.ChoiceField(label=_("Urgentie"), choices=Urgentie.choices, initial=Urgentie.GEWOON)
    reeds_geprobeerd = forms.CharField(
        label=_("Wat werd al geprobeerd?"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    voor_wie = forms.ChoiceField(
        label=_("Voor wie is de doorverwijzing?"),
        choices=[
            (VOOR_PERSOON, _("Voor de persoon zelf")),
            (VOOR_MANTELZORGER, _("Voor de mantelzorger zelf")),
            (NAMENS_ZORGVRAGER, _("Door de mantelzorger, namens de persoon voor wie gezorgd wordt")),
        ],
        initial=VOOR_PERSOON,
        widget=forms.RadioSelect,
    )
    mandaat = forms.CharField(
        label=_("Mandaat"),
        max_length=300,
        required=False,
        help_text=_("Waarom mag de mantelzorger namens de persoon spreken? Bijvoorbeeld: bewindvoerder, volmacht."),
    )

    def clean(self):
        data = super().clean()
        if data.get("voor_wie") == self.NAMENS_ZORGVRAGER and not (data.get("mandaat") or "").strip():
            self.add_error("mandaat", _("Beschrijf het mandaat van de mantelzorger."))
        return data


class OvergangForm(forms.Form):
    """One transition: only the fields its target status needs, plus the status the user saw."""

    verwachte_status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    reden = forms.ChoiceField(label=_("Reden"), choices=[("", "---------"), *Reden.choices])
    toelichting = forms.CharField(
        label=_("Toelichting"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij de reden 'andere'."),
    )
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=[("", "---------"), *Uitkomst.choices])
    verwachte_start = forms.DateField(label=_("Verwachte start"), required=False, widget=DatumInvoer())
    overbruggingsplan = forms.CharField(
        label=_("Overbruggingsplan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat kan de persoon doen tijdens het wachten?"),
    )
    overbrugging_door = forms.CharField(
        label=_("Wie blijft in contact met de persoon?"), max_length=200, required=False
    )

    def __init__(self, *args, actie: str, **kwargs):
        super().__init__(*args, **kwargs)
        naar = ACTIE_NAAR_STATUS[actie]
        if naar not in REDEN_VERPLICHT:
            del self.fields["reden"]
        if naar == Status.COMPLETED or naar == Status.ENTERED_IN_ERROR:
            self.fields["toelichting"].help_text = ""
        elif naar not in REDEN_VERPLICHT:
            del self.fields["toelichting"]
        if naar != Status.COMPLETED:
            del self.fields["uitkomst"]
        if naar != Status.ON_HOLD:
            for naam in ("verwachte_start", "overbruggingsplan", "overbrugging_door"):
                del self.fields[naam]

    def clean(self):
        data = super().clean()
        if data.get("reden") == Reden.ANDERE and not (data.get("toelichting") or "").strip():
            self.add_error("toelichting", _("Licht de reden 'andere' toe."))
        return data

    def service_velden(self) -> dict:
        return dict(self.cleaned_data)


class BerichtForm(forms.Form):
    # Prefixed: the message and the feedback form share the referral's page (unique ids).
    prefix = "bericht"

    tekst = forms.CharField(label=_("Bericht"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))


class TerugkoppelingForm(forms.Form):
    prefix = "terugkoppeling"

    tekst = forms.CharField(label=_("Terugkoppeling"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    persoon_gecontacteerd = forms.BooleanField(label=_("De persoon werd gecontacteerd"), required=False)
    volgende_stap = forms.CharField(label=_("Volgende stap"), max_length=300, required=False)
