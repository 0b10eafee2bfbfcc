"""The questionnaire in a real browser (Debian's Chromium): answered with a pupil code and
the keyboard alone, and free of WCAG 2.1 AA violations according to axe-core; the slips
the secretariat prints."""

import numpy as np
import pytest

from rygrad.core.browser import (
    axe_violations,
    describe_violations,
    description,
    focused,
    form_fields,
    tab_until,
)
from rygrad.measurement.models import Response
from rygrad.measurement.packing import unpack

from .factories import (
    PopulationFactory,
    WaveFactory,
    import_data,
    instrument,
    pupil_code,
    random_data,
)

pytestmark = pytest.mark.browser

# Answer per item (1-5) for s1, s2, s3, a1, a2.
ANSWERS = [4, 2, 1, 5, 3]


def test_a_pupil_answers_with_a_pupil_code_by_keyboard_only(page, live_server,
                                                            transactional_db):
    """Given an open wave's one-time pupil code, when a pupil first types a wrong code
    and presses Enter, then the error is announced (role=alert) and the code field is
    marked invalid with the error read out with it; when the pupil then tabs to the code
    field, types the right one, presses Enter, picks a gender and every answer with Tab,
    arrow keys and space, and sends with Enter, then the focus is visible at every stop,
    Tab reaches every question and the send button, the thank-you page shows, the
    answers are stored, the code is used and no page's address ever held the code;
    axe-core finds no WCAG 2.1 AA violation on the code page (also with the error), the
    questionnaire or the thank-you page."""
    from django.core.cache import cache

    cache.clear()
    row, code = pupil_code(school="Fjordskolen", grade=6)
    addresses = []
    page.on("request", lambda request: addresses.append(request.url))
    page.goto("/s/")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    tab_until(page, "#id_code")
    page.keyboard.type("ZZZZZ-ZZZZZ")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    error = page.locator("#id_code_error[role=alert]").inner_text().strip()
    assert error
    assert page.get_attribute("#id_code", "aria-invalid") == "true"
    assert error in description(page, "#id_code")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    tab_until(page, "#id_code")
    page.keyboard.press("Control+A")
    page.keyboard.type(f"{code[:5]}-{code[5:]}".lower())
    page.keyboard.press("Enter")
    page.wait_for_selector("input[name=gender]")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    tab_until(page, "input[name=gender]")
    page.keyboard.press("Space")  # the first choice: girl
    reached = {"gender"}
    for value in ANSWERS:
        page.keyboard.press("Tab")
        reached.add(focused(page)["name"])
        if value == 1:
            page.keyboard.press("Space")
        for _ in range(value - 1):
            page.keyboard.press("ArrowRight")
    stops = tab_until(page, "button[type=submit]:not(.link)")
    reached |= {stop["name"] for stop in stops}
    missing = set(form_fields(page, "main form[method=post]")) - reached
    assert not missing, f"Tab never reached {missing}"
    page.keyboard.press("Enter")
    page.wait_for_url("**/s/thanks/")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    row_ = Response.objects.get()
    assert (row_.school, row_.grade, row_.gender) == ("Fjordskolen", 6, "girl")
    assert unpack([row_.answers], 5).tolist() == [ANSWERS]
    row.refresh_from_db()
    assert row.used
    assert not [a for a in addresses if code in a.upper().replace("-", "")]


def test_pupil_slips_are_accessible_and_print_without_the_page_around_them(
        page, login, live_server, world):
    """Given a class in the population, when the secretariat makes its slips, then the
    pupil-code page and the slips have no WCAG 2.1 AA violation, and printed (print media)
    only the slips show: no site header, no instructions for the screen."""
    wave = WaveFactory(initiative=world.initiative)
    PopulationFactory(wave=wave, initiative=world.initiative, school="Fjordskolen", grade=6,
                      pupils=4)
    login(page, world.users["secretariat"])
    page.goto(f"/i/{world.initiative.slug}/measurement/waves/{wave.pk}/pupil-codes/")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    page.select_option("#id_target", "6:Fjordskolen")
    page.click("form button[type=submit]:not(.link) >> nth=-1")
    page.wait_for_selector(".slip")
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)
    assert page.locator(".slip").count() == 4
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".no-print").is_visible()
    assert page.locator(".slip").first.is_visible()


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
