"""Ideas from a spreadsheet: all of them, or — with a problem in any row — none, each
problem named by its row and column."""

import datetime as dt
import io

from django.urls import reverse
from openpyxl import Workbook

from rygrad.agenda.tests.factories import TrackFactory
from rygrad.core.permissions import Actor
from rygrad.ideas.importing import ideas_import
from rygrad.ideas.models import Idea, Moderation, Source, SubmitterGroup


def _by(world):
    return Actor(user=world.users["secretariat"], initiative=world.initiative)


def _csv(text: str) -> bytes:
    return text.encode("utf-8")


def test_a_hackathon_file_imports_every_idea(world):
    """Given a Danish CSV (semicolons, Danish column names and choices) with three ideas,
    one on a track and one without a group, when it is imported with the hackathon as
    source and young people as the default group, then all three are stored, approved,
    numbered in order, with the values of their rows."""
    TrackFactory(initiative=world.initiative, name="Unge viser vejen")
    data = _csv("idé;indsendt af;dato;spor;aldersgruppe\n"
                "Venskabsbænk i skolegården;Barn;01-03-2017;Unge viser vejen;under 13\n"
                "Fritidspas;Ung;2017-03-01;;\n"
                "Natbus i weekenden;;;;\n")
    result = ideas_import(initiative=world.initiative, by=_by(world), data=data,
                          filename="hackathon.csv", source=Source.HACKATHON,
                          submitter_group=SubmitterGroup.YOUNG_PERSON,
                          submitted_on=dt.date(2017, 3, 2))
    assert result.ok and result.created == 3
    ideas = list(Idea.objects.order_by("number"))
    assert [(i.number, i.title, i.submitter_group, i.submitted_on) for i in ideas] == [
        (1, "Venskabsbænk i skolegården", SubmitterGroup.CHILD, dt.date(2017, 3, 1)),
        (2, "Fritidspas", SubmitterGroup.YOUNG_PERSON, dt.date(2017, 3, 1)),
        (3, "Natbus i weekenden", SubmitterGroup.YOUNG_PERSON, dt.date(2017, 3, 2)),
    ]
    assert {i.source for i in ideas} == {Source.HACKATHON}
    assert {i.moderation for i in ideas} == {Moderation.APPROVED}
    assert [t.name for t in ideas[0].tracks.all()] == ["Unge viser vejen"]
    assert ideas[0].age_band == "u13"


def test_one_broken_row_imports_nothing_and_names_row_and_column(world):
    """Given a file of four ideas whose third row has a submitter group that does not
    exist, when it is imported, then nothing is stored and the problem names row 3 and the
    column as it is written in the file."""
    data = _csv("Idé,Indsendt af\nEn\nTo,Ung\nTre,Elev\nFire,Forælder\n")
    result = ideas_import(initiative=world.initiative, by=_by(world), data=data,
                          filename="ideer.csv", submitter_group=SubmitterGroup.CHILD)
    assert not result.ok
    assert Idea.objects.count() == 0
    [problem] = result.problems
    assert (problem.row, problem.column) == (4, "Indsendt af")
    assert "Elev" in problem.message


def test_every_problem_of_an_excel_file_is_listed(world):
    """Given an .xlsx file with an empty idea, an unknown track and a date in the future,
    when it is imported, then all three problems are listed by row and column and nothing
    is stored."""
    book = Workbook()
    sheet = book.active
    sheet.append(["title", "tracks", "date"])
    sheet.append(["", "", "2017-03-01"])
    sheet.append(["Lys på stien", "Ukendt spor", ""])
    sheet.append(["Natbus", "", "2999-01-01"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = ideas_import(initiative=world.initiative, by=_by(world), data=buffer.getvalue(),
                          filename="ideer.xlsx", submitter_group=SubmitterGroup.CHILD)
    assert [(p.row, p.column) for p in result.problems] == [
        (2, "title"), (3, "tracks"), (4, "date")]
    assert Idea.objects.count() == 0


def test_the_import_page_lists_the_problems(client_as, world):
    """Given a broken file, when the secretariat uploads it, then the page says nothing was
    imported and lists the row and column."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("ideer.csv", _csv("idé;kilde\nBænk;Skolebal\n"))
    response = client_as("secretariat").post(
        reverse("ideas:import", kwargs={"slug": world.initiative.slug}),
        {"file": upload, "source": "hackathon", "submitter_group": "child",
         "submitted_on": "2017-03-01"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Række 2, kolonne “kilde”" in text
    assert Idea.objects.count() == 0


def test_a_file_without_the_idea_column_is_refused(world):
    result = ideas_import(initiative=world.initiative, by=_by(world),
                          data=_csv("navn;alder\nSofie;13\n"), filename="x.csv",
                          submitter_group=SubmitterGroup.CHILD)
    assert [p.row for p in result.problems] == [1]
    assert Idea.objects.count() == 0


def test_two_columns_meaning_the_title_are_refused_naming_the_second(world):
    """Given a file with both a “title” and an “Idé” column (both mean the idea), when it
    is imported, then nothing is stored and the problem names row 1 and the second
    column — not one column read and the other silently dropped. (Found by the property
    test in test_import_properties.py.)"""
    data = _csv("title,Idé\nVenskabsbænk,Natbus\n")
    result = ideas_import(initiative=world.initiative, by=_by(world), data=data,
                          filename="ideas.csv")
    assert [(p.row, p.column) for p in result.problems] == [(1, "Idé")]
    assert not Idea.objects.exists()


def test_a_column_name_twice_in_another_case_is_refused(world):
    """Given a file with “title” and “Title” columns, when imported, then the problem
    names row 1 and “Title”, and nothing is stored."""
    result = ideas_import(initiative=world.initiative, by=_by(world),
                          data=_csv("title,Title\nA,B\n"), filename="ideas.csv")
    assert [(p.row, p.column) for p in result.problems] == [(1, "Title")]
    assert not Idea.objects.exists()
