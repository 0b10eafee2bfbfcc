"""What every request passes besides Django's own middleware: the response headers that
Django's SecurityMiddleware and django-csp do not set, the end of an idle session, and the
second factor some people must have before they may use a signed-in page, and the page a
visitor gets when the database is busy or restarting.

SecurityMiddleware already sends `X-Content-Type-Options: nosniff`, `Referrer-Policy:
same-origin` and `Cross-Origin-Opener-Policy: same-origin` (Django's defaults), and
django-csp the Content Security Policy. What is left is `Permissions-Policy`: Rygrad uses
no camera, microphone, location, payment or device APIs, so a page (or anything injected
into one) may not ask the browser for them either.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import loader
from django.utils.translation import gettext as _

from .accounts import LAST_SEEN, SIGNED_IN_AT, second_factor_due, session_mark_seen

logger = logging.getLogger(__name__)

# Features Chromium and Firefox know (an unknown name makes Chromium log an error).
# `publickey-credentials-get` stays allowed: passkeys are allauth's next second factor.
DISABLED_FEATURES = (
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "interest-cohort",  # FLoC, the older name of browsing-topics
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DISABLED_FEATURES)


class PermissionsPolicyMiddleware:
    """Send `Permissions-Policy` on every response that does not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


# --- Sessions end ----------------------------------------------------------------------
# A session ends SESSION_COOKIE_AGE after login (8 hours) however busy, and sooner when no
# request came for RYGRAD_SESSION_IDLE_SECONDS (2 hours): a computer in a staff room left
# signed in. Django's own expiry date moves with every save of the session, so both are
# checked here, against times kept in the session: the login's (core.accounts) and the
# last request's, rewritten at most once a minute (not a database write per request).

LAST_SEEN_PRECISION = 60  # seconds


class IdleSessionMiddleware:
    """Sign out a session older than SESSION_COOKIE_AGE or idle longer than
    RYGRAD_SESSION_IDLE_SECONDS (0: no idle limit), saying so; the request goes on as an
    anonymous visitor's (a page that needs a login sends them to log in, and back)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            signed_in = request.user.is_authenticated
        except OperationalError:
            # The session cannot be read (the database is locked or restarting). The visitor
            # is served as anonymous for this one request, so a page that can work without
            # them (the idea form's "not saved, send again") answers in words, not with a
            # server error; their session itself is left as it is.
            request.user = AnonymousUser()
            signed_in = False
        if signed_in:
            now = time.time()
            last = request.session.get(LAST_SEEN)
            signed_in_at = request.session.get(SIGNED_IN_AT)
            idle = int(settings.RYGRAD_SESSION_IDLE_SECONDS)
            if signed_in_at is not None and now - signed_in_at > settings.SESSION_COOKIE_AGE:
                logout(request)
                messages.info(request, _(
                    "You were signed out: a session lasts %(hours)s hours. Please log in "
                    "again.") % {"hours": settings.SESSION_COOKIE_AGE // 3600})
            elif idle and last is not None and now - last > idle:
                logout(request)
                messages.info(request, _(
                    "You were signed out because nothing happened for %(minutes)s minutes. "
                    "Please log in again.") % {"minutes": idle // 60})
            elif last is None or now - last >= LAST_SEEN_PRECISION:
                session_mark_seen(request.session, now)
        return self.get_response(request)


# --- A second factor, where it is required (core.accounts.two_factor_required) -------------

# Views open to whoever must still set up a second factor: allauth's (the TOTP page itself,
# logging out, the password) and choosing the language.
OPEN_WITHOUT_SECOND_FACTOR = ("allauth.", "django.views.i18n", "django.views.static")


class TwoFactorRequiredMiddleware:
    """Send a person who must log in with a second factor and has none to allauth's TOTP
    page, with a message saying why, from every view but allauth's own: neither an
    initiative's pages nor the admin nor the API (through the session) open for them until
    they have turned it on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated:
            return None
        if getattr(view_func, "__module__", "").startswith(OPEN_WITHOUT_SECOND_FACTOR):
            return None
        if not second_factor_due(request.session, user):
            return None
        messages.warning(request, _(
            "Two-factor login is required for your role. Turn it on below with an "
            "authenticator app on your phone; then you can continue."))
        return redirect("mfa_activate_totp")


# --- A database that is busy or restarting -----------------------------------------------
# The forms people without an account send (survey answers, ideas) try again and keep what
# was typed (core/retry.py). Every other page that meets a locked or restarting database
# answers this way: 503 with Retry-After and a page that says what happened and what to
# do, rather than "something went wrong".

RETRY_AFTER_SECONDS = 60


class DatabaseBusyMiddleware:
    """Answer a view's `OperationalError` with the plain page `503.html`, rendered without
    the context processors (they read the database too)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError):
            return None
        logger.warning("Database busy or unreachable on %s %s: %s", request.method,
                       request.path, exception)
        response = HttpResponse(loader.get_template("503.html").render(
            {"sending": request.method == "POST"}), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
