"""Checking every row of a mapped list: Dutch errors per row, matches and possible duplicates.

Nothing is written here. Each row becomes a :class:`Rij` with what would happen to it:

- **nieuw**: a new aanbod (and, when no organisation matches, a new organisation);
- **bijwerken** / **ongewijzigd**: an existing aanbod of the curator's zones, found by the ID of an
  export or by its organisation (same KBO number or same name) and the same aanbod name;
- **mogelijk dubbel**: a new aanbod that looks like an existing one at the same postcode (pg_trgm
  similarity of the aanbod name, or of the organisation name when that organisation would be new);
- **dubbel in het bestand**: the same organisation and aanbod as an earlier row of the file;
- **fout**: a value we cannot take (invalid KBO number, unknown postcode, e-mail, label, …).

Empty cells never clear existing data: a partial list only adds what it knows.
"""

from __future__ import annotations

import difflib
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import connection
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from aanbod.beheer.bulk.cellen import herstel_cel
from aanbod.beheer.bulk.koppeling import DOELVELD
from aanbod.beheer.bulk.lezen import Tabel
from aanbod.constants import Kostprijs, OrganisatieSoort
from aanbod.models import (
    Aanbod,
    Doelgroep,
    Gemeente,
    GemeenteAlias,
    Levensdomein,
    Locatie,
    Ondersteuningsvorm,
    Organisatie,
    PostPlaats,
    Thema,
    Toegangsweg,
)
from aanbod.validators import normaliseer_kbo, valideer_kbo

VOCABULARIA = {"doelgroepen": Doelgroep, "toegangswegen": Toegangsweg, "levensdomeinen": Levensdomein, "themas": Thema}
# Plain text fields of an aanbod the list can fill, with the model's length limits.
TEKSTVELDEN = ("naam", "beschrijving", "telefoon", "email", "website", "contactpersoon")
# Trigram similarity from which a new row is shown as "mogelijk dubbel" (pg_trgm's default is 0.3).
GELIJKENIS_AANBOD = 0.45
GELIJKENIS_ORGANISATIE = 0.5


class Soort:
    NIEUW = "nieuw"
    BIJWERKEN = "bijwerken"
    ONGEWIJZIGD = "ongewijzigd"
    MOGELIJK_DUBBEL = "mogelijk_dubbel"
    DUBBEL_IN_BESTAND = "dubbel_in_bestand"
    FOUT = "fout"

    LABELS = {
        NIEUW: gettext_lazy("nieuw"),
        BIJWERKEN: gettext_lazy("bijwerken"),
        ONGEWIJZIGD: gettext_lazy("ongewijzigd"),
        MOGELIJK_DUBBEL: gettext_lazy("mogelijk dubbel"),
        DUBBEL_IN_BESTAND: gettext_lazy("dubbel in het bestand"),
        FOUT: gettext_lazy("fout"),
    }


class Keuze:
    """What the curator decides for a row that needs a decision."""

    OVERSLAAN = "overslaan"
    AANMAKEN = "aanmaken"
    BIJWERKEN = "bijwerken"

    LABELS = {
        OVERSLAAN: gettext_lazy("Overslaan"),
        AANMAKEN: gettext_lazy("Toch als nieuw aanbod aanmaken"),
        BIJWERKEN: gettext_lazy("Het bestaande aanbod bijwerken"),
    }


