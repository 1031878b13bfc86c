"""``veld__any=[…]``: membership in a list passed as one array parameter (``veld = ANY(%s)``).

Also takes an array expression (``veld__any=ArraySubquery(…)``): the array is computed once, and inside
an OR the planner can still combine the column's index with others (doorverwijzing visibility, HSDS
``modified_after``).

Django's ``__in`` writes one placeholder per value. For the thousand ids of an export chunk, building
that SQL text and psycopg's parsing of it cost more than PostgreSQL's execution of the query; an array
parameter keeps the statement short and the same for every chunk.
"""

from django.db.models import Field, ForeignObject, Lookup


class EenVan(Lookup):
    lookup_name = "any"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", [list(value)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


Field.register_lookup(EenVan)
# Relations keep their own lookups (ForeignObject does not inherit Field's): ``aanbod_id__any``.
ForeignObject.register_lookup(EenVan)
