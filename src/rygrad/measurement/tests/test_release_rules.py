"""The leaks an attacker found, each pinned: year-less tables, same-year changes, live
differencing, a stale snapshot token, a snapshot removed under a reader, counts under k,
and a draft wave's numbers on any page."""

from __future__ import annotations

import numpy as np
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse

from rygrad.measurement import selectors, services, snapshots
from rygrad.measurement.analytics import PooledYears, YearsOutOfOrder
from rygrad.measurement.models import Wave
from rygrad.measurement.permissions import installation_actor
from rygrad.measurement.services import population_replace, wave_publish
from rygrad.measurement.survey_file import SurveyData

from .factories import import_data, instrument, random_data

pytestmark = pytest.mark.django_db


def _data(n, *, school="Egelund Skole", value=3, grade=5):
    return SurveyData(school=[school] * n, grade=np.full(n, grade, dtype=np.int16),
                      gender=["girl"] * n, values=np.full((n, 5), value, dtype=np.int8))


def test_a_table_without_the_year_is_refused_everywhere(world, tmp_path):
    """Given published waves, when a table by school alone (all years summed) is asked
    for by a page's selector or the CLI, then it is refused."""
    inst = instrument(world.initiative)
    import_data(world.initiative, inst, 2019, random_data(np.random.default_rng(1), n=40,
                                                          width=5))
    with pytest.raises(PooledYears):
        selectors.group_table(initiative=world.initiative, instrument=inst, by=["school"])
    with pytest.raises(CommandError, match="by year"):
        call_command("indicators", initiative=world.initiative.slug, instrument=inst.slug,
                     by="school", output=str(tmp_path / "x.csv"))


def test_a_change_within_one_year_or_backwards_is_refused_in_the_domain(world, tmp_path):
    """Given a published year, when a change from 2019 to 2019 (which would count its pupils
    twice) or backwards is asked for, then the selector and the CLI refuse it."""
    inst = instrument(world.initiative)
    for year in (2018, 2019):
        import_data(world.initiative, inst, year, random_data(np.random.default_rng(year),
                                                              n=40, width=5))
    for year_from, year_to in ((2019, 2019), (2019, 2018)):
        with pytest.raises(YearsOutOfOrder):
            selectors.change_table(initiative=world.initiative, instrument=inst,
                                   year_from=year_from, year_to=year_to, by=["school"])
    with pytest.raises(CommandError, match="earlier year"):
        call_command("indicator_changes", initiative=world.initiative.slug,
                     instrument=inst.slug, year_from=2019, year_to=2019, by="",
                     output=str(tmp_path / "x.csv"))


def test_one_more_answer_changes_no_published_number(world):
    """Given a published wave of 20 pupils, when one more answer arrives, then the
    published table is the same as before; and publishing that single extra answer is
    refused (it would give it away as the difference), while five more may be published."""
    inst = instrument(world.initiative)
    wave = import_data(world.initiative, inst, 2019, _data(20)).wave
    before = selectors.group_table(initiative=world.initiative, instrument=inst, by=["year"])
    services.survey_data_import(initiative=world.initiative, instrument=inst, year=2019,
                                data=_data(21, value=3), replace=True,
                                by=installation_actor(world.initiative))
    after = selectors.group_table(initiative=world.initiative, instrument=inst, by=["year"])
    assert before["n"].tolist() == after["n"].tolist() == [20, 20]
    with pytest.raises(ValidationError, match="only 1 respondents changed"):
        wave_publish(wave=Wave.objects.get(pk=wave.pk), by=installation_actor(world.initiative))
    services.survey_data_import(initiative=world.initiative, instrument=inst, year=2019,
                                data=_data(25, value=3), replace=True,
                                by=installation_actor(world.initiative))
    wave_publish(wave=Wave.objects.get(pk=wave.pk), by=installation_actor(world.initiative))
    now = selectors.group_table(initiative=world.initiative, instrument=inst, by=["year"])
    assert now["n"].tolist() == [25, 25]


