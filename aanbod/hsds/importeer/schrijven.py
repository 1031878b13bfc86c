"""Writing checked HSDS input: upserts of organisations, locations and aanbod, all in one transaction."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models
from django.db.models import Prefetch
from django.utils.text import slugify
from django.utils.translation import gettext as _

from aanbod.constants import AanbodStatus
from aanbod.historiek import leg_basislijn_vast, leg_historiek_vast
from aanbod.hsds import mapping as m
from aanbod.hsds.importeer.controleren import AanbodInvoer, Invoer, OrganisatieInvoer, Uren
from aanbod.hsds.importeer.lezen import ImportFout
from aanbod.models import (
    Aanbod,
    Locatie,
    Ondersteuningsvorm,
    Openingsuur,
    Organisatie,
)

# --- writing -------------------------------------------------------------------------------------


@dataclass
class Telling:
    aangemaakt: int = 0
    bijgewerkt: int = 0
    overgeslagen: int = 0

    def __str__(self) -> str:
        return f"{self.aangemaakt} aangemaakt, {self.bijgewerkt} bijgewerkt, {self.overgeslagen} overgeslagen"


@dataclass
class Importverslag:
    tellingen: dict[str, Telling] = field(
        default_factory=lambda: {"organisaties": Telling(), "locaties": Telling(), "aanbod": Telling()}
    )
    regels: list[str] = field(default_factory=list)
    proefdraai: bool = False

    def noteer(self, soort: str, label: str, uitkomst: str, reden: str = "") -> None:
        telling = self.tellingen[soort]
        setattr(telling, uitkomst, getattr(telling, uitkomst) + 1)
        self.regels.append(f"{label}: {uitkomst}" + (f" ({reden})" if reden else ""))

    @property
    def gewijzigd(self) -> bool:
        return any(t.aangemaakt or t.bijgewerkt for t in self.tellingen.values())


# Model field → HSDS field, to name the field in a validation message.
_HSDS_VELD = {
    "naam": "name",
    "beschrijving": "description",
    "website": "url",
    "email": "email",
    "telefoon": "phones",
    "kbo_nummer": "organization_identifiers",
    "aanmelding": "application_process",
    "kostprijs_toelichting": "fees_description",
    "leeftijd_min": "minimum_age",
    "leeftijd_max": "maximum_age",
    "contactpersoon": "contacts",
    "contactpersoon_functie": "contacts",
    "openingsuren_toelichting": "schedules",
    "straat": "addresses",
    "postcode": "addresses",
    "latitude": "latitude",
    "longitude": "longitude",
    "openbaar_vervoer": "transportation",
    "toegankelijkheid": "accessibility",
    "talen": "languages",
    "wachttijd_weken": "attributes",
    "capaciteit": "attributes",
}


def _valideer(obj: models.Model, label: str) -> None:
    """Field checks in Python (lengths, e-mail, URL, choices); no query per row.

    Uniqueness is ours to keep (slugs are generated, ids and KBO numbers were matched) and the check
    constraints are left to PostgreSQL: :func:`_bewaar` turns a violation into the same Dutch message.
    """
    relaties = [f.name for f in obj._meta.concrete_fields if f.is_relation]
    try:
        obj.full_clean(exclude=relaties, validate_unique=False, validate_constraints=False)
    except ValidationError as fout:
        meldingen = [
            (f"veld '{_HSDS_VELD.get(veld, veld)}': " if veld != "__all__" else "") + " ".join(teksten)
            for veld, teksten in fout.message_dict.items()
        ]
        raise ImportFout(f"{label}: {'; '.join(meldingen)}") from None


def _bewaar(obj: models.Model, label: str, **kwargs) -> None:
    # No savepoint: a violation ends the whole import, whose transaction is rolled back anyway.
    try:
        obj.save(**kwargs)
    except IntegrityError as fout:
        naam = getattr(getattr(fout.__cause__, "diag", None), "constraint_name", None)
        regel = next((c for c in obj._meta.constraints if c.name == naam), None)
        melding = regel.get_violation_error_message() if regel else f"botst met een bestaande rij ({naam})"
        raise ImportFout(f"{label}: {melding}") from None


def _unieke_slug(naam: str, bezet: set[str], max_lengte: int) -> str:
    basis = slugify(naam)[: max_lengte - 6].strip("-") or "item"
    slug, volgnummer = basis, 2
    while slug in bezet:
        slug, volgnummer = f"{basis}-{volgnummer}", volgnummer + 1
    bezet.add(slug)
    return slug


def _zet(obj: models.Model, velden: dict[str, Any]) -> list[str]:
    """Set the fields that differ; return their names."""
    gewijzigd = [veld for veld, waarde in velden.items() if getattr(obj, veld) != waarde]
    for veld in gewijzigd:
        setattr(obj, veld, velden[veld])
    return gewijzigd


class Bulk:
    """Rows of new records (links, opening hours) written with one INSERT per table at the end.

    Besides saving round trips, this fires the search-vector triggers once per table instead of once
    per row (docs/search.md).
    """

    def __init__(self):
        self.koppelingen: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self.uren: list[Openingsuur] = []

    def voeg_uren_toe(self, veld: str, obj: models.Model, uren: Uren) -> None:
        self.uren += [Openingsuur(**{veld: obj}, dag=d, van=v, tot=t) for d, v, t in sorted(uren)]

    def schrijf(self) -> None:
        for veld, paren in self.koppelingen.items():
            relatie = Aanbod._meta.get_field(veld)
            through = relatie.remote_field.through
            bron, doel = f"{relatie.m2m_field_name()}_id", f"{relatie.m2m_reverse_field_name()}_id"
            through.objects.bulk_create([through(**{bron: a, doel: b}) for a, b in paren], batch_size=1000)
        Openingsuur.objects.bulk_create(self.uren, batch_size=1000)


def _vervang_uren(veld: str, obj: models.Model, uren: Uren) -> bool:
    """Replace the opening hours of an existing row when they differ; True when they did."""
    if {(u.dag, u.van, u.tot) for u in obj.openingsuren.all()} == uren:
        return False
    Openingsuur.objects.filter(**{veld: obj}).delete()
    Openingsuur.objects.bulk_create(Openingsuur(**{veld: obj}, dag=d, van=v, tot=t) for d, v, t in sorted(uren))
    return True


class Schrijver:
    """Writes checked input; keeps the maps from source ids to our rows and the report."""

    def __init__(self, invoer: Invoer, verslag: Importverslag):
        self.invoer, self.verslag = invoer, verslag
        self.organisaties: dict[uuid.UUID, Organisatie] = {}
        self.locaties: dict[uuid.UUID, Locatie] = {}
        self.gewijzigd_org: set[int] = set()
        self.gewijzigd_loc: set[int] = set()
        self.bulk = Bulk()
        self.nieuw_aanbod: list[int] = []
        self.gewijzigd_aanbod: list[int] = []

    def _uitkomst(self, soort: str, label: str, nieuw: bool, wijzigingen: list[str], reden: str = "") -> None:
        notities = "; ".join(self.invoer.notities.get(label, []))
        if nieuw:
            uitkomst, tekst = "aangemaakt", reden
        elif wijzigingen:
            uitkomst, tekst = "bijgewerkt", reden or "gewijzigd: " + ", ".join(wijzigingen)
        else:
            uitkomst, tekst = "overgeslagen", reden or "ongewijzigd"
        self.verslag.noteer(soort, label, uitkomst, "; ".join(t for t in (tekst, notities) if t))

    # organisations -------------------------------------------------------------------------------

    def organisaties_schrijven(self) -> None:
        invoer = list(self.invoer.organisaties.values())
        per_kbo = {o.kbo_nummer: o for o in Organisatie.objects.filter(kbo_nummer__in=[i.kbo for i in invoer if i.kbo])}
        per_uuid = {o.uuid: o for o in Organisatie.objects.filter(uuid__in=[i.id for i in invoer])}
        slugs = set(Organisatie.objects.values_list("slug", flat=True))
        uitkomsten = {}
        for item in invoer:
            org = per_kbo.get(item.kbo) if item.kbo else None
            reden = "gekoppeld op KBO-nummer" if org is not None and org.uuid != item.id else ""
            org = org or per_uuid.get(item.id)
            velden = item.velden | ({"kbo_nummer": item.kbo} if item.kbo else {})
            nieuw = org is None
            if nieuw:
                org = Organisatie(uuid=item.id, slug=_unieke_slug(item.velden["naam"], slugs, 140), **velden)
                wijzigingen = []
            else:
                wijzigingen = _zet(org, velden)
            if nieuw or wijzigingen:
                _valideer(org, item.label)
                _bewaar(org, item.label)
                self.gewijzigd_org.add(org.pk)
            self.organisaties[item.id] = org
            uitkomsten[item.id] = (nieuw, wijzigingen, reden)
        self._hoofdorganisaties(invoer, uitkomsten)
        for item in invoer:
            self._uitkomst("organisaties", item.label, *uitkomsten[item.id])

    def _hoofdorganisaties(self, invoer: list[OrganisatieInvoer], uitkomsten: dict) -> None:
        for item in invoer:
            org = self.organisaties[item.id]
            hoofd = self._organisatie(item.hoofd_id) if item.hoofd_id else None
            if item.hoofd_id and (hoofd is None or hoofd.pk == org.pk):
                self.invoer.notities[item.label].append("hoofdorganisatie onbekend, niet gekoppeld")
                continue
            if org.hoofdorganisatie_id != (hoofd.pk if hoofd else None):
                org.hoofdorganisatie = hoofd
                _bewaar(org, item.label, update_fields=["hoofdorganisatie", "gewijzigd_op"])
                self.gewijzigd_org.add(org.pk)
                uitkomsten[item.id][1].append("hoofdorganisatie")

    def _organisatie(self, bron_id: uuid.UUID | None) -> Organisatie | None:
        if bron_id is None:
            return None
        if bron_id not in self.organisaties:
            bestaand = Organisatie.objects.filter(uuid=bron_id).first()
            if bestaand is None:
                return None
            self.organisaties[bron_id] = bestaand
        return self.organisaties[bron_id]

    # locations -----------------------------------------------------------------------------------

    def locaties_schrijven(self) -> None:
        organisatie_van_dienst = {
            locatie_id: aanbod.organisatie_id for aanbod in self.invoer.aanbod for locatie_id in aanbod.locatie_ids
        }
        bestaand = {
            loc.uuid: loc
            for loc in Locatie.objects.filter(uuid__in=list(self.invoer.locaties)).prefetch_related("openingsuren")
        }
        for label, reden in self.invoer.overgeslagen.values():
            self.verslag.noteer("locaties", label, "overgeslagen", reden)
        for item in self.invoer.locaties.values():
            org = self._organisatie(item.organisatie_id or organisatie_van_dienst.get(item.id))
            if org is None:
                self.verslag.noteer("locaties", item.label, "overgeslagen", "organisatie onbekend")
                continue
            locatie = bestaand.get(item.id)
            nieuw = locatie is None
            if nieuw:
                locatie = Locatie(uuid=item.id, organisatie=org, **item.velden)
                wijzigingen = []
            else:
                wijzigingen = _zet(locatie, item.velden | {"organisatie_id": org.pk})
            if nieuw or wijzigingen:
                _valideer(locatie, item.label)
                _bewaar(locatie, item.label)
            if nieuw:
                self.bulk.voeg_uren_toe("locatie", locatie, item.uren)
            elif _vervang_uren("locatie", locatie, item.uren):
                wijzigingen.append("openingsuren")
            if nieuw or wijzigingen:
                self.gewijzigd_loc.add(locatie.pk)
            self.locaties[item.id] = locatie
            self._uitkomst("locaties", item.label, nieuw, wijzigingen)

    # aanbod --------------------------------------------------------------------------------------

    def aanbod_schrijven(self) -> dict[int, dt.datetime]:
        """Upsert the aanbod; returns the source change time of every aanbod created or changed."""
        koppel_codes = {
            veld: dict(model.objects.values_list("code", "id")) for veld, (model, _t) in m.VOCABULARIA.items()
        }
        concepten = dict(Ondersteuningsvorm.objects.values_list("slug", "id"))
        # The current links and hours of the aanbod being updated, to compare without a query per row.
        bestaand = Aanbod.objects.filter(uuid__in=[i.id for i in self.invoer.aanbod]).prefetch_related(
            *m.VOCABULARIA,
            "werkingsgebied_zones",
            "werkingsgebied_gemeenten",
            "openingsuren",
            Prefetch("locaties", queryset=Locatie.objects.select_related("organisatie")),
        )
        bestaand = {a.uuid: a for a in bestaand}
        # Before anything changes: aanbod that was loaded without history gets its baseline, so the
        # import can be reverted per aanbod (once per aanbod ever; in bulk, see aanbod/historiek.py).
        leg_basislijn_vast(bestaand.values(), reden=_("Beginstand (vóór een HSDS-import)"))
        slugs = set(Aanbod.objects.values_list("slug", flat=True))
        tijden: dict[int, dt.datetime] = {}
        for item in self.invoer.aanbod:
            org = self._organisatie(item.organisatie_id)
            if org is None:
                raise ImportFout(f"{item.label}: veld 'organization_id' verwijst naar een onbekende organisatie.")
            aanbod = bestaand.get(item.id)
            nieuw = aanbod is None
            if nieuw and item.velden["status"] == AanbodStatus.STOPGEZET:
                self.verslag.noteer("aanbod", item.label, "overgeslagen", "stopgezet en niet in de catalogus")
                continue
            velden = dict(item.velden)
            slug = velden.pop("ondersteuningsvorm_slug")
            velden |= {"organisatie_id": org.pk, "ondersteuningsvorm_id": concepten.get(slug) if slug else None}
            if nieuw:
                aanbod = Aanbod(uuid=item.id, slug=_unieke_slug(velden["naam"], slugs, 160), **velden)
                wijzigingen = []
            else:
                wijzigingen = _zet(aanbod, velden)
            # History is written per import, not per save and per link (historiek_schrijven).
            aanbod.skip_history_when_saving = True
            if nieuw or wijzigingen:
                _valideer(aanbod, item.label)
                _bewaar(aanbod, item.label)
            doelen = self._doelen(aanbod, item, koppel_codes, nieuw)
            if nieuw:
                for veld, ids in doelen.items():
                    self.bulk.koppelingen[veld] += [(aanbod.pk, doel) for doel in ids]
                self.bulk.voeg_uren_toe("aanbod", aanbod, item.uren)
            else:
                wijzigingen += _koppel(aanbod, doelen)
                if _vervang_uren("aanbod", aanbod, item.uren):
                    wijzigingen.append("openingsuren")
            del aanbod.skip_history_when_saving
            if (nieuw or wijzigingen) and item.gewijzigd_op:
                tijden[aanbod.pk] = item.gewijzigd_op
            if nieuw or wijzigingen:
                (self.nieuw_aanbod if nieuw else self.gewijzigd_aanbod).append(aanbod.pk)
            self._uitkomst("aanbod", item.label, nieuw, wijzigingen)
        self.bulk.schrijf()
        return tijden

    def historiek_schrijven(self) -> None:
        """One history record per aanbod created or changed, as it ended up (links and times included)."""
        reden = _("HSDS-import")
        for soort, ids in (("+", self.nieuw_aanbod), ("~", self.gewijzigd_aanbod)):
            leg_historiek_vast(Aanbod.objects.filter(pk__in=ids).order_by("pk"), reden=reden, soort=soort)

    def _doelen(self, aanbod: Aanbod, item: AanbodInvoer, codes: dict[str, dict[str, int]], nieuw: bool) -> dict:
        """The ids each M2M field of ``aanbod`` should link to."""
        doelen = {veld: {codes[veld][c] for c in item.koppelingen[veld]} for veld in m.VOCABULARIA}
        doelen["werkingsgebied_zones"] = set(item.koppelingen["werkingsgebied_zones"])
        doelen["werkingsgebied_gemeenten"] = set(item.koppelingen["werkingsgebied_gemeenten"])
        # Links to locations we do not publish (inactive) are not in an HSDS export: keep them.
        verborgen = set() if nieuw else {loc.pk for loc in aanbod.locaties.all() if not m.is_publiek(loc)}
        doelen["locaties"] = {self.locaties[i].pk for i in item.locatie_ids if i in self.locaties} | verborgen
        return doelen


def _koppel(aanbod: Aanbod, doelen: dict[str, set[int]]) -> list[str]:
    """Replace the M2M links of an existing aanbod that differ; return the names of those that changed."""
    gewijzigd = []
    for veld, ids in doelen.items():
        if {obj.pk for obj in getattr(aanbod, veld).all()} != ids:
            getattr(aanbod, veld).set(ids)
            gewijzigd.append(veld)
    return gewijzigd


def zet_tijden(schrijver: Schrijver, tijden: dict[int, dt.datetime]) -> None:
    """Keep the source's change times, so that a re-export says what the source said.

    An organisation or location gets the earliest time of the services that use it: then every
    service's last_modified (the newest of its own, its organisation's and its locations') is the
    source's again.
    """
    if not tijden:
        return
    aanbod = list(Aanbod.objects.filter(pk__in=tijden).only("id", "organisatie_id"))
    for obj in aanbod:
        obj.gewijzigd_op = tijden[obj.pk]
    Aanbod.objects.bulk_update(aanbod, ["gewijzigd_op"])
    vroegste_org: dict[int, dt.datetime] = {}
    for obj in aanbod:
        vroegste_org[obj.organisatie_id] = min(tijden[obj.pk], vroegste_org.get(obj.organisatie_id, tijden[obj.pk]))
    vroegste_loc: dict[int, dt.datetime] = {}
    for aanbod_id, locatie_id in Aanbod.locaties.through.objects.filter(aanbod_id__in=tijden).values_list(
        "aanbod_id", "locatie_id"
    ):
        vroegste_loc[locatie_id] = min(tijden[aanbod_id], vroegste_loc.get(locatie_id, tijden[aanbod_id]))
    for model, vroegste, gewijzigd in (
        (Organisatie, vroegste_org, schrijver.gewijzigd_org),
        (Locatie, vroegste_loc, schrijver.gewijzigd_loc),
    ):
        rijen = list(model.objects.filter(pk__in=set(vroegste) & gewijzigd).only("id"))
        for rij in rijen:
            rij.gewijzigd_op = vroegste[rij.pk]
        model.objects.bulk_update(rijen, ["gewijzigd_op"])
