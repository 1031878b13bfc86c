"""OpenAPI: every operation documents the shared error format for the 4xx it can return."""

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class FoutSerializer(serializers.Serializer):
    """The one error body of the API."""

    detail = serializers.CharField(help_text="Uitleg in het Nederlands / explanation in Dutch.")
    code = serializers.CharField(help_text="Machineleesbare code, bv. `ongeldig`, `not_found`, `throttled`.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Fouten per veld of parameter / errors per field or parameter.",
    )


class AutoSchemaMetFouten(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        antwoorden = super()._get_response_bodies(direction)
        codes = ["400", "404", "429"]
        if self.method not in ("GET", "HEAD") or self._vraagt_login():
            codes += ["401", "403", "404"]
        for code in codes:
            antwoorden.setdefault(code, self._get_response_for_code(FoutSerializer, code, direction=direction))
        if self.method in ("GET", "HEAD"):
            antwoorden.setdefault("304", {"description": "Niet gewijzigd (If-None-Match / If-Modified-Since)."})
        return antwoorden

    def _vraagt_login(self) -> bool:
        from rest_framework.permissions import AllowAny

        return not any(isinstance(p, AllowAny) for p in self.view.get_permissions())


def lege_filters_toegestaan(result, generator, request, public):
    """Postprocessing hook: an empty filter (``?thema=``) means 'no filter', as in the HTML form."""
    for pad in result.get("paths", {}).values():
        for operatie in pad.values():
            for parameter in operatie.get("parameters", []) if isinstance(operatie, dict) else []:
                if parameter.get("in") == "query" and parameter["name"] not in ("page", "page_size", "cursor"):
                    parameter["allowEmptyValue"] = True
                schema = parameter.get("schema", {})
                if schema.get("type") == "string" and not ({"enum", "format", "pattern"} & set(schema)):
                    # PostgreSQL text cannot hold NUL characters; such input is refused with a 400.
                    schema["pattern"] = "^[^\\u0000]*$"
    return result