@dataclass
class Rij:
    """One data row of the list and what importing it would do."""

    nummer: int  # the row number as the spreadsheet shows it (the header is row 1)
    waarden: dict[str, str]  # target → cell text
    fouten: list[str] = field(default_factory=list)
    soort: str = Soort.NIEUW
    velden: dict[str, Any] = field(default_factory=dict)  # checked model values
    koppelingen: dict[str, set[int]] = field(default_factory=dict)  # vocabulary field → ids
    organisatie: Organisatie | None = None  # existing organisation it belongs to
    organisatie_sleutel: str = ""  # groups rows of one new organisation
    aanbod: Aanbod | None = None  # existing aanbod it updates
    kandidaat: Aanbod | None = None  # existing aanbod it may duplicate
    dubbel_van: int | None = None  # earlier row of the file with the same aanbod
    wijzigingen: list[str] = field(default_factory=list)
    adres: dict[str, Any] | None = None  # straat, postcode, gemeente_id, latitude, longitude

    @property
    def soort_label(self) -> str:
        return str(Soort.LABELS[self.soort])

    @property
    def keuzes(self) -> list[tuple[str, str]]:
        """The decisions open for this row; empty when it needs none."""
        opties = {
            Soort.FOUT: [Keuze.OVERSLAAN],
            Soort.DUBBEL_IN_BESTAND: [Keuze.OVERSLAAN, Keuze.AANMAKEN],
            Soort.MOGELIJK_DUBBEL: [Keuze.OVERSLAAN, Keuze.AANMAKEN, Keuze.BIJWERKEN],
        }.get(self.soort, [])
        return [(optie, str(Keuze.LABELS[optie])) for optie in opties]

    @property
    def organisatienaam(self) -> str:
        return self.organisatie.naam if self.organisatie else self.waarden.get("organisatie", "")

    @property
    def aanbodnaam(self) -> str:
        return self.aanbod.naam if self.aanbod else self.waarden.get("naam", "")


def _sleutel(tekst: str) -> str:
    return " ".join(tekst.lower().split())


def _splits(tekst: str) -> list[str]:
    return [deel.strip() for deel in re.split(r"[;,|\n]", tekst) if deel.strip()]


class Naslag:
    """Reference data to check cells against, loaded once per check (a few queries, not one per row)."""

    def __init__(self):
        self.vocabularia: dict[str, dict[str, int]] = {}
        self.vocabulariumlabels: dict[str, list[str]] = {}
        for veld, model in VOCABULARIA.items():
            waarden = list(model.objects.values_list("id", "code", "label"))
            self.vocabularia[veld] = {_sleutel(label): pk for pk, _code, label in waarden} | {
                code: pk for pk, code, _label in waarden
            }
            self.vocabulariumlabels[veld] = [label for _pk, _code, label in waarden]
        self.kostprijs = {_sleutel(str(label)): code for code, label in Kostprijs.choices} | {
            code: code for code in Kostprijs.values
        }
        self.soort = {code: code for code in OrganisatieSoort.values}
        for code, label in OrganisatieSoort.choices:
            self.soort[_sleutel(str(label))] = code
            self.soort.setdefault(_sleutel(str(label).split(" (")[0]), code)
        self.vormen: dict[str, int] = {}
        for pk, slug, naam, afkorting, volledig in Ondersteuningsvorm.objects.values_list(
            "id", "slug", "naam", "afkorting", "volledige_naam"
        ):
            for tekst in (slug, naam, volledig, afkorting):
                if tekst:
                    self.vormen.setdefault(_sleutel(tekst), pk)
        self.postplaatsen: dict[str, list[dict]] = defaultdict(list)
        for plaats in PostPlaats.objects.values("postcode", "naam", "gemeente_id", "latitude", "longitude"):
            self.postplaatsen[plaats["postcode"]].append(plaats)
        self.gemeenten = {_sleutel(naam): pk for pk, naam in Gemeente.objects.values_list("id", "naam")}
        self.gemeenten |= {_sleutel(naam): pk for naam, pk in GemeenteAlias.objects.values_list("naam", "gemeente_id")}


_EMAIL = EmailValidator()
_URL = URLValidator(schemes=["http", "https"])


