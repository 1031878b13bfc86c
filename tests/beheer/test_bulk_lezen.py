"""Reading uploaded lists (CSV/XLSX), the escaping of formula-like cells and the column suggestions."""

import csv
import io

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl import Workbook

from aanbod.beheer.bulk.cellen import herstel_cel, ontsnap_cel
from aanbod.beheer.bulk.koppeling import normaliseer_kop, stel_koppeling_voor
from aanbod.beheer.bulk.lezen import BulkFout, lees_tabel, scheidingsteken


def xlsx(rijen) -> bytes:
    werkboek = Workbook()
    blad = werkboek.active
    for rij in rijen:
        blad.append(rij)
    uit = io.BytesIO()
    werkboek.save(uit)
    return uit.getvalue()


@pytest.mark.parametrize("codering", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("scheiding", [";", ","])
def test_csv_in_elke_gangbare_codering_en_scheiding(codering, scheiding):
    s = scheiding
    tekst = f"Naam organisatie{s}Gemeente\r\nCAW Kempen{s}Turnhout\r\nOCMW Hoogstraten{s}Meer – België\r\n"
    tabel = lees_tabel(tekst.encode(codering), "lijst.csv")
    assert tabel.kolommen == ["Naam organisatie", "Gemeente"]
    assert tabel.rijen == [["CAW Kempen", "Turnhout"], ["OCMW Hoogstraten", "Meer – België"]]


def test_scheidingsteken_telt_niet_binnen_aanhalingstekens():
    assert scheidingsteken('"Naam; organisatie",Postcode,Gemeente') == ","
    assert scheidingsteken("Naam;Adres, nr;Postcode") == ";"


def test_csv_met_aanhalingstekens_en_regeleinden_in_een_cel():
    tekst = 'Naam;Beschrijving\n"Budgetbegeleiding";"Twee regels\nen een ""citaat"""\n'
    assert lees_tabel(tekst.encode(), "x.csv").rijen == [["Budgetbegeleiding", 'Twee regels\nen een "citaat"']]


def test_formuleachtige_cellen_blijven_tekst_in_csv():
    tekst = 'Naam;Tel.\n=HYPERLINK("http://kwaad.example");+32 14 00 00 00\n'
    assert lees_tabel(tekst.encode(), "x.csv").rijen == [['=HYPERLINK("http://kwaad.example")', "+32 14 00 00 00"]]


def test_xlsx_leest_waarden_en_rekent_nooit_formules_uit():
    inhoud = xlsx([["Naam", "Postcode", "Som"], ["Dagcentrum", 2300, "=1+1"], ["Onthaal", 2440.0, None]])
    tabel = lees_tabel(inhoud, "Lijst.XLSX")
    assert tabel.kolommen == ["Naam", "Postcode", "Som"]
    # A formula has no stored value in a file openpyxl wrote: we get nothing, never a computed 2.
    assert tabel.rijen == [["Dagcentrum", "2300", ""], ["Onthaal", "2440", ""]]


def test_xlsx_tekst_die_op_een_formule_lijkt_blijft_tekst():
    werkboek = Workbook()
    cel = werkboek.active.cell(row=2, column=1, value="=2+2")
    cel.data_type = "s"  # typed in as text with a leading quote in Excel
    werkboek.active.cell(row=1, column=1, value="Naam")
    uit = io.BytesIO()
    werkboek.save(uit)
    assert lees_tabel(uit.getvalue(), "x.xlsx").rijen == [["=2+2"]]


def test_te_groot_bestand_wordt_geweigerd(settings):
    settings.IMPORT_MAX_BYTES = 100
    with pytest.raises(BulkFout, match="te groot"):
        lees_tabel(b"Naam\n" + b"x" * 200, "x.csv")


@pytest.mark.parametrize(
    "naam,maak", [("x.csv", lambda r: "\n".join(r).encode()), ("x.xlsx", lambda r: xlsx([[c] for c in r]))]
)
def test_te_veel_rijen_wordt_geweigerd(settings, naam, maak):
    settings.IMPORT_MAX_RIJEN = 3
    assert len(lees_tabel(maak(["Naam", "a", "b", "c"]), naam).rijen) == 3
    with pytest.raises(BulkFout, match="meer dan 3 rijen"):
        lees_tabel(maak(["Naam", "a", "b", "c", "d"]), naam)


@pytest.mark.parametrize("naam", ["lijst.xls", "lijst.pdf", "lijst.ods", "lijst"])
def test_andere_bestandstypes_worden_geweigerd(naam):
    with pytest.raises(BulkFout, match="CSV-bestand"):
        lees_tabel(b"Naam\nx\n", naam)


def test_kapotte_xlsx_geeft_een_duidelijke_fout():
    with pytest.raises(BulkFout, match="geen geldig Excel-bestand"):
        lees_tabel(b"dit is geen zip", "x.xlsx")


def test_leeg_bestand_of_enkel_kolomnamen():
    with pytest.raises(BulkFout, match="leeg"):
        lees_tabel(b"\n\n", "x.csv")
    with pytest.raises(BulkFout, match="geen rijen"):
        lees_tabel(b"Naam;Postcode\n", "x.csv")


@pytest.mark.parametrize(
    "waarde,verwacht",
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+32 14 41 00 00", "'+32 14 41 00 00"),
        ("-5", "'-5"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("CAW Kempen", "CAW Kempen"),
        ("", ""),
        ("a=b", "a=b"),
        (42, 42),
        (None, None),
    ],
)
def test_ontsnap_cel(waarde, verwacht):
    assert ontsnap_cel(waarde) == verwacht


@pytest.mark.parametrize("tekst", ["=SUM(A1)", "+32 14", "-", "@x", "'gewoon", "gewoon", "'"])
def test_herstel_cel_maakt_ontsnappen_ongedaan(tekst):
    assert herstel_cel(ontsnap_cel(tekst)) == tekst


def test_normaliseer_kop():
    assert normaliseer_kop(" E-mailadres: ") == "e mailadres"
    assert normaliseer_kop("Tel.") == "tel"
    assert normaliseer_kop("Thema's") == "themas"
    assert normaliseer_kop("Rechtspersoon (ondernemingsnr.)") == "rechtspersoon ondernemingsnr"


def test_koppeling_voorstel_uit_gangbare_kolomnamen():
    kolommen = [
        "Naam",
        "Naam organisatie",
        "Tel.",
        "E-mailadres",
        "Ondernemingsnr.",
        "Post code",
        "Gemeente",
        "Adres",
        "Doelgroep",
        "Opmerkingen intern",
    ]
    voorstel = stel_koppeling_voor(kolommen)
    assert voorstel == {
        "naam": 0,
        "organisatie": 1,
        "telefoon": 2,
        "email": 3,
        "kbo": 4,
        "postcode": 5,
        "gemeente": 6,
        "straat": 7,
        "doelgroepen": 8,
    }


def test_koppeling_gebruikt_een_kolom_hoogstens_een_keer():
    voorstel = stel_koppeling_voor(["Organisatie", "Naam", "Organisatie"])
    assert voorstel["organisatie"] == 0
    assert len(set(voorstel.values())) == len(voorstel)


@hypothesis_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(inhoud=st.binary(max_size=2000), naam=st.sampled_from(["x.csv", "x.xlsx", "x.txt"]))
def test_elk_bestand_geeft_een_tabel_of_een_nederlandse_fout(inhoud, naam):
    """Hostile or broken uploads never raise anything but BulkFout, and cells are always text."""
    try:
        tabel = lees_tabel(inhoud, naam)
    except BulkFout as fout:
        assert str(fout)
    else:
        assert all(isinstance(cel, str) for rij in tabel.rijen for cel in rij)
        assert all(len(rij) == len(tabel.kolommen) for rij in tabel.rijen)


@hypothesis_settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.lists(
            st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=20), min_size=2, max_size=4
        ),
        min_size=2,
        max_size=6,
    )
)
def test_csv_rondreis_van_willekeurige_tekst(rijen):
    """What csv writes with ';' (as our export does) reads back cell for cell."""
    breedte = max(len(rij) for rij in rijen)
    rijen = [[cel.strip() for cel in rij] + [""] * (breedte - len(rij)) for rij in rijen]
    rijen[0] = [f"kolom{i}" for i in range(breedte)]
    if not any(any(rij) for rij in rijen[1:]):
        return
    uit = io.StringIO()
    csv.writer(uit, delimiter=";").writerows(rijen)
    tabel = lees_tabel(uit.getvalue().encode("utf-8"), "x.csv")
    assert tabel.rijen == [rij for rij in rijen[1:] if any(rij)]


def test_het_voorbeeld_als_csv_en_als_xlsx_is_dezelfde_lijst():
    from django.conf import settings as django_settings

    map_ = django_settings.BASE_DIR / "fixtures"
    csv_tabel = lees_tabel((map_ / "import-voorbeeld.csv").read_bytes(), "import-voorbeeld.csv")
    xlsx_tabel = lees_tabel((map_ / "import-voorbeeld.xlsx").read_bytes(), "import-voorbeeld.xlsx")
    assert csv_tabel == xlsx_tabel
    assert len(csv_tabel.rijen) == 11
    assert stel_koppeling_voor(csv_tabel.kolommen)["kbo"] == csv_tabel.kolommen.index("Ondernemingsnr.")
