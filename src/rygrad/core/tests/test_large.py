"""`rygrad generate_large --scale N` builds seeded large initiatives for load tests: the
counts of its scale table, data that keeps every app's own rules, pages that open on it,
and the same rows on every run."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Max, Min, Q
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from rygrad.activities.large import FULL_ACTIVITIES
from rygrad.activities.models import Activity, Commitment, DriverChange, StageChange
from rygrad.alliance.large import FULL_ORGANISATIONS
from rygrad.alliance.models import Membership, Organisation, Person
from rygrad.core.large import PASSWORD, Scale, large_counts
from rygrad.ideas.large import FULL_IDEAS
from rygrad.ideas.models import Idea, StatusChange
from rygrad.initiatives.models import Initiative
from rygrad.measurement.large import FULL_RESPONSES
from rygrad.measurement.models import Response, Wave

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def module_survey_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("survey")


@pytest.fixture(autouse=True)
def survey_dir(settings, module_survey_dir):
    settings.RYGRAD_SURVEY_DIR = module_survey_dir


def _fingerprint(initiative):
    """What a seeded build decides, without the database's ids (and the responses' ids,
    random by design)."""
    return (
        list(Organisation.objects.for_initiative(initiative).order_by("name")
             .values_list("name", "sector", "is_backbone")),
        list(Activity.objects.for_initiative(initiative).order_by("title")
             .values_list("title", "stage", "starts_on", "ends_on", "driver__name")),
        list(Idea.objects.for_initiative(initiative).order_by("number")
             .values_list("number", "title", "submitted_on", "status", "moderation")),
        sorted(Response.objects.filter(initiative=initiative)
               .values_list("school", "grade", "gender", "answers")),
    )


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker, module_survey_dir):
    """Scale 1, built twice (the second run replaces the first): the output of each and
    the fingerprint of the first."""
    with django_db_blocker.unblock(), override_settings(RYGRAD_SURVEY_DIR=module_survey_dir):
        first = StringIO()
        call_command("generate_large", scale=1, stdout=first)
        fingerprint = _fingerprint(Initiative.objects.get(slug="large-01"))
        second = StringIO()
        call_command("generate_large", scale=1, stdout=second)
        initiative = Initiative.objects.get(slug="large-01")
    yield {"first": first.getvalue(), "second": second.getvalue(), "fingerprint": fingerprint,
           "initiative": initiative}
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def test_the_largest_scale_makes_the_issues_counts():
    """Given the full initiative of each app, when the scale is 100, then it makes 50
    initiatives, 5,000 organisations, 50,000 activities, 500,000 ideas and 2 million
    responses; scale 1 is one initiative at half size."""
    largest = Scale(100)
    assert largest.initiatives == 50
    assert largest.initiatives * largest.count(FULL_ORGANISATIONS) == 5_000
    assert largest.initiatives * largest.count(FULL_ACTIVITIES) == 50_000
    assert largest.initiatives * largest.count(FULL_IDEAS) == 500_000
    assert largest.initiatives * largest.count(FULL_RESPONSES) == 2_000_000
    smallest = Scale(1)
    assert (smallest.initiatives, smallest.share) == (1, 0.5)
    assert Scale(3).initiatives * Scale(3).share == pytest.approx(1.5)


@pytest.mark.parametrize("scale", [0, 101, -5])
def test_a_scale_outside_1_to_100_is_refused_and_nothing_is_made(scale):
    """Given no large initiatives, when the command is given a scale outside 1-100, then
    it stops with a message naming the range, and makes nothing."""
    with pytest.raises(CommandError, match="1 to 100"):
        call_command("generate_large", scale=scale, stdout=StringIO())
    assert not Initiative.objects.filter(slug__startswith="large-").exists()


def test_scale_1_builds_the_counts_of_its_table(built):
    """Given scale 1, then one initiative holds 50 organisations, 500 activities, 5,000
    ideas and 20,000 survey responses, and the command printed those counts."""
    initiative = built["initiative"]
    assert Initiative.objects.filter(slug__startswith="large-").count() == 1
    assert Organisation.objects.for_initiative(initiative).count() == 50
    assert Activity.objects.for_initiative(initiative).count() == 500
    assert Idea.objects.for_initiative(initiative).count() == 5_000
    assert Response.objects.filter(initiative=initiative).count() == 20_000
    counts = large_counts([initiative])
    for rows in (50, 500, 5_000, 20_000):
        assert f"{rows:,}" in built["second"]
    assert sum(counts.values()) > 27_000


def test_a_second_run_replaces_the_first_with_the_same_rows(built):
    """Given scale 1 built twice, then there is still one large initiative and its rows
    are the same as the first run's (seeded: the same on every machine)."""
    assert Initiative.objects.filter(slug="large-01").count() == 1
    assert _fingerprint(built["initiative"]) == built["fingerprint"]
    assert "large-01" in built["first"] and "Deleting" not in built["first"]


