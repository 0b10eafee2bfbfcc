"""The activities signals on constructed histories whose values are known by hand."""

import datetime as dt

import pytest

from rygrad.activities import measures
from rygrad.activities.models import Stage
from rygrad.activities.tests.factories import (
    ActivityFactory,
    CommitmentFactory,
    InitiativeFactory,
    OrganisationFactory,
    TrackFactory,
    drivers,
    history,
)
from rygrad.alliance.models import Sector
from rygrad.core.signals import Condition, get_signal

D = dt.date
TRIAL, RUNNING, ANCHORED, STOPPED, PROPOSED = (Stage.TRIAL, Stage.RUNNING, Stage.ANCHORED,
                                               Stage.STOPPED, Stage.PROPOSED)


@pytest.fixture
def initiative(db):
    return InitiativeFactory()


@pytest.fixture
def backbone(initiative):
    return OrganisationFactory(initiative=initiative, is_backbone=True, sector=Sector.MUNICIPALITY)


def running(initiative, driver, on=None, **kwargs):
    activity = ActivityFactory(initiative=initiative, driver=driver, **kwargs)
    return history(activity, (TRIAL, D(2016, 3, 1)), (RUNNING, on or D(2016, 6, 1)))


class TestBackboneLoad:
    def test_is_unknown_when_nothing_runs(self, initiative, backbone):
        """Given only a proposed and a stopped activity, when the backbone load is computed,
        then it is None (no running activities), not zero."""
        ActivityFactory(initiative=initiative, driver=backbone)
        history(ActivityFactory(initiative=initiative, driver=backbone), (STOPPED, D(2016, 2, 1)))
        assert measures.backbone_load(initiative=initiative, at=D(2017, 1, 1)) is None

    def test_counts_running_activities_the_backbone_drives(self, initiative, backbone):
        """Given four running activities, three driven by the backbone, and a fifth activity
        the backbone drives that is only in trial, then the load is 3/4."""
        school = OrganisationFactory(initiative=initiative, sector=Sector.SCHOOL)
        for _ in range(3):
            running(initiative, backbone)
        running(initiative, school)
        history(ActivityFactory(initiative=initiative, driver=backbone), (TRIAL, D(2016, 3, 1)))
        assert measures.backbone_load(initiative=initiative, at=D(2017, 1, 1)) == 0.75

    def test_follows_a_change_of_driver_as_of_the_date(self, initiative, backbone):
        """Given a running activity the backbone drove until 1 June 2017 and a school
        drove from then on, then the load is 1 on 31 May and 0 on 1 June."""
        school = OrganisationFactory(initiative=initiative, sector=Sector.SCHOOL)
        activity = running(initiative, backbone)
        drivers(activity, (school, D(2017, 6, 1)))
        assert measures.backbone_load(initiative=initiative, at=D(2017, 5, 31)) == 1.0
        assert measures.backbone_load(initiative=initiative, at=D(2017, 6, 1)) == 0.0

    def test_an_activity_counts_only_while_it_runs(self, initiative, backbone):
        """Given two backbone activities running from 2016, one stopped on 1 March 2017,
        and a school's activity running, then the load is 2/3 before and 1/2 after."""
        school = OrganisationFactory(initiative=initiative, sector=Sector.SCHOOL)
        first = running(initiative, backbone)
        running(initiative, backbone)
        running(initiative, school)
        history(first, (STOPPED, D(2017, 3, 1)))
        assert measures.backbone_load(initiative=initiative, at=D(2017, 2, 28)) == 2 / 3
        assert measures.backbone_load(initiative=initiative, at=D(2017, 3, 1)) == 0.5

    def test_filters_by_track(self, initiative, backbone):
        """Given a backbone activity on track A and a school's activity on track B, then the
        load is 1 on track A and 0 on track B."""
        track_a, track_b = TrackFactory(initiative=initiative), TrackFactory(initiative=initiative)
        school = OrganisationFactory(initiative=initiative, sector=Sector.SCHOOL)
        running(initiative, backbone, tracks=[track_a])
        running(initiative, school, tracks=[track_b])
        at = D(2017, 1, 1)
        assert measures.backbone_load(initiative=initiative, at=at, track=track_a.pk) == 1.0
        assert measures.backbone_load(initiative=initiative, at=at, track=track_b.pk) == 0.0
        signal = get_signal("activities.backbone_load")
        assert signal.compute(initiative, at, track=str(track_b.pk)) == 0.0


