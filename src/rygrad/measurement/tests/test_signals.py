"""The measurement signals: response rate of the latest wave, supported changes since the
previous wave, and the share of pupils in the lowest band."""

import datetime as dt

import numpy as np
import pytest

from rygrad.core.signals import get_signal
from rygrad.measurement.permissions import installation_actor
from rygrad.measurement.services import population_replace
from rygrad.measurement.survey_file import SurveyData

from .factories import InitiativeFactory, import_data, instrument

AT = dt.date(2020, 6, 1)


def _data(rows: list[tuple[str, int, list[int]]]) -> SurveyData:
    return SurveyData(school=[r[0] for r in rows], grade=np.array([r[1] for r in rows]),
                      gender=["girl"] * len(rows),
                      values=np.array([r[2] for r in rows], dtype=np.int8))


@pytest.fixture
def initiative(db):
    return InitiativeFactory()


def test_no_survey_means_no_value(initiative):
    """Given no waves, when the signals are computed, then each is empty (not zero)."""
    for key in ("measurement.response_rate", "measurement.significant_changes",
                "measurement.lowest_band_share"):
        assert get_signal(key).evaluate(initiative, AT).value is None


def test_response_rate_of_the_latest_wave_warns_below_80_percent(initiative):
    """Given 2019 (all 10 of 10 answered) and 2020 (15 of 20 registered pupils answered),
    when computed as of 2020, then the rate is 15/20 = 75 % and it warns; once 4 answers
    of a grade without a population count are published too, the latest rate is not
    given (total minus the registered classes would reveal that small grade) rather than
    the older wave's."""
    inst = instrument(initiative)
    old = import_data(initiative, inst, 2019, _data([("A", 5, [3] * 5)] * 10)).wave
    population_replace(wave=old, rows=[("A", 5, 10)], by=installation_actor(old.initiative))
    new = import_data(initiative, inst, 2020, _data([("A", 5, [3] * 5)] * 15)).wave
    population_replace(wave=new, rows=[("A", 5, 20)], by=installation_actor(new.initiative))
    value = get_signal("measurement.response_rate").evaluate(initiative, AT)
    assert value.value == pytest.approx(0.75) and value.warning
    import_data(initiative, inst, 2020, _data([("A", 5, [3] * 5)] * 15
                                              + [("A", 6, [3] * 5)] * 5), replace=True)
    assert get_signal("measurement.response_rate").evaluate(initiative, AT).value is None
    earlier = get_signal("measurement.response_rate").evaluate(initiative, dt.date(2019, 6, 1))
    assert earlier.value == pytest.approx(1.0) and not earlier.warning


def test_significant_changes_count_indicators_that_really_moved(initiative):
    """Given academic answers that go from 2 to 4 for 60 pupils (and social unchanged),
    when computed, then exactly one indicator has a supported change."""
    inst = instrument(initiative)
    rng = np.random.default_rng(2)
    for year, academic in ((2019, 2), (2020, 4)):
        rows = []
        for _ in range(60):
            social = [int(v) for v in rng.integers(1, 6, 3)]
            rows.append(("A", 5, social + [academic, academic + int(rng.integers(-1, 2))]))
        import_data(initiative, inst, year, _data(rows))
    assert get_signal("measurement.significant_changes").evaluate(initiative, AT).value == 1


def test_lowest_band_share_counts_pupils_low_on_any_indicator(initiative):
    """Given 3 pupils answering all 1s (academic 1.0; social (1 + 1 + 5) / 3 = 2.33 with s3
    reversed) and 7 answering all 4s, when computed, then 3 of 10 are in the lowest band
    of at least one indicator: 30 %, which warns (threshold 10 %)."""
    inst = instrument(initiative)
    import_data(initiative, inst, 2020, _data([("A", 5, [1] * 5)] * 3 + [("A", 5, [4] * 5)] * 7))
    value = get_signal("measurement.lowest_band_share").evaluate(initiative, AT)
    assert value.value == pytest.approx(0.3) and value.warning


def test_lowest_band_share_is_hidden_for_fewer_than_k_pupils(initiative):
    """Given only 4 pupils (k = 5), when computed, then no value is given."""
    inst = instrument(initiative)
    import_data(initiative, inst, 2020, _data([("A", 5, [1] * 5)] * 4))
    assert get_signal("measurement.lowest_band_share").evaluate(initiative, AT).value is None


def test_significant_changes_add_up_over_instruments(initiative):
    """Given two instruments whose academic answers both go from 2 to 4, when computed,
    then both changes are counted."""
    for slug in ("first", "second"):
        inst = instrument(initiative, slug=slug)
        for year, academic in ((2019, 2), (2020, 4)):
            rows = [("A", 5, [3, 3, 3, academic, academic + (i % 3) - 1]) for i in range(60)]
            import_data(initiative, inst, year, _data(rows))
    assert get_signal("measurement.significant_changes").evaluate(initiative, AT).value == 2
