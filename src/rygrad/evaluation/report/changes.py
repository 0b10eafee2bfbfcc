"""The report's stages of change: early changes with the network's growth, systems
changes with their formal anchoring (or its absence), and population changes from the
survey's published tables only, where only a statistically supported change is called a
change."""

from __future__ import annotations

import math

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from rygrad.measurement.models import localised
from rygrad.measurement.selectors import group_table, instruments_for, years_with_answers
from rygrad.measurement.statements import lead_statements

from .. import network, selectors
from ..models import Stage
from .blocks import Paragraph, Section, Table, number, percent, short_date
from .charts import network_chart
from .conditions import quote_sections


def _changes(period, stage: str) -> list:
    return list(selectors.changes_of(initiative=period.initiative, stage=stage)
                .filter(occurred_on__gte=period.start, occurred_on__lte=period.end)
                .order_by("occurred_on", "pk"))


def _register(section: Section, changes: list, *, anchoring: bool = False) -> None:
    columns = [pgettext("a change in the register", "Change"), _("Date"), _("Kind"),
               _("Strength of evidence"),
               _("Organisations")]
    if anchoring:
        columns.append(_("Formally anchored"))
    rows = []
    for change in changes:
        row = [change.title, short_date(change.occurred_on), change.get_kind_display(),
               change.get_strength_display(), number(len(change.organisations.all()))]
        if anchoring:
            row.append(change.anchored_by or _("yes") if change.formally_anchored
                       else _("no"))
        rows.append(row)
    section.add(Table(_("Changes in the register"), columns, rows))
    for change in changes:
        section.add(Paragraph(_(
            "%(title)s. Contribution: %(claim)s Rival explanations considered: %(rivals)s "
            "The evidence is %(strength)s: %(reason)s") % {
                "title": change.title, "claim": _sentence(change.contribution_claim),
                "rivals": _sentence(change.rival_explanations),
                "strength": change.get_strength_display().lower(),
                "reason": _sentence(change.strength_reason)}))


def _sentence(text: str) -> str:
    text = " ".join(str(text).split())
    return text if not text or text[-1] in ".!?" else f"{text}."


def early_section(period) -> Section:
    section = Section("early", _("Early changes"), no_data=_(
        "No early change was recorded in the period."))
    changes = _changes(period, Stage.EARLY)
    if changes:
        section.add(Paragraph(_("%(count)s early changes were recorded in the period: new "
                                "collaboration, partnerships, engagement and awareness.")
                              % {"count": number(len(changes))}))
        _register(section, changes)
    section.subsections = [_network(period), *quote_sections(period, Stage.EARLY)]
    return section


def _network(period) -> Section:
    section = Section("network", _("Network growth"), no_data=_(
        "No organisations worked together in the period."))
    years = list(range(period.start.year - 1, period.at.year + 1))
    rows = [m for m, _g in network.yearly_metrics(initiative=period.initiative,
                                                    years=years)][1:]
    rows = [m for m in rows if m.organisations]
    if not rows:
        return section
    first, last = rows[0], rows[-1]
    section.add(Paragraph(_(
        "Organisations are tied when they committed to or drove the same activity, or held "
        "a partnership, in a year. From %(first)s to %(last)s the network went from "
        "%(orgs_first)s to %(orgs_last)s organisations and from %(cross_first)s to "
        "%(cross_last)s ties across sectors.") % {
            "first": first.year, "last": last.year,
            "orgs_first": number(first.organisations), "orgs_last": number(last.organisations),
            "cross_first": number(first.cross_sector_ties),
            "cross_last": number(last.cross_sector_ties)}))
    if last.hub_dependence is not None:
        section.add(Paragraph(_(
            "In %(year)s, %(share)s of the shortest paths between other organisations ran "
            "through the secretariat, and %(cut)s organisations would be cut off without it.")
            % {"year": last.year, "share": percent(last.hub_dependence),
               "cut": number(last.isolated_without_hub)}))
    labels = (_("Organisations"), _("Ties"), _("Cross-sector ties"))
    section.add(network_chart([(m.year, dict(zip(labels, (
        m.organisations, m.ties, m.cross_sector_ties), strict=True))) for m in rows]),
        Table(_("The collaboration network per year"),
              [_("Year"), *labels, _("New cross-sector ties"), _("Centralisation"),
               _("Share of paths through the secretariat"), _("Cut off without it")],
              [[str(m.year), number(m.organisations), number(m.ties),
                number(m.cross_sector_ties), number(m.new_cross_sector_ties),
                number(m.centralisation, 2) if m.centralisation is not None else "–",
                percent(m.hub_dependence), number(m.isolated_without_hub)]
               for m in rows]))
    return section


