"""The common agenda of the demo initiative, modelled on the seed: a problem the municipal
and civil-society partners first saw differently, a knowledge base that let them agree
(written in 2016, revised in 2017 with the first survey), a vision endorsed over a year,
five strategic tracks proposed by the secretariat and two cross-cutting ones."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from rygrad.alliance.models import Organisation, Sector
from rygrad.core.permissions import Actor
from rygrad.initiatives.models import Role

from . import services
from .models import ActionItem

BACKBONE = "Sekretariatet for Fællesskab for alle børn"
ORGANISATIONS = {
    BACKBONE: Sector.MUNICIPALITY,
    "Børn og Unge, Egelund Kommune": Sector.MUNICIPALITY,
    "Egelund Bibliotek": Sector.MUNICIPALITY,
    "Dagtilbud Egelund Nord": Sector.DAYCARE,
    "Dagtilbud Egelund Syd": Sector.DAYCARE,
    "Egelund Skole": Sector.SCHOOL,
    "Bakkely Skole": Sector.SCHOOL,
    "Fjordskolen": Sector.SCHOOL,
    "Egelund Ungdomsskole": Sector.SCHOOL,
    "Egelund Boldklub": Sector.ASSOCIATION,
    "Egelund Spejderne": Sector.ASSOCIATION,
    "Frivilligcenter Egelund": Sector.ASSOCIATION,
    "Egelund Brugs": Sector.BUSINESS,
    "Fællesrådet for Ungdom i Egelund": Sector.YOUTH,
    "Sund By Fonden": Sector.NATIONAL,
    "Institut for Børn og Unges Trivsel": Sector.RESEARCH,
}

PROBLEM = (
    "Omkring hvert tiende barn i Egelund Kommune føler sig ofte ensomt, og flere mistrives "
    "uden at det bliver set: problemerne er diffuse – drillerier, uro derhjemme, sygdom – og "
    "børnene går under radaren. De kommunale tal viste det ikke tydeligt; foreningerne, "
    "skolerne og de unge selv så det hver dag. Ingen enkelt aktør kan løse det alene."
)
VISION = (
    "Alle børn og unge i Egelund har mindst ét fællesskab, hvor de hører til – i dagtilbud, "
    "skole, fritid og hjem – og voksne omkring dem, der ser det tidligt, når et barn står "
    "udenfor."
)

# (name, goal, cross-cutting, [(action, responsible organisation, who, due, done)])
TRACKS = [
    ("Fællesskaber i fritiden",
     "Flere børn og unge deltager i et fritidsfællesskab, også dem der står udenfor.", False,
     [("Kortlægge foreningernes tilbud til børn 6-12 år", "Egelund Boldklub", "Foreningsrådet",
       "2017-03-01", "2017-02-20"),
      ("Aftale om fritidsguide med to foreninger", None, "Sekretariatet", "2018-06-01", None)]),
    ("Trivsel i skole og dagtilbud",
     "Færre elever svarer, at de ofte føler sig alene i skolen.", False,
     [("Trivselsambassadører på alle tre skoler", "Fjordskolen", "Skolelederne",
       "2018-08-01", "2018-08-15"),
      ("Fælles trivselsdag i alle dagtilbud", "Dagtilbud Egelund Syd", "Dagtilbudslederne",
       "2019-05-01", None)]),
    ("Forældre som medspillere",
     "Forældre kender hinanden og tager ansvar for fællesskabet i klassen.", False,
     [("Forældrenetværk i alle 0. klasser", "Egelund Skole", "Skolebestyrelsen",
       "2018-01-15", "2018-01-10"),
      ("Digital forældreplatform i drift", "Børn og Unge, Egelund Kommune", "It og digitalisering",
       "2019-04-01", "2019-04-01")]),
    ("Tidlig opsporing og én indgang",
     "Medarbejdere ved, hvor de går hen med en bekymring, og får svar inden for en uge.", False,
     [("Koordinerende team i hvert skoledistrikt", "Børn og Unge, Egelund Kommune",
       "Børne- og ungechefen", "2019-01-01", "2019-03-01"),
      ("Samlet oversigt over tilbud på tværs af enheder", None, "Sekretariatet", "2018-03-01",
       None)]),
    ("Viden og data",
     "Alliancen følger børnenes trivsel hvert år og bruger tallene til at vælge indsatser.", False,
     [("Årlig trivselsmåling med forskningsinstitut", "Institut for Børn og Unges Trivsel",
       "Forskerne", "2017-03-01", "2017-03-10"),
      ("Tallene drøftes på alliancemødet hvert efterår", None, "Sekretariatet", "2019-10-01",
       None)]),
    ("Unge viser vejen",
     "Unge er med, hvor der besluttes, og deres idéer bliver til noget.", True,
     [("To unge i alliancegruppen", "Fællesrådet for Ungdom i Egelund", "Fællesrådet",
       "2016-09-01", "2016-09-01")]),
    ("En ekstra hånd",
     "Frivillige og lokale virksomheder giver en ekstra hånd, der hvor børnene er.", True,
     [("Frivilligpulje til læseheste og lektiehjælp", "Frivilligcenter Egelund",
       "Frivilligkoordinatoren", "2017-06-01", "2017-08-01")]),
]

ENDORSEMENTS = [
    ("Børn og Unge, Egelund Kommune", "2016-11-24", "Alliancemøde 24. november 2016"),
    (BACKBONE, "2016-11-24", "Alliancemøde 24. november 2016"),
    ("Egelund Bibliotek", "2016-11-24", "Alliancemøde 24. november 2016"),
    ("Fællesrådet for Ungdom i Egelund", "2016-11-24", "Alliancemøde 24. november 2016"),
    ("Egelund Skole", "2017-01-12", "Skolebestyrelsen"),
    ("Egelund Boldklub", "2017-02-02", "Bestyrelsesmøde"),
    ("Dagtilbud Egelund Nord", "2017-03-09", "Ledermøde i dagtilbud"),
    ("Egelund Brugs", "2017-09-14", "Alliancemøde 14. september 2017"),
]


def organisations_for(initiative) -> dict[str, Organisation]:
    """The demo's organisations: found by name (the alliance demo makes them), or created."""
    found = {}
    for name, sector in ORGANISATIONS.items():
        found[name], _created = Organisation.objects.get_or_create(
            initiative=initiative, name=name,
            defaults={"sector": sector, "is_backbone": name == BACKBONE})
    return found


