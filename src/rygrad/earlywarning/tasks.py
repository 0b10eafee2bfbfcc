"""Background work (django-tasks; `rygrad db_worker` runs it in production): bringing an
initiative's history up to date, and sending the day's email digests."""

from django_tasks import task


@task()
def history_refresh_task(initiative_id: int, daily: bool = False) -> int:
    """Bring one initiative's signal history up to date; the number of values computed.
    The daily check's run (`daily`) also recomputes signals reading tables the audit log
    does not see."""
    from rygrad.core.tenancy import tenancy

    from .history import history_refresh

    initiative = tenancy().model.objects.filter(pk=initiative_id).first()
    if initiative is None:  # deleted meanwhile
        return 0
    return history_refresh(initiative=initiative, untracked=daily).computed


@task()
def digests_send_task(today: str, base_url: str = "") -> int:
    """Send each person their email digest of new notices (at most one a day, `today`
    as YYYY-MM-DD); the number of emails sent. `base_url` starts the links in them."""
    import datetime as dt

    from .notices import digests_send

    return digests_send(today=dt.date.fromisoformat(today), base_url=base_url)
