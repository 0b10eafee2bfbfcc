from rygrad.core.testing import EVERYONE, SECRETARIAT_UP, AccessCase

CASES = [
    AccessCase("initiatives:dashboard", EVERYONE),
    AccessCase("initiatives:roles", SECRETARIAT_UP),
    AccessCase("initiatives:settings", SECRETARIAT_UP),
    AccessCase("initiatives:thresholds", SECRETARIAT_UP),
    AccessCase("initiatives:thresholds", SECRETARIAT_UP, method="post",
               data=lambda world, objs: {"activities__backbone_load": "60"}),
    AccessCase(
        "initiatives:role_update", SECRETARIAT_UP, method="post",
        kwargs=lambda world, objs: {
            "pk": world.users["youth"].role_grants.get(initiative=world.initiative).pk},
        data=lambda world, objs: {"role": 10},
    ),
]
