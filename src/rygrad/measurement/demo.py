"""The demo's shared measurement: both shipped instruments, a wave every year from 2017
up to the current year for ten schools, through the same bulk-import service a secretariat
uses, so the dashboard on today's date shows a live survey.

The data are synthetic but shaped like +DIG's survey (grades 5-8, about 950 answering pupils a
year, high response rates): social well-being and loneliness improve a little from 2018 to
2020 (real, small effects), loneliness rises in 2021 (the school closures) and recovers
slowly, the other indicators only wobble (noise), and one very small school shows what
disclosure control hides. The current year's wave is open for answers.
"""

from __future__ import annotations

import json

import numpy as np
from django.utils import timezone

from .instruments import SHIPPED
from .permissions import installation_actor
from .services import (
    class_codes_generate,
    indicator_goal_create,
    instrument_load,
    population_replace,
    survey_data_import,
    wave_publish,
    wave_set_open,
)
from .survey_file import SurveyData

FIRST_YEAR = 2017


def survey_years(today=None) -> list[int]:
    """2017 up to the current year: the demo's survey reaches today, whenever it is built."""
    today = today or timezone.localdate()
    return list(range(FIRST_YEAR, max(today.year, 2020) + 1))


GRADES = (5, 6, 7, 8)
# School -> typical pupils per grade.
SCHOOLS = {
    "Egelund Skole": 52, "Bakkely Skole": 44, "Fjordskolen": 38, "Skovbrynet Skole": 30,
    "Havnebyens Skole": 27, "Lindegårdsskolen": 24, "Mosevang Skole": 21,
    "Kildeskolen": 17, "Egelund Friskole": 13, "Lille Egebjerg Friskole": 4,
}
# Indicator -> (mean latent score in 2017, yearly change 2018-2020).
TRIVSEL = {"social": (3.75, 0.09), "academic": (3.6, 0.0), "support": (3.35, 0.0),
           "order": (3.2, 0.0)}
NOT_LONELY = (2.35, 0.05)
# After 2020: the school closures of 2021 set loneliness and social well-being back, and
# the alliance's work wins it back slowly (a year -> shift added to the 2020 level).
AFTER_2020 = {2021: -0.12, 2022: -0.08, 2023: -0.04, 2024: -0.01}


def build(initiative, rng) -> None:
    generator = np.random.default_rng(rng.randrange(2**32))
    by = installation_actor(initiative)
    trivsel = instrument_load(initiative=initiative, definition=_shipped("trivsel-4-9"),
                              by=by)
    loneliness = instrument_load(initiative=initiative, definition=_shipped("ensomhed"),
                                 by=by)
    years = survey_years()
    for year in years:
        population = {(school, grade): max(2, int(generator.normal(size, size * 0.12)))
                      for school, size in SCHOOLS.items() for grade in GRADES}
        answered = {key: int(generator.binomial(pupils, 0.88))
                    for key, pupils in population.items()}
        for instrument, spec in ((trivsel, None), (loneliness, NOT_LONELY)):
            data = _answers(generator, instrument=instrument, year=year, counts=answered,
                            spec=spec)
            result = survey_data_import(initiative=initiative, instrument=instrument,
                                        year=year, data=data, by=by)
            population_replace(wave=result.wave, rows=[
                (school, grade, pupils) for (school, grade), pupils in population.items()],
                by=by)
            wave_publish(wave=result.wave, by=by)
    latest = trivsel.waves.get(year=years[-1])
    wave_set_open(wave=latest, is_open=True, by=by)
    class_codes_generate(wave=latest, by=by)
    _goals(initiative, trivsel, loneliness, by=by)


# Track name in the agenda demo -> (instrument, indicator, measure, target, by year): one
# goal judged on a past survey, one still ahead.
GOALS = {
    "Trivsel i skole og dagtilbud": ("trivsel", "social", "mean", 4.0, 2022),
    "Fællesskaber i fritiden": ("loneliness", "not-lonely", "share_low", 0.08, None),
}


def _goals(initiative, trivsel, loneliness, *, by) -> None:
    """Measurable goals on the agenda demo's tracks (when the agenda app built them)."""
    from rygrad.agenda.models import Track

    instruments = {"trivsel": trivsel, "loneliness": loneliness}
    for name, (which, slug, measure, target, by_year) in GOALS.items():
        by_year = by_year or survey_years()[-1] + 1
        track = Track.objects.for_initiative(initiative).filter(name=name).first()
        if track is None:
            continue
        indicator_goal_create(initiative=initiative, track=track,
                              indicator=instruments[which].indicators.get(slug=slug),
                              measure=measure, target=target, baseline_year=FIRST_YEAR,
                              by_year=by_year, by=by)


def _shipped(slug: str) -> dict:
    return json.loads(SHIPPED[slug].read_text(encoding="utf-8"))


def _answers(generator, *, instrument, year, counts, spec) -> SurveyData:
    """Answers of every pupil: a latent score per indicator, items around it."""
    schools, grades = [], []
    for (school, grade), count in counts.items():
        schools += [school] * count
        grades += [grade] * count
    n = len(schools)
    codes = instrument.item_codes
    reverse = {item["code"] for item in instrument.items if item.get("reverse")}
    low, high = instrument.scale_min, instrument.scale_max
    values = np.full((n, len(codes)), -1, dtype=np.int8)
    pupil = generator.normal(0, 0.35, n)  # a pupil's general well-being
    for indicator in instrument.definition["indicators"]:
        base, trend = spec if spec else TRIVSEL[indicator["slug"]]
        mean = base + trend * min(3, max(0, year - 2017)) + generator.normal(0, 0.03)
        if trend and year > 2020:  # the indicators with a real effect took the closures
            mean += AFTER_2020.get(year, 0.0)
        spread = 0.6 if high == 5 else 0.45
        latent = mean + pupil + generator.normal(0, spread, n)
        for code in indicator["items"]:
            raw = np.clip(np.rint(latent + generator.normal(0, 0.55, n)), low, high)
            if code in reverse:
                raw = low + high - raw
            values[:, codes.index(code)] = raw
    values[generator.random(values.shape) < 0.03] = -1
    genders = generator.choice(["girl", "boy", "other"], n, p=[0.49, 0.49, 0.02])
    return SurveyData(school=schools, grade=np.asarray(grades, dtype=np.int16),
                      gender=[str(g) for g in genders], values=values)
