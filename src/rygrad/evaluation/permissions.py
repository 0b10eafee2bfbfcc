"""Who may do what in the evaluation: members and the secretariat answer the assessment and
read its (anonymous, aggregated) results; the secretariat runs the rounds and writes the
statements."""

from rygrad.core.permissions import min_role_rule
from rygrad.initiatives.models import Role

min_role_rule("evaluation.view", Role.MEMBER)
min_role_rule("evaluation.answer", Role.MEMBER)
min_role_rule("evaluation.manage", Role.SECRETARIAT)
