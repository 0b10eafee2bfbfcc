"""A learning report asked for in the UI: made by a background task (django-tasks) and kept
as a file that only people who may read the evaluation can download."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from rygrad.core.models import InitiativeScoped


class ReportFormat(models.TextChoices):
    HTML = "html", _("Web page (HTML)")
    PDF = "pdf", _("PDF (tagged, accessible)")
    DOCX = "docx", _("Word (DOCX), to edit further")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Being written")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ReportJob(InitiativeScoped):
    """One report to be written for a period, in a language and a format, and its file
    once written. The period and language are kept so the file can be named and the job
    repeated."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, related_name="+")
    format = models.CharField(_("format"), max_length=5, choices=ReportFormat.choices)
    language = models.CharField(_("language"), max_length=5)
    period_from = models.DateField(_("from"))
    period_to = models.DateField(_("to"))
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices,
                              default=JobStatus.QUEUED)
    file = models.FileField(_("file"), upload_to="evaluation/reports/", blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("learning report")
        verbose_name_plural = _("learning reports")

    @property
    def filename(self) -> str:
        return (f"rygrad-report-{self.period_from.isoformat()}-{self.period_to.isoformat()}"
                f"-{self.language}.{self.format}")
