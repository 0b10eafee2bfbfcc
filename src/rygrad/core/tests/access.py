from rygrad.core.testing import EVERYONE, AccessCase

CASES = [
    AccessCase("core:accessibility", EVERYONE, in_initiative=False),
    AccessCase("front_page", EVERYONE, in_initiative=False),
    # The secretariat's guide is for everyone, signed in or not.
    AccessCase("core:guide", EVERYONE, in_initiative=False),
    AccessCase("core:guide_page", EVERYONE, in_initiative=False,
               kwargs=lambda world, objects: {"page": "activities"}),
]
