"""The dashboard's values after a change of data: only the signals the change may have
moved are computed again, and the values are exactly those of computing every signal
afresh — after each of a run of different changes."""

import dataclasses
import datetime as dt

import pytest
from django.utils import timezone

from rygrad.activities.models import Stage
from rygrad.activities.tests.factories import ActivityFactory, drivers, history
from rygrad.alliance.tests.factories import MembershipFactory, OrganisationFactory
from rygrad.core import signals
from rygrad.core.signals import all_signals, computed_values
from rygrad.earlywarning.history import history_refresh
from rygrad.ideas.models import SubmitterGroup
from rygrad.ideas.tests.factories import IdeaFactory


@pytest.fixture
def counted(monkeypatch):
    """Which signals are computed, in the order asked."""
    computed = []
    for signal in all_signals():
        def compute(initiative, at, _original=signal.compute, _key=signal.key, **filters):
            computed.append(_key)
            return _original(initiative, at, **filters)

        monkeypatch.setitem(signals._REGISTRY, signal.key,
                            dataclasses.replace(signal, compute=compute))
    return computed


@pytest.fixture
def running(world):
    """An initiative started two years ago: a backbone driving one running activity, a
    school in the alliance, one idea; its history computed."""
    initiative = world.initiative
    today = timezone.localdate()
    initiative.started_on = today.replace(year=today.year - 2, day=1)
    initiative.save()
    backbone = OrganisationFactory(initiative=initiative, name="Sekretariatet",
                                   is_backbone=True)
    school = OrganisationFactory(initiative=initiative, name="Bakkely Skole")
    activity = ActivityFactory(initiative=initiative, title="Læseheste", driver=backbone,
                               starts_on=initiative.started_on)
    history(activity, (Stage.RUNNING, initiative.started_on))
    IdeaFactory(initiative=initiative, submitted_on=initiative.started_on)
    history_refresh(initiative=initiative)
    return {"initiative": initiative, "activity": activity, "backbone": backbone,
            "school": school, "today": today}


def _afresh(initiative, at):
    return {signal.key: signal.compute(initiative, at) for signal in all_signals()}


def test_after_each_change_the_values_are_those_computed_afresh(running, counted):
    """Given the dashboard's values, when the data changes in six different ways (a
    rename, a new member, a stage reached, a driver handed over, an idea sent, an
    organisation deleted), then after each the values equal every signal computed
    afresh; each computes fewer signals than all — the rename at most the two that read
    every column of an activity, the idea only the ideas signals and the weakest
    condition (which reads the others)."""
    initiative, today = running["initiative"], running["today"]
    everything = len(all_signals())
    computed_values(initiative=initiative, at=today)
    activity, school = running["activity"], running["school"]

    def rename():
        activity.title = "Læseheste og skriveheste"
        activity.save()

    def newcomer():
        MembershipFactory(initiative=initiative, started_on=today - dt.timedelta(days=10))

    def stage():
        history(activity, (Stage.ANCHORED, today - dt.timedelta(days=3)))

    def handover():
        drivers(activity, (school, today - dt.timedelta(days=2)))

    def idea():
        IdeaFactory(initiative=initiative, submitted_on=today,
                    submitter_group=SubmitterGroup.YOUNG_PERSON)

    def removal():
        OrganisationFactory(initiative=initiative, name="Kortvarig").delete()

    recomputed = {}
    for change in (rename, newcomer, stage, handover, idea, removal):
        change()
        counted.clear()
        values = computed_values(initiative=initiative, at=today)
        recomputed[change.__name__] = set(counted)
        assert values == _afresh(initiative, today), change.__name__
    assert all(len(keys) < everything for keys in recomputed.values())
    assert len(recomputed["rename"]) <= 2
    assert {key.split(".")[0] for key in recomputed["idea"]} == {"ideas", "evaluation"}


def test_without_a_history_every_signal_is_computed_again(world, counted):
    """Given an initiative whose history was never computed (so nothing is known of what
    each signal reads), when the data changes, then every signal is computed again."""
    today = timezone.localdate()
    computed_values(initiative=world.initiative, at=today)
    OrganisationFactory(initiative=world.initiative)
    counted.clear()
    computed_values(initiative=world.initiative, at=today)
    assert len(counted) == len(all_signals())


def test_too_many_changes_compute_every_signal_again(running, counted, monkeypatch):
    """Given more recorded changes since the values than are worth reading, then every
    signal is computed again."""
    from rygrad.earlywarning import history as history_module

    monkeypatch.setattr(history_module, "MOVED_MOST_ENTRIES", 1)
    computed_values(initiative=running["initiative"], at=running["today"])
    for name in ("Et", "To"):
        OrganisationFactory(initiative=running["initiative"], name=name)
    counted.clear()
    computed_values(initiative=running["initiative"], at=running["today"])
    assert len(counted) == len(all_signals())


def test_unchanged_data_computes_nothing(running, counted):
    """Given the values were computed, when nothing has changed, then nothing is computed
    again."""
    computed_values(initiative=running["initiative"], at=running["today"])
    counted.clear()
    computed_values(initiative=running["initiative"], at=running["today"])
    assert counted == []
