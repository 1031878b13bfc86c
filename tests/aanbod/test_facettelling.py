"""Facet counts of the search (``tel_resultaat``) against an oracle built from the link tables and fields.

The counts come from one SQL statement over the result set's own columns (``facetcodes``, migration 0010,
and the coverage arrays); here every count is recomputed in Python from the ORM, for a generated catalogue
and several result sets (everything, a municipality, a theme, a text query, a combination).
"""

from collections import Counter

import pytest
from django.db import connection

from aanbod.models import Aanbod, Gemeente, Thema, Toegangsweg, ZoneLidmaatschap
from aanbod.zoeken.dienst import pas_tekst_toe, tel_resultaat
from aanbod.zoeken.tekst import maak_zoekvraag
from tests.factories import AanbodFactory, gegenereerde_catalogus

pytestmark = pytest.mark.django_db

SEED = 31


@pytest.fixture(scope="module")
def catalogus(django_db_setup, django_db_blocker):
    with gegenereerde_catalogus(django_db_blocker, aantal=400, seed=SEED):
        yield


def orakel(queryset) -> dict[str, Counter]:
    """Per facet, the number of aanbod in ``queryset`` per value, from the link tables and the fields."""
    zones_van_gemeente: dict[int, set[int]] = {}
    for lid in ZoneLidmaatschap.objects.all():
        zones_van_gemeente.setdefault(lid.gemeente_id, set()).add(lid.zone_id)
    zone_code = dict(ZoneLidmaatschap.objects.values_list("zone_id", "zone__code"))
    facetten = ("thema", "doelgroep", "levensdomein", "toegang", "zone", "kostprijs", "capaciteit", "werkvorm", "taal")
    tellingen: dict[str, Counter] = {f: Counter() for f in facetten}
    rijen = Aanbod.objects.filter(pk__in=queryset.values("pk")).prefetch_related(
        "themas", "doelgroepen", "levensdomeinen", "toegangswegen", "werkingsgebied_zones", "werkingsgebied_gemeenten"
    )
    for aanbod in rijen:
        for facet, veld in (
            ("thema", "themas"),
            ("doelgroep", "doelgroepen"),
            ("levensdomein", "levensdomeinen"),
            ("toegang", "toegangswegen"),
        ):
            tellingen[facet].update({t.code for t in getattr(aanbod, veld).all()})
        zones = {z.pk for z in aanbod.werkingsgebied_zones.all()}
        for gemeente in aanbod.werkingsgebied_gemeenten.all():
            zones |= zones_van_gemeente.get(gemeente.pk, set())
        tellingen["zone"].update({zone_code[z] for z in zones})
        tellingen["kostprijs"][aanbod.kostprijs] += 1
        tellingen["capaciteit"][aanbod.capaciteit] += 1
        tellingen["werkvorm"].update(set(aanbod.werkvormen))
        tellingen["taal"].update(set(aanbod.talen))
    return tellingen


def geteld(queryset) -> tuple[int, dict[str, Counter]]:
    telling = tel_resultaat(queryset)
    per_facet: dict[str, Counter] = {}
    for facet, code, _label, _volgorde, aantal in telling.rijen:
        per_facet.setdefault(facet, Counter())[code] = aantal
    return telling.totaal, per_facet


def resultaatsets():
    gent = Gemeente.objects.get(nis_code="44021")
    thema = Thema.objects.order_by("pk").first()
    tekst = maak_zoekvraag("opvoeding").alle
    return {
        "alles": Aanbod.objects.zichtbaar(),
        "gent": Aanbod.objects.zichtbaar().voor_gemeente(gent),
        "thema": Aanbod.objects.zichtbaar().filter(thema_ids__overlap=[thema.pk]),
        "tekst": pas_tekst_toe(Aanbod.objects.zichtbaar(), tekst),
        "tekst in gent": pas_tekst_toe(Aanbod.objects.zichtbaar().voor_gemeente(gent), tekst),
    }


def test_facettellingen_zijn_die_van_de_koppeltabellen_en_velden(catalogus):
    for naam, queryset in resultaatsets().items():
        totaal, per_facet = geteld(queryset)
        assert totaal == queryset.count(), naam
        verwacht = orakel(queryset)
        for facet, waarden in verwacht.items():
            # Choice values outside the current choices are left out later (Facettelling.facetten), not here.
            assert per_facet.get(facet, Counter()) == +waarden, (naam, facet)
        assert set(per_facet) <= set(verwacht), naam
    alles = orakel(Aanbod.objects.zichtbaar())
    assert len(alles["thema"]) > 5 and len(alles["zone"]) > 20 and len(alles["taal"]) > 2  # not vacuous


def facetcodes(aanbod) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT facetcodes FROM aanbod_aanbod WHERE id = %s", [aanbod.pk])
        return cursor.fetchone()[0]


def test_facetcodes_volgen_elke_wijziging():
    aanbod = AanbodFactory(kostprijs="gratis", capaciteit="onbekend", talen=["nl"], werkvormen=["telefoon"])
    thema = Thema.objects.order_by("pk").first()
    toegang = Toegangsweg.objects.order_by("pk").first()
    aanbod.themas.set([thema])
    aanbod.toegangswegen.add(toegang)
    codes = facetcodes(aanbod)
    assert {f"t{thema.pk}", f"a{toegang.pk}", "kgratis", "conbekend", "gnl", "wtelefoon"} <= set(codes)
    Aanbod.objects.filter(pk=aanbod.pk).update(kostprijs="bijdrage", talen=["nl", "fr"])
    aanbod.themas.clear()
    codes = facetcodes(aanbod)
    assert "kbijdrage" in codes and "kgratis" not in codes and "gfr" in codes
    assert not [c for c in codes if c.startswith("t")]
