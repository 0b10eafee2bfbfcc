"""Property: any spreadsheet given to the survey import either stores exactly its pupils'
answers or changes nothing and lists, by row and column, why — never another exception.
(bench/fuzz.py runs the same property with many more examples.)"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from rygrad.core.tests.spreadsheet_strategies import (
    PROPERTY_SETTINGS,
    Table,
    changed_tables,
    database_state,
    names_a_place,
    tables,
)
from rygrad.measurement.models import Response, Wave
from rygrad.measurement.packing import unpack
from rygrad.measurement.permissions import installation_actor
from rygrad.measurement.services import survey_import
from rygrad.measurement.survey_file import SurveyFileError

from .factories import instrument

ITEMS = ["s1", "s2", "s3", "a1", "a2"]
YEAR = 2019
SCHOOL = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅabcdefghijklmnopqrstuvwxyzæøå -",
                 min_size=1, max_size=40).filter(str.strip)
ANSWER = st.one_of(st.just(""), st.integers(1, 5), st.integers(1, 5).map(str))
COLUMNS = {
    "school": SCHOOL,
    "grade": st.one_of(st.integers(0, 13), st.integers(0, 13).map(str)),
    "gender": st.sampled_from(["pige", "dreng", "", "andet", "vil ikke svare"]),
    **dict.fromkeys(ITEMS, ANSWER),
}
ALIASES = {"school": ["skole", "Skole"], "grade": ["klassetrin"], "gender": ["køn", "KØN"]}


def survey_tables():
    return tables(columns=COLUMNS, aliases=ALIASES, required=tuple(COLUMNS), max_rows=8,
                  calm=4)


def setup_survey(initiative):
    from rygrad.measurement.models import Instrument

    return Instrument.objects.filter(initiative=initiative).first() or instrument(initiative)


def file_level_messages() -> set[str]:
    from django.utils.translation import gettext as _

    return {_("The file is empty."), _("The file has no rows of answers."),
            _("Upload a .csv, .xlsx or .parquet file.")}


SURVEY_TABLES = {"measurement.Response", "measurement.Wave", "auditlog.LogEntry"}


def check_survey_import(initiative, inst, table: Table, folder: Path) -> bool:
    """Import `table` into the year's wave (replacing its answers) and check the
    property; True when it was imported."""
    path = folder / table.filename
    path.write_bytes(table.data())
    before = database_state()
    try:
        result = survey_import(initiative=initiative, instrument=inst, year=YEAR, path=path,
                               filename=table.filename, replace=True,
                               by=installation_actor(initiative))
    except SurveyFileError as error:
        assert not changed_tables(before, database_state())
        assert error.problems and error.total >= len(error.problems)
        for problem in error.problems:
            assert str(problem).strip()
            assert names_a_place(problem) or problem.message in file_level_messages(), (
                problem)
        return False
    assert set(changed_tables(before, database_state())) <= SURVEY_TABLES
    wave = Wave.objects.get(initiative=initiative, instrument=inst, year=YEAR)
    expected = _expected(table)
    stored = list(Response.objects.filter(wave=wave).values_list(
        "school", "grade", "gender", "answers"))
    assert result.created == len(expected) == len(stored) == wave.response_count
    answers = unpack([row[3] for row in stored], len(ITEMS)).tolist() if stored else []
    assert Counter((s, g, x, tuple(a)) for (s, g, x, _p), a in zip(
        stored, answers, strict=True)) == Counter(expected)
    return True


def _expected(table: Table) -> list[tuple]:
    """The pupils of the file as the import must store them (it got no refusal)."""
    index = {}
    for position, raw in enumerate(table.header):
        name = raw.strip().replace("\x00", "")
        canonical = name if name in ITEMS else {
            "skole": "school", "klassetrin": "grade", "køn": "gender"}.get(name.lower(),
                                                                           name.lower())
        index[canonical] = position
    width = len(table.header)
    pupils = []
    for row in table.cells():
        row = [cell.strip() for cell in (row + [""] * width)[:width]]
        if not any(row):
            continue
        pupils.append((row[index["school"]], int(row[index["grade"]]), row[index["gender"]],
                       tuple(int(row[index[c]]) if row[index[c]] else -1 for c in ITEMS)))
    return pupils


@PROPERTY_SETTINGS
@given(table=survey_tables())
def test_any_file_stores_exactly_its_answers_or_changes_nothing_and_says_where(
        db, tmp_path_factory, table):
    """Given any survey file built from the instrument's columns and mutated (columns
    missing, extra, doubled, renamed to Danish or another case; cells empty, huge, in any
    script, with NUL, formulas, numbers outside the scale) as CSV or .xlsx, when it is
    imported into a wave, then either exactly its pupils' answers are stored in the wave
    or nothing changed in the database and every problem names its row or column — and
    nothing but that refusal is raised."""
    from rygrad.initiatives.models import Initiative
    from rygrad.initiatives.tests.factories import InitiativeFactory

    initiative = Initiative.objects.filter(slug="fuzz").first() or InitiativeFactory(
        slug="fuzz")
    check_survey_import(initiative, setup_survey(initiative), table,
                        tmp_path_factory.mktemp("survey"))
