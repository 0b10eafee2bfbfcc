"""What the API shows of each resource, and what it takes to write one. The fields are
those the pages show; what a page shows only to some roles (a meeting's minutes, an idea's
moderation) is left out for the others (`RoleFields`). Choices of related records are
always limited to the initiative of the request."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from rygrad.activities.models import (
    Activity,
    Commitment,
    CommitmentKind,
    CommitmentUnit,
    Recurrence,
    Setting,
    Stage,
    StageChange,
    TargetAge,
)
from rygrad.agenda.models import Track
from rygrad.alliance.models import Membership, MembershipRole, Organisation, Person, Sector
from rygrad.ideas.models import Idea
from rygrad.initiatives.models import Initiative, Role
from rygrad.meetings.models import Meeting


def _actor(serializer):
    request = serializer.context.get("request")
    return getattr(request, "actor", None)


class InitiativeField(serializers.PrimaryKeyRelatedField):
    """A related record chosen by id among those of the request's initiative only (or
    among what `narrow(actor, queryset)` leaves of them)."""

    def __init__(self, model, narrow=None, **kwargs):
        self.model, self.narrow = model, narrow
        super().__init__(queryset=model.objects.all(), **kwargs)

    def get_queryset(self):
        actor = _actor(self.parent if not isinstance(self.parent, serializers.ManyRelatedField)
                       else self.parent.parent)
        if actor is None or actor.initiative is None:
            return self.model.objects.none()
        queryset = self.model.objects.for_initiative(actor.initiative)
        return self.narrow(actor, queryset) if self.narrow else queryset


class RoleFields(serializers.ModelSerializer):
    """Leaves out `Meta.rule_fields` (field -> rule) the actor may not see."""

    def to_representation(self, instance):
        data = super().to_representation(instance)
        actor = _actor(self)
        for name, rule in getattr(self.Meta, "rule_fields", {}).items():
            if actor is None or not actor.can(rule):
                data.pop(name, None)
        return data


class InitiativeSerializer(serializers.ModelSerializer):
    your_role = serializers.SerializerMethodField()

    class Meta:
        model = Initiative
        fields = ["slug", "name", "municipality", "problem_summary", "started_on", "is_public",
                  "min_group_size", "your_role"]

    def get_your_role(self, initiative) -> str:
        from rygrad.core.permissions import Actor

        request = self.context["request"]
        return Role(Actor(user=request.user, initiative=initiative).role).name.lower()


class OrganisationSerializer(serializers.ModelSerializer):
    parent = InitiativeField(Organisation, allow_null=True, required=False)
    sector = serializers.ChoiceField(Sector.choices)

    class Meta:
        model = Organisation
        fields = ["id", "name", "sector", "parent", "is_backbone", "description", "website",
                  "archived_on"]
        read_only_fields = ["archived_on"]




class MembershipSerializer(serializers.ModelSerializer):
    person = InitiativeField(Person)
    person_name = serializers.CharField(source="person.name", read_only=True)
    organisation = InitiativeField(Organisation)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    role = serializers.ChoiceField(MembershipRole.choices, default=MembershipRole.MEMBER)

    class Meta:
        model = Membership
        fields = ["id", "person", "person_name", "organisation", "organisation_name", "role",
                  "started_on", "ended_on", "end_reason"]


class MembershipUpdateSerializer(MembershipSerializer):
    class Meta(MembershipSerializer.Meta):
        read_only_fields = ["person"]


class TrackSerializer(serializers.ModelSerializer):
    class Meta:
        model = Track
        fields = ["id", "name", "goal", "is_cross_cutting", "order"]


class CommitmentSerializer(serializers.ModelSerializer):
    activity = InitiativeField(Activity, narrow=lambda actor, qs: actor.visible(qs))
    organisation = InitiativeField(Organisation)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    kind = serializers.ChoiceField(CommitmentKind.choices)
    unit = serializers.ChoiceField(CommitmentUnit.choices)

    class Meta:
        model = Commitment
        fields = ["id", "activity", "organisation", "organisation_name", "kind", "amount",
                  "unit", "starts_on", "ends_on", "note"]


class CommitmentUpdateSerializer(CommitmentSerializer):
    class Meta(CommitmentSerializer.Meta):
        read_only_fields = ["activity", "organisation"]


class StageChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = StageChange
        fields = ["stage", "changed_on", "until", "note", "decision", "decided_by",
                  "anchored_in", "reason"]


class ActivitySerializer(serializers.ModelSerializer):
    driver_name = serializers.CharField(source="driver.name", read_only=True)
    commitments = CommitmentSerializer(many=True, read_only=True)
    stage_history = StageChangeSerializer(source="stage_changes", many=True, read_only=True)

    class Meta:
        model = Activity
        fields = ["id", "title", "description", "stage", "driver", "driver_name", "tracks",
                  "age_groups", "settings", "starts_on", "ends_on", "recurrence",
                  "created_at", "commitments", "stage_history"]
        read_only_fields = fields


class ActivityWriteSerializer(serializers.Serializer):
    """What proposing an activity takes (the page's form); a change takes any of it but the
    driver, which changes with a history of its own."""

    title = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    driver = InitiativeField(Organisation, narrow=lambda actor, qs: qs.offered())
    tracks = InitiativeField(Track, many=True, required=False)
    age_groups = serializers.MultipleChoiceField(choices=TargetAge.choices, required=False)
    settings = serializers.MultipleChoiceField(choices=Setting.choices, required=False)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True)
    recurrence = serializers.ChoiceField(Recurrence.choices, default=Recurrence.ONCE)

    def validate(self, data):
        for name in ("age_groups", "settings"):
            if name in data:
                data[name] = sorted(data[name])
        if data.get("ends_on") and data.get("starts_on") and data["ends_on"] < data["starts_on"]:
            raise serializers.ValidationError({"ends_on": _("The end is before the start.")})
        return data


class ActivityUpdateSerializer(ActivityWriteSerializer):
    driver = None


class StageMoveSerializer(serializers.Serializer):
    """Move an activity to another stage (the page's stage form)."""

    to = serializers.ChoiceField(Stage.choices)
    on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    decision = serializers.CharField(required=False, allow_blank=True, default="")
    decided_by = serializers.CharField(required=False, allow_blank=True, default="",
                                       max_length=200)
    anchored_in = InitiativeField(Organisation, required=False, allow_null=True, default=None)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema_field({"type": "string", "pattern": "^[0-9]{2}:[0-9]{2}$",
                     "description": "Local time of the initiative (hh:mm), no offset."})
class LocalTimeField(serializers.TimeField):
    """A meeting's clock time as people read it in the municipality: "16:00". (The
    JSON Schema format "time" would need a UTC offset, which a wall-clock time has not.)"""

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class MeetingSerializer(RoleFields):
    starts_at = LocalTimeField(read_only=True, allow_null=True)
    ends_at = LocalTimeField(read_only=True, allow_null=True)

    class Meta:
        model = Meeting
        fields = ["id", "title", "kind", "held_on", "starts_at", "ends_at", "place",
                  "description", "minutes"]
        rule_fields = {"minutes": "meetings.view_internal"}


class IdeaSerializer(RoleFields):
    owner_name = serializers.CharField(source="owner.name", read_only=True, default=None,
                                       allow_null=True)

    class Meta:
        model = Idea
        fields = ["id", "number", "title", "description", "source", "submitter_group",
                  "submitted_on", "status", "owner", "owner_name", "activity", "moderation"]
        rule_fields = {"moderation": "ideas.manage"}


class SignalSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    condition = serializers.CharField()
    unit = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    threshold = serializers.FloatField(allow_null=True)
    warning = serializers.BooleanField()


class SignalsSerializer(serializers.Serializer):
    at = serializers.DateField()
    signals = SignalSerializer(many=True)


class InstrumentSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    published_years = serializers.ListField(child=serializers.IntegerField())


class IndicatorRowSerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False)
    school = serializers.CharField(required=False)
    grade = serializers.IntegerField(required=False)
    gender = serializers.CharField(required=False)
    indicator = serializers.CharField()
    n = serializers.IntegerField(allow_null=True)
    mean = serializers.FloatField(allow_null=True)
    ci_low = serializers.FloatField(allow_null=True)
    ci_high = serializers.FloatField(allow_null=True)
    share_low = serializers.FloatField(allow_null=True)
    share_low_ci_low = serializers.FloatField(allow_null=True)
    share_low_ci_high = serializers.FloatField(allow_null=True)
    suppressed = serializers.BooleanField()


class IndicatorTableSerializer(serializers.Serializer):
    instrument = serializers.CharField()
    by = serializers.ListField(child=serializers.CharField())
    min_group_size = serializers.IntegerField()
    rows = IndicatorRowSerializer(many=True)


class ChangeRowSerializer(serializers.Serializer):
    school = serializers.CharField(required=False)
    grade = serializers.IntegerField(required=False)
    gender = serializers.CharField(required=False)
    indicator = serializers.CharField()
    n_from = serializers.IntegerField(allow_null=True)
    n_to = serializers.IntegerField(allow_null=True)
    mean_from = serializers.FloatField(allow_null=True)
    mean_to = serializers.FloatField(allow_null=True)
    diff = serializers.FloatField(allow_null=True)
    p_value = serializers.FloatField(allow_null=True)
    q_value = serializers.FloatField(allow_null=True)
    significant = serializers.BooleanField(allow_null=True)
    share_low_from = serializers.FloatField(allow_null=True)
    share_low_to = serializers.FloatField(allow_null=True)
    share_p_value = serializers.FloatField(allow_null=True)
    share_q_value = serializers.FloatField(allow_null=True)
    share_significant = serializers.BooleanField(allow_null=True)


class ChangeTableSerializer(serializers.Serializer):
    instrument = serializers.CharField()
    year_from = serializers.IntegerField()
    year_to = serializers.IntegerField()
    by = serializers.ListField(child=serializers.CharField())
    min_group_size = serializers.IntegerField()
    rows = ChangeRowSerializer(many=True)
