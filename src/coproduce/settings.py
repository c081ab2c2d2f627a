"""The one settings module for Coproduce, read from the environment.

Every variable is documented in `.env.example`. Defaults suit a laptop: SQLite
in `var/`, no HTTPS. Production sets DEBUG=false, COPRODUCE_HTTPS=true, a real
SECRET_KEY and DATABASE_URL.
"""

import json
import secrets
from pathlib import Path

import dj_database_url
import environ
from csp import constants as csp_constants
from django.core.exceptions import ImproperlyConfigured

from coproduce.env import env_bool, env_int, env_list, env_str, read_env_file

ENV_FILE = read_env_file()

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(env_str("COPRODUCE_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=False)
HTTPS = env_bool("COPRODUCE_HTTPS", default=False)


def _secret_key() -> str:
    """Use SECRET_KEY from the environment, or a key kept in var/ for local runs."""
    key = env_str("SECRET_KEY", "")
    if key:
        if len(key) < 50:
            raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")
        return key
    if HTTPS:
        raise ImproperlyConfigured("Set SECRET_KEY when COPRODUCE_HTTPS is on.")
    # A local install keeps its own random key so sessions survive restarts.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
# Signs backup manifests (coproduce.operations.backup). Keep a copy away from the server:
# a backup can only be restored with the key it was signed with.
COPRODUCE_BACKUP_KEY = env_str("COPRODUCE_BACKUP_KEY", "")
# Where `coproduce backup` and the scheduler put backups, and how many days they keep.
COPRODUCE_BACKUP_DIR = env_str("COPRODUCE_BACKUP_DIR", str(VAR_DIR / "backups"))
COPRODUCE_BACKUP_KEEP_DAYS = env_int("COPRODUCE_BACKUP_KEEP_DAYS", 30)
# The token Prometheus sends (Authorization: Bearer ...) to read /metrics; without one,
# /metrics does not exist.
COPRODUCE_METRICS_TOKEN = env_str("COPRODUCE_METRICS_TOKEN", "")
# The address people reach this installation at, for links in messages sent from
# commands (a page uses the address it was asked at).
COPRODUCE_SITE_URL = env_str("COPRODUCE_SITE_URL", "http://127.0.0.1:8000")
# Whether a platform operator checks each organisation someone asks to start (default),
# or it is set up straight away (an installation for one council's own teams, say).
COPRODUCE_CHECK_NEW_ORGANISATIONS = env_bool("COPRODUCE_CHECK_NEW_ORGANISATIONS", default=True)
# How many PDFs the whole server makes at once (coproduce.web.pdf); keep it below the
# number of workers so that other pages always have one free.
COPRODUCE_PDF_AT_ONCE = env_int("COPRODUCE_PDF_AT_ONCE", 2)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "coproduce.core",
    "coproduce.web",
    "coproduce.people",
    "coproduce.frameworks",
    "coproduce.initiatives",
    "coproduce.sessions",
    "coproduce.assessments",
    "coproduce.influence",
    "coproduce.messaging",
    "coproduce.ledger",
    "coproduce.recognition",
    "coproduce.opportunities",
    "coproduce.peers",
    "coproduce.conversations",
    "coproduce.workshop",
    "coproduce.evidence",
    "coproduce.library",
    "coproduce.insight",
    "coproduce.demo",
    "coproduce.operations",
    "coproduce.privacy",
    "coproduce.reports",
]

MIDDLEWARE = [
    # A request id for the logs and the X-Request-ID header; counts for /metrics.
    "coproduce.operations.observe.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A signed-in person whose record says Welsh gets Welsh pages.
    "coproduce.people.language.TheirLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "coproduce.core.middleware.RequireMfaMiddleware",
    "coproduce.core.middleware.PrivateByDefaultMiddleware",
    "coproduce.core.idempotency.IdempotencyMiddleware",
    "coproduce.web.middleware.PdfBusyMiddleware",
]

ROOT_URLCONF = "coproduce.urls"
WSGI_APPLICATION = "coproduce.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coproduce.web.navigation.navigation",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------
# SQLite by default, in WAL mode with IMMEDIATE transactions and a busy
# timeout so that concurrent writers queue instead of failing with
# "database is locked". DATABASE_URL selects PostgreSQL in production.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'coproduce.sqlite3'}")
# Each server worker keeps its connection for a minute, checked before each request. A
# new connection costs every request several milliseconds: PostgreSQL starts a process
# for it, and on SQLite the pragmas run, Django adds its functions and the page cache
# starts empty (a sixth of the assessment results page on national data, issue 23).
# A restore writes into the same database file, so kept connections see it.
_KEEP_CONNECTIONS = 60
_database = dj_database_url.parse(
    DATABASE_URL,
    conn_max_age=env_int("DATABASE_CONN_MAX_AGE", _KEEP_CONNECTIONS),
    conn_health_checks=True,
)
if _database["ENGINE"] == "django.db.backends.sqlite3":
    if _database["NAME"] != ":memory:":
        Path(_database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    _database["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL;"
        ),
    }
    # Tests use a file, not memory, so that several processes can share it
    # (the ledger's concurrency tests fork writers).
    _database["TEST"] = {"NAME": str(VAR_DIR / "test_coproduce.sqlite3")}
DATABASES = {"default": _database}
# A PostgreSQL streaming replica for reads (docs/operations.md, "Scale-out").
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
DATABASE_ROUTERS: list[str] = []
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **dj_database_url.parse(
            DATABASE_REPLICA_URL,
            conn_max_age=env_int("DATABASE_CONN_MAX_AGE", _KEEP_CONNECTIONS),
            conn_health_checks=True,
        ),
        # Tests read the primary through this alias, as a replica would show it.
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["coproduce.core.routers.ReplicaRouter"]
    MIDDLEWARE.insert(0, "coproduce.core.routers.PinWritesToPrimaryMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (login throttling counts live here) -----------------------------
CACHE_URL = env_str("CACHE_URL", "")
if CACHE_URL.startswith("redis://"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
elif CACHE_URL:
    raise ImproperlyConfigured("CACHE_URL must be empty or a redis:// address.")
else:
    # Shared by every worker with no extra service: sign-in limits and the library's
    # cached searches hold across processes. The table is made by core's migrations.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "coproduce_cache",
        }
    }
# Results worked out from the database and keyed by what they depend on (the library's
# version, kept in the shared cache), so each worker may keep its own copy.
CACHES["local"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}

# --- Accounts -------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_USER_MODEL = "core.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Offline: leaked passwords and easy patterns, by zxcvbn's own lists.
    {"NAME": "coproduce.core.passwords.GuessablePasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:dashboard"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "optional")
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Coproduce: "
# Failed logins are throttled per address and per account (allauth's rate limits).
# Behind a reverse proxy every client arrives from the proxy's address, so the limits per
# address must read the client's own from the header the proxy sets. Only trust it when
# a proxy you run sets it (docs/operations.md).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("COPRODUCE_TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env_str("COPRODUCE_CLIENT_IP_HEADER", "") or None
# "key" is one account from one client (coproduce.core.adapter), so wrong guesses by
# someone else never lock the real person out; the account-wide limit is looser, and
# stops guessing spread over many addresses.
ACCOUNT_ADAPTER = "coproduce.core.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("COPRODUCE_LOGIN_RATE", "10/m/ip,5/5m/key"),
    "login_failed_account": env_str("COPRODUCE_LOGIN_ACCOUNT_RATE", "50/h/key"),
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Coproduce"
# Admins and coordinators see personal data about many people, so they must
# set up an authenticator app before they can use the service.
COPRODUCE_REQUIRE_MFA = env_bool("COPRODUCE_REQUIRE_MFA", default=True)

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere: scripts and styles come from our own files, so an
# injected <script> or style attribute cannot run. Data for charts travels in
# <script type="application/json">, which is never run.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp_constants.SELF],
        "script-src": [csp_constants.SELF],
        "style-src": [csp_constants.SELF],
        "img-src": [csp_constants.SELF, "data:"],
        "font-src": [csp_constants.SELF],
        "connect-src": [csp_constants.SELF],
        "object-src": [csp_constants.NONE],
        "base-uri": [csp_constants.SELF],
        "form-action": [csp_constants.SELF],
        "frame-ancestors": [csp_constants.NONE],
    }
}

