"""The demo's ideas, 2016-2019, after the seed's story: a vision workshop with young people,
youth meetings, the Youth bus visiting every school, a school hackathon with about a
hundred ideas (eight natural themes, a few near-duplicates), and ideas from alliance
meetings. Most ideas that are taken up land on the secretariat.

Submitter groups: c = child, y = young person, p = parent, f = professional,
v = volunteer, o = politician (see GROUPS).
"""

GROUPS = {"c": "child", "y": "young_person", "p": "parent", "f": "professional",
          "v": "volunteer", "o": "politician"}

# The hackathon on all schools (the activity "Hackathon på skolerne"), March 2017:
# (title, group). Eight themes; a few ideas say the same thing twice, in other words.
HACKATHON_ON = "2017-03-01"
HACKATHON = [
    # Recess and play
    ("Flere legeaktiviteter i frikvarteret, så ingen står alene", "y"),
    ("Legepatruljer hvor store elever sætter lege i gang for de små i frikvarteret", "y"),
    ("Legepatrulje: de ældste elever sætter lege i gang for de yngste i frikvarteret", "y"),
    ("Boldbaner og bolde man kan låne i frikvarteret", "c"),
    ("En kasse med spil og bolde i hvert frikvarter, som alle må låne", "c"),
    ("Faste lege i det store frikvarter hver fredag for hele skolen", "y"),
    ("Et rum med brætspil og tegning i frikvarteret for dem der ikke vil ud", "y"),
    ("Gynger og klatrestativ i skolegården, også for de store elever", "c"),
    ("Frikvartersvenner der holder øje med, om nogen leger alene", "y"),
    ("Lege på tværs af klasser i frikvarteret en gang om ugen", "c"),
    ("Høvdingebold og stikbold i skolegården for alle klasser", "c"),
    ("Voksne i skolegården der hjælper med at starte en leg", "c"),
    # Friends and new pupils
    ("Venskabsbænk i skolegården, hvor man sætter sig hvis man mangler nogen at være "
     "sammen med", "c"),
    ("En venskabsbænk i skolegården, så andre kan se at man mangler nogen at være sammen "
     "med", "y"),
    ("Makkerordning for nye elever de første uger", "y"),
    ("Nye elever får en fast makker i klassen de første uger", "y"),
    ("Venskabsklasser mellem store og små klasser", "y"),
    ("Ryst-sammen-tur for hver klasse i starten af skoleåret", "y"),
    ("Klassens time hvor vi taler om venskaber, og om at ingen må holdes udenfor", "y"),
    ("Faste bordpladser der skifter hver uge, så man lærer alle i klassen at kende", "c"),
    ("Legegrupper efter skole, som lærerne sætter sammen, så alle er med", "c"),
    ("Fødselsdage hvor hele klassen bliver inviteret", "c"),
    ("Venskabsuge hvor man skal lære nogen nye at kende", "y"),
    ("Elever fra forskellige klasser laver projekter sammen", "y"),
    # Leisure and clubs
    ("Gratis prøvetræning i alle foreninger i en hel måned", "y"),
    ("Et fritidspas så man kan prøve forskellige sportsgrene gratis", "y"),
    ("Fritidspas hvor man gratis kan prøve flere forskellige sportsgrene", "y"),
    ("Hjælp til kontingentet i foreningen, hvis ens forældre ikke har råd", "y"),
    ("Flere hold i foreningerne for begyndere, også når man er 13 år", "y"),
    ("En fritidsguide der følger en med til træning de første gange", "y"),
    ("Foreningerne kommer ud på skolerne og viser hvad de laver", "c"),
    ("Hold i foreningerne med musik, drama og tegning, ikke kun sport", "y"),
    ("E-sport i en forening med voksne, så gamere også har et fællesskab", "y"),
    ("Spejderne og boldklubben holder en fælles åben dag for nye medlemmer", "c"),
    ("Udstyr man kan låne i foreningen, så man ikke skal købe støvler og ketsjer først", "y"),
    ("Træning på tidspunkter hvor man også kan nå bussen hjem", "y"),
    # Phones and the internet
    ("Mobilfri frikvarterer så vi snakker mere sammen", "y"),
    ("Undervisning i god tone på nettet og i chatgrupper", "y"),
    ("Regler for klassens chat, så ingen bliver holdt ude af chatgruppen", "y"),
    ("En anonym måde at sige fra over for mobning på sociale medier", "y"),
    ("Forældremøde om hvad børn laver på Snapchat og TikTok", "y"),
    ("Mobilhotel i timerne, så mobilen ligger i en kasse", "c"),
    ("De store elever lærer de små at passe på hinanden på nettet", "y"),
    ("En voksen med i klassens chatgruppe, så der er en god tone i chatten", "c"),
    ("Fælles aftale om mobiler til fester og fødselsdage", "y"),
    ("Mindre skærmtid og flere ting at lave i stedet for mobilen", "c"),
    ("Hjælp til unge, når billeder af dem bliver delt på nettet uden at de vil det", "y"),
    ("Kampagne mod hadefulde kommentarer på nettet og sociale medier", "y"),
    # Places for young people
    ("Et værested i bymidten hvor unge kan hænge ud uden at skulle købe noget", "y"),
    ("Et ungehus i byen hvor unge kan hænge ud uden at købe noget", "y"),
    ("Åben hal fredag aften med musik og boldspil", "y"),
    ("Ungdomsklubben skal have åbent i weekenden", "y"),
    ("En overdækket plads med bænke og lys ved skaterbanen, hvor unge kan hænge ud", "y"),
    ("En ungecafé som unge selv driver", "y"),
    ("Lan-fester i ungdomsklubben", "y"),
    ("Sommeraktiviteter for unge der ikke skal på ferie", "c"),
    ("Fredagsbar uden alkohol for unge fra 13 til 17 år", "y"),
    ("Åbne lokaler på skolen om aftenen til lektier og hygge", "y"),
    ("Flere koncerter og fester for unge i byen", "y"),
    ("Et mødested for unge i landsbyerne, ikke kun i byen", "y"),
    # Someone to talk to
    ("En voksen på skolen man altid kan tale med, når noget er svært", "y"),
    ("Anonym chat med en rådgiver om ensomhed", "y"),
    ("Trivselssamtale med en voksen for alle elever en gang om året", "y"),
    ("Sundhedsplejersken skal have åben dør hver uge, så man kan tale med hende", "c"),
    ("Unge der selv har været ensomme fortæller om det i klasserne", "y"),
    ("Lærere skal lære at se, når en elev ikke har det godt", "y"),
    ("En postkasse hvor man kan skrive anonymt til en voksen om sine bekymringer", "c"),
    ("Samtalegrupper for børn hvis forældre er syge eller skilt", "y"),
    ("Ældre unge som mentorer, man kan tale med når man har det svært", "y"),
    ("Undervisning i følelser og ensomhed i alle klasser", "y"),
    ("Ensomhed skal tales om i timerne, så det ikke er pinligt at føle sig ensom", "y"),
    ("Nogen at ringe og tale med om aftenen, når man har det skidt", "y"),
    # Getting around
    ("Flere busser om aftenen, så man kan komme hjem fra træning", "y"),
    ("Bedre busser fra landsbyerne til byen om aftenen", "y"),
    ("Sikre cykelstier til hallen og skolen", "c"),
    ("Gratis bus for unge under 18 år", "y"),
    ("Samkørsel mellem forældre til træning og kampe", "c"),
    ("En cykelbus hvor børn cykler sammen til skole med en voksen", "c"),
    ("Lys på stien gennem skoven, så man tør cykle hjem om aftenen", "y"),
    ("Natbus i weekenden for unge", "y"),
    ("Cykelværksted hvor unge kan reparere deres cykler gratis", "y"),
    ("Elcykler man kan låne, når man bor i en landsby langt fra byen", "y"),
    # Families and eating together
    ("Fællesspisning for familier en gang om måneden", "y"),
    ("Forældrecafé på skolen hvor forældre lærer hinanden at kende", "y"),
    ("Fællesspisning i hallen hvor hele byens familier kan komme", "c"),
    ("Familieaktiviteter i weekenden, fx skovture og madlavning", "c"),
    ("Forældrenetværk i hver klasse, så forældrene kender hinanden", "y"),
    ("Madklub for unge der laver mad sammen", "y"),
    ("Bedsteforældre der læser og laver mad med børn", "c"),
    ("Hjælp til familier der lige er flyttet til kommunen", "y"),
    ("Fælles morgenmad på skolen om mandagen", "c"),
    ("Familiedag i skoven med bål og mad for hele byen", "c"),
]

