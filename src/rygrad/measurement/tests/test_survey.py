"""Answering anonymously with a class code: no login, no identity stored, one sitting, the
code posted (never in a URL), and a closed wave accepts nothing."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.urls import Resolver404, resolve, reverse

from rygrad.measurement.models import Response, Wave
from rygrad.measurement.packing import unpack
from rygrad.measurement.permissions import installation_actor
from rygrad.measurement.selectors import group_table
from rygrad.measurement.services import wave_publish, wave_set_open
from rygrad.measurement.views import survey

from .factories import ClassCodeFactory, PupilCodeFactory, WaveFactory, pupil_code

ANSWERS = {"gender": "girl", "item_s1": "4", "item_s2": "5", "item_s3": "2", "item_a1": "3"}
DOES_NOT_WORK = "This code does not work. Check it with your teacher."


@pytest.fixture(autouse=True)
def fresh_rate_counts(db):
    """Rate-limit counts live in the cache; every test starts from none."""
    cache.clear()


@pytest.fixture
def code(db):
    return ClassCodeFactory(school="Fjordskolen", grade=6)


def checked(html: str, name: str) -> str | None:
    """The value of the checked radio button `name` on a page (None when none is)."""
    found = re.search(rf'<input type="radio" name="{name}" value="([^"]*)"[^>]*\bchecked', html)
    return found.group(1) if found else None


def start(client, code: str, **extra):
    return client.post(reverse("survey:start"), {"code": code}, **extra)


def answer(client, code: str, answers=ANSWERS, **extra):
    """Type the code, then send the questionnaire with its ticket, as a browser does."""
    page = start(client, code)
    assert page.status_code == 200 and "ticket" in page.context, page.content.decode()
    return client.post(reverse("survey:start"), {"ticket": page.context["ticket"], **answers},
                       **extra)


def test_a_pupil_answers_with_the_class_code_and_nothing_identifies_them(client, code):
    """Given an open wave's class code, when an anonymous pupil answers (skipping a2), then
    one response holds school and grade from the code, the gender, the answers and the
    day only; no user, IP address or time is stored anywhere on the row."""
    assert client.get(reverse("survey:start")).status_code == 200
    page = start(client, code.code.lower())
    assert page.status_code == 200 and "Question s1" in page.content.decode()
    response = client.post(reverse("survey:start"), {"ticket": page.context["ticket"],
                                                     **ANSWERS}, REMOTE_ADDR="10.1.2.3")
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


def test_the_code_is_posted_and_never_part_of_a_url(client, code):
    """Given a class code, when the pupil types it, then the form posts it to /s/, the
    questionnaire comes back at /s/ itself (no redirect to a URL with the code), it posts
    to /s/ again, and no /s/<code>/ address exists any more."""
    form_page = client.get(reverse("survey:start")).content.decode()
    assert 'method="post"' in form_page
    page = start(client, code.code)
    assert page.status_code == 200 and page.request["PATH_INFO"] == "/s/"
    html = page.content.decode()
    assert f'action="{reverse("survey:start")}"' in html and 'name="ticket"' in html
    with pytest.raises(Resolver404):
        resolve(f"/s/{code.code}/")


def test_unknown_and_closed_codes_get_the_same_answer(client, code):
    """Given an unknown class code, an unknown pupil code, a closed wave's class code and a
    closed wave's pupil code, when each is typed, then all four get the same status and
    the same words."""
    closed = WaveFactory(initiative=code.initiative, year=2018, is_open=False,
                         instrument=code.wave.instrument)
    closed_class = ClassCodeFactory(wave=closed, initiative=code.initiative)
    _row, closed_pupil = pupil_code(wave=closed, initiative=code.initiative)
    answers = [start(client, typed) for typed in
               ("NOPE2345", "NOPE2345AB", closed_class.code, closed_pupil)]
    assert {r.status_code for r in answers} == {200}
    for page in answers:
        assert page.context["form"].errors["code"] == [DOES_NOT_WORK]
        assert "ticket" not in page.context


def test_an_online_answer_reaches_the_analytics(client, code):
    """Given three answers online with k = 3, when the wave is published and the table by
    year is read, then the mean of s1-s3 (s3 reversed: 6 - 2 = 4) is 13/3, while the draft
    showed nothing; each answer bumped the wave's response version."""
    code.initiative.min_group_size = 3
    code.initiative.save()
    before = Wave.objects.get().response_version
    for _ in range(3):
        assert answer(client, code.code).status_code == 302
    wave = Wave.objects.get()
    assert wave.response_count == 3 and wave.snapshot_token == ""
    assert wave.response_version == before + 3
    assert group_table(initiative=code.initiative, instrument=wave.instrument,
                       by=["year"]).empty, "a draft wave shows no numbers"
    wave_publish(wave=wave, by=installation_actor(wave.initiative))
    table = group_table(initiative=code.initiative, instrument=wave.instrument, by=["year"])
    social = table[table["indicator"] == "social"].iloc[0]
    assert social["n"] == 3 and social["mean"] == pytest.approx(13 / 3)


