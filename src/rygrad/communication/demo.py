"""The demo initiative's communication: news and newsletters from 2017 — in +DIG
communication came late, after the mid-term evaluation found too little of it — to today,
with the lapses the signals are there to show, and the newsletter's subscribers.

News goes through the services, as the secretariat. The newsletters of past years and
their subscribers are recorded as history (sent back then, consent given back then):
sending them now would email the demo's made-up addresses."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from rygrad.agenda.demo import secretariat_actor

from . import selectors, services
from .demo_catalogue import OFFERS, RESOURCES
from .demo_files import action_guide_pdf, exercise_docx
from .models import Delivery, Newsletter, Segment, Subscriber

# Exercises that come with a Word document to print and change.
EXERCISES_WITH_FILES = {"Følelseskort i samlingen", "Styrkekort i udskolingen"}

# (date published, title, summary, body)
NEWS = [
    ("2017-03-02", "Nu får +DIG sin egen hjemmeside",
     "Her kan du følge alliancens arbejde mod ensomhed blandt børn og unge.",
     "Alliancen har besluttet at fortælle mere og oftere om, hvad vi laver. Her finder du "
     "nyheder, vores vision og de fem spor, og du kan tilmelde dig nyhedsbrevet."),
    ("2017-04-20", "Ungebussen kører ud til alle skoler",
     "I maj besøger Ungebussen alle kommunens skoler og samler de unges idéer.",
     "De unge har selv indrettet bussen. **Kom forbi** i frikvarteret, og fortæl, hvad der "
     "skal til, for at alle har nogen at være sammen med."),
    ("2017-06-15", "Over 100 idéer fra skolernes hackathon",
     "Eleverne kom med mere end hundrede idéer til fællesskaber i fritiden.",
     "Idéerne spænder fra lektiecaféer til fællesspisning. Sekretariatet samler dem og "
     "fortæller her, hvad der sker med dem."),
    ("2017-09-07", "Læseheste i børnehaverne",
     "Frivillige læser højt for de mindste, i samarbejde med biblioteket.",
     "Læsehestene er frivillige, som hver uge læser højt for en lille gruppe børn. "
     "Vil du være læsehest? Kontakt biblioteket."),
    ("2017-11-23", "Årets trivselsmåling er klar",
     "Næsten alle elever svarede på spørgsmål om trivsel i skolen, fritiden og hjemmet.",
     "Tallene viser små forandringer. Vi bruger dem på alliancemødet i januar."),
    ("2018-02-08", "Film: Sådan føles det at stå udenfor",
     "Unge fra ungdomsskolen har lavet en kortfilm om ensomhed.",
     "Filmen er lavet af unge til unge og voksne. Den kan bruges i klassen og i "
     "forældregrupper."),
    ("2018-05-03", "Ny koordinerende trivselsgruppe i hvert skoledistrikt",
     "Skole, dagtilbud og sundhedspleje mødes nu fast om børn i mistrivsel.",
     "Gruppen skal sikre, at et barn, der viser tidlige tegn på mistrivsel, får hjælp "
     "hurtigt — uden at skulle vente på en henvisning."),
    ("2018-08-30", "Foreningerne åbner dørene",
     "I september kan alle børn prøve en fritidsaktivitet gratis.",
     "Mere end tyve foreninger er med. Se programmet på biblioteket og i SFO'en."),
    ("2018-12-06", "Tak for et år med mange fællesskaber",
     "Vi ser tilbage på 2018 og frem mod de næste skridt.",
     "Læsehestene er blevet en fast del af dagtilbuddene, og samarbejdsmodellen er på vej."),
    ("2019-03-14", "Læsehestene bliver blivende",
     "Biblioteket og dagtilbuddene har besluttet at fortsætte læsehestene fast.",
     "Det er første gang, en aktivitet fra alliancen er forankret for good."),
    ("2019-06-20", "Digital indgang for medarbejdere",
     "En fælles digital indgang samler vejledning og tilbud på tværs af enhederne.",
     "Her kan medarbejdere se, hvad de kan gøre, når et barn viser tidlige tegn på "
     "mistrivsel, og hvilke tilbud der findes."),
    ("2019-11-28", "Erfaringsopsamlingen er klar",
     "Hvad lærte vi af fire år med kollektiv effekt?",
     "Læs erfaringsopsamlingen, og kom til fyraftensmødet, hvor vi fortæller om den."),
    ("2021-05-11", "Alliancen samles igen efter nedlukningen",
     "Vi mødes igen og tager tråden op.", "Første alliancemøde efter nedlukningen."),
    ("2023-09-19", "Nye læseheste søges", "Flere børnehaver vil gerne have læseheste.",
     "Har du en time om ugen? Bliv læsehest."),
    ("2025-10-02", "Trivselsmålingen fortsætter",
     "Kommunen fortsætter den årlige måling af børns trivsel.",
     "Resultaterne offentliggøres her, når de er klar."),
]

# (date sent, subject, intro, how many of the latest news it carries[, segments]); an
# issue without segments went to everybody.
NEWSLETTERS = [
    ("2017-05-04", "Nyhedsbrev: Ungebussen og den nye hjemmeside",
     "Velkommen til alliancens første nyhedsbrev.", 2),
    ("2017-09-14", "Nyhedsbrev: Hackathon og læseheste", "Et travlt forår og en god start.", 2),
    ("2017-12-07", "Nyhedsbrev: Årets trivselsmåling", "Tal og næste skridt.", 1),
    ("2018-05-17", "Nyhedsbrev: Film og trivselsgrupper", "Nyt fra sporene.", 2),
    ("2018-06-07", "Til personalet: trivselsgrupperne og handleguiderne",
     "Et særnummer til medarbejdere i dagtilbud og skoler om de nye trivselsgrupper.", 1,
     ["sector:daycare", "sector:school", Segment.STAFF]),
    ("2018-12-13", "Nyhedsbrev: Tak for 2018", "Godt nytår fra sekretariatet.", 2),
    ("2019-06-27", "Nyhedsbrev: Læsehestene er blivende", "En milepæl for alliancen.", 2),
    ("2019-12-05", "Nyhedsbrev: Erfaringsopsamlingen", "Fire år med +DIG.", 1),
    ("2023-10-05", "Nyhedsbrev: Nye læseheste søges", "Alliancen lever videre.", 1),
]

CONSENT = ("Jeg vil gerne modtage nyhedsbrevet på e-mail. Jeg kan til enhver tid framelde "
           "mig med linket i hvert nyhedsbrev.")


def _at(text: str, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(text), dt.time(hour),
                               tzinfo=dt.UTC)


def _subscribers(initiative, rng) -> list[Subscriber]:
    start, end = dt.date(2017, 3, 2), min(timezone.localdate(), dt.date(2026, 12, 1))
    segments = [Segment.PUBLIC] * 5 + [Segment.PARTNER] * 3 + [Segment.STAFF] * 4
    people = []
    for number in range(1, 91):
        # Most signed up in the first years, when the initiative communicated most.
        span = (dt.date(2019, 12, 31) if number <= 70 else end) - start
        consented = dt.datetime.combine(start + dt.timedelta(days=rng.randrange(span.days)),
                                        dt.time(20), tzinfo=dt.UTC)
        confirmed = (None if number % 17 == 0
                     else consented + dt.timedelta(minutes=rng.randrange(5, 600)))
        left = None
        if confirmed and number % 6 == 0:
            left = confirmed + dt.timedelta(days=rng.randrange(60, 900))
        segment = rng.choice(segments)
        # Staff and partners mostly say where they work; citizens and parents seldom do.
        sector = {Segment.STAFF: ["daycare", "school"][number % 2],
                  Segment.PARTNER: ["municipality", "association", "business"][number % 3],
                  }.get(segment, "")
        # One by one, so the audit log (and the signals' history) records each.
        people.append(Subscriber.objects.create(
            initiative=initiative, email=f"abonnent{number}@demo.rygrad.dk",
            segment=segment, sector=sector, consent_text=CONSENT, consented_at=consented,
            confirmed_at=confirmed,
            unsubscribed_at=left if left and left.date() < end else None))
    return people


def build(initiative, rng) -> None:
    by = secretariat_actor(initiative)
    _catalogue(initiative, by)
    posts = []
    for on, title, summary, body in NEWS:
        post = services.news_save(initiative=initiative, by=by, title=title,
                                  summary=summary, body=body)
        posts.append((on, services.news_publish(post=post, by=by, at=_at(on))))
    services.news_save(initiative=initiative, by=by, title="Kladde: Sommerens aktiviteter",
                       summary="Skrives færdig inden sommerferien.",
                       body="Listen over sommerens aktiviteter kommer her.")
    people = _subscribers(initiative, rng)
    for on, subject, intro, count, *chosen in NEWSLETTERS:
        sent_at = _at(on, 14)
        news = [post for published, post in posts if published <= on][-count:]
        segments = chosen[0] if chosen else list(Segment.values)
        newsletter = services.newsletter_save(
            initiative=initiative, by=by, subject=subject, intro=intro, news=news,
            segments=[s for s in segments if s in Segment.values],
            sectors=[s.removeprefix("sector:") for s in segments if s.startswith("sector:")])
        newsletter.status, newsletter.sent_at = Newsletter.Status.SENT, sent_at
        newsletter.save(update_fields=["status", "sent_at"])
        # Who it reached then: subscribed at the time, in one of its segments (the demo's
        # made-up addresses are nobody's in the alliance registry).
        Delivery.objects.bulk_create([
            Delivery(initiative=initiative, newsletter=newsletter, subscriber=person,
                     claimed_at=sent_at, sent_at=sent_at)
            for person in people
            if person.confirmed_at and person.confirmed_at < sent_at
            and (person.unsubscribed_at is None or person.unsubscribed_at > sent_at)
            and selectors.segments_of(person, {}) & set(newsletter.segments)])


def _catalogue(initiative, by) -> None:
    """The catalogue: its entries, the offers with provider, audience and how to join, and
    files made in code for the action guides and two exercises."""
    for kind, title, setting, age_band, themes, description, contact in RESOURCES:
        attachment = None
        if kind == "action_guide":
            attachment = action_guide_pdf(title, description, contact)
        elif title in EXERCISES_WITH_FILES:
            attachment = exercise_docx(title, description)
        services.resource_save(initiative=initiative, by=by, kind=kind, title=title,
                               setting=setting, age_band=age_band, themes=themes,
                               description=description, contact=contact,
                               attachment=attachment)
    for (title, provider, provider_kind, setting, age_band, themes, what, audience,
         how_to_join, contact) in OFFERS:
        services.resource_save(initiative=initiative, by=by, kind="offer", title=title,
                               setting=setting, age_band=age_band, themes=themes,
                               description=what, provider=provider,
                               provider_kind=provider_kind, audience=audience,
                               how_to_join=how_to_join, contact=contact)
