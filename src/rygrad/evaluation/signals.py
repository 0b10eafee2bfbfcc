"""The evaluation's signals: the collaboration network of the last 12 months (how many
organisations work together, across sectors, and how much of it hangs on the secretariat),
the weakest condition in the latest assessment, and how much evidence and how many systems
changes are on record. In +DIG the network grew but stayed centred on the secretariat, and
the learning came in year five; these numbers show both from year one.

Each signal is a query or two: the six network signals read the same one query of ties and
share one networkx computation per graph (`network.metrics_kept`)."""

from django.utils.translation import gettext_lazy as _

from rygrad.core.signals import (
    Condition,
    Drilldown,
    DrilldownRow,
    SignalLink,
    Unit,
    register_signal,
)

from . import network, selectors

NETWORK = SignalLink("evaluation:network", "evaluation.view")
ASSESSMENT = SignalLink("evaluation:overview", "evaluation.view")
EVIDENCE = SignalLink("evaluation:evidence_list", "evaluation.view")
CHANGES = SignalLink("evaluation:change_list", "evaluation.view")


def _network(name):
    def compute(initiative, at, **filters):
        return getattr(network.metrics_at(initiative=initiative, at=at), name)
    return compute


register_signal(
    "network.organisations", label=_("Organisations in the network"),
    condition=Condition.EARLY, unit=Unit.COUNT, warn_above=False, settable=True,
    link=NETWORK,
    explanation=_("Organisations tied to at least one other in the last 12 months: through "
                  "an activity they both commit to or drive, a partnership, or a workshop or "
                  "hackathon they both came to. A growing number is an early change: new "
                  "partners are finding their way in."),
)(_network("organisations"))

register_signal(
    "network.cross_sector_ties", label=_("Cross-sector ties"),
    condition=Condition.EARLY, unit=Unit.COUNT, warn_above=False, settable=True,
    link=NETWORK,
    explanation=_("Pairs of organisations from different sectors (school, day care, "
                  "municipality, association ...) that worked together in the last 12 "
                  "months. Collective impact rests on sectors working together; ties only "
                  "within a sector are what existed before."),
)(_network("cross_sector_ties"))


@register_signal(
    "network.new_cross_sector_ties", label=_("New cross-sector ties"),
    condition=Condition.EARLY, unit=Unit.COUNT, threshold=1, warn_above=False,
    link=NETWORK,
    explanation=_("Cross-sector ties in the last 12 months that were not there in the 12 "
                  "months before. None means the network has stopped growing across sectors: "
                  "bring two organisations that do not yet work together into one activity."),
)
def new_cross_sector_ties(initiative, at, **filters):
    m = network.metrics_at(initiative=initiative, at=at)
    return m.new_cross_sector_ties if m.ties else None


register_signal(
    "network.centralisation", label=_("Centralisation of the network"),
    condition=Condition.BACKBONE, unit=Unit.SHARE, threshold=0.6, warn_above=True,
    link=NETWORK,
    explanation=_("Freeman's degree centralisation of the last 12 months' network: 100 % "
                  "when one organisation is tied to all and the others to nobody else (a "
                  "star), 0 % when all have as many ties. A high value means the "
                  "collaboration runs through one hub, usually the secretariat: help "
                  "partners work with each other directly."),
)(_network("centralisation"))

register_signal(
    "network.hub_dependence", label=_("Paths through the secretariat"),
    condition=Condition.BACKBONE, unit=Unit.SHARE, threshold=0.5, warn_above=True,
    link=NETWORK,
    explanation=_("Of the shortest paths between two other organisations in the last 12 "
                  "months' network, the share that run through the secretariat's "
                  "organisation. Above half, most partners reach each other only through "
                  "the secretariat — a network that would fall apart without it, as +DIG's "
                  "nearly did."),
)(_network("hub_dependence"))

register_signal(
    "network.isolated_without_backbone", label=_("Cut off without the secretariat"),
    condition=Condition.BACKBONE, unit=Unit.COUNT, threshold=2, warn_above=True,
    link=NETWORK,
    explanation=_("How many organisations would lose touch with at least one organisation "
                  "they reach today, were the secretariat's organisation gone from the last "
                  "12 months' network. Give these partners a tie of their own: a shared "
                  "activity with another partner."),
)(_network("isolated_without_hub"))


def _condition_rows(actor, limit):
    """The conditions of the latest shown round, weakest first, each with its mean."""
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.formats import number_format

    from .models import CONDITION_CHOICES

    if not actor.can("evaluation.view"):
        return [], 0
    round_id, means = selectors.condition_means_at(initiative=actor.initiative,
                                                   at=timezone.localdate())
    if round_id is None:
        return [], 0
    labels = dict(CONDITION_CHOICES)
    url = reverse("evaluation:round_detail",
                  kwargs={"slug": actor.initiative.slug, "pk": round_id})
    return [DrilldownRow(label=str(labels[key]), url=url,
                         detail=_("mean %(mean)s of 4") % {
                             "mean": number_format(mean, decimal_pos=1)})
            for key, mean in means[:limit]], len(means)


@register_signal(
    "evaluation.weakest_condition", label=_("Weakest condition in the assessment"),
    condition=Condition.MEASUREMENT, unit=Unit.COUNT, threshold=2, warn_above=False,
    link=ASSESSMENT, drilldown=Drilldown(_("The conditions, weakest first"), _condition_rows),
    explanation=_("The lowest mean score of the six conditions in the latest closed "
                  "assessment round, from 1 (just begun) to 4 (fully in place); its page "
                  "names the condition. Below 2, members find that condition barely begun: "
                  "take it up at the next alliance meeting."),
)
def weakest_condition(initiative, at, **filters):
    _round, means = selectors.condition_means_at(initiative=initiative, at=at)
    return means[0][1] if means else None


@register_signal(
    "evaluation.evidence_items", label=_("Evidence items in 12 months"),
    condition=Condition.MEASUREMENT, unit=Unit.COUNT, threshold=6, warn_above=False,
    link=EVIDENCE,
    explanation=_("Quotes and observations recorded in the evidence log in the last 12 "
                  "months. Without them the learning report has only numbers: note what "
                  "people say at meetings and visits, with their role, while it is fresh."),
)
def evidence_items(initiative, at, **filters):
    return selectors.evidence_count_at(initiative=initiative, at=at)


@register_signal(
    "evaluation.systems_changes", label=_("Systems changes on record"),
    condition=Condition.SYSTEMS, unit=Unit.COUNT, warn_above=False, settable=True,
    link=CHANGES,
    explanation=_("Lasting changes in practice, methods, competences, resources, policy or "
                  "political anchoring that the change register holds by this date, each "
                  "with a contribution claim and its evidence. They are what remains when "
                  "the initiative's funding ends."),
)
def systems_changes(initiative, at, **filters):
    return selectors.systems_changes_at(initiative=initiative, at=at)
