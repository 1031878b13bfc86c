from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from aanbod.api import views

router = DefaultRouter()
router.register("aanbod", views.AanbodViewSet, basename="aanbod")
router.register("organisaties", views.OrganisatieViewSet, basename="organisatie")
router.register("locaties", views.LocatieViewSet, basename="locatie")
router.register("ondersteuningsvormen", views.OndersteuningsvormViewSet, basename="ondersteuningsvorm")
router.register("doelgroepen", views.DoelgroepViewSet, basename="doelgroep")
router.register("levensdomeinen", views.LevensdomeinViewSet, basename="levensdomein")
router.register("themas", views.ThemaViewSet, basename="thema")
router.register("toegangswegen", views.ToegangswegViewSet, basename="toegangsweg")
router.register("eerstelijnszones", views.EerstelijnszoneViewSet, basename="eerstelijnszone")
router.register("gemeenten", views.GemeenteViewSet, basename="gemeente")
router.register("begrippen", views.BegripViewSet, basename="begrip")

app_name = "api"

urlpatterns = [
    path("token/", views.TokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    # Redoc searches in a worker it builds from a blob: allowed on this page only (docs/security.md).
    path(
        "redoc/",
        csp_update({"worker-src": ["'self'", "blob:"]})(SpectacularRedocView.as_view(url_name="api:schema")),
        name="redoc",
    ),
    path("", include(router.urls)),
]
