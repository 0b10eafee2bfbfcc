"""The demo's activities, 2016-2019, modelled on the seed's activity overview.

Each row: title, description, track names, age groups, settings, recurrence, first driver,
later drivers [(organisation, date, note)], stage story [(stage, date, text)] where the text
is the reason (stopped), the note (re-opened) or the decision (anchored), and the partners'
commitments [(organisation, kind, amount, unit, from, to)].

The story the numbers tell: in 2016 partners drive most running activities; by 2017 the
secretariat drives seven in ten; two activities become anchored (the reading horses, with
the library and day-care, and the coherent cooperation model); most trials stop.
"""

BB = "Sekretariatet for Fællesskab for alle børn"
BU = "Børn og Unge, Egelund Kommune"
LIB = "Egelund Bibliotek"
FRI = "Fællesskaber i fritiden"
SKO = "Trivsel i skole og dagtilbud"
FOR = "Forældre som medspillere"
OPS = "Tidlig opsporing og én indgang"
VID = "Viden og data"
UNG = "Unge viser vejen"
HAA = "En ekstra hånd"

ANCHORS = {
    "Læseheste i dagtilbud": {
        "decided_by": "Kultur- og fritidsudvalget og lederne af dagtilbud",
        "anchored_in": LIB,
    },
    "Sammenhængende samarbejdsmodel for trivsel": {
        "decided_by": "Børne- og skoleudvalget", "anchored_in": BU,
    },
}

