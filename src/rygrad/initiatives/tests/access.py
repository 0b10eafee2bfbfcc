from rygrad.core.testing import EVERYONE, AccessCase

CASES = [
    AccessCase("initiatives:dashboard", EVERYONE),
]