def systems_section(period) -> Section:
    section = Section("systems", _("Systems changes"), no_data=_(
        "No systems change was recorded in the period."))
    changes = _changes(period, Stage.SYSTEMS)
    if changes:
        anchored = [c for c in changes if c.formally_anchored]
        section.add(Paragraph(_(
            "%(count)s systems changes were recorded in the period: lasting changes in "
            "practice, methods, competences, resources or policy. %(anchored)s of them were "
            "formally anchored by a decision of the council or a committee.")
            % {"count": number(len(changes)), "anchored": number(len(anchored))}))
        if not anchored:
            section.add(Paragraph(_(
                "None was formally anchored: without a political owner, access to municipal "
                "resources and decisions stays limited.")))
        _register(section, changes, anchoring=True)
    section.subsections = quote_sections(period, Stage.SYSTEMS)
    return section


def population_section(period) -> Section:
    section = Section("population", _("Population changes"), no_data=_(
        "No survey results were published for the period."))
    section.add(Paragraph(_(
        "The survey's numbers come from its published tables only: a group with too few "
        "pupils is never shown. A difference between two years is called a change only when "
        "it is statistically supported (a Benjamini-Hochberg q-value below 0.05); other "
        "differences may be chance.")))
    supported = 0
    for instrument in instruments_for(initiative=period.initiative):
        published = [y for y in years_with_answers(initiative=period.initiative,
                                                   instrument=instrument)
                     if y <= period.end.year]
        in_period = [y for y in published if y >= period.start.year]
        if not in_period:
            continue
        statements = lead_statements(initiative=period.initiative, instrument=instrument,
                                     years=published)
        supported += sum(1 for s in statements if s.change in (1, -1))
        section.add(Table(str(instrument), *_indicator_rows(period, instrument, in_period)),
                    *(Paragraph(f"{s.name}: {s.lead} {s.mean}".strip()) for s in statements))
    registered = _changes(period, Stage.POPULATION)
    if len(section.blocks) == 1 and not registered:
        section.blocks.clear()
        return section
    if registered:
        _register(section, registered)
    section.add(Paragraph(_(
        "%(count)s statistically supported changes between the latest two published years.")
        % {"count": number(supported)} if supported else _(
        "No statistically supported change between the latest two published years: no "
        "population change can be documented from the survey yet.")))
    section.subsections = quote_sections(period, Stage.POPULATION)
    return section


def _indicator_rows(period, instrument, years: list[int]) -> tuple[list, list]:
    table = group_table(initiative=period.initiative, instrument=instrument, by=["year"],
                        years=years)
    names = {i["slug"]: localised(i["name"]) for i in instrument.definition["indicators"]}
    rows = []
    for row in table.itertuples(index=False):
        label = [names.get(row.indicator, row.indicator), str(int(row.year))]
        if bool(row.suppressed) or row.mean is None or math.isnan(float(row.mean)):
            rows.append([*label, _("too few answers to publish"), "", "", ""])
            continue
        rows.append([*label, number(row.mean, 2),
                     f"{number(row.ci_low, 2)}–{number(row.ci_high, 2)}",
                     f"{percent(row.share_low)} ({percent(row.share_low_ci_low)}–"
                     f"{percent(row.share_low_ci_high)})", number(row.n)])
    return ([_("Indicator"), _("Year"), _("Mean"), _("95 % interval"),
             _("Lowest band (95 % interval)"), _("Pupils")], rows)
