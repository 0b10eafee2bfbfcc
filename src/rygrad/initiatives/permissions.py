"""Who may see and run an initiative: the rules of the initiative itself."""

from rygrad.core.permissions import min_role_rule
from rygrad.core.tenancy import Role

min_role_rule("initiative.view", Role.PUBLIC)
min_role_rule("initiative.view_internal", Role.PARTNER)
min_role_rule("initiative.manage", Role.SECRETARIAT)
