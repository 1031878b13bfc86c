from rest_framework.routers import SimpleRouter

from doorverwijzing.api.views import DoorverwijzingViewSet

router = SimpleRouter()
router.register("", DoorverwijzingViewSet, basename="doorverwijzing")

urlpatterns = router.urls
