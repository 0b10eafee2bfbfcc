"""Who sees the early warning: everyone who sees the dashboard's signals (partners and up)
sees their history; each person manages only their own notices."""

from rygrad.core.permissions import min_role_rule
from rygrad.core.tenancy import Role

min_role_rule("earlywarning.view", Role.PARTNER)
min_role_rule("earlywarning.notices", Role.PARTNER)
