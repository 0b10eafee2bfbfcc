"""Importing organisations and people from real CSV and .xlsx files: all or nothing, every
problem named by row and column, and a corrected file imports fully."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from rygrad.alliance.importing import alliance_import
from rygrad.alliance.models import Membership, Organisation, Person

from .factories import OrganisationFactory

pytestmark = pytest.mark.django_db

ORGANISATIONS = [
    ["name", "sector", "parent"],
    ["Egelund Skole", "school", ""],
    ["Børn og Unge", "Municipality", ""],
    ["Sundhedsplejen", "municipality", "Børn og Unge"],
    ["Egelund Boldklub", "Association or club", ""],
]
PEOPLE = [
    ["name", "organisation", "title", "email", "age_band", "role", "from", "to"],
    ["Lars Vestergaard", "Egelund Skole", "Skoleleder", "lars@example.org", "", "member",
     "2015-09-01", "2019-07-31"],
    ["Lars Vestergaard", "Egelund Skole", "Skoleleder", "lars@example.org", "", "vice_chair",
     "2019-08-01", ""],
    ["Emma", "Egelund Boldklub", "", "", "16-18", "chair", "15-08-2017", ""],
    ["Hanne Bjerre", "Egelund Boldklub", "Formand", "", "", "", "", ""],
]


def csv_bytes(rows, delimiter=",") -> bytes:
    return "\n".join(delimiter.join(row) for row in rows).encode("utf-8")


def xlsx_bytes(rows, *, sheets=1) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for number in range(1, sheets):
        workbook.create_sheet(f"Ark {number + 1}")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def where(result):
    return [(p.row, p.column) for p in result.problems]


def test_organisations_csv_imports_with_parents_given_later_in_the_file(world):
    """Given a CSV whose row 4 names a parent from row 3, when imported, then all four
    organisations exist with the right sectors and the parent link."""
    result = alliance_import(initiative=world.initiative, data=csv_bytes(ORGANISATIONS),
                             filename="organisationer.csv")
    assert result.ok, result.problems
    assert (result.kind, result.created, result.updated) == ("organisations", 4, 0)
    organisations = {o.name: o for o in Organisation.objects.for_initiative(world.initiative)}
    assert organisations["Sundhedsplejen"].parent == organisations["Børn og Unge"]
    assert organisations["Egelund Boldklub"].sector == "association"
    assert organisations["Børn og Unge"].sector == "municipality"


def test_a_bad_row_changes_nothing_and_the_fixed_file_imports_fully(world):
    """Given an organisations file whose row 3 has an unknown sector, when imported, then
    nothing is written and the problem names row 3 and column sector; when the same file
    is fixed, then every row is imported."""
    broken = [row[:] for row in ORGANISATIONS]
    broken[2][1] = "ministry"
    result = alliance_import(initiative=world.initiative, data=csv_bytes(broken),
                             filename="organisationer.csv")
    assert where(result) == [(3, "sector")]
    assert "ministry" in result.problems[0].message
    assert not Organisation.objects.for_initiative(world.initiative).exists()
    fixed = alliance_import(initiative=world.initiative, data=csv_bytes(ORGANISATIONS),
                            filename="organisationer.csv")
    assert fixed.ok and fixed.created == 4


def test_people_xlsx_imports_people_and_their_seats_and_again_changes_nothing(world):
    """Given the organisations and a real .xlsx of people (one row per seat, a date typed
    DD-MM-YYYY and one as an Excel date), when imported twice, then three people and three
    seats exist, and the second import creates nothing."""
    alliance_import(initiative=world.initiative, data=csv_bytes(ORGANISATIONS),
                    filename="o.csv")
    rows = [row[:] for row in PEOPLE]
    rows[1][6] = dt.datetime(2015, 9, 1)
    first = alliance_import(initiative=world.initiative, data=xlsx_bytes(rows),
                            filename="personer.xlsx")
    assert first.ok, first.problems
    assert (first.kind, first.created, first.memberships) == ("people", 3, 3)
    lars = Person.objects.get(name="Lars Vestergaard")
    seats = list(lars.memberships.order_by("started_on").values_list(
        "role", "started_on", "ended_on"))
    assert seats == [("member", dt.date(2015, 9, 1), dt.date(2019, 7, 31)),
                     ("vice_chair", dt.date(2019, 8, 1), None)]
    emma = Person.objects.get(name="Emma")
    assert emma.age_band == "16-18"
    assert emma.memberships.get().started_on == dt.date(2017, 8, 15)
    assert not Person.objects.get(name="Hanne Bjerre").memberships.exists()
    again = alliance_import(initiative=world.initiative, data=xlsx_bytes(rows),
                            filename="personer.xlsx")
    assert (again.created, again.updated, again.memberships) == (0, 0, 0)
    assert Membership.objects.for_initiative(world.initiative).count() == 3


@pytest.mark.parametrize(("change", "expected"), [
    ((1, 6, "2019-13-45"), [(2, "from")]),
    ((1, 1, "Ukendt Forening"), [(2, "organisation")]),
    ((3, 4, "ancient"), [(4, "age_band")]),
    ((3, 5, "king"), [(4, "role")]),
    ((1, 3, "not-an-email"), [(2, "email")]),
    ((2, 7, "2019-01-01"), [(3, "to")]),
    ((4, 0, ""), [(5, "name")]),
])
def test_each_bad_people_cell_is_named_by_row_and_column(world, change, expected):
    """Given a people file with one bad cell, when imported, then that row and column are
    named and nobody is imported."""
    alliance_import(initiative=world.initiative, data=csv_bytes(ORGANISATIONS),
                    filename="o.csv")
    rows = [row[:] for row in PEOPLE]
    row, column, value = change
    rows[row][column] = value
    result = alliance_import(initiative=world.initiative, data=csv_bytes(rows),
                             filename="personer.csv")
    assert where(result) == expected
    assert not Person.objects.for_initiative(world.initiative).exists()


def test_a_seat_without_start_date_or_organisation_is_refused(world):
    """Given a row with a role but no start date, and one with a start date but no
    organisation, when imported, then both are named."""
    rows = [PEOPLE[0], ["Ida", "", "", "", "", "", "2020-01-01", ""],
            ["Ole", "", "", "", "", "member", "", ""]]
    result = alliance_import(initiative=world.initiative, data=csv_bytes(rows), filename="p.csv")
    assert (2, "organisation") in where(result)
    assert (3, "from") in where(result)


@pytest.mark.parametrize(("data", "filename", "kind", "expected"), [
    (csv_bytes([["name", "parent"], ["Skolen", ""]]), "o.csv", "organisations",
     [(1, "sector")]),
    (csv_bytes([["navn", "organisation"], ["Ida", "x"]]), "p.csv", "organisations",
     [(1, "sector")]),
    (b"", "o.csv", "", [(None, None)]),
    (csv_bytes([["name", "sector"]]), "o.csv", "", [(None, None)]),
    (xlsx_bytes(ORGANISATIONS, sheets=2), "o.xlsx", "", [(None, None)]),
    (b"PK\x03\x04 not really a workbook", "o.xlsx", "", [(None, None)]),
    (csv_bytes(ORGANISATIONS), "o.pdf", "", [(None, None)]),
])
def test_broken_files_are_refused_with_a_message(world, data, filename, kind, expected):
    """Given a file with a missing column, an empty file, a header without rows, a two-sheet
    workbook, a damaged workbook or another format, when imported, then it is refused with
    a message and nothing is written."""
    result = alliance_import(initiative=world.initiative, data=data, filename=filename,
                             kind=kind)
    assert where(result) == expected
    assert result.problems[0].message
    assert not Organisation.objects.for_initiative(world.initiative).exists()


def test_semicolon_csv_with_danish_columns_and_sector_codes_imports(world):
    """Given a semicolon-separated CSV with Danish column names, when imported, then the
    columns are understood."""
    rows = [["navn", "sektor", "overordnet"], ["Egelund Skole", "school", ""],
            ["Elevrådet", "youth", "Egelund Skole"]]
    result = alliance_import(initiative=world.initiative, data=csv_bytes(rows, ";"),
                             filename="o.csv")
    assert result.ok, result.problems
    assert Organisation.objects.get(name="Elevrådet").parent.name == "Egelund Skole"


def test_duplicate_names_and_parent_loops_are_named(world):
    """Given a file naming an organisation twice and two organisations under each other,
    when imported, then both problems are named and nothing is written."""
    rows = [["name", "sector", "parent"], ["A", "school", "B"], ["B", "school", "A"],
            ["a", "school", ""], ["C", "school", "Nowhere"]]
    result = alliance_import(initiative=world.initiative, data=csv_bytes(rows), filename="o.csv")
    assert set(where(result)) == {(2, "parent"), (3, "parent"), (4, "name"), (5, "parent")}
    assert not Organisation.objects.exists()


def test_an_existing_organisation_is_updated_not_duplicated(world):
    """Given an organisation already in the registry, when a file names it with another
    sector, then it is updated in place."""
    OrganisationFactory(initiative=world.initiative, name="Egelund Skole", sector="other")
    result = alliance_import(initiative=world.initiative, data=csv_bytes(ORGANISATIONS[:2]),
                             filename="o.csv")
    assert (result.created, result.updated) == (0, 1)
    assert Organisation.objects.get(name="Egelund Skole").sector == "school"


def test_import_page_shows_every_problem_and_then_imports_the_fixed_file(world, client_as):
    """Given the secretariat on the import page, when uploading a broken file, then the page
    lists the problem with its row and column and nothing is written; when uploading the
    fixed .xlsx, then they are sent back with the organisations imported."""
    client = client_as("secretariat")
    url = reverse("alliance:import", kwargs={"slug": world.initiative.slug})
    broken = [row[:] for row in ORGANISATIONS]
    broken[4][1] = "ministry"
    response = client.post(url, {"file": SimpleUploadedFile("o.csv", csv_bytes(broken)),
                                 "kind": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert where(response.context["result"]) == [(5, "sector")]
    assert "Row 5" in response.content.decode()
    assert not Organisation.objects.exists()
    response = client.post(url, {"file": SimpleUploadedFile(
        "o.xlsx", xlsx_bytes(ORGANISATIONS)), "kind": "organisations"})
    assert response.status_code == 302
    assert Organisation.objects.for_initiative(world.initiative).count() == 4


def test_import_command_imports_a_file_and_refuses_a_broken_one(world, tmp_path):
    """Given files on disk, when running `rygrad import_alliance`, then a good file is
    imported and a broken one fails with the row and column and writes nothing."""
    broken = tmp_path / "broken.csv"
    rows = [row[:] for row in ORGANISATIONS]
    rows[3][2] = "Nowhere"
    broken.write_bytes(csv_bytes(rows))
    with pytest.raises(CommandError):
        call_command("import_alliance", str(broken), initiative=world.initiative.slug,
                     stderr=io.StringIO())
    assert not Organisation.objects.exists()
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx_bytes(ORGANISATIONS))
    out = io.StringIO()
    call_command("import_alliance", str(good), initiative=world.initiative.slug, stdout=out)
    assert "4 created" in out.getvalue()
    assert Organisation.objects.for_initiative(world.initiative).count() == 4


def test_danish_names_of_sectors_roles_and_age_bands_are_understood(world):
    """Given files that name sectors, roles and age bands in Danish, when imported, then they
    are read as the same codes as their English names."""
    organisations = [["navn", "sektor"], ["Egelund Skole", "Skole"],
                     ["Egelund Boldklub", "Forening eller klub"], ["Sund By Fonden",
                                                                 "Regional eller landsdækkende "
                                                                 "organisation"],
                     ["Fællesrådet", "Unge"]]
    result = alliance_import(initiative=world.initiative, data=csv_bytes(organisations, ";"),
                             filename="organisationer.csv")
    assert result.ok, result.problems
    sectors = dict(Organisation.objects.values_list("name", "sector"))
    assert sectors == {"Egelund Skole": "school", "Egelund Boldklub": "association",
                       "Sund By Fonden": "national", "Fællesrådet": "youth"}
    people = [["navn", "organisation", "aldersgruppe", "rolle", "fra", "til"],
              ["Emma", "Fællesrådet", "16–18", "Formand", "15.08.2017", ""],
              ["Birgitte", "Egelund Skole", "voksen", "Næstformand", "01/09/2015", "30-06-2017"],
              ["Malik", "Fællesrådet", "13-15", "Ungerepræsentant", "2017-03-01", ""]]
    result = alliance_import(initiative=world.initiative, data=csv_bytes(people, ";"),
                             filename="personer.csv")
    assert result.ok, result.problems
    seats = {m.person.name: (m.person.age_band, m.role, m.started_on, m.ended_on)
             for m in Membership.objects.select_related("person")}
    assert seats == {
        "Emma": ("16-18", "chair", dt.date(2017, 8, 15), None),
        "Birgitte": ("adult", "vice_chair", dt.date(2015, 9, 1), dt.date(2017, 6, 30)),
        "Malik": ("13-15", "youth", dt.date(2017, 3, 1), None),
    }


def test_a_seat_overlapping_one_in_the_registry_is_named_and_nothing_is_written(world):
    """Given Lars's open seat in the registry from 2015, when a file gives him a second seat
    for the same school from 2019 (without ending the first), then the row and the column
    `from` are named and nothing of the file is written."""
    alliance_import(initiative=world.initiative, data=csv_bytes(ORGANISATIONS), filename="o.csv")
    alliance_import(initiative=world.initiative, filename="p.csv", data=csv_bytes(
        [PEOPLE[0], ["Lars Vestergaard", "Egelund Skole", "", "", "", "member", "2015-09-01",
                     ""]]))
    rows = [PEOPLE[0], ["Ida", "Egelund Skole", "", "", "", "", "", ""],
            ["Lars Vestergaard", "Egelund Skole", "", "", "", "vice_chair", "2019-08-01", ""]]
    result = alliance_import(initiative=world.initiative, data=csv_bytes(rows), filename="p.csv")
    assert where(result) == [(3, "from")]
    assert not Person.objects.filter(name="Ida").exists()
    assert Membership.objects.count() == 1


def test_a_too_long_title_is_named(world):
    """Given a person with a 151-character title, when imported, then row and column are
    named."""
    rows = [PEOPLE[0], ["Ida", "", "x" * 151, "", "", "", "", ""]]
    result = alliance_import(initiative=world.initiative, data=csv_bytes(rows), filename="p.csv")
    assert where(result) == [(2, "title")]


def test_a_column_given_twice_under_its_danish_name_is_refused_naming_it(world):
    """Given an organisations file with both “sector” and “Sektor” columns, when imported,
    then the problem names row 1 and “Sektor” (not one of them silently ignored), and
    nothing is written. (Found by the property test in test_import_properties.py.)"""
    data = b"name,sector,Sektor\nEgelund Skole,school,association\n"
    result = alliance_import(initiative=world.initiative, data=data, filename="o.csv")
    assert [(p.row, p.column) for p in result.problems] == [(1, "Sektor")]
    assert not Organisation.objects.exists()


def test_an_empty_age_band_keeps_the_one_given_and_a_second_import_changes_nothing(world):
    """Given a people file with Anna on two rows, her age band given on the first and left
    empty on the second, when it is imported twice, then she is under 13 and the second
    import changes nothing (before, the empty cell reset her to adult and each import
    flipped her back and forth). (Found by the property test in
    test_import_properties.py.)"""
    OrganisationFactory(initiative=world.initiative, name="Ungdomsskolen")
    data = b"navn,organisation,age_band\nAnna Holm,Ungdomsskolen,u13\nAnna Holm,Ungdomsskolen,\n"
    first = alliance_import(initiative=world.initiative, data=data, filename="p.csv")
    assert first.ok and first.created == 1
    assert Person.objects.get().age_band == "u13"
    again = alliance_import(initiative=world.initiative, data=data, filename="p.csv")
    assert again.ok and (again.created, again.updated) == (0, 0)
    assert Person.objects.get().age_band == "u13"


def test_a_person_described_two_ways_in_one_file_is_refused_naming_the_row(world):
    """Given a people file with Anna on two rows with different titles, when imported,
    then nothing is written and the problem names the second row, the title column and
    the first row."""
    data = b"name,title\nAnna Holm,Formand\nAnna Holm,Kasserer\n"
    with translation.override("en"):
        result = alliance_import(initiative=world.initiative, data=data, filename="p.csv")
        assert "row 2" in str(result.problems[0])
    assert [(p.row, p.column) for p in result.problems] == [(3, "title")]
    assert not Person.objects.exists()
