"""Organisations keep their own data: direct edits, proposals for critical fields, history and revert.

Every write here runs in one transaction on a locked aanbod row and leaves exactly one history record
(``Aanbod.historiek``, django-simple-history, docs/adr/0004-historiek.md) with who, when and why. The
automatic records of simple-history are switched off while a service writes (a ``save()`` plus six
``.set()`` calls would leave up to thirteen half-states), and one record with all many-to-many values
is written at the end instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aanbod.beheer.audit import log_beheeractie
from aanbod.beheer.voorstellen.weergave import veldlabel
from aanbod.historiek import leg_basislijn_vast, leg_historiek_vast
from aanbod.models import Aanbod, Voorstel, VoorstelStatus

# The fields a redacteur or curator edits on the edit page, in the order of the form.
BEWERKBARE_VELDEN: tuple[str, ...] = (
    "naam",
    "beschrijving",
    "ondersteuningsvorm",
    "doelgroepen",
    "levensdomeinen",
    "themas",
    "leeftijd_min",
    "leeftijd_max",
    "toegangswegen",
    "aanmelding",
    "meebrengen",
    "kostprijs",
    "kostprijs_toelichting",
    "talen",
    "werkvormen",
    "werkingsgebied_vlaanderen",
    "werkingsgebied_zones",
    "werkingsgebied_gemeenten",
    "contactpersoon",
    "contactpersoon_functie",
    "telefoon",
    "email",
    "website",
    "openingsuren_toelichting",
)

# Critical fields decide whether a professional sends someone to this aanbod and how that person gets
# in: who it is for (target groups, ages), where residents are served (werkingsgebied), how to
# reach it (phone, e-mail, intake route, access routes), what it costs and what it is (name,
# concept). A wrong value here sends a vulnerable person to the wrong door, so a curator of the zone
# checks it first. Descriptions, languages, opening-hour notes and the like only inform and
# publish at once; capacity publishes at once because it must be current to be of any use.
KRITIEKE_VELDEN: frozenset[str] = frozenset(
    {
        "naam",
        "ondersteuningsvorm",
        "doelgroepen",
        "toegangswegen",
        "leeftijd_min",
        "leeftijd_max",
        "kostprijs",
        "werkingsgebied_vlaanderen",
        "werkingsgebied_zones",
        "werkingsgebied_gemeenten",
        "telefoon",
        "email",
        "aanmelding",
    }
)

# What a revert restores: the content of the record. Capacity, check dates and the assignee are
# facts about today, not content; restoring an old "plaats vrij" would publish a falsehood.
TERUGZETBARE_VELDEN: tuple[str, ...] = (*BEWERKBARE_VELDEN, "status")


def _veld(naam: str):
    return Aanbod._meta.get_field(naam)


def huidige_waarde(aanbod: Aanbod, veld: str) -> Any:
    """The JSON form of a field's current value: pks for relations, sorted lists for many-valued fields."""
    f = _veld(veld)
    if f.many_to_many:
        return sorted(getattr(aanbod, veld).values_list("pk", flat=True))
    if f.is_relation:
        return getattr(aanbod, f.attname)
    waarde = getattr(aanbod, veld)
    if isinstance(f, ArrayField):
        return sorted(waarde or [])
    return waarde


def json_waarde(veld: str, waarde: Any) -> Any:
    """The JSON form of a form's cleaned value (model instances and querysets become pks)."""
    f = _veld(veld)
    if f.many_to_many:
        return sorted(o.pk if hasattr(o, "pk") else int(o) for o in (waarde or []))
    if f.is_relation:
        return waarde.pk if hasattr(waarde, "pk") else waarde
    if isinstance(f, ArrayField):
        return sorted(waarde or [])
    if waarde is None and not f.null:
        return ""
    return waarde


