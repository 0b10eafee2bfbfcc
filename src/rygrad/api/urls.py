"""/api/v1/ (the resources, each initiative's under its slug), /api/schema/ (OpenAPI 3),
/api/docs/ (the reference page made from the schema) and /api/tokens/ (the person's
tokens)."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from .views import (
    activities,
    alliance,
    communication,
    earlywarning,
    evaluation,
    measurement,
    reference,
    resources,
    tokens,
)

app_name = "api"

INITIATIVE = r"initiatives/(?P<slug>[-a-zA-Z0-9_]+)"

router = SimpleRouter()
router.register("initiatives", resources.InitiativesViewSet, basename="initiative")
router.register(f"{INITIATIVE}/organisations", alliance.OrganisationViewSet,
                basename="organisation")
router.register(f"{INITIATIVE}/memberships", alliance.MembershipViewSet, basename="membership")
router.register(f"{INITIATIVE}/tracks", resources.TrackViewSet, basename="track")
router.register(f"{INITIATIVE}/activities", activities.ActivityViewSet, basename="activity")
router.register(f"{INITIATIVE}/commitments", activities.CommitmentViewSet,
                basename="commitment")
router.register(f"{INITIATIVE}/meetings", resources.MeetingViewSet, basename="meeting")
router.register(f"{INITIATIVE}/ideas", resources.IdeaViewSet, basename="idea")
router.register(f"{INITIATIVE}/news", communication.NewsViewSet, basename="news")
router.register(f"{INITIATIVE}/catalogue", communication.ResourceViewSet, basename="resource")
router.register(f"{INITIATIVE}/newsletters", communication.NewsletterViewSet,
                basename="newsletter")
router.register(f"{INITIATIVE}/evidence", evaluation.EvidenceViewSet, basename="evidence")
router.register(f"{INITIATIVE}/changes", evaluation.ChangeViewSet, basename="change")
router.register(f"{INITIATIVE}/assessment-rounds", evaluation.RoundViewSet, basename="round")

in_initiative = [
    path("signals/", resources.SignalsView.as_view(), name="signals"),
    re_path(rf"^signals/(?P<key>{earlywarning.KEY})/history/$",
            earlywarning.SignalHistoryView.as_view(), name="signal_history"),
    path("network/", evaluation.NetworkView.as_view(), name="network"),
    path("survey/instruments/", measurement.InstrumentsView.as_view(), name="instruments"),
    path("survey/indicators/", measurement.IndicatorsView.as_view(), name="indicators"),
    path("survey/indicator-changes/", measurement.IndicatorChangesView.as_view(),
         name="indicator_changes"),
]


class Schema(SpectacularAPIView):
    """The same for everyone and cheap to make: not counted against any rate (it reads no
    record), so a client may fetch it before it has a token."""

    throttle_classes: list = []


urlpatterns = [
    path("v1/", resources.ApiRoot.as_view(), name="root"),
    path("v1/", include(router.urls)),
    path("v1/initiatives/<slug:slug>/", include(in_initiative)),
    path("schema/", Schema.as_view(), name="schema"),
    path("docs/", reference.api_docs, name="docs"),
    path("tokens/", tokens.token_list, name="tokens"),
    path("tokens/revoke/", tokens.token_revoke, name="token_revoke"),
    # Any other address under /api/ is a 404 in JSON, as the schema says (not a page).
    re_path(r"^v1/", resources.NoSuchAddress.as_view()),
]
