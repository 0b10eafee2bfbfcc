"""The demo's meetings, after the seed's story: alliance meetings four times a year from
October 2015, a vision workshop with young people (April 2016), a strategy workshop, the
Youth bus's week at the schools (September 2016), the school hackathon (March 2017),
yearly youth meetings, a youth panel preparing the young members before each alliance
meeting from 2018, and public events.

Youth briefings on the alliance meetings' agenda items are rare at first and common later
(BRIEFED_SHARE): the seed's lesson that young members need preparation to have a real say.
"""

BB = "Sekretariatet for Fællesskab for alle børn"
TOWN_HALL = "Egelund Rådhus, mødelokale 2"
LIBRARY = "Egelund Bibliotek, salen"

# The share of an alliance meeting's agenda items with a youth briefing, by year (later
# years: the last one).
BRIEFED_SHARE = {2015: 0.0, 2016: 0.0, 2017: 0.25, 2018: 0.5, 2019: 0.75, 2020: 0.85}
# How likely a young member is to come, by year: more once they are prepared.
YOUTH_TURNOUT = {2015: 0.5, 2016: 0.67, 2017: 0.6, 2018: 0.85}
ADULT_TURNOUT = 0.8

# The alliance meetings of the seed's years; from 2020 they follow the same rhythm (the
# second Thursday of March, June, September and November) up to the next one to come.
ALLIANCE_DATES = [
    "2015-10-08", "2015-12-10",
    "2016-02-11", "2016-05-19", "2016-09-08", "2016-11-24",
    "2017-03-09", "2017-06-08", "2017-09-14", "2017-11-23",
    "2018-03-08", "2018-06-14", "2018-09-13", "2018-11-22",
    "2019-03-14", "2019-06-13", "2019-09-12", "2019-11-21",
]
ALLIANCE_MONTHS = (3, 6, 9, 11)

# Agenda items: (title, youth briefing in plain language, a line for the minutes).
WELCOME = ("Velkomst og nyt fra sekretariatet",
           "Sekretariatet fortæller kort, hvad der er sket siden sidst. Her skal der ikke "
           "besluttes noget, men spørg løs.",
           "Sekretariatet orienterede om arbejdet siden sidste møde.")
ITEMS = [
    ("Status på aktiviteterne",
     "Vi gennemgår, hvordan det går med aktiviteterne – fx læsehestene og ungebussen. I må "
     "gerne fortælle, hvad I har hørt fra andre unge om dem.",
     "Aktiviteterne blev gennemgået; flere prøvehandlinger mangler en ejer efter prøveperioden."),
    ("Trivselsmålingen: hvad viser tallene?",
     "Forskerne viser, hvordan eleverne har svaret om trivsel. Tænk over: passer tallene med "
     "det, I selv oplever i skolen og i fritiden?",
     "Forskerne præsenterede målingen; ændringerne er små, og de unge genkendte billedet."),
    ("Hvem tager ejerskab for de nye idéer?",
     "Der er kommet mange idéer ind fra børn og unge. Alliancen skal beslutte, hvem der står "
     "for hvilke. Sig gerne, hvilke idéer der betyder mest for unge.",
     "Idéerne blev fordelt; de fleste endte igen hos sekretariatet."),
    ("Budget og ressourcer",
     "Vi taler om, hvor penge og timer skal bruges næste år. Spørg, hvis noget er uklart – "
     "det er det ofte for alle.",
     "Partnerne blev opfordret til at afsætte timer; få gav konkrete tilsagn."),
    ("Sporene: hvor står vi?",
     "Hvert spor er et område, alliancen arbejder med (fx fritid eller skole). Vi ser på, om "
     "vi er på vej mod målene.",
     "Sporene blev gennemgået; fritidssporet er længst."),
    ("Kommunikation: film, nyhedsbrev og hjemmeside",
     "Hvordan fortæller vi om arbejdet, så andre unge og forældre hører om det? Jeres idéer "
     "til, hvor unge faktisk ser ting, er meget velkomne.",
     "De unge foreslog korte film på de sociale medier frem for nyhedsbrevet."),
    ("Forankring: hvem overtager aktiviteterne?",
     "En aktivitet er forankret, når en skole, forening eller kommunen tager den ind i sin "
     "faste drift. Vi taler om, hvem der kan overtage hvad.",
     "Forankring blev drøftet; skolerne vil se på to aktiviteter."),
    ("Politisk forankring",
     "Vi drøfter, om byrådets børne- og skoleudvalg skal have trivsel som fast punkt. Det kan "
     "give adgang til flere penge og beslutninger.",
     "Formanden tager kontakt til udvalgsformanden."),
    ("Næste års plan",
     "Vi lægger planen for næste år: hvad skal vi gøre mere af, og hvad skal vi stoppe med?",
     "Planen for næste år blev drøftet og sendes ud med referatet."),
    ("Erfaringer: hvad har vi lært?",
     "Vi ser tilbage: hvad virkede, og hvad gjorde ikke? Jeres egne erfaringer tæller lige så "
     "meget som de voksnes.",
     "Erfaringerne samles i læringsloggen."),
]

