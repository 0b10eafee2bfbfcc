"""A constructed alliance history that the history tests count by hand.

    Ann   school        member      2016-01-01 .. 2017-06-30, vice-chair 2018-01-01 ..
    Bo    municipality  chair       2016-03-01 ..
    Cim   youth (13-15) youth       2017-01-01 .. 2018-12-31
    Dorte association   member      2017-06-30 .. 2017-06-30 (a single day)
    Egon  association   observer    2019-02-01 ..
"""

import datetime as dt

from rygrad.alliance.models import AgeBand, MembershipRole, Sector

from .factories import MembershipFactory, OrganisationFactory, PersonFactory

D = dt.date


def build_history(initiative) -> dict:
    school = OrganisationFactory(initiative=initiative, name="Skolen", sector=Sector.SCHOOL)
    town = OrganisationFactory(initiative=initiative, name="Kommunen",
                               sector=Sector.MUNICIPALITY)
    youth = OrganisationFactory(initiative=initiative, name="Ungerådet", sector=Sector.YOUTH)
    club = OrganisationFactory(initiative=initiative, name="Klubben", sector=Sector.ASSOCIATION)
    ann = PersonFactory(initiative=initiative, name="Ann", organisation=school)
    bo = PersonFactory(initiative=initiative, name="Bo", organisation=town)
    cim = PersonFactory(initiative=initiative, name="Cim", organisation=youth,
                        age_band=AgeBand.AGE_13_15)
    dorte = PersonFactory(initiative=initiative, name="Dorte", organisation=club)
    egon = PersonFactory(initiative=initiative, name="Egon", organisation=club)
    seat = MembershipFactory
    seat(initiative=initiative, person=ann, started_on=D(2016, 1, 1), ended_on=D(2017, 6, 30))
    seat(initiative=initiative, person=ann, role=MembershipRole.VICE_CHAIR,
         started_on=D(2018, 1, 1))
    seat(initiative=initiative, person=bo, role=MembershipRole.CHAIR, started_on=D(2016, 3, 1))
    seat(initiative=initiative, person=cim, role=MembershipRole.YOUTH,
         started_on=D(2017, 1, 1), ended_on=D(2018, 12, 31))
    seat(initiative=initiative, person=dorte, started_on=D(2017, 6, 30),
         ended_on=D(2017, 6, 30))
    seat(initiative=initiative, person=egon, role=MembershipRole.OBSERVER,
         started_on=D(2019, 2, 1))
    return {"ann": ann, "bo": bo, "cim": cim, "dorte": dorte, "egon": egon,
            "school": school, "town": town, "youth": youth, "club": club}
