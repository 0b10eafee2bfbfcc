"""The statistics, on whole columns at once (scipy and statsmodels on numpy arrays), so a
national breakdown of hundreds of thousands of groups needs no Python loop.

- mean: 95% t-interval, mean +/- t(0.975, n-1) * sd / sqrt(n);
- share: 95% Wilson score interval (better than the normal one for small n and shares
  near 0 or 1, which is exactly where small groups of children are);
- change of mean: Welch's t-test (no equal-variance assumption);
- change of share: pooled two-proportion z-test;
- many groups: Benjamini-Hochberg q-values (false discovery rate).
"""

from __future__ import annotations

import numpy as np
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

Z95 = float(stats.norm.ppf(0.975))


def _t_quantile(df: np.ndarray) -> np.ndarray:
    """t(0.975, df) for each df, computed once per distinct df."""
    df = np.asarray(df, dtype=float)
    out = np.full(df.shape, np.nan)
    ok = df >= 1
    if ok.any():
        unique, inverse = np.unique(df[ok], return_inverse=True)
        out[ok] = stats.t.ppf(0.975, unique)[inverse]
    return out


def t_interval(mean, sd, n) -> tuple[np.ndarray, np.ndarray]:
    """95% t-interval of a mean; NaN when n < 2 (no spread can be estimated)."""
    mean, sd, n = (np.asarray(a, dtype=float) for a in (mean, sd, n))
    with np.errstate(invalid="ignore", divide="ignore"):
        half = _t_quantile(n - 1) * sd / np.sqrt(n)
    return mean - half, mean + half


def wilson_interval(successes, n) -> tuple[np.ndarray, np.ndarray]:
    """95% Wilson score interval of the share successes / n (NaN where n is 0)."""
    x, n = np.asarray(successes, dtype=float), np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        low, high = proportion_confint(x, np.where(n > 0, n, np.nan), alpha=0.05,
                                       method="wilson")
    return np.asarray(low, dtype=float), np.asarray(high, dtype=float)


def welch_p_value(mean0, sd0, n0, mean1, sd1, n1) -> np.ndarray:
    """Two-sided p-value of Welch's t-test from group summaries.

    When both groups have no spread the test is undefined; equal means then give p = 1
    (nothing suggests a change) and different means give p = 0.
    """
    m0, s0, n0, m1, s1, n1 = (np.asarray(a, dtype=float) for a in (mean0, sd0, n0, mean1,
                                                                   sd1, n1))
    with np.errstate(invalid="ignore", divide="ignore"):
        p = stats.ttest_ind_from_stats(m0, s0, n0, m1, s1, n1, equal_var=False).pvalue
    degenerate = (s0 * s0 / n0 + s1 * s1 / n1) == 0
    return np.where(degenerate, np.where(m1 == m0, 1.0, 0.0), p)


def two_proportion_p_value(x0, n0, x1, n1) -> np.ndarray:
    """Two-sided p-value of the pooled two-proportion z-test (p = 1 when both shares are
    0 % or both 100 %, where the test has no spread to work with)."""
    x0, n0, x1, n1 = (np.asarray(a, dtype=float) for a in (x0, n0, x1, n1))
    pooled = (x0 + x1) / (n0 + n1)
    se = np.sqrt(pooled * (1 - pooled) * (1 / n0 + 1 / n1))
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (x1 / n1 - x0 / n0) / se
        p = 2 * stats.norm.sf(np.abs(z))
    return np.where(se == 0, 1.0, p)


def benjamini_hochberg(p_values) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (q-values); NaN p-values stay NaN and do not
    count among the tests."""
    p = np.asarray(p_values, dtype=float)
    q = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    m = int(ok.sum())
    if m == 0:
        return q
    q[ok] = stats.false_discovery_control(p[ok], method="bh")
    return q
