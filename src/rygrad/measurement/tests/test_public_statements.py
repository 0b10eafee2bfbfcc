"""The public results page leads with plain statements that are true under the statistics:
the share in the lowest band with its Wilson interval, a change called a change only when
the Benjamini-Hochberg-adjusted test supports it, the direction of the scale in words, and
no q-values (those stay on the detailed pages). The figures are recomputed here from the
pupils' raw answers with scipy/statsmodels, not read back from Rygrad's own tables."""

import numpy as np
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from .factories import import_data, instrument, random_data

# The factory instrument: social = s1, s2 and reverse-coded s3 (low at 2.5 or below),
# academic = a1, a2 (low at 2.0 or below), on a 1-5 scale.
INDICATORS = {"social": ([0, 1, 2], 2.5), "academic": ([3, 4], 2.0)}


def _scores(data, slug):
    columns, _threshold = INDICATORS[slug]
    values = data.values[:, columns].astype(float)
    if slug == "social":
        values[:, 2] = 6 - values[:, 2]
    return values.mean(axis=1)


def _pct(value):
    return number_format(round(value * 100), decimal_pos=0)


def _two_years(world, *, shift):
    """2018 and 2019, 300 pupils each in grades 5-6; `shift` raises 2019's answers."""
    inst = instrument(world.initiative)
    rng = np.random.default_rng(11)
    waves = {}
    for year, bump in ((2018, 0), (2019, shift)):
        data = random_data(rng, n=300, width=5, missing=0.0)
        data.values[:] = np.clip(data.values + bump, 1, 5)
        import_data(world.initiative, inst, year, data)
        waves[year] = data
    return inst, waves


def _statements(client, world):
    page = client.get(reverse("measurement:public_results",
                              kwargs={"slug": world.initiative.slug}))
    assert page.status_code == 200
    return page, {s.indicator: s for s in page.context["sections"][0]["statements"]}


def _expected(waves, slug):
    """(share, Wilson low, high, supported?) for 2019 against 2018, from the raw answers."""
    threshold = INDICATORS[slug][1]
    low = {year: int((_scores(data, slug) <= threshold + 1e-9).sum())
           for year, data in waves.items()}
    n = {year: len(data) for year, data in waves.items()}
    ci = proportion_confint(low[2019], n[2019], alpha=0.05, method="wilson")
    p_values = [proportions_ztest([low[2018], low[2019]], [n[2018], n[2019]])[1]
                for slug in INDICATORS for low in [
                    {y: int((_scores(d, slug) <= INDICATORS[slug][1] + 1e-9).sum())
                     for y, d in waves.items()}]]
    q = multipletests(p_values, method="fdr_bh")[1][list(INDICATORS).index(slug)]
    return low[2019] / n[2019], ci, low[2018] / n[2018], q < 0.05


@pytest.mark.parametrize("shift", [0, 1])
def test_the_lead_statement_gives_the_share_its_interval_and_a_supported_change_only(
        client, world, shift):
    """Given two published years — the same distribution (shift 0) or 2019's answers one
    point higher (shift 1) — when anyone opens the public results, then each indicator's
    statement gives 2019's share in the lowest band with its Wilson interval in whole per
    cent, for grades 5-6, and speaks of a "statistically supported fall" exactly when the
    BH-adjusted two-proportion test says so, else "no statistically supported change"."""
    _inst, waves = _two_years(world, shift=shift)
    page, statements = _statements(client, world)
    supported_any = False
    for slug in INDICATORS:
        share, (low, high), before, supported = _expected(waves, slug)
        lead = statements[slug].lead
        assert lead.startswith(f"In 2019, {_pct(share)} % (95 % interval {_pct(low)}–"
                               f"{_pct(high)} %) of the 300 pupils who answered in grades "
                               f"5–6 were in the lowest band on {slug}"), lead
        if supported:
            assert f"a statistically supported fall from {_pct(before)} % in 2018" in lead
            assert statements[slug].change == -1
        else:
            assert f"no statistically supported change since 2018 ({_pct(before)} %)" in lead
            assert statements[slug].change == 0
        assert "where a higher score is better" in statements[slug].mean
        supported_any |= supported
    assert supported_any == bool(shift)  # the two cases really are different
    body = page.content.decode()
    assert body.index(statements["social"].lead) < body.index("<svg")
    assert "q =" not in body and "q-value" not in body and "q &lt;" not in body


def test_the_detailed_trends_page_keeps_the_q_values(client_as, world):
    """Given the same two years, the members' trends page still gives each change with its
    q-value ("q = ..."), where the public page gives none."""
    inst, _waves = _two_years(world, shift=1)
    page = client_as("member").get(reverse("measurement:trends",
                              kwargs={"slug": world.initiative.slug, "pk": inst.pk}))
    assert "q = " in page.content.decode()


def test_a_year_under_k_is_said_in_words_without_a_number(client, world):
    """Given a first year of 200 pupils and a latest year of 4 (under k), the statements
    about the latest year say that too few answered, and give no share and no comparison."""
    inst = instrument(world.initiative)
    rng = np.random.default_rng(3)
    import_data(world.initiative, inst, 2018, random_data(rng, n=200, width=5))
    import_data(world.initiative, inst, 2019, random_data(rng, n=4, width=5))
    _page, statements = _statements(client, world)
    for slug in INDICATORS:
        assert statements[slug].lead == (f"In 2019 too few pupils answered on {slug} to "
                                         "publish a number.")
        assert statements[slug].mean == "" and statements[slug].change is None


def test_a_first_year_has_no_comparison_and_danish_reads_danish(client, world):
    """Given one published year, the statement has no change clause; in Danish it reads
    "I 2019 var ... i den laveste gruppe" with a decimal comma in the mean."""
    inst = instrument(world.initiative)
    rng = np.random.default_rng(5)
    data = random_data(rng, n=120, width=5, missing=0.0, grades=(7,))
    import_data(world.initiative, inst, 2019, data)
    _page, statements = _statements(client, world)
    assert "since" not in statements["academic"].lead
    assert "of the 120 pupils who answered in grade 7 " in statements["academic"].lead
    with translation.override("da"):
        page = client.get(reverse("measurement:public_results",
                                  kwargs={"slug": world.initiative.slug}),
                          HTTP_ACCEPT_LANGUAGE="da")
        danish = page.context["sections"][0]["statements"][1]
    assert danish.lead.startswith("I 2019 var "), danish.lead
    assert "i den laveste gruppe" in danish.lead and "7. klasse" in danish.lead
    with translation.override("da"):
        mean = number_format(float(_scores(data, "academic").mean()), decimal_pos=2)
    assert "," in mean and mean in danish.mean
    assert "højere score er bedre" in danish.mean
