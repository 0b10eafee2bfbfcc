"""The evaluation's rows of the permission matrix: members and up answer and read the
results, the secretariat runs rounds and writes statements."""

import datetime as dt

from rygrad.core.testing import MEMBER_UP, SECRETARIAT_UP, AccessCase
from rygrad.evaluation.models import Change, Evidence
from rygrad.evaluation.tests.factories import closed_round, open_round, statements


def setup(world):
    made = statements(world.initiative, per_condition=1)
    evidence = Evidence.objects.create(
        initiative=world.initiative, text="Det føltes som snak", source_role="frivillig",
        observed_on=dt.date(2017, 3, 1), condition="agenda", direction="hindered")
    change = Change.objects.create(
        initiative=world.initiative, stage="systems", kind="practice", title="Læseheste",
        occurred_on=dt.date(2018, 6, 1), contribution_claim="c", rival_explanations="r",
        strength="moderate", strength_reason="s")
    from rygrad.meetings.tests.factories import MeetingFactory

    return {"statement": made[0], "open": open_round(world.initiative),
            "meeting": MeetingFactory(initiative=world.initiative),
            "closed": closed_round(world.initiative), "evidence": evidence, "change": change,
            "report": _report_file(world)}


def _report_file(world):
    """A learning report file already written (its status page and download are checked)."""
    from django.core.files.base import ContentFile

    from rygrad.evaluation.report.models import JobStatus, ReportJob

    job = ReportJob(initiative=world.initiative, format="pdf", language="da",
                    period_from=dt.date(2017, 1, 1), period_to=dt.date(2017, 12, 31),
                    status=JobStatus.DONE)
    job.file.save(job.filename, ContentFile(b"%PDF-1.7 test"), save=False)
    job.save()
    return job


def _pk(name):
    return lambda world, objects: {"pk": objects[name].pk}


CASES = [
    AccessCase("evaluation:overview", MEMBER_UP),
    AccessCase("evaluation:round_detail", MEMBER_UP, kwargs=_pk("open")),
    AccessCase("evaluation:round_detail", MEMBER_UP, kwargs=_pk("closed")),
    AccessCase("evaluation:round_answer", MEMBER_UP, kwargs=_pk("open")),
    AccessCase("evaluation:round_create", SECRETARIAT_UP),
    AccessCase("evaluation:round_edit", SECRETARIAT_UP, kwargs=_pk("open")),
    AccessCase("evaluation:statement_list", SECRETARIAT_UP),
    AccessCase("evaluation:statements_default", SECRETARIAT_UP),
    AccessCase("evaluation:statement_create", SECRETARIAT_UP),
    AccessCase("evaluation:statement_edit", SECRETARIAT_UP, kwargs=_pk("statement")),
    AccessCase("evaluation:network", MEMBER_UP),
    AccessCase("evaluation:network", MEMBER_UP, query="year=2017"),
    AccessCase("evaluation:evidence_list", MEMBER_UP),
    AccessCase("evaluation:evidence_create", SECRETARIAT_UP),
    AccessCase("evaluation:evidence_edit", SECRETARIAT_UP, kwargs=_pk("evidence")),
    AccessCase("evaluation:evidence_from_meeting", SECRETARIAT_UP, kwargs=_pk("meeting")),
    AccessCase("evaluation:change_list", MEMBER_UP),
    AccessCase("evaluation:change_create", SECRETARIAT_UP),
    AccessCase("evaluation:change_detail", MEMBER_UP, kwargs=_pk("change")),
    AccessCase("evaluation:change_edit", SECRETARIAT_UP, kwargs=_pk("change")),
    AccessCase("evaluation:report", MEMBER_UP),
    AccessCase("evaluation:report_view", MEMBER_UP,
               query="period_from=2017-01-01&period_to=2017-12-31&language=en"),
    AccessCase("evaluation:report_job", MEMBER_UP, kwargs=_pk("report")),
    AccessCase("evaluation:report_download", MEMBER_UP, kwargs=_pk("report")),
]