def test_an_older_snapshot_build_never_overwrites_a_newer_token(world, monkeypatch):
    """Given a snapshot build during which another answer arrives, when the build finishes,
    then its token is not stored as current (the next read rebuilds with the answer)."""
    inst = instrument(world.initiative)
    wave = services.survey_data_import(initiative=world.initiative, instrument=inst,
                                       year=2019, data=_data(10),
                                       by=installation_actor(world.initiative)).wave
    Wave.objects.filter(pk=wave.pk).update(snapshot_token="")
    write = snapshots.snapshot_write

    def write_while_an_answer_arrives(**kwargs):
        token = write(**kwargs)
        Wave.objects.filter(pk=wave.pk).update(response_version=wave.response_version + 1)
        return token

    monkeypatch.setattr(snapshots, "snapshot_write", write_while_an_answer_arrives)
    snapshots.wave_snapshot_path(wave=Wave.objects.get(pk=wave.pk))
    assert Wave.objects.get(pk=wave.pk).snapshot_token == ""


def test_a_snapshot_being_read_is_not_removed_by_a_new_answer(world):
    """Given a reader holding the current draft snapshot, when the wave is imported again
    and the change is committed, then the file the reader holds still exists."""
    inst = instrument(world.initiative)
    wave = services.survey_data_import(initiative=world.initiative, instrument=inst,
                                       year=2019, data=_data(10),
                                       by=installation_actor(world.initiative)).wave
    held = snapshots.wave_snapshot_path(wave=wave)
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.survey_data_import(initiative=world.initiative, instrument=inst, year=2019,
                                    data=_data(12), replace=True,
                                    by=installation_actor(world.initiative))
    assert held.exists()


def test_members_see_counts_under_k_as_fewer_than_k(client_as, world):
    """Given a released wave with a class of 3 respondents, when a member opens the wave
    page, then that class reads "fewer than 5" and its 3 appears nowhere in the table; the
    secretariat sees the live count."""
    inst = instrument(world.initiative)
    data = _data(30)
    small = _data(3, school="Lille Skole")
    merged = SurveyData(school=data.school + small.school,
                        grade=np.concatenate([data.grade, small.grade]),
                        gender=data.gender + small.gender,
                        values=np.vstack([data.values, small.values]))
    wave = import_data(world.initiative, inst, 2019, merged).wave
    population_replace(wave=wave, rows=[("Egelund Skole", 5, 31), ("Lille Skole", 5, 4)],
                       by=installation_actor(wave.initiative))
    url = reverse("measurement:wave", kwargs={"slug": world.initiative.slug, "pk": wave.pk})
    page = client_as("member").get(url).content.decode()
    assert "fewer than 5" in page
    assert ">3<" not in page
    rows = selectors.response_rates(wave=wave, released=True)
    assert [r.responses for r in rows if r.school == "Lille Skole"] == [None]
    live = client_as("secretariat").get(url).content.decode()
    assert ">3<" in live


def test_a_draft_waves_numbers_appear_on_no_page_or_export(client_as, world):
    """Given a published 2019 and a draft 2020 of 173 pupils who all answered 1, when every
    results page and export is opened by each role that may, then none shows 173 pupils,
    a 2020 row or a mean of 1.00; only the secretariat's review page shows the draft."""
    inst = instrument(world.initiative)
    import_data(world.initiative, inst, 2019, random_data(np.random.default_rng(3), n=80,
                                                          width=5))
    draft = import_data(world.initiative, inst, 2020, _data(173, value=1), publish=False)
    slug = world.initiative.slug
    urls = [reverse("measurement:overview", kwargs={"slug": slug}),
            reverse("measurement:public_results", kwargs={"slug": slug}),
            reverse("measurement:wave", kwargs={"slug": slug, "pk": draft.wave.pk})]
    for name in ("trends", "breakdown", "changes"):
        url = reverse(f"measurement:{name}", kwargs={"slug": slug, "pk": inst.pk})
        urls += [url, url + "?format=csv", url + "?year=2020&by=school&format=csv",
                 url + "?year_from=2019&year_to=2020&format=csv"]
    for role in ("member", "secretariat"):
        client = client_as(role)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (role, url)
            text = (b"".join(response.streaming_content) if response.streaming
                    else response.content).decode("utf-8-sig")
            live_counts = role == "secretariat" and (
                "/waves/" in url or url.endswith("/measurement/"))
            if not live_counts:  # the secretariat follows up a draft's live answer counts
                assert "173" not in text, (role, url)
            assert "1.00" not in text and "1,00" not in text, (role, url)
            if response["Content-Type"].startswith("text/csv"):
                assert "2020" not in text, (role, url)
    review = client_as("secretariat").get(
        reverse("measurement:wave_publish", kwargs={"slug": slug, "pk": draft.wave.pk}))
    assert "173" in review.content.decode()