def wijzigingen_bepalen(aanbod: Aanbod, waarden: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``{veld: {"oud": ..., "nieuw": ...}}`` for the fields whose new JSON value differs from the current one."""
    wijzigingen = {}
    for veld, nieuw in waarden.items():
        if veld not in BEWERKBARE_VELDEN:
            raise ValidationError(_("Het veld %(veld)s kan hier niet bewerkt worden.") % {"veld": veld})
        oud = huidige_waarde(aanbod, veld)
        if oud != nieuw:
            wijzigingen[veld] = {"oud": oud, "nieuw": nieuw}
    return wijzigingen


# --- history -------------------------------------------------------------------------------------


def _historiek_vastleggen(aanbod: Aanbod, *, door, reden: str):
    """Write one "changed" history record of ``aanbod`` as it is now, with its many-to-many rows."""
    return leg_historiek_vast([aanbod], door=door, reden=reden)[0]


def historiek_basislijn(aanbod: Aanbod):
    """Record the current state as the first history record when there is none yet (row locked)."""
    records = leg_basislijn_vast([aanbod], reden=_("Beginstand (vóór de eerste wijziging hier)"))
    return records[0] if records else None


def _vergrendel(aanbod: Aanbod) -> Aanbod:
    aanbod = Aanbod.objects.select_for_update().get(pk=aanbod.pk)
    historiek_basislijn(aanbod)
    return aanbod


def _toepassen(aanbod: Aanbod, waarden: dict[str, Any], *, door, reden: str) -> None:
    """Set JSON values on the locked ``aanbod``, validate them, save, and write one history record."""
    gewone, m2m = {}, {}
    for veld, waarde in waarden.items():
        f = _veld(veld)
        if f.many_to_many:
            bestaand = set(f.related_model.objects.filter(pk__in=waarde).values_list("pk", flat=True))
            if bestaand != set(waarde):
                raise ValidationError({veld: _("Een van de gekozen waarden bestaat niet meer.")})
            m2m[veld] = waarde
        else:
            if f.is_relation and waarde is not None and not f.related_model.objects.filter(pk=waarde).exists():
                raise ValidationError({veld: _("De gekozen waarde bestaat niet meer.")})
            gewone[f.attname if f.is_relation else veld] = waarde
    for attname, waarde in gewone.items():
        setattr(aanbod, attname, waarde)
    # The same checks as the form and the database constraints, in Dutch, before anything is written.
    aanbod.clean_fields(exclude=[f.name for f in Aanbod._meta.concrete_fields if f.attname not in gewone])
    aanbod.validate_constraints()
    aanbod.skip_history_when_saving = True
    try:
        if gewone:
            aanbod.save(update_fields=[*gewone, "gewijzigd_op"])
        elif m2m:
            aanbod.save(update_fields=["gewijzigd_op"])
        for veld, pks in m2m.items():
            getattr(aanbod, veld).set(pks)
    finally:
        del aanbod.skip_history_when_saving
    _historiek_vastleggen(aanbod, door=door, reden=reden)


# --- editing and proposals ---------------------------------------------------------------------------


@dataclass
class Bewerking:
    """What an edit did: fields published at once, and the open proposal it left (if any)."""

    gepubliceerd: list[str] = field(default_factory=list)
    voorstel: Voorstel | None = None
    voorstel_ingetrokken: bool = False


def aanbod_bewerken(
    *, aanbod: Aanbod, door, waarden: dict[str, Any], met_goedkeuring: bool, toelichting: str = ""
) -> Bewerking:
    """Apply an edit of the edit page.

    Without ``met_goedkeuring`` (a curator in scope) everything publishes at once. With it (a
    redacteur), non-critical changes publish at once and critical ones become the aanbod's one open
    proposal, replacing what it proposed before; when no critical field differs any more from the
    published version, an open proposal is withdrawn.
    """
    with transaction.atomic():
        aanbod = _vergrendel(aanbod)
        wijzigingen = wijzigingen_bepalen(aanbod, waarden)
        kritiek = {v: w for v, w in wijzigingen.items() if met_goedkeuring and v in KRITIEKE_VELDEN}
        direct = {v: w["nieuw"] for v, w in wijzigingen.items() if v not in kritiek}
        resultaat = Bewerking(gepubliceerd=sorted(direct))
        if direct:
            _toepassen(aanbod, direct, door=door, reden=_("Bewerkt door %(wie)s") % {"wie": door.get_username()})
        if met_goedkeuring:
            open_voorstel = Voorstel.objects.filter(aanbod=aanbod, status=VoorstelStatus.OPEN).first()
            if kritiek:
                resultaat.voorstel = voorstel_indienen(
                    aanbod=aanbod, door=door, wijzigingen=kritiek, toelichting=toelichting
                )
            elif open_voorstel is not None:
                voorstel_intrekken(voorstel=open_voorstel, door=door)
                resultaat.voorstel_ingetrokken = True
    return resultaat


def _controleer_wijzigingen(wijzigingen: dict) -> None:
    if not wijzigingen:
        raise ValidationError(_("Een voorstel bevat minstens één wijziging."))
    for veld, w in wijzigingen.items():
        if veld not in BEWERKBARE_VELDEN or not isinstance(w, dict) or set(w) != {"oud", "nieuw"}:
            raise ValidationError(_("Ongeldige wijziging voor %(veld)s.") % {"veld": veld})


def voorstel_indienen(*, aanbod: Aanbod, door, wijzigingen: dict, toelichting: str = "") -> Voorstel:
    """Create the aanbod's open proposal, or replace the content of the one that is open.

    Invariant: at most one open proposal per aanbod (also a database constraint); the aanbod row is
    locked first so two redacteurs submitting at once do not both create one.
    """
    _controleer_wijzigingen(wijzigingen)
    with transaction.atomic():
        Aanbod.objects.select_for_update().only("pk").get(pk=aanbod.pk)
        voorstel = Voorstel.objects.select_for_update().filter(aanbod=aanbod, status=VoorstelStatus.OPEN).first()
        if voorstel is None:
            return Voorstel.objects.create(
                aanbod=aanbod, wijzigingen=wijzigingen, toelichting=toelichting, ingediend_door=door
            )
        voorstel.wijzigingen = wijzigingen
        voorstel.toelichting = toelichting
        voorstel.ingediend_door = door
        voorstel.save(update_fields=["wijzigingen", "toelichting", "ingediend_door"])
        return voorstel


def _open_voorstel_vergrendelen(voorstel: Voorstel) -> Voorstel:
    voorstel = Voorstel.objects.select_for_update().select_related("aanbod", "ingediend_door").get(pk=voorstel.pk)
    if voorstel.status != VoorstelStatus.OPEN:
        raise ValidationError(
            _("Dit voorstel is al beoordeeld (%(status)s).") % {"status": voorstel.get_status_display().lower()}
        )
    return voorstel


def verouderde_velden(voorstel: Voorstel, aanbod: Aanbod | None = None) -> list[str]:
    """Fields whose published value changed since the proposal was made (its "oud" no longer holds)."""
    aanbod = aanbod or voorstel.aanbod
    return [v for v, w in voorstel.wijzigingen.items() if huidige_waarde(aanbod, v) != w["oud"]]


def _meld_beslissing(voorstel: Voorstel, tekst: str) -> None:
    email = voorstel.ingediend_door.email
    if not email:
        return
    link = settings.BASIS_URL.rstrip("/") + reverse("beheer:mijn_aanbod")
    onderwerp = _("Je voorstel voor %(naam)s") % {"naam": voorstel.aanbod.naam}
    transaction.on_commit(
        lambda: send_mail(onderwerp, f"{tekst}\n\n{link}\n", settings.DEFAULT_FROM_EMAIL, [email], fail_silently=True)
    )


def voorstel_goedkeuren(*, voorstel: Voorstel, door) -> Voorstel:
    """Publish the proposed values, if the aanbod still holds the values the proposal started from.

    Invariant: a proposal never overwrites a change made after it was submitted (the curator sees
    which fields and decides again); values, status and history are written together or not at all.
    """
    with transaction.atomic():
        voorstel = _open_voorstel_vergrendelen(voorstel)
        aanbod = _vergrendel(voorstel.aanbod)
        verouderd = verouderde_velden(voorstel, aanbod)
        if verouderd:
            labels = ", ".join(veldlabel(v) for v in verouderd)
            raise ValidationError(
                _(
                    "Het aanbod is intussen gewijzigd in: %(velden)s. Keur dit voorstel niet goed; "
                    "wijs het af en vraag de organisatie om een nieuw voorstel."
                )
                % {"velden": labels}
            )
        reden = _("Voorstel %(nr)s van %(wie)s goedgekeurd") % {
            "nr": voorstel.pk,
            "wie": voorstel.ingediend_door.get_username(),
        }
        _toepassen(aanbod, {v: w["nieuw"] for v, w in voorstel.wijzigingen.items()}, door=door, reden=reden)
        voorstel.status = VoorstelStatus.GOEDGEKEURD
        voorstel.beoordeeld_door = door
        voorstel.beoordeeld_op = timezone.now()
        voorstel.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op"])
        log_beheeractie(door=door, actie="voorstel_goedgekeurd", object=voorstel, omschrijving=str(aanbod))
        _meld_beslissing(
            voorstel,
            _("Je voorgestelde wijziging aan «%(naam)s» is goedgekeurd en staat nu op de sociale kaart.")
            % {"naam": aanbod.naam},
        )
    return voorstel


def voorstel_afwijzen(*, voorstel: Voorstel, door, reden: str) -> Voorstel:
    """Reject an open proposal. Invariant: a rejection always carries a reason (also a DB constraint)."""
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden": _("Geef een reden: de organisatie leest ze in de e-mail.")})
    with transaction.atomic():
        voorstel = _open_voorstel_vergrendelen(voorstel)
        voorstel.status = VoorstelStatus.AFGEWEZEN
        voorstel.reden = reden
        voorstel.beoordeeld_door = door
        voorstel.beoordeeld_op = timezone.now()
        voorstel.save(update_fields=["status", "reden", "beoordeeld_door", "beoordeeld_op"])
        log_beheeractie(door=door, actie="voorstel_afgewezen", object=voorstel, omschrijving=str(voorstel.aanbod))
        _meld_beslissing(
            voorstel,
            _("Je voorgestelde wijziging aan «%(naam)s» is niet overgenomen.\n\nReden: %(reden)s")
            % {"naam": voorstel.aanbod.naam, "reden": reden},
        )
    return voorstel


def voorstel_intrekken(*, voorstel: Voorstel, door) -> Voorstel:
    """The organisation withdraws its open proposal; nothing of it is published."""
    with transaction.atomic():
        voorstel = _open_voorstel_vergrendelen(voorstel)
        voorstel.status = VoorstelStatus.INGETROKKEN
        voorstel.beoordeeld_door = door
        voorstel.beoordeeld_op = timezone.now()
        voorstel.save(update_fields=["status", "beoordeeld_door", "beoordeeld_op"])
    return voorstel


# --- capacity and revert ----------------------------------------------------------------------------


def capaciteit_publiceren(*, aanbod: Aanbod, capaciteit: str, wachttijd_weken: int | None, door) -> Aanbod:
    """Publish a capacity state at once (``aanbod_capaciteit_bijwerken``), with a history baseline first."""
    from aanbod.services import aanbod_capaciteit_bijwerken

    with transaction.atomic():
        aanbod = _vergrendel(aanbod)
        return aanbod_capaciteit_bijwerken(
            aanbod=aanbod, capaciteit=capaciteit, wachttijd_weken=wachttijd_weken, door=door
        )


def waarden_uit_record(record) -> dict[str, Any]:
    """The JSON values of ``TERUGZETBARE_VELDEN`` as a history record holds them."""
    waarden = {}
    for veld in TERUGZETBARE_VELDEN:
        f = _veld(veld)
        if f.many_to_many:
            waarden[veld] = sorted(getattr(record, veld).values_list(f.m2m_reverse_field_name() + "_id", flat=True))
        elif f.is_relation:
            waarden[veld] = getattr(record, f.attname)
        elif isinstance(f, ArrayField):
            waarden[veld] = sorted(getattr(record, veld) or [])
        else:
            waarden[veld] = getattr(record, veld)
    return waarden


def aanbod_terugzetten(*, aanbod: Aanbod, record, door) -> list[str]:
    """Restore the content fields and many-to-many values of ``record``; returns the fields that changed.

    Invariant: all of it or nothing (one transaction, the row locked), and the revert is itself a
    history record naming the version, so a revert can be reverted.
    """
    if record.id != aanbod.pk:
        raise ValidationError(_("Deze versie hoort niet bij dit aanbod."))
    with transaction.atomic():
        aanbod = _vergrendel(aanbod)
        doel = waarden_uit_record(record)
        gewijzigd = {v: w for v, w in doel.items() if huidige_waarde(aanbod, v) != w}
        if not gewijzigd:
            raise ValidationError(_("Het aanbod is al gelijk aan deze versie."))
        datum = timezone.localtime(record.history_date).strftime("%d/%m/%Y %H:%M")
        reden = _("Teruggezet naar de versie van %(datum)s") % {"datum": datum}
        _toepassen(aanbod, gewijzigd, door=door, reden=reden)
        log_beheeractie(
            door=door,
            actie="aanbod_teruggezet",
            object=aanbod,
            omschrijving=f"{aanbod} → versie {record.history_id} ({datum})",
        )
    return sorted(gewijzigd)
