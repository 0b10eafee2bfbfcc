"""The shared measurement of a large initiative (`rygrad generate_large`, see core/large.py).

A full initiative has 40,000 survey responses: the well-being survey for grades 4-9 once
a year for the four years before this one (10,000 answering pupils a year, about 88 % of
the pupils in its schools), written as raw response rows by the same bulk import a
secretariat uses (`survey_data_import`: PostgreSQL's COPY, or batched INSERTs on SQLite),
each year's school and grade counts as its population, and each year published through the
real service (which computes and protects the numbers from the rows). This year's wave is
open for answers, with its population and class codes and no answers yet: the pupils
answer it online (as in bench/load.py). The answers are drawn as in the demo
(`demo._answers`: a latent score per pupil and indicator, items around it, a few skipped).
No number is made up: every figure a page shows is computed from these rows.

The response ids are random by design (models.random_response_id), so they differ from one
build to the next; every other value is seeded.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from django.utils import timezone

from .demo import _answers, _shipped
from .permissions import installation_actor
from .services import (
    class_codes_generate,
    instrument_load,
    population_replace,
    survey_data_import,
    wave_create,
    wave_publish,
    wave_set_open,
)

FULL_RESPONSES = 40_000
YEARS = 4  # published, before this year's open wave
GRADES = (4, 5, 6, 7, 8, 9)
RESPONSE_RATE = 0.88
PUPILS_PER_GRADE = 55  # a typical school's grade, for how many schools there are
SCHOOL_NAMES = ["{place} Skole", "Bakkeskolen", "Fjordskolen", "Skovbrynet Skole",
                "Kildeskolen", "Lindegårdsskolen", "Mosevang Skole", "Havnebyens Skole",
                "Engtofte Skole", "Nørre Skole", "Søndre Skole", "Vesterskolen", "Østerskolen",
                "Stjerneskolen", "Egebjerg Skole", "{place} Friskole", "Bøgelyskolen",
                "Toftegårdsskolen", "Ådalens Skole", "Hedelyskolen", "{place} Privatskole",
                "Strandvejens Skole", "Solbakkeskolen", "Rosenhøjskolen", "Pilegårdsskolen"]


def _schools(rng, place: str, per_year: int) -> dict[str, float]:
    """School -> its share of the pupils: a few large schools, many small ones."""
    count = max(3, min(len(SCHOOL_NAMES), round(per_year / RESPONSE_RATE / len(GRADES)
                                                / PUPILS_PER_GRADE)))
    sizes = {name.format(place=place): rng.lognormvariate(0, 0.5)
             for name in SCHOOL_NAMES[:count]}
    total = sum(sizes.values())
    return {name: size / total for name, size in sizes.items()}


def build_large(initiative, rng, scale) -> None:
    generator = np.random.default_rng(rng.randrange(2**32))
    by = installation_actor(initiative)
    trivsel = instrument_load(initiative=initiative, definition=_shipped("trivsel-4-9"), by=by)
    today = timezone.localdate()
    per_year = scale.count(FULL_RESPONSES) // YEARS
    place = initiative.municipality.removesuffix(" Kommune")
    schools = _schools(rng, place, per_year)
    years = list(range(today.year - YEARS, today.year))
    for year in years:
        # Exactly per_year pupils, spread over the classes by the schools' shares.
        classes = [(school, grade) for school in schools for grade in GRADES]
        counts = generator.multinomial(per_year, [schools[school] / len(GRADES)
                                                  for school, _grade in classes])
        answered = dict(zip(classes, map(int, counts), strict=True))
        data = _answers(generator, instrument=trivsel, year=year,
                        counts=answered, spec=None)
        on = min(today, dt.date(year, 3, 1) + dt.timedelta(days=int(generator.integers(0, 60))))
        result = survey_data_import(initiative=initiative, instrument=trivsel, year=year,
                                    data=data, by=by, on=on)
        population_replace(wave=result.wave, rows=_population(answered), by=by)
        wave_publish(wave=result.wave, by=by)
    latest = wave_create(initiative=initiative, instrument=trivsel, year=today.year, by=by)
    population_replace(wave=latest, rows=_population(answered), by=by)
    wave_set_open(wave=latest, is_open=True, by=by)
    class_codes_generate(wave=latest, by=by)



def _population(answered: dict) -> list[tuple[str, int, int]]:
    """Pupils per school and grade: those who answered are about 88 % of them."""
    return [(school, grade, max(1, count, round(count / RESPONSE_RATE)))
            for (school, grade), count in answered.items()]
