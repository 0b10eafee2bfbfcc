"""The demo's inspiration catalogue, in Danish: methods, exercises, guides and films; the
offers of municipal units and associations (OFFERS, for the offers page); and three
action guides for staff."""

# (kind, title, setting, age band, themes, description, contact)
RESOURCES = [
    ("method", "Læseheste: frivillige læser højt", "daycare", "0-5", "læsning, frivillige",
     "Frivillige læser højt for små grupper af børn hver uge, i samarbejde med biblioteket.",
     ""),
    ("method", "Klassens fællesskaber", "school", "6-12", "fællesskab, trivsel",
     "Faste klassemøder, hvor eleverne selv foreslår, hvordan alle kommer med i legen.", ""),
    ("method", "Legende læring i bevægelse", "daycare", "0-5", "leg, bevægelse",
     "Legende aktiviteter, der styrker fællesskabet i børnegruppen.", ""),
    ("method", "Venskabsbænken i skolegården", "school", "6-12", "frikvarter, venskab",
     "En bænk, hvor man kan sætte sig, når man mangler nogen at lege med.", ""),
    ("method", "Makkerordning i SFO", "club", "6-12", "fællesskab, venskab",
     "Ældre børn er makkere for nye børn de første uger.", ""),
    ("method", "Fællesspisning for familier", "home", "all", "familie, fællesskab",
     "Familier spiser sammen en gang om måneden i skolens kantine.", ""),
    ("exercise", "Hvem er du? Præsentationslege", "school", "6-12", "leg, klassen",
     "Korte lege til den første skoledag, hvor alle siger noget.", ""),
    ("exercise", "Følelseskort i samlingen", "daycare", "0-5", "følelser, sprog",
     "Kort med ansigter, der hjælper børn med at sætte ord på, hvordan de har det.", ""),
    ("exercise", "Styrkekort i udskolingen", "school", "13-18", "styrker, selvværd",
     "Eleverne giver hinanden kort med de styrker, de ser hos hinanden.", ""),
    ("exercise", "Gå-tur-samtaler", "club", "13-18", "samtale, trivsel",
     "En voksen og en ung går en tur og taler om, hvordan det går.", ""),
    ("exercise", "Hemmelig ven i klassen", "school", "6-12", "venskab, leg",
     "Hver elev er i en uge hemmelig ven for en anden og gør noget godt for dem.", ""),
    ("guide", "Sådan taler du med et barn om ensomhed", "home", "all", "ensomhed, samtale",
     "Gode spørgsmål og det, du ikke skal sige, når dit barn siger, at det er alene.", ""),
    ("guide", "Forældremøder om trivsel", "school", "6-12", "forældre, trivsel",
     "En drejebog til et forældremøde, hvor klassens fællesskab er emnet.", ""),
    ("guide", "Frivillige i foreningen: en god start", "club", "all", "frivillige, forening",
     "Hvordan foreninger tager godt imod nye børn og frivillige.", ""),
    ("film", "Sådan føles det at stå udenfor", "school", "13-18", "ensomhed, unge, film",
     "Kortfilm lavet af unge fra ungdomsskolen. 8 minutter, med samtaleguide.", ""),
    ("film", "Ungebussen på tur", "school", "13-18", "unge, inddragelse, film",
     "Film om Ungebussens uge på alle kommunens skoler.", ""),
    ("film", "Læsehestene", "daycare", "0-5", "læsning, frivillige, film",
     "Film om de frivillige læseheste i børnehaverne.", ""),
    ("action_guide", "Når et barn i dagtilbuddet trækker sig",
     "daycare", "0-5", "tidlige tegn, mistrivsel",
     "1. Skriv ned, hvad du ser, og hvornår.\n2. Tal med en kollega.\n3. Tal med "
     "forældrene.\n4. Tag det op i den koordinerende trivselsgruppe.\n5. Aftal, hvem der "
     "følger op, og hvornår.", "Den koordinerende trivselsgruppe"),
    ("action_guide", "Når en elev er alene i frikvartererne", "school", "6-12",
     "tidlige tegn, ensomhed",
     "1. Spørg eleven, hvordan det går.\n2. Tal med klasselæreren.\n3. Inddrag "
     "forældrene.\n4. Brug klassens fællesskaber eller en makkerordning.\n5. Følg op efter "
     "to uger.", "Klasselæreren og trivselsgruppen"),
    ("action_guide", "Når en ung holder op med at komme i klubben", "club", "13-18",
     "tidlige tegn, fritid",
     "1. Kontakt den unge.\n2. Spørg, hvad der er sket.\n3. Tilbyd en gå-tur-samtale.\n"
     "4. Tal med forældrene, hvis den unge vil.\n5. Henvis til sundhedsplejen ved "
     "bekymring.", "Klubbens leder"),
]

