"""The services (diensten) of the demo organisations, per kind of organisation, in plain Dutch.

``concept`` names the slug of a support-form concept in ``fixtures/catalogus/ondersteuningsvormen.json``;
a slug the fixture does not know leaves the aanbod without concept (its facets then come from here).
"""

from aanbod.constants import Kostprijs
from aanbod.demodata.spec import Dienst

# --- OCMW / Sociaal Huis (one per municipality) -------------------------------------------------------
OCMW = (
    Dienst(
        "sociale-dienst",
        "Sociale dienst OCMW {gemeente}",
        "Bij de sociale dienst kun je terecht als je moeilijk rondkomt of vragen hebt over leefloon, huur, "
        "energie of medische kosten. Een maatschappelijk werker luistert naar je situatie en bekijkt samen met "
        "jou op welke rechten, premies en tegemoetkomingen je aanspraak maakt. Wie dringend hulp nodig heeft, "
        "krijgt dezelfde dag nog een gesprek.",
        "dg:iedereen,armoede,volwassenen ld:inkomen,administratie,wonen th:armoede tw:zelf,professional",
        concept="ocmw-sociale-dienst",
        werkvormen="ter_plaatse,aan_huis",
        mail="sociale.dienst",
        meebrengen="Je identiteitskaart, bewijzen van je inkomsten en van je vaste kosten (huur, energie).",
    ),
    Dienst(
        "schuldbemiddeling",
        "Schuldbemiddeling {gemeente}",
        "Heb je schulden en zie je geen uitweg meer? De dienst schuldbemiddeling maakt samen met jou een "
        "overzicht van al je schulden, neemt contact op met je schuldeisers en onderhandelt over een haalbaar "
        "afbetalingsplan. Ook met vragen over aanmaningen, een deurwaarder of collectieve schuldenregeling kun "
        "je bij ons terecht.",
        "dg:armoede,volwassenen ld:inkomen,juridisch th:schulden,armoede tw:zelf,professional",
        concept="schuldbemiddeling",
        drukte="hoog",
        mail="schuldbemiddeling",
        meebrengen="Alle brieven van schuldeisers en deurwaarders, je loonbrieven of uitkeringsattesten.",
    ),
    Dienst(
        "budgetbeheer",
        "Budgetbegeleiding en budgetbeheer {gemeente}",
        "Bij budgetbegeleiding leer je stap voor stap je budget opmaken, je rekeningen op tijd betalen en sparen "
        "voor onverwachte kosten. Lukt dat even niet, dan ontvangt het OCMW in budgetbeheer je inkomsten, "
        "betaalt het je vaste kosten en krijg je wekelijks leefgeld. Samen werken we ernaar dat je je geld weer "
        "zelf kunt beheren.",
        "dg:armoede,volwassenen ld:inkomen,administratie th:schulden,armoede tw:zelf,professional",
        concept="budgetbeheer-budgetbegeleiding",
        drukte="hoog",
        mail="budget",
    ),
    Dienst(
        "gpmi",
        "Trajectbegeleiding met GPMI {gemeente}",
        "Krijg je een leefloon, dan maak je samen met je maatschappelijk werker een geïndividualiseerd project "
        "voor maatschappelijke integratie (GPMI). Daarin staan afspraken over wat jij wilt bereiken – een "
        "opleiding, werk, Nederlands leren, een stabiele woonsituatie – en welke steun je daarvoor krijgt. Je "
        "trajectbegeleider volgt het plan regelmatig met je op.",
        concept="ocmw-trajectbegeleiding-gpmi",
        mail="sociale.dienst",
    ),
    Dienst(
        "lokaal-dienstencentrum",
        "Lokaal dienstencentrum {ldc} ({gemeente})",
        "In lokaal dienstencentrum {ldc} ontmoet je andere inwoners bij een kop koffie of een warme "
        "middagmaaltijd. Er zijn activiteiten zoals bewegen voor senioren, een computercafé, vorming en "
        "uitstappen. Mantelzorgers vinden er informatie en een luisterend oor, en de medewerkers helpen bij "
        "kleine vragen over thuiszorg, premies of papieren.",
        "dg:ouderen,mantelzorgers,iedereen ld:sociaal_netwerk,vrije_tijd,zorg "
        "th:eenzaamheid,vrije_tijd,ouderenzorg,mantelzorg tw:zelf",
        concept="lokaal-dienstencentrum",
        kostprijs=Kostprijs.BIJDRAGE,
        kostprijs_toelichting="Activiteiten en maaltijden tegen een kleine bijdrage; korting met UiTPAS.",
        eigen_locatie=True,
        drukte="laag",
        mail="dienstencentrum",
    ),
    Dienst(
        "thuiszorgdiensten",
        "Maaltijden aan huis en thuiszorgdiensten {gemeente}",
        "Lukt koken of boodschappen doen niet meer? Het Sociaal Huis brengt op werkdagen een warme maaltijd aan "
        "huis en regelt ook klusjeshulp, poetshulp en een personenalarm. Samen met jou en je mantelzorgers kijken "
        "we welke hulp nodig is om veilig thuis te blijven wonen.",
        "dg:ouderen,zorgbehoevenden ld:zorg th:thuiszorg,ouderenzorg tw:zelf,professional",
        kostprijs=Kostprijs.INKOMEN,
        kostprijs_toelichting="Prijs volgens inkomen; een maaltijd kost tussen € 6 en € 10.",
        werkvormen="aan_huis",
        mail="thuiszorg",
    ),
    Dienst(
        "energie-en-wonen",
        "Hulp bij energie, water en woonpremies {gemeente}",
        "Heb je een hoge energiefactuur, een achterstal bij je leverancier of een budgetmeter? Je krijgt uitleg "
        "over het sociaal tarief, de stookoliepremie en renovatiepremies, en we bemiddelen bij "
        "betalingsproblemen met je energieleverancier. Een energiesnoeier komt op vraag gratis langs met tips om "
        "te besparen.",
        "dg:iedereen,armoede ld:wonen,inkomen th:wonen,armoede,schulden tw:zelf,professional",
        werkvormen="ter_plaatse,aan_huis",
        drukte="laag",
        mail="energie",
    ),
)
GEZINSCOACHING = Dienst(
    "gezinscoaching",
    "Gezinscoaching {gemeente}",
    "Een gezinscoach staat naast gezinnen die het heel moeilijk hebben, zo lang als nodig. Samen bepalen jullie "
    "waaraan je werkt: geld, wonen, gezondheid, school of opvoeding. De coach komt aan huis, gaat mee naar "
    "diensten en komt op voor jullie belangen. Er is geen vast plan en geen tijdsdruk.",
    concept="gezinscoaching",
    gebied="buren",
    werkvormen="aan_huis",
    drukte="hoog",
)
PRAATCAFE_DEMENTIE = Dienst(
    "praatcafe-dementie",
    "Praatcafé dementie {gemeente}",
    "Elke maand organiseren het lokaal dienstencentrum en het expertisecentrum dementie een praatcafé dementie. "
    "Personen met dementie, partners, kinderen en andere mantelzorgers komen samen in een gezellige sfeer. Na een "
    "korte uiteenzetting over een thema – de diagnose, veranderend gedrag, respijtzorg, een opname – is er tijd "
    "om ervaringen te delen. Inschrijven hoeft niet.",
    "dg:personen_met_dementie,mantelzorgers ld:sociaal_netwerk,zorg th:dementie,mantelzorg,eenzaamheid tw:zelf",
    eigen_locatie=True,
    drukte="laag",
    mail="dienstencentrum",
)

