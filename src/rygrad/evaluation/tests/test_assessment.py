"""The six-conditions assessment: answering anonymously, once, while a round is open; and
results that never rest on fewer than three answers, by sector neither, and that cannot be
differenced into one person's answer."""

import datetime as dt
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rygrad.alliance.models import Organisation, Person, Sector
from rygrad.core.permissions import Actor
from rygrad.evaluation import selectors, services
from rygrad.evaluation.models import (
    CONDITIONS,
    BackboneRole,
    Participation,
    Rating,
    Response,
    RoundComment,
    Statement,
)
from rygrad.evaluation.tests.factories import answers, closed_round, open_round, statements

TODAY = dt.date.today()


def _actor(world, role):
    return Actor(user=world.users[role], initiative=world.initiative)


def _post_all(round_, score=3, **extra):
    data = {f"s{s.pk}": str(score) for s in round_.statements.all()}
    data.update(extra)
    return data


@pytest.fixture
def asked(world):
    return statements(world.initiative)


def test_a_member_answers_once_under_their_sector_and_without_their_name(
        world, client_as, asked):
    """Given an open round and a member of a school, when they answer on the page and then
    try again, then one answer is stored under the school's sector with nothing that names
    them, their participation is noted apart, and the second answer is refused."""
    school = Organisation.objects.create(initiative=world.initiative, name="Skolen",
                                         sector=Sector.SCHOOL)
    Person.objects.create(initiative=world.initiative, name="Mette", organisation=school,
                          user=world.users["member"])
    round_ = open_round(world.initiative)
    client = client_as("member")
    url = reverse("evaluation:round_answer", kwargs={"slug": world.initiative.slug,
                                                     "pk": round_.pk})
    page = client.get(url)
    assert page.status_code == 200
    assert 'type="radio"' in page.content.decode()
    response = client.post(url, _post_all(round_, 2, c_backbone="Sekretariatet driver alt"))
    assert response.status_code == 302
    stored = Response.objects.get(round=round_)
    assert stored.sector == Sector.SCHOOL
    assert {f.name for f in Response._meta.get_fields()} == {
        "id", "initiative", "round", "sector", "ratings"}
    assert Rating.objects.filter(response=stored).count() == len(asked)
    assert RoundComment.objects.get(round=round_).text == "Sekretariatet driver alt"
    assert Participation.objects.filter(round=round_, user=world.users["member"]).exists()
    client.post(url, _post_all(round_, 4))
    assert Response.objects.filter(round=round_).count() == 1
    with pytest.raises(ValidationError):
        services.assessment_answer(round=round_, by=_actor(world, "member"),
                                   scores={s.pk: 4 for s in asked}, comments={})


def test_an_answer_missing_a_rating_is_refused_and_nothing_is_stored(world, client_as, asked):
    """Given an open round, when a member leaves one statement unrated, then the form says
    so and neither the answer nor the participation is stored."""
    round_ = open_round(world.initiative)
    data = _post_all(round_)
    data.pop(f"s{asked[0].pk}")
    page = client_as("member").post(reverse(
        "evaluation:round_answer", kwargs={"slug": world.initiative.slug, "pk": round_.pk}),
        data)
    assert page.status_code == 200
    assert "Choose how far this has come." in page.content.decode() or \
        "Vælg" in page.content.decode()
    assert not Response.objects.exists()
    assert not Participation.objects.exists()


def test_a_round_not_open_takes_no_answer(world, asked):
    """Given a closed round, when a member answers, then the answer is refused."""
    round_ = closed_round(world.initiative)
    with pytest.raises(ValidationError):
        services.assessment_answer(round=round_, by=_actor(world, "member"),
                                   scores={s.pk: 3 for s in asked}, comments={})


def test_two_answers_show_no_result_and_three_do(world, asked):
    """Given a closed round with two answers, then no result is shown; with a third, the
    mean and spread of each condition are."""
    round_ = closed_round(world.initiative)
    answers(round_, Sector.SCHOOL, 1, 2)
    assert not selectors.round_results(round=round_, today=TODAY).shown
    answers(round_, Sector.SCHOOL, 3)
    results = selectors.round_results(round=round_, today=TODAY)
    assert results.shown and results.n == 3
    backbone = results.condition("backbone").total
    assert backbone.mean == pytest.approx(2.0)
    assert backbone.sd == pytest.approx((2 / 3) ** 0.5)


def test_an_open_round_shows_no_result_so_one_answer_cannot_be_differenced(
        world, client_as, asked):
    """Given an open round with five answers, when a member looks before and after a sixth,
    then neither page shows any score (only the count), so the difference says nothing of
    the new answer; and once the round has closed its dates cannot move to take more."""
    round_ = open_round(world.initiative)
    answers(round_, Sector.SCHOOL, 1, 2, 3, 4, 2)
    client = client_as("member")
    url = reverse("evaluation:round_detail", kwargs={"slug": world.initiative.slug,
                                                     "pk": round_.pk})
    before = client.get(url).content.decode()
    answers(round_, Sector.SCHOOL, 4)
    after = client.get(url).content.decode()
    assert not selectors.round_results(round=round_, today=TODAY).shown
    for text in (before, after):
        assert "2.40" not in text and "2,40" not in text and "<caption>" not in text
    closed = closed_round(world.initiative, name="Closed")
    with pytest.raises(ValidationError):
        services.round_update(round=closed, by=_actor(world, "secretariat"), name="Closed",
                              opens_on=closed.opens_on, closes_on=TODAY + dt.timedelta(days=3))


