"""The alliance registry's rows of the permission matrix: members and the secretariat see
it; partners, young people and the public do not; the secretariat changes it, and a member
may edit their own organisation's page."""

from rygrad.core.testing import MEMBER_UP, SECRETARIAT_UP, AccessCase

from .factories import MembershipFactory, OrganisationFactory, PartnershipFactory, PersonFactory


def setup(world):
    initiative = world.initiative
    organisation = OrganisationFactory(initiative=initiative, name="Egelund Skole")
    own = OrganisationFactory(initiative=initiative, name="Egelund Boldklub")
    PersonFactory(initiative=initiative, organisation=own, user=world.users["member"])
    person = PersonFactory(initiative=initiative, organisation=organisation)
    membership = MembershipFactory(initiative=initiative, person=person)
    partnership = PartnershipFactory(initiative=initiative, organisation_a=organisation,
                                     organisation_b=own)
    return {"organisation": organisation, "own": own, "person": person,
            "membership": membership, "partnership": partnership}


def _pk(name):
    return lambda world, objects: {"pk": objects[name].pk}


CASES = [
    AccessCase("alliance:overview", MEMBER_UP),
    AccessCase("alliance:overview", MEMBER_UP, query="at=2016-06-01&sector=association"),
    AccessCase("alliance:overview", MEMBER_UP, query="format=csv"),
    AccessCase("alliance:over_time", MEMBER_UP),
    AccessCase("alliance:over_time", MEMBER_UP, query="format=xlsx"),
    AccessCase("alliance:import", SECRETARIAT_UP),
    AccessCase("alliance:organisation_list", MEMBER_UP),
    AccessCase("alliance:organisation_list", MEMBER_UP, query="format=xlsx"),
    AccessCase("alliance:organisation_create", SECRETARIAT_UP),
    AccessCase("alliance:organisation_detail", MEMBER_UP, kwargs=_pk("organisation")),
    AccessCase("alliance:organisation_edit", SECRETARIAT_UP, kwargs=_pk("organisation"),
               extra=(("member", _pk("own"), True), ("partner", _pk("own"), False))),
    AccessCase("alliance:organisation_delete", SECRETARIAT_UP, kwargs=_pk("organisation")),
    AccessCase("alliance:organisation_archive", SECRETARIAT_UP, kwargs=_pk("organisation"),
               method="post"),
    AccessCase("alliance:organisation_list", MEMBER_UP, query="archived=on"),
    AccessCase("alliance:partnership_create", SECRETARIAT_UP),
    AccessCase("alliance:partnership_edit", SECRETARIAT_UP, kwargs=_pk("partnership")),
    AccessCase("alliance:person_list", MEMBER_UP),
    AccessCase("alliance:person_list", MEMBER_UP, query="format=csv"),
    AccessCase("alliance:person_create", SECRETARIAT_UP),
    AccessCase("alliance:person_detail", MEMBER_UP, kwargs=_pk("person")),
    AccessCase("alliance:person_edit", SECRETARIAT_UP, kwargs=_pk("person")),
    AccessCase("alliance:person_export", SECRETARIAT_UP, kwargs=_pk("person")),
    AccessCase("alliance:membership_create", SECRETARIAT_UP, kwargs=_pk("person")),
    AccessCase("alliance:membership_edit", SECRETARIAT_UP, kwargs=_pk("membership")),
    AccessCase("alliance:membership_end", SECRETARIAT_UP, kwargs=_pk("membership")),
]
