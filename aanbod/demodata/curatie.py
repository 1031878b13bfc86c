"""Demo curation state: a few open reports from the field in Kempenland, so the curator's dashboard
and inbox have something to do. The demo aanbod already has realistic check dates (a quarter is older
than six months, see ``bouwstenen.gecontroleerd_op``); this adds only what the plan lacks.

Idempotent: a report is matched on its zone, aanbod and text; a second run creates nothing.
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from aanbod.models import Aanbod, Eerstelijnszone, Suggestie, SuggestieSoort, SuggestieStatus
from aanbod.models.suggestie import ANTWOORDTERMIJN
from aanbod.referentiedata import Telling

ZONE = "kempenland"

# (aanbod index in the zone's list by slug or None for "ontbreekt", soort, text, e-mail, days ago)
MELDINGEN = [
    (0, SuggestieSoort.FOUT, "Het telefoonnummer op de pagina werkt niet meer, we kregen een ander nummer.", "", 3),
    (
        1,
        SuggestieSoort.FOUT,
        "De wachtlijst is intussen veel langer dan wat hier staat (eerder 3 maanden).",
        "melder@voorbeeld.be",
        20,
    ),
    (2, SuggestieSoort.FOUT, "Dit aanbod verhuisde vorige maand naar een ander adres in de gemeente.", "", 9),
    (
        None,
        SuggestieSoort.ONTBREEKT,
        "Ik vind geen praatgroep voor jonge mantelzorgers in de buurt van Geel.",
        "mantelzorger@voorbeeld.be",
        1,
    ),
]


def laad_demo_curatie() -> Telling:
    zone = Eerstelijnszone.objects.filter(code=ZONE).first()
    if zone is None:
        return Telling()
    aanbod = list(
        Aanbod.objects.filter(Q(werkingsgebied_zones=zone) | Q(werkingsgebied_gemeenten__zones=zone))
        .filter(is_fictief=True)
        .distinct()
        .order_by("slug")[:3]
    )
    telling = Telling()
    vandaag = timezone.localdate()
    for index, soort, tekst, email, dagen_geleden in MELDINGEN:
        over = aanbod[index] if index is not None and index < len(aanbod) else None
        if index is not None and over is None:
            continue
        if Suggestie.objects.filter(zone=zone, aanbod=over, beschrijving=tekst).exists():
            telling.ongewijzigd += 1
            continue
        suggestie = Suggestie.objects.create(
            soort=soort,
            aanbod=over,
            zone=zone,
            beschrijving=tekst,
            email=email,
            zoekvraag="praatgroep jonge mantelzorgers" if over is None else "",
            status=SuggestieStatus.NIEUW,
            antwoord_uiterlijk=vandaag - timedelta(days=dagen_geleden) + ANTWOORDTERMIJN,
        )
        # Received some days ago (auto_now_add sets now): one of them is past its response deadline.
        Suggestie.objects.filter(pk=suggestie.pk).update(aangemaakt_op=timezone.now() - timedelta(days=dagen_geleden))
        telling.aangemaakt += 1
    return telling
