"""Retention: `rygrad retention` lists what is due per initiative and kind; with --apply it
archives it (a zip of JSON with its SHA-256), reads the archive back, and only then
deletes — and records every deletion, shown on the privacy page."""

import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from rygrad.communication.models import Subscriber
from rygrad.communication.tests.factories import SubscriberFactory
from rygrad.evaluation.report.models import ReportJob
from rygrad.ideas.models import Idea, SubmitterGroup
from rygrad.ideas.tests.factories import IdeaFactory
from rygrad.privacy import services
from rygrad.privacy.models import RetentionDeletion, RetentionSetting

pytestmark = pytest.mark.django_db

TODAY = dt.date(2022, 1, 15)


@pytest.fixture
def archive_dir(tmp_path, settings):
    settings.RYGRAD_ARCHIVE_DIR = tmp_path / "archive"
    return settings.RYGRAD_ARCHIVE_DIR


@pytest.fixture
def held(world):
    """Due under the defaults on TODAY: one youth idea of 2017 (36 months) with its
    nickname, one subscriber who left in 2019 (24 months). Not due: a youth idea of 2021,
    an adult's idea of 2017, a subscriber who left in 2021, and the other initiative's
    youth idea of 2017 (it keeps them 120 months)."""
    old = IdeaFactory(initiative=world.initiative, title="Gammel idé", nickname="Mille",
                      submitted_on=dt.date(2017, 3, 1), submitted_by=world.users["youth"])
    IdeaFactory(initiative=world.initiative, title="Ny idé", nickname="Ali",
                submitted_on=dt.date(2021, 3, 1))
    IdeaFactory(initiative=world.initiative, title="Voksenidé", nickname="Per",
                submitter_group=SubmitterGroup.PARENT, submitted_on=dt.date(2017, 3, 1))
    IdeaFactory(initiative=world.other_initiative, title="Andeby idé", nickname="Rasmus",
                submitted_on=dt.date(2017, 3, 1))
    RetentionSetting.objects.create(initiative=world.other_initiative,
                                    kind="ideas.youth_senders", months=120)
    left = SubscriberFactory(initiative=world.initiative, email="left@example.org",
                             unsubscribed_at=dt.datetime(2019, 5, 2, 12, tzinfo=dt.UTC))
    SubscriberFactory(initiative=world.initiative, email="recent@example.org",
                      unsubscribed_at=dt.datetime(2021, 5, 2, 12, tzinfo=dt.UTC))
    return {"idea": old, "subscriber": left}


def _run(*args) -> str:
    out = io.StringIO()
    call_command("retention", *args, "--today", TODAY.isoformat(), stdout=out)
    return out.getvalue()


def _line(output: str, slug: str, key: str) -> str:
    [line] = [row for row in output.splitlines()
              if row.startswith(f"{slug}\t{key}\t") and " due" in row]
    return line


def test_without_apply_it_lists_what_is_due_and_changes_nothing(world, held, archive_dir):
    """Given ideas and subscribers of several ages in two initiatives, when `rygrad
    retention` runs without --apply, then it lists per initiative and kind how many are
    due and the oldest date, using each initiative's own months, and deletes nothing."""
    output = _run()
    assert _line(output, "egelund", "ideas.youth_senders").endswith(
        "1 due\toldest 2017-03-01")
    assert "36 months\tbefore 2019-01-15" in _line(output, "egelund", "ideas.youth_senders")
    assert _line(output, "egelund", "communication.former_subscribers").endswith(
        "1 due\toldest 2019-05-02")
    assert "0 due" in _line(output, "andeby", "ideas.youth_senders")
    assert Idea.objects.get(pk=held["idea"].pk).nickname == "Mille"
    assert not RetentionDeletion.objects.exists()
    assert not archive_dir.exists()


