"""The learning report's pages: choose a period, a language and a format; read the report
on the page; follow a file being written in the background and download it."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from rygrad.core.forms import form_submit
from rygrad.core.media import private_file_response
from rygrad.core.views import initiative_view

from .content import default_period, report_build
from .forms import ReportForm
from .html import charts_draw
from .models import JobStatus, ReportJob
from .services import report_job_create

# Seconds between the status page's reloads while a file is being written.
REFRESH_SECONDS = 3


def _initial(initiative, language: str) -> dict:
    start, end = default_period(initiative)
    return {"period_from": start, "period_to": end,
            "language": language if language in ("da", "en") else "da", "format": "html"}


def _jobs(request):
    return ReportJob.objects.for_initiative(request.initiative)[:10]


def _asks_for_the_page(request, form) -> bool:
    return (request.method == "POST" and form.is_valid()
            and form.cleaned_data["format"] == "html")


@initiative_view("evaluation.view")
def report_choose(request, slug):
    form = ReportForm(request.POST or None,
                      initial=_initial(request.initiative, request.LANGUAGE_CODE))
    if _asks_for_the_page(request, form):  # read at once: nothing to write in the background
        data = form.cleaned_data
        query = urlencode({"period_from": data["period_from"].isoformat(),
                           "period_to": data["period_to"].isoformat(),
                           "language": data["language"]})
        return redirect(f"{reverse('evaluation:report_view', kwargs={'slug': slug})}?{query}")
    job = form_submit(request, form, lambda data: report_job_create(
        initiative=request.initiative, by=request.actor, **data),
        _("The report is being written."))
    if job:
        return redirect("evaluation:report_job", slug=slug, pk=job.pk)
    return render(request, "evaluation/report/choose.html", {"form": form,
                                                             "jobs": _jobs(request)})


@initiative_view("evaluation.view")
def report_view(request, slug):
    initial = _initial(request.initiative, request.LANGUAGE_CODE)
    form = ReportForm({**initial, **{k: v for k, v in request.GET.items() if k in initial},
                       "format": "html"})
    if not form.is_valid():
        return render(request, "evaluation/report/choose.html", {"form": form,
                                                                 "jobs": _jobs(request)})
    data = form.cleaned_data
    report = report_build(initiative=request.initiative, start=data["period_from"],
                          end=data["period_to"], language=data["language"])
    return render(request, "evaluation/report/page.html", {
        "report": charts_draw(report), "form": form})


@initiative_view("evaluation.view")
def report_job(request, slug, pk):
    job = get_object_or_404(ReportJob.objects.for_initiative(request.initiative), pk=pk)
    pending = job.status in (JobStatus.QUEUED, JobStatus.RUNNING)
    response = render(request, "evaluation/report/job.html", {
        "job": job, "pending": pending, "refresh": REFRESH_SECONDS})
    if pending:  # reload without JavaScript until the file is ready
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


@initiative_view("evaluation.view")
def report_download(request, slug, pk):
    job = get_object_or_404(ReportJob.objects.for_initiative(request.initiative), pk=pk)
    if job.status != JobStatus.DONE or not job.file:
        raise Http404
    return private_file_response(file=job.file, filename=job.filename)
