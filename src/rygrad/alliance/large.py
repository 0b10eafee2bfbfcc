"""The alliance of a large initiative (`rygrad generate_large`, see core/large.py).

A full initiative has 100 organisations, shaped like a Danish municipality's alliance:
schools and day-care make up a third, clubs and associations another third, then the
municipality's own departments, businesses, youth councils and a few national and research
partners; one backbone secretariat. Two people in most organisations (young people in the
youth councils), seats on the alliance for about a third of the organisations (some ended
over the years) and a partnership for every fifth organisation. Written in bulk.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .models import AgeBand, Membership, MembershipRole, Organisation, Partnership, Person, Sector

FULL_ORGANISATIONS = 100
# Sector -> (share of the organisations, how its names are made)
SECTORS = {
    Sector.SCHOOL: (0.18, ["{place} Skole", "{word}skolen", "{word} Friskole"]),
    Sector.DAYCARE: (0.15, ["Børnehuset {flower}", "Dagtilbud {place} {part}",
                            "Vuggestuen {flower}"]),
    Sector.ASSOCIATION: (0.30, ["{place} Boldklub", "{place} Spejderne",
                                "{place} Gymnastikforening", "{word} Idrætsforening",
                                "{place} Svømmeklub", "Frivilligcenter {place}",
                                "{word} Rideklub", "{place} Musikskole"]),
    Sector.MUNICIPALITY: (0.10, ["Børn og Unge, {place} Kommune", "{place} Bibliotek",
                                 "Sundhedsplejen {part}", "PPR {place}",
                                 "Kultur og Fritid {part}"]),
    Sector.BUSINESS: (0.10, ["{word} Byggeservice ApS", "{place} Brugs", "{word} Tømrer A/S",
                             "{place} Lokalavis", "{word} Bageri"]),
    Sector.YOUTH: (0.07, ["Ungdomsrådet i {place}", "Elevrådet på {word}skolen",
                          "Ungdomsklubben {word}"]),
    Sector.NATIONAL: (0.04, ["Landsforeningen {word}", "Region {part}, {word}"]),
    Sector.RESEARCH: (0.02, ["Institut for {word} Trivsel", "{word} Professionshøjskole"]),
    Sector.OTHER: (0.04, ["{place} Kirke", "Forældreforeningen {word}"]),
}
WORDS = ["Bakke", "Fjord", "Skovbryn", "Kilde", "Mose", "Lindegård", "Havneby", "Engtofte",
         "Solbak", "Nørre", "Søndre", "Vester", "Øster", "Stjerne", "Egebjerg", "Bøgely",
         "Toftegård", "Strandvej", "Ådal", "Hedely"]
FLOWERS = ["Solsikken", "Mælkebøtten", "Valmuen", "Kornblomsten", "Rosen", "Anemonen",
           "Vibeægget", "Bikuben", "Regnbuen", "Myretuen"]
PARTS = ["Nord", "Syd", "Øst", "Vest", "Midt"]
FIRST_NAMES = ["Mette", "Lars", "Anne", "Peter", "Signe", "Rikke", "Helle", "Ole", "Hanne",
               "Thomas", "Gitte", "Morten", "Susanne", "Henrik", "Camilla", "Jakob", "Ida",
               "Lone", "Pia", "Kasper", "Mads", "Birthe", "Eva", "Rasmus", "Maria", "Anja",
               "Søren", "Tine", "Jens", "Karen", "Niels", "Louise", "Mikkel", "Charlotte"]
LAST_NAMES = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen",
              "Sørensen", "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen",
              "Olsen", "Thomsen", "Holm", "Lund", "Bach", "Dam", "Kragh"]
YOUNG_NAMES = ["Emma", "Noah", "Freja", "Malik", "Sofie", "William", "Ida", "Oscar",
               "Alma", "Lucas", "Clara", "Victor", "Ella", "Aksel", "Karla"]
TITLES = {Sector.SCHOOL: "Skoleleder", Sector.DAYCARE: "Dagtilbudsleder",
          Sector.ASSOCIATION: "Formand", Sector.MUNICIPALITY: "Konsulent",
          Sector.BUSINESS: "Direktør", Sector.NATIONAL: "Konsulent",
          Sector.RESEARCH: "Forsker", Sector.OTHER: "Formand"}


def organisation_names(rng, place: str, count: int) -> list[tuple[str, str]]:
    """`count` distinct (name, sector) pairs, sectors in their shares."""
    sectors = list(SECTORS)
    weights = [share for share, _patterns in SECTORS.values()]
    made: dict[str, str] = {}
    while len(made) < count:
        sector = rng.choices(sectors, weights)[0]
        pattern = rng.choice(SECTORS[sector][1])
        name = pattern.format(place=place, word=rng.choice(WORDS), flower=rng.choice(FLOWERS),
                              part=rng.choice(PARTS))
        if name in made:
            name = f"{name} {len(made) + 1}"
        made[name] = sector
    return list(made.items())


def build_large(initiative, rng, scale) -> None:
    place = initiative.municipality.removesuffix(" Kommune")
    started = initiative.started_on
    today = timezone.localdate()
    organisations = Organisation.objects.bulk_create([
        Organisation(initiative=initiative, name=name, sector=sector, is_backbone=False)
        for name, sector in organisation_names(rng, place, scale.count(FULL_ORGANISATIONS) - 1)
    ] + [Organisation(initiative=initiative, name=f"Sekretariatet for {initiative.name}",
                      sector=Sector.MUNICIPALITY, is_backbone=True)], batch_size=1000)
    people = []
    for organisation in organisations:
        if organisation.sector == Sector.YOUTH:
            for _ in range(2):
                people.append(Person(
                    initiative=initiative, organisation=organisation,
                    name=rng.choice(YOUNG_NAMES),
                    age_band=rng.choice([AgeBand.AGE_13_15, AgeBand.AGE_16_18,
                                         AgeBand.AGE_19_24])))
            continue
        for _ in range(rng.choice([1, 2, 2, 3])):
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            people.append(Person(
                initiative=initiative, organisation=organisation, name=f"{first} {last}",
                title=TITLES.get(organisation.sector, ""), age_band=AgeBand.ADULT,
                email=f"{first}.{last}@{place}.example".lower().replace("ø", "oe")
                .replace("æ", "ae").replace("å", "aa")))
    people = Person.objects.bulk_create(people, batch_size=1000)
    span = max(1, (today - started).days)
    seats = []
    seated = [person for person in people if rng.random() < 0.35]
    for index, person in enumerate(seated):
        if person.organisation.is_backbone:
            role = MembershipRole.SECRETARIAT
        elif index == 0:
            role = MembershipRole.CHAIR
        elif person.age_band != AgeBand.ADULT:
            role = MembershipRole.YOUTH
        else:
            role = rng.choices([MembershipRole.MEMBER, MembershipRole.OBSERVER], [9, 1])[0]
        on = started + dt.timedelta(days=rng.randrange(span) if index else 0)
        ended = None
        if role != MembershipRole.CHAIR and rng.random() < 0.3 and (today - on).days > 60:
            ended = on + dt.timedelta(days=rng.randrange(30, (today - on).days))
        seats.append(Membership(initiative=initiative, person=person,
                                organisation=person.organisation, role=role, started_on=on,
                                ended_on=ended, end_reason="Stoppede" if ended else ""))
    Membership.objects.bulk_create(seats, batch_size=1000)
    partnerships = []
    for _ in range(len(organisations) // 5):
        a, b = rng.sample(organisations, 2)
        on = started + dt.timedelta(days=rng.randrange(span))
        partnerships.append(Partnership(
            initiative=initiative, organisation_a=a, organisation_b=b, started_on=on,
            description=f"{a.name} og {b.name} samarbejder om børnenes fællesskaber."))
    Partnership.objects.bulk_create(partnerships, batch_size=1000)
