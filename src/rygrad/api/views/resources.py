"""Read-only resources: the initiatives the actor sees, the agenda's tracks, meetings,
ideas and the signals as of a date — each with the rule and the selection of the page
that shows it."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from rygrad.agenda.models import Track
from rygrad.core.signals import signals_evaluate
from rygrad.ideas import selectors as ideas
from rygrad.ideas.models import Idea, Status
from rygrad.initiatives.selectors import initiatives_visible_to
from rygrad.meetings.models import Kind, Meeting

from ..serializers import (
    IdeaSerializer,
    InitiativeSerializer,
    MeetingSerializer,
    SignalsSerializer,
    TrackSerializer,
)
from .base import InitiativeViewSet


class ApiRoot(APIView):
    """The API's entry: links to the list of initiatives, the schema and the docs."""

    rules = {"get": True}

    @extend_schema(exclude=True)
    def get(self, request):
        return Response({
            "initiatives": reverse("api:initiative-list", request=request),
            "schema": reverse("api:schema", request=request),
            "docs": reverse("api:docs", request=request),
        })


class NoSuchAddress(APIView):
    """Every address under /api/v1/ that names no resource: 404, in JSON."""

    rules = {method: True for method in ("get", "post", "put", "patch", "delete", "head",
                                         "options")}

    schema = None  # not an operation of the API

    def http_method_not_allowed(self, request, *args, **kwargs):
        raise NotFound

    get = post = put = patch = delete = http_method_not_allowed


class InitiativesViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                         viewsets.GenericViewSet):
    """The initiatives the front page lists for the actor: the public ones and those the
    actor holds a role in (all, for an operator). A private one is 404 for the others."""

    serializer_class = InitiativeSerializer
    lookup_field = "slug"
    rules = {"list": True, "retrieve": "initiative.view"}
    ordering_fields = ["name", "slug"]

    def get_queryset(self):
        return initiatives_visible_to(user=self.request.user).distinct().order_by("name")


class TrackViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, InitiativeViewSet):
    """The common agenda's tracks (partners and up, as the agenda's pages)."""

    serializer_class = TrackSerializer
    rules = {"list": "agenda.view", "retrieve": "agenda.view"}
    ordering_fields = ["order", "name", "id"]

    def records(self, actor):
        return Track.objects.for_initiative(actor.initiative).order_by("order", "name", "pk")


class MeetingFilters(serializers.Serializer):
    kind = serializers.ChoiceField(Kind.choices, required=False)
    held_from = serializers.DateField(required=False)
    held_to = serializers.DateField(required=False)


@extend_schema_view(list=extend_schema(parameters=[MeetingFilters]))
class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, InitiativeViewSet):
    """The meetings whose kind the actor's role may see (meetings.view); the minutes only
    for members and up (meetings.view_internal), as on the meeting's page."""

    serializer_class = MeetingSerializer
    filters_class = MeetingFilters
    rules = {"list": "meetings.view_list", "retrieve": "meetings.view_list"}
    object_rules = {"retrieve": "meetings.view"}
    ordering_fields = ["held_on", "title", "id"]

    def records(self, actor):
        meetings = actor.visible(Meeting.objects.for_initiative(actor.initiative))
        query = self.query()
        if query.get("kind"):
            meetings = meetings.filter(kind=query["kind"])
        if query.get("held_from"):
            meetings = meetings.filter(held_on__gte=query["held_from"])
        if query.get("held_to"):
            meetings = meetings.filter(held_on__lte=query["held_to"])
        return meetings.order_by("-held_on", "pk")


class IdeaFilters(serializers.Serializer):
    status = serializers.ChoiceField(Status.choices, required=False)


@extend_schema_view(list=extend_schema(parameters=[IdeaFilters]))
class IdeaViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, InitiativeViewSet):
    """The ideas as the pages show them to the actor: everybody reads "you said — we did"
    (every approved idea); inside, the list the actor's role sees (members every approved
    idea, a partner their organisation's, the secretariat those awaiting moderation too).
    Never who sent an idea."""

    serializer_class = IdeaSerializer
    filters_class = IdeaFilters
    rules = {"list": "ideas.view_public", "retrieve": "ideas.view_public"}
    ordering_fields = ["number", "submitted_on", "id"]

    def records(self, actor):
        initiative = actor.initiative
        shown = Q(pk__in=ideas.published_ideas(initiative=initiative).values("pk"))
        if actor.can("ideas.view_list"):
            shown |= Q(pk__in=actor.visible(ideas.idea_list(initiative=initiative))
                       .values("pk"))
        records = Idea.objects.for_initiative(initiative).filter(shown)
        if self.query().get("status"):
            records = records.filter(status=self.query()["status"])
        return records.select_related("owner").order_by("-number")


class SignalsQuery(serializers.Serializer):
    at = serializers.DateField(required=False, help_text="The day (YYYY-MM-DD); today when "
                                                          "not given.")


class SignalsView(APIView):
    """Every registered signal of the initiative as of a date, judged against its
    thresholds: what the dashboard's cards show (partners and up)."""

    rules = {"get": "initiative.view_internal"}

    @extend_schema(parameters=[SignalsQuery], responses=SignalsSerializer)
    def get(self, request, slug):
        query = SignalsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        at: dt.date = query.validated_data.get("at") or timezone.localdate()
        values = signals_evaluate(initiative=request.actor.initiative, at=at)
        return Response(SignalsSerializer({"at": at, "signals": [{
            "key": v.signal.key, "label": str(v.signal.label),
            "condition": str(v.signal.condition.value), "unit": str(v.signal.unit.value),
            "value": v.value, "threshold": v.threshold, "warning": v.warning}
            for v in values]}).data)