# Decisions the alliance took at its seed-story meetings: date -> [(decision, activity title
# or None, the agenda item's title it was taken under or None)].
DECISIONS = {
    "2015-10-08": [("Alliancen mødes fire gange om året; sekretariatet indkalder, skriver "
                    "dagsorden og referat.", None, None)],
    "2016-05-19": [("Der afholdes et strategiværksted om spor i september.", None, None)],
    "2016-11-24": [("Alliancen vedtager visionen: alle børn og unge i Egelund har mindst ét "
                    "fællesskab, hvor de hører til.", None, None),
                   ("Sekretariatets oplæg om fem strategiske spor og to tværgående spor "
                    "vedtages.", None, "Sporene: hvor står vi?"),
                   ("Frivillige læser højt i dagtilbud (læseheste) afprøves.",
                    "Læseheste i dagtilbud", None)],
    "2017-03-09": [("Hackathonens idéer besvares samlet inden sommerferien.", None,
                    "Hvem tager ejerskab for de nye idéer?")],
    "2017-09-14": [("Foreningerne præsenterer sig på skolerne; en foreningsmesse afprøves.",
                    "Foreningsmesse på skolerne", None)],
    "2018-03-08": [("Formanden foreslår børne- og skoleudvalget trivsel som fast punkt.", None,
                    "Politisk forankring"),
                   ("Brugsens ungejob afprøves med fem unge.", "Brugsens ungejob", None)],
    "2018-11-22": [("Et ungepanel forbereder de unge medlemmer før hvert alliancemøde.",
                    "Ungepanel i alliancegruppen", None)],
    "2019-06-13": [("Læsehestene forankres i bibliotekets og dagtilbuddenes faste drift.",
                    "Læseheste i dagtilbud", "Forankring: hvem overtager aktiviteterne?")],
    "2019-11-21": [("Den sammenhængende samarbejdsmodel for trivsel tages i brug i alle "
                    "skoledistrikter.", "Sammenhængende samarbejdsmodel for trivsel",
                    "Forankring: hvem overtager aktiviteterne?")],
}
# A decision for a meeting without one of the above, by the agenda item it follows.
ITEM_DECISIONS = {
    "Næste års plan": "Planen for næste år godkendes med de ændringer, der kom på mødet.",
    "Budget og ressourcer": "Partnerne melder deres timer for næste år ind til sekretariatet.",
    "Hvem tager ejerskab for de nye idéer?": "Hver ny idé får en ejer i alliancen, før den "
                                              "sættes i gang.",
    "Forankring: hvem overtager aktiviteterne?": "Skolerne undersøger, om de kan overtage "
                                                 "to prøvehandlinger.",
}

# Action items: (what, owner from the secretariat?). Most land on the secretariat.
ACTIONS = [
    ("Sende referat og næste dagsorden ud", True),
    ("Samle partnernes timer til næste år", True),
    ("Skrive svar til de unge om deres idéer", True),
    ("Finde lokale til fællesskabsugen", False),
    ("Spørge skolebestyrelserne om forankring", False),
    ("Lave en kort film om læsehestene", True),
    ("Invitere udvalgsformanden til næste møde", False),
    ("Opdatere oversigten over tilbud på tværs", True),
]
BACKBONE_OWNERS = ("Mette Holmgaard", "Jonas Brandt")

# Workshops, the hackathon, the Youth bus and public events:
# (title, kind, date, starts, ends, place, description, {group: count}).
EVENTS = [
    ("Visionsværksted med unge", "workshop", "2016-04-20", "13:00", "17:00",
     "Egelund Ungdomsskole",
     "Unge, fagfolk og politikere formulerer sammen, hvad et godt børneliv i Egelund er.",
     {"young_people": 26, "professionals": 9, "politicians": 2}),
    ("Strategiværksted om spor", "workshop", "2016-09-29", "15:00", "19:00", TOWN_HALL,
     "Alliancen finder de spor, arbejdet skal følge.",
     {"professionals": 17, "volunteers": 6, "young_people": 2}),
    ("Hackathon på skolerne", "hackathon", "2017-03-01", "08:30", "14:30", "Egelund Hallen",
     "Elever fra alle skoler udvikler på én dag idéer mod ensomhed og for fællesskab.",
     {"young_people": 124, "professionals": 14, "citizens": 5}),
    ("Trivselsfest på torvet", "public", "2018-06-02", "11:00", "15:00", "Torvet, Egelund",
     "Foreninger, skoler og unge viser, hvad de laver. Alle er velkomne.",
     {"children": 140, "young_people": 60, "parents": 150, "volunteers": 40}),
    ("Læsehestenes dag på biblioteket", "public", "2019-05-04", "10:00", "13:00", LIBRARY,
     "Kom og mød læsehestene – frivillige, der læser højt for børn.",
     {"children": 45, "parents": 38, "volunteers": 12}),
]

# The Youth bus's week at the schools (one school a day from this Monday).
YOUTH_BUS_FROM = "2016-09-12"
YOUTH_BUS = [("Egelund Skole", 86), ("Bakkely Skole", 64), ("Fjordskolen", 71),
             ("Egelund Ungdomsskole", 52), ("Egelund Friskole", 23)]

# The yearly open youth meeting in the youth council (second Wednesday of October).
YOUTH_MEETING = "Ungemøde i Fællesrådet"
YOUTH_MEETING_PLACE = "Fællesrådet for Ungdom, Egelund"
YOUTH_MEETING_ITEMS = ["Hvad mangler unge i Egelund?", "Jeres idéer til alliancen",
                       "Hvad blev der af jeres idéer fra sidst?"]
# From this date, a youth panel meets a week before each alliance meeting to prepare.
YOUTH_PANEL_FROM = "2018-11-22"
YOUTH_PANEL = "Ungepanel: forberedelse til alliancemødet"
