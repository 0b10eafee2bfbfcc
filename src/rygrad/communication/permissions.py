"""Who may do what in communication: everybody reads what is published (in a public
initiative); the secretariat writes news and newsletters and sees the subscribers."""

from rygrad.core.permissions import min_role_rule
from rygrad.initiatives.models import Role

min_role_rule("communication.view", Role.PUBLIC)
min_role_rule("communication.manage", Role.SECRETARIAT)
