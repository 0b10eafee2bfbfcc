"""Statements and rounds for the evaluation's tests."""

import datetime as dt

from rygrad.evaluation.models import Response, Round, Statement


def statements(initiative, per_condition=2):
    made = []
    for position, condition in enumerate(["agenda", "activities", "backbone",
                                          "communication", "involvement", "measurement"]):
        for i in range(per_condition):
            made.append(Statement.objects.create(
                initiative=initiative, condition=condition, position=position * 10 + i,
                text=f"{condition} statement {i}"))
    return made


def round_(initiative, *, opens_on, closes_on, name="Round"):
    round_ = Round.objects.create(initiative=initiative, name=name, opens_on=opens_on,
                                  closes_on=closes_on)
    round_.statements.set(Statement.objects.for_initiative(initiative).filter(active=True))
    return round_


def open_round(initiative, today=None, name="Open round"):
    today = today or dt.date.today()
    return round_(initiative, opens_on=today - dt.timedelta(days=5),
                  closes_on=today + dt.timedelta(days=5), name=name)


def closed_round(initiative, today=None, name="Closed round"):
    today = today or dt.date.today()
    return round_(initiative, opens_on=today - dt.timedelta(days=30),
                  closes_on=today - dt.timedelta(days=10), name=name)


def answers(round_, sector, *score_rows):
    """One anonymous answer per row: a row is one score for every statement, or a dict
    statement condition -> score."""
    from rygrad.evaluation.models import Rating

    for row in score_rows:
        response = Response.objects.create(initiative=round_.initiative, round=round_,
                                           sector=sector)
        for statement in round_.statements.all():
            score = row[statement.condition] if isinstance(row, dict) else row
            Rating.objects.create(initiative=round_.initiative, response=response,
                                  statement=statement, score=score)