# --- CAW Kempen (regional, with Veilig Huis as a department) -----------------------------------------
CAW = (
    Dienst(
        "onthaal",
        "CAW-onthaal",
        "Zit je met een vraag of een probleem en weet je niet waar je terecht kunt? Bij het onthaal van het CAW "
        "kun je zonder afspraak binnenlopen, bellen of chatten. We luisteren, zoeken samen wat je nodig hebt en "
        "helpen je meteen verder of verwijzen je warm door: bij vragen over relaties, geld, wonen, geweld, "
        "justitie of als je het even niet meer ziet zitten.",
        "dg:iedereen,volwassenen ld:relaties,wonen,inkomen,psychisch,juridisch "
        "th:geweld,wonen,geestelijke_gezondheid tw:zelf,professional",
        concept="caw-onthaal",
        werkvormen="ter_plaatse,telefoon,chat",
        uren="telefoon",
        drukte="laag",
        mail="onthaal",
    ),
    Dienst(
        "jac",
        "JAC Kempen – jongerenonthaal",
        "Het JAC is er voor jongeren en jongvolwassenen van 12 tot 25 jaar. Loop binnen, bel, mail of chat "
        "anoniem over wat je bezighoudt: problemen thuis of op school, geld, een plek om te wonen, relaties, "
        "seksualiteit of drugs. Heb je meer nodig dan een gesprek, dan begeleidt een JAC-medewerker je in een "
        "traject op jouw tempo.",
        "dg:jongeren,jongvolwassenen tw:zelf,professional",
        concept="jac-trajecten",
        vestigingen=("turnhout", "geel"),
        uren="jongeren",
        mail="jac",
    ),
    Dienst(
        "trajecten",
        "CAW-trajecten",
        "Als één gesprek niet volstaat, start je bij het CAW een begeleidingstraject. Een vaste hulpverlener werkt "
        "samen met jou aan je vragen over relaties, geld, wonen, justitie of je psychisch welzijn en brengt zo "
        "nodig andere diensten mee aan tafel. Afspraken maken we samen; je houdt zelf de regie.",
        concept="caw-trajecten",
        gebied="per_zone",
        drukte="hoog",
        mail="onthaal",
    ),
    Dienst(
        "wonen",
        "Woonbegeleiding en hulp bij dakloosheid",
        "Dreig je je woning te verliezen of heb je geen vaste plek om te slapen? Het CAW zoekt met jou naar een "
        "oplossing: crisisopvang, begeleid wonen of ondersteuning om je huurwoning te behouden. We werken samen "
        "met de OCMW's en de sociale huisvestingsmaatschappijen uit de regio.",
        "dg:dak_en_thuislozen,volwassenen ld:wonen th:wonen,armoede tw:zelf,professional,outreach",
        drukte="hoog",
        mail="wonen",
    ),
    Dienst(
        "partnergeweld",
        "Hulp bij partnergeweld en intrafamiliaal geweld",
        "Is er geweld in je relatie of in je gezin, of maak je je zorgen om iemand? Het CAW biedt een veilige plek "
        "om erover te praten, helpt bij een veiligheidsplan en zoekt samen met jou de juiste hulp, ook voor wie "
        "geweld pleegt. Bij acuut gevaar bel je 112; anoniem advies krijg je ook op 1712.",
        "dg:slachtoffers_geweld,volwassenen ld:veiligheid,relaties th:geweld tw:zelf,professional",
        mail="onthaal",
    ),
)
VEILIG_HUIS = (
    Dienst(
        "casusregie",
        "Casusregie bij intrafamiliaal geweld",
        "Bij ernstig of aanhoudend intrafamiliaal geweld, misbruik of verwaarlozing neemt het Veilig Huis de "
        "casusregie op. Professionals kunnen een situatie bespreken of aanmelden; samen met politie, justitie en "
        "hulpverlening maken we een gedragen plan van aanpak en houden we alle betrokken diensten op de hoogte.",
        concept="casusregie-veilig-huis",
        mail="veiligheid",
    ),
)

