"""Services of the care organisations: care at home, mantelzorg and dementia, GPs and hospitals.

See ``aanbod.demodata.diensten`` for how ``concept`` is resolved.
"""

from aanbod.constants import Kostprijs
from aanbod.demodata.spec import Dienst

# --- Care at home, mantelzorg and dementia ---------------------------------------------------------------
MUTUALITEIT = (
    Dienst(
        "maatschappelijk-werk",
        "Dienst maatschappelijk werk",
        "De maatschappelijk werkers van het ziekenfonds helpen je bij vragen over ziekte, handicap of ouder "
        "worden: een zorgbudget aanvragen, hulpmiddelen, de verhoogde tegemoetkoming, terug aan het werk na "
        "ziekte. Ze komen ook aan huis en denken mee hoe je thuis kunt blijven wonen.",
        "dg:zorgbehoevenden,chronisch_zieken,mantelzorgers,ouderen ld:zorg,inkomen,administratie "
        "th:thuiszorg,ouderenzorg,mantelzorg tw:zelf,professional",
        concept="dienst-maatschappelijk-werk-ziekenfonds",
        werkvormen="ter_plaatse,aan_huis,telefoon",
        mail="maatschappelijk.werk",
    ),
)
OPPASDIENST = Dienst(
    "oppasdienst",
    "Oppasdienst voor zieken en personen met dementie",
    "Vrijwilligers van de oppasdienst blijven overdag, 's avonds of 's nachts bij je zieke partner, ouder of "
    "kind, ook bij dementie. Zo kun jij als mantelzorger even op adem komen, naar een afspraak gaan of "
    "gewoon slapen. Deze respijtzorg vraag je aan via de dienst maatschappelijk werk.",
    "dg:mantelzorgers,zorgbehoevenden,personen_met_dementie ld:zorg th:mantelzorg,dementie,thuiszorg "
    "tw:zelf,professional",
    concept="respijtzorg-oppashulp",
    kostprijs=Kostprijs.BIJDRAGE,
    kostprijs_toelichting="€ 3 tot € 5 per uur; korting voor leden met een verhoogde tegemoetkoming.",
    werkvormen="aan_huis",
    mail="oppas",
)
THUISVERPLEGING = (
    Dienst(
        "thuisverpleging",
        "Thuisverpleging {gemeente} en omgeving",
        "Verpleegkundigen verzorgen je thuis: wondzorg, inspuitingen, hulp bij wassen en aankleden, "
        "diabetesbegeleiding en palliatieve zorg. We werken samen met je huisarts en zijn 7 dagen op 7 "
        "bereikbaar. Met een voorschrift van de arts betaalt het ziekenfonds de thuisverpleging grotendeels "
        "terug.",
        "dg:zorgbehoevenden,chronisch_zieken,ouderen ld:gezondheid,zorg th:thuiszorg,gezondheid tw:zelf,professional",
        concept="thuisverpleging",
        kostprijs=Kostprijs.BIJDRAGE,
        kostprijs_toelichting="Derdebetalersregeling: je betaalt enkel het remgeld, of niets bij een verhoogde "
        "tegemoetkoming.",
        werkvormen="aan_huis,telefoon",
        uren="thuiszorg",
        drukte="laag",
        eigen_telefoon=True,
    ),
    Dienst(
        "palliatieve-zorg",
        "Palliatieve thuiszorg {gemeente}",
        "Wie ongeneeslijk ziek is en thuis wil blijven, krijgt van onze verpleegkundigen comfortzorg, "
        "pijnbestrijding in overleg met de huisarts en steun voor partner en familie, samen met het "
        "palliatief netwerk van de regio.",
        "dg:zorgbehoevenden,chronisch_zieken,mantelzorgers ld:gezondheid,zorg th:thuiszorg,gezondheid,mantelzorg "
        "tw:professional",
        kostprijs=Kostprijs.GRATIS,
        kostprijs_toelichting="Palliatief forfait via het ziekenfonds; geen remgeld.",
        werkvormen="aan_huis",
        drukte="normaal",
    ),
)
GEZINSZORG = (
    Dienst(
        "gezinszorg",
        "Gezinszorg",
        "Verzorgenden helpen bij de persoonsverzorging, het huishouden, boodschappen en de zorg voor kinderen "
        "wanneer dat door ziekte, handicap, ouderdom of een moeilijke gezinssituatie niet lukt. Ze ondersteunen "
        "ook mantelzorgers, bijvoorbeeld bij de zorg voor een partner met dementie.",
        "dg:zorgbehoevenden,ouderen,gezinnen,mantelzorgers ld:zorg th:thuiszorg,mantelzorg,ouderenzorg "
        "tw:zelf,professional",
        concept="gezinszorg",
        kostprijs=Kostprijs.INKOMEN,
        kostprijs_toelichting="Bijdrage per uur, berekend op je inkomen en gezinssituatie.",
        werkvormen="aan_huis",
        drukte="hoog",
    ),
)
NACHTOPPAS = Dienst(
    "nachtoppas",
    "Oppashulp en nachtzorg",
    "Een verzorgende of vrijwilliger blijft 's nachts of een halve dag bij je partner of ouder met dementie of "
    "een zware zorgnood, zodat jij als mantelzorger kunt rusten. Deze respijtzorg plannen we samen met jou.",
    "dg:mantelzorgers,personen_met_dementie,zorgbehoevenden ld:zorg th:mantelzorg,dementie,thuiszorg tw:zelf",
    concept="respijtzorg-oppashulp",
    kostprijs=Kostprijs.INKOMEN,
    werkvormen="aan_huis",
    drukte="hoog",
)
DAGVERZORGING = (
    Dienst(
        "dagverzorging",
        "Dagverzorging {gemeente}",
        "Ouderen en personen met dementie die thuis wonen, komen overdag naar het dagverzorgingscentrum voor "
        "verzorging, een warme maaltijd, activiteiten en gezelschap. Zo blijft thuis wonen mogelijk en krijgen "
        "mantelzorgers tijd voor zichzelf. Vervoer van en naar huis kan geregeld worden.",
        "dg:ouderen,personen_met_dementie,mantelzorgers ld:zorg,sociaal_netwerk "
        "th:dementie,mantelzorg,ouderenzorg tw:zelf,professional",
        concept="dagverzorgingscentrum",
        leeftijd=(60, None),
        kostprijs=Kostprijs.BIJDRAGE,
        kostprijs_toelichting="Dagprijs rond € 30, vervoer apart; het ziekenfonds betaalt een deel terug.",
        drukte="hoog",
    ),
)
WOONZORGCENTRUM = (
    Dienst(
        "kortverblijf",
        "Kortverblijf in {org}",
        "Wil je als mantelzorger even op adem komen, of is er na een ziekenhuisopname tijdelijk meer zorg nodig? "
        "In kortverblijf logeert je partner of ouder enkele dagen tot maximaal drie maanden per jaar in het "
        "woonzorgcentrum, met dezelfde zorg als de vaste bewoners. Ook personen met dementie zijn welkom.",
        "dg:ouderen,mantelzorgers,personen_met_dementie ld:zorg th:mantelzorg,ouderenzorg,dementie "
        "tw:zelf,professional",
        concept="kortverblijf",
        leeftijd=(65, None),
        kostprijs=Kostprijs.BIJDRAGE,
        kostprijs_toelichting="Dagprijs tussen € 60 en € 75, zorgkosten via het ziekenfonds.",
        drukte="hoog",
        mail="kortverblijf",
    ),
    Dienst(
        "wonen",
        "Wonen in {org}",
        "Als thuis wonen niet meer lukt, biedt het woonzorgcentrum een eigen kamer met zorg dag en nacht. Er is "
        "een aparte leefgroep voor bewoners met dementie en een ruime tuin.",
        "dg:ouderen,personen_met_dementie,zorgbehoevenden ld:wonen,zorg th:ouderenzorg,dementie tw:zelf,professional",
        leeftijd=(65, None),
        kostprijs=Kostprijs.BIJDRAGE,
        kostprijs_toelichting="Dagprijs tussen € 62 en € 78; het OCMW helpt als je pensioen niet volstaat.",
        drukte="hoog",
        mail="opname",
    ),
)
EXPERTISECENTRUM_DEMENTIE = (
    Dienst(
        "advies",
        "Advies en begeleiding bij dementie",
        "Heb je vragen over geheugenproblemen of dementie, bij jezelf of bij iemand in je omgeving? Het "
        "expertisecentrum dementie geeft advies op maat aan personen met dementie, mantelzorgers en "
        "professionals: na de diagnose, bij veranderend gedrag, over hulpmiddelen en over hoe lang thuis wonen nog "
        "kan. Een consulent komt ook aan huis.",
        "dg:personen_met_dementie,mantelzorgers,professionals ld:zorg,psychisch th:dementie,mantelzorg "
        "tw:zelf,professional",
        concept="expertisecentrum-dementie",
        werkvormen="ter_plaatse,aan_huis,telefoon",
        uren="werkdagen",
    ),
    Dienst(
        "vorming",
        "Vorming en coaching rond dementie voor professionals",
        "Thuiszorgdiensten, woonzorgcentra, huisartsen en lokale besturen kunnen bij ons terecht voor vorming, "
        "casusbesprekingen en coaching rond dementie, ook voor het uitbouwen van een dementievriendelijke gemeente.",
        "dg:professionals ld:zorg th:dementie tw:zelf",
        kostprijs=Kostprijs.BIJDRAGE,
        kostprijs_toelichting="Vormingen tegen kostprijs; casusbesprekingen gratis.",
        drukte="laag",
    ),
    Dienst(
        "gespreksgroep",
        "Gespreksgroep voor mantelzorgers van personen met dementie",
        "In een kleine groep leren mantelzorgers wat dementie met hun naaste doet, hoe ze ermee kunnen omgaan en "
        "hoe ze zelf overeind blijven. Acht bijeenkomsten, begeleid door een consulent dementie.",
        "dg:mantelzorgers ld:sociaal_netwerk,psychisch th:dementie,mantelzorg tw:zelf,professional",
        drukte="normaal",
    ),
)
MANTELZORG = (
    Dienst(
        "mantelzorgondersteuning",
        "Mantelzorgondersteuning",
        "Zorg je voor een partner, ouder, kind of buur? Bij het mantelzorgpunt krijg je informatie over premies en "
        "verlof voor mantelzorgers, een luisterend oor als het te zwaar wordt en hulp om de zorg te verdelen in je "
        "netwerk. We organiseren ook lotgenotencontact en vormingen.",
        "dg:mantelzorgers ld:zorg,sociaal_netwerk,inkomen th:mantelzorg tw:zelf,professional",
        concept="mantelzorgondersteuning",
        werkvormen="ter_plaatse,telefoon,online",
        uren="werkdagen",
        drukte="laag",
    ),
    Dienst(
        "respijtzorg",
        "Respijtzorg en oppashulp",
        "Even op adem komen als mantelzorger: vrijwilligers nemen overdag of 's nachts de zorg thuis over, en we "
        "helpen je de weg te vinden naar dagverzorging, kortverblijf en vakantieverblijven met zorg. Ook voor "
        "mantelzorgers van personen met dementie.",
        "dg:mantelzorgers,personen_met_dementie,zorgbehoevenden ld:zorg th:mantelzorg,dementie,thuiszorg "
        "tw:zelf,professional",
        concept="respijtzorg-oppashulp",
        kostprijs=Kostprijs.BIJDRAGE,
        kostprijs_toelichting="€ 4 per uur oppas; gratis voor wie het financieel moeilijk heeft.",
        werkvormen="aan_huis",
        drukte="hoog",
        mail="oppas",
    ),
)
HUISARTS = (
    Dienst(
        "huisartsenzorg",
        "Huisartsenconsultaties en huisbezoeken",
        "Consultaties op afspraak, huisbezoeken voor wie niet mobiel is en opvolging van chronische ziekten zoals "
        "diabetes en hartfalen, samen met de praktijkverpleegkundige. 's Avonds en in het weekend bel je de "
        "huisartsenwachtpost op 1733.",
        "dg:iedereen ld:gezondheid th:gezondheid tw:zelf",
        concept="huisarts-huisartsenwachtpost",
        kostprijs=Kostprijs.BIJDRAGE,
        kostprijs_toelichting="Derdebetalersregeling: je betaalt enkel het remgeld.",
        werkvormen="ter_plaatse,aan_huis",
        drukte="normaal",
        mail="praktijk",
    ),
)
ZIEKENHUIS = (
    Dienst(
        "sociale-dienst",
        "Sociale dienst en ontslagmanagement {org}",
        "De sociale dienst van het ziekenhuis bereidt samen met jou en je familie het ontslag voor: thuiszorg, "
        "hulpmiddelen, kortverblijf of revalidatie. Je kunt er ook terecht met financiële of administratieve "
        "zorgen tijdens een opname.",
        "dg:zorgbehoevenden,chronisch_zieken,mantelzorgers ld:zorg,administratie,inkomen th:thuiszorg,gezondheid "
        "tw:zelf,professional",
        mail="sociale.dienst",
    ),
)
