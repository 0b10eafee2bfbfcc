"""Requests counted per API token, per signed-in user and per anonymous client address,
in the shared cache; past the rate a client gets 429 with Retry-After."""

from rest_framework.throttling import SimpleRateThrottle

from .models import ApiToken


class ClientRateThrottle(SimpleRateThrottle):
    """Scope `api` (RYGRAD_API_RATE) for a token or a signed-in user, `api_anonymous`
    (RYGRAD_API_RATE_ANONYMOUS) for everyone else, by address."""

    scope = "api"

    def allow_request(self, request, view):
        self.scope = "api" if request.user and request.user.is_authenticated else "api_anonymous"
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"address-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
