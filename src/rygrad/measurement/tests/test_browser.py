"""The questionnaire in a real browser (Debian's Chromium): answered with the keyboard
alone, and free of WCAG 2.1 AA violations according to axe-core."""

import numpy as np
import pytest

from rygrad.core.browser import axe_violations, describe_violations
from rygrad.measurement.models import Response
from rygrad.measurement.packing import unpack

from .factories import ClassCodeFactory, import_data, instrument, random_data

pytestmark = pytest.mark.browser

# Answer per item (1-5) for s1, s2, s3, a1, a2.
ANSWERS = [4, 2, 1, 5, 3]


def _tab_to(page, selector: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_a_pupil_answers_with_the_keyboard_only(page, live_server, transactional_db):
    """Given an open wave's class code, when a pupil tabs to the code field, types it,
    presses Enter, picks a gender and every answer with Tab, arrow keys and space, and
    sends with Enter, then the thank-you page shows and the answers are stored; axe-core
    finds no WCAG 2.1 AA violation on the code page or the questionnaire."""
    code = ClassCodeFactory(school="Fjordskolen", grade=6)
    page.goto("/s/")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    _tab_to(page, "#id_code")
    page.keyboard.type(code.code.lower())
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/s/{code.code}/")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    _tab_to(page, "input[name=gender]")
    page.keyboard.press("Space")  # the first choice: girl
    for value in ANSWERS:
        page.keyboard.press("Tab")
        if value == 1:
            page.keyboard.press("Space")
        for _ in range(value - 1):
            page.keyboard.press("ArrowRight")
    _tab_to(page, "button[type=submit]:not(.link)")
    page.keyboard.press("Enter")
    page.wait_for_url("**/s/thanks/")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    row = Response.objects.get()
    assert (row.school, row.grade, row.gender) == ("Fjordskolen", 6, "girl")
    assert unpack([row.answers], 5).tolist() == [ANSWERS]


def test_results_pages_have_no_wcag21_aa_violations(page, login, live_server, world):
    """Given two years of answers, when a member opens the trends, breakdown and changes
    pages, then axe-core finds no WCAG 2.1 AA violation."""
    inst = instrument(world.initiative)
    rng = np.random.default_rng(3)
    for year in (2018, 2019):
        import_data(world.initiative, inst, year, random_data(rng, n=120, width=5))
    login(page, world.users["member"])
    base = f"/i/{world.initiative.slug}/measurement"
    for path in ("/", f"/instruments/{inst.pk}/", f"/instruments/{inst.pk}/breakdown/",
                 f"/instruments/{inst.pk}/changes/?by=school"):
        page.goto(base + path)
        violations = axe_violations(page)
        assert violations == [], f"{path}: " + describe_violations(violations)