# (title, provider, kind of provider, setting, age band, themes, what, for whom,
#  how to refer or join, contact)
OFFERS = [
    ("Fritidsklubber", "Ungdomsskolen", "municipal", "club", "13-18", "fritid, fællesskab",
     "Klubaftener med værksted, musik og spil.", "Unge fra 7. klasse",
     "Man møder bare op. Medarbejdere kan ringe og aftale, at en ung bliver taget godt "
     "imod.", "Ungdomsskolen, tlf. 46 00 00 01"),
    ("Ungdomsskolens samtaleforløb", "Ungdomsskolen", "municipal", "club", "13-18",
     "samtale, trivsel", "Seks samtaler med en ungdomsvejleder om trivsel og fællesskab.",
     "Unge, der er ensomme eller har trukket sig", "Henvisning fra skole eller klub med "
     "den unges samtykke.", "Ungdomsvejleder, tlf. 46 00 00 07"),
    ("Lektiecafé", "Biblioteket", "municipal", "club", "6-12", "lektier, fællesskab",
     "Frivillige hjælper med lektier to gange om ugen.", "Elever i 3.-7. klasse",
     "Man møder bare op tirsdag og torsdag kl. 15-17.", "Biblioteket, tlf. 46 00 00 02"),
    ("Læseklubber for børn", "Biblioteket", "municipal", "club", "6-12", "læsning, venskab",
     "Små læseklubber, hvor børn læser og taler om bøger sammen.", "Børn på 8-12 år",
     "Tilmelding på biblioteket; personalet kan foreslå et barn en plads.",
     "Biblioteket, tlf. 46 00 00 02"),
    ("Samtaler om trivsel", "Sundhedsplejen", "municipal", "school", "6-12",
     "sundhed, trivsel", "Sundhedsplejersken taler med elever, der ikke trives.",
     "Elever i indskolingen og på mellemtrinnet",
     "Henvisning via klasselæreren efter samtale med forældrene.",
     "Sundhedsplejen, tlf. 46 00 00 03"),
    ("Råd til personalet", "PPR", "municipal", "daycare", "all", "rådgivning",
     "Pædagogisk psykologisk rådgivning giver personalet sparring om et barn.",
     "Pædagoger og lærere", "Ring til PPR's åbne telefon tirsdag kl. 8-10; sparring "
     "kræver ikke en henvisning.", "PPR, tlf. 46 00 00 04"),
    ("Forældregrupper", "Familiehuset", "municipal", "home", "all", "forældre, familie",
     "Grupper for forældre, der er bekymrede for deres barns trivsel.",
     "Forældre til børn og unge", "Forældre melder sig selv; medarbejdere kan give "
     "folderen videre.", "Familiehuset, tlf. 46 00 00 05"),
    ("Fritidspas", "Fritidsvejledningen", "municipal", "club", "6-12", "fritid, økonomi",
     "Hjælp til kontingent og udstyr, så alle børn kan gå til en fritidsaktivitet.",
     "Børn i familier med få penge", "Skole, klub eller sagsbehandler kontakter "
     "fritidsvejlederen sammen med familien.", "Fritidsvejleder, tlf. 46 00 00 06"),
    ("Gratis prøvetimer", "Egelund Gymnastikforening", "association", "club", "6-12",
     "bevægelse, leg", "Alle børn kan prøve gymnastik gratis i september.",
     "Børn på 6-12 år", "Man møder op i hallen; en træner tager imod nye.",
     "Formand, gymnastik@demo.rygrad.dk"),
    ("Forældre-barn-gymnastik", "Egelund Gymnastikforening", "association", "club", "0-5",
     "bevægelse, familie", "Leg og bevægelse for de mindste sammen med en voksen.",
     "Børn på 2-5 år og deres forældre", "Tilmelding på foreningens hjemmeside.",
     "Formand, gymnastik@demo.rygrad.dk"),
    ("Nye patruljer", "Egelund Spejderne", "association", "club", "6-12", "natur, fællesskab",
     "Spejderne tager imod nye børn hele året.", "Børn fra 2. klasse",
     "Kom til et møde onsdag kl. 17; de første fire gange er gratis.",
     "Gruppeleder, spejder@demo.rygrad.dk"),
    ("Venskabsfamilier", "Røde Kors Egelund", "association", "home", "all",
     "familie, frivillige", "En frivillig familie mødes med en familie, der mangler "
     "netværk.", "Familier, der er nye i byen eller står alene",
     "Familien eller en medarbejder kontakter koordinatoren.",
     "Koordinator, tlf. 46 00 00 08"),
    ("Ungekontakt", "Røde Kors Egelund", "association", "club", "13-18",
     "ensomhed, frivillige", "En frivillig ung voksen mødes med en ung en gang om ugen.",
     "Unge på 13-18 år, der føler sig alene", "Den unge melder sig selv, eller en "
     "medarbejder henviser med den unges samtykke.", "Koordinator, tlf. 46 00 00 08"),
    ("Fodbold for alle", "Egelund Boldklub", "association", "club", "6-12",
     "bevægelse, fællesskab", "Hold, hvor alle kan være med, uanset niveau.",
     "Børn på 6-12 år", "Man møder op mandag kl. 16.30; lån af støvler er muligt.",
     "Ungdomsformand, bold@demo.rygrad.dk"),
    ("Mentorordning i erhvervslivet", "Egelund Erhvervsforening", "other", "club", "13-18",
     "job, mentor", "Unge får en mentor fra en lokal virksomhed og et fritidsjob.",
     "Unge på 15-18 år", "Ungdomsskolen eller UU henviser; den unge kan også selv søge.",
     "Sekretariatet, erhverv@demo.rygrad.dk"),
]
