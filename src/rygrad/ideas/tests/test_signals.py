"""The ideas signals and the funnel on a constructed history, with every value worked out
by hand.

The history (all in 2017):
    idea 1  young person, hackathon   under review 11 Jan, adopted 1 Feb (secretariat),
                                      realised 1 Jun
    idea 2  child, hackathon          declined 21 Jan
    idea 3  parent, web               adopted 31 Jan (Bakkely Skole)
    idea 4  professional, alliance    never answered (a draft answer waits in a release)
    idea 5  young person, web (1 Feb) merged into idea 1 on 1 Mar, no answer of its own
    idea 6  young person, Youth bus   rejected in moderation: counts nowhere
"""

import datetime as dt

import pytest

from rygrad.alliance.tests.factories import OrganisationFactory
from rygrad.core.signals import get_signal
from rygrad.ideas import measures
from rygrad.ideas.models import (
    AnswerRelease,
    Moderation,
    Source,
    Status,
    StatusChange,
    SubmitterGroup,
)
from rygrad.ideas.tests.factories import IdeaFactory, answered

D = dt.date
END = D(2017, 12, 31)


@pytest.fixture
def history(world):
    i = world.initiative
    backbone = OrganisationFactory(initiative=i, name="Sekretariatet", is_backbone=True)
    school = OrganisationFactory(initiative=i, name="Bakkely Skole")
    start = D(2017, 1, 1)
    one = answered(
        IdeaFactory(initiative=i, submitted_on=start, source=Source.HACKATHON,
                    submitter_group=SubmitterGroup.YOUNG_PERSON),
        (Status.UNDER_REVIEW, D(2017, 1, 11), "Vi kigger på den."),
        (Status.ADOPTED, D(2017, 2, 1), "Sekretariatet tager den.", backbone),
        (Status.REALISED, D(2017, 6, 1), "Den er i gang.", backbone))
    answered(IdeaFactory(initiative=i, submitted_on=start, source=Source.HACKATHON,
                         submitter_group=SubmitterGroup.CHILD),
             (Status.DECLINED, D(2017, 1, 21), "Det kan vi ikke."))
    answered(IdeaFactory(initiative=i, submitted_on=start, source=Source.WEB,
                         submitter_group=SubmitterGroup.PARENT),
             (Status.ADOPTED, D(2017, 1, 31), "Skolen tager den.", school))
    four = IdeaFactory(initiative=i, submitted_on=start, source=Source.ALLIANCE_MEETING,
                       submitter_group=SubmitterGroup.PROFESSIONAL)
    release = AnswerRelease.objects.create(initiative=i, title="Udkast")
    StatusChange.objects.create(initiative=i, idea=four, status=Status.PARKED,
                                answer="Senere.", release=release)
    five = IdeaFactory(initiative=i, submitted_on=D(2017, 2, 1), source=Source.WEB,
                       submitter_group=SubmitterGroup.YOUNG_PERSON)
    five.merged_into, five.merged_on = one, D(2017, 3, 1)
    five.save()
    IdeaFactory(initiative=i, submitted_on=start, source=Source.YOUTH_BUS,
                submitter_group=SubmitterGroup.YOUNG_PERSON, moderation=Moderation.REJECTED)
    return i


def _value(key, initiative, at=END):
    return get_signal(key).compute(initiative, at)


def test_realised_share_counts_a_merged_idea_with_the_idea_it_went_into(history):
    """Given five submissions of which idea 1 is realised and idea 5 was merged into it,
    when the realised share is computed at the end of 2017, then it is 2/5."""
    assert _value("ideas.realised_share", history) == pytest.approx(2 / 5)


def test_realised_share_before_anything_was_realised_is_zero(history):
    """Given the same history on 15 January (four submissions, none realised), then the
    share is 0, not missing."""
    assert _value("ideas.realised_share", history, D(2017, 1, 15)) == 0


def test_days_to_answer_is_the_median_of_the_first_public_answers(history):
    """Given first answers after 10, 20 and 30 days, and idea 5 seeing idea 1's answer on
    the day of the merge (28 days after it came in), when the median is computed, then it
    is the mean of 20 and 28; the unanswered idea 4 and its draft count for nothing."""
    assert _value("ideas.days_to_answer", history) == 24.0


def test_backbone_owned_share_counts_adopted_and_realised_ideas_once(history):
    """Given idea 1 (realised, owned by the secretariat) and idea 3 (adopted, owned by the
    school) — idea 5 merged into idea 1 does not count twice — then the share is 1/2."""
    assert _value("ideas.backbone_owned_share", history) == 0.5


def test_backbone_owned_share_follows_the_owner_as_of_the_date(history):
    """Given 31 January, when only idea 3 (the school's) is adopted, then the secretariat
    owns none."""
    assert _value("ideas.backbone_owned_share", history, D(2017, 1, 31)) == 0


