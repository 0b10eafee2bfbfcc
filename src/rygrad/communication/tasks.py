"""Background work of communication (django-tasks: immediate in development and tests,
the database backend and `rygrad db_worker` in production)."""

from django_tasks import task

from .models import Newsletter
from .services import newsletter_deliver_all


@task()
def newsletter_deliver(*, newsletter_id: int) -> int:
    """Send an issue's remaining deliveries. Safe to run again after a crash: what was
    claimed is never sent again."""
    newsletter = Newsletter.objects.get(pk=newsletter_id)
    return newsletter_deliver_all(newsletter=newsletter)
