"""One-time pupil codes: printed on slips, one per registered pupil, each good for exactly
one answer, kept only as a fingerprint and never linked to the answer."""

import hashlib
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from rygrad.measurement import services
from rygrad.measurement.models import PupilCode, Response
from rygrad.measurement.permissions import installation_actor

from .factories import PopulationFactory, WaveFactory, pupil_code, respondent
from .test_survey import ANSWERS, answer, start

USED = "Answers have already been sent with this pupil code"


@pytest.fixture(autouse=True)
def fresh_rate_counts(db):
    cache.clear()


@pytest.fixture
def wave(world):
    wave = WaveFactory(initiative=world.initiative)
    PopulationFactory(wave=wave, initiative=wave.initiative, school="Fjordskolen", grade=6,
                      pupils=3)
    PopulationFactory(wave=wave, initiative=wave.initiative, school="Åskolen", grade=4,
                      pupils=2)
    return wave


def _url(wave):
    return reverse("measurement:pupil_codes", kwargs={"slug": wave.initiative.slug,
                                                      "pk": wave.pk})


def _slips(client_as, wave, target="6:Fjordskolen"):
    page = client_as("secretariat").post(_url(wave), {"target": target})
    assert page.status_code == 200, page.content.decode()
    return page


def test_slips_give_one_code_per_registered_pupil_and_only_fingerprints_are_kept(
        client_as, wave):
    """Given a class of three registered pupils, when the secretariat makes its slips, then
    the page shows three different ten-character codes, and the database holds three rows
    for that class with the SHA-256 fingerprint of each code and never a code itself."""
    page = _slips(client_as, wave)
    [slips] = page.context["classes"]
    codes = slips.codes
    assert len(codes) == 3 == len(set(codes))
    assert all(re.fullmatch(r"[A-HJKMNP-Z2-9]{10}", c) for c in codes)
    rows = PupilCode.objects.filter(wave=wave)
    assert {(r.school, r.grade, r.used) for r in rows} == {("Fjordskolen", 6, False)}
    assert {r.code_hash for r in rows} == {
        hashlib.sha256(f"rygrad-pupil-code:{c}".encode()).hexdigest() for c in codes}
    stored = " ".join(str(v) for row in PupilCode.objects.values() for v in row.values())
    assert not any(c in stored for c in codes)


def test_the_slips_page_prints_the_address_the_code_and_an_instruction(client_as, wave):
    """Given slips for every class, when the page is read, then each slip shows the survey
    address /s/, its code (with a dash for reading) and the instruction in Danish and in
    English, and the page links a stylesheet with print rules and no script."""
    page = _slips(client_as, wave, target="all")
    html = page.content.decode()
    classes = page.context["classes"]
    assert [(c.school, c.grade, len(c.codes)) for c in classes] == [
        ("Fjordskolen", 6, 3), ("Åskolen", 4, 2)]
    assert html.count('class="slip"') == 5
    for code in classes[0].codes:
        assert f"{code[:5]}-{code[5:]}" in html
    assert "http://testserver/s/" in html
    assert "Gå til http://testserver/s/ og skriv koden" in html
    assert "Go to http://testserver/s/ and type this code" in html
    assert "measurement/slips.css" in html and "<script>" not in html
    css = Path(__file__).parents[1] / "static/measurement/slips.css"
    assert "@media print" in css.read_text()
    assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]


def test_a_pupil_code_accepts_exactly_one_answer(client, wave):
    """Given a pupil code, when a pupil answers with it and then the code is typed again,
    or the first page is sent a second time, then one response is stored and the second
    try is told the code has been used."""
    _row, code = pupil_code(wave=wave, initiative=wave.initiative, school="Fjordskolen",
                            grade=6)
    first = start(client, code)
    ticket = first.context["ticket"]
    assert client.post(reverse("survey:start"), {"ticket": ticket, **ANSWERS}).status_code == 302
    again = start(client, code)
    assert again.status_code == 200 and USED in again.content.decode()
    resent = client.post(reverse("survey:start"), {"ticket": ticket, **ANSWERS})
    assert resent.status_code == 200 and USED in resent.content.decode()
    assert Response.objects.count() == 1
    row = Response.objects.get()
    assert (row.school, row.grade) == ("Fjordskolen", 6)
    assert PupilCode.objects.get().used