# --- Mental health, schools, young children -----------------------------------------------------------
CGG = (
    Dienst(
        "volwassenen",
        "CGG-behandeling voor volwassenen",
        "Het CGG biedt diagnostiek en behandeling voor volwassenen met ernstige of langdurige psychische "
        "problemen zoals depressie, angst, trauma of psychose. Een team van psychologen, psychiaters en "
        "maatschappelijk werkers stelt samen met jou een behandelplan op. Meestal meldt je huisarts je aan; je "
        "kunt ook zelf het aanmeldpunt bellen.",
        "dg:volwassenen,psychische_klachten ld:psychisch th:geestelijke_gezondheid tw:zelf,professional",
        concept="centrum-geestelijke-gezondheidszorg",
        kostprijs=Kostprijs.BIJDRAGE,
        kostprijs_toelichting="Remgeld van € 11 per gesprek; verlaagd tarief mogelijk.",
        uren="telefoon",
        drukte="hoog",
        mail="aanmelding",
    ),
    Dienst(
        "kinderen-jongeren",
        "CGG voor kinderen en jongeren",
        "Kinderen en jongeren met emotionele problemen, gedragsproblemen of een vermoeden van een "
        "ontwikkelingsstoornis kunnen samen met hun ouders terecht bij het CGG. Ouders krijgen er ook antwoord op "
        "opvoedingsvragen die met de psychische problemen van hun kind te maken hebben.",
        "dg:kinderen,jongeren,ouders ld:psychisch,opvoeding th:geestelijke_gezondheid,opvoeding tw:zelf,professional",
        concept="centrum-geestelijke-gezondheidszorg",
        leeftijd=(0, 17),
        kostprijs=Kostprijs.BIJDRAGE,
        kostprijs_toelichting="Remgeld van € 11 per gesprek; gratis voor wie het moeilijk heeft.",
        drukte="hoog",
        mail="aanmelding",
    ),
    Dienst(
        "ouderen",
        "Ouderenteam CGG",
        "Het ouderenteam helpt 60-plussers met somberheid, angst, rouw of beginnende dementie, en hun "
        "mantelzorgers. De gesprekken kunnen ook bij je thuis of in het woonzorgcentrum plaatsvinden.",
        "dg:ouderen,mantelzorgers,personen_met_dementie ld:psychisch "
        "th:geestelijke_gezondheid,dementie,ouderenzorg tw:professional",
        concept="centrum-geestelijke-gezondheidszorg",
        leeftijd=(60, None),
        werkvormen="ter_plaatse,aan_huis",
        drukte="hoog",
        mail="aanmelding",
    ),
    Dienst(
        "zelfmoordpreventie",
        "Zelfmoordpreventie en opvolging na een poging",
        "Heb je zelfmoordgedachten of maak je je zorgen om iemand? Het CGG biedt snelle opvang en kortdurende "
        "begeleiding na een zelfmoordpoging en ondersteunt nabestaanden. Huisartsen en spoeddiensten kunnen "
        "rechtstreeks aanmelden. Wie nu meteen wil praten, belt dag en nacht de Zelfmoordlijn op 1813.",
        "dg:psychische_klachten,jongvolwassenen,volwassenen ld:psychisch "
        "th:zelfmoordpreventie,geestelijke_gezondheid tw:zelf,professional",
        leeftijd=(16, None),
        drukte="normaal",
        mail="aanmelding",
    ),
    Dienst(
        "verslaving",
        "Hulp bij verslaving",
        "Maak je je zorgen over je gebruik van alcohol, medicatie of drugs, of over gokken en gamen? Bij het CGG "
        "krijg je advies, een behandeling op maat en steun voor je partner of familie.",
        "dg:verslaving,volwassenen,jongvolwassenen ld:gezondheid,psychisch th:verslaving tw:zelf,professional",
        leeftijd=(16, None),
        kostprijs=Kostprijs.BIJDRAGE,
        kostprijs_toelichting="Remgeld van € 11 per gesprek.",
        drukte="hoog",
        mail="aanmelding",
    ),
)
CLB = (
    Dienst(
        "leerlingenbegeleiding",
        "Leerlingenbegeleiding {org}",
        "Het CLB (centrum voor leerlingenbegeleiding) helpt leerlingen, ouders en scholen bij vragen over leren "
        "en studeren, de schoolloopbaan, gezondheid en psychisch en sociaal functioneren. Ook voor het medisch "
        "onderzoek, inentingen en spijbelen kun je bij het CLB terecht. De begeleiding is gratis en "
        "vertrouwelijk.",
        "dg:leerlingen,ouders,kinderen,jongeren ld:onderwijs,gezondheid,psychisch th:onderwijs tw:zelf,professional",
        leeftijd=(2, 25),
        werkvormen="ter_plaatse,chat",
        drukte="laag",
    ),
    Dienst(
        "draaischijf",
        "CLB als draaischijf naar hulp buiten de school",
        "Heeft een leerling meer nodig dan wat de school en het CLB zelf kunnen bieden, dan zoekt het CLB als "
        "draaischijf samen met de leerling en de ouders gepaste hulp buiten de school: jeugdhulp, geestelijke "
        "gezondheidszorg of ondersteuning bij een handicap. Het CLB meldt warm aan en houdt contact met de school "
        "en de hulpverlening.",
        concept="draaischijffunctie-clb",
    ),
)
HUIS_VAN_HET_KIND = (
    Dienst(
        "opvoedingsondersteuning",
        "Opvoedingsondersteuning {gemeente}",
        "Met opvoedingsvragen over slapen, eten, zindelijkheid, driftbuien, pesten of de puberteit kun je terecht "
        "bij het Huis van het Kind. Een opvoedingsondersteuner luistert, geeft tips op maat en komt op vraag bij "
        "je thuis. Er zijn ook infoavonden en praatgroepen waar ouders ervaringen uitwisselen.",
        "dg:ouders,gezinnen ld:opvoeding th:opvoeding tw:zelf,professional",
        concept="opvoedingsondersteuning-huis-van-het-kind",
        werkvormen="ter_plaatse,aan_huis,telefoon",
        drukte="laag",
        mail="opvoeding",
    ),
    Dienst(
        "consultatiebureau",
        "Consultatiebureau {gemeente}",
        "Op het consultatiebureau volgen een arts en een verpleegkundige de groei en ontwikkeling van je kind van "
        "0 tot 3 jaar. Je krijgt er de gratis vaccinaties en antwoord op vragen over voeding, slaap en verzorging.",
        "dg:gezinnen,aanstaande_ouders,kinderen ld:gezondheid,ontwikkeling th:gezondheid,opvoeding tw:zelf",
        leeftijd=(0, 3),
        drukte="normaal",
    ),
    Dienst(
        "ontmoeting",
        "Ontmoeting en speel-o-theek {gemeente}",
        "Kom met je kinderen naar de inloopmomenten van het Huis van het Kind. Ouders ontmoeten er andere ouders, "
        "kinderen spelen samen en in de speel-o-theek kun je speelgoed lenen.",
        "dg:gezinnen,kinderen,kwetsbare_gezinnen ld:sociaal_netwerk,ontwikkeling th:opvoeding,vrije_tijd tw:zelf",
        leeftijd=(0, 12),
        drukte="laag",
    ),
    Dienst(
        "loket-kinderopvang",
        "Loket kinderopvang {gemeente}",
        "Zoek je opvang voor je baby, peuter of schoolkind? Het loket kinderopvang geeft een overzicht van de "
        "vrije plaatsen in de buurt, helpt je met de aanvraag en zoekt mee naar een oplossing als je dringend "
        "opvang nodig hebt, bijvoorbeeld omdat je start met werk of een opleiding.",
        "dg:ouders,gezinnen,werkzoekenden ld:kinderopvang th:opvoeding tw:zelf,professional",
        leeftijd=(0, 12),
        werkvormen="ter_plaatse,telefoon,online",
        drukte="hoog",
        mail="kinderopvang",
    ),
)
BRUGFIGUREN = Dienst(
    "brugfiguren",
    "Brugfiguren in de scholen van {gemeente}",
    "Aan de schoolpoort en op oudercafés spreken de brugfiguren ouders aan die vragen hebben over school, geld, "
    "wonen of opvoeding. Ze maken de brug tussen gezin, school en buurt en zoeken samen met ouders de juiste hulp.",
    concept="brugfiguren",
)
KIND_EN_GEZIN = (
    Dienst(
        "lokaal-team",
        "Lokaal team Kind en Gezin {gemeente}",
        "Het lokale team van Kind en Gezin begeleidt (aanstaande) gezinnen met jonge kinderen. Een "
        "gezinsondersteuner komt op huisbezoek na de geboorte, volgt de ontwikkeling van je kind en helpt bij "
        "vragen over opvoeding, kinderopvang, geld of wonen. Gezinnen die het moeilijker hebben, krijgen "
        "intensievere steun en hulp om de weg naar andere diensten te vinden.",
        concept="lokale-teams-kind-en-gezin",
        werkvormen="aan_huis,ter_plaatse",
    ),
    Dienst(
        "prenataal",
        "Prenatale ondersteuning {gemeente}",
        "Ben je zwanger en heb je vragen, of weinig steun in je omgeving? Een vroedvrouw of gezinsondersteuner "
        "bereidt samen met jou de komst van je baby voor, ook als je nog niet lang in België woont.",
        "dg:aanstaande_ouders,kwetsbare_gezinnen,nieuwkomers ld:gezondheid,opvoeding th:gezondheid,opvoeding "
        "tw:zelf,professional",
        werkvormen="aan_huis,ter_plaatse",
    ),
)

