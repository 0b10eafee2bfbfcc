"""Property: any spreadsheet given to the ideas import either imports exactly its rows or
changes nothing and says, row by row and column by column, why — never an exception.
(bench/fuzz.py runs the same property with many more examples.)"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from rygrad.agenda.tests.factories import TrackFactory
from rygrad.alliance.models import AgeBand
from rygrad.core.permissions import Actor
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
from rygrad.ideas.importing import COLUMN_ALIASES, ideas_import
from rygrad.ideas.models import Idea, Source, SubmitterGroup

TRACKS = ["Unge viser vejen", "Fællesskaber"]


def _choices(choices):
    return st.sampled_from([*choices.values, *map(str, choices.labels), ""])


COLUMNS = {
    "title": texts(60).filter(lambda t: t.strip() and "\x00" not in t),
    "description": texts(80),
    "source": _choices(Source),
    "submitted_by": _choices(SubmitterGroup),
    "date": dates(),
    "tracks": st.lists(st.sampled_from(TRACKS), max_size=2).map(";".join),
    "nickname": texts(20),
    "age_band": _choices(AgeBand),
}
ALIASES: dict[str, list[str]] = {}
for alias, column in COLUMN_ALIASES.items():
    ALIASES.setdefault(column, []).append(alias)


def idea_tables():
    return tables(columns=COLUMNS, aliases=ALIASES, required=("title",))


def setup_ideas(initiative) -> None:
    """The tracks the files may name (once: examples share the test's database)."""
    from rygrad.agenda.models import Track

    for name in TRACKS:
        if not Track.objects.for_initiative(initiative).filter(name=name).exists():
            TrackFactory(initiative=initiative, name=name)


def check_ideas_import(initiative, by: Actor, table: Table) -> bool:
    """Import `table` and check the property; True when it was imported."""
    before = database_state()
    numbers_before = set(Idea.objects.values_list("pk", flat=True))
    result = ideas_import(initiative=initiative, by=by, data=table.data(),
                          filename=table.filename, submitter_group=SubmitterGroup.CHILD)
    after = database_state()
    if not result.ok:
        assert result.created == 0
        assert not changed_tables(before, after), result.problems
        for problem in result.problems:
            assert str(problem).strip()
            assert names_a_place(problem) or problem.message in file_level_messages(), (
                problem)
        return False
    made = Idea.objects.exclude(pk__in=numbers_before).order_by("number")
    expected = [row for row in _read_back(table) if any(cell.strip() for cell in row)]
    title_at = _title_column(table)
    assert result.created == len(expected) == made.count()
    assert [i.title for i in made] == [row[title_at].strip() for row in expected]
    assert set(changed_tables(before, after)) <= IDEA_TABLES, changed_tables(before, after)
    return True


IDEA_TABLES = {"ideas.Idea", "ideas.StatusChange", "ideas.Idea_tracks",
               "auditlog.LogEntry"}


def file_level_messages() -> set[str]:
    from django.utils.translation import gettext as _

    return {_("The file is empty."), _("The file has a header row but no data."),
            _("Upload a .csv or .xlsx file.")}


def _title_column(table: Table) -> int:
    for index, raw in enumerate(table.header):
        key = raw.strip().lower()
        if COLUMN_ALIASES.get(key, key.replace(" ", "_")) == "title":
            return index
    raise AssertionError("imported without a title column")


def _read_back(table: Table) -> list[list[str]]:
    width = len(table.header)
    return [(row + [""] * width)[:width] for row in table.cells()]


@PROPERTY_SETTINGS
@given(table=idea_tables())
# A lone "=" is text in .xlsx, not a formula (once found by CI's run, not by every run).
@example(table=Table(header=["title", "submitted_by"], rows=[["=", "child"]], kind="xlsx"))
def test_any_file_imports_exactly_its_ideas_or_changes_nothing_and_says_where(world, table):
    """Given any spreadsheet built from the import's columns and mutated (columns
    missing, extra, doubled or renamed; cells empty, huge, in any script, with NUL,
    formulas or odd dates) as CSV or .xlsx, when the secretariat imports it, then either
    exactly its rows are stored as ideas (titles in order) or nothing at all changes in
    the database and every problem names its row or column — and nothing raises."""
    setup_ideas(world.initiative)
    by = Actor(user=world.users["secretariat"], initiative=world.initiative)
    check_ideas_import(world.initiative, by, table)
