"""The import services: per-row checks, matches, duplicates, dry run and the all-or-nothing commit."""

import pytest

from aanbod.beheer.bulk.controleren import Keuze, Soort
from aanbod.beheer.bulk.koppeling import stel_koppeling_voor
from aanbod.beheer.bulk.lezen import BulkFout
from aanbod.beheer.bulk.services import (
    ImportGeweigerd,
    import_controleren,
    import_uitvoeren,
    importbestand_koppelen,
    importbestand_opladen,
)
from aanbod.constants import AanbodStatus, Kostprijs
from aanbod.models import Aanbod, Beheeractie, Doelgroep, Eerstelijnszone, ImportStatus, Locatie, Organisatie
from tests.factories import AanbodFactory, LocatieFactory, OrganisatieFactory, kbo_met_controlegetal

pytestmark = pytest.mark.django_db

KOPPEN = [
    "Naam organisatie",
    "KBO",
    "Aanbod",
    "Omschrijving",
    "Adres",
    "Postcode",
    "Gemeente",
    "Tel.",
    "E-mailadres",
    "Doelgroep",
    "Kostprijs",
]


def csv_van(rijen, koppen=KOPPEN) -> bytes:
    return "\n".join(";".join(rij) for rij in [koppen, *rijen]).encode("utf-8")


def rij(org="Vzw De Brug", kbo="", naam="Praatcafé", beschrijving="", straat="Markt 1", postcode="2300",
        gemeente="Turnhout", tel="014 41 00 00", email="info@debrug.example", doelgroep="Mantelzorgers",
        kost="Gratis"):  # fmt: skip
    return [org, kbo, naam, beschrijving, straat, postcode, gemeente, tel, email, doelgroep, kost]


def opladen(curator, zone, rijen, koppen=KOPPEN):
    bestand = importbestand_opladen(zone=zone, door=curator, bestandsnaam="lijst.csv", inhoud=csv_van(rijen, koppen))
    importbestand_koppelen(importbestand=bestand, koppeling=bestand.koppeling)
    return bestand


def bestaand_aanbod(zone, *, naam="Praatcafé dementie", org_naam="Vzw Het Anker", kbo=None, postcode="2300"):
    org = OrganisatieFactory(naam=org_naam, **({"kbo_nummer": kbo} if kbo else {}))
    aanbod = AanbodFactory(naam=naam, organisatie=org)
    aanbod.werkingsgebied_zones.add(zone)
    aanbod.locaties.add(LocatieFactory(organisatie=org, postcode=postcode, straat="Markt 1"))
    return aanbod


def test_opladen_stelt_de_koppeling_voor(curator, zone):
    bestand = importbestand_opladen(zone=zone, door=curator, bestandsnaam="lijst.csv", inhoud=csv_van([rij()]))
    assert bestand.status == ImportStatus.OPGELADEN
    assert bestand.koppeling == stel_koppeling_voor(KOPPEN)
    assert bestand.koppeling["organisatie"] == 0 and bestand.koppeling["email"] == 8


def test_koppelen_vraagt_de_verplichte_velden(curator, zone):
    bestand = importbestand_opladen(zone=zone, door=curator, bestandsnaam="lijst.csv", inhoud=csv_van([rij()]))
    with pytest.raises(BulkFout, match="Naam aanbod"):
        importbestand_koppelen(importbestand=bestand, koppeling={"organisatie": 0})


def test_fouten_per_rij_in_het_nederlands(curator, zone):
    bestand = opladen(
        curator,
        zone,
        [
            rij(),
            rij(naam="Onthaal", kbo="0123.456.789"),
            rij(naam="Budget", postcode="9999"),
            rij(naam="Wonen", email="info@@x"),
            rij(naam="Sport", doelgroep="Mantelzorger; Marsmannetjes"),
            rij(naam="", org=""),
            rij(naam="Kost", kost="soms"),
            rij(naam="Verkeerde gemeente", gemeente="Geel"),
        ],
    )
    rijen = import_controleren(bestand, user=curator)
    assert [r.soort for r in rijen] == [Soort.NIEUW] + [Soort.FOUT] * 7
    fouten = {r.nummer: " ".join(r.fouten) for r in rijen}
    assert "KBO-nummer '0123.456.789' is ongeldig" in fouten[3]
    assert "Postcode '9999' bestaat niet in België" in fouten[4]
    assert "E-mailadres 'info@@x' is ongeldig" in fouten[5]
    assert "'Mantelzorger' is onbekend. Bedoel je 'Mantelzorgers'?" in fouten[6]
    assert "'Marsmannetjes' is onbekend" in fouten[6]
    assert "Naam organisatie ontbreekt" in fouten[7] and "Naam aanbod ontbreekt" in fouten[7]
    assert "Kostprijs: 'soms' is onbekend" in fouten[8]
    assert "Postcode 2300 hoort niet bij 'Geel'" in fouten[9]


