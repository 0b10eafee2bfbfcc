"""Themes and near-duplicates: the same ideas give the same themes, separated topics give
separate themes, and a merge keeps every submitter group, source and support."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rygrad.core.permissions import Actor
from rygrad.ideas import selectors, services, themes
from rygrad.ideas.models import Idea, Source, Status, SubmitterGroup, Support, Theme
from rygrad.ideas.selectors import IdeaFilter
from rygrad.ideas.tests.factories import IdeaFactory, SupportFactory

FOOTBALL = ["Fodbold i frikvarteret med bold og mål", "Flere fodboldmål i frikvarteret",
            "Fodboldturnering i frikvarteret hver fredag", "Bolde og fodbold til frikvarteret"]
BUSES = ["Gratis bus om aftenen fra landsbyen", "Flere busser om aftenen til landsbyen",
         "Natbus og aftenbus til landsbyerne", "Busserne skal køre oftere om aftenen"]
TALK = ["Anonym chat med en voksen om ensomhed", "En voksen at tale med om ensomhed",
        "Chat om ensomhed med en rådgiver", "Tale med en voksen, når man er ensom"]


def _by(world):
    return Actor(user=world.users["secretariat"], initiative=world.initiative)


def test_three_separated_topics_give_three_themes():
    """Given four ideas on each of three topics, shuffled, when they are clustered, then
    there are three themes and each holds exactly one topic's ideas."""
    texts = [FOOTBALL[0], BUSES[0], TALK[0], FOOTBALL[1], TALK[1], BUSES[1], BUSES[2],
             FOOTBALL[2], TALK[2], TALK[3], FOOTBALL[3], BUSES[3]]
    labels = themes.cluster(texts)
    groups = {}
    for text, label in zip(texts, labels, strict=True):
        groups.setdefault(label, set()).add(text)
    assert sorted(map(sorted, groups.values())) == sorted(map(sorted, (FOOTBALL, BUSES, TALK)))


def test_the_same_ideas_give_the_same_themes():
    """Given the demo's hundred hackathon ideas, when they are clustered twice, then the
    themes are identical, between two and ten of them, and have the same top words."""
    from rygrad.ideas.demo_data import HACKATHON

    texts = [title for title, _group in HACKATHON]
    first, second = themes.cluster(texts), themes.cluster(texts)
    assert first == second
    assert 2 <= len(set(first)) <= themes.MAX_THEMES
    assert themes.top_words(texts, first) == themes.top_words(texts, second)


def test_grouping_ideas_names_each_theme_by_its_words(world):
    """Given twelve ideas on three topics, when the secretariat groups them, then three
    themes are made, each named by its own words and holding its topic's ideas."""
    ideas = [IdeaFactory(initiative=world.initiative, title=t)
             for t in FOOTBALL + BUSES + TALK]
    made = themes.themes_group(initiative=world.initiative, by=_by(world), ideas=ideas)
    assert len(made) == 3
    football = Idea.objects.get(pk=ideas[0].pk).theme
    assert set(football.ideas.values_list("title", flat=True)) == set(FOOTBALL)
    assert any(word.startswith("fodbold") or word.startswith("frikvarter")
               for word in football.top_words)


def test_regrouping_replaces_the_themes_and_drops_empty_ones(world):
    ideas = [IdeaFactory(initiative=world.initiative, title=t) for t in FOOTBALL + BUSES]
    by = _by(world)
    themes.themes_group(initiative=world.initiative, by=by, ideas=ideas)
    themes.themes_group(initiative=world.initiative, by=by, ideas=ideas)
    assert Theme.objects.count() == len(set(Idea.objects.values_list("theme", flat=True)))


def test_rename_merge_and_move(world):
    """Given the themes of eight ideas, when the first is renamed, an idea moved into the
    second and then the first theme merged into the second, then every idea of the first
    is in the second and the first is gone."""
    by = _by(world)
    ideas = [IdeaFactory(initiative=world.initiative, title=t) for t in FOOTBALL + BUSES]
    first, second = themes.themes_group(initiative=world.initiative, by=by, ideas=ideas)[:2]
    themes.theme_rename(theme=first, by=by, name="Frikvarter")
    themes.idea_move(idea=ideas[0], theme=second, by=by)
    assert Idea.objects.get(pk=ideas[0].pk).theme == second
    in_first = set(first.ideas.values_list("pk", flat=True))
    assert Theme.objects.get(pk=first.pk).name == "Frikvarter"
    themes.theme_merge(theme=first, into=second, by=by)
    assert set(Idea.objects.filter(pk__in=in_first).values_list("theme", flat=True)) == {
        second.pk}
    assert not Theme.objects.filter(pk=first.pk).exists()


def test_near_duplicates_are_suggested(world):
    """Given two ideas that say the same in other words among others, when near-duplicates
    are looked for, then that pair is the only one suggested, the later idea second."""
    a = IdeaFactory(initiative=world.initiative,
                    title="Et fritidspas så man kan prøve forskellige sportsgrene gratis")
    b = IdeaFactory(initiative=world.initiative,
                    title="Fritidspas hvor man gratis kan prøve flere forskellige sportsgrene")
    others = [IdeaFactory(initiative=world.initiative, title=t)
              for t in (FOOTBALL[0], BUSES[0], TALK[0])]
    pairs = themes.near_duplicates([*others, b, a])
    assert [(p.first, p.second) for p in pairs] == [(a, b)]


