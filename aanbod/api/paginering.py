"""Pagination of the API: pages of at most 100; a stable cursor for incremental sync.

Invalid paging parameters are a 400 with the parameter named, not silently ignored.
"""

from django.core.paginator import Page
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination, PageNumberPagination

from aanbod.zoeken.dienst import SmalEerstPaginator
from aanbod.zoeken.rijen import volle_rijen

MAX_PAGINA = 100


def _geheel_getal(request, naam: str, maximum: int | None = None) -> int | None:
    waarde = request.query_params.get(naam)
    if waarde is None:
        return None
    try:
        getal = int(waarde)
    except ValueError:
        getal = 0
    if getal < 1:
        raise ValidationError({naam: [_("Geef een geheel getal vanaf 1.")]})
    return min(getal, maximum) if maximum else getal


def _paging_parameters(paginator, extra: list[dict]) -> list[dict]:
    return [
        {
            "name": paginator.page_size_query_param,
            "required": False,
            "in": "query",
            "description": f"Aantal per pagina (1–{MAX_PAGINA}) / page size.",
            "schema": {"type": "integer", "minimum": 1},
        },
        *extra,
    ]


def _schema_zonder_verplichte_telling(schema: dict) -> dict:
    # The sync cursor pages have no `count`: the documented page makes only `results` required.
    schema["required"] = ["results"]
    return schema


class BekendAantalPaginator(SmalEerstPaginator):
    """Uses the COUNT the search already made (``queryset._bekend_aantal``) instead of a second one.

    A queryset with ``_pagina_vorm`` (what the serializer needs, e.g. joins and arrays) is ordered on
    narrow rows and only the rows of the page get that shape; without a known count, the page query
    counts the rows too (``SmalEerstPaginator``).
    """

    def __init__(self, object_list, per_page, *args, **kwargs):
        kwargs.setdefault("vorm", getattr(object_list, "_pagina_vorm", None))
        super().__init__(object_list, per_page, *args, **kwargs)

    def _telt_zelf(self) -> bool:
        return getattr(self.object_list, "_bekend_aantal", None) is None and super()._telt_zelf()

    def page(self, number):
        # The search already picked this page's ids (``zoek_en_tel``): fetch those rows in that order. A page
        # past the end (no ids) takes the usual way, which answers it as not found.
        bekend = getattr(self.object_list, "_bekende_pagina", None)
        if bekend is not None and self.vorm is not None and bekend[0] == number and bekend[1] is not None:
            nummer, smal = bekend
            if smal or nummer == 1:
                basis = self.object_list.model._base_manager.using(self.object_list.db)
                return Page(volle_rijen(basis, smal, self.vorm) if smal else [], nummer, self)
        return super().page(number)

    @cached_property
    def count(self):
        bekend = getattr(self.object_list, "_bekend_aantal", None)
        return bekend if bekend is not None else super().count


class Paginering(PageNumberPagination):
    django_paginator_class = BekendAantalPaginator
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGINA

    def get_page_size(self, request):
        return _geheel_getal(request, self.page_size_query_param, self.max_page_size) or self.page_size

    def get_page_number(self, request, paginator):
        return _geheel_getal(request, self.page_query_param) or 1

    def get_schema_operation_parameters(self, view):
        pagina = {
            "name": self.page_query_param,
            "required": False,
            "in": "query",
            "description": "Paginanummer vanaf 1 / page number.",
            "schema": {"type": "integer", "minimum": 1},
        }
        return _paging_parameters(self, [pagina])

    def get_paginated_response_schema(self, schema):
        return _schema_zonder_verplichte_telling(super().get_paginated_response_schema(schema))


class SyncPaginering(CursorPagination):
    """For `gewijzigd_sinds`: ordered by change time, so a client can resume where it stopped."""

    ordering = ("gewijzigd_op", "id")
    page_size = MAX_PAGINA
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGINA

    def get_page_size(self, request):
        return _geheel_getal(request, self.page_size_query_param, self.max_page_size) or self.page_size

    def paginate_queryset(self, queryset, request, view=None):
        # A sync client pages with the `next` cursor; a `page` number is checked but has no effect.
        _geheel_getal(request, "page")
        return super().paginate_queryset(queryset, request, view)
