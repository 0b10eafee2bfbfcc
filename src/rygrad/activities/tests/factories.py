"""Factories for activities. `ActivityFactory` creates the activity with the history a
real one has (a first stage change and a first driver); `history()` then writes a whole
constructed stage history in one go, bypassing permission checks, for signal tests."""

import datetime as dt
from decimal import Decimal

import factory

from rygrad.activities.models import (
    Activity,
    Commitment,
    CommitmentKind,
    CommitmentUnit,
    DriverChange,
    Stage,
    StageChange,
)
from rygrad.agenda.tests.factories import InitiativeFactory, OrganisationFactory, TrackFactory

__all__ = ["ActivityFactory", "CommitmentFactory", "InitiativeFactory", "OrganisationFactory",
           "TrackFactory", "history", "drivers"]


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity
        skip_postgeneration_save = True

    initiative = factory.SubFactory(InitiativeFactory)
    title = factory.Sequence(lambda n: f"Aktivitet {n}")
    starts_on = dt.date(2016, 1, 1)
    driver = factory.SubFactory(OrganisationFactory,
                                initiative=factory.SelfAttribute("..initiative"))
    stage = Stage.PROPOSED

    @factory.post_generation
    def proposed_on(self, create, value, **kwargs):
        on = value or self.starts_on
        StageChange.objects.create(initiative=self.initiative, activity=self,
                                   stage=Stage.PROPOSED, changed_on=on)
        DriverChange.objects.create(initiative=self.initiative, activity=self,
                                    organisation=self.driver, from_on=on)

    @factory.post_generation
    def tracks(self, create, value, **kwargs):
        if value:
            self.tracks.set(value)


def history(activity: Activity, *steps: tuple[str, dt.date]) -> Activity:
    """Append stage spans `(stage, date)` to the activity's history, as the service would."""
    for stage, on in steps:
        current = activity.stage_changes.order_by("-changed_on", "-pk").first()
        current.until = on
        current.save(update_fields=["until"])
        StageChange.objects.create(initiative=activity.initiative, activity=activity,
                                   stage=stage, changed_on=on)
        activity.stage = stage
    activity.save(update_fields=["stage"])
    return activity


def drivers(activity: Activity, *steps) -> Activity:
    """Append driver spans `(organisation, date)`."""
    for organisation, on in steps:
        current = activity.driver_changes.order_by("-from_on", "-pk").first()
        current.until = on
        current.save(update_fields=["until"])
        DriverChange.objects.create(initiative=activity.initiative, activity=activity,
                                    organisation=organisation, from_on=on)
        activity.driver = organisation
    activity.save(update_fields=["driver"])
    return activity


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    initiative = factory.SelfAttribute("activity.initiative")
    activity = factory.SubFactory(ActivityFactory)
    organisation = factory.SubFactory(OrganisationFactory,
                                      initiative=factory.SelfAttribute("..initiative"))
    kind = CommitmentKind.STAFF_HOURS
    amount = Decimal("10")
    unit = CommitmentUnit.HOURS
    starts_on = dt.date(2016, 1, 1)