def test_awaiting_answer_counts_ideas_older_than_the_promise_without_an_answer(history):
    """Given the promise of 30 days: on 15 January nothing is older than 30 days; on 15
    February idea 4 (45 days, only a draft answer) waits too long while idea 5 (14 days)
    does not; at the end of the year idea 5 is answered through its merge."""
    assert measures.awaiting_answer(initiative=history, at=D(2017, 1, 15), days=30) == 0
    assert measures.awaiting_answer(initiative=history, at=D(2017, 2, 15), days=30) == 1
    assert _value("ideas.awaiting_answer", history) == 1


def test_youth_share_and_youth_realised(history):
    """Given ideas 1, 2 and 5 from children and young people of five submissions, and two
    of those three realised (1, and 5 through the merge), then the youth share is 3/5 and
    the youth realised share 2/3."""
    assert _value("ideas.youth_share", history) == pytest.approx(3 / 5)
    assert _value("ideas.youth_realised", history) == pytest.approx(2 / 3)


def test_signals_are_empty_for_an_initiative_without_ideas(world):
    """Given no ideas, then the shares and the median are missing (not zero) and nothing
    waits."""
    for key in ("ideas.realised_share", "ideas.days_to_answer", "ideas.backbone_owned_share",
                "ideas.youth_share", "ideas.youth_realised"):
        assert _value(key, world.initiative) is None, key
    assert _value("ideas.awaiting_answer", world.initiative) == 0


def test_the_funnel_by_source(history):
    """Given the history, when the funnel is made per source, then each source's row and
    the total are as worked out by hand, and sources without ideas are left out."""
    rows = measures.funnel(initiative=history, at=END, by="source", choices=Source.choices,
                           total_label="Alle")
    table = {row.key: (row.submitted, row.answered, row.adopted, row.realised)
             for row in rows}
    assert table == {
        Source.HACKATHON: (2, 2, 1, 1),
        Source.ALLIANCE_MEETING: (1, 0, 0, 0),
        Source.WEB: (2, 2, 2, 1),
        "": (5, 4, 3, 2),
    }
    total = rows[-1]
    assert total.conversion == pytest.approx(2 / 5)
    assert total.median_days_to_answer == 24.0
    assert [row.key for row in rows][:-1] == [Source.HACKATHON, Source.ALLIANCE_MEETING,
                                              Source.WEB]


def test_the_funnel_by_submitter_group(history):
    """Given the history, then young people sent two ideas and both are realised, the
    child's was declined, the parent's adopted and the professional's is unanswered."""
    rows = measures.funnel(initiative=history, at=END, by="group",
                           choices=SubmitterGroup.choices, total_label="Alle")
    table = {row.key: (row.submitted, row.answered, row.adopted, row.realised,
                       row.conversion) for row in rows}
    assert table[SubmitterGroup.YOUNG_PERSON] == (2, 2, 2, 2, 1.0)
    assert table[SubmitterGroup.CHILD] == (1, 1, 0, 0, 0.0)
    assert table[SubmitterGroup.PARENT] == (1, 1, 1, 0, 0.0)
    assert table[SubmitterGroup.PROFESSIONAL] == (1, 0, 0, 0, 0.0)


def test_the_signals_page_shows_the_funnel(client_as, history):
    """Given the history, when a member opens the ideas' signals page as of the end of
    2017, then it shows every ideas signal and the funnel's total row."""
    response = client_as("member").get(f"/i/{history.slug}/ideas/manage/signals/",
                                       {"at": "2017-12-31"})
    assert response.status_code == 200
    assert [v.signal.key for v in response.context["values"]] == [
        "ideas.realised_share", "ideas.days_to_answer", "ideas.backbone_owned_share",
        "ideas.awaiting_answer", "ideas.youth_share", "ideas.youth_realised"]
    total = response.context["by_source"][-1]
    assert (total.submitted, total.realised) == (5, 2)


def test_the_six_signals_computed_together_read_the_ideas_once_and_agree_with_each_alone(
        history):
    """The dashboard computes every signal at once: the six ideas signals share one
    reading of the ideas and their changes (2 queries, not 12), and each value is the one
    it has computed alone."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rygrad.core.signals import together
    from rygrad.ideas.signals import page_signals

    signals = page_signals()
    assert len(signals) == 6
    alone = [signal.compute(history, END) for signal in signals]
    with CaptureQueriesContext(connection) as read, together():
        shared = [signal.compute(history, END) for signal in signals]
    ideas_reads = [q for q in read.captured_queries if 'FROM "ideas_idea"' in q["sql"]]
    assert shared == alone
    assert len(ideas_reads) == 1


def test_a_signal_computed_alone_again_sees_an_idea_sent_meanwhile(history):
    """Outside a computation together nothing is kept: a second computation counts the
    idea sent after the first."""
    before = _value("ideas.youth_share", history)
    IdeaFactory(initiative=history, submitted_on=D(2017, 6, 1), source=Source.WEB,
                submitter_group=SubmitterGroup.YOUNG_PERSON)
    assert _value("ideas.youth_share", history) != before