@pytest.fixture
def merge(world):
    i = world.initiative
    kept = IdeaFactory(initiative=i, title="Venskabsbænk i skolegården", source=Source.HACKATHON,
                       submitter_group=SubmitterGroup.YOUNG_PERSON)
    folded = IdeaFactory(initiative=i, title="En venskabsbænk", source=Source.YOUTH_BUS,
                         submitter_group=SubmitterGroup.CHILD, submitted_on=dt.date(2017, 4, 1))
    earlier = IdeaFactory(initiative=i, title="Bænk til venner", source=Source.WEB,
                          submitter_group=SubmitterGroup.PARENT)
    both = world.users["youth"]
    SupportFactory(idea=kept, user=both)
    SupportFactory(idea=folded, user=both)
    SupportFactory(idea=folded, user=world.users["member"])
    SupportFactory(idea=folded)  # anonymous
    earlier.merged_into, earlier.merged_on = folded, dt.date(2017, 4, 2)
    earlier.save()
    return {"kept": kept, "folded": folded, "earlier": earlier}


def test_a_merge_keeps_every_submitter_group_source_and_support(merge, world):
    """Given idea B (a child's, from the Youth bus, with three supports, one of them by a
    young person who also supports A) and idea C merged into B before, when B is merged
    into A, then A has every support but counts that young person once, C now points to
    A, and A's story lists all three submitter groups and sources; B shows where it
    went."""
    kept, folded, earlier = merge["kept"], merge["folded"], merge["earlier"]
    services.idea_merge(idea=folded, into=kept, by=_by(world), on=dt.date(2017, 5, 1))
    folded.refresh_from_db()
    earlier.refresh_from_db()
    assert (folded.merged_into, folded.merged_on) == (kept, dt.date(2017, 5, 1))
    assert earlier.merged_into == kept
    assert Support.objects.filter(idea=kept).count() == 3
    assert Support.objects.filter(idea=kept, user__isnull=True).count() == 1
    assert Support.objects.filter(idea=kept, user=world.users["youth"]).count() == 1
    story = selectors.idea_story(idea=kept, published_only=True)
    assert set(story["groups"]) == {"Ung", "Barn", "Forælder"}
    assert set(story["sources"]) == {"Hackathon", "Besøg af Ungebussen", "Nettet"}
    found = selectors.idea_list(initiative=world.initiative,
                                filters=IdeaFilter(source=Source.YOUTH_BUS))
    assert list(found) == [kept]
    found = selectors.idea_list(initiative=world.initiative, filters=IdeaFilter(group="youth"))
    assert list(found) == [kept]


def test_the_list_counts_each_ideas_supports_and_lists_an_idea_once_per_filter(merge,
                                                                              world):
    """Given idea B with three supports and C merged into it, and A and B on two tracks
    each, then the list counts A 1 and B 3 supports; filtered by one track, by C's source
    or by young people (B is a child's and C a parent's), each idea is listed once."""
    from rygrad.agenda.tests.factories import TrackFactory

    kept, folded = merge["kept"], merge["folded"]
    one, two = (TrackFactory(initiative=world.initiative) for _ in range(2))
    for idea in (kept, folded):
        idea.tracks.set([one, two])
    listed = selectors.idea_list(initiative=world.initiative)
    assert [(idea, idea.support_count) for idea in listed] == [(folded, 3), (kept, 1)]
    for filters in (IdeaFilter(track=one.pk), IdeaFilter(source=Source.WEB),
                    IdeaFilter(group="youth")):
        found = list(selectors.idea_list(initiative=world.initiative, filters=filters))
        assert len(found) == len(set(found)) > 0
    assert list(selectors.idea_list(initiative=world.initiative,
                                    filters=IdeaFilter(source=Source.WEB))) == [folded]


def test_an_adopted_idea_is_not_merged_away(merge, world):
    """Given an adopted idea, when it is merged into another, then it is refused."""
    from rygrad.alliance.tests.factories import OrganisationFactory
    from rygrad.ideas.tests.factories import answered

    answered(merge["folded"], (Status.ADOPTED, dt.date(2017, 5, 1), "Ja.",
                               OrganisationFactory(initiative=world.initiative)))
    with pytest.raises(ValidationError):
        services.idea_merge(idea=merge["folded"], into=merge["kept"], by=_by(world))


def test_the_merged_idea_page_says_where_it_went(client_as, merge, world):
    services.idea_merge(idea=merge["folded"], into=merge["kept"], by=_by(world))
    text = client_as("anonymous").get(reverse("ideas:public_detail", kwargs={
        "slug": world.initiative.slug, "number": merge["folded"].number})).content.decode()
    assert f"/ideas/{merge['kept'].number}/" in text and "lagt sammen" in text


def test_the_themes_page_suggests_merges(client_as, world):
    IdeaFactory(initiative=world.initiative,
                title="Et fritidspas så man kan prøve forskellige sportsgrene gratis")
    IdeaFactory(initiative=world.initiative,
                title="Fritidspas hvor man gratis kan prøve flere forskellige sportsgrene")
    response = client_as("secretariat").get(reverse("ideas:themes",
                                                    kwargs={"slug": world.initiative.slug}))
    assert len(response.context["pairs"]) == 1