# Near-duplicates the demo merges (the second into the first), by their titles' start.
MERGES = [
    ("Ungdomsklub i Fjordby", "En ungdomsklub i Fjordby", "2016-11-01"),
    ("Legepatruljer hvor store", "Legepatrulje: de ældste", "2017-04-20"),
    ("Venskabsbænk i skolegården", "En venskabsbænk i skolegården", "2017-04-20"),
    ("Et fritidspas så man", "Fritidspas hvor man", "2017-04-20"),
]
# The hackathon's answers were published together in one release on this day, as the
# alliance meeting of 9 March 2017 decided.
RELEASE = ("Svar på hackathonens idéer", "2017-05-15")
RELEASE_DECISION = ("2017-03-09", "Hackathonens idéer besvares samlet")

# Ideas from the vision workshop (April 2016), youth meetings, alliance meetings and the
# Youth bus's visits: (event, date, title, group, source).
WORKSHOP_EVENT = "Visionsværksted med unge"
EARLY_IDEAS = [
    (WORKSHOP_EVENT, "2016-04-20", "En bus der kommer ud til de unge og spørger, hvad de "
     "mangler", "y", "workshop"),
    (WORKSHOP_EVENT, "2016-04-20", "Unge skal sidde med, når alliancen beslutter noget", "y",
     "workshop"),
    (WORKSHOP_EVENT, "2016-04-20", "En film hvor unge fortæller, hvordan det er at være "
     "ensom", "y", "workshop"),
    (WORKSHOP_EVENT, "2016-04-20", "Lektiecafé hvor man også kan hygge sig", "y", "workshop"),
    (WORKSHOP_EVENT, "2016-04-20", "Gratis aktiviteter i sommerferien samlet ét sted", "c",
     "workshop"),
    (WORKSHOP_EVENT, "2016-04-20", "Et katalog på nettet over alle fællesskaber for børn",
     "f", "workshop"),
    ("Ungemøde i Fællesrådet", "2016-10-12", "Ungdomsklub i Fjordby, hvor der ikke er noget "
     "for unge", "y", "youth_meeting"),
    ("Ungemøde i Fællesrådet", "2016-10-12", "Unge der hjælper ældre med mobilen, og får "
     "en snak", "y", "youth_meeting"),
    ("Ungemøde i Fællesrådet", "2017-10-11", "Et chill-rum på skolen hvor man kan være i fred "
     "i pauserne", "y", "youth_meeting"),
    ("Ungemøde i Fællesrådet", "2017-10-11", "Første fritidsjob til unge, der ikke kender "
     "nogen der kan hjælpe", "y", "youth_meeting"),
    ("Ungemøde i Fællesrådet", "2018-10-10", "En madklub for unge én aften om ugen", "y",
     "youth_meeting"),
    ("Alliancemøde", "2016-11-24", "Frivillige der læser højt for børn i dagtilbud", "v",
     "alliance_meeting"),
    ("Alliancemøde", "2016-11-24", "Én indgang for medarbejdere med en bekymring for et barn",
     "f", "alliance_meeting"),
    ("Alliancemøde", "2017-09-14", "Foreningerne præsenterer sig på skolerne hvert år", "f",
     "alliance_meeting"),
    ("Alliancemøde", "2017-09-14", "Et fast punkt om trivsel på alle forældremøder", "p",
     "alliance_meeting"),
    ("Alliancemøde", "2018-03-08", "Trivsel skal på dagsordenen i børne- og skoleudvalget",
     "o", "alliance_meeting"),
    ("Alliancemøde", "2018-03-08", "Lokale virksomheder giver unge et første fritidsjob",
     "f", "alliance_meeting"),
]