class TestCrossSectorShare:
    def test_needs_two_sectors_besides_the_backbone_with_commitments_in_force(
            self, initiative, backbone):
        """Given four running activities: A with a school and a club committing (yes), B
        with the backbone and a school (no: the backbone does not count), C with two schools
        (no: one sector), D with a school and a club whose commitment ended (no), then the
        share is 1/4."""
        school = OrganisationFactory(initiative=initiative, sector=Sector.SCHOOL)
        school_2 = OrganisationFactory(initiative=initiative, sector=Sector.SCHOOL)
        club = OrganisationFactory(initiative=initiative, sector=Sector.ASSOCIATION)
        a, b, c, d = (running(initiative, backbone) for _ in range(4))
        for activity, organisation in [(a, school), (a, club), (b, backbone), (b, school),
                                       (c, school), (c, school_2), (d, school)]:
            CommitmentFactory(activity=activity, organisation=organisation)
        CommitmentFactory(activity=d, organisation=club, ends_on=D(2016, 12, 1))
        assert measures.cross_sector_share(initiative=initiative, at=D(2017, 1, 1)) == 0.25

    def test_is_unknown_without_running_activities(self, initiative):
        assert measures.cross_sector_share(initiative=initiative, at=D(2017, 1, 1)) is None


class TestAnchoredAndTrials:
    def test_anchored_counts_activities_anchored_on_the_date(self, initiative, backbone):
        """Given one activity anchored in 2017 and one anchored in 2017 but stopped in 2018,
        then two are anchored at the end of 2017 and one at the end of 2018."""
        history(ActivityFactory(initiative=initiative),
                (TRIAL, D(2016, 1, 1)), (ANCHORED, D(2017, 3, 1)))
        history(ActivityFactory(initiative=initiative),
                (TRIAL, D(2016, 1, 1)), (ANCHORED, D(2017, 5, 1)), (STOPPED, D(2018, 2, 1)))
        assert measures.anchored(initiative=initiative, at=D(2016, 12, 31)) == 0
        assert measures.anchored(initiative=initiative, at=D(2017, 12, 31)) == 2
        assert measures.anchored(initiative=initiative, at=D(2018, 12, 31)) == 1

    def test_trials_stopped_share_leaves_out_reopened_and_never_tried(self, initiative):
        """Given A tried then stopped, B tried then anchored, C tried, stopped and re-opened
        as a trial on 1 March 2018, D stopped while only proposed, and E tried, run and
        stopped: at the end of 2017 three of four ended trials stopped (A, C, E); at the
        end of 2018 C is running again, so two of three (A, E)."""
        history(ActivityFactory(initiative=initiative),
                (TRIAL, D(2016, 1, 1)), (STOPPED, D(2016, 6, 1)))
        history(ActivityFactory(initiative=initiative),
                (TRIAL, D(2016, 1, 1)), (ANCHORED, D(2017, 1, 1)))
        history(ActivityFactory(initiative=initiative), (TRIAL, D(2016, 1, 1)),
                (STOPPED, D(2016, 9, 1)), (TRIAL, D(2018, 3, 1)))
        history(ActivityFactory(initiative=initiative), (STOPPED, D(2016, 2, 1)))
        history(ActivityFactory(initiative=initiative), (TRIAL, D(2016, 1, 1)),
                (RUNNING, D(2016, 5, 1)), (STOPPED, D(2017, 5, 1)))
        assert measures.trials_stopped_share(initiative=initiative, at=D(2017, 12, 31)) == 0.75
        assert measures.trials_stopped_share(initiative=initiative, at=D(2018, 12, 31)) == 2 / 3
        assert measures.trials_stopped_share(initiative=initiative, at=D(2015, 12, 31)) is None

    def test_days_to_anchor_is_the_median_from_the_first_trial(self, initiative):
        """Given A tried on 1 Jan 2016 and anchored on 31 Dec 2016 (365 days), B tried on
        1 Mar 2016 and anchored on 1 Mar 2018 (730 days), and C first tried on 1 Jan 2015,
        stopped, re-opened and anchored on 1 Jul 2016 (365 + 182 = 547 days), then the
        median is 547 days; before B was anchored it is (365 + 547) / 2 = 456."""
        history(ActivityFactory(initiative=initiative),
                (TRIAL, D(2016, 1, 1)), (ANCHORED, D(2016, 12, 31)))
        history(ActivityFactory(initiative=initiative), (TRIAL, D(2016, 3, 1)),
                (RUNNING, D(2016, 9, 1)), (ANCHORED, D(2018, 3, 1)))
        history(ActivityFactory(initiative=initiative, starts_on=D(2014, 12, 1)),
                (TRIAL, D(2015, 1, 1)), (STOPPED, D(2015, 6, 1)), (TRIAL, D(2016, 1, 1)),
                (ANCHORED, D(2016, 7, 1)))
        assert measures.days_to_anchor(initiative=initiative, at=D(2018, 12, 31)) == 547
        assert measures.days_to_anchor(initiative=initiative, at=D(2017, 12, 31)) == 456
        assert measures.days_to_anchor(initiative=initiative, at=D(2016, 6, 30)) is None


