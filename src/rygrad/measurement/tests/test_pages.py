"""The results and management pages: bounded queries, exports of exactly the filtered
rows, plain words only for supported changes, and the secretariat's forms."""

import csv
import io
import json

import numpy as np
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from rygrad.measurement.models import ClassCode, Instrument, PopulationCount, Response, Wave
from rygrad.measurement.permissions import installation_actor
from rygrad.measurement.services import population_replace
from rygrad.measurement.survey_file import SurveyData

from .factories import definition, import_data, instrument, random_data


def _url(name, world, **kwargs):
    return reverse(f"measurement:{name}", kwargs={"slug": world.initiative.slug, **kwargs})


def _years(world, inst, years, n, seed=1, shift=0.0):
    rng = np.random.default_rng(seed)
    for index, year in enumerate(years):
        data = random_data(rng, n=n, width=5, schools=("Egelund Skole", "Bakkely Skole",
                                                       "Fjordskolen"))
        if shift:
            bump = int(round(shift * index))
            data.values[data.values > 0] = np.clip(data.values[data.values > 0] + bump, 1, 5)
        wave = import_data(world.initiative, inst, year, data).wave
        population_replace(wave=wave, rows=[(s, g, n // 4) for s in ("Egelund Skole",
                                                                      "Bakkely Skole",
                                                                      "Fjordskolen")
                                            for g in (5, 6)],
                           by=installation_actor(wave.initiative))


@pytest.mark.parametrize("years,n", [((2019,), 30), ((2015, 2016, 2017, 2018, 2019), 400)])
def test_overview_queries_do_not_grow_with_waves_or_answers(
        client_as, world, django_assert_max_num_queries, years, n):
    """Given one wave of 30 answers or five waves of 400, when the overview is opened, then
    the same small number of queries is enough."""
    _years(world, instrument(world.initiative), years, n)
    client = client_as("member")
    with django_assert_max_num_queries(14):
        response = client.get(_url("overview", world))
    assert response.status_code == 200


@pytest.mark.parametrize("n", [40, 2000])
def test_wave_and_breakdown_queries_do_not_grow_with_rows(
        client_as, world, django_assert_max_num_queries, n):
    """Given a wave of 40 or 2,000 answers, when the wave and breakdown pages are opened,
    then the query counts are the same small bound."""
    inst = instrument(world.initiative)
    _years(world, inst, (2019,), n)
    client = client_as("member")
    wave = Wave.objects.get()
    with django_assert_max_num_queries(12):
        assert client.get(_url("wave", world, pk=wave.pk)).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(_url("breakdown", world, pk=inst.pk),
                          {"by": "school,grade"}).status_code == 200


