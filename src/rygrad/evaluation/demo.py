"""The demo's six-conditions assessment, modelled on the seed: two rounds a year from 2016
to 2019, answered on paper by 8-14 members of the alliance group from several sectors, in
which the common agenda and the communication grow stronger while the backbone weakens
(the secretariat slid from facilitating to driving activities) and shared measurement
stays weak (the survey showed small changes and rarely guided action); evidence from the
seed's themes (roles only), and the change register with the seed's early changes and its
two systems changes (the reading horses, the cooperation model) and no population change."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from rygrad.activities.models import Activity
from rygrad.alliance.models import Organisation, Sector
from rygrad.measurement.permissions import installation_actor

from . import services

# The condition means the answers scatter around, per round (8 rounds, 2016-2019).
TARGETS = {
    "agenda":        [1.5, 1.8, 2.2, 2.6, 2.8, 2.9, 3.0, 3.0],
    "activities":    [1.6, 1.8, 2.0, 2.2, 2.3, 2.4, 2.4, 2.5],
    "backbone":      [2.6, 2.6, 2.4, 2.3, 2.1, 2.0, 1.9, 1.8],
    "communication": [1.8, 2.0, 2.3, 2.5, 2.6, 2.8, 2.8, 2.9],
    "involvement":   [1.6, 1.9, 2.2, 2.4, 2.5, 2.6, 2.6, 2.7],
    "measurement":   [1.3, 1.4, 1.6, 1.7, 1.8, 1.8, 1.9, 1.9],
}

# Who answered each round, by sector (the backbone's people count as the municipality).
SECTORS = [Sector.MUNICIPALITY] * 4 + [Sector.SCHOOL] * 3 + [Sector.DAYCARE] * 2 + \
    [Sector.ASSOCIATION] * 3 + [Sector.YOUTH] + [Sector.BUSINESS]

COMMENTS = {
    0: {"agenda": ["Kommunen og foreningerne ser ikke det samme problem endnu.",
                   "Vi mangler et fælles vidensgrundlag."],
        "measurement": ["Der findes næsten ingen tal om ensomhed blandt børn her."]},
    1: {"agenda": ["Vidensgrundlaget hjalp os til at blive enige om problemet."],
        "activities": ["Strategisnakken føles som snak; vi vil gerne i gang."]},
    2: {"agenda": ["De fem spor gav retning."],
        "involvement": ["Ungebussen var en god måde at møde de unge på."]},
    3: {"backbone": ["Sekretariatet står for mange af aktiviteterne selv nu."],
        "measurement": ["Trivselsmålingen viser små ændringer; det er svært at bruge."]},
    4: {"backbone": ["Idéerne fra møderne lander hos sekretariatet.",
                     "Der er ikke tid til det strategiske arbejde."],
        "activities": ["Læsehestene er blevet en fast del af dagtilbuddene."]},
    5: {"backbone": ["Vi mangler en politisk forankring i et udvalg."],
        "involvement": ["De unge medlemmer har svært ved de abstrakte drøftelser."]},
    6: {"communication": ["Film og bussen gjorde det konkret for folk."],
        "backbone": ["Sekretariatet er presset; der er kun én person."]},
    7: {"activities": ["Samarbejdsmodellen for trivsel er vedtaget på tværs."],
        "measurement": ["Kommunen fortsætter målingen, men vi har ingen klare mål."]},
}


def _rounds():
    for year in range(2016, 2020):
        yield f"Forår {year}", dt.date(year, 3, 1), dt.date(year, 3, 21)
        yield f"Efterår {year}", dt.date(year, 10, 1), dt.date(year, 10, 21)


def build(initiative, rng) -> None:
    by = installation_actor(initiative)
    with translation.override("da"):
        services.statements_default_create(initiative=initiative, by=by)
    for index, (name, opens_on, closes_on) in enumerate(_rounds()):
        round_ = services.round_create(initiative=initiative, by=by, name=name,
                                       opens_on=opens_on, closes_on=closes_on)
        statements = list(round_.statements.all())
        answering = [s for s in SECTORS if rng.random() < 0.8]
        # Each comment comes from a different answer.
        comments = [(c, t) for c, texts in COMMENTS.get(index, {}).items() for t in texts]
        for position, sector in enumerate(answering):
            scores = {}
            for statement in statements:
                target = TARGETS[statement.condition][index]
                scores[statement.pk] = max(1, min(4, round(rng.gauss(target, 0.6))))
            comment = dict(comments[position:position + 1])
            services.assessment_enter(round=round_, by=by, sector=sector, scores=scores,
                                      comments=comment)
    build_changes(initiative, by)


# Evidence drawn from the seed's themes, paraphrased, with roles only:
# (date, role, condition, direction, tags, text, activity title or "").
EVIDENCE = [
    ("2016-02-10", "kommunal leder", "agenda", "hindered", "problemforståelse",
     "I de nationale tal ligger vi pænt; vi kunne ikke se, at ensomhed var et stort problem "
     "her.", ""),
    ("2016-02-24", "foreningsfrivillig", "agenda", "observed", "problemforståelse",
     "Vi ser børnene, der falder fra efter et halvt år. De er ikke i nogen statistik.", ""),
    ("2016-09-15", "skoleleder", "agenda", "promoted", "vidensgrundlag",
     "Det skriftlige vidensgrundlag gjorde, at vi kunne blive enige om, hvad problemet er.",
     ""),
    ("2016-11-02", "foreningsfrivillig", "agenda", "hindered", "strategi",
     "De åbne strategidrøftelser føltes som bare snak. Vi ville gerne i gang.", ""),
    ("2017-01-20", "kommunal leder", "agenda", "promoted", "spor",
     "Da sekretariatet lagde fem spor på bordet, fik alliancen retning.", ""),
    ("2017-04-05", "dagtilbudsleder", "activities", "promoted", "prøvehandling",
     "Læsehestene passede ind i det, vi allerede gjorde; det var let at sige ja.",
     "Læseheste i dagtilbud"),
    ("2017-06-12", "foreningsformand", "activities", "hindered", "ressourcer",
     "Vi synes, aktiviteterne er gode, men vi har ikke selv timer at lægge i dem.", ""),
    ("2017-10-03", "skoleleder", "activities", "hindered", "prøvehandling",
     "Mange af forsøgene blev ved forsøget; ingen tog ejerskab bagefter.", ""),
    ("2018-03-14", "bibliotekar", "activities", "promoted", "forankring",
     "Biblioteket og dagtilbuddene har nu en fast aftale om læsehestene.",
     "Læseheste i dagtilbud"),
    ("2018-09-20", "kommunal leder", "activities", "promoted", "samarbejdsmodel",
     "Samarbejdsmodellen giver medarbejderne én indgang og overblik over tilbuddene.",
     "Sammenhængende samarbejdsmodel for trivsel"),
    ("2016-06-01", "sekretariatsmedarbejder", "backbone", "observed", "kapacitet",
     "Sekretariatet er én person på 30 timer om ugen og en tredjedel konsulent.", ""),
    ("2017-05-18", "sekretariatsmedarbejder", "backbone", "hindered", "idéer",
     "Idéerne fra møderne lander hos os; vi kan kun gennemføre en brøkdel.", ""),
    ("2018-02-07", "sekretariatsmedarbejder", "backbone", "hindered", "drift",
     "Vi er gået fra at facilitere til at drive aktiviteterne selv; det strategiske arbejde "
     "får ikke tid.", ""),
    ("2018-05-22", "kommunal leder", "backbone", "hindered", "politisk forankring",
     "Uden et udvalg, der ejer indsatsen, er det svært at få adgang til kommunens ressourcer.",
     ""),
    ("2018-11-08", "alliancemedlem fra erhvervslivet", "backbone", "promoted", "facilitering",
     "Sekretariatet er godt til at samle folk og følge op.", ""),
    ("2019-04-02", "kommunal leder", "backbone", "hindered", "politisk forankring",
     "Der blev aldrig truffet en politisk beslutning om alliancen som sådan.", ""),
    ("2016-10-10", "forælder", "communication", "promoted", "film",
     "Filmen med de unge gjorde det konkret, hvad ensomhed er.", ""),
    ("2017-08-30", "skolelærer", "communication", "promoted", "Ungebussen",
     "Bussen kunne man se; så vidste eleverne, hvad det handlede om.", ""),
    ("2018-01-15", "foreningsfrivillig", "communication", "hindered", "nyhedsbrev",
     "Nyhedsbrevet er langt; jeg læser det sjældent.", ""),
    ("2016-04-20", "ung", "involvement", "promoted", "visionsværksted",
     "På værkstedet blev vi faktisk spurgt, hvad vi selv ville.", ""),
    ("2017-02-28", "ung i alliancegruppen", "involvement", "hindered", "strategi",
     "Møderne er svære at følge, når det bliver abstrakt; jeg ved ikke, hvad jeg skal sige.",
     ""),
    ("2017-09-12", "ung", "involvement", "promoted", "hackathon",
     "Til hackathonen kom vi med over hundrede idéer.", ""),
    ("2018-06-19", "sekretariatsmedarbejder", "involvement", "observed", "forberedelse",
     "De unge medlemmer har brug for forberedelse før møderne for at få reel indflydelse.",
     ""),
    ("2017-03-01", "forsker", "measurement", "observed", "data",
     "Der findes næsten ingen data om ensomhed blandt børn på kommuneniveau.", ""),
    ("2018-04-10", "kommunal leder", "measurement", "hindered", "mål",
     "Det var svært at sætte præcise, målbare mål.", ""),
    ("2019-03-05", "skoleleder", "measurement", "hindered", "trivselsmåling",
     "Målingen viste små ændringer, så den styrede sjældent, hvad vi gjorde.", ""),
    ("2019-09-01", "kommunal leder", "measurement", "promoted", "trivselsmåling",
     "Kommunen fortsætter trivselsmålingen efter projektperioden.", ""),
    ("2017-11-20", "foreningsformand", "early", "promoted", "nye samarbejder",
     "Vi samarbejder nu med skolen om at få nye børn ind i klubben.", ""),
    ("2018-10-01", "dagtilbudsleder", "early", "promoted", "opmærksomhed",
     "Personalet taler mere om de stille børn end før.", ""),
    ("2019-06-11", "kommunal leder", "systems", "promoted", "samarbejdsmodel",
     "Samarbejdsmodellen er nu en del af, hvordan børneområdet arbejder.",
     "Sammenhængende samarbejdsmodel for trivsel"),
]

CHANGES = [
    dict(stage="early", kind="collaboration", title="Bibliotek og dagtilbud samarbejder",
         occurred_on="2017-04-01", organisations=["Egelund Bibliotek", "Dagtilbud Egelund Nord",
                                                  "Dagtilbud Egelund Syd"],
         contribution_claim="Alliancemøderne bragte biblioteket og dagtilbuddene sammen om "
                            "læsehestene.",
         rival_explanations="Biblioteket havde en strategi om tidlig læsning, men ingen "
                            "kontakt til dagtilbuddene før alliancen.",
         strength="moderate", strength_reason="To kilder fra hver side siger det samme.",
         evidence=["Læsehestene passede ind"]),
    dict(stage="early", kind="engagement", title="Unge med i alliancegruppen",
         occurred_on="2017-01-01", organisations=["Fællesrådet for Ungdom i Egelund"],
         contribution_claim="Sekretariatet inviterede to unge og en ung formand ind.",
         rival_explanations="Ingen anden kanal gav unge en plads i kommunens arbejde.",
         strength="strong", strength_reason="Dokumenteret i referater og af de unge selv.",
         evidence=["På værkstedet blev vi"]),
    dict(stage="early", kind="awareness", title="Større opmærksomhed på de stille børn",
         occurred_on="2018-10-01", organisations=["Dagtilbud Egelund Nord"],
         contribution_claim="Film, Ungebussen og møderne satte ord på mistrivsel under radaren.",
         rival_explanations="Landsdækkende kampagner om ensomhed i samme periode.",
         strength="weak", strength_reason="Én kilde; ingen måling før og efter.",
         evidence=["Personalet taler mere"]),
    dict(stage="systems", kind="practice", title="Læseheste som fast tilbud i dagtilbud",
         occurred_on="2018-03-01", organisations=["Egelund Bibliotek", "Dagtilbud Egelund Nord",
                                                  "Dagtilbud Egelund Syd"],
         activities=["Læseheste i dagtilbud"],
         contribution_claim="Prøvehandlingen blev udviklet i alliancen og er nu blivende "
                            "praksis med biblioteket som ejer.",
         rival_explanations="Frivillige læsere findes andre steder; her kom de gennem "
                            "alliancens frivilligcenter.",
         strength="strong", strength_reason="Fast aftale, budget og flere uafhængige kilder.",
         formally_anchored=True,
         anchored_by="Kultur- og fritidsudvalget og lederne af dagtilbud",
         evidence=["Biblioteket og dagtilbuddene har nu", "Læsehestene passede ind"]),
    dict(stage="systems", kind="methods", title="Sammenhængende samarbejdsmodel for trivsel",
         occurred_on="2019-06-01", organisations=["Børn og Unge, Egelund Kommune",
                                                  "Egelund Skole", "Bakkely Skole"],
         activities=["Sammenhængende samarbejdsmodel for trivsel"],
         contribution_claim="Alliancens spor om tidlig opsporing gav anledning til en digital "
                            "indgang, forældreinddragelse og koordinerende teams pr. "
                            "skoledistrikt.",
         rival_explanations="Kommunen omlagde samtidig børneområdet; modellen kunne være "
                            "kommet alligevel, men i en anden form.",
         strength="moderate",
         strength_reason="Kilderne peger på alliancen, men omlægningen er en reel "
                         "alternativ forklaring.",
         formally_anchored=True, anchored_by="Børne- og skoleudvalget",
         evidence=["Samarbejdsmodellen giver", "Samarbejdsmodellen er nu"]),
]


def build_changes(initiative, by) -> None:
    activities = {a.title: a for a in Activity.objects.for_initiative(initiative)}
    organisations = {o.name: o for o in Organisation.objects.for_initiative(initiative)}
    made = []
    for on, role, condition, direction, tags, text, activity in EVIDENCE:
        made.append(services.evidence_save(
            initiative=initiative, by=by, text=text, source_role=role,
            observed_on=dt.date.fromisoformat(on), condition=condition, direction=direction,
            tags=tags, activities=[activities[activity]] if activity in activities else []))
    for change in CHANGES:
        data = dict(change)
        data["occurred_on"] = dt.date.fromisoformat(data["occurred_on"])
        data["organisations"] = [organisations[n] for n in data.get("organisations", [])
                                 if n in organisations]
        data["activities"] = [activities[t] for t in data.get("activities", [])
                              if t in activities]
        data["evidence"] = [e for e in made
                            if any(e.text.startswith(s) for s in data.get("evidence", []))]
        services.change_save(initiative=initiative, by=by, **data)
