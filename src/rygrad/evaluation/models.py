"""The six-conditions assessment: statements about the conditions, rounds in which alliance
members rate them on a 1-4 development scale, and their anonymous answers.

Anonymity is built into the tables: an answer (`Response`) has a random id, a sector and
no person, login or time; who has answered a round is kept apart (`Participation`), so
nobody can be asked twice, with nothing that leads from a person to their answer. Free
comments are kept apart from the ratings too (`RoundComment`), so a comment never leads
to its writer's scores. Answers are not in the audit log (its entries name who saved)."""

from __future__ import annotations

import uuid

from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from rygrad.alliance.models import Sector
from rygrad.core.models import InitiativeScoped
from rygrad.core.signals import Condition

# The six conditions of collective impact (the stages of change are not assessed here).
CONDITIONS = ("agenda", "activities", "backbone", "communication", "involvement",
              "measurement")

# The fewest answers an aggregate may rest on: a smaller group is not shown.
MIN_ANSWERS = 3


CONDITION_CHOICES = [(value, label) for value, label in Condition.choices
                     if value in CONDITIONS]


class BackboneRole(models.TextChoices):
    """The six roles of a backbone secretariat (Turner et al., 2012)."""

    VISION = "vision", _("Guide vision and strategy")
    ACTIVITIES = "activities", _("Support aligned activities")
    MEASUREMENT = "measurement", _("Establish shared measurement")
    PUBLIC_WILL = "public_will", _("Build public will")
    POLICY = "policy", _("Advance policy")
    FUNDING = "funding", _("Mobilise funding")


class Score(models.IntegerChoices):
    """The development scale of a statement."""

    BEGUN = 1, _("Just begun")
    IN_PROGRESS = 2, _("In progress")
    LARGELY = 3, _("Largely in place")
    FULLY = 4, _("Fully in place")


class Statement(InitiativeScoped):
    """A statement about one condition that members rate; the backbone's statements may
    name which of its six roles they are about."""

    condition = models.CharField(_("condition"), max_length=20,
                                 choices=CONDITION_CHOICES)
    backbone_role = models.CharField(_("backbone role"), max_length=20, blank=True,
                                     choices=BackboneRole.choices)
    text = models.CharField(_("statement"), max_length=300)
    position = models.PositiveIntegerField(_("position"), default=0)
    active = models.BooleanField(_("in use in new rounds"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")

    def __str__(self) -> str:
        return self.text


class Round(InitiativeScoped):
    """One assessment round: members answer between `opens_on` and `closes_on`; its
    results are shown the day after it closes, never while answers can still change them."""

    name = models.CharField(_("name"), max_length=120)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    statements = models.ManyToManyField(Statement, related_name="rounds",
                                        verbose_name=_("statements"))

    class Meta:
        ordering = ["opens_on", "pk"]
        verbose_name = _("assessment round")
        verbose_name_plural = _("assessment rounds")

    def __str__(self) -> str:
        return self.name

    def is_open(self, today) -> bool:
        return self.opens_on <= today <= self.closes_on

    def is_closed(self, today) -> bool:
        return today > self.closes_on


class Participation(InitiativeScoped):
    """That a person has answered a round — and nothing about what they answered."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "user"],
                                               name="evaluation_one_answer_per_person")]


class Response(InitiativeScoped):
    """One anonymous answer to a round: a random id, the answering organisation's sector,
    and its ratings. No person, no time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)


class Rating(InitiativeScoped):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="ratings")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="ratings")
    score = models.PositiveSmallIntegerField(
        _("score"), choices=Score.choices,
        validators=[MinValueValidator(1), MaxValueValidator(4)])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "statement"],
                                               name="evaluation_one_rating_per_statement")]


