"""Answering anonymously with a class code: no login, no identity stored, one sitting, and
a closed wave accepts nothing."""

import datetime as dt

import pytest
from django.urls import reverse

from rygrad.measurement.models import Response, Wave
from rygrad.measurement.packing import unpack
from rygrad.measurement.selectors import group_table
from rygrad.measurement.services import wave_set_open

from .factories import ClassCodeFactory

ANSWERS = {"gender": "girl", "item_s1": "4", "item_s2": "5", "item_s3": "2", "item_a1": "3"}


@pytest.fixture
def code(db):
    return ClassCodeFactory(school="Fjordskolen", grade=6)


def test_a_pupil_answers_with_the_class_code_and_nothing_identifies_them(client, code):
    """Given an open wave's class code, when an anonymous pupil answers (skipping a2), then
    one response holds school and grade from the code, the gender, the answers and the
    day only; no user, IP address or time is stored anywhere on the row."""
    start = client.get(reverse("survey:start"), {"code": code.code.lower()})
    assert start.status_code == 302
    page = client.get(start["Location"])
    assert page.status_code == 200 and "Question s1" in page.content.decode()
    response = client.post(reverse("survey:answer", args=[code.code]), ANSWERS,
                           REMOTE_ADDR="10.1.2.3")
    assert response.status_code == 302 and response["Location"] == reverse("survey:thanks")
    row = Response.objects.get()
    assert (row.school, row.grade, row.gender, row.source) == ("Fjordskolen", 6, "girl",
                                                               "online")
    assert unpack([row.answers], 5).tolist() == [[4, 5, 2, 3, -1]]
    assert isinstance(row.submitted_on, dt.date) and not isinstance(row.submitted_on,
                                                                     dt.datetime)
    stored = " ".join(str(getattr(row, f.attname)) for f in Response._meta.concrete_fields)
    assert "10.1.2.3" not in stored
    # nor anywhere else: the audit log (which records addresses) holds nothing from the pupil
    from auditlog.models import LogEntry

    assert not LogEntry.objects.filter(remote_addr="10.1.2.3").exists()
    assert {f.name for f in Response._meta.concrete_fields} == {
        "id", "initiative", "wave", "school", "grade", "gender", "answers", "submitted_on",
        "source"}


def test_an_online_answer_reaches_the_analytics(client, code):
    """Given three answers online with k = 3, when the table by year is read, then the
    snapshot is rebuilt and the mean of s1-s3 (s3 reversed: 6 - 2 = 4) is 13/3."""
    code.initiative.min_group_size = 3
    code.initiative.save()
    for _ in range(3):
        client.post(reverse("survey:answer", args=[code.code]), ANSWERS)
    wave = Wave.objects.get()
    assert wave.response_count == 3 and wave.snapshot_token == ""
    table = group_table(initiative=code.initiative, instrument=wave.instrument, by=["year"])
    social = table[table["indicator"] == "social"].iloc[0]
    assert social["n"] == 3 and social["mean"] == pytest.approx(13 / 3)


def test_a_closed_wave_accepts_nothing(client, code):
    """Given a closed wave, when its code is typed or its form posted, then the pupil is
    told it is closed and nothing is stored."""
    wave_set_open(wave=code.wave, is_open=False)
    start = client.get(reverse("survey:start"), {"code": code.code})
    assert "closed" in start.content.decode()
    response = client.post(reverse("survey:answer", args=[code.code]), ANSWERS)
    assert response.status_code == 410
    assert not Response.objects.exists()


def test_an_unknown_code_and_an_empty_form_are_explained(client, code):
    """Given a wrong code, when typed, then the pupil is asked to check it; given a form
    with no answer at all, when sent, then nothing is stored and the pupil is told."""
    page = client.get(reverse("survey:start"), {"code": "NOPE1234"})
    assert "do not know this class code" in page.content.decode()
    assert client.get(reverse("survey:answer", args=["NOPE1234"])).status_code == 404
    page = client.post(reverse("survey:answer", args=[code.code]), {"gender": "boy"})
    assert page.status_code == 200 and "Answer at least one question" in page.content.decode()
    assert not Response.objects.exists()


def test_a_value_outside_the_scale_is_refused(client, code):
    """Given a forged answer of 9, when posted, then it is refused and nothing stored."""
    page = client.post(reverse("survey:answer", args=[code.code]), {**ANSWERS, "item_s1": "9"})
    assert page.status_code == 200
    assert not Response.objects.exists()
