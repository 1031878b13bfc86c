"""The invented organisations of the Kempen demo, as a compact specification.

Names are plausible but invented; every organisation is marked ``is_fictief``. Municipalities are
referred to by their slug (``Gemeente.slug``), zones by their code.
"""

from __future__ import annotations

from aanbod.constants import OrganisatieSoort as S
from aanbod.demodata import diensten as d
from aanbod.demodata import zorgdiensten as z
from aanbod.demodata.spec import OrgSpec

KEMPEN_ZONES = ("baldemore", "kempenland", "middenkempen", "zuiderkempen")
# The main town of each zone: seat of the zone's teams.
CENTRUM = {"baldemore": "mol", "kempenland": "turnhout", "middenkempen": "herentals", "zuiderkempen": "geel"}
REGIO_VESTIGINGEN = ("turnhout", "geel", "mol", "herentals")
MET_STATION = {"turnhout", "herentals", "geel", "mol", "olen", "balen", "lille", "kasterlee"}

# Both names are in use in Flanders: a few municipalities are called "OCMW …" instead of "Sociaal Huis …".
_OCMW_NAAM = {"baarle-hertog", "merksplas", "herenthout", "retie", "meerhout"}
_GEZINSCOACHING = {*REGIO_VESTIGINGEN, "hoogstraten", "westerlo", "balen"}
_HUIS_VAN_HET_KIND = (
    "turnhout geel mol herentals hoogstraten westerlo balen kasterlee beerse olen laakdal arendonk".split()
)