def test_apply_archives_then_deletes_and_records_the_deletion(world, held, archive_dir,
                                                              client_as):
    """Given what is due, when `rygrad retention --apply` runs, then each kind is written
    to a zip under RYGRAD_ARCHIVE_DIR whose SHA-256 is beside it and in the record, the
    zip holds exactly the due records, they are then removed (the youth idea keeps its
    text and loses its nickname and login; the subscriber loses the address), what was
    not due is untouched, and the privacy page lists the deletions."""
    _run("--apply")
    idea = Idea.objects.get(pk=held["idea"].pk)
    assert (idea.title, idea.nickname, idea.submitted_by) == ("Gammel idé", "", None)
    assert Idea.objects.get(title="Ny idé").nickname == "Ali"
    assert Idea.objects.get(title="Andeby idé").nickname == "Rasmus"
    assert Subscriber.objects.get(pk=held["subscriber"].pk).email.endswith("@erased.invalid")
    assert Subscriber.objects.filter(email="recent@example.org").exists()
    deletions = {d.kind: d for d in RetentionDeletion.objects.all()}
    assert set(deletions) == {"ideas.youth_senders", "communication.former_subscribers"}
    deletion = deletions["ideas.youth_senders"]
    assert (deletion.count, deletion.anonymised, deletion.oldest, deletion.command) == (
        1, True, dt.date(2017, 3, 1), "rygrad retention --apply")
    path = archive_dir / deletion.archive
    assert hashlib.sha256(path.read_bytes()).hexdigest() == deletion.checksum
    assert path.with_name(path.name + ".sha256").read_text().split()[0] == deletion.checksum
    with zipfile.ZipFile(path) as archive:
        rows = [json.loads(line) for line in archive.read("records.jsonl").splitlines()]
        manifest = json.loads(archive.read("manifest.json"))
    assert [(r["title"], r["nickname"], r["login"]) for r in rows] == [
        ("Gammel idé", "Mille", "youth@example.org")]
    assert (manifest["kind"], manifest["count"], manifest["initiative"]) == (
        "ideas.youth_senders", 1, "egelund")
    page = client_as("secretariat").get(reverse("privacy:overview",
                                                kwargs={"slug": world.initiative.slug}))
    assert deletion.archive in page.content.decode()
    assert "rygrad retention --apply" in page.content.decode()
    # Run again: nothing is due any more, nothing more is recorded.
    _run("--apply")
    assert RetentionDeletion.objects.count() == 2


