"""Public pages of the catalogue."""

from django.db.models import Count, Q
from django.views.generic import TemplateView

from aanbod.constants import AanbodStatus
from aanbod.models import Eerstelijnszone, Thema


class HomeView(TemplateView):
    """The front door: the zones and themes people can start from."""

    template_name = "aanbod/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actief = Q(aanbod__status=AanbodStatus.ACTIEF)
        # One aggregate query per list instead of a count per zone/theme (N+1).
        context["zones"] = (
            Eerstelijnszone.objects.annotate(aantal_aanbod=Count("aanbod", filter=actief))
            .filter(aantal_aanbod__gt=0)
            .order_by("naam")
        )
        context["themas"] = Thema.objects.actief().annotate(aantal_aanbod=Count("aanbod", filter=actief))
        return context