_VAPH = (
    ("De Kempenhorst", "turnhout", "regio"),
    ("Dienstverlening Ter Vennen", "geel", "regio"),
    ("Zorgnetwerk Akkerwinde", "herentals", "zone"),
    ("De Heibloem", "mol", "zone"),
    ("Open Poort Hoogstraten", "hoogstraten", "zone"),
)
_JEUGDHULP = (
    ("Jeugdhulp De Wissel", "turnhout"),
    ("Kompas Jeugdhulp", "herentals"),
    ("Jeugdzorg Het Anker", "mol"),
    ("Oase Jeugdhulp", "geel"),
    ("Jeugdhulp De Boomgaard", "hoogstraten"),
)
_MUTUALITEITEN = (
    ("Ziekenfonds Samenhuis", "turnhout", True),
    ("Ziekenfonds De Brug", "geel", True),
    ("Neutraal Ziekenfonds Kempen", "herentals", False),
    ("Liberaal Ziekenfonds Nete", "mol", False),
    ("Ziekenfonds Helpende Hand", "hoogstraten", False),
)
_THUISVERPLEGING = (
    ("Thuisverpleging De Linde", "turnhout"),
    ("Thuisverpleging Zorgzaam", "geel"),
    ("Thuisverpleging 't Kempens Hart", "mol"),
    ("Thuisverpleging Nethe", "herentals"),
    ("Thuisverpleging Sint-Jozef", "hoogstraten"),
    ("Thuisverpleging Aan Huis", "westerlo"),
    ("Thuisverpleging De Beuk", "kasterlee"),
)
_GEZINSZORG = (  # (naam, zetel, ook nachtoppas, werkingsgebied)
    ("Gezinszorg Kempen", "turnhout", True, "regio"),
    ("Thuiszorg Helpende Handen", "geel", True, "zone"),
    ("Gezins- en bejaardenzorg Nete", "herentals", False, "zone"),
    ("Thuishulp De Mantel", "mol", False, "buren"),
)
_DAGVERZORGING = (
    ("Dagverzorgingscentrum Den Heuvel", "geel"),
    ("Dagverzorgingscentrum De Zonnewende", "turnhout"),
    ("Dagverzorgingscentrum 't Hoveke", "mol"),
    ("Dagverzorgingscentrum De Wingerd", "herentals"),
    ("Dagverzorgingscentrum Ter Kempen", "hoogstraten"),
    ("Dagverzorgingscentrum Hof ter Nete", "olen"),
)
_WOONZORGCENTRA = (
    ("Woonzorgcentrum De Meerpaal", "turnhout"),
    ("Woonzorgcentrum Hemelrijck", "geel"),
    ("Woonzorgcentrum Ter Vesten", "herentals"),
    ("Woonzorgcentrum Heidehuis", "mol"),
    ("Woonzorgcentrum De Vlindertuin", "westerlo"),
    ("Woonzorgcentrum Nethehof", "kasterlee"),
    ("Woonzorgcentrum Zonnebos", "arendonk"),
    ("Woonzorgcentrum Den Olm", "balen"),
)
_HUISARTSEN = (
    ("Huisartsenpraktijk De Kastanje", "mol"),
    ("Groepspraktijk Den Brand", "turnhout"),
    ("Huisartsen aan de Markt", "geel"),
    ("Huisartsenpraktijk Nethedal", "herentals"),
    ("Huisartsenpraktijk Ter Heide", "balen"),
    ("Huisartsenpraktijk De Vennen", "dessel"),
    ("Huisartsen Retie Centrum", "retie"),
    ("Huisartsenpraktijk Den Dries", "arendonk"),
    ("Huisartsenpraktijk De Grens", "baarle-hertog"),
    ("Groepspraktijk De Lindeboom", "beerse"),
    ("Huisartsenpraktijk Sint-Katharina", "hoogstraten"),
    ("Huisartsenpraktijk De Kolonie", "merksplas"),
    ("Huisartsenpraktijk De Lokkaard", "oud-turnhout"),
    ("Huisartsenpraktijk Poppelhof", "ravels"),
    ("Huisartsenpraktijk Vosselaar Dorp", "vosselaar"),
    ("Huisartsenpraktijk Kasteelpark", "grobbendonk"),
    ("Huisartsenpraktijk De Kempenaar", "kasterlee"),
    ("Huisartsenpraktijk Het Pleintje", "westerlo"),
    ("Huisartsenpraktijk De Beemden", "herselt"),
    ("Huisartsenpraktijk Vorst-Laakdal", "laakdal"),
    ("Huisartsenpraktijk Den Hulst", "hulshout"),
)
_CLB = (
    ("CLB Kempen-Noord", "kempenland"),
    ("CLB Kempen-Oost", "baldemore"),
    ("CLB Kempen-Midden", "middenkempen"),
    ("CLB Kempen-Zuid", "zuiderkempen"),
)
_JEUGDWELZIJNSWERK = (
    ("Jeugdwelzijnswerk De Ploeg", "kempenland"),
    ("Jeugdwerking De Branding", "baldemore"),
    ("Jeugdwerking Het Spoor", "middenkempen"),
    ("Jeugdwelzijnswerk Kwadrant", "zuiderkempen"),
)
# What each kind of organisation is, in one sentence ({naam}, {gemeente} = the seat).
OVER_SOORT = {
    S.OCMW: "{naam} bundelt de sociale dienstverlening van OCMW en gemeente {gemeente}: één adres voor vragen over "
    "geld, wonen, zorg en welzijn.",
    S.CAW: "Het centrum algemeen welzijnswerk van de Kempen: onthaal, begeleiding en opvang voor iedereen met een "
    "vraag of probleem, met vestigingen in Turnhout, Geel, Mol en Herentals.",
    S.CGG: "Centrum geestelijke gezondheidszorg voor het arrondissement Turnhout, met teams voor kinderen, "
    "volwassenen en ouderen.",
    S.CLB: "Centrum voor leerlingenbegeleiding voor de scholen in de zone.",
    S.HUIS_VAN_HET_KIND: "Samenwerking van organisaties die (aanstaande) ouders en gezinnen met kinderen en jongeren "
    "ondersteunen in {gemeente} en omgeving.",
    S.KIND_EN_GEZIN: "Lokaal team van Kind en Gezin (Agentschap Opgroeien) voor gezinnen met jonge kinderen.",
    S.DOP: "Dienst Ondersteuningsplan: onafhankelijke hulp bij het opmaken van een ondersteuningsplan voor het VAPH.",
    S.VAPH_VOORZIENING: "Vergunde zorgaanbieder van het VAPH voor kinderen en volwassenen met een handicap.",
    S.JEUGDHULPAANBIEDER: "Erkende jeugdhulpaanbieder met begeleiding aan huis, in groep en in crisissituaties.",
    S.SAMENWERKINGSVERBAND: "Samenwerkingsverband van zorg- en welzijnspartners in de Kempen.",
    S.OVERHEIDSDIENST: "Overheidsdienst met een regionale afdeling voor de Kempen.",
    S.VZW: "Vereniging zonder winstoogmerk met professionele medewerkers en vrijwilligers.",
    S.EXPERTISECENTRUM_DEMENTIE: "Regionaal expertisecentrum dementie: informatie, advies en vorming voor personen "
    "met dementie, mantelzorgers en professionals.",
    S.MANTELZORGORGANISATIE: "Mantelzorgorganisatie voor de hele Kempen: informatie, ondersteuning en respijtzorg "
    "voor mantelzorgers.",
    S.MUTUALITEIT: "Ziekenfonds met een dienst maatschappelijk werk en thuiszorgondersteuning voor zijn leden.",
    S.THUISVERPLEGING: "Dienst voor thuisverpleging met een team verpleegkundigen in {gemeente} en omgeving.",
    S.GEZINSZORG: "Dienst voor gezinszorg en aanvullende thuiszorg.",
    S.DAGVERZORGINGSCENTRUM: "Dagverzorgingscentrum in {gemeente} voor ouderen en personen met dementie die thuis "
    "wonen.",
    S.WOONZORGCENTRUM: "Woonzorgcentrum in {gemeente} met plaatsen voor kortverblijf.",
    S.HUISARTSENPRAKTIJK: "Huisartsenpraktijk in {gemeente}.",
    S.ZIEKENHUIS: "Algemeen ziekenhuis met een sociale dienst.",
    S.HULPLIJN: "Vlaamse hulplijn, gratis en anoniem bereikbaar.",
}

