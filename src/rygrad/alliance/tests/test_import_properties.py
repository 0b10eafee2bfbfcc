"""Property: any spreadsheet given to the alliance import (organisations or people)
either imports exactly its rows — and importing it again changes nothing — or changes
nothing and says, row by row and column by column, why; never an exception.
(bench/fuzz.py runs the same property with many more examples.)"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from rygrad.alliance.importing import COLUMN_ALIASES, COLUMNS, alliance_import
from rygrad.alliance.models import AgeBand, MembershipRole, Organisation, Person, Sector
from rygrad.core.tests.spreadsheet_strategies import (
    PROPERTY_SETTINGS,
    Table,
    changed_tables,
    database_state,
    dates,
    names_a_place,
    tables,
    texts,
)

NAMES = ["Egelund Skole", "Bold og Leg", "FDF Egelund", "Klub 17", "egelund skole"]
KNOWN = "Ungdomsskolen"  # in the registry before any file


def _choices(choices):
    return st.sampled_from([*choices.values, *map(str, choices.labels)])


ALIASES: dict[str, list[str]] = {}
for alias, column in COLUMN_ALIASES.items():
    ALIASES.setdefault(column, []).append(alias)

ORGANISATION_COLUMNS = {
    "name": st.one_of(st.sampled_from(NAMES), texts(40).filter(str.strip)),
    "sector": _choices(Sector),
    "parent": st.sampled_from([*NAMES, KNOWN, ""]),
}
PEOPLE_COLUMNS = {
    "name": st.one_of(st.sampled_from(["Anna Holm", "Bo Berg", "anna holm"]),
                      texts(40).filter(str.strip)),
    "organisation": st.sampled_from([KNOWN, "", "Findes Ikke"]),
    "title": texts(40),
    "email": st.one_of(st.just(""), st.emails().filter(lambda e: len(e) < 120)),
    "age_band": st.one_of(st.just(""), _choices(AgeBand)),
    "role": st.one_of(st.just(""), _choices(MembershipRole)),
    "from": st.one_of(st.just(""), dates()),
    "to": st.one_of(st.just(""), dates()),
}
assert set(ORGANISATION_COLUMNS) == set(COLUMNS["organisations"])
assert set(PEOPLE_COLUMNS) == set(COLUMNS["people"])


def alliance_tables():
    return st.one_of(
        tables(columns=ORGANISATION_COLUMNS, aliases=ALIASES, required=("name", "sector")),
        tables(columns=PEOPLE_COLUMNS, aliases=ALIASES, required=("name",)))


def setup_alliance(initiative) -> None:
    if not Organisation.objects.for_initiative(initiative).filter(name=KNOWN).exists():
        Organisation.objects.create(initiative=initiative, name=KNOWN, sector=Sector.YOUTH)


def file_level_messages() -> set[str]:
    from django.utils.translation import gettext as _

    return {_("The file is empty."), _("The file has a header row but no data."),
            _("Upload a .csv or .xlsx file."), _(
                "The registry changed while the file was imported (another import or an "
                "edit at the same time); nothing was imported. Import the file again.")}


ALLIANCE_TABLES = {"alliance.Organisation", "alliance.Person", "alliance.Membership",
                   "auditlog.LogEntry", "alliance.OrganisationHistory"}


def check_alliance_import(initiative, table: Table) -> bool:
    """Import `table` and check the property; True when it was imported."""
    before = database_state()
    result = alliance_import(initiative=initiative, data=table.data(),
                             filename=table.filename)
    after = database_state()
    if not result.ok:
        assert (result.created, result.updated, result.memberships) == (0, 0, 0)
        assert not changed_tables(before, after), result.problems
        for problem in result.problems:
            assert str(problem).strip()
            assert names_a_place(problem) or problem.message in file_level_messages(), (
                problem)
        return False
    assert set(changed_tables(before, after)) <= ALLIANCE_TABLES | _history_tables(after)
    model = Organisation if result.kind == "organisations" else Person
    stored = {n.lower() for n in model.objects.for_initiative(initiative)
              .values_list("name", flat=True)}
    name_at = _column(table, "name")
    width = len(table.header)
    for row in table.cells():
        row = (row + [""] * width)[:width]
        if any(cell.strip() for cell in row):
            assert row[name_at].strip().lower() in stored, row
    # Importing the same file again changes nothing.
    again = alliance_import(initiative=initiative, data=table.data(), filename=table.filename)
    assert again.ok and (again.created, again.updated, again.memberships) == (0, 0, 0), again
    assert not changed_tables(after, database_state())
    return True


def _history_tables(state: dict) -> set[str]:
    return {label for label in state if "history" in label.lower()}


def _column(table: Table, name: str) -> int:
    for index, raw in enumerate(table.header):
        key = raw.strip().lower()
        if COLUMN_ALIASES.get(key, key.replace(" ", "_")) == name:
            return index
    raise AssertionError(f"imported without a {name} column")


@PROPERTY_SETTINGS
@given(table=alliance_tables())
# A semicolon file of one column: its header has no separator, so a comma is assumed and a
# row's "0;" is one name (found by bench/fuzz.py).
@example(table=Table(header=["navn"], rows=[["0", ""]], kind="csv", delimiter=";"))
def test_any_file_imports_exactly_its_rows_once_or_changes_nothing_and_says_where(world,
                                                                                  table):
    """Given any organisations or people spreadsheet built from the import's columns and
    mutated (columns missing, extra, doubled or renamed; cells empty, huge, in any
    script, with NUL, formulas, odd dates; names repeated; unknown organisations) as CSV
    or .xlsx, when it is imported, then either every row's organisation or person is in
    the registry and a second import changes nothing, or nothing at all changed and
    every problem names its row or column — and nothing raises."""
    setup_alliance(world.initiative)
    check_alliance_import(world.initiative, table)
