"""URLs of the HSDS 3.0 interface, mounted at /api/hsds/.

Paths are written as in the HSDS specification (no trailing slash); a trailing slash is accepted too.
Any id is captured, so that a malformed one gets a 400 from the view instead of an HTML 404.
"""

from django.urls import path, re_path

from aanbod.hsds import views

app_name = "hsds"

_LIJSTEN_EN_DETAILS = [
    ("services", views.ServiceListView, views.ServiceDetailView),
    ("organizations", views.OrganizationListView, views.OrganizationDetailView),
    ("service_at_locations", views.ServiceAtLocationListView, views.ServiceAtLocationDetailView),
    ("taxonomies", views.TaxonomyListView, views.TaxonomyDetailView),
    ("taxonomy_terms", views.TaxonomyTermListView, views.TaxonomyTermDetailView),
]

urlpatterns = [
    path("", views.BasisView.as_view(), name="basis"),
    path("profiel/", views.ProfielView.as_view(), name="profiel"),
    re_path(r"^profiel$", views.ProfielView.as_view()),
]
for _naam, _lijst, _detail in _LIJSTEN_EN_DETAILS:
    urlpatterns += [
        re_path(rf"^{_naam}/?$", _lijst.as_view(), name=_naam),
        re_path(rf"^{_naam}/(?P<id>[^/]+)/?$", _detail.as_view(), name=f"{_naam}-detail"),
    ]
urlpatterns.append(re_path(r"", views.NietGevondenView.as_view(), name="niet-gevonden"))
