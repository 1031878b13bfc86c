"""Curation of the catalogue by ELZ staff: checks, proposals, confirmation requests, imports, audit."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ControleMethode(models.TextChoices):
    TELEFOON = "telefoon", _("Telefoon")
    EMAIL = "email", _("E-mail")
    WEBSITE = "website", _("Website")
    TER_PLAATSE = "ter_plaatse", _("Ter plaatse")
    BEVESTIGINGSLINK = "bevestigingslink", _("Bevestigd door de organisatie (link in e-mail)")
    REDACTEUR = "redacteur", _("Nagekeken door de organisatie zelf")


class Controle(models.Model):
    """One check of an aanbod against reality ("gecontroleerd"), by a curator or the organisation.

    Invariant: the aanbod's ``laatst_gecontroleerd_op`` equals the date of its newest Controle; both are
    written by ``aanbod.beheer.actualiteit.services.aanbod_controleren`` only.
    """

    aanbod = models.ForeignKey("aanbod.Aanbod", on_delete=models.CASCADE, related_name="controles")
    datum = models.DateField(_("datum"))
    methode = models.CharField(_("methode"), max_length=20, choices=ControleMethode.choices)
    notitie = models.CharField(_("notitie"), max_length=500, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("controle")
        verbose_name_plural = _("controles")
        ordering = ["-datum", "-aangemaakt_op"]
        indexes = [models.Index(fields=["aanbod", "-datum"], name="controle_aanbod_datum")]
        constraints = [
            models.CheckConstraint(condition=Q(methode__in=ControleMethode.values), name="controle_methode_geldig")
        ]

    def __str__(self) -> str:
        return f"{self.aanbod} — {self.datum} ({self.get_methode_display()})"


class VoorstelStatus(models.TextChoices):
    OPEN = "open", _("Wacht op beoordeling")
    GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class Voorstel(models.Model):
    """A change to critical fields of an aanbod, proposed by its organisation's redacteur.

    ``wijzigingen`` maps a field name to ``{"oud": ..., "nieuw": ...}`` in JSON form (many-to-many
    fields as sorted lists of primary keys), so a curator sees a field-by-field diff even after the
    aanbod changed in the meantime. Invariant: at most one open proposal per aanbod; a rejection has a
    reason.
    """

    aanbod = models.ForeignKey("aanbod.Aanbod", on_delete=models.CASCADE, related_name="voorstellen")
    wijzigingen = models.JSONField(_("wijzigingen"))
    toelichting = models.TextField(_("toelichting voor de curator"), blank=True, max_length=2000)
    status = models.CharField(_("status"), max_length=20, choices=VoorstelStatus.choices, default=VoorstelStatus.OPEN)
    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ingediend_op = models.DateTimeField(auto_now_add=True)
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    beoordeeld_op = models.DateTimeField(null=True, blank=True)
    reden = models.TextField(_("reden"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("voorstel")
        verbose_name_plural = _("voorstellen")
        ordering = ["-ingediend_op"]
        constraints = [
            models.UniqueConstraint(fields=["aanbod"], condition=Q(status="open"), name="voorstel_een_open_per_aanbod"),
            models.CheckConstraint(
                condition=~Q(status="afgewezen") | ~Q(reden=""),
                name="voorstel_afwijzing_met_reden",
                violation_error_message=_("Geef een reden voor de afwijzing."),
            ),
            models.CheckConstraint(condition=Q(status__in=VoorstelStatus.values), name="voorstel_status_geldig"),
        ]

    def __str__(self) -> str:
        return f"{self.aanbod} ({self.get_status_display()})"


class BevestigingAntwoord(models.TextChoices):
    KLOPT = "klopt", _("Alles klopt nog")
    AANPASSEN = "aanpassen", _("Er moet iets aangepast worden")


class Bevestigingsverzoek(models.Model):
    """A periodic e-mail asking an organisation's contact to confirm its listings with a signed link.

    The link carries ``sleutel`` signed with a timestamp (``django.core.signing``); it expires after
    ``BEVESTIGING_GELDIG_DAGEN`` and works once.
    """

    sleutel = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisatie = models.ForeignKey(
        "aanbod.Organisatie", on_delete=models.CASCADE, related_name="bevestigingsverzoeken"
    )
    email = models.EmailField(_("verstuurd naar"))
    verstuurd_op = models.DateTimeField(auto_now_add=True)
    verstuurd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    beantwoord_op = models.DateTimeField(null=True, blank=True)
    antwoord = models.CharField(_("antwoord"), max_length=20, choices=BevestigingAntwoord.choices, blank=True)

    class Meta:
        verbose_name = _("bevestigingsverzoek")
        verbose_name_plural = _("bevestigingsverzoeken")
        ordering = ["-verstuurd_op"]
        indexes = [models.Index(fields=["organisatie", "-verstuurd_op"], name="bevestiging_org_datum")]

    def __str__(self) -> str:
        return f"{self.organisatie} — {self.verstuurd_op:%Y-%m-%d}"


class ImportStatus(models.TextChoices):
    OPGELADEN = "opgeladen", _("Opgeladen")
    GEKOPPELD = "gekoppeld", _("Kolommen gekoppeld")
    DOORGEVOERD = "doorgevoerd", _("Doorgevoerd")
    GEANNULEERD = "geannuleerd", _("Geannuleerd")


class Importbestand(models.Model):
    """A zone's Excel/CSV list on its way into the catalogue: upload, column mapping, preview, commit.

    The file is kept (size-limited) between the steps so the preview can be recomputed after the
    curator fixes the mapping; the commit is all-or-nothing.
    """

    zone = models.ForeignKey("aanbod.Eerstelijnszone", on_delete=models.CASCADE, related_name="importbestanden")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255)
    inhoud = models.BinaryField(_("inhoud"))
    koppeling = models.JSONField(_("kolomkoppeling"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.OPGELADEN)
    resultaat = models.JSONField(_("resultaat"), default=dict, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    doorgevoerd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("importbestand")
        verbose_name_plural = _("importbestanden")
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"{self.bestandsnaam} ({self.get_status_display()})"


class Beheeractie(models.Model):
    """Audit trail of administrative actions: role changes, exports, imports, reverts, approvals.

    Append-only by convention of ``aanbod.beheer.audit.log_beheeractie``; holds no personal data of
    people referred, only who did what to which object.
    """

    uitgevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uitgevoerd_op = models.DateTimeField(auto_now_add=True, db_index=True)
    actie = models.CharField(_("actie"), max_length=40)
    object_type = models.CharField(_("soort object"), max_length=60, blank=True)
    object_id = models.CharField(_("object"), max_length=64, blank=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("beheeractie")
        verbose_name_plural = _("beheeracties")
        ordering = ["-uitgevoerd_op"]

    def __str__(self) -> str:
        return f"{self.uitgevoerd_op:%Y-%m-%d %H:%M} {self.actie} {self.object_type} {self.object_id}"
