"""Response headers that Django's SecurityMiddleware and django-csp do not set.

SecurityMiddleware already sends `X-Content-Type-Options: nosniff`, `Referrer-Policy:
same-origin` and `Cross-Origin-Opener-Policy: same-origin` (Django's defaults), and
django-csp the Content Security Policy. What is left is `Permissions-Policy`: Rygrad uses
no camera, microphone, location, payment or device APIs, so a page (or anything injected
into one) may not ask the browser for them either.
"""

from __future__ import annotations

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
