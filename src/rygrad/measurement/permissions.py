"""Who may do what with shared measurement.

Results (indicators, trends, breakdowns, response rates, exports) are for alliance members
and up: every published number is disclosure-controlled anyway. Managing instruments,
waves, imports and class codes is the secretariat's. Answering needs no account at all:
a valid class code of an open wave is the permission, whoever holds it.
"""

from rygrad.core.permissions import min_role_rule, rule
from rygrad.initiatives.models import Role

min_role_rule("measurement.view", Role.MEMBER)
min_role_rule("measurement.manage", Role.SECRETARIAT)


@rule("measurement.answer")
def answer(actor, obj=None) -> bool:
    """Anyone holding the class code (`obj`) of an open wave."""
    return obj is not None and bool(obj.wave.is_open)
