"""The learning report's background work (django-tasks: immediate in development and
tests, the database backend and `rygrad db_worker` in production)."""

from django_tasks import task

from .models import ReportJob
from .services import report_job_run


@task()
def report_write(*, job_id: int) -> str:
    """Write one asked-for report file; returns the job's status."""
    job = ReportJob.objects.select_related("initiative").get(pk=job_id)
    return report_job_run(job=job).status
