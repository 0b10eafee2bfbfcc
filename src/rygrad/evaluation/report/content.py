"""The learning report's content for a period, in the seed's structure: introduction and
sources, the six conditions, early, systems and population changes, and a summary.

Everything is read through the apps' selectors and the signals registry; the assessment
only from rounds whose results may be shown (closed, at least MIN_ANSWERS answers), the
survey only from its published, disclosure-controlled tables. Each section says so in
words when the period holds nothing for it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rygrad.activities.models import Stage as ActivityStage
from rygrad.activities.models import StageChange
from rygrad.activities.overview import overview_table
from rygrad.activities.selectors import activity_list
from rygrad.core.signals import Condition, SignalValue, signals_evaluate

from .. import selectors
from ..models import Direction, Evidence
from ..selectors import RoundResults
from .blocks import Paragraph, Report, Section, Table, date, number, short_date


@dataclass
class Period:
    """What every section reads: the initiative, the period, and the day the report is
    made (rounds close and signals are valued as of the period's end, never later than
    today)."""

    initiative: object
    start: dt.date
    end: dt.date
    today: dt.date
    signals: list[SignalValue]
    rounds: list[RoundResults]  # the period's closed rounds, shown or not, oldest first

    @property
    def at(self) -> dt.date:
        return min(self.end, self.today)

    def evidence(self):
        return (Evidence.objects.for_initiative(self.initiative)
                .filter(observed_on__gte=self.start, observed_on__lte=self.end))

    @property
    def shown_rounds(self) -> list[RoundResults]:
        return [r for r in self.rounds if r.shown]


def default_period(initiative, today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """From the initiative's start (a year back when it has none) to today."""
    today = today or timezone.localdate()
    start = getattr(initiative, "started_on", None) or today.replace(year=today.year - 1)
    return min(start, today), today


def report_build(*, initiative, start: dt.date, end: dt.date, language: str,
                 today: dt.date | None = None) -> Report:
    """The report of `initiative` from `start` to `end` (both included) in `language`."""
    from .changes import early_section, population_section, systems_section
    from .conditions import conditions_section

    with translation.override(language):
        today = today or timezone.localdate()
        rounds = [selectors.round_results(round=r, today=today)
                  for r in selectors.rounds_of(initiative=initiative)
                  .filter(closes_on__gte=start, closes_on__lte=end, closes_on__lt=today)]
        period = Period(initiative=initiative, start=start, end=end, today=today,
                        signals=signals_evaluate(initiative=initiative,
                                                 at=min(end, today)), rounds=rounds)
        sections = [introduction(period), conditions_section(period), early_section(period),
                    systems_section(period), population_section(period), summary(period)]
        values = {"initiative": initiative.name, "start": date(start), "end": date(end)}
        return Report(
            title=_("Learning report: %(initiative)s") % values, initiative=initiative.name,
            language=language, period_from=start, period_to=end, made_on=today,
            sections=sections, lead=_(
                "A draft learning review of %(initiative)s from %(start)s to %(end)s, "
                "written by Rygrad on %(today)s from what the initiative recorded.")
            % {**values, "today": date(today)})


def introduction(period: Period) -> Section:
    section = Section("introduction", _("Introduction and sources")).add(Paragraph(_(
        "The report follows the six conditions of collective impact: for each, how far "
        "the members of the alliance judge it in place, what the signals measure, and what "
        "promoted or hindered it. Then the stages of change: early changes (new "
        "collaboration, partnerships, engagement), systems changes (lasting changes in "
        "practice, methods, resources and policy) and population changes (measurable "
        "change among the children). Quotes give the role of who said them, never a name. "
        "It is a first draft: weigh it, discuss it and add what the data cannot say.")))
    section.subsections = [_rounds(period), _evidence(period), _activities(period)]
    return section


def _rounds(period: Period) -> Section:
    section = Section("sources-rounds", _("Assessment rounds"), no_data=_(
        "No assessment round closed in the period."))
    if period.rounds:
        rows = [[r.round.name, f"{short_date(r.round.opens_on)}–{short_date(r.round.closes_on)}",
                 number(r.n) if r.shown else _("too few answers to show")]
                for r in period.rounds]
        section.add(Paragraph(_(
            "Members of the alliance and the secretariat rated statements about each "
            "condition from 1 (just begun) to 4 (fully in place). Results are shown only "
            "for rounds with at least 3 answers.")),
            Table(_("Assessment rounds in the period"),
                  [_("Round"), _("Open"), _("Answers")], rows))
    return section