def secretariat_actor(initiative) -> Actor:
    user = get_user_model().objects.filter(email="sekretariat@demo.rygrad.dk").first()
    return Actor(user=user, initiative=initiative, _role=Role.SECRETARIAT)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def build(initiative, rng) -> None:
    by = secretariat_actor(initiative)
    organisations = organisations_for(initiative)
    services.vision_save(initiative=initiative, by=by, problem=PROBLEM, vision=VISION,
                         adopted_on=dt.date(2016, 11, 24))
    for name, on, note in ENDORSEMENTS:
        services.endorsement_add(initiative=initiative, by=by, organisation=organisations[name],
                                 endorsed_on=_date(on), note=note)
    for order, (name, goal, cross, actions) in enumerate(TRACKS):
        track = services.track_save(initiative=initiative, by=by, name=name, goal=goal,
                                    is_cross_cutting=cross, order=order)
        for what, organisation, who, due, done in actions:
            item = services.action_item_create(
                track=track, by=by, what=what, who=who, due_on=_date(due),
                organisation=organisations[organisation] if organisation else None)
            if done:
                ActionItem.objects.filter(pk=item.pk).update(done_on=_date(done))
    _knowledge_base(initiative, by)


PARTNERS_SEE = ("## Hvad ser partnerne?\n\n"
                "- Foreningerne ser børn, der falder fra efter et halvt år.\n"
                "- Skolerne ser drillerier, der ikke stopper i frikvarteret.\n"
                "- De unge fortæller om at være alene i weekenden.")


def _knowledge_base(initiative, by) -> None:
    """Documents in Markdown, as the knowledge base form takes them."""
    document = services.knowledge_document_create(
        initiative=initiative, by=by, title="Ensomhed og mistrivsel blandt børn i Egelund",
        body=("## Hvad ved vi?\n\nLandsdækkende undersøgelser viser, at omkring hvert "
              "tiende barn ofte føler sig ensomt. Kommunens egne tal siger ikke meget, fordi "
              "mistrivsel sjældent er én tydelig sag.\n\n" + PARTNERS_SEE),
        sources="Skolebørnsundersøgelsen 2014\nNational trivselsmåling, folkeskolen 2015\n"
                "Interviews med 24 unge i Egelund, foråret 2016",
        change_note="Første udgave til alliancemødet")
    services.knowledge_version_add(
        document=document, by=by,
        body=("## Hvad ved vi?\n\nTrivselsmålingen 2017 i Egelund: **11 %** af eleverne i "
              "4.-9. klasse føler sig ofte alene; i udskolingen flere piger end drenge.\n\n"
              + PARTNERS_SEE),
        sources="Trivselsmåling i Egelund 2017, Institut for Børn og Unges Trivsel\n"
                "Skolebørnsundersøgelsen 2014\nInterviews med 24 unge i Egelund, foråret 2016",
        change_note="Opdateret med den første lokale trivselsmåling")
    services.knowledge_document_create(
        initiative=initiative, by=by, title="Fem spor – sekretariatets oplæg",
        body=("Efter et år med åbne strategidrøftelser foreslog sekretariatet fem "
              "strategiske spor og to tværgående. Oplægget blev vedtaget på alliancemødet "
              "i november 2016."),
        sources="Referat af alliancemøde 24. november 2016",
        change_note="Oplæg til alliancemødet")