def test_zelfde_kbo_is_dezelfde_organisatie_en_zelfde_naam_wordt_bijgewerkt(curator, zone):
    kbo = kbo_met_controlegetal(7_000_001)
    aanbod = bestaand_aanbod(zone, naam="Praatcafé", org_naam="Vzw De Brug", kbo=kbo)
    bestand = opladen(
        curator,
        zone,
        [
            rij(
                org="De Brug vzw (andere schrijfwijze)",
                kbo=f"BE {kbo[:4]}.{kbo[4:7]}.{kbo[7:]}",
                naam="praatcafé",
                email="nieuw@debrug.example",
            ),
            rij(org="De Brug vzw", kbo=kbo, naam="Lotgenotengroep"),
        ],
    )
    eerste, tweede = import_controleren(bestand, user=curator)
    assert eerste.organisatie == aanbod.organisatie and eerste.aanbod == aanbod
    assert eerste.soort == Soort.BIJWERKEN and "E-mail" in eerste.wijzigingen
    assert tweede.organisatie == aanbod.organisatie and tweede.soort == Soort.NIEUW

    import_uitvoeren(importbestand=bestand, door=curator, keuzes={}, proefdraai=False)
    aanbod.refresh_from_db()
    assert aanbod.email == "nieuw@debrug.example"
    assert Organisatie.objects.filter(kbo_nummer=kbo).count() == 1
    assert aanbod.organisatie.aanbod.filter(naam="Lotgenotengroep").exists()


def test_gelijkaardige_naam_op_dezelfde_postcode_is_mogelijk_dubbel(curator, zone):
    bestaand = bestaand_aanbod(zone, naam="Praatcafé dementie Turnhout", org_naam="Vzw Het Anker")
    bestand = opladen(
        curator,
        zone,
        [
            rij(org="Het Anker", naam="Praatcafe dementie"),  # similar, same postcode
            rij(org="Het Anker", naam="Praatcafe dementie", postcode="2440", gemeente="Geel"),  # other postcode
            rij(org="Iets heel anders", naam="Fietsherstelling"),
        ],
    )
    eerste, tweede, derde = import_controleren(bestand, user=curator)
    assert eerste.soort == Soort.MOGELIJK_DUBBEL and eerste.kandidaat == bestaand
    assert [k for k, _label in eerste.keuzes] == [Keuze.OVERSLAAN, Keuze.AANMAKEN, Keuze.BIJWERKEN]
    assert tweede.soort == Soort.NIEUW
    assert derde.soort == Soort.NIEUW


def test_keuze_bij_een_mogelijk_dubbel(curator, zone):
    bestaand = bestaand_aanbod(zone, naam="Praatcafé dementie Turnhout", org_naam="Vzw Het Anker")
    bestand = opladen(curator, zone, [rij(org="Het Anker", naam="Praatcafe dementie", email="anker@x.example")])
    with pytest.raises(ImportGeweigerd, match="Rij 2 is mogelijk dubbel"):
        import_uitvoeren(importbestand=bestand, door=curator, keuzes={}, proefdraai=False)

    verslag = import_uitvoeren(importbestand=bestand, door=curator, keuzes={2: Keuze.BIJWERKEN}, proefdraai=False)
    bestaand.refresh_from_db()
    assert bestaand.email == "anker@x.example"
    assert len(verslag.bijgewerkt) == 1 and not verslag.aangemaakt


def test_dubbel_in_het_bestand_zelf(curator, zone):
    bestand = opladen(curator, zone, [rij(), rij(naam="Andere"), rij(naam="PRAATCAFÉ ")])
    rijen = import_controleren(bestand, user=curator)
    assert [r.soort for r in rijen] == [Soort.NIEUW, Soort.NIEUW, Soort.DUBBEL_IN_BESTAND]
    assert rijen[2].dubbel_van == 2

    verslag = import_uitvoeren(importbestand=bestand, door=curator, keuzes={4: Keuze.OVERSLAAN}, proefdraai=False)
    assert [a["naam"] for a in verslag.aangemaakt] == ["Praatcafé", "Andere"]
    # Rows of one new organisation share it.
    assert verslag.organisaties == ["Vzw De Brug"]
    assert Organisatie.objects.get(naam="Vzw De Brug").aanbod.count() == 2


def test_proefdraaien_schrijft_niets(curator, zone):
    bestand = opladen(curator, zone, [rij(), rij(naam="Andere", org="Nieuwe vzw")])
    aantallen = (
        Aanbod.objects.count(),
        Organisatie.objects.count(),
        Locatie.objects.count(),
        Beheeractie.objects.count(),
    )
    verslag = import_uitvoeren(importbestand=bestand, door=curator, keuzes={}, proefdraai=True)
    assert len(verslag.aangemaakt) == 2 and len(verslag.organisaties) == 2 and verslag.proefdraai
    assert (
        Aanbod.objects.count(),
        Organisatie.objects.count(),
        Locatie.objects.count(),
        Beheeractie.objects.count(),
    ) == aantallen
    bestand.refresh_from_db()
    assert bestand.status == ImportStatus.GEKOPPELD and bestand.resultaat == {}


