"""The mantelzorger's wegwijzer: a few plain questions (seed 000's checklist) that lead to local aanbod.

The answers stay in the session, never in the URL: "I suspect dementia" is nobody else's business.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from aanbod.models import Aanbod
from aanbod.zoeken.dienst import voor_kaartjes
from aanbod.zoeken.plaats import Plaats


@dataclass(frozen=True)
class Vraag:
    sleutel: str
    tekst: str
    uitleg: str
    keuzes: tuple[tuple[str, str], ...]


JA_NEE = (("ja", _("Ja")), ("nee", _("Nee")))

VRAGEN: tuple[Vraag, ...] = (
    Vraag(
        "overbelast",
        _("Voel je je soms moe, gespannen of overbelast door de zorg?"),
        _("Zorgen voor iemand kost energie. Het is normaal dat het soms te veel wordt."),
        (("ja", _("Ja, vaak")), ("soms", _("Soms")), ("nee", _("Nee, het lukt goed"))),
    ),
    Vraag(
        "dementie",
        _("Heeft de persoon voor wie je zorgt dementie, of denk je dat?"),
        _("Bijvoorbeeld: hij of zij vergeet veel, raakt de weg kwijt of gedraagt zich anders dan vroeger."),
        (
            ("vastgesteld", _("Ja, de dokter heeft het vastgesteld")),
            ("vermoeden", _("Ik vermoed het")),
            ("nee", _("Nee")),
        ),
    ),
    Vraag(
        "verandering",
        _("Verandert de zorgsituatie?"),
        _("Bijvoorbeeld: na een ziekenhuisopname, of de zorg wordt zwaarder en je hebt meer hulp thuis nodig."),
        JA_NEE,
    ),
    Vraag(
        "geld",
        _("Heb je vragen over geld, premies of tegemoetkomingen?"),
        _("Bijvoorbeeld: het zorgbudget, een mantelzorgpremie, of kosten die je niet meer kunt betalen."),
        JA_NEE,
    ),
    Vraag(
        "opname",
        _("Denk je aan dagopvang, kortverblijf of een opname?"),
        _("Even op adem komen kan ook: de persoon voor wie je zorgt gaat dan een dag of een paar weken ergens anders."),
        JA_NEE,
    ),
)


@dataclass(frozen=True)
class Behoefte:
    """A need found from the answers, and the aanbod that answers it."""

    titel: str
    uitleg: str
    vormen: tuple[str, ...]  # support-form slugs
    themas: tuple[str, ...] = ()

    def aanbod(self, plaats: Plaats | None, aantal: int = 4) -> list[Aanbod]:
        qs = Aanbod.objects.actief().filter(
            Q(ondersteuningsvorm__slug__in=self.vormen) | Q(themas__code__in=self.themas)
        )
        if plaats is not None:
            qs = qs.voor_gemeente(plaats.gemeente, postcode=plaats.postcode)
        return list(
            voor_kaartjes(Aanbod.objects.filter(pk__in=qs.values("pk"))).order_by("werkingsgebied_vlaanderen", "naam")[
                :aantal
            ]
        )


ALTIJD = Behoefte(
    _("Steun voor jou als mantelzorger"),
    _("Een mantelzorgorganisatie of het Sociaal Huis luistert, geeft info over je rechten en premies en zoekt mee."),
    ("mantelzorgondersteuning",),
)

BEHOEFTEN = {
    "overbelast": Behoefte(
        _("Even op adem komen"),
        _("Je hoeft het niet alleen te doen. Iemand kan de zorg even overnemen, of je kunt praten met iemand."),
        ("respijtzorg-oppashulp", "eerstelijnspsychologische-zorg", "tele-onthaal"),
    ),
    "dementie": Behoefte(
        _("Hulp bij dementie"),
        _("Het expertisecentrum dementie geeft uitleg en advies. In een praatcafé ontmoet je andere mantelzorgers."),
        ("expertisecentrum-dementie",),
        ("dementie",),
    ),
    "verandering": Behoefte(
        _("Meer hulp thuis"),
        _("Thuisverpleging, gezinszorg of een zorgcoördinator kunnen de zorg thuis mee organiseren."),
        ("thuisverpleging", "gezinszorg", "zorgcoordinatie", "dienst-maatschappelijk-werk-ziekenfonds"),
    ),
    "geld": Behoefte(
        _("Vragen over geld en premies"),
        _("De maatschappelijk werker van je ziekenfonds of het Sociaal Huis kijkt na waar je recht op hebt."),
        ("dienst-maatschappelijk-werk-ziekenfonds", "ocmw-sociale-dienst"),
    ),
    "opname": Behoefte(
        _("Dagopvang, kortverblijf of opname"),
        _("In een dagverzorgingscentrum of in kortverblijf wordt er even voor de persoon gezorgd."),
        ("dagverzorgingscentrum", "kortverblijf"),
    ),
}


def behoeften(antwoorden: dict[str, str]) -> list[Behoefte]:
    """The needs that follow from the answers, the general carer support always first."""
    gevonden = [ALTIJD]
    for vraag in VRAGEN:
        if antwoorden.get(vraag.sleutel) not in (None, "", "nee"):
            gevonden.append(BEHOEFTEN[vraag.sleutel])
    return gevonden
