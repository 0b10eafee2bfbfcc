"""Nudges: the daily check tells the secretariat and the alliance's chair once per crossing,
in the list and in at most one email a day, and nothing to whoever opted out."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rygrad.activities.models import Stage
from rygrad.activities.services import activity_change_driver
from rygrad.activities.tests.factories import ActivityFactory, history
from rygrad.alliance.models import MembershipRole
from rygrad.alliance.tests.factories import MembershipFactory, OrganisationFactory, PersonFactory
from rygrad.core.permissions import Actor
from rygrad.core.tenancy import Role, tenancy
from rygrad.earlywarning.models import Crossing, Notification, NotificationSetting
from rygrad.earlywarning.notices import digests_send, recipients, signals_check

LOAD = "activities.backbone_load"


@pytest.fixture
def people(world):
    """The secretariat, a second secretariat who muted the initiative's notices, a third
    who wants no email, and the alliance group's chair (a member's login); a former chair
    who hears nothing."""
    initiative = world.initiative
    User = get_user_model()
    muted = User.objects.create_user(email="muted@example.org", password="pw")
    listonly = User.objects.create_user(email="list@example.org", password="pw")
    former = User.objects.create_user(email="former@example.org", password="pw")
    for user in (muted, listonly):
        tenancy().role_grant(initiative=initiative, user=user, role=Role.SECRETARIAT)
    NotificationSetting.objects.create(initiative=initiative, user=muted, muted=True)
    NotificationSetting.objects.create(initiative=initiative, user=listonly, email=False)
    MembershipFactory(initiative=initiative, role=MembershipRole.CHAIR,
                      started_on=dt.date(2019, 1, 1),
                      person=PersonFactory(initiative=initiative, user=world.users["member"]))
    MembershipFactory(initiative=initiative, role=MembershipRole.CHAIR,
                      started_on=dt.date(2016, 1, 1), ended_on=dt.date(2018, 12, 31),
                      person=PersonFactory(initiative=initiative, user=former))
    return {"secretariat": world.users["secretariat"], "chair": world.users["member"],
            "muted": muted, "listonly": listonly, "former": former}


def _backbone_takes_over(world):
    """The secretariat drives the one running activity from today: backbone load 100 %."""
    backbone = OrganisationFactory(initiative=world.initiative, is_backbone=True)
    activity = ActivityFactory(initiative=world.initiative, driver=backbone,
                               starts_on=dt.date(2019, 1, 1))
    history(activity, (Stage.RUNNING, dt.date(2019, 2, 1)))
    return activity


def test_the_secretariat_and_the_chair_of_today_hear_of_warnings(world, people):
    """Given the people above, then the secretariat (all three) and today's chair are the
    recipients; the chair who stepped down in 2018 is not."""
    assert recipients(world.initiative) == {
        people[name].pk for name in ("secretariat", "chair", "muted", "listonly")}


def test_one_crossing_gives_one_notice_and_one_email_and_none_to_who_opted_out(world, people):
    """Given a first check that noted backbone load within its threshold (no activity
    running), when the secretariat starts driving a running activity and the check runs
    (twice), then one crossing is recorded; the secretariat, the chair and the list-only
    person get one notice each, the muted person none; the secretariat and the chair get
    one email each (one digest of the day's crossings) and the list-only person none — and
    the second run adds nothing."""
    signals_check(initiatives=[world.initiative])
    assert not Crossing.objects.exists() and not mail.outbox
    _backbone_takes_over(world)
    for _run in range(2):
        signals_check(initiatives=[world.initiative], base_url="https://rygrad.example.org")
    crossing = Crossing.objects.get(key=LOAD)  # (cross-sector activities enter, too)
    assert (crossing.entered, crossing.value) == (True, 1.0)
    told = set(Notification.objects.filter(crossing=crossing).values_list("user", flat=True))
    assert told == {people[name].pk for name in ("secretariat", "chair", "listonly")}
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        people[name].email for name in ("secretariat", "chair"))
    body = mail.outbox[0].body
    assert "https://rygrad.example.org/i/egelund/early-warning/activities.backbone_load/" in body
    assert "Sekretariatets belastning" in body


def test_at_most_one_email_a_day_and_the_next_day_brings_the_rest(world, people):
    """Given a notice mailed today, when the signal comes back within its threshold the
    same day and the check runs again, then the new notice is in the list but no second
    email goes out today; tomorrow's digest carries it."""
    signals_check(initiatives=[world.initiative])
    activity = _backbone_takes_over(world)
    signals_check(initiatives=[world.initiative])
    sent = len(mail.outbox)
    activity_change_driver(activity=activity,
                           organisation=OrganisationFactory(initiative=world.initiative),
                           on=timezone.localdate(),
                           by=Actor(user=people["secretariat"], initiative=world.initiative))
    signals_check(initiatives=[world.initiative])
    left = Crossing.objects.get(key=LOAD, entered=False)
    assert Notification.objects.filter(crossing=left, user=people["secretariat"]).exists()
    assert len(mail.outbox) == sent
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert digests_send(today=tomorrow) == 2  # the secretariat and the chair
    assert "er inden for tærsklen igen" in mail.outbox[-1].body


def test_a_person_chooses_their_notices_on_the_notices_page(world, client_as):
    """Given a member, when they tick "no notices" on their notices page, then their
    choice is saved for this initiative only."""
    client = client_as("member")
    page = reverse("earlywarning:notices", kwargs={"slug": world.initiative.slug})
    response = client.post(page, {"muted": "on"})
    assert response.status_code == 302
    setting = NotificationSetting.objects.get(user=world.users["member"])
    assert (setting.initiative, setting.muted, setting.email) == (world.initiative, True, False)


def test_notices_are_listed_and_marked_read(world, people, client_as):
    """Given crossings told to the chair, when they open their notices, then each is there
    as new; marking all read clears them."""
    signals_check(initiatives=[world.initiative])
    _backbone_takes_over(world)
    signals_check(initiatives=[world.initiative])
    client = client_as("member")
    slug = world.initiative.slug
    response = client.get(reverse("earlywarning:notices", kwargs={"slug": slug}))
    assert response.context["unread"] == Crossing.objects.count()
    assert "er gået i advarsel" in response.content.decode()
    client.post(reverse("earlywarning:notices_read", kwargs={"slug": slug}))
    assert not Notification.objects.filter(user=people["chair"], read_at__isnull=True).exists()
