"""Settings for Utsyn.

Everything that differs between a laptop and production comes from the environment. Without any
variables set, Utsyn runs in development mode on SQLite under var/. Production is
`UTSYN_DEBUG=0` with `SECRET_KEY`, `ALLOWED_HOSTS`, `DATABASE_URL` and the e-mail variables set.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("UTSYN_VAR_DIR", BASE_DIR / "var"))


def envbool(name, default):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def envint(name, default):
    return int(os.environ.get(name, default))


def envlist(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def meta_name(header):
    """A header's name as request.META has it: X-Real-IP and HTTP_X_REAL_IP are one header, and
    a name written either way must not silently match nothing."""
    name = header.strip().upper().replace("-", "_")
    return name if not name or name.startswith(("HTTP_", "REMOTE_")) else f"HTTP_{name}"


DEBUG = envbool("UTSYN_DEBUG", True)

# What Django's deployment check (security.W009) calls a weak key; production refuses one,
# since sessions, password reset links and signed values are only as safe as the key.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_DISTINCT_CHARACTERS = 5
NEW_KEY_COMMAND = "python -c 'import secrets; print(secrets.token_urlsafe(50))'"


def secret_key_weakness(key):
    """Why the key is too weak for production, or "" when it is strong enough."""
    if len(key) < SECRET_KEY_MIN_LENGTH:
        return f"it has {len(key)} characters, fewer than {SECRET_KEY_MIN_LENGTH}"
    if len(set(key)) < SECRET_KEY_MIN_DISTINCT_CHARACTERS:
        return f"it has fewer than {SECRET_KEY_MIN_DISTINCT_CHARACTERS} different characters"
    if key.startswith("django-insecure-"):
        return "it is one that Django generated for development (django-insecure-…)"
    return ""


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            f"SECRET_KEY must be set when UTSYN_DEBUG is off. Make one with: {NEW_KEY_COMMAND}"
        )
    # Only ever used on a developer's machine: production refuses to start without a real key.
    SECRET_KEY = "development-only-key-never-used-in-production-0123456789"  # noqa: S105
elif not DEBUG and secret_key_weakness(SECRET_KEY):
    raise ImproperlyConfigured(
        f"SECRET_KEY is too weak for production: {secret_key_weakness(SECRET_KEY)}. "
        f"Use a long random value, made for example with: {NEW_KEY_COMMAND}"
    )

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "django_countries",
    "django_filters",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    "utsyn.core",
    "utsyn.organisations",
    "utsyn.audit",
    "utsyn.sdgs",
    "utsyn.money",
    "utsyn.arenas",
    "utsyn.plans",
    "utsyn.indicators",
    "utsyn.followup",
    "utsyn.projects",
    "utsyn.activities",
    "utsyn.costs",
    "utsyn.reports",
    "utsyn.overview",
    "utsyn.backup",
    "utsyn.accessibility",
]

# The demo and the benchmark belong to a developer's machine, not to a production server: their
# commands (load_demo, prepare_load, run_bench …) exist with UTSYN_DEBUG on, or with
# UTSYN_TOOLS=1, which `make bench` and `make load` set for the production-mode servers they run.
if envbool("UTSYN_TOOLS", DEBUG):
    INSTALLED_APPS += ["utsyn.demo", "utsyn.bench"]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "utsyn.organisations.middleware.OrganisationMiddleware",
    "csp.middleware.CSPMiddleware",
    "utsyn.core.middleware.PermissionsPolicyMiddleware",
    # Last: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a login while its username and address are locked out (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "utsyn.urls"
WSGI_APPLICATION = "utsyn.wsgi.application"

# Form widgets render through the project's templates, so that utsyn/templates/django/forms/
# can replace a widget's template (the select, see there).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "utsyn" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "utsyn.organisations.context_processors.organisation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'utsyn.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one request writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

# With several app servers, cache and sessions live in Redis (`REDIS_URL`, e.g.
# redis://cache:6379/0), so that every server sees the same ones: the visit form's rate limit
# then counts across servers. Sessions are "cached_db": read from Redis, written through to the
# database, so that a Redis restart or eviction logs nobody out. Without REDIS_URL each process
# has its own local-memory cache and sessions are read from the database.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "utsyn",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2id for new passwords (parameters in utsyn/core/hashers.py); a password stored with
# Django's default Argon2 parameters or with PBKDF2 still works and is rehashed at the next login.
PASSWORD_HASHERS = [
    "utsyn.core.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]

LANGUAGE_CODE = "nb"
LANGUAGES = [
    ("nb", "Norsk bokmål"),
    ("nn", "Norsk nynorsk"),
    ("sv", "Svenska"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "utsyn" / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "utsyn" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
# Large uploads go to a temporary file, as by default, but no more of a file is kept than the
# largest size a form accepts (utsyn.projects.uploads).
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "utsyn.projects.uploads.SizeLimitedUploadHandler",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "utsyn@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where feedback on accessibility goes; the accessibility statement shows it.
UTSYN_ACCESSIBILITY_CONTACT = os.environ.get("UTSYN_ACCESSIBILITY_CONTACT", DEFAULT_FROM_EMAIL)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # no script reads it: every form carries the token
# A refused form explained in the user's language (Django's own page is English only).
CSRF_FAILURE_VIEW = "utsyn.core.views.csrf_failure"
# Cross-Origin-Opener-Policy (Django's default, stated): other sites' windows get no handle.
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Pages load scripts, styles, images and forms only from Utsyn itself: no inline script or
# style, nothing from elsewhere. Charts are inline SVG or data: images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features no page of Utsyn uses (utsyn.core.middleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # WeasyPrint reports each CSS property it skips (those meant for screens) and its font
        # handling: noise for someone building a report.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}

# Where Utsyn is reached, for links in e-mails sent outside a request.
UTSYN_BASE_URL = os.environ.get("UTSYN_BASE_URL", "http://127.0.0.1:8000")
# How many days before a round's due date its "due soon" reminder goes out.
UTSYN_REMINDER_DAYS_BEFORE = envint("UTSYN_REMINDER_DAYS_BEFORE", 7)

# Background jobs (building report files). Without a worker they run at once, in the request
# that asks for them; `UTSYN_TASKS_BACKEND=database` queues them for `manage.py db_worker`.
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[os.environ.get("UTSYN_TASKS_BACKEND", "immediate")]}}

# Behind a reverse proxy, the request header holding the visitor's address, for the rate limit
# of the public visit request form and login throttling: HTTP_X_REAL_IP (one address, as the
# proxy sets it) or HTTP_X_FORWARDED_FOR (read from the right, see below). Without it, or when
# the header holds no IP address, the connection's address (utsyn.core.addresses).
UTSYN_CLIENT_IP_HEADER = meta_name(os.environ.get("UTSYN_CLIENT_IP_HEADER", ""))
# With X-Forwarded-For, the number of proxies in front of Utsyn that append to it: the
# visitor's address is that many entries from the right, since the visitor writes the left.
UTSYN_TRUSTED_PROXY_COUNT = envint("UTSYN_TRUSTED_PROXY_COUNT", 1)
if UTSYN_TRUSTED_PROXY_COUNT < 1:
    raise ImproperlyConfigured(
        "UTSYN_TRUSTED_PROXY_COUNT must be at least 1: without a proxy, leave "
        "UTSYN_CLIENT_IP_HEADER unset and the connection's address is used."
    )

# Login throttling (django-axes): after UTSYN_LOGIN_FAILURE_LIMIT failed logins with one
# username from one address, that pair is locked out for UTSYN_LOGIN_COOLOFF_MINUTES. Another
# username, or the same one from elsewhere, is not affected; a successful login starts over.
AXES_FAILURE_LIMIT = envint("UTSYN_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("UTSYN_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "utsyn.core.addresses.client_address"
AXES_LOCKOUT_CALLABLE = "utsyn.core.views.locked_out"  # the page, in the user's language
# Failed attempts are kept only while they count; successful logins are not logged.
AXES_DISABLE_ACCESS_LOG = True

# How many rows a list page shows at once.
PAGE_SIZE = 50
