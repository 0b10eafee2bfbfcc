"""The evaluation's records for members and up (`evaluation.view`, the rule of its pages):
the evidence, the change register, the assessment rounds with their results as the round's
page shows them (aggregates only, only from a closed round with at least `MIN_ANSWERS`
answers, by sector only where that is safe; never an answer) and the collaboration
network's metrics per year."""

import dataclasses

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from rygrad.core.signals import Condition
from rygrad.evaluation import network, selectors
from rygrad.evaluation.models import Direction, Stage

from ..serializers_evaluation import (
    ChangeSerializer,
    EvidenceSerializer,
    NetworkYearSerializer,
    RoundSerializer,
)
from .base import InitiativeViewSet

READ = {"list": "evaluation.view", "retrieve": "evaluation.view"}


class EvidenceFilters(serializers.Serializer):
    condition = serializers.ChoiceField(Condition.choices, required=False, default="")
    direction = serializers.ChoiceField(Direction.choices, required=False, default="")


@extend_schema_view(list=extend_schema(parameters=[EvidenceFilters]))
class EvidenceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, InitiativeViewSet):
    """Quotes and observations, newest first, with the role of their source (never a
    name) and what they are linked to, as on the evidence page."""

    serializer_class = EvidenceSerializer
    filters_class = EvidenceFilters
    rules = READ
    ordering_fields = ["observed_on", "id"]

    def records(self, actor):
        query = self.query()
        return selectors.evidence_of(
            initiative=actor.initiative, condition=query.get("condition", ""),
            direction=query.get("direction", "")).order_by("-observed_on", "-pk")


class ChangeFilters(serializers.Serializer):
    stage = serializers.ChoiceField(Stage.choices, required=False, default="")


@extend_schema_view(list=extend_schema(parameters=[ChangeFilters]))
class ChangeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, InitiativeViewSet):
    """The change register: early, systems and population changes with the contribution
    claim and the strength of the evidence, as on the change pages."""

    serializer_class = ChangeSerializer
    filters_class = ChangeFilters
    rules = READ
    ordering_fields = ["occurred_on", "title", "id"]

    def records(self, actor):
        return selectors.changes_of(initiative=actor.initiative,
                                    stage=self.query().get("stage", "")
                                    ).order_by("-occurred_on", "-pk")


class RoundViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, InitiativeViewSet):
    """The assessment rounds, each with its results once the group may see them (the
    round's page): means and spreads per condition, per statement and per sector shown.
    The comments and the single answers are not here."""

    serializer_class = RoundSerializer
    rules = READ
    ordering_fields = ["opens_on", "closes_on", "id"]

    def records(self, actor):
        return selectors.rounds_of(initiative=actor.initiative).order_by("-opens_on", "-pk")


class NetworkView(APIView):
    """The collaboration network's metrics per year, from the first tie to this year (the
    network page's table)."""

    rules = {"get": "evaluation.view"}

    @extend_schema(responses=NetworkYearSerializer(many=True))
    def get(self, request, slug):
        initiative = request.actor.initiative
        years = network.years_of(initiative=initiative, today=timezone.localdate())
        rows = network.yearly_metrics(initiative=initiative, years=years)
        return Response(NetworkYearSerializer(
            [dataclasses.asdict(metrics) for metrics, _graph in rows], many=True).data)