def _evidence(period: Period) -> Section:
    section = Section("sources-evidence", _("Evidence"), no_data=_(
        "No quote or observation was recorded in the period."))
    counts = Counter(period.evidence().values_list("source_role", "direction"))
    if not counts:
        return section
    roles = sorted({role for role, _d in counts}, key=str.lower)
    rows = [[role, *(number(counts[(role, d)]) for d in Direction.values),
             number(sum(counts[(role, d)] for d in Direction.values))] for role in roles]
    total = sum(counts.values())
    return section.add(Paragraph(_(
        "%(count)s quotes and observations were recorded in the period, from people in "
        "%(roles)s roles.") % {"count": number(total), "roles": number(len(roles))}),
        Table(_("Evidence by the source's role"),
              [_("Role"), *(str(label) for label in Direction.labels), _("All")], rows))


def _activities(period: Period) -> Section:
    section = Section("sources-activities", _("Activity overview"), no_data=_(
        "No activity ran in the period."))
    activities = activity_list(initiative=period.initiative).filter(
        Q(starts_on__lte=period.end) & (Q(ends_on__isnull=True) | Q(ends_on__gte=period.start)))
    count = activities.count()
    if not count:
        return section
    started = activities.filter(starts_on__gte=period.start).count()
    stages = Counter(StageChange.objects.filter(activity__in=activities.values("pk"))
                     .filter(changed_on__lte=period.at)
                     .filter(Q(until__isnull=True) | Q(until__gt=period.at))
                     .values_list("stage", flat=True))
    section.add(Paragraph(_(
        "%(count)s activities ran at some time in the period; %(started)s of them started in "
        "it.") % {"count": number(count), "started": number(started)}), Table(
        _("Activities by stage on %(date)s") % {"date": date(period.at)},
        [_("Stage"), _("Activities")],
        [[str(label), number(stages[value])] for value, label in ActivityStage.choices]))
    table = overview_table(activities)
    keep = [0, 1, 2, 3, 5, 6]  # title, tracks, stage today, driver, starts, ends
    rows = [[short_date(v) if isinstance(v, dt.date) else str(v or "") for v in
             (row[i] for i in keep)] for row in table.rows]
    return section.add(Table(_("The activities of the period (their stage today)"),
                             [str(table.columns[i]) for i in keep], rows))


def summary(period: Period) -> Section:
    section = Section("summary", _("Summary"))
    latest = period.shown_rounds[-1] if period.shown_rounds else None
    if latest and latest.conditions:
        weakest = min(latest.conditions, key=lambda c: c.total.mean)
        strongest = max(latest.conditions, key=lambda c: c.total.mean)
        section.add(Paragraph(_(
            "In the period's latest assessment round (%(round)s) the members judged "
            "%(strong)s strongest (%(high)s) and %(weak)s weakest (%(low)s) on the scale "
            "from 1 to 4.") % {"round": latest.round.name, "strong": strongest.label,
                              "high": number(strongest.total.mean, 1),
                              "weak": weakest.label, "low": number(weakest.total.mean, 1)}))
    else:
        section.add(Paragraph(_("No assessment round of the period can be shown.")))
    warnings = [v for v in period.signals if v.warning]
    labels = dict(Condition.choices)
    if warnings:
        section.add(Paragraph(_(
            "%(count)s signals were in warning on %(date)s: they are where the alliance may "
            "need to act first.") % {"count": number(len(warnings)), "date": date(period.at)}),
            Table(_("Signals in warning on %(date)s") % {"date": date(period.at)},
                  [_("Signal"), _("Condition or stage"), _("Value"), _("Threshold")],
                  [[str(v.signal.label), str(labels[v.signal.condition]), v.display,
                    v.threshold_display] for v in warnings]))
    else:
        section.add(Paragraph(_("No signal was in warning on %(date)s.")
                              % {"date": date(period.at)}))
    return section
