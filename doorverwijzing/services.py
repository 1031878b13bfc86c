"""Workflows of a referral. Every change of status goes through :func:`doorverwijzing_overgang`.

Each service keeps its invariant inside one transaction: the referral row is locked and re-read, the
transition table is checked, the change and its event are written together, and notifications leave
only after the commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aanbod.models import Aanbod, Organisatie
from doorverwijzing.constants import (
    ACTIE_DOOR,
    ACTIE_NAAR_STATUS,
    AFGESLOTEN,
    REDEN_VERPLICHT,
    TOEGESTANE_OVERGANGEN,
    GebeurtenisSoort,
    Reden,
    Status,
    Uitkomst,
)
from doorverwijzing.models import Bericht, Doorverwijzing, Gebeurtenis, Inzage, Melding, Terugkoppeling, Toestemming


class DoorverwijzingFout(Exception):
    """The one domain error of referrals; ``veld`` names the input it is about, if any."""

    code = "ongeldig"

    def __init__(self, melding: str, *, veld: str | None = None):
        super().__init__(melding)
        self.melding = melding
        self.veld = veld


class OngeldigeOvergang(DoorverwijzingFout):
    code = "ongeldige_overgang"

    def __init__(self, melding: str, toegestaan: list[str]):
        super().__init__(melding)
        self.toegestaan = toegestaan


class AlGewijzigd(DoorverwijzingFout):
    code = "al_gewijzigd"


class GeenRecht(DoorverwijzingFout):
    code = "geen_recht"


def organisatie_ids(user) -> frozenset[int]:
    """The organisations ``user`` works for, read once per user object.

    Kept on the object as Django's ``ModelBackend`` keeps its permission cache: a web or API request
    loads a fresh user, so within one request every role check after the first is free (a transition
    asked four times, each a round trip).
    """
    try:
        return user._organisatie_ids
    except AttributeError:
        user._organisatie_ids = frozenset(user.medewerkerschappen.values_list("organisatie_id", flat=True))
        return user._organisatie_ids


def rollen(user, doorverwijzing: Doorverwijzing) -> set[str]:
    """'verwijzer' and/or 'ontvanger': the sides of the referral the user works for."""
    organisaties = organisatie_ids(user)
    gevonden = set()
    if doorverwijzing.verwijzer_organisatie_id in organisaties:
        gevonden.add("verwijzer")
    if doorverwijzing.ontvanger_organisatie_id in organisaties and doorverwijzing.status != Status.DRAFT:
        gevonden.add("ontvanger")  # a draft does not exist yet for the receiving side
    return gevonden


def toegestane_acties(user, doorverwijzing: Doorverwijzing) -> list[str]:
    """The actions this user may take now (one button each on the referral's page)."""
    mijn = rollen(user, doorverwijzing)
    volgende = TOEGESTANE_OVERGANGEN[doorverwijzing.status]
    return [actie for actie, naar in ACTIE_NAAR_STATUS.items() if naar in volgende and ACTIE_DOOR[actie] & mijn]


def _gebeurtenis(doorverwijzing, door, soort, **velden) -> Gebeurtenis:
    return Gebeurtenis.objects.create(doorverwijzing=doorverwijzing, actor=door, soort=soort, **velden)


def leden_van(organisatie_id: int):
    """The active users who work for an organisation (who get its notifications)."""
    return get_user_model().objects.filter(medewerkerschappen__organisatie_id=organisatie_id, is_active=True).distinct()


def _meld(doorverwijzing: Doorverwijzing, organisatie_id: int, door) -> None:
    """Tell the members of one side that something changed: in the app and by e-mail, without any
    personal content, after the commit (no mail about a change that was rolled back)."""
    tekst = _("Er is een update over een doorverwijzing.")
    # Only what a notification and its e-mail need, not every column of every member.
    ontvangers = list(leden_van(organisatie_id).exclude(pk=getattr(door, "pk", None)).only("email"))
    Melding.objects.bulk_create([Melding(user=u, doorverwijzing=doorverwijzing, tekst=tekst) for u in ontvangers])
    pad = reverse("doorverwijzing:detail", args=[doorverwijzing.uuid])
    link = settings.BASIS_URL.rstrip("/") + pad
    berichten = [
        (_("Update over een doorverwijzing"), f"{tekst}\n\n{link}\n", settings.DEFAULT_FROM_EMAIL, [u.email])
        for u in ontvangers
        if u.email
    ]
    if berichten:
        transaction.on_commit(lambda: send_mass_mail(berichten, fail_silently=True))


def _andere_kant(door, doorverwijzing: Doorverwijzing) -> int:
    """The organisation to notify: the receiver when the referrer acts, else the referrer."""
    if "verwijzer" in rollen(door, doorverwijzing):
        return doorverwijzing.ontvanger_organisatie_id
    return doorverwijzing.verwijzer_organisatie_id


@dataclass
class Persoon:
    naam: str
    contactwijze: str
    geboortejaar: int | None = None
    gemeente_id: int | None = None
    contactgegevens: str = ""
    contactmomenten: str = ""
    tolk_nodig: bool = False
    tolk_taal: str = ""


@transaction.atomic
def doorverwijzing_aanmaken(
    *,
    door,
    organisatie: Organisatie,
    aanbod: Aanbod,
    persoon: Persoon,
    vraag: str,
    urgentie: str = "gewoon",
    reeds_geprobeerd: str = "",
    voor_mantelzorger: bool = False,
    mandaat: str = "",
    contactpersoon: str = "",
) -> Doorverwijzing:
    """Create a draft referral. The referrer must work for the sending organisation."""
    if not door.medewerkerschappen.filter(organisatie=organisatie).exists():
        raise GeenRecht(_("Je kunt enkel doorverwijzen namens je eigen organisatie."))
    doorverwijzing = Doorverwijzing.objects.create(
        verwijzer=door,
        verwijzer_organisatie=organisatie,
        aanbod=aanbod,
        ontvanger_organisatie_id=aanbod.organisatie_id,
        contactpersoon=contactpersoon or aanbod.contactpersoon,
        persoon_naam=persoon.naam,
        persoon_geboortejaar=persoon.geboortejaar,
        persoon_gemeente_id=persoon.gemeente_id,
        contactwijze=persoon.contactwijze,
        contactgegevens=persoon.contactgegevens,
        contactmomenten=persoon.contactmomenten,
        tolk_nodig=persoon.tolk_nodig,
        tolk_taal=persoon.tolk_taal,
        voor_mantelzorger=voor_mantelzorger,
        mandaat=mandaat,
        vraag=vraag,
        urgentie=urgentie,
        reeds_geprobeerd=reeds_geprobeerd,
    )
    _gebeurtenis(doorverwijzing, door, GebeurtenisSoort.AANGEMAAKT, naar_status=Status.DRAFT)
    return doorverwijzing


@transaction.atomic
def toestemming_vastleggen(*, doorverwijzing: Doorverwijzing, door, **velden) -> Toestemming:
    """Record (or replace, while still a draft) the legal basis for sharing."""
    doorverwijzing = Doorverwijzing.objects.select_for_update().get(pk=doorverwijzing.pk)
    if "verwijzer" not in rollen(door, doorverwijzing):
        raise GeenRecht(_("Enkel de verwijzer legt de toestemming vast."))
    if doorverwijzing.status != Status.DRAFT:
        raise DoorverwijzingFout(_("De toestemming kan enkel bij een concept nog veranderen."))
    Toestemming.objects.filter(doorverwijzing=doorverwijzing).delete()
    toestemming = Toestemming(doorverwijzing=doorverwijzing, **velden)
    try:
        toestemming.full_clean(exclude=["doorverwijzing"])
    except ValidationError as fout:
        veld = next(iter(fout.message_dict), None) if hasattr(fout, "error_dict") else None
        raise DoorverwijzingFout(" ".join(fout.messages), veld=None if veld == "__all__" else veld) from fout
    toestemming.save()
    return toestemming


@transaction.atomic
def toestemming_intrekken(*, doorverwijzing: Doorverwijzing, door, toelichting: str = "") -> None:
    """Withdrawal stops further sharing: an open referral is cancelled; the withdrawal is logged."""
    doorverwijzing = Doorverwijzing.objects.select_for_update().get(pk=doorverwijzing.pk)
    if "verwijzer" not in rollen(door, doorverwijzing):
        raise GeenRecht(_("Enkel de verwijzer trekt de toestemming in."))
    toestemming = Toestemming.objects.select_for_update().get(doorverwijzing=doorverwijzing)
    toestemming.ingetrokken_op = timezone.now()
    toestemming.save(update_fields=["ingetrokken_op"])
    _gebeurtenis(doorverwijzing, door, GebeurtenisSoort.TOESTEMMING_INGETROKKEN, toelichting=toelichting)
    if doorverwijzing.status not in AFGESLOTEN:
        doorverwijzing_overgang(
            doorverwijzing=doorverwijzing,
            actie="annuleren",
            door=door,
            reden=Reden.PERSOON_WEIGERT,
            toelichting=_("Toestemming ingetrokken."),
        )


def doorverwijzing_overgang(
    *,
    doorverwijzing: Doorverwijzing,
    actie: str,
    door,
    verwachte_status: str | None = None,
    reden: str = "",
    toelichting: str = "",
    uitkomst: str = "",
    verwachte_start: dt.date | None = None,
    overbruggingsplan: str = "",
    overbrugging_door: str = "",
    vergrendeld: bool = False,
) -> Doorverwijzing:
    """Move a referral to the status of ``actie``, if the transition table and the roles allow it.

    Invariants: exactly one of two concurrent actors wins (row lock + ``verwachte_status``); a reason
    from the controlled list is given for rejected / on-hold / failed / cancelled; an outcome on
    completion; a bridging plan on the waiting list; nothing is sent without a valid legal basis.

    ``vergrendeld=True``: the caller read ``doorverwijzing`` with ``select_for_update()`` inside the
    transaction it holds open, so the row is not read a second time and this becomes part of that
    transaction (no savepoint: a failure here rolls back the caller's whole transaction).
    """
    if actie not in ACTIE_NAAR_STATUS:
        raise DoorverwijzingFout(_("Onbekende actie."), veld="actie")
    if vergrendeld and not transaction.get_connection().in_atomic_block:
        raise RuntimeError("vergrendeld=True vraagt de rij vergrendeld in een open transactie.")
    naar = ACTIE_NAAR_STATUS[actie]
    with transaction.atomic(savepoint=not vergrendeld):
        if vergrendeld:
            huidig = doorverwijzing
        else:
            huidig = Doorverwijzing.objects.select_for_update().get(pk=doorverwijzing.pk)
        if not ACTIE_DOOR[actie] & rollen(door, huidig):
            raise GeenRecht(_("Deze actie hoort bij de andere kant van de doorverwijzing."))
        if verwachte_status and huidig.status != verwachte_status:
            laatste = huidig.gebeurtenissen.filter(soort=GebeurtenisSoort.OVERGANG).select_related("actor").last()
            wie = (laatste.actor.get_full_name() or laatste.actor.get_username()) if laatste and laatste.actor else "?"
            raise AlGewijzigd(
                _("Deze doorverwijzing is al gewijzigd door %(wie)s: de status is nu '%(status)s'.")
                % {"wie": wie, "status": huidig.get_status_display()}
            )
        if naar not in TOEGESTANE_OVERGANGEN[huidig.status]:
            toegestaan = [a for a, s in ACTIE_NAAR_STATUS.items() if s in TOEGESTANE_OVERGANGEN[huidig.status]]
            raise OngeldigeOvergang(
                _("Van '%(van)s' kan een doorverwijzing niet naar '%(naar)s'.")
                % {"van": huidig.get_status_display(), "naar": Status(naar).label},
                toegestaan,
            )
        _controleer_invoer(huidig, naar, reden, toelichting, uitkomst, overbruggingsplan)

        van = huidig.status
        nu = timezone.now()
        huidig.status = naar
        huidig.status_reden = reden if naar in REDEN_VERPLICHT else ""
        huidig.status_toelichting = toelichting
        velden = ["status", "status_reden", "status_toelichting", "gewijzigd_op"]
        if naar == Status.COMPLETED:
            huidig.uitkomst = uitkomst
            velden.append("uitkomst")
        if naar == Status.ON_HOLD:
            huidig.verwachte_start, huidig.overbruggingsplan = verwachte_start, overbruggingsplan
            huidig.overbrugging_door = overbrugging_door
            velden += ["verwachte_start", "overbruggingsplan", "overbrugging_door"]
        if naar == Status.REQUESTED:
            huidig.verstuurd_op = nu
            velden.append("verstuurd_op")
        if van == Status.REQUESTED and "ontvanger" in ACTIE_DOOR[actie] and huidig.eerste_reactie_op is None:
            huidig.eerste_reactie_op = nu
            velden.append("eerste_reactie_op")
        if naar in AFGESLOTEN:
            huidig.afgesloten_op = nu
            velden.append("afgesloten_op")
        if naar == Status.ACCEPTED and huidig.behandelaar_id is None and "ontvanger" in rollen(door, huidig):
            huidig.behandelaar = door
            velden.append("behandelaar")
        huidig.save(update_fields=velden)
        _gebeurtenis(
            huidig,
            door,
            GebeurtenisSoort.OVERGANG,
            van_status=van,
            naar_status=naar,
            reden=huidig.status_reden,
            toelichting=toelichting,
        )
        andere_kant = (
            huidig.ontvanger_organisatie_id if "verwijzer" in rollen(door, huidig) else huidig.verwijzer_organisatie_id
        )
        _meld(huidig, andere_kant, door)
    return huidig


def _controleer_invoer(huidig, naar, reden, toelichting, uitkomst, overbruggingsplan) -> None:
    if naar in REDEN_VERPLICHT:
        if reden not in Reden.values:
            raise DoorverwijzingFout(_("Kies een reden."), veld="reden")
        if reden == Reden.ANDERE and not toelichting.strip():
            raise DoorverwijzingFout(_("Licht de reden 'andere' toe."), veld="toelichting")
    if naar == Status.COMPLETED and uitkomst not in Uitkomst.values:
        raise DoorverwijzingFout(_("Kies een uitkomst."), veld="uitkomst")
    if naar == Status.ON_HOLD and not overbruggingsplan.strip():
        raise DoorverwijzingFout(
            _("Beschrijf wat de persoon kan doen tijdens het wachten (overbruggingsplan)."), veld="overbruggingsplan"
        )
    if naar == Status.REQUESTED:
        toestemming = Toestemming.objects.filter(doorverwijzing=huidig).first()
        if toestemming is None or not toestemming.geldig:
            raise DoorverwijzingFout(
                _("Leg eerst de toestemming of de voorwaarden van gedeeld beroepsgeheim vast."), veld="toestemming"
            )


@transaction.atomic
def bericht_sturen(*, doorverwijzing: Doorverwijzing, door, tekst: str) -> Bericht:
    doorverwijzing = Doorverwijzing.objects.select_for_update().get(pk=doorverwijzing.pk)
    kanten = rollen(door, doorverwijzing)
    if not kanten:
        raise GeenRecht(_("Je werkt niet voor een van beide organisaties."))
    if not tekst.strip():
        raise DoorverwijzingFout(_("Schrijf een bericht."), veld="tekst")
    organisatie_id = (
        doorverwijzing.verwijzer_organisatie_id if "verwijzer" in kanten else doorverwijzing.ontvanger_organisatie_id
    )
    bericht = Bericht.objects.create(
        doorverwijzing=doorverwijzing, auteur=door, organisatie_id=organisatie_id, tekst=tekst.strip()
    )
    _gebeurtenis(doorverwijzing, door, GebeurtenisSoort.BERICHT)
    if "ontvanger" in kanten:
        _eerste_reactie(doorverwijzing)
    _meld(doorverwijzing, _andere_kant(door, doorverwijzing), door)
    return bericht


@transaction.atomic
def terugkoppeling_geven(
    *, doorverwijzing: Doorverwijzing, door, tekst: str, persoon_gecontacteerd: bool, volgende_stap: str = ""
) -> Terugkoppeling:
    """Feedback from the receiving side to the referrer."""
    doorverwijzing = Doorverwijzing.objects.select_for_update().get(pk=doorverwijzing.pk)
    if "ontvanger" not in rollen(door, doorverwijzing):
        raise GeenRecht(_("Terugkoppeling komt van de ontvangende organisatie."))
    if not tekst.strip():
        raise DoorverwijzingFout(_("Schrijf de terugkoppeling."), veld="tekst")
    terugkoppeling = Terugkoppeling.objects.create(
        doorverwijzing=doorverwijzing,
        auteur=door,
        tekst=tekst.strip(),
        persoon_gecontacteerd=persoon_gecontacteerd,
        volgende_stap=volgende_stap,
    )
    _gebeurtenis(doorverwijzing, door, GebeurtenisSoort.TERUGKOPPELING)
    _eerste_reactie(doorverwijzing)
    _meld(doorverwijzing, doorverwijzing.verwijzer_organisatie_id, door)
    return terugkoppeling


@transaction.atomic
def terugkoppeling_vragen(*, doorverwijzing: Doorverwijzing, door) -> None:
    """An explicit request from the referrer to hear back."""
    doorverwijzing = Doorverwijzing.objects.select_for_update().get(pk=doorverwijzing.pk)
    if "verwijzer" not in rollen(door, doorverwijzing):
        raise GeenRecht(_("Enkel de verwijzer vraagt terugkoppeling."))
    _gebeurtenis(doorverwijzing, door, GebeurtenisSoort.TERUGKOPPELING_GEVRAAGD)
    _meld(doorverwijzing, doorverwijzing.ontvanger_organisatie_id, door)


def _eerste_reactie(doorverwijzing: Doorverwijzing) -> None:
    """A message or feedback from the receiver is a first response too (for reminders and statistics)."""
    Doorverwijzing.objects.filter(pk=doorverwijzing.pk, eerste_reactie_op__isnull=True).exclude(
        status=Status.DRAFT
    ).update(eerste_reactie_op=timezone.now())


def inzage_registreren(*, doorverwijzing: Doorverwijzing, door, via: str = "web") -> None:
    """Log every opening; the receiver's first opening of a sent referral is its 'first opened' time."""
    Inzage.objects.create(doorverwijzing=doorverwijzing, user=door, via=via)
    if (
        doorverwijzing.eerst_geopend_op is None
        and doorverwijzing.status == Status.REQUESTED
        and "ontvanger" in rollen(door, doorverwijzing)
    ):
        Doorverwijzing.objects.filter(pk=doorverwijzing.pk, eerst_geopend_op__isnull=True).update(
            eerst_geopend_op=timezone.now()
        )