def _lees_rij(rij: Rij, naslag: Naslag) -> None:
    """Check one row's cells into ``rij.velden``; each problem becomes a Dutch sentence in ``rij.fouten``."""
    w, v = rij.waarden, rij.velden
    for sleutel in ("organisatie", "naam"):
        if not w.get(sleutel):
            rij.fouten.append(_("%(veld)s ontbreekt.") % {"veld": DOELVELD[sleutel].label})
    for sleutel in TEKSTVELDEN:
        if w.get(sleutel):
            v[sleutel] = w[sleutel]
            grens = Aanbod._meta.get_field(sleutel).max_length
            if grens and len(w[sleutel]) > grens:
                rij.fouten.append(
                    _("%(veld)s is te lang (%(lengte)s tekens, hoogstens %(grens)s).")
                    % {"veld": DOELVELD[sleutel].label, "lengte": len(w[sleutel]), "grens": grens}
                )
    if len(w.get("organisatie", "")) > Organisatie._meta.get_field("naam").max_length:
        rij.fouten.append(_("De naam van de organisatie is te lang (hoogstens 200 tekens)."))
    if w.get("aanbod_id"):
        try:
            v["aanbod_id"] = uuid.UUID(w["aanbod_id"])
        except ValueError:
            rij.fouten.append(
                _("ID '%(waarde)s' is geen ID uit een export van de sociale kaart.") % {"waarde": w["aanbod_id"]}
            )
    if w.get("kbo"):
        kbo = normaliseer_kbo(w["kbo"])
        try:
            valideer_kbo(kbo)
            v["kbo"] = kbo
        except ValidationError:
            rij.fouten.append(
                _("KBO-nummer '%(waarde)s' is ongeldig (10 cijfers met een kloppend controlegetal, bv. 0403.019.261).")
                % {"waarde": w["kbo"]}
            )
    if w.get("email"):
        try:
            _EMAIL(w["email"])
        except ValidationError:
            rij.fouten.append(_("E-mailadres '%(waarde)s' is ongeldig.") % {"waarde": w["email"]})
    if w.get("website"):
        website = w["website"] if "://" in w["website"] else "https://" + w["website"]
        try:
            _URL(website)
            v["website"] = website
        except ValidationError:
            rij.fouten.append(_("Website '%(waarde)s' is geen geldig webadres.") % {"waarde": w["website"]})
    _lees_adres(rij, naslag)
    for veld in VOCABULARIA:
        if not w.get(veld):
            continue
        ids = set()
        for label in _splits(w[veld]):
            pk = naslag.vocabularia[veld].get(_sleutel(label))
            if pk is None:
                rij.fouten.append(_onbekend(DOELVELD[veld].label, label, naslag.vocabulariumlabels[veld]))
            else:
                ids.add(pk)
        rij.koppelingen[veld] = ids
    if w.get("kostprijs"):
        if _sleutel(w["kostprijs"]) in naslag.kostprijs:
            v["kostprijs"] = naslag.kostprijs[_sleutel(w["kostprijs"])]
        else:
            rij.fouten.append(_onbekend(DOELVELD["kostprijs"].label, w["kostprijs"], [str(k.label) for k in Kostprijs]))
    if w.get("soort"):
        if _sleutel(w["soort"]) in naslag.soort:
            v["soort"] = naslag.soort[_sleutel(w["soort"])]
        else:
            rij.fouten.append(_onbekend(DOELVELD["soort"].label, w["soort"], [str(s.label) for s in OrganisatieSoort]))
    if w.get("ondersteuningsvorm"):
        if _sleutel(w["ondersteuningsvorm"]) in naslag.vormen:
            v["ondersteuningsvorm_id"] = naslag.vormen[_sleutel(w["ondersteuningsvorm"])]
        else:
            rij.fouten.append(
                _("Ondersteuningsvorm '%(waarde)s' is onbekend. Gebruik de naam of afkorting uit de woordenlijst.")
                % {"waarde": w["ondersteuningsvorm"]}
            )


def _onbekend(veld, waarde: str, mogelijk: list[str]) -> str:
    tekst = _("%(veld)s: '%(waarde)s' is onbekend.") % {"veld": veld, "waarde": waarde}
    bijna = difflib.get_close_matches(waarde, mogelijk, n=1, cutoff=0.6)
    if bijna:
        return tekst + " " + _("Bedoel je '%(label)s'?") % {"label": bijna[0]}
    return (
        tekst
        + " "
        + _("Kies uit: %(lijst)s") % {"lijst": ", ".join(mogelijk[:8]) + (", …" if len(mogelijk) > 8 else ".")}
    )


