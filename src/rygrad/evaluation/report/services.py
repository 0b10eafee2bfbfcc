"""Writes of the learning report: asking for a report file (a job, written in the
background) and writing it."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.files.base import ContentFile
from django.utils import timezone

from .models import JobStatus, ReportJob
from .output import period_check, report_file

log = logging.getLogger(__name__)


def report_job_create(*, initiative, by, format: str, language: str, period_from: dt.date,
                      period_to: dt.date) -> ReportJob:
    """Ask for a report file: the job is saved, then written by the background worker
    (at once, in this process, where the tasks run immediately)."""
    from .tasks import report_write

    period_check(period_from, period_to)
    job = ReportJob.objects.create(
        initiative=initiative, requested_by=by.user, format=format,
        language=language, period_from=period_from, period_to=period_to)
    report_write.enqueue(job_id=job.pk)
    return job


def report_job_run(*, job: ReportJob) -> ReportJob:
    """Write the job's report and keep the file; a failure is kept on the job, in words
    for the page, and logged in full."""
    job.status = JobStatus.RUNNING
    job.save(update_fields=["status"])
    try:
        data = report_file(initiative=job.initiative, start=job.period_from,
                           end=job.period_to, language=job.language, format=job.format)
    except Exception as error:  # noqa: BLE001 - whatever failed, the page must say so
        log.exception("The learning report job %s failed", job.pk)
        job.status, job.error = JobStatus.FAILED, str(error)[:500]
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        return job
    job.file.save(job.filename, ContentFile(data), save=False)
    job.status, job.finished_at = JobStatus.DONE, timezone.now()
    job.save(update_fields=["file", "status", "finished_at"])
    return job