def test_the_export_holds_exactly_the_filtered_rows(client_as, world):
    """Given a breakdown filtered to schools containing "egelund" (any case), when
    exported as CSV, then the file has the CLI's columns and exactly the page's rows."""
    inst = instrument(world.initiative)
    _years(world, inst, (2019,), 300)
    client = client_as("member")
    query = {"year": 2019, "by": "school", "school": "EGELUND", "indicator": "social"}
    page = client.get(_url("breakdown", world, pk=inst.pk), query)
    shown = page.context["rows"]
    export = client.get(_url("breakdown", world, pk=inst.pk), {**query, "format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["Year", "School", "Indicator", "Respondents", "Mean",
                       "95% interval, low", "95% interval, high", "Share low (%)",
                       "Share low, interval low (%)", "Share low, interval high (%)", "Hidden"]
    assert [(r[1], r[2]) for r in rows[1:]] == [(r["school"], r["indicator_name"])
                                                for r in shown]
    assert {r[1] for r in rows[1:]} == {"Egelund Skole"}
    xlsx = client.get(_url("breakdown", world, pk=inst.pk), {**query, "format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_trends_show_a_chart_with_its_table(client_as, world):
    """Given two years, when the trends page is opened, then an SVG chart with an
    accessible name and a table of the same numbers are on it."""
    inst = instrument(world.initiative)
    _years(world, inst, (2018, 2019), 100)
    body = client_as("member").get(_url("trends", world, pk=inst.pk)).content.decode()
    assert '<svg role="img" aria-label=' in body
    assert body.count("<table") >= 2 and 'scope="col"' in body


def test_only_a_supported_change_is_called_a_change(client_as, world):
    """Given one instrument whose answers rise by a whole point and one with only noise,
    when the changes pages are opened, then the first says "rose" with the "up" colour
    and the second says there is no supported change, with no colour."""
    rising = instrument(world.initiative, slug="rising")
    _years(world, rising, (2018, 2019), 300, shift=1.0)
    flat = instrument(world.initiative, slug="flat")
    _years(world, flat, (2018, 2019), 300, seed=2)
    client = client_as("member")
    body = client.get(_url("changes", world, pk=rising.pk)).content.decode()
    assert "rose from" in body and 'class="num up"' in body
    body = client.get(_url("changes", world, pk=flat.pk)).content.decode()
    assert "no statistically supported change" in body
    assert 'class="num up"' not in body and 'class="num down"' not in body


def test_bad_filters_are_explained_not_crashed(client_as, world):
    """Given nonsense in the filters, when the pages are opened, then they answer 200 and
    say the filters were ignored."""
    inst = instrument(world.initiative)
    _years(world, inst, (2018, 2019), 60)
    client = client_as("member")
    page = client.get(_url("breakdown", world, pk=inst.pk), {"year": "abc", "by": "x"})
    assert page.status_code == 200 and "not valid" in page.content.decode()
    page = client.get(_url("changes", world, pk=inst.pk), {"year_from": 2019,
                                                           "year_to": 2019})
    assert page.status_code == 200 and "earlier" in page.content.decode()
    page = client.get(_url("changes", world, pk=inst.pk), {"year_from": 2019,
                                                           "year_to": 2018})
    assert page.status_code == 200 and "earlier" in page.content.decode()


def test_the_secretariat_adds_and_edits_an_instrument_as_json(client_as, world):
    """Given a JSON file, when uploaded, then the instrument exists; when edited with a new
    threshold, then it is saved; when the slug is changed, then it is refused."""
    client = client_as("secretariat")
    upload = SimpleUploadedFile("x.json", json.dumps(definition(slug="ny")).encode())
    response = client.post(_url("instrument_create", world), {"json_file": upload})
    assert response.status_code == 302
    inst = Instrument.objects.get(slug="ny")
    changed = definition(slug="ny")
    changed["indicators"][0]["low_threshold"] = 3.0
    client.post(_url("instrument_edit", world, pk=inst.pk),
                {"definition": json.dumps(changed)})
    assert inst.indicators.get(slug="social").low_threshold == 3.0
    page = client.post(_url("instrument_edit", world, pk=inst.pk),
                       {"definition": json.dumps(definition(slug="other"))})
    assert "must stay" in page.content.decode()
    page = client.post(_url("instrument_create", world), {"definition": "{not json"})
    assert "Not valid JSON (line 1" in page.content.decode()


def test_items_are_fixed_once_a_wave_has_answers(client_as, world):
    """Given an instrument with answers, when its items are changed, then it is refused
    and the items stay as they were."""
    inst = instrument(world.initiative)
    _years(world, inst, (2019,), 10)
    changed = definition()
    changed["items"].pop()
    changed["indicators"][1]["items"] = ["a1"]
    page = client_as("secretariat").post(_url("instrument_edit", world, pk=inst.pk),
                                         {"definition": json.dumps(changed)})
    assert "cannot change" in page.content.decode()
    inst.refresh_from_db()
    assert inst.item_codes == ["s1", "s2", "s3", "a1", "a2"]


def test_waves_population_and_class_codes(client_as, world):
    """Given the secretariat, when they create a wave, upload its population (a bad row
    first) and create class codes, then each school and grade gets one code."""
    inst = instrument(world.initiative)
    client = client_as("secretariat")
    response = client.post(_url("wave_create", world), {"instrument": inst.pk, "year": 2021,
                                                        "is_open": "on"})
    wave = Wave.objects.get(year=2021)
    assert response.status_code == 302 and wave.is_open
    bad = SimpleUploadedFile("p.csv", b"school,grade,pupils\nA,5,20\nB,five,20\n")
    page = client.post(_url("wave_population", world, pk=wave.pk), {"file": bad})
    assert "Row 3, column “grade”" in page.content.decode()
    assert not PopulationCount.objects.exists()
    good = SimpleUploadedFile("p.csv", b"school,grade,pupils\nA,5,20\nB,5,24\nB,6,22\n")
    client.post(_url("wave_population", world, pk=wave.pk), {"file": good})
    client.post(_url("class_codes", world, pk=wave.pk))
    client.post(_url("class_codes", world, pk=wave.pk))
    assert sorted(ClassCode.objects.values_list("school", "grade")) == [("A", 5), ("B", 5),
                                                                        ("B", 6)]
    client.post(_url("wave_toggle", world, pk=wave.pk))
    wave.refresh_from_db()
    assert not wave.is_open


def test_importing_in_the_browser_lists_problems_and_asks_before_replacing(client_as, world):
    """Given the import page, when a file with a 7 is sent, then the problem is listed and
    nothing stored; a good file is imported; sending it again asks first; with the box
    ticked it replaces."""
    inst = instrument(world.initiative)
    client = client_as("secretariat")
    header = b"school,grade,gender,s1,s2,s3,a1,a2\n"

    def send(content, **extra):
        upload = SimpleUploadedFile("s.csv", header + content)
        return client.post(_url("import", world), {"instrument": inst.pk, "year": 2019,
                                                   "file": upload, **extra})

    page = send(b"A,5,girl,1,2,3,4,7\n")
    assert "Row 2, column “a2”" in page.content.decode()
    assert not Response.objects.exists()
    assert send(b"A,5,girl,1,2,3,4,5\nA,5,boy,1,2,3,4,5\n").status_code == 302
    page = send(b"A,5,girl,1,2,3,4,5\n")
    assert "already has 2 responses" in page.content.decode()
    assert Response.objects.count() == 2
    assert send(b"A,5,girl,1,2,3,4,5\n", replace="on").status_code == 302
    assert Response.objects.count() == 1


def test_a_small_school_is_hidden_on_every_page_and_export(client_as, world):
    """Given a school with 2 pupils, when the breakdown page and its Excel/CSV exports are
    read, then no number of that school appears, not even its n."""
    inst = instrument(world.initiative)
    rng = np.random.default_rng(9)
    big = random_data(rng, n=80, width=5, schools=("Egelund Skole", "Bakkely Skole"))
    tiny = SurveyData(school=["Lille Skole"] * 2, grade=np.array([5, 5]),
                      gender=["girl", "boy"], values=np.full((2, 5), 1, dtype=np.int8))
    import_data(world.initiative, inst, 2019, SurveyData(
        school=big.school + tiny.school, grade=np.concatenate([big.grade, tiny.grade]),
        gender=big.gender + tiny.gender, values=np.vstack([big.values, tiny.values])))
    client = client_as("member")
    page = client.get(_url("breakdown", world, pk=inst.pk), {"by": "school"})
    rows = [r for r in page.context["rows"] if r["school"] == "Lille Skole"]
    assert rows and all(r["suppressed"] for r in rows)
    export = client.get(_url("breakdown", world, pk=inst.pk), {"by": "school",
                                                               "format": "csv"})
    lines = [line for line in b"".join(export.streaming_content).decode("utf-8-sig")
             .splitlines()
             if "Lille Skole" in line]
    assert lines and all(line.endswith(",,,,,,,yes") for line in lines)


def test_an_instrument_without_answers_has_empty_pages_not_errors(client_as, world):
    """Given an instrument with no wave yet, when its pages are opened, then each answers
    200 and says there is nothing yet."""
    inst = instrument(world.initiative)
    client = client_as("member")
    for name in ("overview", "trends", "breakdown", "changes", "goals"):
        kwargs = {} if name in ("overview", "goals") else {"pk": inst.pk}
        assert client.get(_url(name, world, **kwargs)).status_code == 200, name
    assert "No answers yet" in client.get(_url("trends", world, pk=inst.pk)).content.decode()


def test_outdated_drafts_are_swept_once_no_reader_can_hold_them(world, survey_dir):
    """Given a published wave imported again (replace), when the second import is
    committed, then the outdated draft file stays for readers still using it; the sweep
    removes it only once it is older than its grace period, and never a release's files."""
    from rygrad.measurement.models import Release, Wave
    from rygrad.measurement.snapshots import release_paths, snapshot_sweep

    inst = instrument(world.initiative)
    rng = np.random.default_rng(1)
    import_data(world.initiative, inst, 2019, random_data(rng, n=20, width=5))
    first = Wave.objects.get().snapshot_token
    import_data(world.initiative, inst, 2019, random_data(rng, n=20, width=5),
                replace=True, publish=False)
    assert (survey_dir / f"{first}.parquet").exists()
    assert snapshot_sweep() == 0
    assert snapshot_sweep(max_age=-1) == 1
    assert not (survey_dir / f"{first}.parquet").exists()
    frozen, cube = release_paths(Release.objects.get().token)
    assert frozen.exists() and cube.exists()
    assert (survey_dir / f"{Wave.objects.get().snapshot_token}.parquet").exists()


def test_a_large_upload_is_imported_from_its_temporary_file(client_as, world, settings):
    """Given uploads that Django keeps on disk (as it does for large files), when a survey
    file is imported in the browser, then it is read from there and imported."""
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    inst = instrument(world.initiative)
    upload = SimpleUploadedFile("s.csv", b"school,grade,gender,s1,s2,s3,a1,a2\n"
                                         b"A,5,girl,1,2,3,4,5\n")
    response = client_as("secretariat").post(_url("import", world), {
        "instrument": inst.pk, "year": 2019, "file": upload})
    assert response.status_code == 302
    assert Response.objects.count() == 1


def test_the_public_sees_all_pupils_by_year_only(client, world):
    """Given a public initiative with 2018 (200 pupils) and 2019 (4 pupils, under k), when
    an anonymous visitor opens the public results, then 2018's numbers are shown, 2019 is
    hidden, no school name appears, and the menu offers this page but not the full
    results."""
    inst = instrument(world.initiative)
    rng = np.random.default_rng(8)
    import_data(world.initiative, inst, 2018, random_data(
        rng, n=200, width=5, missing=0.0, schools=("Egelund Skole", "Bakkely Skole")))
    import_data(world.initiative, inst, 2019, random_data(rng, n=4, width=5, missing=0.0))
    page = client.get(_url("public_results", world))
    body = page.content.decode()
    assert page.status_code == 200 and "<svg" in body
    rows = page.context["sections"][0]["table"].rows
    assert [r[0] for r in rows] == [2018, 2018, 2019, 2019]
    assert rows[0][2] == 200 and rows[2][2:] == ["hidden", "hidden", "hidden"]
    assert "Egelund Skole" not in body and "Bakkely" not in body
    nav = [item["url"] for item in page.context["initiative_nav"]]
    assert _url("public_results", world) in nav and _url("overview", world) not in nav