def test_the_answer_does_not_refer_to_the_pupil_code(client, wave):
    """Given an answer with a pupil code, when the response row is read, then it has no
    field pointing at a pupil code and holds neither the code nor its fingerprint."""
    row, code = pupil_code(wave=wave, initiative=wave.initiative)
    assert answer(client, code).status_code == 302
    assert not [f for f in Response._meta.get_fields()
                if f.is_relation and f.related_model is PupilCode]
    stored = " ".join(str(v) for v in Response.objects.values().get().values())
    assert code not in stored and row.code_hash not in stored


def test_a_second_use_racing_the_first_is_refused(wave, monkeypatch):
    """Given a pupil code sent twice at once, when the other submission consumes the code
    after this one looked it up but before this one marked it used, then this one is
    refused as used and stores nothing (the code is consumed by a conditional update in
    the answer's transaction, not by a check followed by a save)."""
    row, code = pupil_code(wave=wave, initiative=wave.initiative)
    lock_wave = services._open_wave_locked

    def other_submission_commits_first(*, pk):
        PupilCode.objects.filter(pk=row.pk).update(used=True)  # what the other one did
        return lock_wave(pk=pk)

    monkeypatch.setattr(services, "_open_wave_locked", other_submission_commits_first)
    with pytest.raises(ValidationError) as refused:
        services.pupil_code_redeem(code=code, gender="boy", answers={"s1": 5}, by=respondent())
    assert refused.value.code == "code_used"
    assert not Response.objects.exists()


def test_making_slips_again_stops_the_unused_codes_and_counts_the_used(client_as, client,
                                                                        wave):
    """Given slips for a class of three and one of them used, when slips are made again,
    then two new slips come (three pupils, one answered), the two old unused codes no
    longer work, and the page counts two unused and one used code."""
    first = _slips(client_as, wave).context["classes"][0].codes
    assert answer(client, first[0]).status_code == 302
    second = _slips(client_as, wave).context["classes"][0].codes
    assert len(second) == 2 and not set(second) & set(first)
    assert start(client, first[1]).context["form"].errors["code"] == [
        "This code does not work. Check it with your teacher."]
    page = client_as("secretariat").get(_url(wave))
    row = next(r for r in page.context["counts"] if r.school == "Fjordskolen")
    assert (row.pupils, row.unused, row.used) == (3, 2, 1)
    html = page.content.decode()
    assert not any(c in html for c in first + second)


def test_slips_need_a_registered_population(wave):
    """Given a class that is not in the wave's population, when slips are asked for, then
    they are refused with a message naming the class and nothing is stored."""
    with pytest.raises(ValidationError) as refused:
        services.pupil_codes_issue(wave=wave, classes=[("Nordskolen", 9)],
                                   by=installation_actor(wave.initiative))
    assert "Nordskolen, grade 9" in refused.value.messages[0]
    assert not PupilCode.objects.exists()


def test_a_full_class_can_still_answer_with_a_pupil_code(client, wave):
    """Given a class of two with one answer and a pupil on its questionnaire, when a
    classmate fills the class first, then the pupil's answers are refused but kept with a
    field for a pupil code, the class code no longer opens the survey, and sending the kept
    answers with a pupil code stores them."""
    from .factories import ClassCodeFactory

    class_code = ClassCodeFactory(wave=wave, initiative=wave.initiative, school="Åskolen",
                                  grade=4)
    assert answer(client, class_code.code).status_code == 302
    ticket = start(client, class_code.code).context["ticket"]
    assert answer(client, class_code.code).status_code == 302
    full = client.post(reverse("survey:start"), {"ticket": ticket, **ANSWERS})
    assert full.status_code == 200 and full.context["code_form"] is not None
    assert "Ask your teacher for a pupil code" in full.content.decode()
    assert full.context["form"].data["item_s2"] == "5"
    assert "Ask your teacher for a pupil code" in start(client, class_code.code).content.decode()
    _row, code = pupil_code(wave=wave, initiative=wave.initiative, school="Åskolen", grade=4)
    sent = client.post(reverse("survey:start"), {"ticket": full.context["ticket"],
                                                 "code": code, **ANSWERS})
    assert sent.status_code == 302
    assert Response.objects.filter(school="Åskolen", grade=4).count() == 3
