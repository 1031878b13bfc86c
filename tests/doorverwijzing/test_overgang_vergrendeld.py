"""``doorverwijzing_overgang(vergrendeld=True)`` trusts the caller's lock only inside the caller's transaction.

A module of its own: the demo data of the other modules keeps a transaction open for the whole module.
"""

import pytest

from doorverwijzing.models import Doorverwijzing
from doorverwijzing.services import doorverwijzing_overgang


def test_vergrendeld_zonder_open_transactie_wordt_geweigerd():
    # No database access is allowed here: the refusal comes before any query.
    with pytest.raises(RuntimeError, match="open transactie"):
        doorverwijzing_overgang(doorverwijzing=Doorverwijzing(pk=1), actie="aanvaarden", door=None, vergrendeld=True)
