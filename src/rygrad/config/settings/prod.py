"""Production: everything secret or site-specific must come from the environment.

`rygrad check --deploy --settings=rygrad.config.settings.prod` reports nothing once
SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL are set (docs/deploy.md).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool
from .storage import default_storage

DEBUG = False
if os.environ.get("SECRET_KEY", "").startswith("rygrad-development") or not os.environ.get(
    "SECRET_KEY"
):
    raise ImproperlyConfigured("Set SECRET_KEY to a long random value in production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Staff, operators and (by default) every initiative's secretariat log in with a second
# factor (base.py); RYGRAD_REQUIRE_TWO_FACTOR=0 turns that off, e.g. while single sign-on
# through the municipality's identity provider already asks for one.
RYGRAD_REQUIRE_TWO_FACTOR = env_bool("RYGRAD_REQUIRE_TWO_FACTOR", True)

STORAGES = {
    "default": default_storage(os.environ),  # MEDIA_ROOT or S3 (settings/storage.py)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
TASKS = {
    "default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}
}
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
