"""Settings shared by every environment.

Everything that differs between a laptop and a municipality's server comes from environment
variables (see docs/deploy.md); the defaults here need nothing installed but Python.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from rygrad.config.settings.storage import default_storage

PACKAGE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("RYGRAD_VAR_DIR", Path.cwd() / "var")).resolve()


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no environment variable; anything but 1/true/yes/on is false."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "rygrad-development-key-not-for-production")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The order is the order of the capabilities on the dashboard and in the learning report.
RYGRAD_APPS = [
    "rygrad.core",
    "rygrad.initiatives",
    "rygrad.alliance",
    "rygrad.agenda",
    "rygrad.activities",
    "rygrad.measurement",
    "rygrad.meetings",
    "rygrad.ideas",
    "rygrad.earlywarning",
    "rygrad.evaluation",
    "rygrad.communication",
    "rygrad.api",
    "rygrad.backup",
    "rygrad.privacy",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Single sign-on (settings/sso.py): inert until the environment configures a provider.
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "django_htmx",
    "template_partials",
    "csp",
    "auditlog",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    *RYGRAD_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "rygrad.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After the account is known: a session idle too long is ended, and whoever must use
    # a second factor and has none is sent to set one up (core/middleware.py).
    "rygrad.core.middleware.IdleSessionMiddleware",
    "rygrad.core.middleware.TwoFactorRequiredMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "rygrad.core.views.DenialMiddleware",
    "rygrad.core.middleware.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "rygrad.config.urls"
WSGI_APPLICATION = "rygrad.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "rygrad.core.context_processors.initiative_navigation",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'rygrad.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        # A kept connection is checked before a request uses it, so a worker's first
        # request after a PostgreSQL restart opens a new one instead of failing.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's SQLite backend, creating var/ on first connect (rygrad/core/sqlite).
    DATABASES["default"]["ENGINE"] = "rygrad.core.sqlite"
    # WAL lets readers work while a writer writes; IMMEDIATE avoids "database is locked"
    # on upgrade from a read to a write transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,  # seconds a write waits for another's lock (survey guide, busy)
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Accounts: email + password, optional TOTP, rate-limited logins. Accounts are created by
# the secretariat (invitations), not by public sign-up.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "rygrad.core.accounts.AccountAdapter"
# Choosing a password through an invitation's (or a reset's) link logs the person in and
# takes them to the link's `next` (the initiative's dashboard); a second factor, when set
# up, is still asked.
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
# Failed logins are counted per account (key) and, more generously, per client address:
# a school or a town hall puts many people behind one address, so an address alone must
# never lock out everyone behind it. Behind a reverse proxy every request comes from the
# proxy, so the client's address is read from X-Forwarded-For, trusting as many hops as
# TRUSTED_PROXY_COUNT says and no more (0: the header is ignored; docs/deploy.md).
ACCOUNT_RATE_LIMITS = {"login_failed": "20/5m/ip,5/5m/key"}
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("TRUSTED_CLIENT_IP_HEADER") or None
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_ADAPTER = "rygrad.core.accounts.MFAAdapter"
# Two-factor login required of the secretariat and of operators (core/middleware.py): on,
# staff and operators must turn on TOTP before any signed-in page, and it is the default
# of each new initiative's own setting (Initiative.require_two_factor) for its
# secretariat. Off here and in development, the demo and the tests; on in production.
RYGRAD_REQUIRE_TWO_FACTOR = env_bool("RYGRAD_REQUIRE_TWO_FACTOR", False)
# Sessions end 8 hours after login whatever happens, and after 2 hours without a request
# (a shared computer in a town hall or a school left signed in).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 60 * 60))
RYGRAD_SESSION_IDLE_SECONDS = int(os.environ.get("RYGRAD_SESSION_IDLE_SECONDS", 2 * 60 * 60))
# Single sign-on through the municipality's identity provider (OIDC, SAML; docs/deploy.md).
from rygrad.config.settings.sso import *  # noqa: E402, F403

LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "account_login"

# The cache holds the login limits' counts (and the survey's), so every gunicorn worker
# and every restart must see the same counts: the database by default (core's migration
# creates the table), Redis when CACHE_URL is a redis:// URL (needs the `redis` package).
cache_url = os.environ.get("CACHE_URL", "")
if cache_url.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": cache_url}}
elif cache_url:
    raise ImproperlyConfigured(
        "CACHE_URL must be empty (the database) or a redis://, rediss:// or unix:// URL, "
        f"not one starting with {cache_url.split(':', 1)[0]!r}.")
else:
    # Many entries before culling: a culled count is a login limit forgotten.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                          "LOCATION": "rygrad_cache", "OPTIONS": {"MAX_ENTRIES": 100_000}}}

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# The shared stylesheet and icons live in src/rygrad/static, outside any app.
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Uploaded files leave only through views that ask the permission chain (rygrad.core.media);
# behind nginx or Apache the web server sends the bytes once the view has said yes.
MEDIA_ACCEL_REDIRECT = os.environ.get("MEDIA_ACCEL_REDIRECT", "")  # e.g. /protected-media/
MEDIA_SENDFILE = env_bool("MEDIA_SENDFILE", False)
# Uploaded files: MEDIA_ROOT, or an S3-compatible object store (RYGRAD_STORAGE=s3 and the
# AWS_* variables, settings/storage.py; docs/deploy.md "Uploaded files").
STORAGES = {
    "default": default_storage(os.environ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Background work runs on Django's Tasks framework (django-tasks backport) in the database.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "rygrad@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Content Security Policy: everything is self-hosted; nothing loads from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# The REST API (settings/api.py, docs/api.md).
from rygrad.config.settings.api import *  # noqa: E402, F403

# Disclosure control: no number about children rests on fewer respondents than this.
RYGRAD_MIN_GROUP_SIZE = 5

# Uploads and imports (docs/deploy.md): limits checked before a file is parsed, so a small
# crafted file cannot occupy a worker. A request body besides files is kept in memory up to
# DATA_UPLOAD_MAX_MEMORY_SIZE; an uploaded file above FILE_UPLOAD_MAX_MEMORY_SIZE goes to a
# temporary file, never into memory, and is refused by its size before it is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Spreadsheet imports (the alliance registry, a wave's population).
RYGRAD_IMPORT_MAX_BYTES = int(os.environ.get("RYGRAD_IMPORT_MAX_BYTES", 20 * 1024 * 1024))
RYGRAD_IMPORT_MAX_ROWS = int(os.environ.get("RYGRAD_IMPORT_MAX_ROWS", 50_000))
RYGRAD_IMPORT_MAX_COLUMNS = int(os.environ.get("RYGRAD_IMPORT_MAX_COLUMNS", 100))
# Survey files are legitimately large: a national year is 600,000 rows of ~45 columns.
RYGRAD_SURVEY_MAX_UPLOAD_BYTES = int(os.environ.get("RYGRAD_SURVEY_MAX_UPLOAD_BYTES",
                                                    256 * 1024 * 1024))
RYGRAD_SURVEY_MAX_ROWS = int(os.environ.get("RYGRAD_SURVEY_MAX_ROWS", 2_000_000))
RYGRAD_SURVEY_MAX_COLUMNS = int(os.environ.get("RYGRAD_SURVEY_MAX_COLUMNS", 1_000))
# Files attached to the inspiration catalogue's entries (communication.attachments).
RYGRAD_ATTACHMENT_MAX_BYTES = int(os.environ.get("RYGRAD_ATTACHMENT_MAX_BYTES",
                                                 20 * 1024 * 1024))

# The accessibility statement (/was, /accessibility/) names whom to write to about a
# barrier and the day the statement was last reviewed, as Danish law asks.
RYGRAD_ACCESSIBILITY_CONTACT = os.environ.get("RYGRAD_ACCESSIBILITY_CONTACT",
                                              DEFAULT_FROM_EMAIL)
RYGRAD_ACCESSIBILITY_REVIEWED = os.environ.get("RYGRAD_ACCESSIBILITY_REVIEWED", "2026-12-04")
try:  # Checked here: a wrongly written date would otherwise make /was a server error.
    dt.date.fromisoformat(RYGRAD_ACCESSIBILITY_REVIEWED)
except ValueError:
    raise ImproperlyConfigured(
        "RYGRAD_ACCESSIBILITY_REVIEWED must be the date the accessibility statement was last "
        f"reviewed, written YYYY-MM-DD, not {RYGRAD_ACCESSIBILITY_REVIEWED!r}.") from None

# The secretariat's guide, served at /guide/ from the Markdown files in the repository's
# docs/guide (core.guide). `pip install .` copies only the package, not docs/: such an
# installation points this at its checkout's docs/guide (docs/deploy.md), and
# `rygrad check` warns when the folder holds no guide.
RYGRAD_GUIDE_DIR = Path(os.environ.get("RYGRAD_GUIDE_DIR")
                        or PACKAGE_DIR.parents[1] / "docs" / "guide")

# Where `rygrad retention --apply` writes the archive of what it deletes (privacy app): one
# zip of JSON per initiative and kind, with its SHA-256, written and read back before
# anything is deleted. Keep it apart from the database's backups' retention.
RYGRAD_ARCHIVE_DIR = Path(os.environ.get("RYGRAD_ARCHIVE_DIR") or VAR_DIR / "archive")