# Stopped organisations: still listed for history, but ``actief=False`` (not in the seeds' "current" kaart).
INACTIEF = {"Huisartsenpraktijk Den Hulst", "Thuishulp De Mantel"}


def organisaties(gemeenten_per_zone: dict[str, list[str]]) -> list[OrgSpec]:
    """All demo organisations; ``gemeenten_per_zone`` maps each Kempen zone to its municipality slugs."""
    alle_gemeenten = [g for zone in KEMPEN_ZONES for g in gemeenten_per_zone[zone]]
    return [
        *(_sociaal_huis(g) for g in alle_gemeenten),
        *_regionale_welzijnsdiensten(),
        *_per_zone(),
        *(
            OrgSpec(
                f"Huis van het Kind {_titel(g)}",
                S.HUIS_VAN_HET_KIND,
                g,
                (*d.HUIS_VAN_HET_KIND, d.BRUGFIGUREN),
                gebied="buren",
                uren="zaterdag",
            )
            for g in _HUIS_VAN_HET_KIND
        ),
        *(OrgSpec(naam, S.VAPH_VOORZIENING, g, d.VAPH, gebied=gebied) for naam, g, gebied in _VAPH),
        *(OrgSpec(naam, S.JEUGDHULPAANBIEDER, g, d.JEUGDHULP, gebied="zone") for naam, g in _JEUGDHULP),
        *_zorg(),
        *(
            OrgSpec(
                naam, S.HUISARTSENPRAKTIJK, g, z.HUISARTS, gebied="buren", uren="praktijk", actief=naam not in INACTIEF
            )
            for naam, g in _HUISARTSEN
        ),
        *_hulplijnen(),
    ]


def _titel(slug: str) -> str:
    return "-".join(deel.capitalize() for deel in slug.split("-"))


