from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AanbodConfig(AppConfig):
    name = "aanbod"
    verbose_name = _("Catalogus (aanbod)")

    def ready(self):
        from aanbod import lookups  # noqa: F401 - registers ``__any``
