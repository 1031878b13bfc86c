"""Production settings: `manage.py check --deploy` is clean, and the HTTPS settings follow the environment."""

import os
import re
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]

# Deploy warnings we accept on purpose (docs/security.md, "Accepted check --deploy warnings").
AANVAARD = {
    # HSTS preload is a one-way door for the whole domain: the ELZ decides, via SECURE_HSTS_PRELOAD.
    "security.W021",
}

PRODUCTIE = {
    "DEBUG": "0",
    "SECRET_KEY": "k7#Qz9!vLm2@Wp4$Rt6^Yn8&Bx1*Cs3(Df5)Gh7-Jk9_Lq0+Zw2=Ev4",
    "ALLOWED_HOSTS": "kaart.example.be",
    # Never connected to: check --deploy does not open the database.
    "DATABASE_URL": "postgres://kaart:geheim@db.invalid:5432/sociale_kaart",
}


def _python(*argumenten: str, **omgeving: str) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SECURE_", "SESSION_", "CSRF_", "DEBUG", "TWEE_FACTOR"))
        and k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    }
    env.update(omgeving)
    return subprocess.run(
        [sys.executable, *argumenten],
        cwd=BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "sociale_kaart.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _instelling(code: str, **omgeving: str) -> str:
    resultaat = _python("-c", code, **omgeving)
    assert resultaat.returncode == 0, resultaat.stderr
    return resultaat.stdout.strip()


def test_check_deploy_is_schoon_met_de_productieomgeving():
    resultaat = _python("manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTIE)
    meldingen = set(re.findall(r"\((\w+\.[WE]\d+)\)", resultaat.stdout + resultaat.stderr))
    assert meldingen <= AANVAARD, resultaat.stdout + resultaat.stderr
    if not meldingen:
        assert resultaat.returncode == 0, resultaat.stderr


def test_check_deploy_zonder_aanvaarde_waarschuwingen_als_preload_aan_staat():
    resultaat = _python(
        "manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTIE, SECURE_HSTS_PRELOAD="1"
    )
    assert resultaat.returncode == 0, resultaat.stdout + resultaat.stderr
    assert "no issues" in resultaat.stdout


def test_productie_zet_https_cookies_hsts_en_frames_standaard_aan():
    waarden = _instelling(
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.X_FRAME_OPTIONS, "
        "s.SECURE_CONTENT_TYPE_NOSNIFF, s.SECURE_REFERRER_POLICY, s.SECURE_PROXY_SSL_HEADER, s.TWEE_FACTOR_VERPLICHT)",
        **PRODUCTIE,
    )
    assert waarden.split() == [
        "True", "True", "True", "31536000", "True", "DENY", "True", "same-origin", "None", "True"
    ]  # fmt: skip


def test_https_instellingen_volgen_de_omgeving():
    waarden = _instelling(
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, "
        "s.SECURE_PROXY_SSL_HEADER, s.SESSION_COOKIE_AGE)",
        **PRODUCTIE,
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="3600",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="0",
        SECURE_HSTS_PRELOAD="1",
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
        SESSION_COOKIE_AGE="1800",
    )
    assert waarden == "False False False 3600 False True ('HTTP_X_FORWARDED_PROTO', 'https') 1800"


def test_ontwikkeling_blijft_zonder_https_en_zonder_verplichte_tweede_stap():
    waarden = _instelling(
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS, s.TWEE_FACTOR_VERPLICHT)",
        DEBUG="1",
        DATABASE_URL=PRODUCTIE["DATABASE_URL"],
    )
    assert waarden == "False False 0 False"


def test_kaarttegels_van_een_andere_server_staan_in_img_src():
    beleid = _instelling(
        "from django.conf import settings as s; print(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])",
        **PRODUCTIE,
        KAART_TEGELS_URL="https://{s}.tegels.example.be/{z}/{x}/{y}.png",
    )
    assert beleid == "[\"'self'\", 'data:', 'https://*.tegels.example.be']"
