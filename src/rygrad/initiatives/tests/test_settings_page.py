"""The secretariat edits the initiative's settings; k can never go below 3."""

from django.urls import reverse

from rygrad.initiatives.models import Initiative


def _post(client, **changes):
    data = {"name": "Egelund for alle børn", "municipality": "Egelund", "problem_summary": "",
            "started_on": "2015-09-01", "is_public": "on", "min_group_size": 5, **changes}
    return client.post(reverse("initiatives:settings", kwargs={"slug": "egelund"}), data)


def test_settings_are_saved(client_as, world):
    response = _post(client_as("secretariat"), min_group_size=7, name="Egelund Trivsel")
    assert response.status_code == 302
    initiative = Initiative.objects.get(slug="egelund")
    assert (initiative.name, initiative.min_group_size) == ("Egelund Trivsel", 7)


def test_minimum_group_size_below_three_is_refused_with_the_field_named(client_as, world):
    response = _post(client_as("secretariat"), min_group_size=2)
    assert response.status_code == 200
    assert "min_group_size" in response.context["form"].errors
    assert Initiative.objects.get(slug="egelund").min_group_size == 5
