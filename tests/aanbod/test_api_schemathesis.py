"""Property-based checks of the whole API against its own OpenAPI schema (schemathesis).

A bounded number of generated requests per operation: no server error, every response documented and
conforming to the schema, errors in the one JSON format.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = pytest.mark.django_db


from sociale_kaart.wsgi import application  # noqa: E402 - after Django is configured by pytest-django

# Generating the schema needs no database, so it can be loaded while tests are collected.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


@pytest.fixture
def wsgi_in_testtransactie():
    """Calls through the WSGI handler must not close the test's connection (as Django's test client does)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_volgt_het_schema_en_geeft_nooit_een_serverfout(case, demodata, wsgi_in_testtransactie, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "allow_request", lambda self, request, view: True)
    antwoord = case.call()
    assert antwoord.status_code < 500, antwoord.text[:500]
    # Filter values such as `thema` are codes from the database, which the schema cannot enumerate: a
    # well-formed but unknown code is rightly refused (400), so "valid data accepted" is not checked.
    case.validate_response(antwoord, excluded_checks=[positive_data_acceptance])
    if antwoord.status_code >= 400:
        assert set(antwoord.json()) == {"detail", "code", "fields"}
