"""Forms and the services behind them, fuzzed with hypothesis: any input gets a page or a Dutch form
error, never a 500 (NUL bytes, very long text, odd Unicode, numbers where text is expected …).

The API is fuzzed separately with schemathesis (tests/aanbod/test_api_schemathesis.py).
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aanbod.models import Aanbod, Begrip, Doelgroep

pytestmark = pytest.mark.django_db

# Text as people (and attackers) type it: any printable or control character except lone surrogates
# (which no browser can send), with NUL bytes and very long strings well represented.
tekst = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=300),
    st.text(st.sampled_from(["\x00", "a", " ", "=", "<", "'", "é", "\n"]), max_size=50),
    st.text(st.sampled_from("ab"), min_size=4000, max_size=6000),
)
getal = st.one_of(st.integers(min_value=-(10**12), max_value=10**12).map(str), tekst)
FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _geen_serverfout(antwoord):
    assert antwoord.status_code < 500, antwoord.content[:300]


@FUZZ
@given(beschrijving=tekst, email=tekst)
def test_meld_een_fout(client, demodata, beschrijving, email):
    cache.clear()  # the rate limit would otherwise answer every example after the fifth
    aanbod = Aanbod.objects.zichtbaar().first()
    _geen_serverfout(client.post(f"/aanbod/{aanbod.slug}/melden/", {"beschrijving": beschrijving, "email": email}))


@FUZZ
@given(q=tekst, gemeente=tekst, leeftijd=getal, toegang=tekst, pagina=getal)
def test_zoeken(client, demodata, q, gemeente, leeftijd, toegang, pagina):
    _geen_serverfout(
        client.get("/zoeken/", {"q": q, "gemeente": gemeente, "leeftijd": leeftijd, "toegang": toegang, "page": pagina})
    )


@FUZZ
@given(term=tekst, afkorting=tekst, context=tekst, uitleg=tekst, synoniemen=tekst)
def test_begrip_aanmaken(client, demodata, term, afkorting, context, uitleg, synoniemen):
    client.force_login(get_user_model().objects.get(username="curator"))
    voor = Begrip.objects.count()
    antwoord = client.post(
        "/beheer/woordenlijst/begrippen/nieuw/",
        {"term": term, "afkorting": afkorting, "context": context, "uitleg": uitleg, "synoniemen": synoniemen},
    )
    _geen_serverfout(antwoord)
    # A form error writes nothing; a success writes exactly one term.
    assert Begrip.objects.count() == voor + (1 if antwoord.status_code == 302 else 0)


@FUZZ
@given(label=tekst, code=tekst)
def test_vocabulariumwaarde_aanmaken(client, demodata, label, code):
    client.force_login(get_user_model().objects.get(username="curator"))
    voor = Doelgroep.objects.count()
    antwoord = client.post("/beheer/woordenlijst/doelgroepen/nieuw/", {"label": label, "code": code})
    _geen_serverfout(antwoord)
    assert Doelgroep.objects.count() == voor + (1 if antwoord.status_code == 302 else 0)


@FUZZ
@given(capaciteit=tekst, wachttijd=getal)
def test_capaciteit_van_eigen_aanbod(client, demodata, capaciteit, wachttijd):
    client.force_login(get_user_model().objects.get(username="redacteur"))
    aanbod = Aanbod.objects.filter(organisatie__slug="expertisecentrum-dementie-kempen").first()
    _geen_serverfout(
        client.post(
            f"/beheer/mijn-aanbod/{aanbod.slug}/capaciteit/",
            {"capaciteit": capaciteit, "wachttijd_weken": wachttijd},
        )
    )


@FUZZ
@given(token=st.text(st.characters(exclude_categories=("Cs",), exclude_characters="/\x00"), min_size=1, max_size=200))
def test_bevestigingslink(client, demodata, token):
    antwoord = client.post(f"/beheer/bevestigen/{token}/", {"antwoord": "klopt"})
    _geen_serverfout(antwoord)