def test_a_small_sector_is_hidden_and_so_is_the_sector_that_would_give_it_away(world, asked):
    """Given a closed round with three school answers and one association answer, when the
    results are read, then neither sector is shown on its own: the association has one
    answer, and showing the schools would give it away as the total minus the schools."""
    round_ = closed_round(world.initiative)
    answers(round_, Sector.SCHOOL, 2, 2, 2)
    answers(round_, Sector.ASSOCIATION, 4)
    results = selectors.round_results(round=round_, today=TODAY)
    assert results.shown and results.n == 4
    assert results.sectors == []
    assert results.condition("agenda").by_sector == {}
    assert results.hidden_sectors


def test_sectors_are_shown_when_each_and_the_rest_have_three(world, asked):
    """Given three school and three day-care answers, then both sectors are shown with
    their own means."""
    round_ = closed_round(world.initiative)
    answers(round_, Sector.SCHOOL, 1, 1, 1)
    answers(round_, Sector.DAYCARE, 4, 4, 3)
    results = selectors.round_results(round=round_, today=TODAY)
    assert [value for value, _label, _n in results.sectors] == [Sector.SCHOOL, Sector.DAYCARE]
    assert results.condition("agenda").by_sector[Sector.SCHOOL].mean == pytest.approx(1.0)
    assert not results.hidden_sectors


def test_no_sector_left_out_can_be_derived_from_the_total():
    """Given any counts of answers in four sectors (0-5 each) whose total is shown (three or
    more), when the sectors to show are chosen, then each shown has at least three answers
    and the answers left out together number none or at least three, so the total minus
    the sectors shown is itself an aggregate of three or more."""
    for combo in itertools.product(range(0, 6), repeat=4):
        counts = {k: v for k, v in zip("abcd", combo, strict=True) if v}
        if sum(counts.values()) < 3:
            continue
        shown = selectors.shown_sectors(counts)
        assert all(counts[s] >= 3 for s in shown), counts
        rest = sum(n for s, n in counts.items() if s not in shown)
        assert rest == 0 or rest >= 3, counts


def test_the_change_from_the_previous_round_is_shown(world, asked):
    """Given two closed rounds, the later one backbone 1 point lower, when the later is
    read, then its backbone change is -1."""
    first = closed_round(world.initiative, TODAY - dt.timedelta(days=200), name="Spring")
    second = closed_round(world.initiative, name="Autumn")
    answers(first, Sector.SCHOOL, *[{c: 3 for c in CONDITIONS}] * 3)
    answers(second, Sector.SCHOOL, *[{**{c: 3 for c in CONDITIONS}, "backbone": 2}] * 3)
    results = selectors.round_results(round=second, today=TODAY)
    assert results.previous == first
    assert results.condition("backbone").change == pytest.approx(-1.0)
    assert results.condition("agenda").change == pytest.approx(0.0)


def test_the_round_page_shows_means_and_comments_of_a_closed_round(world, client_as, asked):
    """Given a closed round with three answers and a comment, when a member opens it, then
    the page shows the backbone's mean and the comment; a partner may not open it."""
    round_ = closed_round(world.initiative)
    answers(round_, Sector.SCHOOL, {**{c: 3 for c in CONDITIONS}, "backbone": 1},
            *[{c: 3 for c in CONDITIONS}] * 2)
    RoundComment.objects.create(initiative=world.initiative, round=round_,
                                condition="backbone", text="For lidt tid til at facilitere")
    url = reverse("evaluation:round_detail", kwargs={"slug": world.initiative.slug,
                                                     "pk": round_.pk})
    text = client_as("member").get(url).content.decode()
    assert "2,33" in text or "2.33" in text
    assert "For lidt tid til at facilitere" in text
    assert client_as("partner").get(url).status_code == 403


def test_the_default_statements_cover_the_six_conditions_and_the_backbone_roles(world):
    """Given an initiative without statements, when the default set is added, then every
    condition and every backbone role has a statement, and a second time is refused."""
    services.statements_default_create(initiative=world.initiative,
                                       by=_actor(world, "secretariat"))
    made = Statement.objects.for_initiative(world.initiative)
    assert {s.condition for s in made} == set(CONDITIONS)
    assert {s.backbone_role for s in made} - {""} == set(BackboneRole.values)
    with pytest.raises(ValidationError):
        services.statements_default_create(initiative=world.initiative,
                                           by=_actor(world, "secretariat"))


def test_a_rated_statement_keeps_its_wording(world, asked):
    """Given a rated statement, when the secretariat rewords it, then it is refused; taking
    it out of use is allowed."""
    round_ = closed_round(world.initiative)
    answers(round_, Sector.SCHOOL, 2)
    statement = asked[0]
    by = _actor(world, "secretariat")
    with pytest.raises(ValidationError):
        services.statement_update(statement=statement, by=by, condition=statement.condition,
                                  text="Noget andet")
    services.statement_update(statement=statement, by=by, condition=statement.condition,
                              text=statement.text, active=False)
    statement.refresh_from_db()
    assert not statement.active
