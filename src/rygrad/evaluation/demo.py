"""The demo's six-conditions assessment, modelled on the seed: two rounds a year from 2016
to 2019, answered on paper by 8-14 members of the alliance group from several sectors, in
which the common agenda and the communication grow stronger while the backbone weakens
(the secretariat slid from facilitating to driving activities) and shared measurement
stays weak (the survey showed small changes and rarely guided action)."""

from __future__ import annotations

import datetime as dt

from django.utils import translation

from rygrad.alliance.models import Sector
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
