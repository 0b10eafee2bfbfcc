"""The learning report's pages: read it on the page, ask for a PDF or Word file that is
written in the background, follow its status without JavaScript and download it."""

import datetime as dt

from django.urls import reverse

from rygrad.evaluation.models import Evidence
from rygrad.evaluation.report.models import JobStatus, ReportJob
from rygrad.initiatives.tests.factories import InitiativeFactory


def _url(world, name, **kwargs):
    return reverse(f"evaluation:{name}", kwargs={"slug": world.initiative.slug, **kwargs})


def test_a_member_reads_the_report_for_a_period_on_the_page(world, client_as):
    """Given a quote from 2017, when a member reads the report for 2017 in English, then
    the page shows the report in English (its own lang) with the quote and its role, and
    the report for 2018 does not show it."""
    Evidence.objects.create(
        initiative=world.initiative, text="Strategisnakken føltes som snak",
        source_role="foreningsfrivillig", observed_on=dt.date(2017, 3, 1),
        condition="agenda", direction="hindered")
    client = client_as("member")
    url = _url(world, "report_view")
    page = client.get(url, {"period_from": "2017-01-01", "period_to": "2017-12-31",
                            "language": "en"}).content.decode()
    assert 'lang="en"' in page and "The six conditions" in page
    assert "Strategisnakken føltes som snak" in page and "foreningsfrivillig" in page
    later = client.get(url, {"period_from": "2018-01-01", "period_to": "2018-12-31",
                             "language": "en"}).content.decode()
    assert "Strategisnakken" not in later


def test_a_period_that_runs_backwards_is_refused_beside_its_field(world, client_as):
    client = client_as("member")
    response = client.post(_url(world, "report"), {
        "period_from": "2019-06-01", "period_to": "2019-01-01", "language": "en",
        "format": "pdf"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "must not be before its start" in response.content.decode()
    assert not ReportJob.objects.exists()
    page = client.get(_url(world, "report_view"), {"period_from": "someday"})
    assert page.status_code == 200 and b"errorlist" in page.content


def test_choosing_html_leads_to_the_page(world, client_as):
    response = client_as("member").post(_url(world, "report"), {
        "period_from": "2017-01-01", "period_to": "2017-12-31", "language": "da",
        "format": "html"})
    assert response.status_code == 302
    assert response["Location"].startswith(_url(world, "report_view"))
    assert "period_from=2017-01-01" in response["Location"]


def test_a_pdf_is_written_in_the_background_and_downloaded_as_an_attachment(world,
                                                                            client_as):
    """When a member asks for a PDF, then a job is made and written by the task, its page
    offers the file, and the download is the PDF as an attachment; another initiative's
    people cannot reach it."""
    client = client_as("member")
    response = client.post(_url(world, "report"), {
        "period_from": "2017-01-01", "period_to": "2017-12-31", "language": "en",
        "format": "pdf"})
    job = ReportJob.objects.get()
    assert response["Location"] == _url(world, "report_job", pk=job.pk)
    assert job.status == JobStatus.DONE and job.requested_by == world.users["member"]
    page = client.get(response["Location"])
    assert "Refresh" not in page
    assert _url(world, "report_download", pk=job.pk) in page.content.decode()
    download = client.get(_url(world, "report_download", pk=job.pk))
    assert download["Content-Disposition"].startswith("attachment")
    assert job.filename in download["Content-Disposition"]
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    other = InitiativeFactory()
    assert client.get(reverse("evaluation:report_download",
                              kwargs={"slug": other.slug, "pk": job.pk})).status_code in (
        403, 404)


def test_a_file_being_written_reloads_its_page_without_javascript(world, client_as):
    """Given a job still waiting, its page says so, asks the browser to reload it (the
    Refresh header) with a link to reload by hand, and offers no download yet."""
    job = ReportJob.objects.create(initiative=world.initiative, format="docx",
                                   language="da", period_from=dt.date(2017, 1, 1),
                                   period_to=dt.date(2017, 12, 31))
    client = client_as("member")
    page = client.get(_url(world, "report_job", pk=job.pk))
    assert page["Refresh"] == "3"
    assert _url(world, "report_job", pk=job.pk) in page.content.decode()
    assert client.get(_url(world, "report_download", pk=job.pk)).status_code == 404


def test_a_failed_job_says_so(world, client_as, monkeypatch):
    """When writing the report fails, the job is marked failed and its page says so."""
    from rygrad.evaluation.report import services

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "report_file", broken)
    client = client_as("secretariat")
    client.post(_url(world, "report"), {"period_from": "2017-01-01",
                                         "period_to": "2017-12-31", "language": "en",
                                         "format": "docx"})
    job = ReportJob.objects.get()
    assert job.status == JobStatus.FAILED and not job.file
    page = client.get(_url(world, "report_job", pk=job.pk), HTTP_ACCEPT_LANGUAGE="en")
    assert "could not be written" in page.content.decode()
