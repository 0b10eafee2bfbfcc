"""The network map: one layout for all years, every organisation of the year drawn and
named, and the table beside it with the same organisations and ties."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from rygrad.alliance.models import Organisation, Partnership, Sector

SVG = "{http://www.w3.org/2000/svg}"
D = dt.date


@pytest.fixture
def two_years(world):
    """The secretariat (municipality) with a school through 2017 and 2018, a club that
    joins in 2018 (through the school) and a library only in 2017."""
    i = world.initiative
    org = {name: Organisation.objects.create(initiative=i, name=name, sector=sector,
                                             is_backbone=name == "Sekretariatet")
           for name, sector in [("Sekretariatet", Sector.MUNICIPALITY),
                                ("Egelund Skole", Sector.SCHOOL),
                                ("Egelund Boldklub", Sector.ASSOCIATION),
                                ("Egelund Bibliotek", Sector.MUNICIPALITY)]}
    for a, b, start, end in [("Sekretariatet", "Egelund Skole", D(2017, 1, 1), None),
                             ("Sekretariatet", "Egelund Bibliotek", D(2017, 2, 1),
                              D(2017, 12, 31)),
                             ("Egelund Skole", "Egelund Boldklub", D(2018, 4, 1), None)]:
        Partnership.objects.create(initiative=i, organisation_a=org[a], organisation_b=org[b],
                                   started_on=start, ended_on=end)
    return i, org


def _map(client, initiative, year):
    page = client.get(reverse("evaluation:network", kwargs={"slug": initiative.slug}),
                      {"year": str(year)})
    assert page.status_code == 200
    svg = page.context["map_svg"]
    return page, ET.fromstring(str(svg))


def _nodes(root):
    return {int(g.get("data-organisation")): g for g in root.iter(f"{SVG}g")
            if g.get("data-organisation")}


def test_an_organisation_stands_in_the_same_place_in_every_year(two_years, client_as):
    """Given the school in both years, when the maps of 2017 and 2018 are drawn, then it
    stands at the same point in both, though the network around it changed."""
    initiative, org = two_years
    client = client_as("member")
    _page, first = _map(client, initiative, 2017)
    _page, second = _map(client, initiative, 2018)
    school, hub = org["Egelund Skole"].pk, org["Sekretariatet"].pk
    a, b = _nodes(first), _nodes(second)
    assert a[school].get("transform") == b[school].get("transform")
    assert a[hub].get("transform") == b[hub].get("transform")
    assert a[school].get("transform") != a[hub].get("transform")


def test_the_map_draws_and_names_every_organisation_of_the_year(two_years, client_as):
    """The 2017 map has the secretariat, the school and the library (not the club), each
    named in its title with its sector, two lines for two ties, a title and a description
    for screen readers, and a ring only around the secretariat."""
    initiative, org = two_years
    _page, root = _map(client_as("member"), initiative, 2017)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text
    nodes = _nodes(root)
    assert set(nodes) == {org[n].pk for n in ("Sekretariatet", "Egelund Skole",
                                              "Egelund Bibliotek")}
    titles = {pk: g.find(f"{SVG}title").text for pk, g in nodes.items()}
    assert titles[org["Egelund Bibliotek"].pk].startswith("Egelund Bibliotek (")
    assert len(list(root.find(f"{SVG}g[@class='ties']"))) == 2
    ringed = [pk for pk, g in nodes.items() if g.find(f"{SVG}circle[@class='hub']") is not None]
    assert ringed == [org["Sekretariatet"].pk]
    assert "http" not in str(ET.tostring(root)).replace("http://www.w3.org/2000/svg", "")


def test_the_legend_names_each_sector_of_the_year_beside_its_shape(two_years, client_as):
    """The legend lists the sectors shown (municipality and school in 2017) by name, each
    with its mark, and the secretariat's ring."""
    initiative, _org = two_years
    _page, root = _map(client_as("member"), initiative, 2017)
    legend = root.find(f"{SVG}g[@class='legend']")
    texts = [t.text for t in legend.iter(f"{SVG}text")]
    assert texts[1:3] == [str(Sector.MUNICIPALITY.label), str(Sector.SCHOOL.label)]
    assert len(texts) == 4
    marks = [g for g in legend if g.tag == f"{SVG}g"]
    assert all(len(list(g)) == 2 for g in marks)


def test_the_table_beside_the_map_lists_the_same_organisations_and_ties(two_years,
                                                                        client_as):
    """In 2018 the school has two ties (the secretariat and the club), the others one; the
    organisations table says so, and the map has a mark for each of its rows."""
    initiative, org = two_years
    page, root = _map(client_as("member"), initiative, 2018)
    rows = {(n.name, n.ties) for n in page.context["map_nodes"]}
    assert rows == {("Egelund Skole", 2), ("Sekretariatet", 1), ("Egelund Boldklub", 1)}
    assert {n.pk for n in page.context["map_nodes"]} == set(_nodes(root))
    html = page.content.decode()
    assert '<th scope="row">Egelund Skole</th><td>' in html
    assert page.context["trend_svg"] and 'role="img"' in page.context["trend_svg"]