# The Youth bus's week at every school, one school a day from Monday 12 September 2016 in
# this order (as the meetings demo has it): school -> [(title, group)].
YOUTH_BUS_ON = "2016-09-12"
YOUTH_BUS = {
    "Egelund Skole": [
        ("Legepatruljer i frikvarteret med de store elever", "c"),
        ("Et sted i skolegården hvor man kan sidde i læ", "c"),
        ("Flere hold i svømmehallen for unge", "y"),
    ],
    "Bakkely Skole": [
        ("Venskabsklasser med en anden skole", "c"),
        ("En voksen i skolegården der ser, hvem der går alene", "c"),
        ("Busser der passer med træningstiderne", "y"),
    ],
    "Fjordskolen": [
        ("Elever i 8. klasse er mentorer for de yngre", "y"),
        ("En ungdomsklub i Fjordby", "y"),
        ("Mobilfrit frikvarter en dag om ugen", "c"),
    ],
    "Egelund Ungdomsskole": [
        ("Åben hal om fredagen, så der er noget at tage hen til", "y"),
        ("Trivselsdag med workshops om venskaber", "y"),
        ("Gratis fritidsjob-kursus for unge", "y"),
    ],
    "Egelund Friskole": [
        ("Fællesspisning for familier i skolens køkken", "p"),
        ("Natbus i weekenden", "y"),
    ],
}

