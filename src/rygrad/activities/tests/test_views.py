"""The activity pages: overview with filters and exports, query budgets, the detail page,
stage changes through the form, and the signals page."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from rygrad.activities.models import Stage
from rygrad.activities.tests.bulk import bulk_activities
from rygrad.activities.tests.factories import (
    ActivityFactory,
    CommitmentFactory,
    OrganisationFactory,
    TrackFactory,
    history,
)
from rygrad.core.signals import all_signals

D = dt.date


def url(world, name, **kwargs):
    return reverse(f"activities:{name}", kwargs={"slug": world.initiative.slug, **kwargs})


@pytest.fixture
def three(world):
    """Læseheste on track A (running), Ungebussen on track B (stopped), Hackathon on A
    (proposed)."""
    track_a = TrackFactory(initiative=world.initiative, name="Fællesskaber i fritiden")
    track_b = TrackFactory(initiative=world.initiative, name="Unge viser vejen")
    reading = ActivityFactory(initiative=world.initiative, title="Læseheste", tracks=[track_a])
    history(reading, (Stage.TRIAL, D(2016, 3, 1)), (Stage.RUNNING, D(2016, 9, 1)))
    bus = ActivityFactory(initiative=world.initiative, title="Ungebussen", tracks=[track_b])
    history(bus, (Stage.TRIAL, D(2016, 3, 1)), (Stage.STOPPED, D(2017, 1, 1)))
    ActivityFactory(initiative=world.initiative, title="Hackathon", tracks=[track_a])
    return track_a, track_b


def test_the_overview_filters_by_track_and_stage(world, client_as, three):
    """Given three activities, when a member filters on track A and stage running, then only
    Læseheste is listed."""
    track_a, _b = three
    response = client_as("member").get(url(world, "list"),
                                       {"track": track_a.pk, "stage": "running"})
    titles = [a.title for a in response.context["page"].object_list]
    assert titles == ["Læseheste"]


def test_csv_and_excel_exports_hold_exactly_the_filtered_rows(world, client_as, three):
    """Given a filter on track A, when the overview is exported, then the CSV and the Excel
    file have the header and the two activities on track A only."""
    track_a, _b = three
    client = client_as("member")
    csv_text = b"".join(client.get(url(world, "list"), {"track": track_a.pk, "format": "csv"})
                        .streaming_content)
    lines = csv_text.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 3
    assert {line.split(";")[0] for line in lines[1:]} == {"Læseheste", "Hackathon"}
    xlsx = client.get(url(world, "list"), {"track": track_a.pk, "format": "xlsx"}).content
    sheet = load_workbook(io.BytesIO(xlsx)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Titel"
    assert sorted(r[0] for r in rows[1:]) == ["Hackathon", "Læseheste"]


def test_the_word_export_has_a_heading_the_filter_and_the_filtered_rows(world, client_as, three):
    """Given a filter on stage stopped, when the overview is exported to Word, then the
    document names the filter and its table holds Ungebussen only."""
    response = client_as("member").get(url(world, "list"), {"stage": "stopped",
                                                            "format": "docx"})
    document = Document(io.BytesIO(response.content))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Aktivitetsoversigt"
    assert "Stoppet" in texts[1]
    table = document.tables[0]
    assert [row.cells[0].text for row in table.rows] == ["Titel", "Ungebussen"]


@pytest.mark.parametrize("count", [10, 2000])
def test_the_overview_stays_within_its_query_budget(world, client_as, count,
                                                    django_assert_max_num_queries):
    """Given 10 or 2,000 activities with commitments, the overview page needs the same
    small number of queries."""
    bulk_activities(initiative=world.initiative, count=count, commitments_each=2)
    client = client_as("member")
    with django_assert_max_num_queries(12):
        response = client.get(url(world, "list"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [10, 2000])
def test_the_dashboard_stays_within_its_query_budget(world, client_as, count,
                                                     django_assert_max_num_queries):
    """Given 10 or 2,000 activities, the dashboard computes every signal of every app with
    a number of queries that does not grow with the activities: about one aggregate query
    per registered signal, plus 25 for the session, the role, the early-warning section
    and keeping the values, the trend lines and the lines drawn in the shared cache (a
    table of the database; a second visit reads them in two queries)."""
    bulk_activities(initiative=world.initiative, count=count, commitments_each=2)
    client = client_as("member")
    dashboard = reverse("initiatives:dashboard", kwargs={"slug": world.initiative.slug})
    with django_assert_max_num_queries(len(all_signals()) + 25):
        response = client.get(dashboard, {"at": "2018-12-31"})
    assert response.status_code == 200
    keys = {v.signal.key for card in response.context["cards"] for v, _link in card.values}
    assert "activities.backbone_load" in keys


def test_a_partner_sees_an_activity_their_organisation_commits_to(world, client_as):
    """Given a partner representing a club that commits to one activity, they can open that
    activity and not another."""
    from rygrad.alliance.models import Person

    club = OrganisationFactory(initiative=world.initiative)
    Person.objects.create(initiative=world.initiative, name="Hanne",
                          user=world.users["partner"], organisation=club)
    theirs = ActivityFactory(initiative=world.initiative)
    CommitmentFactory(activity=theirs, organisation=club)
    other = ActivityFactory(initiative=world.initiative)
    client = client_as("partner")
    assert client.get(url(world, "detail", pk=theirs.pk)).status_code == 200
    assert client.get(url(world, "detail", pk=other.pk)).status_code == 403


def test_an_impossible_stage_change_is_shown_on_the_form(world, client_as):
    """Given a proposed activity, when the secretariat posts 'anchored' (which the form does
    not offer from there), then the form comes back with the refusal beside the stage
    field, in Danish, and the stage is unchanged."""
    activity = ActivityFactory(initiative=world.initiative)
    response = client_as("secretariat").post(url(world, "stage_change", pk=activity.pk), {
        "to": "anchored", "on": "2017-01-01", "decision": "Budget", "decided_by": "Udvalget"})
    assert response.status_code == 200
    assert "Marker en gyldig valgmulighed" in " ".join(response.context["form"].errors["to"])
    activity.refresh_from_db()
    assert activity.stage == Stage.PROPOSED


def test_a_stage_change_through_the_form_is_kept(world, client_as):
    activity = ActivityFactory(initiative=world.initiative, proposed_on=D(2016, 1, 1))
    response = client_as("secretariat").post(url(world, "stage_change", pk=activity.pk), {
        "to": "trial", "on": "2016-02-01"})
    assert response.status_code == 302
    assert list(activity.stage_changes.values_list("stage", flat=True)) == ["proposed", "trial"]


def test_the_secretariat_proposes_an_activity_with_its_first_history(world, client_as):
    backbone = OrganisationFactory(initiative=world.initiative, is_backbone=True)
    response = client_as("secretariat").post(url(world, "create"), {
        "title": "Inspirationsaften for foreninger", "starts_on": "2017-03-01",
        "recurrence": "once", "driver": backbone.pk, "settings": ["leisure"]})
    assert response.status_code == 302
    activity = backbone.driven_activities.get()
    assert activity.settings == ["leisure"]
    assert activity.stage_changes.get().stage == Stage.PROPOSED
    assert activity.driver_changes.get().organisation == backbone


def test_the_signals_page_shows_each_year_and_links_to_the_thresholds(world, client_as):
    """Given a running backbone activity since 2016, when the secretariat opens the signals
    page, then it lists the backbone load per year (100 % in 2016) and links to the
    initiative's thresholds page, where every signal's threshold is set."""
    backbone = OrganisationFactory(initiative=world.initiative, is_backbone=True)
    history(ActivityFactory(initiative=world.initiative, driver=backbone),
            (Stage.TRIAL, D(2016, 3, 1)), (Stage.RUNNING, D(2016, 6, 1)))
    response = client_as("secretariat").get(url(world, "signals"))
    assert response.status_code == 200
    assert "<svg" in response.content.decode()
    first_year = response.context["shares_table"].rows[0]
    assert first_year[0] == "2016"
    assert first_year[1] == "100 %"
    thresholds = reverse("initiatives:thresholds", kwargs={"slug": world.initiative.slug})
    assert f'href="{thresholds}"' in response.content.decode()


def test_the_signals_page_shows_a_change_of_data_at_once(world, client_as):
    """Given the signals page seen once (its values are kept until the data changes), when
    a partner's activity starts running in 2016 beside the backbone's, then the page shows
    the backbone load of 2016 fall from 100 % to 50 %."""
    backbone = OrganisationFactory(initiative=world.initiative, is_backbone=True)
    history(ActivityFactory(initiative=world.initiative, driver=backbone),
            (Stage.TRIAL, D(2016, 3, 1)), (Stage.RUNNING, D(2016, 6, 1)))
    client = client_as("secretariat")
    assert client.get(url(world, "signals")).context["shares_table"].rows[0][1] == "100 %"
    partner = OrganisationFactory(initiative=world.initiative)
    history(ActivityFactory(initiative=world.initiative, driver=partner),
            (Stage.TRIAL, D(2016, 3, 1)), (Stage.RUNNING, D(2016, 6, 1)))
    assert client.get(url(world, "signals")).context["shares_table"].rows[0][1] == "50 %"


def test_the_signals_page_shows_a_member_no_thresholds_link(world, client_as):
    """Given a member, who may not set thresholds, when they open the signals page, then
    it has no link to the thresholds page."""
    response = client_as("member").get(url(world, "signals"))
    assert response.status_code == 200
    thresholds = reverse("initiatives:thresholds", kwargs={"slug": world.initiative.slug})
    assert thresholds not in response.content.decode()


def test_the_signals_page_shows_every_signal_the_activities_app_registers(world, client_as):
    """Given the registry, when the signals page is shown, then its series are exactly the
    signals registered in activities/signals.py, the agenda's "activities on no track"
    among them and the agenda's own "vision endorsements" not."""
    response = client_as("member").get(url(world, "signals"))
    keys = [signal.key for signal, _values in response.context["series"]]
    assert keys == [
        "activities.backbone_load", "activities.cross_sector_share", "activities.anchored",
        "activities.trials_stopped_share", "activities.days_to_anchor",
        "activities.partner_commitment_share", "agenda.activities_without_track"]


