"""Factories and small builders for measurement tests (no JSON fixtures)."""

from __future__ import annotations

import csv
import io

import factory
import numpy as np

from rygrad.core.permissions import Actor
from rygrad.initiatives.tests.factories import InitiativeFactory
from rygrad.measurement.models import (
    ClassCode,
    PopulationCount,
    PupilCode,
    Wave,
    new_pupil_code,
    pupil_code_fingerprint,
)
from rygrad.measurement.permissions import installation_actor
from rygrad.measurement.services import instrument_load, survey_data_import
from rygrad.measurement.survey_file import SurveyData

__all__ = ["InitiativeFactory"]


def definition(*, slug="test", scale=(1, 5), items=None, indicators=None) -> dict:
    """A small instrument: s1-s3 (s3 reverse-coded) form "social", a1-a2 form "academic"."""
    low, high = scale
    items = items or [("s1", False), ("s2", False), ("s3", True), ("a1", False), ("a2", False)]
    indicators = indicators or [("social", ["s1", "s2", "s3"], 2.5),
                                ("academic", ["a1", "a2"], 2.0)]
    return {
        "slug": slug,
        "name": {"da": f"Skema {slug}", "en": f"Instrument {slug}"},
        "scale": {"min": low, "max": high, "labels": {
            "da": [f"v{v}" for v in range(low, high + 1)],
            "en": [f"v{v}" for v in range(low, high + 1)]}},
        "items": [{"code": c, "text": {"da": f"Spørgsmål {c}", "en": f"Question {c}"},
                   "reverse": r} for c, r in items],
        "indicators": [{"slug": s, "name": {"da": s, "en": s}, "items": its,
                        "low_threshold": t} for s, its, t in indicators],
    }


def respondent() -> Actor:
    """A pupil answering: nobody logged in, no initiative (the code is the permission)."""
    return Actor.anonymous(None)


def instrument(initiative, **kwargs):
    return instrument_load(initiative=initiative, definition=definition(**kwargs),
                           by=installation_actor(initiative))


class WaveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wave

    initiative = factory.SubFactory(InitiativeFactory)
    instrument = factory.LazyAttribute(lambda o: instrument(o.initiative))
    year = 2019
    is_open = True


class PopulationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PopulationCount

    wave = factory.SubFactory(WaveFactory)
    initiative = factory.LazyAttribute(lambda o: o.wave.initiative)
    school = "Egelund Skole"
    grade = 5
    pupils = 20


class ClassCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClassCode

    wave = factory.SubFactory(WaveFactory)
    initiative = factory.LazyAttribute(lambda o: o.wave.initiative)
    school = "Egelund Skole"
    grade = 5


def random_data(rng: np.random.Generator, *, n: int, width: int, schools=("A", "B"),
                grades=(5, 6), genders=("girl", "boy"), scale=(1, 5),
                missing: float = 0.1) -> SurveyData:
    values = rng.integers(scale[0], scale[1] + 1, size=(n, width)).astype(np.int8)
    values[rng.random((n, width)) < missing] = -1
    return SurveyData(
        school=[str(s) for s in rng.choice(schools, n)],
        grade=np.asarray(rng.choice(grades, n), dtype=np.int16),
        gender=[str(g) for g in rng.choice(genders, n)],
        values=values,
    )


def import_data(initiative, inst, year, data, *, publish=True, **kwargs):
    """Import a wave's data and (unless `publish=False`) publish it as a release."""
    from rygrad.measurement.services import wave_publish

    result = survey_data_import(initiative=initiative, instrument=inst, year=year, data=data,
                                **kwargs, by=installation_actor(initiative))
    if publish:
        wave_publish(wave=result.wave, by=installation_actor(result.wave.initiative))
    return result


def data_csv(data: SurveyData, codes: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["school", "grade", "gender", *codes])
    for i in range(len(data)):
        writer.writerow([data.school[i], int(data.grade[i]), data.gender[i],
                         *["" if v < 0 else int(v) for v in data.values[i]]])
    return out.getvalue()


class PupilCodeFactory(factory.django.DjangoModelFactory):
    """A pupil code row (only a fingerprint); `pupil_code()` also gives the code in clear."""

    class Meta:
        model = PupilCode

    wave = factory.SubFactory(WaveFactory)
    initiative = factory.LazyAttribute(lambda o: o.wave.initiative)
    school = "Egelund Skole"
    grade = 5
    code_hash = factory.LazyFunction(lambda: pupil_code_fingerprint(new_pupil_code()))


def pupil_code(**kwargs) -> tuple[PupilCode, str]:
    """A stored pupil code and the code in clear that a pupil would type."""
    code = new_pupil_code()
    return PupilCodeFactory(code_hash=pupil_code_fingerprint(code), **kwargs), code