# What became of some ideas: (title start, [(status, date, answer, owner[, decision])],
# activity). Owner "BB" is the secretariat; most adopted ideas land on it, as in the seed.
# A decision is (the alliance meeting's date, the start of what it decided), from the
# meetings demo.
BB = "BB"
STORIES = [
    ("En bus der kommer ud til de unge", [
        ("adopted", "2016-05-10", "Sekretariatet låner en bus af regionen og kører ud til "
         "skolerne med unge.", BB),
        ("realised", "2016-09-01", "Ungebussen kører nu rundt til alle skoler.", BB)],
     "Ungebussen"),
    ("Unge skal sidde med, når alliancen", [
        ("adopted", "2016-05-10", "To unge får plads i alliancegruppen, forberedt af et "
         "ungepanel.", BB),
        ("realised", "2017-01-01", "Ungepanelet er i gang, og to unge sidder i "
         "alliancegruppen.", BB)],
     "Ungepanel i alliancegruppen"),
    ("En film hvor unge fortæller", [
        ("adopted", "2016-06-01", "Sekretariatet laver filmen med unge fra ungdomsskolen.",
         BB),
        ("realised", "2017-01-15", "Filmen er optaget og vises på skolerne.", BB)],
     "Film med unge om ensomhed"),
    ("Lektiecafé hvor man også kan hygge", [
        ("adopted", "2016-06-01", "Biblioteket udvider lektiecaféen.", "Egelund Bibliotek"),
        ("realised", "2016-09-01", "Lektiecaféen er åben to eftermiddage om ugen.",
         "Egelund Bibliotek")],
     "Lektiecafé på biblioteket"),
    ("Gratis aktiviteter i sommerferien", [
        ("adopted", "2016-05-10", "Sekretariatet samler foreningernes tilbud ét sted.", BB),
        ("realised", "2016-06-01", "Sommerferieaktiviteterne er samlet på hjemmesiden.", BB)],
     "Sommerferieaktiviteter for alle"),
    ("Et katalog på nettet", [
        ("adopted", "2016-08-15", "Sekretariatet bygger kataloget.", BB),
        ("realised", "2016-10-01", "Inspirationskataloget er på nettet.", BB)],
     "Online inspirationskatalog"),
    ("Ungdomsklub i Fjordby", [
        ("under_review", "2016-12-01", "Vi undersøger, om der er lokaler i Fjordby.", None),
        ("adopted", "2018-11-01", "Sekretariatet søger lokaler og penge til klubben.", BB)],
     "Ungdomsklub i Fjordby"),
    ("Unge der hjælper ældre med mobilen", [
        ("parked", "2017-01-20", "En god idé, men ingen forening har kræfter til den lige "
         "nu. Vi tager den op igen næste år.", None)], None),
    ("Et chill-rum på skolen", [
        ("adopted", "2017-11-20", "Sekretariatet indretter et chill-rum sammen med eleverne.",
         BB),
        ("realised", "2018-02-01", "Chill-rummet er åbnet på Fjordskolen.", BB)],
     "Chill-rum på skolen"),
    ("Første fritidsjob til unge", [
        ("adopted", "2017-11-20", "Brugsen tilbyder første fritidsjob til unge.",
         "Egelund Brugs"),
        ("realised", "2018-04-01", "De første unge er ansat i Brugsen.", "Egelund Brugs",
         ("2018-03-08", "Brugsens ungejob"))],
     "Brugsens ungejob"),
    ("En madklub for unge", [
        ("adopted", "2018-11-20", "Sekretariatet starter madklubben i ungdomsskolens køkken.",
         BB)], "Madklub for unge"),
    ("Frivillige der læser højt", [
        ("adopted", "2016-12-01", "Sekretariatet finder frivillige læseheste.", BB,
         ("2016-11-24", "Frivillige læser højt")),
        ("realised", "2017-03-01", "Læsehestene læser nu i dagtilbuddene.", BB)],
     "Læseheste i dagtilbud"),
    ("Én indgang for medarbejdere", [
        ("adopted", "2017-01-15", "Sekretariatet afprøver én telefon og én mail.", BB),
        ("realised", "2017-05-01", "Piloten med én indgang er i gang.", BB)],
     "Fælles indgang for bekymringer (pilot)"),
    ("Foreningerne præsenterer sig på skolerne", [
        ("adopted", "2017-10-01", "Sekretariatet arrangerer en foreningsmesse på skolerne.",
         BB, ("2017-09-14", "Foreningerne præsenterer sig")),
        ("realised", "2018-09-01", "Foreningsmessen holdes nu hvert år.", BB)],
     "Foreningsmesse på skolerne"),
    ("Et fast punkt om trivsel", [
        ("adopted", "2017-10-01", "Sekretariatet laver et oplæg, skolerne kan bruge.", BB)],
     "Forældremøder med trivselstema"),
    ("Trivsel skal på dagsordenen", [
        ("under_review", "2018-03-08", "Alliancens formand tager forslaget med til børne- og "
         "skoleudvalget.", None, ("2018-03-08", "Formanden foreslår")),
        ("declined", "2018-04-15", "Udvalget har ikke ønsket at tage alliancens arbejde op "
         "som et fast punkt.", None)], None),
    ("Lokale virksomheder giver unge", [
        ("under_review", "2018-04-15", "Vi spørger Brugsen, om ungejobbet kan udvides.",
         None)], None),
    ("Legepatruljer i frikvarteret med", [
        ("adopted", "2016-12-01", "Egelund Skole starter legepatruljer.", "Egelund Skole"),
        ("realised", "2017-03-01", "Legepatruljerne er i gang.", "Egelund Skole")],
     "Legepatruljer i frikvarteret"),
    ("Venskabsklasser med en anden skole", [
        ("adopted", "2016-09-30", "Bakkely Skole laver venskabsklasser.", "Bakkely Skole"),
        ("realised", "2016-10-01", "De første venskabsklasser mødes.", "Bakkely Skole")],
     "Venskabsklasser på tværs af skoler"),
    ("Elever i 8. klasse er mentorer", [
        ("adopted", "2017-06-01", "Fjordskolen afprøver en mentorordning.", "Fjordskolen"),
        ("realised", "2017-09-01", "Mentorordningen er i gang.", "Fjordskolen")],
     "Mentorordning med ældre elever"),
    ("Åben hal om fredagen", [
        ("adopted", "2016-09-20", "Boldklubben åbner hallen fredag aften.",
         "Egelund Boldklub"),
        ("realised", "2016-09-30", "Hallen er åben hver fredag.", "Egelund Boldklub")],
     "Åben hal fredag"),
    ("Trivselsdag med workshops", [
        ("adopted", "2018-06-01", "Ungdomsskolen holder en trivselsdag.",
         "Egelund Ungdomsskole"),
        ("realised", "2018-10-01", "Trivselsdagen er holdt.", "Egelund Ungdomsskole")],
     "Trivselsdag på ungdomsskolen"),
    ("Natbus i weekenden", [
        ("declined", "2016-11-15", "Busserne er regionens; alliancen kan ikke sætte en "
         "natbus ind. Vi har givet idéen videre til regionen.", None)], None),
    ("Busser der passer med træningstiderne", [
        ("parked", "2016-11-15", "Vi venter på den nye køreplan.", None)], None),
    # The hackathon's ideas, answered in one release in May 2017 (RELEASE); the others
    # of the hackathon are answered "under review" in it, or not at all.
    ("Flere legeaktiviteter i frikvarteret", [
        ("adopted", "2017-05-15", "Legepatruljerne tager idéen med.", "Egelund Skole")],
     None),
    ("Venskabsbænk i skolegården", [
        ("adopted", "2017-05-15", "Sekretariatet sætter venskabsbænke op på skolerne.", BB)],
     None),
    ("Et fritidspas så man", [
        ("adopted", "2017-05-15", "Sekretariatet undersøger et kulturpas og et fritidspas.",
         BB),
        ("realised", "2018-05-01", "Kulturpasset er i gang på biblioteket.", BB)],
     "Kulturpas for børn"),
    ("En fritidsguide der følger", [
        ("adopted", "2017-05-15", "Fritidsguiden er allerede i gang og tager flere børn.", BB),
        ("realised", "2017-06-01", "Flere børn har fået en fritidsguide.", BB)],
     "Fritidsguide for børn uden fritidsliv"),
    ("Madklub for unge der laver mad", [
        ("parked", "2017-05-15", "Vi tager den op, når der er et køkken.", None)], None),
    ("Et værested i bymidten", [
        ("under_review", "2017-05-15", "Vi taler med kommunen om lokaler.", None)], None),
    ("Forældrenetværk i hver klasse", [
        ("adopted", "2017-05-15", "Sekretariatet starter forældrenetværk i 0. klasse.", BB),
        ("realised", "2017-08-01", "Forældrenetværkene er i gang.", BB)],
     "Forældrenetværk i 0. klasse"),
    ("Gratis bus for unge", [
        ("declined", "2017-05-15", "Alliancen kan ikke give gratis bus; det besluttes af "
         "regionen.", None)], None),
    ("Mobilfri frikvarterer", [
        ("parked", "2017-05-15", "Skolerne vil først se på deres egne mobilregler.", None)],
     None),
]

