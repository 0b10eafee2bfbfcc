from rygrad.core.testing import EVERYONE, AccessCase

CASES = [
    AccessCase("core:accessibility", EVERYONE, in_initiative=False),
    AccessCase("front_page", EVERYONE, in_initiative=False),
]
