"""Closed value lists of the catalogue, with Dutch labels.

Values that curators extend (doelgroepen, levensdomeinen, thema's, toegangswegen) are models in
``aanbod.models.vocabularium``; the lists here change only with the code.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisatieSoort(models.TextChoices):
    CAW = "caw", _("CAW (centrum algemeen welzijnswerk)")
    OCMW = "ocmw", _("OCMW / Sociaal Huis")
    CLB = "clb", _("CLB (centrum voor leerlingenbegeleiding)")
    CGG = "cgg", _("CGG (centrum geestelijke gezondheidszorg)")
    MUTUALITEIT = "mutualiteit", _("Ziekenfonds (mutualiteit)")
    HUISARTSENPRAKTIJK = "huisartsenpraktijk", _("Huisartsenpraktijk")
    THUISVERPLEGING = "thuisverpleging", _("Thuisverpleging")
    GEZINSZORG = "gezinszorg", _("Gezinszorg en thuiszorg")
    LOKAAL_DIENSTENCENTRUM = "lokaal_dienstencentrum", _("Lokaal dienstencentrum")
    WOONZORGCENTRUM = "woonzorgcentrum", _("Woonzorgcentrum")
    DAGVERZORGINGSCENTRUM = "dagverzorgingscentrum", _("Dagverzorgingscentrum")
    HUIS_VAN_HET_KIND = "huis_van_het_kind", _("Huis van het Kind")
    KIND_EN_GEZIN = "kind_en_gezin", _("Kind en Gezin")
    DOP = "dop", _("Dienst Ondersteuningsplan (DOP)")
    VAPH_VOORZIENING = "vaph_voorziening", _("VAPH-voorziening")
    JEUGDHULPAANBIEDER = "jeugdhulpaanbieder", _("Jeugdhulpaanbieder")
    EXPERTISECENTRUM_DEMENTIE = "expertisecentrum_dementie", _("Expertisecentrum dementie")
    MANTELZORGORGANISATIE = "mantelzorgorganisatie", _("Mantelzorgorganisatie")
    HULPLIJN = "hulplijn", _("Hulplijn")
    LOKAAL_BESTUUR = "lokaal_bestuur", _("Lokaal bestuur")
    OVERHEIDSDIENST = "overheidsdienst", _("Overheidsdienst")
    SAMENWERKINGSVERBAND = "samenwerkingsverband", _("Samenwerkingsverband")
    ZIEKENHUIS = "ziekenhuis", _("Ziekenhuis")
    VZW = "vzw", _("Vereniging (vzw)")
    ANDERE = "andere", _("Andere")


class Kostprijs(models.TextChoices):
    GRATIS = "gratis", _("Gratis")
    BIJDRAGE = "bijdrage", _("Met een bijdrage")
    INKOMEN = "inkomen", _("Op basis van inkomen")


class Werkvorm(models.TextChoices):
    """How an aanbod is delivered (HSDS: service delivery / setting)."""

    TER_PLAATSE = "ter_plaatse", _("Ter plaatse")
    AAN_HUIS = "aan_huis", _("Aan huis")
    ONLINE = "online", _("Online")
    TELEFOON = "telefoon", _("Telefonisch")
    CHAT = "chat", _("Chat")


class Taal(models.TextChoices):
    """Languages in which help is offered (ISO 639 codes; ``vgt`` = Vlaamse Gebarentaal)."""

    NEDERLANDS = "nl", _("Nederlands")
    FRANS = "fr", _("Frans")
    ENGELS = "en", _("Engels")
    DUITS = "de", _("Duits")
    ARABISCH = "ar", _("Arabisch")
    TURKS = "tr", _("Turks")
    POOLS = "pl", _("Pools")
    ROEMEENS = "ro", _("Roemeens")
    RUSSISCH = "ru", _("Russisch")
    OEKRAIENS = "uk", _("Oekraïens")
    SPAANS = "es", _("Spaans")
    TIGRINYA = "ti", _("Tigrinya")
    DARI = "prs", _("Dari")
    PASJTOE = "ps", _("Pasjtoe")
    SOMALISCH = "so", _("Somalisch")
    BERBERS = "ber", _("Berbers (Tamazight)")
    GEBARENTAAL = "vgt", _("Vlaamse Gebarentaal")


class Capaciteit(models.TextChoices):
    ONBEKEND = "onbekend", _("Niet gekend")
    PLAATS_VRIJ = "plaats_vrij", _("Plaats vrij")
    BEPERKT = "beperkt", _("Beperkte plaats")
    VOLZET = "volzet", _("Volzet")
    WACHTLIJST = "wachtlijst", _("Wachtlijst")


class AanbodStatus(models.TextChoices):
    ACTIEF = "actief", _("Actief")
    TIJDELIJK_GESLOTEN = "tijdelijk_gesloten", _("Tijdelijk gesloten")
    STOPGEZET = "stopgezet", _("Stopgezet")


class Weekdag(models.IntegerChoices):
    MAANDAG = 1, _("maandag")
    DINSDAG = 2, _("dinsdag")
    WOENSDAG = 3, _("woensdag")
    DONDERDAG = 4, _("donderdag")
    VRIJDAG = 5, _("vrijdag")
    ZATERDAG = 6, _("zaterdag")
    ZONDAG = 7, _("zondag")


class MedewerkerRol(models.TextChoices):
    HULPVERLENER = "hulpverlener", _("Hulpverlener")
    REDACTEUR = "redacteur", _("Redacteur (beheert het aanbod van de organisatie)")


# Rough bounding box of Belgium: coordinates outside it are typing errors (swapped lat/lon, …).
BELGIE_LAT = (49.45, 51.55)
BELGIE_LON = (2.5, 6.45)
MAX_LEEFTIJD = 120
