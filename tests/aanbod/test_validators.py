import pytest
from django.core.exceptions import ValidationError

from aanbod.validators import formatteer_kbo, normaliseer_kbo, valideer_kbo


@pytest.mark.parametrize("nummer", ["0403019261", "0566988259", "0428759497", "0403.019.261", "BE 0403 019 261"])
def test_geldige_kbo_nummers_worden_aanvaard(nummer):
    valideer_kbo(normaliseer_kbo(nummer))


@pytest.mark.parametrize(
    "nummer",
    [
        "0403019262",  # wrong check digits
        "2403019261",  # establishment units start with 2-8, enterprises with 0 or 1
        "040301926",  # 9 digits
        "04030192611",  # 11 digits
        "04030I9261",  # a letter
        "",
    ],
)
def test_ongeldige_kbo_nummers_geven_een_nederlandse_fout(nummer):
    with pytest.raises(ValidationError) as fout:
        valideer_kbo(nummer)
    assert "geen geldig KBO-ondernemingsnummer" in str(fout.value)


def test_kbo_wordt_genormaliseerd_en_getoond_met_punten():
    assert normaliseer_kbo("BE 0403.019.261") == "0403019261"
    assert normaliseer_kbo("403019261") == "0403019261"
    assert formatteer_kbo("0403019261") == "0403.019.261"
