"""Query parsing: normalisation, prefixes, phrases and synonyms (pure Python)."""

import pytest

from aanbod.zoeken.tekst import Synoniemen, maak_zoekvraag, normaliseer

SYNONIEMEN = Synoniemen.uit_lijsten(
    [
        ["DOP", "D.O.P.", "Dienst Ondersteuningsplan"],
        ["1G1P", "1 gezin 1 plan", "een gezin een plan"],
        ["MDO", "multidisciplinair overleg"],
        ["schuldbemiddeling", "schuldhulp", "schuldbemiddeling door een erkende instelling", "erkende instelling"],
    ]
)


@pytest.mark.parametrize(
    ("invoer", "verwacht"),
    [
        ("Dementie", "dementie"),
        ("  Één   Gezin ", "een gezin"),
        ("D.O.P.", "dop"),
        ("c.l.b.-draaischijf", "clb draaischijf"),
        ("Thuisverpleging, Geel!", "thuisverpleging geel"),
        ("'; drop table aanbod; --", "drop table aanbod"),
        ("", ""),
    ],
)
def test_normaliseer(invoer, verwacht):
    assert normaliseer(invoer) == verwacht


def test_woorden_worden_als_prefix_gezocht_en_allemaal_vereist():
    vraag = maak_zoekvraag("opvoeding pubers")
    assert vraag.alle == "opvoeding:* & pubers:*"
    assert vraag.een_van == "opvoeding:* | pubers:*"


def test_korte_woorden_zijn_geen_prefix():
    assert maak_zoekvraag("ik 18").alle == "ik & 18"


@pytest.mark.parametrize("invoer", ["DOP", "d.o.p.", "Dienst ondersteuningsplan", "dienst  Ondersteuningsplan"])
def test_afkorting_en_voluit_geven_dezelfde_zoekvraag(invoer):
    vraag = maak_zoekvraag(invoer, SYNONIEMEN)
    assert vraag.alle == "(dop | (dienst <-> ondersteuningsplan))"
    assert vraag.herkend


def test_1g1p_en_1_gezin_1_plan_zijn_hetzelfde():
    assert maak_zoekvraag("1G1P", SYNONIEMEN).alle == maak_zoekvraag("1 gezin 1 plan", SYNONIEMEN).alle


def test_synoniem_naast_gewone_woorden():
    vraag = maak_zoekvraag("mdo dementie", SYNONIEMEN)
    assert vraag.alle == "(mdo | (multidisciplinair <-> overleg)) & dementie:*"


def test_lege_of_onzinnige_invoer_geeft_een_lege_vraag():
    assert maak_zoekvraag("  ?! ").leeg
    assert maak_zoekvraag("").alle == ""


def test_zeer_lange_invoer_wordt_afgekapt():
    assert len(maak_zoekvraag("woord " * 500).woorden) == 12


def test_een_alternatief_dat_een_ander_bevat_valt_weg():
    # "schuldbemiddeling door een erkende instelling" contains "schuldbemiddeling" (and "erkende instelling"):
    # every text it matches, the shorter alternative matches too.
    vraag = maak_zoekvraag("schuldhulp", SYNONIEMEN)
    assert vraag.alle == "(schuldbemiddeling | schuldhulp | (erkende <-> instelling))"


def test_een_alternatief_met_dezelfde_woorden_in_een_andere_volgorde_blijft():
    synoniemen = Synoniemen.uit_lijsten([["zorg thuis", "thuis zorg voor ouderen"]])
    assert maak_zoekvraag("zorg thuis", synoniemen).alle == "((zorg <-> thuis) | (thuis <-> zorg <-> voor <-> ouderen))"
