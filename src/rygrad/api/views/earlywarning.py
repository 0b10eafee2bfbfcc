"""The early warning's stored history of one signal, as its page shows it (partners and
up, `earlywarning.view`): each month end before a date and the date itself, with the
threshold in force then and whether it was in warning."""

import datetime as dt

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from rygrad.core.signals import get_signal
from rygrad.earlywarning.history import history_read
from rygrad.earlywarning.stories import stories_at

from ..serializers_evaluation import SignalHistorySerializer
from .resources import SignalsQuery

# A signal's key as registered: letters, digits, underscores and dots ("network.ties").
KEY = r"[a-z0-9_.]+"


class SignalHistoryView(APIView):
    """One signal's history up to `at` (today when not given). While the stored history
    is being brought up to date, `complete` is false and only the value on `at` is given:
    the page then says the history is on its way, and shows no past either."""

    rules = {"get": "earlywarning.view"}

    @extend_schema(parameters=[SignalsQuery, OpenApiParameter(
        "key", str, OpenApiParameter.PATH, pattern=f"^{KEY}$",
        description="The signal's key, as in the signals endpoint.")],
        responses=SignalHistorySerializer)
    def get(self, request, slug, key):
        try:
            signal = get_signal(key)
        except KeyError:
            raise NotFound from None
        query = SignalsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        at: dt.date = query.validated_data.get("at") or timezone.localdate()
        initiative = request.actor.initiative
        history = history_read(initiative=initiative, at=at, keys=[key])
        story = stories_at(initiative=initiative, at=at, history=history,
                           signals=[signal])[0]
        return Response(SignalHistorySerializer({
            "key": signal.key, "label": str(signal.label), "unit": str(signal.unit.value),
            "at": at, "complete": story.complete, "pending": history.pending,
            "points": [{"on": p.on, "value": p.value, "threshold": p.threshold,
                        "warning": p.warning} for p in story.points]}).data)
