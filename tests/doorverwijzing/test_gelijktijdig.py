"""Two people act on the same referral at once: exactly one transition wins (real threads, PostgreSQL).

The threads need committed data, so this test writes outside the per-test transaction and cleans up
after itself (the append-only trigger is bypassed for the cleanup only, as the table owner can).
"""

import threading

import pytest
from django.db import connection, connections

from aanbod.models import Medewerker
from doorverwijzing.constants import Reden, Status
from doorverwijzing.models import Doorverwijzing
from doorverwijzing.services import AlGewijzigd, doorverwijzing_overgang
from tests.doorverwijzing.conftest import maak_concept
from tests.factories import AanbodFactory, OrganisatieFactory, UserFactory


@pytest.fixture
def vastgelegde_doorverwijzing(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        verwijzer_org, ontvanger_org = OrganisatieFactory(), OrganisatieFactory()
        gebruikers = {"verwijzer": UserFactory(), "ontvanger": UserFactory()}
        Medewerker.objects.create(user=gebruikers["verwijzer"], organisatie=verwijzer_org)
        Medewerker.objects.create(user=gebruikers["ontvanger"], organisatie=ontvanger_org)
        aanbod = AanbodFactory(organisatie=ontvanger_org)
        doorverwijzing = maak_concept(gebruikers, aanbod)
        doorverwijzing_overgang(doorverwijzing=doorverwijzing, actie="versturen", door=gebruikers["verwijzer"])
        yield doorverwijzing, gebruikers
        with connection.cursor() as cursor:
            # The event log refuses DELETE by design; only this cleanup bypasses the trigger.
            cursor.execute("SET session_replication_role = replica")
            cursor.execute("DELETE FROM doorverwijzing_gebeurtenis WHERE doorverwijzing_id = %s", [doorverwijzing.pk])
            cursor.execute("SET session_replication_role = DEFAULT")
        Doorverwijzing.objects.filter(pk=doorverwijzing.pk).delete()
        aanbod.delete()
        for gebruiker in gebruikers.values():
            gebruiker.delete()
        verwijzer_org.delete()
        ontvanger_org.delete()


def test_van_twee_gelijktijdige_acties_wint_er_precies_een(vastgelegde_doorverwijzing):
    doorverwijzing, gebruikers = vastgelegde_doorverwijzing
    start = threading.Barrier(2)
    uitkomsten: dict[str, object] = {}

    def handel(naam, actie, **invoer):
        try:
            start.wait(timeout=10)
            doorverwijzing_overgang(
                doorverwijzing=doorverwijzing,
                actie=actie,
                door=gebruikers["ontvanger"],
                verwachte_status=Status.REQUESTED,
                **invoer,
            )
            uitkomsten[naam] = "gelukt"
        except AlGewijzigd as fout:
            uitkomsten[naam] = fout
        finally:
            connections.close_all()

    draden = [
        threading.Thread(target=handel, args=("aanvaarden", "aanvaarden")),
        threading.Thread(target=handel, args=("weigeren", "weigeren"), kwargs={"reden": Reden.GEEN_CAPACITEIT}),
    ]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=30)

    assert sorted(type(u).__name__ if not isinstance(u, str) else u for u in uitkomsten.values()) == [
        "AlGewijzigd",
        "gelukt",
    ]
    verliezer = next(u for u in uitkomsten.values() if isinstance(u, AlGewijzigd))
    assert "al gewijzigd door" in str(verliezer)
    doorverwijzing.refresh_from_db()
    winnaar = next(naam for naam, u in uitkomsten.items() if u == "gelukt")
    assert doorverwijzing.status == {"aanvaarden": Status.ACCEPTED, "weigeren": Status.REJECTED}[winnaar]
    overgangen = doorverwijzing.gebeurtenissen.filter(soort="overgang").values_list("naar_status", flat=True)
    assert list(overgangen) == [Status.REQUESTED, doorverwijzing.status]
