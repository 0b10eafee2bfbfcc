"""Every page with a chart, full of the demo, in Debian's Chromium on a desktop (1280 px)
and a phone (320 px): no table beside (or below) a chart is cut off — it fits, or on the
phone it scrolls by design with a visible cue and can be reached with the keyboard — chart
text is at least 12 px as drawn, axe-core finds no WCAG 2.1 AA violation and the page does
not scroll sideways. The timeline's period works without JavaScript. Checked by
test_browser_demo.py, on the demo it builds once for this and the printing."""

import datetime as dt

from django.urls import reverse

from rygrad.core.browser import axe_violations, describe_violations
from rygrad.core.charts import MIN_FONT_SIZE

SCREENS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 320, "height": 640}}

# What a chart page shows, measured in the browser: the drawn size of every chart text
# (its font size times the scale the SVG is shown at), and for every box holding a chart
# or the table of its numbers whether it is wider inside than it shows.
MEASURE = """minimum => {
  const small = [];
  const charts = document.querySelectorAll('main svg[role=img]');
  for (const svg of charts) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const text of svg.querySelectorAll('text')) {
      const size = parseFloat(getComputedStyle(text).fontSize) * scale;
      if (text.textContent.trim() && size < minimum - 0.01) {
        small.push(`"${text.textContent.trim()}" at ${size.toFixed(1)} px`);
      }
    }
  }
  const boxes = [...document.querySelectorAll(
      '.chart-with-table > .chart, .chart-with-table > .table-scroll, main .chart, '
      + '.timeline ~ .table-scroll')].map(box => {
    const style = getComputedStyle(box);
    return {
      name: box.getAttribute('aria-label') || box.className,
      inside: box.scrollWidth, shown: box.clientWidth,
      scrolls: ['auto', 'scroll'].includes(style.overflowX),
      cue: style.backgroundImage.includes('radial-gradient'),
      keyboard: box.tabIndex === 0 && (box.hasAttribute('aria-label')
                || box.hasAttribute('aria-labelledby')),
    };
  });
  return {charts: charts.length, small, boxes,
          page: [document.documentElement.scrollWidth, document.documentElement.clientWidth]};
}"""


# Every template that draws a chart, and the page of chart_pages() that shows it
# (test_charts.py fails when a template with a chart is missing here).
CHART_TEMPLATES = {
    "activities/timeline.html": "timeline",
    "activities/signals.html": "activity signals",
    "alliance/over_time.html": "alliance over time",
    "measurement/public.html": "public survey results",
    "measurement/trends.html": "trends of",
    "measurement/breakdown.html": "breakdown of",
    "earlywarning/signal.html": "early warning of the backbone load",
    "evaluation/network.html": "collaboration network",
}


def chart_pages(initiative) -> dict[str, str]:
    """Every page that draws a chart (CHART_TEMPLATES), the survey's for each of the
    demo's instruments."""
    from rygrad.measurement.models import Instrument

    slug = {"slug": initiative.slug}
    pages = {
        "timeline": reverse("activities:timeline", kwargs=slug),
        "activity signals": reverse("activities:signals", kwargs=slug),
        "alliance over time": reverse("alliance:over_time", kwargs=slug),
        "public survey results": reverse("measurement:public_results", kwargs=slug),
        "early warning of the backbone load": reverse(
            "earlywarning:signal", kwargs={**slug, "key": "activities.backbone_load"}),
        "collaboration network": reverse("evaluation:network", kwargs=slug),
    }
    for instrument in Instrument.objects.for_initiative(initiative):
        kwargs = {**slug, "pk": instrument.pk}
        pages[f"trends of {instrument.slug}"] = reverse("measurement:trends", kwargs=kwargs)
        pages[f"breakdown of {instrument.slug}"] = reverse("measurement:breakdown",
                                                           kwargs=kwargs)
    return pages


def _user(local_part):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email=f"{local_part}@demo.rygrad.dk")


def check_charts(new_page, demo, login):
    """Given the demo (one for both screens: building it is what takes the time), when the
    secretariat opens every page with a chart on a 1280 px desktop and on a 320 px phone,
    then each page draws its chart(s); no chart text is smaller than 12 px as shown; on
    the desktop no chart or table box is cut off (the table goes below the chart or gets
    the width it needs); on the phone a box wider than the screen scrolls by design, with
    a shadow at the edge as the cue and reachable by keyboard; the page itself never
    scrolls sideways, and axe-core finds no WCAG 2.1 AA violation. And the timeline is
    limited to a period without JavaScript, as `_the_timeline_is_limited_...` says."""
    _the_timeline_is_limited_to_a_period_without_javascript(new_page, demo, login)
    report = []
    for screen, viewport in SCREENS.items():
        page = new_page(viewport=viewport)
        login(page, _user("sekretariat"))
        report += [f"{screen}, {line}" for line in _chart_problems(page, demo, screen)]
    assert not report, "\n".join(report)


def _chart_problems(page, demo, screen) -> list[str]:
    report = []
    for name, url in chart_pages(demo).items():
        response = page.goto(url)
        if response.status != 200:
            report.append(f"{name}: answered {response.status}")
            continue
        found = page.evaluate(MEASURE, MIN_FONT_SIZE)
        if not found["charts"]:
            report.append(f"{name}: no chart drawn")
        report += [f"{name}: chart text {text}" for text in found["small"]]
        for box in found["boxes"]:
            if box["inside"] <= box["shown"]:
                continue
            if screen == "desktop":
                report.append(f"{name}: '{box['name']}' is cut off at 1280 px "
                              f"({box['inside']} px inside {box['shown']} px)")
            elif not (box["scrolls"] and box["cue"] and box["keyboard"]):
                report.append(f"{name}: '{box['name']}' is cut off without a scroll cue "
                              f"or keyboard access: {box}")
        width, shown = found["page"]
        if width > shown:
            report.append(f"{name}: the page scrolls sideways ({width} px on {shown} px)")
        if violations := axe_violations(page):
            report.append(f"{name}: {describe_violations(violations)}")
    return report


def _the_timeline_is_limited_to_a_period_without_javascript(new_page, demo, login):
    """Given the demo (started in 2015) in a browser without JavaScript, when a member opens
    the timeline, then it covers the initiative's active years (2015 to this year); when
    they choose 2019 to 2020 and press Filter, then every activity listed runs at some time
    in 2019-2020, and fewer are listed."""
    page = new_page(java_script_enabled=False)
    login(page, _user("medlem"))
    page.goto(reverse("activities:timeline", kwargs={"slug": demo.slug}))
    this_year = dt.date.today().year
    assert page.locator("#id_year_from").input_value() == "2015"
    assert page.locator("#id_year_to").input_value() == str(this_year)
    everything = page.locator("tbody tr").count()

    page.select_option("#id_year_from", "2019")
    page.select_option("#id_year_to", "2020")
    with page.expect_navigation():
        page.locator("form.filters button[type=submit]").click()
    assert "year_from=2019" in page.url
    rows = page.locator("tbody tr")
    assert 0 < rows.count() < everything
    for start, end in zip(rows.locator("td:nth-of-type(2)").all_inner_texts(),
                          rows.locator("td:nth-of-type(3)").all_inner_texts(), strict=True):
        assert int(start.split()[-1]) <= 2020 and int(end.split()[-1]) >= 2019, (start, end)