# --- Handicap and youth care ---------------------------------------------------------------------------
DOP = (
    Dienst(
        "ondersteuningsplan",
        "DOP Kempen – hulp bij je ondersteuningsplan",
        "Wil je als persoon met een (vermoeden van) handicap ondersteuning aanvragen bij het VAPH, of weet je "
        "niet goed welke hulp je nodig hebt? De Dienst Ondersteuningsplan (DOP) helpt je gratis je vraag te "
        "verduidelijken, je netwerk in kaart te brengen en een ondersteuningsplan op te maken voor de aanvraag "
        "van een persoonsvolgend budget.",
        concept="dienst-ondersteuningsplan",
        werkvormen="ter_plaatse,aan_huis",
        drukte="hoog",
    ),
    Dienst(
        "infosessies",
        "Infosessies persoonsvolgend budget",
        "Wat is een persoonsvolgend budget, hoe vraag je het aan en hoe besteed je het? In een infosessie van "
        "twee uur leggen we het stap voor stap uit, voor personen met een handicap, hun ouders en hulpverleners.",
        "dg:handicap,mantelzorgers,professionals ld:zorg,administratie th:handicap tw:zelf",
        leeftijd=(16, None),
        drukte="laag",
    ),
)
VAPH = (
    Dienst(
        "mobiele-begeleiding",
        "Mobiele en ambulante begeleiding",
        "Personen met een (vermoeden van) handicap krijgen begeleiding thuis of op ons kantoor, zonder dat een "
        "beslissing van het VAPH nodig is (rechtstreeks toegankelijke hulp). We helpen bij administratie, wonen, "
        "werk, vrije tijd en het uitbouwen van je netwerk.",
        "dg:handicap ld:zorg,wonen,administratie,sociaal_netwerk th:handicap tw:zelf,professional",
        kostprijs=Kostprijs.BIJDRAGE,
        kostprijs_toelichting="Bijdrage in punten; maximaal acht begeleidingen per jaar zonder VAPH-beslissing.",
        werkvormen="aan_huis,ter_plaatse",
        drukte="hoog",
    ),
    Dienst(
        "dagondersteuning",
        "Dagondersteuning",
        "Volwassenen met een verstandelijke of meervoudige beperking vinden bij ons een zinvolle dagbesteding: "
        "atelierwerk, tuinieren, koken, beweging en uitstappen, met begeleiding op maat.",
        "dg:handicap,volwassenen ld:werk,vrije_tijd,zorg th:handicap tw:itp",
        leeftijd=(18, None),
        kostprijs=Kostprijs.BIJDRAGE,
        kostprijs_toelichting="Te betalen met je persoonsvolgend budget.",
        drukte="hoog",
    ),
    Dienst(
        "contextbegeleiding",
        "Contextbegeleiding bij een handicap",
        "Een contextbegeleider komt aan huis bij gezinnen met een kind of jongere met een handicap. Samen zoeken "
        "we naar wat het gezin draagkrachtig houdt: dagelijkse routines, omgaan met moeilijk gedrag, "
        "afstemming met school en vrije tijd.",
        concept="contextbegeleiding-vaph",
        werkvormen="aan_huis",
        drukte="hoog",
    ),
    Dienst(
        "zorgregisseur",
        "Zorgregisseur",
        "Heb jij of heeft je kind een handicap en zoek je de juiste zorg? De zorgregisseur luistert naar je vragen, "
        "helpt bij aanvragen, brengt je in contact met diensten en volgt op of alles goed loopt – ook als je (nog) "
        "geen ondersteuning van onze eigen organisatie krijgt.",
        concept="zorgregisseur",
        werkvormen="ter_plaatse,aan_huis,telefoon",
    ),
)
JEUGDHULP = (
    Dienst(
        "contextbegeleiding",
        "Contextbegeleiding jeugdhulp",
        "Bij contextbegeleiding komt een begeleider wekelijks bij het gezin thuis. Samen met ouders en kinderen "
        "werken we aan wat thuis moeilijk loopt: ruzies, regels, schoolproblemen of zorgen over veiligheid, "
        "steeds met aandacht voor wat al goed gaat.",
        concept="contextbegeleiding-jeugdhulp",
        werkvormen="aan_huis",
        drukte="hoog",
    ),
    Dienst(
        "dagbegeleiding",
        "Dagbegeleiding in groep",
        "Kinderen en jongeren komen na school naar de leefgroep voor huiswerkbegeleiding, spel en gesprekken; "
        "ouders krijgen tegelijk ondersteuning bij de opvoeding.",
        "dg:kinderen,jongeren,ouders ld:opvoeding,onderwijs th:jeugdhulp,opvoeding tw:itp,professional",
        leeftijd=(6, 18),
        drukte="hoog",
    ),
    Dienst(
        "crisishulp",
        "Crisishulp aan huis",
        "Als het thuis zo escaleert dat een kind of jongere misschien niet meer thuis kan blijven, komt een "
        "crisishulpverlener binnen 24 uur langs en begeleidt het gezin vier tot zes weken intensief.",
        "dg:gezinnen,verontrusting,jongeren ld:opvoeding,veiligheid,relaties th:jeugdhulp tw:professional",
        leeftijd=(0, 18),
        werkvormen="aan_huis",
        drukte="normaal",
    ),
)

