"""The evaluation's rows of the permission matrix: members and up answer and read the
results, the secretariat runs rounds and writes statements."""

from rygrad.core.testing import MEMBER_UP, SECRETARIAT_UP, AccessCase
from rygrad.evaluation.tests.factories import closed_round, open_round, statements


def setup(world):
    made = statements(world.initiative, per_condition=1)
    return {"statement": made[0], "open": open_round(world.initiative),
            "closed": closed_round(world.initiative)}


def _pk(name):
    return lambda world, objects: {"pk": objects[name].pk}


CASES = [
    AccessCase("evaluation:overview", MEMBER_UP),
    AccessCase("evaluation:round_detail", MEMBER_UP, kwargs=_pk("open")),
    AccessCase("evaluation:round_detail", MEMBER_UP, kwargs=_pk("closed")),
    AccessCase("evaluation:round_answer", MEMBER_UP, kwargs=_pk("open")),
    AccessCase("evaluation:round_create", SECRETARIAT_UP),
    AccessCase("evaluation:round_edit", SECRETARIAT_UP, kwargs=_pk("open")),
    AccessCase("evaluation:statement_list", SECRETARIAT_UP),
    AccessCase("evaluation:statements_default", SECRETARIAT_UP),
    AccessCase("evaluation:statement_create", SECRETARIAT_UP),
    AccessCase("evaluation:statement_edit", SECRETARIAT_UP, kwargs=_pk("statement")),
]
