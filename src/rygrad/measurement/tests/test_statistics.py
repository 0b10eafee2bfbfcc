"""The statistics checked against scipy and statsmodels on generated data: scores with
reverse-coded items and the half-answered rule, t- and Wilson intervals, Welch and
two-proportion tests, and Benjamini-Hochberg q-values, including groups of 2 to 6."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from rygrad.measurement.analytics import cube_build, protect, stats
from rygrad.measurement.analytics.changes import indicator_changes
from rygrad.measurement.analytics.groups import indicator_table
from rygrad.measurement.snapshots import snapshot_table

from .factories import definition

CODES = ["s1", "s2", "s3", "a1", "a2"]  # s3 is reverse-coded; social = s1-s3, academic = a1-a2


def _snapshot(tmp_path, name, *, year, schools, values):
    table = snapshot_table(year=year, school=schools, grade=[5] * len(schools),
                           gender=["girl"] * len(schools), values=values, codes=CODES)
    import pyarrow.parquet as pq

    path = tmp_path / f"{name}.parquet"
    pq.write_table(table, path)
    return path


def _hand_scores(values):
    """Scores by hand: flip s3 (1 + 5 - v), mean of answered, only if >= half answered."""
    v = values.astype(float)
    v[v < 0] = np.nan
    social = np.column_stack([v[:, 0], v[:, 1], 6 - v[:, 2]])
    academic = v[:, 3:5]
    result = {}
    for name, block in (("social", social), ("academic", academic)):
        answered = (~np.isnan(block)).sum(axis=1)
        with np.errstate(invalid="ignore"):
            score = np.nanmean(np.where(answered[:, None] > 0, block, 0), axis=1)
        score[answered * 2 < block.shape[1]] = np.nan
        result[name] = score
    return result


@pytest.fixture
def generated(tmp_path):
    """Given years with 2, 3, 4, 5, 6 and 80 pupils, with 30 % unanswered items (one year
    per group, so that complementary suppression, which never sums years, stays out)."""
    rng = np.random.default_rng(7)
    sizes = {2014: 2, 2015: 3, 2016: 4, 2017: 5, 2018: 6, 2019: 80}
    paths, years, blocks = [], [], []
    for year, n in sizes.items():
        values = rng.integers(1, 6, size=(n, 5)).astype(np.int8)
        values[rng.random(values.shape) < 0.3] = -1
        paths.append(_snapshot(tmp_path, str(year), year=year, schools=["A"] * n,
                               values=values))
        years += [year] * n
        blocks.append(values)
    return paths, np.array(years), np.vstack(blocks)


def _protected(paths, k):
    cube = cube_build(paths=paths, definition=definition())
    cube["suppressed"] = protect(cube, k=k)
    return cube


def test_group_numbers_match_scipy_and_statsmodels(generated):
    """Given generated answers, when the table by year is computed with k = 3, then n,
    mean, the t-interval, the share at or below the threshold and its Wilson interval equal
    scipy/statsmodels on hand-computed scores, and groups under 3 are hidden entirely."""
    paths, years, values = generated
    table = indicator_table(cube=_protected(paths, 3), definition=definition(), by=["year"])
    scores = _hand_scores(values)
    thresholds = {"social": 2.5, "academic": 2.0}
    checked = 0
    for row in table.itertuples():
        mine = scores[row.indicator][(years == row.year)]
        mine = mine[~np.isnan(mine)]
        fewest = min(int((~np.isnan(s[years == row.year])).sum()) for s in scores.values())
        if fewest < 3:  # one pattern for all indicators: hidden if any rests on < 3
            assert row.suppressed and pd.isna(row.n) and pd.isna(row.mean)
            continue
        assert not row.suppressed
        assert row.n == len(mine)
        assert row.mean == pytest.approx(mine.mean())
        low, high = sps.t.interval(0.95, len(mine) - 1, loc=mine.mean(), scale=sps.sem(mine))
        assert (row.ci_low, row.ci_high) == pytest.approx((low, high))
        x = int((mine <= thresholds[row.indicator]).sum())
        assert row.share_low == pytest.approx(x / len(mine))
        wl, wh = proportion_confint(x, len(mine), alpha=0.05, method="wilson")
        assert (row.share_low_ci_low, row.share_low_ci_high) == pytest.approx((wl, wh))
        checked += 1
    assert checked >= 8
    assert table[table["year"] == 2014]["suppressed"].all()


def test_reverse_coding_and_the_half_answered_rule(tmp_path):
    """Given pupils answering 3 of 3, 2 of 3 and 1 of 3 social items (s3 reversed), when
    scored, then the first two count (with s3 flipped) and the third does not."""
    values = np.array([
        [5, 4, 1, -1, -1],   # social (5 + 4 + 5) / 3; academic unanswered
        [2, -1, 4, 3, -1],   # social (2 + 2) / 2; academic 3 (1 of 2 = half: counts)
        [1, -1, -1, 1, 1],   # social: 1 of 3 < half, no score; academic 1
    ] * 2, dtype=np.int8)
    path = _snapshot(tmp_path, "b", year=2019, schools=["A"] * 6, values=values)
    table = indicator_table(cube=_protected([path], 3), definition=definition(),
                            by=["year"])
    social = table[table["indicator"] == "social"].iloc[0]
    academic = table[table["indicator"] == "academic"].iloc[0]
    assert social["n"] == 4
    assert social["mean"] == pytest.approx((14 / 3 + 2) * 2 / 4)
    assert academic["n"] == 4
    assert academic["mean"] == pytest.approx((3 + 1) * 2 / 4)
    assert social["band_1"] == pytest.approx(0.5)  # the two scores of 2.0 are in 1.0-2.0
    assert social["band_4"] == pytest.approx(0.5)  # 4.67 is in 4.1-5.0


def test_changes_match_welch_two_proportion_and_benjamini_hochberg(tmp_path):
    """Given two years of generated answers for four schools, when changes by school are
    computed, then p-values equal scipy's Welch test and statsmodels' pooled z-test on the
    scores, and q-values equal statsmodels' fdr_bh over each p-value column."""
    rng = np.random.default_rng(11)
    sizes = {"A": 40, "B": 25, "C": 60, "D": 12}
    schools = [s for s, n in sizes.items() for _ in range(n)]
    first = rng.integers(1, 6, size=(len(schools), 5)).astype(np.int8)
    second = np.clip(rng.integers(1, 6, size=(len(schools), 5)) + rng.integers(0, 2, size=(
        len(schools), 5)), 1, 5).astype(np.int8)
    first[rng.random(first.shape) < 0.1] = -1
    p0 = _snapshot(tmp_path, "y0", year=2018, schools=schools, values=first)
    p1 = _snapshot(tmp_path, "y1", year=2019, schools=schools, values=second)
    result = indicator_changes(cube=_protected([p0, p1], 5), definition=definition(),
                               year_from=2018, year_to=2019, by=["school"])
    s0, s1 = _hand_scores(first), _hand_scores(second)
    names = np.array(schools)
    expected_p, expected_share_p = [], []
    for row in result.itertuples():
        threshold = 2.5 if row.indicator == "social" else 2.0
        a = s0[row.indicator][names == row.school]
        b = s1[row.indicator][names == row.school]
        a, b = a[~np.isnan(a)], b[~np.isnan(b)]
        assert (row.n_from, row.n_to) == (len(a), len(b))
        assert row.diff == pytest.approx(b.mean() - a.mean())
        expected_p.append(sps.ttest_ind(b, a, equal_var=False).pvalue)
        counts = np.array([(b <= threshold).sum(), (a <= threshold).sum()])
        expected_share_p.append(proportions_ztest(counts, np.array([len(b), len(a)]))[1])
    assert len(result) == 8
    assert result["p_value"].to_numpy() == pytest.approx(expected_p)
    assert result["share_p_value"].to_numpy() == pytest.approx(expected_share_p)
    assert result["q_value"].to_numpy() == pytest.approx(
        multipletests(expected_p, method="fdr_bh")[1])
    assert result["share_q_value"].to_numpy() == pytest.approx(
        multipletests(expected_share_p, method="fdr_bh")[1])
    assert (result["significant"] == (result["q_value"] < 0.05)).all()
    assert (result["share_significant"] == (result["share_q_value"] < 0.05)).all()


def test_benjamini_hochberg_leaves_missing_p_values_out():
    """Given p-values with a NaN, when adjusted, then the NaN stays and the others equal
    statsmodels' fdr_bh over the three real tests."""
    q = stats.benjamini_hochberg([0.01, np.nan, 0.04, 0.03])
    expected = multipletests([0.01, 0.04, 0.03], method="fdr_bh")[1]
    assert np.isnan(q[1])
    assert [q[0], q[2], q[3]] == pytest.approx(list(expected))


def test_degenerate_tests_give_no_false_change():
    """Given groups without any spread and equal values, when tested, then p = 1."""
    assert stats.welch_p_value([3.0], [0.0], [5], [3.0], [0.0], [6])[0] == 1.0
    assert stats.two_proportion_p_value([0], [5], [0], [7])[0] == 1.0