# --- Messages: email, text messages and letters -----------------------------
# Every message goes into the outbox (the messaging app) with the change that causes it,
# Django's own mail included, and the background worker sends it (docs/operations.md).
EMAIL_BACKEND = "coproduce.messaging.backends.OutboxBackend"
# The mail server as one URL, e.g. smtp+tls://user:password@smtp.office365.com:587
# (smtp+ssl:// for port 465; characters like @ in the password percent-encoded).
# Without it, emails go through GOV.UK Notify if it is set up, or are written to the
# console while DEBUG is on, or wait in the outbox until a service is set up.
EMAIL_URL = env_str("EMAIL_URL", "")
if EMAIL_URL:
    _mail = environ.Env.email_url_config(EMAIL_URL)
    MESSAGING_EMAIL_BACKEND = _mail["EMAIL_BACKEND"]
    EMAIL_HOST = _mail["EMAIL_HOST"] or "localhost"
    EMAIL_PORT = _mail["EMAIL_PORT"] or 25
    EMAIL_HOST_USER = _mail["EMAIL_HOST_USER"] or ""
    EMAIL_HOST_PASSWORD = _mail["EMAIL_HOST_PASSWORD"] or ""
    EMAIL_USE_TLS = bool(_mail.get("EMAIL_USE_TLS"))
    EMAIL_USE_SSL = bool(_mail.get("EMAIL_USE_SSL"))
