"""The alliance of the demo initiative: Egelund Kommune, 2015 and on.

Modelled on the seed: a small municipality's alliance of 30 organisations from every
sector, a chair from the municipality who hands over to a young chair in 2017, two youth
members, members leaving and new ones joining year by year, the backbone secretariat, and
the partnerships that grew out of it (the library and day-care's reading volunteers...).
The story goes on to the day the demo is built: the seats and partnerships of the last
years are dated relative to today (RECENT_SEATS, RECENT_PARTNERSHIPS), so the dashboard on
any date shows an alliance that is still changing.
All people are fictional. Other apps' demos rely on the organisation names below.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from . import services
from .models import AgeBand, MembershipRole, Sector

BACKBONE = "Sekretariatet for Fællesskab for alle børn"

# (name, sector, parent)
ORGANISATIONS = [
    (BACKBONE, Sector.MUNICIPALITY, None),
    ("Børn og Unge, Egelund Kommune", Sector.MUNICIPALITY, None),
    ("Kultur og Fritid, Egelund Kommune", Sector.MUNICIPALITY, None),
    ("Egelund Bibliotek", Sector.MUNICIPALITY, "Kultur og Fritid, Egelund Kommune"),
    ("Sundhedsplejen, Egelund Kommune", Sector.MUNICIPALITY, "Børn og Unge, Egelund Kommune"),
    ("PPR Egelund", Sector.MUNICIPALITY, "Børn og Unge, Egelund Kommune"),
    ("Dagtilbud Egelund Nord", Sector.DAYCARE, None),
    ("Dagtilbud Egelund Syd", Sector.DAYCARE, None),
    ("Børnehuset Solsikken", Sector.DAYCARE, "Dagtilbud Egelund Nord"),
    ("Egelund Skole", Sector.SCHOOL, None),
    ("Bakkely Skole", Sector.SCHOOL, None),
    ("Fjordskolen", Sector.SCHOOL, None),
    ("Egelund Ungdomsskole", Sector.SCHOOL, None),
    ("Egelund Friskole", Sector.SCHOOL, None),
    ("Egelund Boldklub", Sector.ASSOCIATION, None),
    ("Egelund Spejderne", Sector.ASSOCIATION, None),
    ("Frivilligcenter Egelund", Sector.ASSOCIATION, None),
    ("Egelund Gymnastikforening", Sector.ASSOCIATION, None),
    ("Røde Kors Egelund", Sector.ASSOCIATION, None),
    ("Egelund Brugs", Sector.BUSINESS, None),
    ("Fjordens Byggeservice ApS", Sector.BUSINESS, None),
    ("Egelund Lokalavis", Sector.BUSINESS, None),
    ("Fællesrådet for Ungdom i Egelund", Sector.YOUTH, None),
    ("Elevrådet på Fjordskolen", Sector.YOUTH, "Fjordskolen"),
    ("Sund By Fonden", Sector.NATIONAL, None),
    ("Landsforeningen for Børnefællesskaber", Sector.NATIONAL, None),
    ("Region Midtland, Socialområdet", Sector.NATIONAL, None),
    ("Institut for Børn og Unges Trivsel", Sector.RESEARCH, None),
    ("Egelund Kirke", Sector.OTHER, None),
    ("Forældreforeningen Egelund", Sector.OTHER, None),
]

# (name, title, organisation, age band, demo login or None)
PEOPLE = [
    ("Mette Holmgaard", "Sekretariatsleder", BACKBONE, AgeBand.ADULT,
     "sekretariat@demo.rygrad.dk"),
    ("Jonas Brandt", "Konsulent", BACKBONE, AgeBand.ADULT, None),
    ("Birgitte Lund", "Børne- og ungechef", "Børn og Unge, Egelund Kommune", AgeBand.ADULT, None),
    ("Emma", "", "Fællesrådet for Ungdom i Egelund", AgeBand.AGE_16_18, None),
    ("Karsten Mølgaard", "Skoleleder", "Bakkely Skole", AgeBand.ADULT, None),
    ("Lars Vestergaard", "Skoleleder", "Egelund Skole", AgeBand.ADULT, "medlem@demo.rygrad.dk"),
    ("Anne Kirkegaard", "Skoleleder", "Fjordskolen", AgeBand.ADULT, None),
    ("Peter Dalsgaard", "Skoleleder", "Fjordskolen", AgeBand.ADULT, None),
    ("Signe Thorsen", "Dagtilbudsleder", "Dagtilbud Egelund Nord", AgeBand.ADULT, None),
    ("Rikke Holm", "Dagtilbudsleder", "Dagtilbud Egelund Syd", AgeBand.ADULT, None),
    ("Helle Winther", "Børnebibliotekar", "Egelund Bibliotek", AgeBand.ADULT, None),
    ("Ole Mikkelsen", "Formand", "Egelund Boldklub", AgeBand.ADULT, None),
    ("Hanne Bjerre", "Formand", "Egelund Boldklub", AgeBand.ADULT, "partner@demo.rygrad.dk"),
    ("Thomas Krogh", "Ungdomstræner", "Egelund Boldklub", AgeBand.ADULT, None),
    ("Gitte Rasmussen", "Leder", "Frivilligcenter Egelund", AgeBand.ADULT, None),
    ("Morten Juul", "Korpsleder", "Egelund Spejderne", AgeBand.ADULT, None),
    ("Susanne Brix", "Butikschef", "Egelund Brugs", AgeBand.ADULT, None),
    ("Henrik Bach", "Direktør", "Fjordens Byggeservice ApS", AgeBand.ADULT, None),
    ("Sofie", "", "Fællesrådet for Ungdom i Egelund", AgeBand.AGE_13_15, "ung@demo.rygrad.dk"),
    ("Malik", "", "Elevrådet på Fjordskolen", AgeBand.AGE_16_18, None),
    ("Freja", "", "Fællesrådet for Ungdom i Egelund", AgeBand.AGE_16_18, None),
    ("Camilla Vinther", "Projektchef", "Sund By Fonden", AgeBand.ADULT, None),
    ("Jakob Hvidberg", "Seniorforsker", "Institut for Børn og Unges Trivsel", AgeBand.ADULT, None),
    ("Ida Kragh", "Ungdomsskoleleder", "Egelund Ungdomsskole", AgeBand.ADULT, None),
    ("Lone Sønderby", "Sundhedsplejerske", "Sundhedsplejen, Egelund Kommune", AgeBand.ADULT,
     None),
    ("Pia Mortensen", "Formand", "Forældreforeningen Egelund", AgeBand.ADULT, None),
    ("Kasper Nørgaard", "Sognepræst", "Egelund Kirke", AgeBand.ADULT, None),
    ("Mads Lindholm", "Kultur- og fritidschef", "Kultur og Fritid, Egelund Kommune",
     AgeBand.ADULT, None),
    ("Birthe Holst", "Formand", "Egelund Gymnastikforening", AgeBand.ADULT, None),
    ("Eva Dam", "Konsulent", "Region Midtland, Socialområdet", AgeBand.ADULT, None),
    ("Rasmus Friis", "Frivilligkoordinator", "Røde Kors Egelund", AgeBand.ADULT, None),
    ("Maria Storm", "Konsulent", "Landsforeningen for Børnefællesskaber", AgeBand.ADULT, None),
    ("Anja Bruun", "Psykolog", "PPR Egelund", AgeBand.ADULT, None),
    ("Søren Bak", "Skoleleder", "Egelund Friskole", AgeBand.ADULT, None),
    ("Tine Aagaard", "Pædagog", "Børnehuset Solsikken", AgeBand.ADULT, None),
    ("Jens Kofoed", "Journalist", "Egelund Lokalavis", AgeBand.ADULT, None),
    ("Noah", "", "Elevrådet på Fjordskolen", AgeBand.AGE_13_15, None),
]

R = MembershipRole
# (person, role, from, to, reason for leaving); the organisation is the person's own.
SEATS = [
    ("Mette Holmgaard", R.SECRETARIAT, "2015-09-01", None, ""),
    ("Jonas Brandt", R.SECRETARIAT, "2015-09-01", "2018-12-31", "Konsulentaftalen udløb"),
    ("Birgitte Lund", R.CHAIR, "2015-09-01", "2017-06-30", "Gav formandsposten til de unge"),
    ("Birgitte Lund", R.MEMBER, "2017-07-01", None, ""),
    ("Emma", R.CHAIR, "2017-08-15", None, ""),
    ("Karsten Mølgaard", R.VICE_CHAIR, "2015-09-01", "2019-06-30", "Gik på pension"),
    ("Lars Vestergaard", R.MEMBER, "2015-09-01", "2019-07-31", "Valgt som næstformand"),
    ("Lars Vestergaard", R.VICE_CHAIR, "2019-08-01", None, ""),
    ("Anne Kirkegaard", R.MEMBER, "2015-09-01", "2018-07-31", "Nyt job uden for kommunen"),
    ("Peter Dalsgaard", R.MEMBER, "2018-08-01", None, ""),
    ("Signe Thorsen", R.MEMBER, "2015-09-01", None, ""),
    ("Rikke Holm", R.MEMBER, "2016-02-01", None, ""),
    ("Helle Winther", R.MEMBER, "2016-09-01", None, ""),
    ("Ole Mikkelsen", R.MEMBER, "2015-09-01", "2017-12-31", "Trådte ud af bestyrelsen"),
    ("Thomas Krogh", R.MEMBER, "2018-03-01", None, ""),
    ("Gitte Rasmussen", R.MEMBER, "2015-09-01", None, ""),
    ("Morten Juul", R.MEMBER, "2016-09-01", "2019-12-31", "Flyttede fra kommunen"),
    ("Susanne Brix", R.MEMBER, "2017-01-15", "2019-03-31", "Havde ikke tid nok"),
    ("Henrik Bach", R.MEMBER, "2018-05-01", None, ""),
    ("Freja", R.YOUTH, "2016-03-01", "2018-06-30", "Begyndte på gymnasiet i en anden by"),
    ("Malik", R.YOUTH, "2017-03-01", None, ""),
    ("Sofie", R.YOUTH, "2018-09-01", None, ""),
    ("Camilla Vinther", R.OBSERVER, "2015-09-01", "2019-12-31", "Fondens bevilling udløb"),
    ("Jakob Hvidberg", R.OBSERVER, "2017-01-01", None, ""),
    ("Ida Kragh", R.MEMBER, "2016-01-01", None, ""),
    ("Eva Dam", R.OBSERVER, "2016-01-01", "2017-12-31", "Regionens projekt sluttede"),
    ("Mads Lindholm", R.MEMBER, "2016-05-01", "2020-06-30", "Omstrukturering i forvaltningen"),
    ("Birthe Holst", R.MEMBER, "2019-01-01", None, ""),
    ("Lone Sønderby", R.MEMBER, "2019-02-01", None, ""),
    ("Pia Mortensen", R.MEMBER, "2019-09-01", None, ""),
    ("Kasper Nørgaard", R.MEMBER, "2020-01-15", None, ""),
    ("Rasmus Friis", R.MEMBER, "2020-09-01", None, ""),
    ("Anja Bruun", R.MEMBER, "2021-01-01", None, ""),
    ("Maria Storm", R.OBSERVER, "2021-03-01", None, ""),
    ("Søren Bak", R.MEMBER, "2022-08-01", None, ""),
]

# The last years, in days before the day the demo is built: (person, role, from, to,
# reason for leaving). Starts after 2022's seats whenever the demo is built from 2024 on.
RECENT_SEATS = [
    ("Tine Aagaard", R.MEMBER, 700, None, ""),
    ("Thomas Krogh", R.MEMBER, None, 420, "Flyttede til Aarhus"),
    ("Jens Kofoed", R.OBSERVER, 380, None, ""),
    ("Rikke Holm", R.MEMBER, None, 150, "Gik på pension"),
    ("Noah", R.YOUTH, 60, None, ""),
]

# (organisation, partner, from, to, what it is about)
PARTNERSHIPS = [
    ("Egelund Bibliotek", "Dagtilbud Egelund Nord", "2017-03-01", None,
     "Læseheste: frivillige læser højt for børnene i dagtilbuddet hver uge."),
    ("Egelund Bibliotek", "Dagtilbud Egelund Syd", "2017-09-01", None,
     "Læseheste udvidet til dagtilbuddene i syd."),
    ("Frivilligcenter Egelund", "Egelund Bibliotek", "2017-03-01", None,
     "Frivilligcentret finder og klæder læsehestene på."),
    ("Institut for Børn og Unges Trivsel", "Børn og Unge, Egelund Kommune", "2017-01-01", None,
     "Den årlige trivselsmåling blandt eleverne."),
    ("Egelund Ungdomsskole", "Fællesrådet for Ungdom i Egelund", "2018-01-15", None,
     "Ungebussen besøger alle skoler med de unges egne aktiviteter."),
    ("Egelund Brugs", "Egelund Spejderne", "2017-05-01", "2019-03-31",
     "Brugsen sponsorerede spejdernes sommerlejr for børn, der ellers ikke kom med."),
    ("Egelund Boldklub", "Egelund Skole", "2018-04-01", None,
     "Åben hal efter skoletid for 4.-6. klasse."),
    ("Fjordens Byggeservice ApS", "Egelund Ungdomsskole", "2019-02-01", None,
     "Praktikforløb for unge, der har brug for et fællesskab uden for skolen."),
]


# (organisation, partner, days before today it started, what it is about)
RECENT_PARTNERSHIPS = [
    ("Egelund Gymnastikforening", "Dagtilbud Egelund Syd", 300,
     "Motorik og leg: foreningens trænere kommer i dagtilbuddene hver anden uge."),
    ("Egelund Lokalavis", "Fællesrådet for Ungdom i Egelund", 90,
     "De unge skriver en fast klumme om at høre til i Egelund."),
]


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def build(initiative, rng) -> None:
    """Add the demo alliance; every write goes through the registry's services."""
    organisations = {}
    for name, sector, _parent in ORGANISATIONS:
        organisations[name] = services.organisation_create(
            initiative=initiative, name=name, sector=sector, is_backbone=name == BACKBONE)
    for name, _sector, parent in ORGANISATIONS:
        if parent:
            services.organisation_update(organisation=organisations[name],
                                         parent=organisations[parent])
    users = {u.email: u for u in get_user_model().objects.filter(
        email__in=[login for *_rest, login in PEOPLE if login])}
    people = {}
    for name, title, organisation, age_band, login in PEOPLE:
        email = "" if age_band != AgeBand.ADULT else (
            name.lower().replace(" ", ".").replace("ø", "oe").replace("æ", "ae")
            .replace("å", "aa") + "@egelund.example")
        people[name] = services.person_create(
            initiative=initiative, name=name, organisation=organisations[organisation],
            title=title, email=email, age_band=age_band, user=users.get(login))
    for name, role, started, ended, reason in SEATS:
        person = people[name]
        services.membership_start(person=person, organisation=person.organisation, role=role,
                                  started_on=_date(started), ended_on=_date(ended),
                                  end_reason=reason)
    for a, b, started, ended, description in PARTNERSHIPS:
        services.partnership_create(initiative=initiative, organisation_a=organisations[a],
                                    organisation_b=organisations[b], started_on=_date(started),
                                    ended_on=_date(ended), description=description)
    _recent(initiative, people, organisations, today=timezone.localdate())


def _recent(initiative, people, organisations, *, today: dt.date) -> None:
    """The seats and partnerships of the last two years, dated back from `today`; a seat
    with no start date is an existing seat that ends."""
    for name, role, started, ended, reason in RECENT_SEATS:
        person = people[name]
        if started is not None:
            services.membership_start(
                person=person, organisation=person.organisation, role=role,
                started_on=today - dt.timedelta(days=started), end_reason=reason)
            continue
        seat = person.memberships.filter(role=role, ended_on__isnull=True).first()
        if seat is not None:
            services.membership_end(membership=seat, on=today - dt.timedelta(days=ended),
                                    reason=reason)
    for a, b, started, description in RECENT_PARTNERSHIPS:
        services.partnership_create(initiative=initiative, organisation_a=organisations[a],
                                    organisation_b=organisations[b],
                                    started_on=today - dt.timedelta(days=started),
                                    description=description)