def test_every_row_points_inside_its_own_initiative(built):
    """Given the built data, then every activity's driver, commitment's organisation,
    membership's person and organisation, and idea's owner belong to the same initiative
    as the row itself."""
    same = ~Q(initiative=F("driver__initiative"))
    assert not Activity.objects.filter(same).exists()
    assert not Commitment.objects.filter(~Q(initiative=F("organisation__initiative"))).exists()
    assert not Commitment.objects.filter(~Q(initiative=F("activity__initiative"))).exists()
    assert not Membership.objects.filter(~Q(initiative=F("person__initiative"))
                                         | ~Q(initiative=F("organisation__initiative"))).exists()
    assert not Idea.objects.filter(owner__isnull=False).filter(
        ~Q(initiative=F("owner__initiative"))).exists()
    assert not Person.objects.filter(~Q(initiative=F("organisation__initiative"))).exists()
    assert Organisation.objects.for_initiative(built["initiative"]).filter(
        is_backbone=True).count() == 1


def test_the_histories_are_whole_and_never_in_the_future(built):
    """Given the built activities and ideas, then each activity's stage is its last stage
    change's and its driver its open driver span's, the spans join up (each ends where the
    next begins), each idea's status is its last change's, and nothing is dated after
    today."""
    today = timezone.localdate()
    for activity in Activity.objects.prefetch_related("stage_changes", "driver_changes"):
        stages = sorted(activity.stage_changes.all(), key=lambda s: s.changed_on)
        assert stages[0].stage == "proposed" and stages[-1].stage == activity.stage
        assert [s.until for s in stages] == [s.changed_on for s in stages[1:]] + [None]
        drivers = sorted(activity.driver_changes.all(), key=lambda d: d.from_on)
        assert drivers[-1].until is None and drivers[-1].organisation_id == activity.driver_id
        assert [d.until for d in drivers[:-1]] == [d.from_on for d in drivers[1:]]
    assert not StageChange.objects.filter(changed_on__gt=today).exists()
    assert not DriverChange.objects.filter(from_on__gt=today).exists()
    last = {row["idea"]: row["last"] for row in StatusChange.objects.values("idea").annotate(
        last=Max("changed_on"))}
    assert len(last) == Idea.objects.count()
    mismatched = [idea.number for idea in Idea.objects.only("pk", "status", "number")
                  if StatusChange.objects.filter(idea=idea, changed_on=last[idea.pk])
                  .order_by("-pk").values_list("status", flat=True)[0] != idea.status][:5]
    assert mismatched == []
    assert StatusChange.objects.aggregate(latest=Max("changed_on"))["latest"] <= today
    numbers = Idea.objects.aggregate(low=Min("number"), high=Max("number"), n=Count("pk"))
    assert (numbers["low"], numbers["high"]) == (1, numbers["n"])


def test_the_survey_is_raw_rows_in_waves_that_count_them(built):
    """Given the built survey, then each wave's response count is the rows it holds,
    every answer is packed as the model stores it (one character per item), grades are
    4-9, the four past years are published, and this year's wave is open with its
    population and class codes and no answers yet."""
    waves = list(Wave.objects.filter(initiative=built["initiative"]).order_by("year"))
    assert len(waves) == 5 and waves[-1].year == timezone.localdate().year
    for wave in waves:
        assert Response.objects.filter(wave=wave).count() == wave.response_count
    assert [w.response_count for w in waves] == [5_000] * 4 + [0]
    assert waves[-1].population.count() == waves[-2].population.count() > 0
    items = len(waves[0].instrument.item_codes)
    assert set(Response.objects.values_list("grade", flat=True).distinct()) <= set(range(4, 10))
    lengths = {len(a) for a in Response.objects.values_list("answers", flat=True)[:500]}
    assert lengths == {items}
    assert [w.is_open for w in waves] == [False] * 4 + [True]
    assert all(w.release_token for w in waves[:4]) and not waves[-1].release_token
    assert waves[-1].class_codes.exists()


def test_the_main_pages_of_a_large_initiative_open(built, client):
    """Given the large initiative, when its secretariat logs in with the printed password,
    then the dashboard, the lists, the measurement pages, the exports and the public idea
    form answer 200; and its member login works too."""
    initiative = built["initiative"]
    assert client.login(username="sekretariat@large-01.rygrad.example", password=PASSWORD)
    wave = Wave.objects.filter(initiative=initiative).order_by("year").first()
    slug = {"slug": initiative.slug}
    urls = [reverse(name, kwargs=slug) for name in (
        "initiatives:dashboard", "activities:list", "alliance:organisation_list",
        "alliance:person_list", "agenda:action_list", "ideas:list", "ideas:public_list",
        "ideas:submit", "measurement:overview", "measurement:public_results")]
    urls += [reverse(name, kwargs={**slug, "pk": wave.instrument_id})
             for name in ("measurement:trends", "measurement:breakdown")]
    urls += [reverse("activities:list", kwargs=slug) + "?format=xlsx",
             reverse("ideas:list", kwargs=slug) + "?format=csv"]
    activity = Activity.objects.for_initiative(initiative).first()
    urls.append(reverse("activities:detail", kwargs={**slug, "pk": activity.pk}))
    for url in urls:
        assert client.get(url).status_code == 200, url
    client.logout()
    assert client.login(username="medlem@large-01.rygrad.example", password=PASSWORD)
    assert client.get(urls[0]).status_code == 200