# Ideas sent on the web after the demo's story, relative to today: (days ago, title,
# group, age band, moderated?). The newest waits for moderation.
WEB_IDEAS = [
    (75, "Et fællesskab for unge der er meget syge og ofte væk fra skolen", "y", "16-18", True),
    (40, "Hundeluftning med ældre i byen, så man får en at snakke med", "c", "u13", True),
    (12, "Brætspilsaften på biblioteket hver torsdag", "y", "13-15", True),
    (2, "Et venskabsløb hvor man løber sammen to og to", "c", "u13", False),
]

# The names the secretariat gives the hackathon's themes, recognised by their most
# telling word (a theme whose word is not here keeps its words as its name).
THEME_NAMES = {
    "frikvarteret": "Frikvarter og leg",
    "klasser": "Klassen og ensomhed",
    "forældre": "Familier og forældre",
    "foreningerne": "Foreninger og fællesspisning",
    "chat": "Nettet og mobilen",
    "nettet": "Nettet og mobilen",
    "busser": "At komme rundt",
    "weekenden": "Weekend og ungdomsklub",
    "byen": "Steder for unge",
    "elever": "Elever og lærere",
    "voksen": "En voksen at tale med",
    "tale": "En voksen at tale med",
}

ANSWER_TEMPLATES = [
    ("Tak – vi kigger på den", "under_review",
     "Tak for din idé! Sekretariatet kigger på den og vender tilbage, når den har været "
     "drøftet i alliancegruppen."),
    ("Parkeret: ingen ejer endnu", "parked",
     "Det er en god idé, men ingen i alliancen har kræfter til at stå for den lige nu. Vi "
     "tager den op igen."),
    ("Ikke noget alliancen kan", "declined",
     "Det er ikke noget, alliancen kan beslutte. Vi har givet idéen videre til dem, der "
     "kan."),
]