def _sociaal_huis(gemeente: str) -> OrgSpec:
    naam = f"{'OCMW' if gemeente in _OCMW_NAAM else 'Sociaal Huis'} {_titel(gemeente)}"
    diensten = (
        *d.OCMW,
        *((d.GEZINSCOACHING,) if gemeente in _GEZINSCOACHING else ()),
        *((d.PRAATCAFE_DEMENTIE,) if gemeente in REGIO_VESTIGINGEN else ()),
    )
    uren = "avond" if gemeente in REGIO_VESTIGINGEN else "kantoor"
    return OrgSpec(naam, S.OCMW, gemeente, diensten, uren=uren)


def _regionale_welzijnsdiensten() -> list[OrgSpec]:
    opgroeien = "opgroeien-regio-kempen"
    return [
        OrgSpec("CAW Kempen", S.CAW, "turnhout", d.CAW, gebied="regio", vestigingen=REGIO_VESTIGINGEN[1:]),
        OrgSpec(
            "Veilig Huis Kempen",
            S.SAMENWERKINGSVERBAND,
            "turnhout",
            d.VEILIG_HUIS,
            gebied="regio",
            hoofd="caw-kempen",
            over="Ketenaanpak van politie, justitie en hulpverlening tegen intrafamiliaal geweld, ingebed in het CAW.",
        ),
        OrgSpec("CGG Kempen", S.CGG, "turnhout", d.CGG, gebied="regio", vestigingen=("geel", "herentals", "mol")),
        OrgSpec(
            "Netwerk Geestelijke Gezondheid Kempen",
            S.SAMENWERKINGSVERBAND,
            "herentals",
            d.EERSTELIJNSPSYCHOLOOG,
            gebied="regio",
            vestigingen=("turnhout", "geel", "mol"),
            domein="netwerk-gg-kempen",
        ),
        OrgSpec("Werk-Zorgnetwerk Kempen", S.SAMENWERKINGSVERBAND, "geel", d.CASEMANAGER_ZORG, gebied="regio"),
        OrgSpec("DOP Kempen", S.DOP, "geel", d.DOP, gebied="regio"),
        OrgSpec("Opgroeien regio Kempen", S.OVERHEIDSDIENST, "turnhout", d.ZORGGARANTIE, gebied="regio"),
        OrgSpec(
            "Toegangspoort Jeugdhulp Kempen",
            S.OVERHEIDSDIENST,
            "geel",
            d.TOEGANGSPOORT,
            gebied="regio",
            hoofd=opgroeien,
        ),
        OrgSpec(
            "Ondersteuningscentrum Jeugdzorg Kempen",
            S.OVERHEIDSDIENST,
            "turnhout",
            d.CONSULENT_OCJ,
            gebied="regio",
            hoofd=opgroeien,
        ),
        OrgSpec(
            "Sociale Dienst Jeugdrechtbank Turnhout", S.OVERHEIDSDIENST, "turnhout", d.CONSULENT_SDJ, gebied="regio"
        ),
        OrgSpec(
            "Woonmaatschappij Kempen",
            S.OVERHEIDSDIENST,
            "turnhout",
            d.WOONMAATSCHAPPIJ,
            gebied="regio",
            vestigingen=("geel", "herentals", "mol"),
        ),
        OrgSpec("Buddywerking Kempen", S.VZW, "geel", d.BUDDYWERKING, gebied="regio"),
        OrgSpec("Trajectgezel Kempen", S.VZW, "herentals", d.TRAJECTGEZEL, gebied="regio", vestigingen=("turnhout",)),
        OrgSpec("Vertrouwenspunt Jeugdhulp", S.VZW, None, d.VERTROUWENSPERSOON, gebied="vlaanderen", uren=""),
    ]