class RoundComment(InitiativeScoped):
    """A free comment on one condition in a round, kept apart from any answer's ratings."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="comments")
    condition = models.CharField(_("condition"), max_length=20,
                                 choices=CONDITION_CHOICES)
    text = models.TextField(_("comment"))

    class Meta:
        ordering = ["condition", "text"]


# Who changed the statements and rounds and when. Answers are deliberately not logged.
auditlog.register(Statement)
auditlog.register(Round, m2m_fields={"statements"})


class Direction(models.TextChoices):
    PROMOTED = "promoted", _("Promoted")
    HINDERED = "hindered", _("Hindered")
    OBSERVED = "observed", _("Observation")


class Evidence(InitiativeScoped):
    """A quote or observation, with the role of its source (never a name), filed under a
    condition or a stage of change, as promoting or hindering it."""

    text = models.TextField(_("quote or observation"))
    source_role = models.CharField(
        _("source's role"), max_length=100,
        help_text=_("For example municipal leader, association volunteer, young person. "
                    "Never a name."))
    observed_on = models.DateField(_("date"))
    condition = models.CharField(_("condition or stage"), max_length=20,
                                 choices=Condition.choices)
    direction = models.CharField(_("promoted or hindered"), max_length=10,
                                 choices=Direction.choices, default=Direction.OBSERVED)
    tags = models.CharField(_("tags"), max_length=200, blank=True)
    activities = models.ManyToManyField("activities.Activity", blank=True, related_name="+",
                                        verbose_name=_("activities"))
    meetings = models.ManyToManyField("meetings.Meeting", blank=True, related_name="+",
                                      verbose_name=_("meetings"))
    ideas = models.ManyToManyField("ideas.Idea", blank=True, related_name="+",
                                   verbose_name=_("ideas"))

    class Meta:
        ordering = ["-observed_on", "-pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.text[:80]


class Stage(models.TextChoices):
    EARLY = "early", _("Early change")
    SYSTEMS = "systems", _("Systems change")
    POPULATION = "population", _("Population change")


class Kind(models.TextChoices):
    """What changed; the first four are early changes, the next six systems changes."""

    COLLABORATION = "collaboration", _("New collaboration")
    PARTNERSHIP = "partnership", _("Partnership")
    ENGAGEMENT = "engagement", _("Engagement")
    AWARENESS = "awareness", _("Awareness")
    PRACTICE = "practice", _("Practice")
    METHODS = "methods", _("Methods")
    COMPETENCES = "competences", _("Competences")
    RESOURCES = "resources", _("Resource allocation")
    POLICY = "policy", _("Policy")
    ANCHORING = "anchoring", _("Political anchoring")
    INDICATOR = "indicator", _("Change in an indicator")


KINDS_OF_STAGE = {
    Stage.EARLY: {Kind.COLLABORATION, Kind.PARTNERSHIP, Kind.ENGAGEMENT, Kind.AWARENESS},
    Stage.SYSTEMS: {Kind.PRACTICE, Kind.METHODS, Kind.COMPETENCES, Kind.RESOURCES,
                    Kind.POLICY, Kind.ANCHORING},
    Stage.POPULATION: {Kind.INDICATOR},
}


class Strength(models.TextChoices):
    WEAK = "weak", _("Weak")
    MODERATE = "moderate", _("Moderate")
    STRONG = "strong", _("Strong")


class Change(InitiativeScoped):
    """A change the initiative may have contributed to, with the claim, the rival
    explanations weighed, and how strong the evidence is (contribution analysis)."""

    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    occurred_on = models.DateField(_("date"))
    organisations = models.ManyToManyField("alliance.Organisation", blank=True,
                                           related_name="+", verbose_name=_("organisations"))
    activities = models.ManyToManyField("activities.Activity", blank=True, related_name="+",
                                        verbose_name=_("activities"))
    evidence = models.ManyToManyField(Evidence, blank=True, related_name="changes",
                                      verbose_name=_("evidence"))
    contribution_claim = models.TextField(
        _("contribution claim"),
        help_text=_("How the initiative contributed to the change."))
    rival_explanations = models.TextField(
        _("rival explanations considered"),
        help_text=_("What else could explain the change, and why it does or does not."))
    strength = models.CharField(_("strength of evidence"), max_length=10,
                                choices=Strength.choices)
    strength_reason = models.TextField(_("what makes it so"))
    formally_anchored = models.BooleanField(
        _("formally anchored"), default=False,
        help_text=_("Decided by the council or a committee."))
    anchored_by = models.CharField(_("anchoring decision"), max_length=200, blank=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("change")
        verbose_name_plural = _("changes")

    def __str__(self) -> str:
        return self.title


auditlog.register(Evidence, m2m_fields={"activities", "meetings", "ideas"})
auditlog.register(Change, m2m_fields={"organisations", "activities", "evidence"})


# The learning report's background jobs live with the report (report/models.py).
from .report.models import ReportJob  # noqa: E402,F401
