"""The learning report on small constructed data: a period without data says so section
by section in every format, the survey's hidden numbers stay hidden, and the command line
refuses bad input in words."""

import datetime as dt
import io

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from docx import Document

from rygrad.evaluation.report.content import report_build
from rygrad.evaluation.report.output import report_render

NO_DATA = ["No assessment round closed in the period.",
           "No quote or observation was recorded in the period.",
           "No activity ran in the period.", "No early change was recorded in the period.",
           "No organisations worked together in the period.",
           "No systems change was recorded in the period.",
           "No survey results were published for the period.",
           "No assessment round of the period can be shown."]


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    return "\n".join([p.text for p in document.paragraphs] + [
        c.text for t in document.tables for r in t.rows for c in r.cells])


def test_a_period_without_data_gives_a_no_data_section_for_each_section(world):
    """Given an initiative with nothing recorded, when its report for 2010 is written in
    every format, then each section says in words that the period has no data, and the
    six conditions are still each there."""
    report = report_build(initiative=world.initiative, start=dt.date(2010, 1, 1),
                          end=dt.date(2010, 12, 31), language="en",
                          today=dt.date(2011, 1, 1))
    html = report_render(report, "html").decode()
    text = _docx_text(report_render(report, "docx"))
    assert report_render(report, "pdf").startswith(b"%PDF")
    for sentence in NO_DATA:
        assert sentence in html and sentence in text, sentence
    assert "Common agenda" in text and "Shared measurement" in text
    assert "Nothing recorded in the period hindered it." in text


def test_the_survey_shows_only_published_numbers_and_never_a_hidden_year(world, settings,
                                                                         tmp_path):
    """Given a survey published for 2018 with 80 pupils and for 2019 with 3 (fewer than
    the initiative's smallest group of 5), when the report for 2018-2019 is written, then
    2018's pupils are counted, 2019 says it has too few answers to publish and its count
    is nowhere in the survey's table, and no change is called a change."""
    from rygrad.measurement.tests.factories import import_data, instrument, random_data

    settings.RYGRAD_SURVEY_DIR = tmp_path / "survey"
    initiative = world.initiative
    survey = instrument(initiative)
    rng = np.random.default_rng(3)
    import_data(initiative, survey, 2018, random_data(rng, n=80, width=5, missing=0))
    import_data(initiative, survey, 2019, random_data(rng, n=3, width=5, schools=("A",),
                                                             missing=0))
    report = report_build(initiative=initiative, start=dt.date(2018, 1, 1),
                          end=dt.date(2019, 12, 31), language="en",
                          today=dt.date(2020, 1, 1))
    population = next(s for s in report.sections if s.key == "population")
    table = next(b for b in population.blocks if b.kind == "table")
    pupils = table.columns.index("Pupils")
    rows = {(row[0], row[1]): row for row in table.rows}
    assert rows[("social", "2018")][pupils] == "80"
    hidden = [row for key, row in rows.items() if key[1] == "2019"]
    assert hidden and all(row[2] == "too few answers to publish" and not row[pupils]
                          for row in hidden)
    text = _docx_text(report_render(report, "docx"))
    assert "too few answers to publish" in text
    assert "statistically supported rise" not in text
    assert "statistically supported fall" not in text


@pytest.mark.parametrize(("arguments", "message"), [
    (["--from", "2019-13-01"], "--from '2019-13-01' is not a date"),
    (["--to", "31-12-2019"], "--to '31-12-2019' is not a date"),
    (["--from", "2019-06-01", "--to", "2019-01-01"], "is after --to"),
    (["--format", "odt"], "invalid choice"),
    (["--language", "de"], "invalid choice"),
])
def test_the_command_refuses_bad_input_in_words(world, tmp_path, arguments, message):
    """When `rygrad report` gets a bad date, a period that runs backwards or an unknown
    format or language, then it stops with a CommandError saying so and writes nothing."""
    output = tmp_path / "report.pdf"
    with pytest.raises(CommandError, match=message):
        call_command("report", "--initiative", world.initiative.slug, "--output",
                     str(output), *arguments)
    assert not output.exists()


def test_the_command_refuses_an_unknown_initiative(db, tmp_path):
    with pytest.raises(CommandError, match="No initiative with slug 'nowhere'"):
        call_command("report", "--initiative", "nowhere", "--output",
                     str(tmp_path / "r.html"))


def test_the_command_writes_the_report_file(world, tmp_path):
    """When `rygrad report` is asked for a Danish Word file, then it writes one whose
    first heading is the report's title."""
    output = tmp_path / "rapport.docx"
    call_command("report", "--initiative", world.initiative.slug, "--format", "docx",
                 "--language", "da", "--from", "2019-01-01", "--to", "2019-12-31",
                 "--output", str(output))
    document = Document(str(output))
    assert world.initiative.name in document.paragraphs[0].text
    assert document.core_properties.language == "da-DK"
