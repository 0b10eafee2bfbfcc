"""Who may do what with shared measurement.

Results (indicators, trends, breakdowns, response rates, exports) are for alliance members
and up: every published number is disclosure-controlled anyway. The public sees one page
of results for all pupils per year (of a public initiative). Managing instruments,
waves, imports and class codes is the secretariat's. Answering needs no account at all:
a valid class code of an open wave is the permission, whoever holds it.
"""

from django.contrib.auth.models import AnonymousUser

from rygrad.core.permissions import Actor, min_role_rule, rule
from rygrad.initiatives.models import Role

min_role_rule("measurement.view", Role.MEMBER)
# The public results page: all pupils per year only, the same disclosure control.
min_role_rule("measurement.view_public", Role.PUBLIC)
min_role_rule("measurement.manage", Role.SECRETARIAT)


@rule("measurement.answer")
def answer(actor, obj=None) -> bool:
    """Anyone holding the class code (`obj`) of an open wave."""
    return obj is not None and bool(obj.wave.is_open)


@rule("measurement.public_nav")
def public_nav(actor, obj=None) -> bool:
    """The public results page in the menu of those who cannot see the full results."""
    return actor.role < Role.MEMBER


def installation_actor(initiative) -> Actor:
    """Who CLI commands and the demo act as in `initiative`: the installation itself.
    Whoever runs `rygrad` holds the installation's shell and database, so commands act with
    the operator's authority, the secretariat of every initiative (core.permissions); the
    services still check it, through the same chain as a page. Nobody is recorded as
    having done it (a release's `published_by` stays empty)."""
    return Actor(user=AnonymousUser(), initiative=initiative, _role=Role.SECRETARIAT)