# --- Networks in the zone --------------------------------------------------------------------------------
SAMENWERKINGSVERBAND = (
    Dienst(
        "breed-onthaal",
        "Geïntegreerd breed onthaal {gemeente}",
        "Het OCMW, het CAW en de diensten maatschappelijk werk van de ziekenfondsen werken samen in één breed "
        "onthaal. Aan welk loket je ook aanklopt, we bekijken al je vragen samen, gaan actief na op welke rechten "
        "je aanspraak maakt en zorgen dat je je verhaal niet opnieuw hoeft te doen.",
        concept="geintegreerd-breed-onthaal",
        gebied="zone",
    ),
    Dienst(
        "een-gezin-een-plan",
        "1 Gezin 1 Plan {gemeente}",
        "Bij 1 Gezin 1 Plan (1G1P) krijgt een gezin met vragen op verschillende levensdomeinen één vaste "
        "begeleider en één gezinsplan. Alle betrokken hulpverleners werken samen aan dat plan, zodat ouders niet "
        "bij elke dienst opnieuw moeten beginnen. Ook gezinnen op een wachtlijst krijgen zo al ondersteuning.",
        concept="1-gezin-1-plan",
        gebied="zone",
    ),
)
ZORGRAAD = (
    Dienst(
        "zorgcoordinatie",
        "Zorgcoördinatie {gemeente}",
        "Komen er bij jou thuis veel zorgverleners over de vloer? De zorgraad helpt jou en je zorgverleners om "
        "één van hen als zorgcoördinator aan te duiden, ondersteunt het zorgplan en organiseert een overleg met "
        "iedereen rond de tafel wanneer de situatie verandert.",
        concept="zorgcoordinatie",
        gebied="zone",
    ),
    Dienst(
        "doelgerichte-zorg",
        "Doelgerichte zorg {gemeente}",
        "Wat is voor jou belangrijk in je leven? Bij doelgerichte zorg vertrekken huisarts, thuisverpleging en "
        "andere zorgverleners van jouw eigen levensdoelen en stemmen ze de zorg daarop af. De zorgraad begeleidt "
        "zorgverleners die zo willen werken.",
        concept="doelgerichte-zorg",
        gebied="zone",
    ),
)