class TestPartnerCommitmentShare:
    def test_counts_partner_commitments_in_force(self, initiative, backbone):
        """Given commitments in force on 1 Jan 2017 from a school, a club and the backbone,
        one that ended in 2016 and one starting in 2018, then partners made 2 of 3."""
        activity = running(initiative, backbone)
        school = OrganisationFactory(initiative=initiative, sector=Sector.SCHOOL)
        club = OrganisationFactory(initiative=initiative, sector=Sector.ASSOCIATION)
        for organisation in (school, club, backbone):
            CommitmentFactory(activity=activity, organisation=organisation)
        CommitmentFactory(activity=activity, organisation=club, ends_on=D(2016, 6, 30))
        CommitmentFactory(activity=activity, organisation=club, starts_on=D(2018, 1, 1))
        assert measures.partner_commitment_share(initiative=initiative,
                                                 at=D(2017, 1, 1)) == 2 / 3
        assert measures.partner_commitment_share(initiative=initiative,
                                                 at=D(2015, 1, 1)) is None


class TestWithoutTrack:
    def test_counts_live_activities_on_no_track(self, initiative):
        """Given a proposed and a running activity on no track, a running one on a track
        and a stopped one on no track, then two are without a track."""
        track = TrackFactory(initiative=initiative)
        ActivityFactory(initiative=initiative)
        running(initiative, OrganisationFactory(initiative=initiative))
        running(initiative, OrganisationFactory(initiative=initiative), tracks=[track])
        history(ActivityFactory(initiative=initiative), (STOPPED, D(2016, 2, 1)))
        signal = get_signal("agenda.activities_without_track")
        assert signal.compute(initiative, D(2017, 1, 1)) == 2
        assert signal.condition == Condition.AGENDA


def test_another_initiatives_activities_never_count(initiative, backbone):
    """Given a running backbone activity here and a running partner activity in another
    initiative, then the load here is 1."""
    running(initiative, backbone)
    other = InitiativeFactory()
    running(other, OrganisationFactory(initiative=other))
    assert measures.backbone_load(initiative=initiative, at=D(2017, 1, 1)) == 1.0


def test_signals_are_filed_under_their_conditions_with_thresholds(initiative, backbone):
    """Given the registry, the backbone load is a backbone signal warning above 50 %, and an
    initiative's own threshold overrides it."""
    signal = get_signal("activities.backbone_load")
    assert signal.condition == Condition.BACKBONE
    running(initiative, backbone)
    assert signal.evaluate(initiative, D(2017, 1, 1)).warning is True
    initiative.signal_thresholds = {"activities.backbone_load": 1.0}
    assert signal.evaluate(initiative, D(2017, 1, 1)).warning is False
    for key in ("cross_sector_share", "anchored", "trials_stopped_share", "days_to_anchor",
                "partner_commitment_share"):
        assert get_signal(f"activities.{key}").condition == Condition.ACTIVITIES