def _lees_adres(rij: Rij, naslag: Naslag) -> None:
    w = rij.waarden
    postcode, straat, gemeente = w.get("postcode", ""), w.get("straat", ""), w.get("gemeente", "")
    if not postcode:
        if straat:
            rij.fouten.append(_("Bij het adres '%(straat)s' ontbreekt de postcode.") % {"straat": straat})
        return
    plaatsen = naslag.postplaatsen.get(postcode) if re.fullmatch(r"[1-9][0-9]{3}", postcode) else None
    if not plaatsen:
        rij.fouten.append(_("Postcode '%(postcode)s' bestaat niet in België.") % {"postcode": postcode})
        return
    rij.velden["postcode"] = postcode
    plaats = plaatsen[0]
    if gemeente:
        gemeente_id = naslag.gemeenten.get(_sleutel(gemeente))
        passend = [p for p in plaatsen if _sleutel(p["naam"]) == _sleutel(gemeente) or p["gemeente_id"] == gemeente_id]
        if not passend:
            rij.fouten.append(
                _("Postcode %(postcode)s hoort niet bij '%(gemeente)s' (wel bij %(plaatsen)s).")
                % {
                    "postcode": postcode,
                    "gemeente": gemeente,
                    "plaatsen": ", ".join(sorted({p["naam"] for p in plaatsen})),
                }
            )
            return
        plaats = passend[0]
    elif len({p["gemeente_id"] for p in plaatsen}) > 1:
        rij.fouten.append(
            _("Postcode %(postcode)s hoort bij meer dan één gemeente: vul de gemeente in.") % {"postcode": postcode}
        )
        return
    if straat:
        if len(straat) > Locatie._meta.get_field("straat").max_length:
            rij.fouten.append(_("Straat en huisnummer is te lang (hoogstens 200 tekens)."))
            return
        rij.adres = {
            "straat": straat,
            "postcode": postcode,
            "gemeente_id": plaats["gemeente_id"],
            "latitude": plaats["latitude"],
            "longitude": plaats["longitude"],
        }


def controleer(tabel: Tabel, koppeling: dict[str, int], *, user) -> list[Rij]:
    """Check every row of ``tabel`` mapped by ``koppeling`` (target → column index) for ``user``'s zones."""
    naslag = Naslag()
    rijen = []
    for i, cellen in enumerate(tabel.rijen):
        waarden = {doel: herstel_cel(cellen[index]) if index < len(cellen) else "" for doel, index in koppeling.items()}
        rij = Rij(nummer=i + 2, waarden=waarden)
        _lees_rij(rij, naslag)
        rijen.append(rij)
    _zoek_organisaties(rijen)
    _zoek_aanbod(rijen, user)
    _dubbels_in_bestand(rijen)
    _mogelijke_dubbels(rijen, user)
    for rij in rijen:
        if rij.fouten:
            rij.soort = Soort.FOUT
    return rijen


def _zoek_organisaties(rijen: list[Rij]) -> None:
    """Existing organisation per row: same KBO number, else exactly the same name (two queries)."""
    kbo_van_naam = {_sleutel(r.waarden["organisatie"]): r.velden["kbo"] for r in rijen if r.velden.get("kbo")}
    per_kbo = {o.kbo_nummer: o for o in Organisatie.objects.filter(kbo_nummer__in=set(kbo_van_naam.values()))}
    namen = {_sleutel(r.waarden.get("organisatie", "")) for r in rijen} - {""}
    per_naam: dict[str, Organisatie] = {}
    for org in Organisatie.objects.annotate(klein=Lower("naam")).filter(klein__in=namen).order_by("pk"):
        per_naam.setdefault(_sleutel(org.naam), org)
    for rij in rijen:
        naam = _sleutel(rij.waarden.get("organisatie", ""))
        kbo = rij.velden.get("kbo") or kbo_van_naam.get(naam)
        rij.organisatie = per_kbo.get(kbo) if kbo else None
        if rij.organisatie is None and naam in per_naam and (not kbo or not per_naam[naam].kbo_nummer):
            rij.organisatie = per_naam[naam]
        rij.organisatie_sleutel = (
            f"org:{rij.organisatie.pk}" if rij.organisatie else (f"kbo:{kbo}" if kbo else f"naam:{naam}")
        )
        if kbo and rij.organisatie is None:
            rij.velden["kbo"] = kbo


