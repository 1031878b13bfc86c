"""Workflows of the freshness round: checks, assignments, reports from the field, confirmation e-mails."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aanbod.beheer.actualiteit.selectie import maanden_terug
from aanbod.beheer.audit import log_beheeractie
from aanbod.models import (
    Aanbod,
    BevestigingAntwoord,
    Bevestigingsverzoek,
    Controle,
    ControleMethode,
    Eerstelijnszone,
    Organisatie,
    Suggestie,
    SuggestieSoort,
    SuggestieStatus,
)
from aanbod.models.suggestie import ANTWOORDTERMIJN

# Curators choose these; the other methods are recorded by the confirmation link and by redacteurs.
CURATOR_METHODES = (
    ControleMethode.TELEFOON,
    ControleMethode.EMAIL,
    ControleMethode.WEBSITE,
    ControleMethode.TER_PLAATSE,
)
MAX_PER_KEER = 200
AFGESLOTEN = (SuggestieStatus.AFGEHANDELD, SuggestieStatus.AFGEWEZEN)
BEVESTIGING_SALT = "aanbod.beheer.bevestiging"


def _ids(aanbod_ids: Iterable) -> list[int]:
    try:
        ids = sorted({int(i) for i in aanbod_ids})
    except (TypeError, ValueError):
        raise ValidationError(_("Ongeldige selectie.")) from None
    if not ids:
        raise ValidationError(_("Kies minstens één aanbod."))
    if len(ids) > MAX_PER_KEER:
        raise ValidationError(_("Kies hoogstens %(max)s aanbod tegelijk.") % {"max": MAX_PER_KEER})
    return ids


def _vergrendel_in_scope(ids: list[int], door) -> list[Aanbod]:
    """Lock the chosen rows, refusing the whole selection if one lies outside ``door``'s scope."""
    rijen = list(Aanbod.objects.beheerbaar_door(door).filter(pk__in=ids).select_for_update(of=("self",)).order_by("pk"))
    if len(rijen) != len(ids):
        raise ValidationError(_("Je kunt enkel aanbod van je eigen zones aanpassen."))
    return rijen


def _registreer_controles(rijen: list[Aanbod], *, door, methode: str, notitie: str, datum: dt.date) -> list[Controle]:
    """One Controle per locked row; move ``laatst_gecontroleerd_op`` forward, never back.

    Per-object ``save()`` rather than ``bulk_update_with_history``: the history of Aanbod snapshots its
    many-to-many fields on save, and a history row without them would make a later revert to it
    clear the target groups and area served. A round is bounded (MAX_PER_KEER), so this stays cheap.
    """
    controles = Controle.objects.bulk_create(
        [Controle(aanbod=a, datum=datum, methode=methode, notitie=notitie, door=door) for a in rijen]
    )
    for aanbod in rijen:
        if aanbod.laatst_gecontroleerd_op and aanbod.laatst_gecontroleerd_op > datum:
            continue  # a check recorded late: the newer one stays the newest
        aanbod.laatst_gecontroleerd_op = datum
        aanbod.laatst_gecontroleerd_door = door
        aanbod._history_user = door
        aanbod._change_reason = _("Gecontroleerd (%(methode)s)") % {"methode": ControleMethode(methode).label}
        aanbod.save(update_fields=["laatst_gecontroleerd_op", "laatst_gecontroleerd_door", "gewijzigd_op"])
    return controles


def aanbod_controleren(
    *, aanbod_ids: Iterable, door, methode: str, notitie: str = "", datum: dt.date | None = None
) -> list[Controle]:
    """Record that a curator checked these aanbod against reality, all or none.

    Invariant: every aanbod's ``laatst_gecontroleerd_op`` equals the date of its newest Controle (and
    ``laatst_gecontroleerd_door`` its author). An id outside ``door``'s scope refuses the whole
    selection and nothing is written.
    """
    ids = _ids(aanbod_ids)
    if methode not in CURATOR_METHODES:
        raise ValidationError({"methode": _("Kies hoe je het aanbod controleerde.")})
    datum = datum or timezone.localdate()
    if datum > timezone.localdate():
        raise ValidationError({"datum": _("Een controle kan niet in de toekomst liggen.")})
    notitie = (notitie or "").strip()
    if len(notitie) > 500:
        raise ValidationError({"notitie": _("Houd de notitie onder 500 tekens.")})
    with transaction.atomic():
        rijen = _vergrendel_in_scope(ids, door)
        controles = _registreer_controles(rijen, door=door, methode=methode, notitie=notitie, datum=datum)
        log_beheeractie(
            door=door,
            actie="aanbod_gecontroleerd",
            object=rijen[0] if len(rijen) == 1 else None,
            omschrijving=f"{len(rijen)} aanbod gecontroleerd ({methode}): " + ", ".join(str(a.pk) for a in rijen),
        )
    return controles