# --- Youth work, justice and access to youth care -----------------------------------------------------
JEUGDWELZIJNSWERK = (
    Dienst(
        "jeugdwelzijnswerk",
        "Jeugdwelzijnswerk {gemeente}",
        "Kinderen en jongeren uit kwetsbare buurten vinden bij ons een plek om te spelen, te chillen en hun "
        "talenten te ontdekken: speelpleinwerking, huiswerkklas, jongerenwerk op straat. Wie met zorgen zit, "
        "kan praten met een jeugdwerker die warm doorverwijst als de jongere daar klaar voor is.",
        concept="jeugdwelzijnswerk",
        uren="jongeren",
        drukte="laag",
    ),
)
BUDDYWERKING = (
    Dienst(
        "buddy",
        "Buddywerking voor gezinnen {gemeente}",
        "Een buddy is een getrainde vrijwilliger die elke week een paar uur bij je gezin langskomt, als een vriend "
        "aan huis. Samen naar de school of het consultatiebureau gaan, meedenken over de opvoeding of gewoon "
        "een babbel: jij bepaalt wat belangrijk is. Een coach volgt elk duo op.",
        concept="buddywerking",
        gebied="per_zone",
    ),
)
TRAJECTGEZEL = (
    Dienst(
        "trajectgezel",
        "Trajectgezel {gemeente}",
        "Jongeren tussen 16 en 25 jaar die vastlopen op school, werk of thuis krijgen een trajectgezel: iemand "
        "die hen opzoekt waar ze zijn, samen doelen bepaalt en meegaat naar afspraken tot het weer lukt.",
        concept="trajectgezel",
        gebied="per_zone",
    ),
)
CONSULENT_OCJ = (
    Dienst(
        "consulent",
        "Consulent Ondersteuningscentrum Jeugdzorg",
        "Als er ernstige zorgen zijn over de veiligheid of ontwikkeling van een kind en vrijwillige hulp niet "
        "lukt, onderzoekt een consulent van het OCJ samen met het gezin en het netwerk wat nodig is. Na het "
        "onderzoek volgt een gesprek met het gezin en vaak ook met wie de situatie aanmeldde.",
        concept="consulenten-ocj-sdj-vk",
    ),
)
CONSULENT_SDJ = (
    Dienst(
        "consulent",
        "Consulent Sociale Dienst Jeugdrechtbank",
        "Heeft de jeugdrechter een maatregel opgelegd, dan volgt een consulent van de sociale dienst de situatie "
        "op, adviseert de rechter en zoekt samen met het gezin passende jeugdhulp.",
        concept="consulenten-ocj-sdj-vk",
    ),
)
TOEGANGSPOORT = (
    Dienst(
        "jeugdhulpregie",
        "Jeugdhulpregie en intersectorale toegangspoort",
        "Voor niet rechtstreeks toegankelijke jeugdhulp dient een hulpverlener een aanvraag in bij de "
        "toegangspoort. Het team beslist welke hulp nodig is en zoekt, waar er wachtlijsten zijn, via "
        "jeugdhulpregie samen met de aanbieders naar een tijdige oplossing.",
        concept="jeugdhulpregie",
    ),
)
VERTROUWENSPERSOON = (
    Dienst(
        "vertrouwenspersoon",
        "Vertrouwenspersoon in de jeugdhulp",
        "Als je als minderjarige jeugdhulp krijgt, mag je een vertrouwenspersoon kiezen die je bijstaat in "
        "gesprekken en opkomt voor je rechten. Weet je niemand in je omgeving, dan zoeken wij iemand voor je.",
        concept="vertrouwenspersoon-jeugdhulp",
    ),
)

