"""What the evaluation holds about a login: the assessment rounds it answered (never what
it answered: the answers are kept apart, without a login) and the learning reports it
asked for, with their files. Erasure deletes the participations and removes the login
from the reports; report files are deleted when their retention runs out, after they are
archived (core.personal_data)."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from rygrad.core.personal_data import (
    Held,
    HeldFile,
    day,
    register_personal_data,
    register_retention_kind,
)

from .models import Participation
from .report.models import ReportJob


def _report_file(job) -> HeldFile:
    return HeldFile(name=f"{job.pk}-{job.filename}", open=job.file.open)


def export(subject) -> Held:
    jobs = list(subject.login_rows(ReportJob, "requested_by").order_by("pk"))
    return Held(
        records={
            "assessment_rounds_answered": [
                {"round": participation.round.name}
                for participation in subject.login_rows(Participation, "user")
                .select_related("round")],
            "learning_reports_requested": [
                {"from": day(job.period_from), "to": day(job.period_to),
                 "format": job.format, "language": job.language,
                 "requested_at": day(job.created_at)} for job in jobs]},
        files=[_report_file(job) for job in jobs if job.file])


def erase(subject) -> int:
    participations = subject.login_rows(Participation, "user")
    count = participations.count()
    participations.delete()
    count += subject.login_rows(ReportJob, "requested_by").update(requested_by=None)
    return count


register_personal_data("evaluation", label=_("Evaluation"), export=export, erase=erase)


def _reports_due(*, initiative, cutoff):
    return ReportJob.objects.for_initiative(initiative).filter(created_at__date__lt=cutoff)


def _report_rows(queryset):
    for job in queryset.order_by("pk"):
        yield {"id": job.pk, "format": job.format, "language": job.language,
               "from": day(job.period_from), "to": day(job.period_to),
               "status": job.status, "requested_at": day(job.created_at),
               "file": _report_file(job).name if job.file else None}


def _report_files(queryset) -> list[HeldFile]:
    return [_report_file(job) for job in queryset.order_by("pk") if job.file]


def _reports_remove(queryset) -> int:
    """Delete the jobs, and their files once the deletion is committed (a file deleted
    before a rollback could not be brought back)."""
    files = [(job.file.storage, job.file.name) for job in queryset if job.file]
    count = queryset.count()
    queryset.delete()
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
    return count


register_retention_kind(
    "evaluation.report_files", label=_("Learning report files"),
    explanation=_("Months after the report was asked for. The report and its file are "
                  "deleted (the archive keeps the file); a new one can be made any time."),
    default_months=12, due=_reports_due, since="created_at", rows=_report_rows,
    remove=_reports_remove, files=_report_files)