def test_an_archive_folder_that_cannot_be_written_deletes_nothing(world, held, tmp_path,
                                                                  settings):
    """Given an archive folder that cannot be made (its parent is a file; tests run as
    root, so a folder without write permission would not stop them), when `rygrad
    retention --apply` runs, then it fails naming the kind, nothing is deleted or
    anonymised, and no deletion is recorded."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.RYGRAD_ARCHIVE_DIR = blocker / "archive"
    with pytest.raises(CommandError, match="could not be archived"):
        _run("--apply")
    assert Idea.objects.get(pk=held["idea"].pk).nickname == "Mille"
    assert Subscriber.objects.get(pk=held["subscriber"].pk).email == "left@example.org"
    assert not RetentionDeletion.objects.exists()


def test_an_archive_that_does_not_read_back_deletes_nothing_and_is_removed(
        world, held, archive_dir, monkeypatch):
    """Given an archive that is written but found damaged when read back, when the kind
    is applied, then it is refused, nothing is deleted, and the damaged archive is not
    left behind as if it were the record of a deletion."""
    from rygrad.privacy import archive as archive_module

    def damaged(archive):
        raise archive_module.ArchiveError("damaged")

    monkeypatch.setattr(services, "archive_verify", damaged)
    with translation.override("en"), pytest.raises(services.RetentionRefused,
                                                   match="nothing was deleted"):
        services.retention_apply_kind(initiative=world.initiative,
                                      key="ideas.youth_senders", today=TODAY)
    assert Idea.objects.get(pk=held["idea"].pk).nickname == "Mille"
    assert not RetentionDeletion.objects.exists()
    assert not any(archive_dir.rglob("*.zip"))


def test_report_files_go_into_the_archive_and_then_out_of_storage(
        world, archive_dir, django_capture_on_commit_callbacks):
    """Given a learning report file older than its 12 months, when its kind is applied,
    then the archive holds the file and the job, and the job and its file are gone."""
    from django.core.files.base import ContentFile

    job = ReportJob(initiative=world.initiative, format="html", language="da",
                    period_from=dt.date(2019, 1, 1), period_to=dt.date(2019, 12, 31),
                    status="done")
    job.file.save("rapport.html", ContentFile(b"<p>Rapport 2019</p>"), save=False)
    job.save()
    ReportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.make_aware(dt.datetime(2020, 2, 1)))
    storage, name = job.file.storage, job.file.name
    with django_capture_on_commit_callbacks(execute=True):
        deletion = services.retention_apply_kind(initiative=world.initiative,
                                                 key="evaluation.report_files", today=TODAY)
    assert deletion.count == 1 and not ReportJob.objects.filter(pk=job.pk).exists()
    assert not storage.exists(name)
    with zipfile.ZipFile(archive_dir / deletion.archive) as archive:
        files = [n for n in archive.namelist() if n.startswith("files/")]
        assert [archive.read(n) for n in files] == [b"<p>Rapport 2019</p>"]


def test_the_secretariat_sets_the_months_and_a_bad_value_names_its_field(world, client_as):
    """Given the privacy page, when the secretariat saves 48 months for ideas, then that
    initiative keeps them 48 months (the others keep the default); when they save 0 or
    text, then the page says which kind is wrong, beside its field, and saves nothing."""
    client = client_as("secretariat")
    url = reverse("privacy:overview", kwargs={"slug": world.initiative.slug})
    form = client.get(url).context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    assert data["ideas__youth_senders"] == 36
    assert client.post(url, {**data, "ideas__youth_senders": "48"}).status_code == 302
    assert services.retention_months(initiative=world.initiative)[
        "ideas.youth_senders"] == 48
    assert services.retention_months(initiative=world.other_initiative)[
        "ideas.youth_senders"] == 36
    for bad in ("0", "tre"):
        refused = client.post(url, {**data, "measurement__raw_responses": bad})
        assert refused.status_code == 200
        errors = refused.context["form"].errors
        assert list(errors) == ["measurement__raw_responses"]
        assert "Raw survey responses" in str(errors) or "Rå" in str(errors)
    assert services.retention_months(initiative=world.initiative)[
        "measurement.raw_responses"] == 24


def test_a_member_may_not_change_the_retention(world, client_as):
    """Given a member, when they post new months, then they are refused and nothing
    changes."""
    url = reverse("privacy:overview", kwargs={"slug": world.initiative.slug})
    assert client_as("member").post(url, {"ideas__youth_senders": "1"}).status_code == 403
    assert not RetentionSetting.objects.exists()


def test_months_before_keeps_the_day_or_takes_the_months_last():
    """Given dates near a month's end, when counted back, then the same day is kept or the
    shorter month's last day is taken."""
    assert services.months_before(dt.date(2022, 3, 31), 1) == dt.date(2022, 2, 28)
    assert services.months_before(dt.date(2022, 1, 15), 24) == dt.date(2020, 1, 15)
    assert services.months_before(dt.date(2024, 2, 29), 12) == dt.date(2023, 2, 28)


def test_invitations_never_used_are_withdrawn_with_their_unused_login(world, archive_dir):
    """Given an invitation of 2021-01 never used, one of 2021-12 never used, and one of
    2021-01 whose login has logged in, when the pending invitations past their 6 months
    are applied, then only the first is archived and withdrawn, its unused login deleted,
    and the others stay."""
    from django.contrib.auth import get_user_model

    from rygrad.core.tenancy import Role, tenancy
    from rygrad.initiatives.models import RoleGrant

    users = {}
    for name, granted, logged_in in (("old", dt.datetime(2021, 1, 5, tzinfo=dt.UTC), False),
                                     ("new", dt.datetime(2021, 12, 5, tzinfo=dt.UTC), False),
                                     ("used", dt.datetime(2021, 1, 5, tzinfo=dt.UTC), True)):
        user = get_user_model().objects.create_user(email=f"{name}@example.org")
        if logged_in:
            user.last_login = timezone.now()
            user.save(update_fields=["last_login"])
        tenancy().role_grant(initiative=world.initiative, user=user, role=Role.MEMBER)
        RoleGrant.objects.filter(initiative=world.initiative, user=user).update(
            granted_at=granted)
        users[name] = user
    deletion = services.retention_apply_kind(initiative=world.initiative,
                                             key="initiatives.pending_invitations",
                                             today=TODAY)
    assert deletion.count == 1
    emails = set(get_user_model().objects.values_list("email", flat=True))
    assert "old@example.org" not in emails
    assert {"new@example.org", "used@example.org"} <= emails
    with zipfile.ZipFile(archive_dir / deletion.archive) as archive:
        [row] = [json.loads(line) for line in archive.read("records.jsonl").splitlines()]
    assert row["email"] == "old@example.org"