ACTIVITIES = [
    ("Ungebussen", "En ombygget bus, som unge selv indrettede, kørte rundt til alle skoler "
     "og samlede unges idéer og bekymringer op.", [UNG, FRI], ["13-17"], ["school", "leisure"],
     "irregular", BB, [],
     [("trial", "2016-04-01", ""), ("running", "2016-09-01", ""),
      ("stopped", "2018-06-30", "Bussen var lånt af regionen; ingen partner ville betale "
                                "drift og chauffør.")],
     [("Fællesrådet for Ungdom i Egelund", "volunteers", 6, "persons", "2016-04-01",
       "2018-06-30"),
      ("Egelund Ungdomsskole", "staff_hours", 120, "hours", "2016-04-01", "2017-06-30")]),
    ("Ungemøder", "Åbne møder, hvor unge drøfter trivsel og fællesskab og giver idéer videre "
     "til alliancen.", [UNG], ["13-17", "18-24"], ["leisure"], "monthly",
     "Fællesrådet for Ungdom i Egelund",
     [(BB, "2017-02-01", "Fællesrådet havde ikke kræfter til at invitere; sekretariatet "
                         "overtog.")],
     [("trial", "2016-03-01", ""), ("running", "2016-10-01", ""),
      ("stopped", "2019-06-30", "Få unge kom, efter at møderne blev sekretariatets.")],
     [("Fællesrådet for Ungdom i Egelund", "venue", 10, "days", "2016-03-01", "2017-01-31")]),
    ("Hackathon på skolerne", "En dag, hvor elever fra alle skoler udviklede idéer mod "
     "ensomhed – over 100 idéer kom ind.", [UNG, SKO], ["13-17"], ["school"], "once", BB, [],
     [("trial", "2017-03-01", ""),
      ("stopped", "2017-04-01", "Gennemført som engangsarrangement; ingen skole ville stå "
                                "for at gentage det.")],
     [("Fjordskolen", "staff_hours", 60, "hours", "2017-03-01", "2017-03-31"),
      ("Egelund Brugs", "money", 5000, "dkk", "2017-03-01", "2017-03-31")]),
    ("Online inspirationskatalog", "Et katalog på nettet over fællesskaber og aktiviteter for "
     "børn, med idéer til foreninger og forældre.", [FRI, HAA], ["6-12", "13-17", "adults"],
     ["leisure", "home"], "irregular", BB, [],
     [("trial", "2016-10-01", ""), ("running", "2017-03-01", ""),
      ("stopped", "2019-03-31", "Foreningerne opdaterede ikke selv kataloget, og "
                                "sekretariatet kunne ikke holde det ved lige.")], []),
    ("Læseheste i dagtilbud", "Frivillige læser højt for små grupper af børn i dagtilbud; "
     "biblioteket uddanner og koordinerer de frivillige.", [HAA, SKO], ["0-5"], ["daycare"],
     "weekly", BB,
     [(LIB, "2017-08-01", "Biblioteket overtager koordineringen af de frivillige.")],
     [("trial", "2016-09-01", ""), ("running", "2017-03-01", ""),
      ("anchored", "2018-08-15", "Læsehestene indgår i bibliotekets driftsbudget og "
                                 "dagtilbuddenes årsplan fra august 2018.")],
     [(LIB, "staff_hours", 200, "hours", "2016-09-01", None),
      ("Frivilligcenter Egelund", "volunteers", 12, "persons", "2016-09-01", None),
      ("Dagtilbud Egelund Nord", "venue", 40, "days", "2016-09-01", None),
      ("Dagtilbud Egelund Syd", "venue", 40, "days", "2017-03-01", None),
      (LIB, "money", 25000, "dkk", "2018-08-15", None)]),
    ("Sammenhængende samarbejdsmodel for trivsel", "En digital platform til "
     "forældreinddragelse, en fælles digital indgang for medarbejdere med vejledning og "
     "overblik over tilbud, og et koordinerende team i hvert skoledistrikt.",
     [OPS, FOR, VID], ["0-5", "6-12", "13-17"], ["daycare", "school", "home"], "irregular", BB,
     [(BU, "2017-09-01", "Børn og Unge tager ejerskab til modellen.")],
     [("trial", "2017-09-01", ""), ("running", "2018-03-01", ""),
      ("anchored", "2019-04-01", "Modellen er en del af Børn og Unges drift med eget budget "
                                 "fra april 2019.")],
     [(BU, "staff_hours", 600, "hours", "2017-09-01", None),
      ("Egelund Skole", "staff_hours", 80, "hours", "2018-03-01", None),
      ("Dagtilbud Egelund Nord", "staff_hours", 60, "hours", "2018-03-01", None),
      ("Sund By Fonden", "money", 150000, "dkk", "2017-09-01", "2019-03-31"),
      ("Institut for Børn og Unges Trivsel", "expertise", 40, "hours", "2017-09-01",
       "2018-12-31")]),
    ("Inspirationsaften for foreninger", "En aften, hvor foreninger delte erfaringer med at "
     "tage imod børn, der står udenfor.", [FRI], ["adults"], ["leisure"], "once", BB, [],
     [("trial", "2017-03-15", ""),
      ("stopped", "2017-04-01", "Godt besøgt, men ingen forening tog stafetten videre.")],
     [("Egelund Boldklub", "venue", 1, "days", "2017-03-15", "2017-03-15")]),
    ("Trivselsmåling med forskningsinstitut", "Årlig måling af elevernes trivsel i skole, "
     "fritid og hjem.", [VID], ["6-12", "13-17"], ["school"], "yearly", BB,
     [(BU, "2019-08-01", "Kommunen viderefører målingen.")],
     [("trial", "2017-02-01", ""), ("running", "2017-10-01", "")],
     [("Institut for Børn og Unges Trivsel", "expertise", 120, "hours", "2017-02-01", None),
      ("Egelund Skole", "staff_hours", 20, "hours", "2017-02-01", None),
      ("Bakkely Skole", "staff_hours", 20, "hours", "2017-02-01", None),
      ("Fjordskolen", "staff_hours", 20, "hours", "2017-02-01", None)]),
    ("Venskabsklasser på tværs af skoler", "Klasser fra to skoler mødes og laver noget "
     "sammen en gang om måneden.", [SKO], ["6-12"], ["school"], "monthly", "Bakkely Skole", [],
     [("trial", "2016-10-01", ""),
      ("stopped", "2017-06-30", "Transporten mellem skolerne tog for meget tid.")],
     [("Bakkely Skole", "staff_hours", 40, "hours", "2016-10-01", "2017-06-30")]),
    ("Fritidsguide for børn uden fritidsliv", "En voksen hjælper børn, der ikke går til noget, "
     "med at finde og komme i gang med en fritidsaktivitet.", [FRI, OPS], ["6-12", "13-17"],
     ["leisure"], "weekly", BB, [],
     [("trial", "2016-08-01", ""), ("running", "2017-01-01", ""),
      ("stopped", "2018-12-31", "Fondsmidlerne udløb, og ingen forening kunne bære "
                                "koordineringen.")],
     [("Sund By Fonden", "money", 80000, "dkk", "2016-08-01", "2018-12-31")]),
    ("Åben hal fredag", "Hallen er åben for alle unge fredag aften med trænere fra "
     "boldklubben.", [FRI], ["13-17"], ["leisure"], "weekly", "Egelund Boldklub", [],
     [("trial", "2016-09-01", ""), ("running", "2017-01-01", ""),
      ("stopped", "2018-05-31", "De frivillige trænere brændte ud.")],
     [("Egelund Boldklub", "volunteers", 4, "persons", "2016-09-01", "2018-05-31"),
      ("Egelund Brugs", "materials", 12, "items", "2017-01-01", "2017-12-31")]),
    ("Forældrecafé i dagtilbud", "Forældre mødes i dagtilbuddet og lærer hinanden at kende.",
     [FOR], ["adults", "0-5"], ["daycare"], "monthly", "Dagtilbud Egelund Syd", [],
     [("trial", "2017-02-01", ""),
      ("stopped", "2017-12-31", "De forældre, der havde mest brug for det, kom ikke.")], []),
    ("Forældrenetværk i 0. klasse", "Forældrene i hver 0. klasse danner netværk og laver "
     "legeaftaler på tværs.", [FOR], ["adults"], ["school", "home"], "irregular", BB, [],
     [("trial", "2017-08-01", ""), ("running", "2018-01-01", "")],
     [("Egelund Skole", "staff_hours", 30, "hours", "2017-08-01", None)]),
    ("Spejder for alle", "Gratis prøvemåned hos spejderne for børn, der ikke går til noget.",
     [FRI], ["6-12"], ["leisure"], "weekly", "Egelund Spejderne", [],
     [("trial", "2016-05-01", ""),
      ("stopped", "2016-12-31", "Få børn fortsatte efter prøvemåneden.")],
     [("Egelund Spejderne", "volunteers", 3, "persons", "2016-05-01", "2016-12-31")]),
    ("Legepatruljer i frikvarteret", "Ældre elever sætter lege i gang for de yngre.",
     [SKO, UNG], ["6-12"], ["school"], "weekly", "Egelund Skole", [],
     [("trial", "2017-03-01", ""),
      ("stopped", "2018-01-31", "Patruljerne stoppede, da de ældre elever gik ud af skolen.")],
     []),
    ("Fælles indgang for bekymringer (pilot)", "Én telefon og én mail for medarbejdere, der er "
     "bekymrede for et barn.", [OPS], ["0-5", "6-12", "13-17"], ["school", "daycare"],
     "irregular", BB, [],
     [("trial", "2017-05-01", ""),
      ("stopped", "2017-11-30", "Indgår i den sammenhængende samarbejdsmodel.")], []),
    ("Film med unge om ensomhed", "Unge lavede en kortfilm om at stå udenfor; den blev vist på "
     "alle skoler.", [UNG], ["13-17"], ["school", "leisure"], "once", BB, [],
     [("trial", "2017-01-15", ""),
      ("stopped", "2017-06-30", "Filmen er færdig og vist; en engangsindsats.")],
     [("Egelund Ungdomsskole", "staff_hours", 40, "hours", "2017-01-15", "2017-06-30")]),
    ("Ungepanel i alliancegruppen", "To unge sidder i alliancegruppen, forberedt af et panel "
     "af unge.", [UNG], ["13-17", "18-24"], [], "irregular", BB, [],
     [("trial", "2016-06-01", ""), ("running", "2017-01-01", "")], []),
    ("Lektiecafé på biblioteket", "Frivillige hjælper med lektier to eftermiddage om ugen.",
     [SKO, HAA], ["6-12", "13-17"], ["leisure"], "weekly", LIB, [],
     [("trial", "2016-02-01", ""), ("running", "2016-09-01", ""),
      ("stopped", "2018-06-30", "For få frivillige til at holde åbent.")],
     [(LIB, "venue", 80, "days", "2016-02-01", "2018-06-30"),
      ("Frivilligcenter Egelund", "volunteers", 5, "persons", "2016-02-01", "2018-06-30")]),
    ("Sommerferieaktiviteter for alle", "Gratis aktiviteter i sommerferien, samlet ét sted.",
     [FRI], ["6-12", "13-17"], ["leisure"], "yearly", BB, [],
     [("trial", "2016-06-01", ""), ("running", "2017-06-01", "")],
     [("Egelund Boldklub", "volunteers", 4, "persons", "2017-06-01", None)]),
    ("Mentorordning med ældre elever", "Elever i 8. klasse er mentorer for elever i 5. klasse.",
     [UNG, SKO], ["6-12", "13-17"], ["school"], "weekly", "Fjordskolen", [],
     [("trial", "2017-09-01", ""),
      ("stopped", "2018-06-30", "Skemaet gav ikke plads til det næste skoleår.")],
     [("Fjordskolen", "staff_hours", 50, "hours", "2017-09-01", "2018-06-30")]),
    ("Temadag om ensomhed for fagprofessionelle", "En dag for lærere, pædagoger og trænere "
     "om at se ensomhed tidligt.", [OPS, VID], ["adults"], ["school", "daycare"], "once", BB,
     [], [("trial", "2016-11-01", ""),
          ("stopped", "2016-11-30", "Gennemført; engangsarrangement.")],
     [("Institut for Børn og Unges Trivsel", "expertise", 8, "hours", "2016-11-01",
       "2016-11-30")]),
    ("Brugsens ungejob", "Første fritidsjob for unge, der har svært ved at komme ind på "
     "arbejdsmarkedet.", [FRI, HAA], ["13-17"], ["leisure"], "irregular", "Egelund Brugs", [],
     [("trial", "2017-04-01", ""),
      ("stopped", "2018-04-30", "Butikken fik ny ledelse, som ikke ville fortsætte.")],
     [("Egelund Brugs", "staff_hours", 100, "hours", "2017-04-01", "2018-04-30")]),
    ("Gåture med sundhedsplejen", "Sundhedsplejen samler nybagte forældre til gåture.",
     [FOR], ["adults", "0-5"], ["home"], "weekly", BU, [],
     [("trial", "2017-04-01", ""),
      ("stopped", "2017-10-31", "Vinteren kom, og ingen overtog efter sundhedsplejersken.")],
     []),
    ("Idrætsskole om eftermiddagen", "Boldklubben og skolen laver idræt efter skoletid.",
     [FRI], ["6-12"], ["leisure", "school"], "weekly", "Egelund Boldklub", [],
     [("trial", "2018-03-01", "")],
     [("Egelund Boldklub", "volunteers", 3, "persons", "2018-03-01", None),
      ("Egelund Skole", "venue", 30, "days", "2018-03-01", None)]),
    ("Chill-rum på skolen", "Et rum, hvor unge kan være i fred i pauserne – de unges idé fra "
     "hackathonet.", [UNG], ["13-17"], ["school"], "irregular", BB, [],
     [("trial", "2018-02-01", ""),
      ("stopped", "2018-09-30", "Skolen havde ikke et lokale at afse.")], []),
    ("Trivselsambassadører", "Elever på alle skoler er ambassadører for trivsel i deres "
     "klasse.", [SKO, UNG], ["13-17"], ["school"], "monthly", BB, [],
     [("trial", "2018-01-15", ""), ("running", "2018-08-15", "")], []),
    ("Frivillige lektiehjælpere i hjemmet", "Frivillige kommer hjem til familier og hjælper "
     "med lektier.", [HAA], ["6-12"], ["home"], "weekly", "Frivilligcenter Egelund", [],
     [("trial", "2018-02-01", ""),
      ("stopped", "2019-01-31", "Familierne ønskede ikke frivillige i hjemmet.")],
     [("Frivilligcenter Egelund", "volunteers", 4, "persons", "2018-02-01", "2019-01-31")]),
    ("Bedsteforældre i dagtilbud", "Ældre frivillige kommer fast i dagtilbuddet som "
     "'reservebedsteforældre'.", [HAA], ["0-5"], ["daycare"], "weekly", BB, [],
     [("trial", "2017-03-01", ""),
      ("stopped", "2017-09-30", "Ingen frivillige meldte sig."),
      ("trial", "2018-04-01", "Frivilligcenteret har fundet nye frivillige."),
      ("running", "2018-10-01", "")],
     [("Frivilligcenter Egelund", "volunteers", 6, "persons", "2018-04-01", None)]),
    ("Forældremøder med trivselstema", "Et fast punkt om fællesskab i klassen på hvert "
     "forældremøde.", [FOR], ["adults"], ["school"], "yearly", BB, [],
     [("trial", "2018-08-15", ""), ("running", "2019-01-15", "")], []),
    ("Digital forældreplatform (pilot)", "Afprøvning af en platform til kontakt mellem "
     "forældre.", [FOR, OPS], ["adults"], ["home"], "irregular", BB, [],
     [("trial", "2018-01-15", ""),
      ("stopped", "2018-09-30", "Indgår i den sammenhængende samarbejdsmodel.")], []),
    ("Fællesskabsuge", "En uge om året, hvor skoler og foreninger åbner dørene for hinanden.",
     [FRI, SKO], ["6-12", "13-17"], ["school", "leisure"], "yearly", BB, [],
     [("trial", "2018-09-01", ""), ("running", "2019-01-15", "")],
     [("Egelund Gymnastikforening", "volunteers", 4, "persons", "2018-09-01", None)]),
    ("Kulturpas for børn", "Et pas med gratis oplevelser hos kulturinstitutionerne.", [FRI],
     ["6-12"], ["leisure"], "yearly", LIB, [],
     [("trial", "2018-05-01", ""),
      ("stopped", "2019-05-31", "Få børn brugte passet.")],
     [(LIB, "money", 15000, "dkk", "2018-05-01", "2019-05-31")]),
    ("Trivselsdag på ungdomsskolen", "En dag med workshops om venskaber og fællesskab.",
     [UNG], ["13-17"], ["school"], "once", "Egelund Ungdomsskole", [],
     [("trial", "2018-10-01", ""), ("stopped", "2018-11-01", "Gennemført; engangsarrangement.")],
     []),
    ("Foreningsmesse på skolerne", "Foreningerne præsenterer sig for eleverne på skolen.",
     [FRI], ["6-12"], ["school"], "yearly", BB, [],
     [("trial", "2017-09-01", ""), ("running", "2018-09-01", "")],
     [("Egelund Spejderne", "volunteers", 2, "persons", "2017-09-01", None)]),
    ("Velkommen til Egelund – tilflytterbørn", "Nye børn i kommunen får en fast kontakt, der "
     "viser dem fællesskaberne.", [FRI, OPS], ["6-12", "13-17"], ["leisure"], "irregular", BB,
     [], [("trial", "2018-03-01", ""),
          ("stopped", "2019-02-28", "For få tilflyttere til at holde en ordning i gang.")], []),
    ("Familieløb", "Et årligt løb for hele familien med fællesspisning bagefter.", [FOR, FRI],
     ["0-5", "6-12", "adults"], ["leisure"], "yearly", "Sund By Fonden", [],
     [("trial", "2017-05-01", ""), ("stopped", "2017-06-30", "Fonden støttede kun det første år.")],
     [("Sund By Fonden", "money", 20000, "dkk", "2017-05-01", "2017-06-30")]),
    ("Madklub for unge", "Unge laver mad sammen én aften om ugen.", [UNG], ["13-17"],
     ["leisure"], "weekly", BB, [],
     [("stopped", "2019-06-30", "Ingen fandt et køkken eller en voksen til at stå for det.")],
     []),
    ("Ungdomsklub i Fjordby", "Forslag fra de unge om en klub i den yderste landsby.", [UNG],
     ["13-17"], ["leisure"], "weekly", BB, [], [], []),
    ("Julemarked med unge", "Unge stod for en bod på julemarkedet og samlede penge ind.", [],
     ["13-17"], ["leisure"], "once", BB, [],
     [("trial", "2018-11-15", ""), ("stopped", "2018-12-31", "Gennemført; engangsarrangement.")],
     []),
    ("Kaffemøder med lokale virksomheder", "Sekretariatet inviterer virksomheder til at høre, "
     "hvad de kan bidrage med.", [], ["adults"], [], "monthly", BB, [], [], []),
]

