"""The REST API (rygrad.api, docs/api.md): who it lets in, how often, and its schema.

Deny by default: every view names the permission rule it asks (api.access.RulePermission);
a view that names none refuses everyone. Requests are counted per API token, per signed-in
user and per anonymous client address in the shared cache (CACHES), so every worker sees
the same counts; the rates are environment variables.
"""

import os

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so an unauthenticated request is answered 401 with WWW-Authenticate.
        "rygrad.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rygrad.api.access.RulePermission"],
    "DEFAULT_THROTTLE_CLASSES": ["rygrad.api.throttling.ClientRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "api": os.environ.get("RYGRAD_API_RATE", "1000/hour"),
        "api_anonymous": os.environ.get("RYGRAD_API_RATE_ANONYMOUS", "100/hour"),
    },
    # Behind a reverse proxy, the client's address is the one TRUSTED_PROXY_COUNT hops
    # back in X-Forwarded-For, as for the login limits (0: the header is ignored).
    "NUM_PROXIES": int(os.environ.get("TRUSTED_PROXY_COUNT", "0")),
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["rest_framework.filters.OrderingFilter"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "rygrad.api.errors.exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Rygrad API",
    "DESCRIPTION": "Read and write a collective impact initiative's records with the "
                   "permissions of the pages (docs/api.md).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "rygrad.api.schema.add_refusals"],
    "ENUM_NAME_OVERRIDES": {
        "CommitmentKindEnum": "rygrad.activities.models.CommitmentKind",
        "MeetingKindEnum": "rygrad.meetings.models.Kind",
        "StageEnum": "rygrad.activities.models.Stage",
    },
}
