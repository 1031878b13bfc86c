from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DoorverwijzingConfig(AppConfig):
    name = "doorverwijzing"
    verbose_name = _("Doorverwijzingen")

    def ready(self):
        # The gaps report (/beheer/hiaten/) shows capacity refusals without aanbod importing this app.
        from aanbod.beheer.hiaten.bronnen import register_bron
        from doorverwijzing.hiaten import weigeringen_wegens_capaciteit

        register_bron(weigeringen_wegens_capaciteit)
