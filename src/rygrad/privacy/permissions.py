"""A person's data (export and erasure) and the retention rules are the secretariat's."""

from rygrad.core.permissions import min_role_rule
from rygrad.core.tenancy import Role

min_role_rule("privacy.personal_data", Role.SECRETARIAT)
min_role_rule("privacy.retention", Role.SECRETARIAT)
