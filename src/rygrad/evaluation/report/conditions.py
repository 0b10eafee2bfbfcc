"""The report's six conditions: for each, its assessment in the period's rounds (only
aggregates the app may show), its signals from the registry, and what promoted and
hindered it in the words of people in different roles."""

from __future__ import annotations

from django.utils.translation import gettext as _

from rygrad.alliance.models import Sector

from ..models import CONDITION_CHOICES, Direction
from .blocks import Paragraph, Quote, Section, Table, number, short_date
from .charts import assessment_chart


def conditions_section(period) -> Section:
    section = Section("conditions", _("The six conditions"), no_data=_(
        "No assessment round of the period can be shown."))
    shown = period.shown_rounds
    if shown:
        means = [(r.round.name, {c.condition: c.total.mean for c in r.conditions})
                 for r in shown]
        section.add(Paragraph(_(
            "The mean score per condition in each assessment round of the period, on the "
            "scale from 1 (just begun) to 4 (fully in place).")),
            assessment_chart(means, CONDITION_CHOICES),
            Table(_("Mean score per condition and round (1-4)"),
                  [_("Round"), *(str(label) for _k, label in CONDITION_CHOICES)],
                  [[name, *(number(row[key], 2) if key in row else "–"
                            for key, _l in CONDITION_CHOICES)] for name, row in means]))
    section.subsections = [_condition(period, key, str(label))
                           for key, label in CONDITION_CHOICES]
    return section


def _condition(period, key: str, label: str) -> Section:
    section = Section(f"condition-{key}", label)
    _assessment(period, key, section)
    _signals(period, key, section)
    section.subsections = quote_sections(period, key)
    return section


def _assessment(period, key: str, section: Section) -> None:
    rows, latest = [], None
    for results in period.shown_rounds:
        result = results.condition(key)
        if result is None:
            continue
        latest = (results, result)
        change = "–" if result.change is None else _signed(result.change)
        rows.append([results.round.name, number(result.total.mean, 2),
                     number(result.total.sd, 2), number(result.total.n), change])
    if not rows:
        section.add(Paragraph(_("Assessment: no round of the period can be shown for this "
                                "condition.")))
        return
    results, result = latest
    section.add(Paragraph(_(
        "In the period's latest round (%(round)s) the mean score was %(mean)s of 4, with a "
        "spread (standard deviation) of %(sd)s over %(n)s answers: the larger the spread, "
        "the more the members disagree.") % {
            "round": results.round.name, "mean": number(result.total.mean, 1),
            "sd": number(result.total.sd, 1), "n": number(result.total.n)}),
        Table(_("Assessment of the condition per round"),
              [_("Round"), _("Mean"), _("Spread"), _("Answers"),
               _("Change from the previous round")], rows))
    sectors = dict(Sector.choices)
    if result.by_sector:
        section.add(Table(
            _("By sector in %(round)s (sectors with at least 3 answers)")
            % {"round": results.round.name},
            [_("Sector"), _("Mean"), _("Spread"), _("Answers")],
            [[str(sectors[s]), number(a.mean, 2), number(a.sd, 2), number(a.n)]
             for s, a in sorted(result.by_sector.items(),
                                key=lambda item: list(sectors).index(item[0]))]))
    comments = results.comments.get(key, [])
    if comments:
        section.add(Paragraph(_("Comments in %(round)s (anonymous):")
                              % {"round": results.round.name}),
                    *(Quote(text=c, role=_("member of the alliance"), date="",
                            direction="") for c in comments))


def _signed(value: float) -> str:
    """A change with its sign; none at all when it rounds to nothing."""
    if round(value, 2) == 0:
        return number(0, 2)
    return ("+" if value > 0 else "−") + number(abs(value), 2)


def _signals(period, key: str, section: Section) -> None:
    values = [v for v in period.signals if v.signal.condition == key]
    if not values:
        section.add(Paragraph(_("Signals: none measures this condition yet.")))
        return
    section.add(Table(
        _("Signals of the condition on %(date)s") % {"date": short_date(period.at)},
        [_("Signal"), _("Value"), _("Threshold"), _("In warning")],
        [[str(v.signal.label), v.display,
          v.threshold_display if v.threshold is not None else "–",
          _("yes") if v.warning else _("no")] for v in values]))


def quote_sections(period, key: str) -> list[Section]:
    """What promoted and what hindered the condition or stage `key` in the period, and
    the observations, each a subsection of quotes by role."""
    items = list(period.evidence().filter(condition=key).order_by("observed_on", "pk"))
    titles = {Direction.PROMOTED: (_("What promoted it"),
                                   _("Nothing recorded in the period promoted it.")),
              Direction.HINDERED: (_("What hindered it"),
                                   _("Nothing recorded in the period hindered it.")),
              Direction.OBSERVED: (_("Observations"), "")}
    sections = []
    for direction, (title, none) in titles.items():
        quotes = [Quote(text=e.text, role=e.source_role, date=short_date(e.observed_on),
                        direction=e.get_direction_display())
                  for e in items if e.direction == direction]
        if quotes or none:
            sections.append(Section(f"{key}-{direction}", title, blocks=quotes, no_data=none))
    return sections