def test_a_wave_closed_while_answering_accepts_nothing(client, code):
    """Given a pupil on the questionnaire, when the wave is closed before they send, then
    they are told the code does not work and nothing is stored."""
    page = start(client, code.code)
    wave_set_open(wave=code.wave, is_open=False, by=installation_actor(code.wave.initiative))
    sent = client.post(reverse("survey:start"), {"ticket": page.context["ticket"], **ANSWERS})
    assert sent.status_code == 200 and DOES_NOT_WORK in sent.content.decode()
    assert not Response.objects.exists()


def test_a_forged_ticket_is_refused(client, code):
    """Given a ticket not signed by the server (or altered), when the questionnaire is sent
    with it, then nothing is stored and the pupil is told the code does not work."""
    from django.core import signing

    ticket = start(client, code.code).context["ticket"]
    for forged in (signing.dumps({"code": code.code}, salt="another purpose"), "x" + ticket):
        sent = client.post(reverse("survey:start"), {"ticket": forged, **ANSWERS})
        assert sent.status_code == 200 and DOES_NOT_WORK in sent.content.decode()
    assert not Response.objects.exists()


def test_an_expired_page_keeps_the_answers_and_asks_for_the_code(client, code, monkeypatch):
    """Given a questionnaire page older than the ticket's two hours, when it is sent, then
    nothing is stored, the answers are still checked on the page and the pupil is asked
    for the code; sending again with the code typed stores the answer."""
    ticket = start(client, code.code).context["ticket"]
    monkeypatch.setattr(survey, "TICKET_MAX_AGE", -1)
    sent = client.post(reverse("survey:start"), {"ticket": ticket, **ANSWERS})
    assert sent.status_code == 200 and not Response.objects.exists()
    assert sent.context["code_form"] is not None and sent.context["ticket"] == ticket
    assert checked(sent.content.decode(), "item_s1") == "4"
    again = client.post(reverse("survey:start"), {"ticket": ticket, "code": code.code,
                                                  **ANSWERS})
    assert again.status_code == 302 and Response.objects.count() == 1


def test_an_empty_form_is_explained(client, code):
    """Given a form with no answer at all, when sent, then nothing is stored and the pupil
    is told to answer at least one question."""
    page = answer(client, code.code, answers={"gender": "boy"})
    assert page.status_code == 200 and "Answer at least one question" in page.content.decode()
    assert not Response.objects.exists()


def test_a_value_outside_the_scale_is_refused(client, code):
    """Given a forged answer of 9, when posted, then it is refused and nothing stored."""
    page = answer(client, code.code, answers={**ANSWERS, "item_s1": "9"})
    assert page.status_code == 200
    assert not Response.objects.exists()


def test_pupil_codes_and_class_codes_both_open_the_questionnaire(client, code):
    """Given a pupil code of the same wave, when it is typed with a dash and in lower case,
    then the same questionnaire opens."""
    _row, typed = pupil_code(wave=code.wave, initiative=code.initiative)
    page = start(client, f"{typed[:5]}-{typed[5:]}".lower())
    assert page.status_code == 200 and "Question s1" in page.content.decode()
    assert PupilCodeFactory._meta.model.objects.filter(used=False).count() == 1


def test_the_overview_counts_an_answer_and_a_new_population_at_once(client, code,
                                                                     django_user_model):
    """Given an open wave whose school has 4 pupils in the grade, the secretariat's overview
    shows its response rate; after one pupil answers it shows 25 %, and after the
    population is replaced by 2 pupils, 50 % — each at once, though the rates are kept
    between changes."""
    from django.test import Client

    from rygrad.core.permissions import Actor
    from rygrad.initiatives.models import Role
    from rygrad.initiatives.services import role_grant
    from rygrad.measurement.services import population_replace

    wave = code.wave
    user = django_user_model.objects.create_user(email="s@example.org", password="pw")
    role_grant(initiative=wave.initiative, user=user, role=Role.SECRETARIAT)
    by = Actor(user=user, initiative=wave.initiative)
    population_replace(wave=wave, rows=[(code.school, code.grade, 4)], by=by)
    secretariat = Client()
    secretariat.force_login(user)
    overview = reverse("measurement:overview", kwargs={"slug": wave.initiative.slug})

    def rate():
        instruments = secretariat.get(overview).context["instruments"]
        return next(row["rate"] for shown in instruments for row in shown["waves"]
                    if row["wave"].pk == wave.pk)

    assert rate() == 0
    assert answer(client, code.code).status_code == 302
    assert rate() == 0.25
    population_replace(wave=wave, rows=[(code.school, code.grade, 2)], by=by)
    assert rate() == 0.5