def _met_koppelingen(queryset):
    # The links and locations compared per row, prefetched: no query per row.
    return queryset.select_related("organisatie").prefetch_related(*VOCABULARIA, "locaties")


def _zoek_aanbod(rijen: list[Rij], user) -> None:
    """The existing aanbod a row updates: by the export's ID, else its organisation and the same name."""
    beheerbaar = Aanbod.objects.beheerbaar_door(user)
    ids = {r.velden["aanbod_id"] for r in rijen if "aanbod_id" in r.velden}
    per_id = {a.uuid: a for a in _met_koppelingen(beheerbaar.filter(uuid__in=ids))} if ids else {}
    org_ids = {r.organisatie.pk for r in rijen if r.organisatie and "aanbod_id" not in r.velden}
    per_naam: dict[tuple[int, str], Aanbod] = {}
    if org_ids:
        for aanbod in _met_koppelingen(beheerbaar.filter(organisatie_id__in=org_ids)).order_by("pk"):
            per_naam.setdefault((aanbod.organisatie_id, _sleutel(aanbod.naam)), aanbod)
    for rij in rijen:
        if "aanbod_id" in rij.velden:
            rij.aanbod = per_id.get(rij.velden["aanbod_id"])
            if rij.aanbod is None:
                rij.fouten.append(
                    _(
                        "Er is geen aanbod met dit ID in jouw zones. "
                        "Maak de cel ID leeg om het als nieuw aanbod in te voeren."
                    )
                )
                continue
        elif rij.organisatie is not None:
            rij.aanbod = per_naam.get((rij.organisatie.pk, _sleutel(rij.waarden.get("naam", ""))))
        if rij.aanbod is not None:
            rij.wijzigingen = wijzigingen(rij, rij.aanbod)
            rij.soort = Soort.BIJWERKEN if rij.wijzigingen else Soort.ONGEWIJZIGD


def wijzigingen(rij: Rij, aanbod: Aanbod) -> list[str]:
    """Labels of the fields the row would change on ``aanbod`` (empty cells change nothing)."""
    gewijzigd = []
    for veld in (*TEKSTVELDEN, "kostprijs"):
        if veld in rij.velden and getattr(aanbod, veld) != rij.velden[veld]:
            gewijzigd.append(str(DOELVELD[veld].label))
    if "ondersteuningsvorm_id" in rij.velden and aanbod.ondersteuningsvorm_id != rij.velden["ondersteuningsvorm_id"]:
        gewijzigd.append(str(DOELVELD["ondersteuningsvorm"].label))
    for veld, ids in rij.koppelingen.items():
        if {obj.pk for obj in getattr(aanbod, veld).all()} != ids:
            gewijzigd.append(str(DOELVELD[veld].label))
    if rij.adres and not _heeft_adres(aanbod, rij.adres):
        gewijzigd.append(str(_("adres")))
    return gewijzigd


def _heeft_adres(aanbod: Aanbod, adres: dict) -> bool:
    return any(
        _sleutel(loc.straat) == _sleutel(adres["straat"]) and loc.postcode == adres["postcode"]
        for loc in aanbod.locaties.all()
    )


