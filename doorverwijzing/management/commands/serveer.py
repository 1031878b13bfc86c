"""``make run``: prepare the database and serve, in one process (one embedded-server lifetime).

It lives in ``doorverwijzing`` because it loads demo data of both apps, and only this app may import
the other.
"""

import atexit
import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connections

from aanbod.referentiedata import laad_referentiedata


class Command(BaseCommand):
    help = (
        "Migreert, laadt referentie- en demogegevens (idempotent) en start de webserver. "
        "Ctrl-C of SIGTERM stopt ook de ingebouwde PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--zonder-demo", action="store_true", help="Laad geen demogegevens.")

    def handle(self, *args, host: str, port: str, zonder_demo: bool, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if laad_referentiedata().gewijzigd:
            self.stdout.write("Referentiegegevens geladen.")
        if not zonder_demo:
            from aanbod.demodata import DEMO_GEBRUIKERS, laad_demodata
            from doorverwijzing.demodata import laad_demo_doorverwijzingen

            if laad_demodata().gewijzigd:
                self.stdout.write("Demogegevens geladen.")
            if laad_demo_doorverwijzingen():
                self.stdout.write("Demodoorverwijzingen geladen.")
        url = f"http://{host}:{port}/"
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Sociale kaart draait op {url}  (beheer: {url}admin/)"))
        if not zonder_demo:
            self.stdout.write("Demo-aanmeldingen (wachtwoord: demo):")
            for gebruiker in DEMO_GEBRUIKERS:
                self.stdout.write(f"  {gebruiker['username']:<15} {gebruiker['rol']}")
        self.stdout.write("Stoppen: Ctrl-C.\n")
        # No autoreloader: its child process would outlive a SIGTERM to the parent and keep the
        # embedded server alive. Use `manage.py runserver` for reload-on-save during development.
        code = 0
        try:
            call_command("runserver", f"{host}:{port}", use_reloader=False, use_threading=True)
        except KeyboardInterrupt:
            code = 130
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        finally:
            # Stop the embedded PostgreSQL now (its handle registered the stop with atexit) and leave without
            # waiting for other threads: a request thread or a library's worker thread must not keep the
            # process, and with it the database server, alive after Ctrl-C or SIGTERM.
            connections.close_all()
            atexit._run_exitfuncs()
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