# When each activity was proposed: the month before its first trial (or as given here).
PROPOSED_ON = {
    "Madklub for unge": "2019-03-01", "Ungdomsklub i Fjordby": "2018-11-01",
    "Kaffemøder med lokale virksomheder": "2019-02-01", "Ungebussen": "2016-01-15",
}

# (activity, [(date, group, participants)]) for the activities with a recorded reach.
REACH = {
    "Ungebussen": [("2016-05-10", "youth", 180), ("2016-10-04", "youth", 210),
                   ("2017-04-20", "youth", 160)],
    "Læseheste i dagtilbud": [("2017-02-01", "children", 45), ("2017-02-01", "volunteers", 8),
                              ("2018-02-01", "children", 90), ("2018-02-01", "volunteers", 12)],
    "Hackathon på skolerne": [("2017-03-08", "youth", 240), ("2017-03-08", "professionals", 18)],
    "Ungemøder": [("2016-11-02", "youth", 22), ("2017-11-01", "youth", 9),
                  ("2018-11-07", "youth", 5)],
    "Inspirationsaften for foreninger": [("2017-03-15", "volunteers", 34)],
}

# (activity, date, what we tried, what we learned)
LEARNING = [
    ("Ungebussen", "2017-01-20", "Bussen kørte til alle skoler og blev bemandet af unge.",
     "Noget konkret, man kan se, åbner samtalen. Men uden en ejer af driften bliver det en "
     "kampagne, ikke en indsats."),
    ("Ungemøder", "2018-01-15", "Sekretariatet overtog invitationerne fra Fællesrådet.",
     "Møderne blev vores, ikke de unges – deltagelsen faldt. Unge skal have en rigtig rolle "
     "og forberedelse, ikke bare en invitation."),
    ("Hackathon på skolerne", "2017-04-05", "En dag med over 100 idéer fra elever.",
     "Idéerne landede hos sekretariatet. Aftal på forhånd, hvem der tager de bedste videre."),
    ("Læseheste i dagtilbud", "2018-09-01", "Biblioteket overtog koordineringen i 2017.",
     "Forankring kom, da en organisation med budget ville eje indsatsen. Planlæg "
     "overdragelsen fra starten."),
    ("Inspirationsaften for foreninger", "2017-04-02", "En aften med erfaringsudveksling.",
     "Godt besøgt, men ingen aftale om næste skridt. Afslut med konkrete tilsagn."),
]

# The stories the public site tells (the descriptions above stay internal).
PUBLIC_STORIES = {
    "Ungebussen": (
        "Unge byggede selv en gammel bus om til et mødested på hjul. I foråret 2017 kørte "
        "**Ungebussen** rundt til alle kommunens skoler, og eleverne fortalte, hvad der skal "
        "til, for at ingen står alene.\n\nIdéerne fra bussen blev til flere af alliancens "
        "aktiviteter."),
    "Læseheste i dagtilbud": (
        "Frivillige *læseheste* læser højt for små grupper af børn hver uge. Det giver ro, "
        "sprog og en voksen, der har tid.\n\nI 2019 besluttede biblioteket og dagtilbuddene "
        "at fortsætte læsehestene fast. Vil du være læsehest? Kontakt biblioteket."),
    "Lektiecafé på biblioteket": (
        "To eftermiddage om ugen hjælper frivillige med lektier på biblioteket. Man møder "
        "bare op, og der er altid kage."),
    "Spejder for alle": (
        "Børn, der ikke går til noget, kan prøve spejderlivet gratis i en måned. Mange "
        "bliver ved bagefter."),
}