def _dubbels_in_bestand(rijen: list[Rij]) -> None:
    """A row about the same aanbod as an earlier row (same target, or same organisation, name and postcode)."""
    gezien: dict[Any, int] = {}
    for rij in rijen:
        if rij.fouten:
            continue
        # The postcode is part of it: one organisation may run the same aanbod in two towns.
        sleutel = (
            ("aanbod", rij.aanbod.pk)
            if rij.aanbod
            else (rij.organisatie_sleutel, _sleutel(rij.waarden["naam"]), rij.velden.get("postcode", ""))
        )
        if sleutel in gezien:
            rij.soort, rij.dubbel_van = Soort.DUBBEL_IN_BESTAND, gezien[sleutel]
        else:
            gezien[sleutel] = rij.nummer


# Every new row against the aanbod in scope at its postcode, in one statement: pg_trgm's similarity()
# over an unnest() of the rows. (One TrigramSimilarity query per row took 108 s for 5,000 rows.)
_GELIJKAARDIG_SQL = """
WITH rij (nummer, naam, organisatie, postcode, organisatie_nieuw) AS (
    SELECT * FROM unnest(%(nummers)s::int[], %(namen)s::text[], %(organisaties)s::text[],
                         %(postcodes)s::text[], %(nieuw)s::bool[])
), paar AS MATERIALIZED (  -- each similarity computed once per pair
    SELECT rij.nummer, rij.organisatie_nieuw, aanbod.id,
           similarity(aanbod.naam, rij.naam) AS aanbod_gelijk,
           similarity(organisatie.naam, rij.organisatie) AS organisatie_gelijk
    FROM rij
    JOIN {locatie} locatie ON locatie.postcode = rij.postcode
    JOIN {koppeling} koppeling ON koppeling.locatie_id = locatie.id
    JOIN {aanbod} aanbod ON aanbod.id = koppeling.aanbod_id
    JOIN {organisatie} organisatie ON organisatie.id = aanbod.organisatie_id
    WHERE aanbod.id = ANY(%(scope)s::bigint[])
)
SELECT DISTINCT ON (nummer) nummer, id
FROM paar
WHERE aanbod_gelijk >= %(drempel_aanbod)s OR (organisatie_nieuw AND organisatie_gelijk >= %(drempel_organisatie)s)
ORDER BY nummer, aanbod_gelijk + organisatie_gelijk DESC, id
"""


def _mogelijke_dubbels(rijen: list[Rij], user) -> None:
    """Flag a new row that looks like an existing aanbod at the same postcode (pg_trgm similarity).

    Like: the aanbod names are similar, or, for an organisation that would be new, the organisation
    names are (a second spelling of an organisation we know). The most similar aanbod is linked.
    """
    nieuw = [r for r in rijen if not r.fouten and r.soort == Soort.NIEUW and "postcode" in r.velden]
    if not nieuw:
        return
    postcodes = {r.velden["postcode"] for r in nieuw}
    scope = list(
        Aanbod.objects.beheerbaar_door(user).filter(locaties__postcode__in=postcodes).values_list("pk", flat=True)
    )
    if not scope:
        return
    sql = _GELIJKAARDIG_SQL.format(
        locatie=Locatie._meta.db_table,
        koppeling=Aanbod.locaties.through._meta.db_table,
        aanbod=Aanbod._meta.db_table,
        organisatie=Organisatie._meta.db_table,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            {
                "nummers": [r.nummer for r in nieuw],
                "namen": [r.waarden["naam"] for r in nieuw],
                "organisaties": [r.waarden["organisatie"] for r in nieuw],
                "postcodes": [r.velden["postcode"] for r in nieuw],
                "nieuw": [r.organisatie is None for r in nieuw],
                "scope": scope,
                "drempel_aanbod": GELIJKENIS_AANBOD,
                "drempel_organisatie": GELIJKENIS_ORGANISATIE,
            },
        )
        gevonden = dict(cursor.fetchall())
    kandidaten = _met_koppelingen(Aanbod.objects.filter(pk__in=set(gevonden.values()))).in_bulk()
    for rij in nieuw:
        if rij.nummer in gevonden:
            rij.kandidaat = kandidaten[gevonden[rij.nummer]]
            rij.soort = Soort.MOGELIJK_DUBBEL
            rij.wijzigingen = wijzigingen(rij, rij.kandidaat)
