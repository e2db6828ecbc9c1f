"""Settings, driven by the environment (defaults give the SQLite demo)."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


# Safe defaults: debug (tracebacks, URL patterns) only when asked for; `make demo` asks.
DEBUG = env_bool("STYR_DEBUG", False)
DEVELOPMENT_SECRET_KEY = "styr-insecure-development-key-change-me-in-production"
SECRET_KEY = os.environ.get("STYR_SECRET_KEY", "").strip() or DEVELOPMENT_SECRET_KEY
if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(
        "Styr will not start with debug off and the shipped development secret key. Set STYR_SECRET_KEY "
        "to a long random value of your own (python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
        "or set STYR_DEBUG=1 for development on your own machine (as `make demo` does)."
    )
ALLOWED_HOSTS = [h for h in os.environ.get("STYR_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "bootstrap",
    "tree_queries",
    "django_tasks_db",
    "rules.apps.AutodiscoverRulesConfig",
    "styr.core",
    "styr.organisation",
    "styr.planning",
    "styr.followup",
    "styr.economy",
    "styr.control",
    "styr.documents",
    "styr.public",
    "styr.demo",
    "styr.api",
    "axes",  # login throttling and lock-out (AUTH-003), configured at the end
    # single sign-on through the municipality's identity provider (OpenID Connect, SAML 2.0)
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "styr.core.middleware.RequestIdMiddleware",
    "styr.core.logging.RequestLogMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "styr.api.middleware.ApiErrorShapeMiddleware",
    "styr.core.security.RequestLimitMiddleware",  # SIZE-001…003: 413 before a body is read
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "styr.core.middleware.RuleViolationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "styr.core.security.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "styr.config.urls"
WSGI_APPLICATION = "styr.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "styr" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "styr.organisation.context_processors.demo_figures",
            ],
        },
    }
]

DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'styr.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if "DATABASE_URL" not in os.environ:
        (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# With debug off: cookies only over HTTPS, HSTS on HTTPS answers (STYR_HSTS_SECONDS, 0 turns it
# off; subdomains only with STYR_HSTS_INCLUDE_SUBDOMAINS=1, since they may be other services of
# the municipality), and a session lasts a working day (STYR_SESSION_AGE_SECONDS).
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("STYR_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("STYR_HSTS_INCLUDE_SUBDOMAINS", False)
SESSION_COOKIE_AGE = env_int("STYR_SESSION_AGE_SECONDS", 8 * 3600)

AUTHENTICATION_BACKENDS = [
    "styr.core.security.LoginThrottleBackend",  # django-axes first: a locked-out login is refused (AUTH-003)
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "followup:todo"
LOGOUT_REDIRECT_URL = "public:home"

# Single sign-on (django-allauth): an OpenID Connect provider when STYR_OIDC_SERVER_URL is set, a SAML 2.0
# provider when STYR_SAML_IDP_ENTITY_ID is set (styr/config/sso.py reads them; the README lists them all).
# Nothing is enabled when neither is set. Local accounts stay, logging in at /konto/logga-in/; nobody signs
# up for a local account, and a person's roles come from the IdP's groups through the role mapping
# (/installningar/inloggning/, styr/organisation/sso.py).
from styr.config.sso import providers_from_env  # noqa: E402

SOCIALACCOUNT_PROVIDERS = providers_from_env(os.environ, debug=DEBUG)
SOCIALACCOUNT_ONLY = True  # allauth's own password, sign-up and e-mail pages stay off
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_REQUIRED = False
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_STORE_TOKENS = False
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "styr.organisation.sso.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "styr.organisation.sso.SocialAccountAdapter"
ACCOUNT_LOGOUT_REDIRECT_URL = LOGOUT_REDIRECT_URL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Rendered charts are kept here (about 40 kB each). One process: memory; several processes on one host: set
# STYR_CACHE_DIR to a directory they share.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": os.environ["STYR_CACHE_DIR"]}
        if os.environ.get("STYR_CACHE_DIR")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 500}}
    ),
    # How far a background SIE import has read: written by the worker while the import's transaction is
    # open (so not in the database), read by the web pages. Shared by the processes of one host through
    # files (STYR_PROGRESS_DIR; var/progress by default); with more than one host, point it at Redis.
    "progress": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("STYR_PROGRESS_DIR") or str(BASE_DIR / "var" / "progress"),
        "TIMEOUT": 24 * 3600,
    },
}

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "styr" / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# Files people upload (SIE files read in the background) are kept apart from static files, in a
# folder the web server and the task worker share (STYR_UPLOAD_DIR; var/uploads by default).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "uploads": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ.get("STYR_UPLOAD_DIR") or str(BASE_DIR / "var" / "uploads")},
    },
}
#: the largest SIE file the upload page takes (SIE-013); the command line has no limit
SIE_UPLOAD_MAX_BYTES = env_int("STYR_SIE_UPLOAD_MAX_BYTES", 200 * 1024 * 1024)
#: the largest file attached to a control's result (IC-036), 10 MB unless STYR_CONTROL_ATTACHMENT_MAX_BYTES says otherwise
CONTROL_ATTACHMENT_MAX_BYTES = env_int("STYR_CONTROL_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
#: an upload that has said nothing for this long while running was left by a stopped worker (SIE-014)
SIE_UPLOAD_STALE_SECONDS = env_int("STYR_SIE_UPLOAD_STALE_SECONDS", 15 * 60)

# Background tasks (django.tasks) are rows in the database, run by `manage.py db_worker` beside the web
# server (one worker on SQLite). STYR_TASKS_IMMEDIATE=1 runs them at once in the web process instead.
TASKS = {
    "default": {
        "BACKEND": "django.tasks.backends.immediate.ImmediateBackend" if env_bool("STYR_TASKS_IMMEDIATE", False) else "django_tasks_db.DatabaseBackend",
    }
}

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "styr" / "static"]

# Content Security Policy: everything from our own origin, nothing inline.
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "frame-ancestors": [CSP.NONE],
}

MAILERS = {"default": {"BACKEND": os.environ.get("STYR_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"weasyprint": {"level": "ERROR"}, "fontTools": {"level": "ERROR"}},
}

# API pagination: bounded (the offset too, in styr/api/pagination.py).
NINJA_PAGINATION_PER_PAGE = 100
NINJA_PAGINATION_MAX_LIMIT = 500

# Kolada (issue 13 §1): API v3, a per-request time-out, polite retries on 429 and 5xx, a cap on
# each answer's size and on the pages one question may run to.
KOLADA_API_URL = os.environ.get("STYR_KOLADA_API_URL", "https://api.kolada.se/v3")
KOLADA_TIMEOUT_SECONDS = float(os.environ.get("STYR_KOLADA_TIMEOUT_SECONDS", "30"))
KOLADA_MAX_TRIES = int(os.environ.get("STYR_KOLADA_MAX_TRIES", "4"))
KOLADA_BACKOFF_SECONDS = float(os.environ.get("STYR_KOLADA_BACKOFF_SECONDS", "2"))
KOLADA_MAX_RETRY_AFTER_SECONDS = 120.0
KOLADA_MAX_ANSWER_BYTES = 50 * 1024 * 1024
KOLADA_MAX_PAGES = 200
KOLADA_PER_PAGE = 5000

#: TOKEN-003: the longest an API token may live, in days.
STYR_API_TOKEN_MAX_DAYS = env_int("STYR_API_TOKEN_MAX_DAYS", 365)

# --- Sign-in, headers and request limits (issue 14 §4, §7; styr/core/security.py) ---
# Login throttling (django-axes, AUTH-003): STYR_LOGIN_FAILURE_LIMIT failed logins in a row lock the
# account, and as many from one address lock the address (all its accounts), for
# STYR_LOGIN_COOLOFF_MINUTES; a successful login clears the account's count. The lock-out is audited
# (auth.locked_out). Behind a proxy, STYR_PROXY_COUNT tells how many proxies add X-Forwarded-For.
AXES_FAILURE_LIMIT = env_int("STYR_LOGIN_FAILURE_LIMIT", 10)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = env_int("STYR_LOGIN_COOLOFF_MINUTES", 15) / 60  # hours, as axes counts them
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "styr.core.security.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_IPWARE_PROXY_COUNT = env_int("STYR_PROXY_COUNT", 0) or None
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password"]
AXES_VERBOSE = False

# HTTPS (manage.py check --deploy passes with debug off): every http request is redirected to https
# (STYR_SSL_REDIRECT=0 when the proxy in front redirects itself); a proxy that terminates TLS says so
# with X-Forwarded-Proto: https, trusted only with STYR_PROXY_TLS=1 (below; the proxy must overwrite
# the header a client sends). HSTS: STYR_HSTS_SECONDS above; preload only with STYR_HSTS_PRELOAD=1.
# Subdomains and preload are the domain owner's choice (the municipality's other services live on
# its subdomains), so their two warnings are silenced while they stay off.
SECURE_SSL_REDIRECT = env_bool("STYR_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^helse/$"]  # a load balancer's health probe may speak plain http
SECURE_HSTS_PRELOAD = env_bool("STYR_HSTS_PRELOAD", False)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SILENCED_SYSTEM_CHECKS = [
    *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
    *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
]

# Request limits (SIZE-001…003, 413): the whole body (STYR_MAX_REQUEST_BYTES; by default the largest SIE
# upload and 1 MB), a body's form fields at most 2.5 MB and 1,000 fields, a file
# kept in memory up to 2.5 MB (larger ones go to a temporary file), each upload capped by its own form.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("STYR_MAX_FORM_BYTES", 2_621_440)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
STYR_MAX_REQUEST_BYTES = env_int("STYR_MAX_REQUEST_BYTES", 0)  # 0: SIE_UPLOAD_MAX_BYTES and 1 MB
# Serving (issue 14 §5): gunicorn + WhiteNoise + the task worker, JSON-lines logs, a shared cache for more than one
# host. docs/operations.md describes each setting.
# Static files: WhiteNoise serves them from STATIC_ROOT (`manage.py collectstatic`, which `make serve` runs), under
# names that carry a hash of their content, compressed, cached for a year. With debug on, Django's plain storage.
if not DEBUG:
    STORAGES["staticfiles"] = {"BACKEND": "styr.core.staticfiles.ManifestStorage"}
STATIC_ROOT = Path(os.environ.get("STYR_STATIC_ROOT") or BASE_DIR / "staticfiles")
# A cache every host shares (STYR_CACHE_URL=redis://host:6379/0; Redis or Valkey from the distribution's packages):
# charts, sessions and the locks and progress of background runs (KOLADA-007) then hold across hosts. Without it,
# the cache above stays (memory, or files in STYR_CACHE_DIR): right for one host only.
CACHE_URL = os.environ.get("STYR_CACHE_URL", "").strip()
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"STYR_CACHE_URL must be a redis://, rediss:// or unix:// address, not {CACHE_URL!r}.")
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL, "KEY_PREFIX": "styr"},
        "progress": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL, "KEY_PREFIX": "styr-progress", "TIMEOUT": 24 * 3600},
    }
    # sessions read from the shared cache and written through to the database, so none is lost when Redis restarts
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Logs: one JSON object a line (time, level, logger, message, request id, path, status, duration, user) when
# STYR_LOG_FORMAT=json, the default with debug off; plain text with debug on. STYR_LOG_LEVEL sets the level.
LOG_FORMAT = os.environ.get("STYR_LOG_FORMAT", "text" if DEBUG else "json").strip().lower()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "styr.core.logging.JsonFormatter"}, "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json" if LOG_FORMAT == "json" else "text"}},
    "root": {"handlers": ["console"], "level": os.environ.get("STYR_LOG_LEVEL", "INFO").upper()},
    "loggers": {
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
        # Django's own handlers go (debug printed twice): its records reach the root handler above
        "django": {"level": "INFO"},
        # the request line is written by styr.core.logging.RequestLogMiddleware; Django's own would say it twice
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
    },
}
# Behind a reverse proxy that terminates TLS: STYR_PROXY_TLS=1 trusts its X-Forwarded-Proto: https (the proxy must
# set it, overwriting what a client sent), so Django knows the request was secure (cookies, HSTS, redirects).
if env_bool("STYR_PROXY_TLS", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
#: the task worker is "stale" in /helse/ when a task has waited this long without a worker taking it
WORKER_STALE_SECONDS = env_int("STYR_WORKER_STALE_SECONDS", 60)