def is_curator_voor(gebruiker, aanbod_ids: list[int]) -> bool:
    return Aanbod.objects.beheerbaar_door(gebruiker).filter(pk__in=aanbod_ids).count() == len(aanbod_ids)


def aanbod_toewijzen(*, aanbod_ids: Iterable, aan, door) -> int:
    """Put aanbod on a curator's list (``aan``) or take it off (``aan=None``).

    Invariant: the assignee curates every chosen aanbod (is curator of one of its zones); the whole
    selection lies in ``door``'s scope. The assignment is working state, not content: no history row.
    """
    ids = _ids(aanbod_ids)
    if aan is not None and not (aan.is_active and is_curator_voor(aan, ids)):
        raise ValidationError({"aan": _("Die collega is geen curator van de zone van dit aanbod.")})
    with transaction.atomic():
        rijen = _vergrendel_in_scope(ids, door)
        aantal = Aanbod.objects.filter(pk__in=[a.pk for a in rijen]).update(toegewezen_aan=aan)
        log_beheeractie(
            door=door,
            actie="aanbod_toegewezen",
            omschrijving=f"{aantal} aanbod toegewezen aan {aan.get_username() if aan else '(niemand)'}: "
            + ", ".join(str(a.pk) for a in rijen),
        )
    return aantal


# --- Reports from the field -----------------------------------------------------------------------


def curatoren_voor_suggestie(suggestie: Suggestie):
    """Who may be assigned a report: the curators of its zone and of the zones its aanbod serves."""
    zones = Q(pk=suggestie.zone_id) if suggestie.zone_id else Q(pk__in=[])
    if suggestie.aanbod_id:
        zones |= Q(aanbod=suggestie.aanbod_id) | Q(gemeenten__aanbod=suggestie.aanbod_id)
    zone_ids = Eerstelijnszone.objects.filter(zones).values("pk")
    return (
        get_user_model()
        .objects.filter(curatorschappen__zone__in=zone_ids, is_active=True)
        .distinct()
        .order_by("first_name", "username")
    )


def suggestie_behandelen(
    *, suggestie: Suggestie, door, status: str, toegewezen_aan=None, antwoord: str = ""
) -> Suggestie:
    """Change a report's status, assignee and answer.

    Invariant: ``behandeld_op`` is set when the report is closed (afgehandeld/afgewezen) and cleared when
    it is reopened. When it closes with an answer and the reporter left an e-mail address, they get
    the answer by e-mail once, after the commit.
    """
    if status not in SuggestieStatus.values:
        raise ValidationError({"status": _("Onbekende status.")})
    antwoord = (antwoord or "").strip()
    with transaction.atomic():
        suggestie = Suggestie.objects.select_for_update().get(pk=suggestie.pk)
        if toegewezen_aan is not None and not curatoren_voor_suggestie(suggestie).filter(pk=toegewezen_aan.pk).exists():
            raise ValidationError({"toegewezen_aan": _("Die persoon is geen curator van deze zone.")})
        was_afgesloten = suggestie.status in AFGESLOTEN
        suggestie.status = status
        suggestie.toegewezen_aan = toegewezen_aan
        suggestie.antwoord = antwoord
        if status in AFGESLOTEN and not was_afgesloten:
            suggestie.behandeld_op = timezone.now()
            if suggestie.email and antwoord:
                _mail_antwoord(suggestie)
        elif status not in AFGESLOTEN:
            suggestie.behandeld_op = None
        suggestie.save(update_fields=["status", "toegewezen_aan", "antwoord", "behandeld_op"])
    return suggestie


def _mail_antwoord(suggestie: Suggestie) -> None:
    onderwerp = _("Antwoord op je melding aan de sociale kaart")
    tekst = render_to_string("beheer/actualiteit/mail_antwoord.txt", {"suggestie": suggestie})
    ontvanger = [suggestie.email]
    transaction.on_commit(
        lambda: send_mail(onderwerp, tekst, settings.DEFAULT_FROM_EMAIL, ontvanger, fail_silently=True)
    )


# --- Confirmation e-mails -------------------------------------------------------------------------


class LinkOngeldig(Exception):
    """A confirmation link that cannot be used; ``status`` is the HTTP status to answer with."""

    def __init__(self, tekst: str, status: int):
        super().__init__(tekst)
        self.tekst = tekst
        self.status = status


def bevestigingstoken(verzoek: Bevestigingsverzoek) -> str:
    return signing.TimestampSigner(salt=BEVESTIGING_SALT).sign(str(verzoek.sleutel))


