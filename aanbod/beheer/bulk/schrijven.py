"""Writing checked rows: organisations, locations and aanbod, inside the caller's transaction."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from aanbod.beheer.bulk.controleren import TEKSTVELDEN, Keuze, Rij, Soort, _heeft_adres, _sleutel
from aanbod.beheer.bulk.lezen import BulkFout
from aanbod.constants import AanbodStatus, Kostprijs, OrganisatieSoort
from aanbod.historiek import leg_historiek_vast
from aanbod.models import Aanbod, Locatie, Organisatie


@dataclass
class Verslag:
    """What an import did (or, in a dry run, would do); stored as ``Importbestand.resultaat``."""

    proefdraai: bool = False
    aangemaakt: list[dict] = field(default_factory=list)  # {"rij", "naam", "slug", "organisatie"}
    bijgewerkt: list[dict] = field(default_factory=list)  # … and "velden"
    ongewijzigd: int = 0
    overgeslagen: list[dict] = field(default_factory=list)  # {"rij", "naam", "reden"}
    organisaties: list[str] = field(default_factory=list)  # names of new organisations
    locaties: int = 0  # new locations

    def als_json(self) -> dict:
        return asdict(self)


def _unieke_slug(naam: str, bezet: set[str], max_lengte: int) -> str:
    basis = slugify(naam)[: max_lengte - 6].strip("-") or "aanbod"
    slug, volgnummer = basis, 2
    while slug in bezet:
        slug, volgnummer = f"{basis}-{volgnummer}", volgnummer + 1
    bezet.add(slug)
    return slug


class Schrijver:
    """Writes rows one by one; new organisations and locations are created once and reused."""

    def __init__(self, *, zone, reden: str, verslag: Verslag):
        self.zone, self.reden, self.verslag = zone, reden, verslag
        self.organisaties: dict[str, Organisatie] = {}
        self.locaties: dict[tuple, Locatie] = {}
        self.slugs_org = set(Organisatie.objects.values_list("slug", flat=True))
        self.slugs_aanbod = set(Aanbod.objects.values_list("slug", flat=True))
        self.nieuw: list[Aanbod] = []
        self.koppelingen: dict[str, list[tuple[int, int]]] = defaultdict(list)

    def afronden(self, *, door) -> None:
        """Write the links of the new aanbod, then their "created" history with those links, in bulk.

        Per link, ``.add()`` would send a signal and write a full history record (56 queries a row,
        0.4 s); one INSERT per table keeps a list of a thousand rows within a request.
        """
        for veld, paren in self.koppelingen.items():
            relatie = Aanbod._meta.get_field(veld)
            through = relatie.remote_field.through
            bron, doel = relatie.m2m_field_name() + "_id", relatie.m2m_reverse_field_name() + "_id"
            through.objects.bulk_create([through(**{bron: a, doel: b}) for a, b in paren])
        leg_historiek_vast(self.nieuw, door=door, reden=self.reden, soort="+")

    def schrijf(self, rij: Rij, keuze: str) -> None:
        """Apply one row as its kind and the curator's ``keuze`` say; a database refusal names the row."""
        try:
            # A savepoint per row: a refusal by PostgreSQL is reported with the row, then all is rolled back.
            with transaction.atomic():
                self._schrijf(rij, keuze)
        except (IntegrityError, ValidationError) as fout:
            tekst = "; ".join(fout.messages) if isinstance(fout, ValidationError) else str(fout).splitlines()[0]
            raise BulkFout(
                _("Rij %(rij)s kon niet bewaard worden: %(fout)s") % {"rij": rij.nummer, "fout": tekst}
            ) from None

    def _schrijf(self, rij: Rij, keuze: str) -> None:
        if keuze not in {optie for optie, _label in rij.keuzes}:
            keuze = ""  # a choice the row does not offer (a crafted form) counts as none
        if keuze == Keuze.OVERSLAAN:
            self.verslag.overgeslagen.append({"rij": rij.nummer, "naam": rij.aanbodnaam, "reden": rij.soort_label})
        elif rij.soort == Soort.ONGEWIJZIGD:
            self.verslag.ongewijzigd += 1
        elif rij.soort == Soort.BIJWERKEN or keuze == Keuze.BIJWERKEN:
            self._werk_bij(rij, rij.aanbod or rij.kandidaat)
        else:
            self._maak_aan(rij)

    def _organisatie(self, rij: Rij) -> Organisatie:
        if rij.organisatie is not None:
            return rij.organisatie
        if rij.organisatie_sleutel not in self.organisaties:
            org = Organisatie(
                naam=rij.waarden["organisatie"],
                slug=_unieke_slug(rij.waarden["organisatie"], self.slugs_org, 140),
                kbo_nummer=rij.velden.get("kbo"),
                soort=rij.velden.get("soort", OrganisatieSoort.ANDERE),
            )
            org.full_clean(exclude=["hoofdorganisatie"], validate_unique=False, validate_constraints=False)
            org._change_reason = self.reden
            org.save()
            self.organisaties[rij.organisatie_sleutel] = org
            self.verslag.organisaties.append(org.naam)
        return self.organisaties[rij.organisatie_sleutel]

    def _locatie(self, org: Organisatie, adres: dict) -> Locatie:
        sleutel = (org.pk, _sleutel(adres["straat"]), adres["postcode"])
        if sleutel not in self.locaties:
            bestaand = next(
                (
                    loc
                    for loc in Locatie.objects.filter(organisatie=org, postcode=adres["postcode"])
                    if _sleutel(loc.straat) == sleutel[1]
                ),
                None,
            )
            if bestaand is None:
                bestaand = Locatie(organisatie=org, naam=f"{org.naam} {adres['straat']}"[:200], **adres)
                bestaand._change_reason = self.reden
                bestaand.save()
                self.verslag.locaties += 1
            self.locaties[sleutel] = bestaand
        return self.locaties[sleutel]

    def _maak_aan(self, rij: Rij) -> None:
        org = self._organisatie(rij)
        velden = {
            veld: rij.velden[veld]
            for veld in (*TEKSTVELDEN, "kostprijs", "ondersteuningsvorm_id")
            if veld in rij.velden
        }
        # A list without a cost column does not promise that the aanbod is free.
        velden.setdefault("kostprijs", Kostprijs.BIJDRAGE)
        aanbod = Aanbod(
            organisatie=org,
            slug=_unieke_slug(velden["naam"], self.slugs_aanbod, 160),
            status=AanbodStatus.ACTIEF,
            **velden,
        )
        aanbod.full_clean(
            exclude=["organisatie", "ondersteuningsvorm"], validate_unique=False, validate_constraints=False
        )
        # Its history record is written by afronden(), once its links exist (one, not one per link).
        aanbod.skip_history_when_saving = True
        aanbod.save()
        del aanbod.skip_history_when_saving
        self.nieuw.append(aanbod)
        self.koppelingen["werkingsgebied_zones"].append((aanbod.pk, self.zone.pk))
        for veld, ids in rij.koppelingen.items():
            self.koppelingen[veld] += [(aanbod.pk, pk) for pk in sorted(ids)]
        if rij.adres:
            self.koppelingen["locaties"].append((aanbod.pk, self._locatie(org, rij.adres).pk))
        self.verslag.aangemaakt.append(
            {"rij": rij.nummer, "naam": aanbod.naam, "slug": aanbod.slug, "organisatie": org.naam}
        )

    def _werk_bij(self, rij: Rij, aanbod: Aanbod) -> None:
        velden = {
            veld: rij.velden[veld]
            for veld in (*TEKSTVELDEN, "kostprijs", "ondersteuningsvorm_id")
            if veld in rij.velden
        }
        gewijzigd = [veld for veld, waarde in velden.items() if getattr(aanbod, veld) != waarde]
        for veld in gewijzigd:
            setattr(aanbod, veld, velden[veld])
        if gewijzigd:
            aanbod.full_clean(
                exclude=["organisatie", "ondersteuningsvorm"], validate_unique=False, validate_constraints=False
            )
            aanbod._change_reason = self.reden
            aanbod.save()
        for veld, ids in rij.koppelingen.items():
            if {obj.pk for obj in getattr(aanbod, veld).all()} != ids:
                getattr(aanbod, veld).set(ids)
                gewijzigd.append(veld)
        if rij.adres and not _heeft_adres(aanbod, rij.adres):
            aanbod.locaties.add(self._locatie(aanbod.organisatie, rij.adres))
            gewijzigd.append("locaties")
        if gewijzigd:
            self.verslag.bijgewerkt.append(
                {
                    "rij": rij.nummer,
                    "naam": aanbod.naam,
                    "slug": aanbod.slug,
                    "organisatie": aanbod.organisatie.naam,
                    "velden": rij.wijzigingen,
                }
            )
        else:
            self.verslag.ongewijzigd += 1
