"""Settings for the sociale kaart, driven by environment variables (see README and .env.example).

Development defaults are safe: with DEBUG off the project refuses to start unless SECRET_KEY,
ALLOWED_HOSTS and a database are set explicitly.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    # Real environment variables win over the file (django-environ does not overwrite them).
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)

_missing = []
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if DEBUG:
        SECRET_KEY = "onveilig-alleen-voor-ontwikkeling"  # noqa: S105 - dev only, refused without DEBUG
    else:
        _missing.append("SECRET_KEY")
# Rotation: the previous key(s) keep sessions and signed links valid until they expire (docs/operations.md).
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not ALLOWED_HOSTS:
    _missing.append("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Database: DATABASE_URL names any PostgreSQL >= 15. Without it, the embedded server from PyPI is
# started inside the project tree (zero setup). In production (DEBUG off) the choice must be explicit.
EMBEDDED_PGDATA = Path(env.str("EMBEDDED_PGDATA", default=str(BASE_DIR / ".data" / "postgres")))
_database_url = env.str("DATABASE_URL", default="")
_use_embedded = env.bool("EMBEDDED_POSTGRES", default=DEBUG)
if not _database_url and not _use_embedded:
    _missing.append("DATABASE_URL (of EMBEDDED_POSTGRES=1)")

if _missing:
    raise ImproperlyConfigured(
        "De sociale kaart start niet met DEBUG uit zonder: "
        + ", ".join(_missing)
        + ". Zet deze omgevingsvariabelen (zie .env.example en README). "
        "Refusing to start with DEBUG off without: " + ", ".join(_missing) + "."
    )

if _database_url:
    _default_db = env.db_url_config(_database_url)
    if _default_db["ENGINE"] not in ("django.db.backends.postgresql",):
        raise ImproperlyConfigured("DATABASE_URL moet naar PostgreSQL wijzen (postgres://...).")
else:
    from sociale_kaart.db import embedded_database

    _default_db = embedded_database(EMBEDDED_PGDATA, name=env.str("EMBEDDED_DB_NAME", default="sociale_kaart"))

_default_db.update(
    {
        # Persistent connections: a new backend costs ~15 ms before the first search (notes/search-performance).
        "CONN_MAX_AGE": env.int("CONN_MAX_AGE", default=60),
        # A connection broken by a database restart is replaced at the next request (no app restart).
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"NAME": env.str("TEST_DB_NAME", default="test_sociale_kaart")},
    }
)
# libpq waits forever for an unreachable host by default; fail fast so the request becomes a 503.
_default_db.setdefault("OPTIONS", {}).setdefault("connect_timeout", env.int("DB_CONNECT_TIMEOUT", default=5))
DATABASES = {"default": _default_db}
# A read replica (docs/scaling.md): anonymous catalogue reads go there, everything else to the primary.
_replica_url = env.str("DATABASE_REPLICA_URL", default="")
if _replica_url:
    DATABASES["replica"] = {**_default_db, **env.db_url_config(_replica_url), "TEST": {"MIRROR": "default"}}
    DATABASE_ROUTERS = ["sociale_kaart.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "corsheaders",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    # Security (docs/security.md, docs/adr/0005): CSP header, login lockout, two-factor codes.
    "sociale_kaart.apps.SocialeKaartConfig",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "aanbod.apps.AanbodConfig",
    "doorverwijzing.apps.DoorverwijzingConfig",
]

MIDDLEWARE = [
    # Outermost: the request id and the access-log line cover every other middleware (sociale_kaart/middleware.py).
    "sociale_kaart.middleware.VerzoekIdMiddleware",
    # A database outage is a 503 with Retry-After, never a 500.
    "sociale_kaart.middleware.DatabaseOnbereikbaarMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETag from the response body and 304 on If-None-Match / If-Modified-Since (API and pages).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(); then: who must pass the second step and has not is sent there.
    "django_otp.middleware.OTPMiddleware",
    "sociale_kaart.beveiliging.TweeFactorMiddleware",
    "sociale_kaart.beveiliging.SessieVerlengenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records the signed-in user on history rows (docs/adr/0004).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]
if "replica" in DATABASES:
    MIDDLEWARE.append("sociale_kaart.routers.PrimaireVoorIngelogdenMiddleware")

ROOT_URLCONF = "sociale_kaart.urls"
WSGI_APPLICATION = "sociale_kaart.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sociale_kaart.context_processors.kaart",
                "sociale_kaart.context_processors.beheer",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login protection (docs/security.md). The first backend only counts and refuses locked-out attempts.
AUTHENTICATION_BACKENDS = [
    "sociale_kaart.beveiliging.AanmeldPogingen",
    "django.contrib.auth.backends.ModelBackend",
]
# Lockout after AANMELD_MAX_POGINGEN wrong passwords for one username from one address, for
# AANMELD_BLOKKERING_MINUTEN; a successful login resets the count.
AXES_FAILURE_LIMIT = env.int("AANMELD_MAX_POGINGEN", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AANMELD_BLOKKERING_MINUTEN", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "sociale_kaart.beveiliging.geblokkeerd"
AXES_CLIENT_IP_CALLABLE = "sociale_kaart.beveiliging.client_ip"
# Behind N reverse proxies the client is the N-th address from the right in X-Forwarded-For.
VERTROUWDE_PROXIES = env.int("VERTROUWDE_PROXIES", default=0)
# Two-factor codes (TOTP) for curators, staff and superusers; off in development so the demo logins
# work without a phone. Anyone may switch it on for their own account.
TWEE_FACTOR_VERPLICHT = env.bool("TWEE_FACTOR_VERPLICHT", default=not DEBUG)
OTP_TOTP_ISSUER = "Sociale kaart"
# A session ends after SESSION_COOKIE_AGE seconds without activity (sliding: the expiry moves at most
# every SESSIE_VERLENGEN_NA seconds, so not every request writes the session) and when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSIE_VERLENGEN_NA = 300
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "doorverwijzing:inbox"
LOGOUT_REDIRECT_URL = "aanbod:home"

LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", "Nederlands")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Per-process memory by default; set CACHE_URL (e.g. filecache:///var/cache/sociale-kaart or
# redis://…) to share the cache (guide PDFs, rate limits) between gunicorn workers and nodes.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# Absolute links in e-mails (which are sent outside a request).
BASIS_URL = env.str("BASIS_URL", default="http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="sociale-kaart@localhost")

# HTTPS (docs/security.md): on by default without DEBUG; `manage.py check --deploy` is clean then.
_veilige_cookies = env.bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=_veilige_cookies)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=_veilige_cookies)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancer probes speak plain HTTP on the inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 60 * 60)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Behind a TLS-terminating proxy: the header it sets, e.g. SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO.
# Only set it when the proxy always overwrites that header.
_proxy_header = env.str("SECURE_PROXY_SSL_HEADER", default="")
SECURE_PROXY_SSL_HEADER = (_proxy_header, "https") if _proxy_header else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = env.str("SECURE_REFERRER_POLICY", default="same-origin")
X_FRAME_OPTIONS = "DENY"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "aanbod.api.paginering.Paginering",
    "DEFAULT_SCHEMA_CLASS": "aanbod.api.schema.AutoSchemaMetFouten",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.AnonRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_ANON_RATE", default="600/minute"),
        "token": env.str("API_TOKEN_RATE", default="10/minute"),
    },
    "EXCEPTION_HANDLER": "aanbod.api.fouten.foutafhandeling",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DATETIME_FORMAT": "iso-8601",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Sociale kaart API",
    "DESCRIPTION": (
        "De catalogus van de lokale sociale kaart (aanbod, organisaties, locaties, ondersteuningsvormen, "
        "vocabularia, eerstelijnszones, gemeenten, begrippen) voor partnersystemen. Lezen is open; schrijven "
        "en alles wat persoonlijk is vraagt een token (`POST /api/v1/token/`).\n\n"
        "The catalogue of the local social map for partner systems. Reading is open; writing and anything "
        "personal needs a token. Errors are always JSON: `{detail, code, fields}`. See also `/api/hsds/` "
        "(Open Referral HSDS 3.0)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "aanbod.api.schema.lege_filters_toegestaan",
    ],
    "ENUM_NAME_OVERRIDES": {
        "CapaciteitEnum": "aanbod.constants.Capaciteit",
        "KostprijsEnum": "aanbod.constants.Kostprijs",
        "AanbodStatusEnum": "aanbod.constants.AanbodStatus",
        "DoorverwijzingStatusEnum": "doorverwijzing.constants.Status",
        "RedenEnum": "doorverwijzing.constants.Reden",
        "UitkomstEnum": "doorverwijzing.constants.Uitkomst",
    },
}

# CORS: the public catalogue can be read from any website; tokens, writes and referrals cannot.
CORS_URLS_REGEX = r"^/api/(hsds/.*|v1/(?!token|doorverwijzingen).*)$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]

# Logs go to stderr: one JSON object per line in production (LOG_FORMAT=json), readable text with DEBUG.
# Every line carries the request id; no query strings, names or e-mail addresses (sociale_kaart/logboek.py).
LOG_FORMAT = env.str("LOG_FORMAT", default="tekst" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"verzoek": {"()": "sociale_kaart.logboek.VerzoekContextFilter"}},
    "formatters": {
        "json": {"()": "sociale_kaart.logboek.JsonFormatter"},
        "tekst": {"()": "sociale_kaart.logboek.TekstFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["verzoek"],
            "formatter": "json" if LOG_FORMAT == "json" else "tekst",
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "embedded_postgres": {"level": "WARNING"},
        # runserver's own access line holds the query string; ours (sociale_kaart.toegang) does not.
        "django.server": {"level": "WARNING"},
    },
}
# django-axes names a failed login by username and IP address in its log lines; ours say request id only.
AXES_CLIENT_STR_CALLABLE = "sociale_kaart.logboek.axes_klant"

# Map tiles: the map is an enhancement; pages stay complete when tiles cannot load (offline LAN).
KAART_TEGELS_URL = env.str("KAART_TEGELS_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
KAART_ATTRIBUTIE = env.str("KAART_ATTRIBUTIE", default="© OpenStreetMap-bijdragers")


def _tegelbron(url: str) -> list[str]:
    """The origin of the tile server for img-src (``{s}`` subdomains become ``*``)."""
    deel = urlsplit(url.replace("{s}.", "*."))
    return [f"{deel.scheme}://{deel.netloc}"] if deel.scheme and deel.netloc else []


# Content-Security-Policy without 'unsafe-inline' (django-csp 4). NONCE only appears in the header of
# a page that asks for request.csp_nonce: the vendored API documentation (templates/drf_spectacular/).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:", *_tegelbron(KAART_TEGELS_URL)],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
    }
}

# Referrals: reminders and retention (see doorverwijzing/herinneringen.py and bewaartermijn.py).
HERINNERING_WERKDAGEN = env.int("HERINNERING_WERKDAGEN", default=5)
INACTIEF_DAGEN = env.int("INACTIEF_DAGEN", default=30)
BEWAARTERMIJN_MAANDEN = env.int("BEWAARTERMIJN_MAANDEN", default=12)

# Curation (docs/curation.md): an aanbod is due for a check after CONTROLE_TERMIJN_MAANDEN; a capacity
# older than CAPACITEIT_VERVALT_DAGEN is stale; organisations get a confirmation e-mail every
# BEVESTIGING_INTERVAL_MAANDEN whose link works for BEVESTIGING_GELDIG_DAGEN.
CONTROLE_TERMIJN_MAANDEN = env.int("CONTROLE_TERMIJN_MAANDEN", default=6)
CAPACITEIT_VERVALT_DAGEN = env.int("CAPACITEIT_VERVALT_DAGEN", default=60)
BEVESTIGING_INTERVAL_MAANDEN = env.int("BEVESTIGING_INTERVAL_MAANDEN", default=6)
BEVESTIGING_GELDIG_DAGEN = env.int("BEVESTIGING_GELDIG_DAGEN", default=30)
# Upper bounds for uploaded lists (a zone's list has hundreds of rows, not millions).
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
IMPORT_MAX_RIJEN = env.int("IMPORT_MAX_RIJEN", default=5000)
