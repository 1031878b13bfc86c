"""HTML pages of referrals. Every queryset goes through ``Doorverwijzing.objects.zichtbaar_voor``."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch
from django.views.generic import DetailView

from doorverwijzing.models import Bericht, Doorverwijzing, Gebeurtenis
from doorverwijzing.services import inzage_registreren, rollen, toegestane_acties


class DoorverwijzingDetailView(LoginRequiredMixin, DetailView):
    """One referral: the person, the question, the legal basis, history, messages and feedback.

    Anyone outside the two organisations gets a 404 ("forbidden" and "does not exist" look the same);
    every opening is logged.
    """

    template_name = "doorverwijzing/detail.html"
    context_object_name = "doorverwijzing"
    slug_field = slug_url_kwarg = "uuid"

    def get_queryset(self):
        return (
            Doorverwijzing.objects.zichtbaar_voor(self.request.user)
            .select_related("aanbod", "verwijzer", "verwijzer_organisatie", "ontvanger_organisatie", "persoon_gemeente")
            .prefetch_related(
                Prefetch("gebeurtenissen", queryset=Gebeurtenis.objects.select_related("actor")),
                Prefetch("berichten", queryset=Bericht.objects.select_related("auteur", "organisatie")),
                "terugkoppelingen",
            )
        )

    def get_object(self, queryset=None):
        doorverwijzing = super().get_object(queryset)
        inzage_registreren(doorverwijzing=doorverwijzing, door=self.request.user)
        return doorverwijzing

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rollen"] = rollen(self.request.user, self.object)
        context["acties"] = toegestane_acties(self.request.user, self.object)
        context["toestemming"] = getattr(self.object, "toestemming", None)
        return context