def test_the_signals_page_shows_a_chosen_year_and_track(world, client_as):
    """Given a backbone activity running on track A from 2016 and stopped in 2018, when the
    page is filtered on 2017 and track A, then the headline load is 100 %; on track B,
    nothing runs, so it is unknown."""
    backbone = OrganisationFactory(initiative=world.initiative, is_backbone=True)
    track_a, track_b = (TrackFactory(initiative=world.initiative) for _ in range(2))
    history(ActivityFactory(initiative=world.initiative, driver=backbone, tracks=[track_a]),
            (Stage.TRIAL, D(2016, 3, 1)), (Stage.RUNNING, D(2016, 6, 1)),
            (Stage.STOPPED, D(2018, 3, 1)))
    client = client_as("member")
    response = client.get(url(world, "signals"), {"year": "2017", "track": track_a.pk})
    assert response.context["shown_at"] == D(2017, 12, 31)
    load = response.context["latest"][0]
    assert (load.signal.key, load.display) == ("activities.backbone_load", "100 %")
    response = client.get(url(world, "signals"), {"year": "2017", "track": track_b.pk})
    assert response.context["latest"][0].value is None


@pytest.mark.parametrize("count", [10, 2000])
def test_the_timeline_stays_within_its_query_budget(world, client_as, count,
                                                    django_assert_max_num_queries):
    """Given 10 or 2,000 activities, the timeline draws at most 150 with the same queries:
    9, and for each of the chart and the table one to read the shared cache (a table of
    the database) and, the first time, 5 more to keep them there."""
    bulk_activities(initiative=world.initiative, count=count)
    client = client_as("member")
    with django_assert_max_num_queries(9 + 2 * (1 + 5)):
        client.get(url(world, "timeline"))
    with django_assert_max_num_queries(9 + 2):
        response = client.get(url(world, "timeline"))
    assert len(response.context["table"].rows) == min(count, 150)
    assert response.context["truncated"] is (count > 150)


def test_an_invalid_filter_is_named_and_never_exports_unfiltered_rows(world, client_as, three):
    """Given a track id that does not exist, the page names the track field and still
    applies the valid stage filter; an export with it is refused with the same message."""
    client = client_as("member")
    response = client.get(url(world, "list"), {"track": "999999", "stage": "stopped"})
    assert "track" in response.context["form"].errors
    assert [a.title for a in response.context["page"].object_list] == ["Ungebussen"]
    export = client.get(url(world, "list"), {"track": "999999", "format": "csv"})
    assert export.status_code == 400
    assert "Spor" in export.content.decode()
