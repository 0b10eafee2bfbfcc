"""Activities with their commitments and stage history, and the writes the activity pages
make: propose, edit, move the stage, commit resources — through the activities' services,
which ask the same rules as the pages with the request's actor (`by=`)."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from rygrad.activities import selectors, services
from rygrad.activities.models import Activity, Commitment, Stage, StageChange

from ..serializers import (
    ActivitySerializer,
    ActivityUpdateSerializer,
    ActivityWriteSerializer,
    CommitmentSerializer,
    CommitmentUpdateSerializer,
    StageMoveSerializer,
)
from .base import InitiativeViewSet, id_filter, run_service


class ActivityFilters(serializers.Serializer):
    stage = serializers.ChoiceField(Stage.choices, required=False)
    track = id_filter()
    driver = id_filter()
    q = serializers.CharField(required=False, help_text="Part of the title or description.")


def _with_story(activities):
    return activities.prefetch_related(
        "tracks",
        Prefetch("commitments", queryset=Commitment.objects.select_related("organisation")
                 .order_by("starts_on", "pk")),
        Prefetch("stage_changes", queryset=StageChange.objects.order_by("changed_on", "pk")))


@extend_schema_view(
    list=extend_schema(parameters=[ActivityFilters]),
    create=extend_schema(request=ActivityWriteSerializer, responses=ActivitySerializer),
    partial_update=extend_schema(request=ActivityUpdateSerializer,
                                 responses=ActivitySerializer),
)
class ActivityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, InitiativeViewSet):
    """What the activity overview and an activity's page show: members see every activity,
    a partner those their organisation drives or commits to."""

    serializer_class = ActivitySerializer
    filters_class = ActivityFilters
    rules = {"list": "activities.view_list", "retrieve": "activities.view_list",
             "create": "activities.create", "partial_update": "activities.edit",
             "stage": "activities.edit"}
    object_rules = {"retrieve": "activities.view", "partial_update": "activities.edit",
                    "stage": "activities.edit"}
    ordering_fields = ["starts_on", "title", "stage", "created_at", "id"]

    def records(self, actor):
        filters = selectors.ActivityFilter(**self.query())
        return _with_story(selectors.visible_activities(
            selectors.activity_list(initiative=actor.initiative, filters=filters),
            actor=actor))

    def _shown(self, activity, code=status.HTTP_200_OK):
        shown = self.get_queryset().get(pk=activity.pk)
        return Response(ActivitySerializer(shown, context=self.get_serializer_context()).data,
                        status=code)

    def create(self, request, slug):
        data = self._valid(ActivityWriteSerializer)
        activity = run_service(lambda: services.activity_create(
            initiative=self.actor.initiative, by=self.actor, **data))
        return self._shown(activity, status.HTTP_201_CREATED)

    def partial_update(self, request, slug, pk):
        activity = self.get_object()
        data = self._valid(ActivityUpdateSerializer, partial=True)
        run_service(lambda: services.activity_update(activity=activity, by=self.actor, **data))
        return self._shown(activity)

    @extend_schema(request=StageMoveSerializer, responses=ActivitySerializer)
    @action(detail=True, methods=["post"])
    def stage(self, request, slug, pk):
        """Move the activity to another stage; the history is kept (as on the page)."""
        activity = self.get_object()
        data = self._valid(StageMoveSerializer)
        run_service(lambda: services.activity_change_stage(
            activity=activity, by=self.actor, **data))
        return self._shown(activity)

    def _valid(self, serializer_class, **kwargs) -> dict:
        checked = serializer_class(data=self.request.data,
                                   context=self.get_serializer_context(), **kwargs)
        checked.is_valid(raise_exception=True)
        return dict(checked.validated_data)


class CommitmentFilters(serializers.Serializer):
    activity = id_filter()
    organisation = id_filter()


@extend_schema_view(list=extend_schema(parameters=[CommitmentFilters]),
                    partial_update=extend_schema(request=CommitmentUpdateSerializer))
class CommitmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        mixins.CreateModelMixin, mixins.UpdateModelMixin, InitiativeViewSet):
    """Commitments of the activities the actor may see; an organisation's own people (and
    the secretariat) make and change its commitments."""

    serializer_class = CommitmentSerializer
    filters_class = CommitmentFilters
    http_method_names = ["get", "post", "patch", "head", "options"]
    rules = {"list": "activities.view_list", "retrieve": "activities.view_list",
             "create": "activities.commit", "partial_update": "activities.commit"}
    object_rules = {"retrieve": "activities.view", "partial_update": "activities.commit"}
    ordering_fields = ["starts_on", "amount", "id"]

    def get_serializer_class(self):
        return CommitmentUpdateSerializer if self.action == "partial_update" else \
            CommitmentSerializer

    def rule_object(self, obj):
        return obj.activity if self.action == "retrieve" else obj

    def records(self, actor):
        visible = actor.visible(Activity.objects.for_initiative(actor.initiative))
        commitments = (Commitment.objects.for_initiative(actor.initiative)
                       .filter(activity__in=visible).select_related("organisation", "activity")
                       .order_by("starts_on", "pk"))
        for name, value in self.query().items():
            commitments = commitments.filter(**{name: value})
        return commitments

    def perform_create(self, serializer):
        serializer.instance = run_service(lambda: services.commitment_create(
            by=self.actor, **serializer.validated_data))

    def perform_update(self, serializer):
        serializer.instance = run_service(lambda: services.commitment_update(
            commitment=serializer.instance, by=self.actor, **serializer.validated_data))
