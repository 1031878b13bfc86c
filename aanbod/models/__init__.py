"""The catalogue: geography, vocabularies, organisations, locations, support-form concepts and aanbod."""

from aanbod.models.aanbod import Aanbod, AanbodQuerySet, Openingsuur
from aanbod.models.begrip import Begrip
from aanbod.models.curatie import (
    Beheeractie,
    BevestigingAntwoord,
    Bevestigingsverzoek,
    Controle,
    ControleMethode,
    Importbestand,
    ImportStatus,
    Voorstel,
    VoorstelStatus,
)
from aanbod.models.geografie import Eerstelijnszone, Gemeente, GemeenteAlias, PostPlaats, ZoneLidmaatschap
from aanbod.models.medewerker import Curator, Medewerker
from aanbod.models.ondersteuningsvorm import Ondersteuningsvorm
from aanbod.models.organisatie import Locatie, Organisatie
from aanbod.models.suggestie import Suggestie, SuggestieSoort, SuggestieStatus
from aanbod.models.vocabularium import Doelgroep, Levensdomein, Thema, Toegangsweg

__all__ = [
    "Aanbod",
    "AanbodQuerySet",
    "Begrip",
    "Beheeractie",
    "BevestigingAntwoord",
    "Bevestigingsverzoek",
    "Controle",
    "ControleMethode",
    "Importbestand",
    "ImportStatus",
    "Voorstel",
    "VoorstelStatus",
    "Curator",
    "Doelgroep",
    "Eerstelijnszone",
    "Gemeente",
    "GemeenteAlias",
    "Levensdomein",
    "Locatie",
    "Medewerker",
    "Ondersteuningsvorm",
    "Openingsuur",
    "Organisatie",
    "PostPlaats",
    "Suggestie",
    "SuggestieSoort",
    "SuggestieStatus",
    "Thema",
    "Toegangsweg",
    "ZoneLidmaatschap",
]