def verzoek_voor_token(token: str) -> Bevestigingsverzoek:
    """The open request a link points to; LinkOngeldig when tampered with, expired or already used."""
    signer = signing.TimestampSigner(salt=BEVESTIGING_SALT)
    try:
        sleutel = signer.unsign(token, max_age=dt.timedelta(days=settings.BEVESTIGING_GELDIG_DAGEN))
    except signing.SignatureExpired:
        raise LinkOngeldig(_("Deze link is verlopen. Je krijgt binnenkort een nieuwe e-mail."), 410) from None
    except signing.BadSignature:
        raise LinkOngeldig(_("Deze link is niet geldig. Kopieer de volledige link uit de e-mail."), 400) from None
    verzoek = Bevestigingsverzoek.objects.select_related("organisatie").filter(sleutel=sleutel).first()
    if verzoek is None:
        raise LinkOngeldig(_("Deze link is niet geldig. Kopieer de volledige link uit de e-mail."), 400)
    if verzoek.beantwoord_op:
        raise LinkOngeldig(_("Deze link werd al gebruikt. Bedankt, we hebben je antwoord ontvangen."), 410)
    return verzoek


def _beantwoord(token: str, antwoord: str) -> Bevestigingsverzoek:
    verzoek = verzoek_voor_token(token)
    verzoek = Bevestigingsverzoek.objects.select_for_update().select_related("organisatie").get(pk=verzoek.pk)
    if verzoek.beantwoord_op:  # the same link clicked twice at once: the second one loses
        raise LinkOngeldig(_("Deze link werd al gebruikt. Bedankt, we hebben je antwoord ontvangen."), 410)
    verzoek.beantwoord_op = timezone.now()
    verzoek.antwoord = antwoord
    verzoek.save(update_fields=["beantwoord_op", "antwoord"])
    return verzoek


@transaction.atomic
def bevestiging_klopt(*, token: str) -> Bevestigingsverzoek:
    """'Alles klopt nog': one Controle (bevestigingslink) for every visible aanbod of the organisation.

    Invariant: works once per request and only within BEVESTIGING_GELDIG_DAGEN; a refused link writes
    nothing.
    """
    verzoek = _beantwoord(token, BevestigingAntwoord.KLOPT)
    rijen = list(
        Aanbod.objects.zichtbaar()
        .filter(organisatie=verzoek.organisatie)
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    _registreer_controles(
        rijen,
        door=None,
        methode=ControleMethode.BEVESTIGINGSLINK,
        notitie=_("Bevestigd door de organisatie via de link in de e-mail."),
        datum=timezone.localdate(),
    )
    return verzoek


@transaction.atomic
def bevestiging_aanpassen(*, token: str, aanbod: Aanbod, beschrijving: str) -> Suggestie:
    """'Aanpassen': the organisation describes what changed; a report lands in the zone's inbox."""
    from aanbod.views import zone_van

    verzoek = _beantwoord(token, BevestigingAntwoord.AANPASSEN)
    if aanbod.organisatie_id != verzoek.organisatie_id:
        raise ValidationError({"aanbod": _("Kies een aanbod van je eigen organisatie.")})
    return Suggestie.objects.create(
        soort=SuggestieSoort.FOUT,
        aanbod=aanbod,
        zone=zone_van(aanbod),
        beschrijving=beschrijving,
        email=verzoek.email,
        antwoord_uiterlijk=timezone.localdate() + ANTWOORDTERMIJN,
    )


def organisaties_te_bevestigen():
    """Active organisations with an e-mail address and visible aanbod, not asked in the last interval."""
    vandaag = timezone.localdate()
    grens = timezone.now() - (vandaag - maanden_terug(vandaag, settings.BEVESTIGING_INTERVAL_MAANDEN))
    return (
        Organisatie.objects.actief()
        .exclude(email="")
        .filter(Exists(Aanbod.objects.zichtbaar().filter(organisatie=OuterRef("pk"))))
        .annotate(laatste_verzoek=Max("bevestigingsverzoeken__verstuurd_op"))
        .filter(Q(laatste_verzoek__isnull=True) | Q(laatste_verzoek__lt=grens))
        .order_by("pk")
    )


def bevestiging_versturen(*, organisatie: Organisatie, door=None) -> Bevestigingsverzoek:
    """Create one confirmation request and send its e-mail; if sending fails, nothing stays recorded.

    The mail is sent inside the transaction on purpose: a request whose e-mail never left must not
    count as sent, so the next run retries it.
    """
    with transaction.atomic():
        verzoek = Bevestigingsverzoek.objects.create(
            organisatie=organisatie, email=organisatie.email, verstuurd_door=door
        )
        token = bevestigingstoken(verzoek)
        basis = settings.BASIS_URL.rstrip("/")
        context = {
            "organisatie": organisatie,
            "aanbod": organisatie.aanbod.zichtbaar().order_by("naam"),
            "link_klopt": basis + reverse("beheer:bevestigen", args=[token]),
            "link_aanpassen": basis + reverse("beheer:bevestigen_aanpassen", args=[token]),
            "basis": basis,
            "geldig_dagen": settings.BEVESTIGING_GELDIG_DAGEN,
        }
        send_mail(
            _("Klopt uw aanbod op de sociale kaart nog?"),
            render_to_string("beheer/actualiteit/mail_bevestiging.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [organisatie.email],
        )
    return verzoek