ZORGGARANTIE = (
    Dienst(
        "zorggarantie",
        "Zorggarantie voor het jonge kind",
        "Als een baby of jong kind thuis niet veilig genoeg kan opgroeien en een uithuisplaatsing dreigt, brengt "
        "Opgroeien snel ouders, hun netwerk en de hulpverleners samen aan een zorgtafel. Samen maken jullie een "
        "plan zodat het kind veilig kan opgroeien, liefst thuis. Hulpverleners melden aan.",
        concept="zorggarantie-jonge-kind",
    ),
)
EERSTELIJNSPSYCHOLOOG = (
    Dienst(
        "eerstelijnspsycholoog",
        "Eerstelijnspsychologische zorg {gemeente}",
        "Zit je niet goed in je vel, pieker je veel of slaap je slecht? Voor enkele gesprekken kun je snel terecht "
        "bij een eerstelijnspsycholoog in je buurt, alleen of in een groep. Je betaalt maar een klein bedrag.",
        concept="eerstelijnspsychologische-zorg",
        gebied="per_zone",
        kostprijs_toelichting="€ 11 per individueel gesprek, € 4 per groepssessie; het eerste gesprek is gratis.",
        drukte="hoog",
    ),
)
CASEMANAGER_ZORG = (
    Dienst(
        "casemanager-zorg",
        "Casemanager zorg in een werk- en zorgtraject",
        "Wil je graag werken, maar lukt dat nu niet door gezondheidsproblemen, psychische problemen of zware "
        "zorgen thuis? In een werk- en zorgtraject krijg je een casemanager werk van VDAB en een casemanager zorg, "
        "die helpt met wat je tegenhoudt, en loop je stage op een echte werkplek.",
        concept="casemanager-zorg",
    ),
)
WOONMAATSCHAPPIJ = (
    Dienst(
        "sociale-huur",
        "Inschrijven voor een sociale huurwoning",
        "Zoek je een betaalbare huurwoning? Schrijf je in bij de woonmaatschappij; de huurprijs hangt af van je "
        "inkomen. Omdat de wachtlijst lang is, helpen we je ook om je inschrijving jaarlijks te actualiseren en "
        "verwijzen we naar huurpremies.",
        concept="woonmaatschappij-sociale-huur",
        drukte="hoog",
        mail="inschrijvingen",
        meebrengen="Identiteitskaart, aanslagbiljet van de personenbelasting van drie jaar geleden, "
        "inburgerings- of taalattest.",
    ),
)

