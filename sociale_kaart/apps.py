from django.apps import AppConfig


class SocialeKaartConfig(AppConfig):
    """The project's wiring as an app, so its signal receivers are connected at startup (before any
    request: also for logins outside a request cycle, like the test client's force_login)."""

    name = "sociale_kaart"
    verbose_name = "Sociale kaart"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from sociale_kaart.beveiliging import bij_aanmelden

        user_logged_in.connect(bij_aanmelden, dispatch_uid="sociale_kaart.beveiliging.bij_aanmelden")