def _per_zone() -> list[OrgSpec]:
    """Teams and networks that work per zone, seated in the zone's main town."""
    specs: list[OrgSpec] = []
    for (clb, zone), (jww, _) in zip(_CLB, _JEUGDWELZIJNSWERK, strict=True):
        centrum = CENTRUM[zone]
        naam_zone = zone.capitalize()
        specs += [
            OrgSpec(clb, S.CLB, centrum, d.CLB, gebied="zone", uren="voormiddag"),
            OrgSpec(jww, S.VZW, centrum, d.JEUGDWELZIJNSWERK, gebied="zone", uren="jongeren"),
            OrgSpec(
                f"Kind en Gezin – team {_titel(centrum)}",
                S.KIND_EN_GEZIN,
                centrum,
                d.KIND_EN_GEZIN,
                gebied="zone",
                hoofd="opgroeien-regio-kempen",
                domein="kind-en-gezin-kempen",
            ),
            OrgSpec(
                f"Welzijnsnetwerk {naam_zone}",
                S.SAMENWERKINGSVERBAND,
                centrum,
                d.SAMENWERKINGSVERBAND,
                gebied="zone",
                over=f"Samenwerkingsverband van de OCMW's, het CAW en de ziekenfondsen in ELZ {naam_zone} voor "
                "geïntegreerd breed onthaal (GBO), en van de partners van 1 Gezin 1 Plan.",
            ),
            OrgSpec(f"Zorgraad ELZ {naam_zone}", S.SAMENWERKINGSVERBAND, centrum, d.ZORGRAAD, gebied="zone"),
        ]
    return specs


def _zorg() -> list[OrgSpec]:
    return [
        OrgSpec(
            "Expertisecentrum Dementie Kempen",
            S.EXPERTISECENTRUM_DEMENTIE,
            "turnhout",
            z.EXPERTISECENTRUM_DEMENTIE,
            gebied="regio",
            domein="dementie-kempen",
        ),
        OrgSpec(
            "Mantelzorgpunt Kempen",
            S.MANTELZORGORGANISATIE,
            "herentals",
            z.MANTELZORG,
            gebied="regio",
            vestigingen=("geel",),
        ),
        OrgSpec("Ziekenhuis Kempenhart", S.ZIEKENHUIS, "turnhout", z.ZIEKENHUIS, gebied="regio"),
        OrgSpec("Ziekenhuis Netezorg", S.ZIEKENHUIS, "geel", z.ZIEKENHUIS, gebied="regio"),
        *(
            OrgSpec(naam, S.MUTUALITEIT, g, z.MUTUALITEIT + ((z.OPPASDIENST,) if oppas else ()), gebied="regio")
            for naam, g, oppas in _MUTUALITEITEN
        ),
        *(OrgSpec(naam, S.THUISVERPLEGING, g, z.THUISVERPLEGING, gebied="buren") for naam, g in _THUISVERPLEGING),
        *(
            OrgSpec(
                naam,
                S.GEZINSZORG,
                g,
                (*z.GEZINSZORG, *((z.NACHTOPPAS,) if nacht else ())),
                gebied=gebied,
                actief=naam not in INACTIEF,
            )
            for naam, g, nacht, gebied in _GEZINSZORG
        ),
        *(
            OrgSpec(naam, S.DAGVERZORGINGSCENTRUM, g, z.DAGVERZORGING, gebied="buren", uren="dag")
            for naam, g in _DAGVERZORGING
        ),
        *(
            OrgSpec(naam, S.WOONZORGCENTRUM, g, z.WOONZORGCENTRUM, gebied="buren", uren="bezoek")
            for naam, g in _WOONZORGCENTRA
        ),
    ]


def _hulplijnen() -> list[OrgSpec]:
    lijn = {"gebied": "vlaanderen", "uren": ""}
    return [
        OrgSpec("Tele-Onthaal", S.HULPLIJN, None, d.TELE_ONTHAAL, telefoon="106", **lijn),
        OrgSpec(
            "Zelfmoordlijn 1813", S.HULPLIJN, None, d.ZELFMOORDLIJN, telefoon="1813", domein="zelfmoord1813", **lijn
        ),
        OrgSpec("Awel", S.HULPLIJN, None, d.AWEL, telefoon="102", **lijn),
        OrgSpec("Hulplijn 1712", S.HULPLIJN, None, d.HULPLIJN_1712, telefoon="1712", domein="1712", **lijn),
    ]
