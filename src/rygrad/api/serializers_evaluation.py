"""What the API shows of the evaluation (members and up, as its pages): evidence with the
role of its source (never a name), the change register with its contribution claims, the
assessment rounds' results as aggregates only, and the network's metrics per year; and
the early warning's stored history of one signal."""

from __future__ import annotations

from django.utils import timezone
from rest_framework import serializers

from rygrad.evaluation.models import Change, Evidence, Round


class LinkedActivitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class LinkedMeetingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    held_on = serializers.DateField()


class LinkedIdeaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    title = serializers.CharField()


class EvidenceSerializer(serializers.ModelSerializer):
    """A quote or observation: the source's role, never who said it."""

    activities = LinkedActivitySerializer(many=True, read_only=True)
    meetings = LinkedMeetingSerializer(many=True, read_only=True)
    ideas = LinkedIdeaSerializer(many=True, read_only=True)

    class Meta:
        model = Evidence
        fields = ["id", "text", "source_role", "observed_on", "condition", "direction",
                  "tags", "activities", "meetings", "ideas"]


class LinkedOrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ChangeSerializer(serializers.ModelSerializer):
    """A change in the register with its contribution claim, the rival explanations
    weighed, the strength of its evidence and the evidence itself (by id)."""

    organisations = LinkedOrganisationSerializer(many=True, read_only=True)
    activities = LinkedActivitySerializer(many=True, read_only=True)
    evidence = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Change
        fields = ["id", "stage", "kind", "title", "description", "occurred_on",
                  "organisations", "activities", "evidence", "contribution_claim",
                  "rival_explanations", "strength", "strength_reason", "formally_anchored",
                  "anchored_by"]


class AggregateSerializer(serializers.Serializer):
    """Mean and spread (standard deviation) of the answers' scores (1-4) over `n` answers,
    never fewer than the smallest group shown."""

    n = serializers.IntegerField()
    mean = serializers.FloatField()
    sd = serializers.FloatField()


class SectorAggregateSerializer(AggregateSerializer):
    sector = serializers.CharField()


class StatementAggregateSerializer(AggregateSerializer):
    statement = serializers.IntegerField()
    text = serializers.CharField()


class ConditionResultSerializer(serializers.Serializer):
    condition = serializers.CharField()
    label = serializers.CharField()
    total = AggregateSerializer()
    by_sector = SectorAggregateSerializer(many=True)
    change = serializers.FloatField(allow_null=True, help_text=(
        "The change of the mean since the previous round (null: no result to compare)."))
    statements = StatementAggregateSerializer(many=True)


class SectorCountSerializer(serializers.Serializer):
    sector = serializers.CharField()
    label = serializers.CharField()
    answers = serializers.IntegerField()


class RoundResultsSerializer(serializers.Serializer):
    n = serializers.IntegerField(help_text="The number of answers.")
    sectors = SectorCountSerializer(many=True, help_text="The sectors shown on their own.")
    hidden_sectors = serializers.BooleanField(
        help_text="Some answers come from sectors not shown on their own (they are in the "
                  "totals).")
    conditions = ConditionResultSerializer(many=True)


class RoundSerializer(serializers.ModelSerializer):
    state = serializers.ChoiceField(["upcoming", "open", "closed"], read_only=True)
    results = RoundResultsSerializer(allow_null=True, read_only=True, help_text=(
        "Null while the round is open and when it had fewer answers than the smallest "
        "group shown (3): then a result would tell who answered what."))

    class Meta:
        model = Round
        fields = ["id", "name", "opens_on", "closes_on", "state", "results"]

    def to_representation(self, round):
        from rygrad.evaluation.selectors import round_results

        today = timezone.localdate()
        round.state = ("open" if round.is_open(today) else "closed" if round.is_closed(today)
                       else "upcoming")
        round.results = results_of(round_results(round=round, today=today))
        return super().to_representation(round)


class NetworkYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    organisations = serializers.IntegerField()
    ties = serializers.IntegerField()
    cross_sector_ties = serializers.IntegerField()
    new_cross_sector_ties = serializers.IntegerField(allow_null=True)
    density = serializers.FloatField(allow_null=True)
    centralisation = serializers.FloatField(allow_null=True)
    hub_dependence = serializers.FloatField(allow_null=True)
    isolated_without_hub = serializers.IntegerField(allow_null=True)


class HistoryPointSerializer(serializers.Serializer):
    on = serializers.DateField()
    value = serializers.FloatField(allow_null=True)
    threshold = serializers.FloatField(allow_null=True)
    warning = serializers.BooleanField()


class SignalHistorySerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    unit = serializers.CharField()
    at = serializers.DateField()
    complete = serializers.BooleanField(help_text=(
        "False while the stored history is being brought up to date: then only the value "
        "on `at` is given, nothing about the past."))
    pending = serializers.BooleanField(help_text="A refresh of the history is on its way.")
    points = HistoryPointSerializer(many=True, help_text=(
        "Each month end before `at` and `at` itself, judged against the threshold in "
        "force then."))


def _aggregate(aggregate, **more) -> dict:
    return {"n": aggregate.n, "mean": aggregate.mean, "sd": aggregate.sd, **more}


def results_of(results) -> dict | None:
    """A round's results (`evaluation.selectors.round_results`) as the round's page shows
    them; None when it shows none."""
    if not results.shown:
        return None
    shown = [value for value, _label, _n in results.sectors]
    return {
        "n": results.n, "hidden_sectors": results.hidden_sectors,
        "sectors": [{"sector": value, "label": str(label), "answers": n}
                    for value, label, n in results.sectors],
        "conditions": [{
            "condition": result.condition, "label": result.label,
            "total": _aggregate(result.total), "change": result.change,
            "by_sector": [_aggregate(result.by_sector[sector], sector=sector)
                          for sector in shown if sector in result.by_sector],
            "statements": [_aggregate(aggregate, statement=statement.pk, text=statement.text)
                           for statement, aggregate in result.statements],
        } for result in results.conditions],
    }