# --- Flemish helplines (all of Flanders and Brussels) ---------------------------------------------------
TELE_ONTHAAL = (
    Dienst(
        "gesprekslijn",
        "Tele-Onthaal 106",
        "Wil je met iemand praten over wat je bezighoudt? Bij Tele-Onthaal kun je dag en nacht anoniem terecht op "
        "het gratis nummer 106 of via de chat. Vrijwilligers luisteren zonder te oordelen, ook als je eenzaam "
        "bent, je zorgen maakt of het even niet meer ziet zitten.",
        "dg:iedereen ld:psychisch,sociaal_netwerk th:eenzaamheid,geestelijke_gezondheid tw:zelf",
        concept="tele-onthaal",
        werkvormen="telefoon,chat",
        uren="dag_en_nacht",
        drukte="altijd",
    ),
)
ZELFMOORDLIJN = (
    Dienst(
        "zelfmoordlijn",
        "Zelfmoordlijn 1813",
        "Heb je zelfmoordgedachten of maak je je zorgen over iemand? Bel gratis en anoniem naar 1813 of chat via "
        "de website. Getrainde vrijwilligers en professionals zijn dag en nacht bereikbaar, ook voor nabestaanden "
        "na een zelfdoding.",
        "dg:iedereen,psychische_klachten ld:psychisch th:zelfmoordpreventie,geestelijke_gezondheid tw:zelf",
        concept="zelfmoordlijn-1813",
        werkvormen="telefoon,chat,online",
        uren="dag_en_nacht",
        drukte="altijd",
    ),
)
AWEL = (
    Dienst(
        "awel",
        "Awel 102",
        "Awel luistert naar kinderen en jongeren met een vraag, een verhaal of een probleem: over thuis, school, "
        "vrienden, verliefdheid of pesten. Bel gratis en anoniem naar 102, chat of mail. Je kunt ook bellen als je "
        "je zorgen maakt over een vriend of vriendin.",
        "dg:kinderen,jongeren ld:relaties,psychisch,onderwijs th:geestelijke_gezondheid,jeugdhulp tw:zelf",
        concept="awel-102",
        leeftijd=(6, 25),
        werkvormen="telefoon,chat,online",
        uren="jongeren",
        drukte="altijd",
    ),
)
HULPLIJN_1712 = (
    Dienst(
        "1712",
        "1712 – hulplijn voor geweld, misbruik en kindermishandeling",
        "Bel gratis en anoniem naar 1712 met vragen over geweld, misbruik en kindermishandeling, ook als je "
        "twijfelt of iets 'erg genoeg' is of als je je zorgen maakt over iemand anders. Een hulpverlener luistert, "
        "geeft advies en zoekt met jou wie verder kan helpen.",
        "dg:slachtoffers_geweld,verontrusting,iedereen ld:veiligheid,relaties th:geweld tw:zelf",
        concept="hulplijn-1712",
        werkvormen="telefoon,chat",
        uren="werkdagen",
        drukte="altijd",
    ),
)
