"""The learning report of the demo, in both languages and all three formats: every
section is there, the period's figures are the database's, the PDF is tagged with a
language and the Word file has header rows and described images. The demo is built once
for the module (module_world); every test reads it."""

import datetime as dt
import importlib
import io
import random
import re

import pypdf
import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext
from docx import Document
from docx.oxml.ns import qn

from rygrad.activities.models import Activity
from rygrad.evaluation.models import CONDITION_CHOICES, Change, Evidence
from rygrad.evaluation.report.content import report_build
from rygrad.evaluation.report.output import report_render

pytestmark = pytest.mark.django_db

START, END = dt.date(2016, 1, 1), dt.date(2019, 12, 31)
TODAY = dt.date(2020, 6, 1)
SMALL_SCHOOL = "Lille Egebjerg Friskole"  # hidden by the survey's disclosure control


@pytest.fixture(scope="module")
def module_survey_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("survey")


@pytest.fixture(autouse=True)
def survey_dir(settings, module_survey_dir):
    settings.RYGRAD_SURVEY_DIR = module_survey_dir
    return module_survey_dir


@pytest.fixture(scope="module")
def demo(module_world, module_survey_dir, django_db_blocker):
    """Every app's demo in the world's initiative, in the order `rygrad demo` builds it."""
    rng = random.Random(2015)
    with django_db_blocker.unblock(), transaction.atomic(), \
            override_settings(RYGRAD_SURVEY_DIR=module_survey_dir):
        for app in settings.RYGRAD_APPS:
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError:
                continue
            if hasattr(module, "build"):
                module.build(module_world.initiative, rng)
    return module_world.initiative


@pytest.fixture
def world(module_world, db):
    return module_world


def _headings(language: str) -> list[str]:
    with translation.override(language):
        return [gettext(t) for t in ("Introduction and sources", "The six conditions")] + [
            str(label) for _key, label in CONDITION_CHOICES] + [
            gettext(t) for t in ("Early changes", "Network growth", "Systems changes",
                                 "Population changes", "Summary")]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _figures(initiative) -> dict:
    """The period's figures, counted here by their own queries."""
    return {
        "evidence": Evidence.objects.filter(initiative=initiative, observed_on__gte=START,
                                            observed_on__lte=END).count(),
        "systems": Change.objects.filter(initiative=initiative, stage="systems",
                                         occurred_on__range=(START, END)).count(),
        "activities": Activity.objects.filter(initiative=initiative, starts_on__lte=END)
        .exclude(ends_on__lt=START).count(),
    }


def _sentences(language: str, figures: dict) -> list[str]:
    with translation.override(language):
        return [
            gettext("%(count)s quotes and observations were recorded in the period, from "
                    "people in %(roles)s roles.").split(",")[0] % {"count": figures["evidence"]},
            gettext("%(count)s activities ran at some time in the period; %(started)s of "
                    "them started in it.").split(";")[0] % {"count": figures["activities"]},
            (gettext("%(count)s systems changes were recorded in the period: lasting changes "
                     "in practice, methods, competences, resources or policy. %(anchored)s of "
                     "them were formally anchored by a decision of the council or a "
                     "committee.").split(":")[0] % {"count": figures["systems"]}),
        ]


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_demo_report_as_pdf_is_tagged_and_holds_every_section(demo, language):
    """Given the demo, when its report for 2016-2019 is written as a PDF, then the PDF is
    tagged (a structure tree) with the report's language and title, its text has every
    section's heading and the period's counts of evidence, activities and systems changes,
    and no hidden school."""
    report = report_build(initiative=demo, start=START, end=END, language=language,
                          today=TODAY)
    reader = pypdf.PdfReader(io.BytesIO(report_render(report, "pdf")))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"]
    assert catalog["/Lang"] == language
    assert reader.metadata.title == report.title
    text = _flat(" ".join(page.extract_text() for page in reader.pages))
    for heading in _headings(language):
        assert _flat(heading) in text, heading
    figures = _figures(demo)
    assert figures["evidence"] and figures["systems"] and figures["activities"]
    for sentence in _sentences(language, figures):
        assert _flat(sentence) in text, sentence
    assert SMALL_SCHOOL not in text


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_demo_report_as_word_has_headings_header_rows_and_described_charts(demo,
                                                                              language):
    """Given the demo, when its report is written as a Word file, then every section is a
    real Heading, every table's first row is a repeating header row, every chart is a
    picture with alt text, and the period's figures are in its text."""
    report = report_build(initiative=demo, start=START, end=END, language=language,
                          today=TODAY)
    document = Document(io.BytesIO(report_render(report, "docx")))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for heading in _headings(language):
        assert heading in headings, heading
    assert document.core_properties.title == report.title
    assert document.tables
    for table in document.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
    pictures = document.inline_shapes
    assert len(pictures) == len(report.charts()) >= 2
    for picture in pictures:
        assert picture._inline.docPr.get("descr")
    text = _flat("\n".join([p.text for p in document.paragraphs] + [
        cell.text for table in document.tables for row in table.rows for cell in row.cells]))
    for sentence in _sentences(language, _figures(demo)):
        assert _flat(sentence) in text, sentence


def test_the_demo_report_as_html_names_roles_and_never_a_person(demo):
    """Given the demo, when its report is written as HTML, then it is a document in the
    report's language with its charts drawn, quotes give a role, and no name of a person
    in the alliance appears."""
    from rygrad.alliance.models import Person

    report = report_build(initiative=demo, start=START, end=END, language="en", today=TODAY)
    html = report_render(report, "html").decode()
    assert '<html lang="en">' in html and f"<title>{report.title}</title>" in html
    assert html.count("<svg") >= 2 and "<blockquote>" in html
    assert re.search(r"<th scope=\"col\">", html)
    names = [p.name for p in Person.objects.filter(initiative=demo) if len(p.name) > 5]
    assert names and not [name for name in names if name in html]