def test_doorvoeren_is_alles_of_niets_bij_een_foutieve_rij(curator, zone):
    bestand = opladen(curator, zone, [rij(), rij(naam="Budget", postcode="9999")])
    aantal = Aanbod.objects.count()
    with pytest.raises(ImportGeweigerd) as fout:
        import_uitvoeren(importbestand=bestand, door=curator, keuzes={}, proefdraai=False)
    assert "Rij 3 heeft een fout: Postcode '9999' bestaat niet in België." in fout.value.meldingen[0]
    assert Aanbod.objects.count() == aantal
    bestand.refresh_from_db()
    assert bestand.status == ImportStatus.GEKOPPELD


def test_doorvoeren_is_alles_of_niets_als_de_databank_weigert(curator, zone, monkeypatch):
    from aanbod.beheer.bulk import schrijven

    bestand = opladen(curator, zone, [rij(), rij(naam="Tweede")])
    aantal, origineel = Aanbod.objects.count(), schrijven.Schrijver._maak_aan

    def faal_bij_de_tweede(self, r):
        if r.nummer == 3:
            raise schrijven.IntegrityError("botsing")
        origineel(self, r)

    monkeypatch.setattr(schrijven.Schrijver, "_maak_aan", faal_bij_de_tweede)
    with pytest.raises(BulkFout, match="Rij 3 kon niet bewaard worden"):
        import_uitvoeren(importbestand=bestand, door=curator, keuzes={}, proefdraai=False)
    assert Aanbod.objects.count() == aantal  # the first row is rolled back too


def test_doorvoeren_maakt_actief_aanbod_in_de_zone_en_logt(curator, zone):
    bestand = opladen(curator, zone, [rij(kost=""), rij(naam="Fout", postcode="0000")])
    verslag = import_uitvoeren(importbestand=bestand, door=curator, keuzes={3: Keuze.OVERSLAAN}, proefdraai=False)
    aanbod = Aanbod.objects.get(slug=verslag.aangemaakt[0]["slug"])
    assert aanbod.status == AanbodStatus.ACTIEF
    assert list(aanbod.werkingsgebied_zones.all()) == [zone]
    assert list(aanbod.doelgroepen.all()) == [Doelgroep.objects.get(code="mantelzorgers")]
    assert aanbod.kostprijs == Kostprijs.BIJDRAGE  # no cost given: not promised free
    locatie = aanbod.locaties.get()
    assert (locatie.straat, locatie.postcode, locatie.gemeente.naam) == ("Markt 1", "2300", "Turnhout")
    assert locatie.latitude is not None
    # One history record, "created", that already holds its links (revertable like any other version).
    versie = aanbod.historiek.get()
    assert (versie.history_type, versie.history_user, versie.history_change_reason) == (
        "+",
        curator,
        "import lijst.csv",
    )
    assert [d.doelgroep_id for d in versie.doelgroepen.all()] == [Doelgroep.objects.get(code="mantelzorgers").pk]
    assert [z.eerstelijnszone_id for z in versie.werkingsgebied_zones.all()] == [zone.pk]

    bestand.refresh_from_db()
    assert bestand.status == ImportStatus.DOORGEVOERD
    assert bestand.resultaat["aangemaakt"][0]["naam"] == "Praatcafé"
    assert bestand.resultaat["overgeslagen"] == [{"rij": 3, "naam": "Fout", "reden": "fout"}]
    actie = Beheeractie.objects.get(actie="import")
    assert actie.uitgevoerd_door == curator and "1 nieuw" in actie.omschrijving
    with pytest.raises(BulkFout, match="al doorgevoerd"):
        import_uitvoeren(importbestand=bestand, door=curator, keuzes={}, proefdraai=False)


def test_aanbod_buiten_de_zones_wordt_niet_bijgewerkt(curator, zone):
    andere = Eerstelijnszone.objects.get(code="baldemore")
    elders = bestaand_aanbod(andere, naam="Praatcafé", org_naam="Vzw De Brug")
    bestand = opladen(curator, zone, [rij(email="x@y.example")])
    (enige,) = import_controleren(bestand, user=curator)
    assert enige.organisatie == elders.organisatie  # same organisation, …
    assert enige.aanbod is None and enige.soort == Soort.NIEUW  # … but its aanbod elsewhere is not ours


def test_een_keuze_die_de_rij_niet_biedt_telt_niet(curator, zone):
    bestand = opladen(curator, zone, [rij()])
    verslag = import_uitvoeren(importbestand=bestand, door=curator, keuzes={2: Keuze.BIJWERKEN}, proefdraai=True)
    assert [a["naam"] for a in verslag.aangemaakt] == ["Praatcafé"]