else:
    # EMAIL_BACKEND in the environment names the backend that delivers (Django's own
    # setting of that name is always the outbox).
    MESSAGING_EMAIL_BACKEND = env_str(
        "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend" if DEBUG else ""
    )
# Where the file backend writes emails (the demo uses it: nothing leaves the machine).
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "sent-mail"))
# Seconds to wait for the mail server before trying again later.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Coproduce <no-reply@localhost>")
# GOV.UK Notify for text messages and letters (and emails when there is no EMAIL_URL):
# the API key, and the template for each channel, as JSON, e.g.
# {"email": "<id>", "text": "<id>", "letter": "<id>", "session_invitation.text": "<id>"}.
NOTIFY_API_KEY = env_str("NOTIFY_API_KEY", "")
NOTIFY_BASE_URL = env_str("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
NOTIFY_TEMPLATES: dict[str, str] = json.loads(env_str("NOTIFY_TEMPLATES", "{}") or "{}")
# No text messages between these hours (UK time): 9pm to 8am.
MESSAGING_QUIET_HOURS = (env_int("MESSAGING_QUIET_FROM", 21), env_int("MESSAGING_QUIET_UNTIL", 8))
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Language, time ---------------------------------------------------------
LANGUAGE_CODE = "en-gb"
# English and Welsh (issue 19): Welsh public bodies must offer their services in Welsh.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
# Our wording first: plain English for the account pages (locale/en_GB), compiled by make.
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files ----------------------------------------------------------
# build/static is made by `make assets` (Sass and npm packages).
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("COPRODUCE_STATIC_MANIFEST", default=False)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
# Uploaded files are readable by the server's own user only (they include photos of
# people and receipts), and so are the folders they are kept in.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# Files only people with the right role may read (expense receipts); never served directly.
PRIVATE_ROOT = Path(env_str("COPRODUCE_PRIVATE_DIR", str(VAR_DIR / "private")))
RECEIPT_MAX_BYTES = 5 * 1024 * 1024
LIBRARY_UPLOAD_MAX_BYTES = 5 * 1024 * 1024

# One JSON object a line (LOG_FORMAT=json, the default), each with the request's id;
# LOG_FORMAT=text for people reading a terminal. LOG_LEVEL=INFO adds a line a request.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "coproduce.operations.logs.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "text" if env_str("LOG_FORMAT", "json") == "text" else "json",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

COPRODUCE_API_PAGE_SIZE = 25
