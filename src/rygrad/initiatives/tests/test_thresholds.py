"""The warning thresholds page and its one service: every app's settable signals on one
form, saved per initiative by the secretariat only."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from rygrad.core.permissions import Actor
from rygrad.core.signals import Condition, all_signals, get_signal
from rygrad.initiatives.models import Initiative
from rygrad.initiatives.services import signal_thresholds_set

URL = reverse("initiatives:thresholds", kwargs={"slug": "egelund"})


def _thresholds():
    return Initiative.objects.get(slug="egelund").signal_thresholds


def test_the_page_has_a_field_for_every_settable_signal_of_every_app(client_as, world):
    """Given the signals registered by every app (alliance, agenda, activities and
    measurement among them), when the secretariat opens the thresholds page, then it has
    one field per settable signal, and none for the count of supported changes (up or down
    alike)."""
    form = client_as("secretariat").get(URL).context["form"]
    keys = {name.replace("__", ".") for name in form.fields}
    assert keys == {signal.key for signal in all_signals() if signal.settable}
    assert {key.split(".")[0] for key in keys} >= {
        "alliance", "agenda", "activities", "measurement"}
    assert "measurement.significant_changes" not in keys
    assert {"alliance.members", "agenda.vision_endorsements",
            "measurement.response_rate"} <= keys


def test_the_fields_are_grouped_under_their_conditions(client_as, world):
    """Given the form, when its fields are grouped, then each sits under its signal's
    condition in the dashboard's order, and conditions without a settable signal are left
    out."""
    form = client_as("secretariat").get(URL).context["form"]
    groups = form.by_condition()
    conditions = [condition for condition, _fields in groups]
    assert conditions == [c for c in Condition if c in conditions]
    for condition, fields in groups:
        assert fields
        for field in fields:
            assert get_signal(field.name.replace("__", ".")).condition == condition
    content = client_as("secretariat").get(URL).content.decode()
    assert str(get_signal("activities.backbone_load").label) in content


def test_saving_sets_changes_and_clears_thresholds_of_several_apps(client_as, world):
    """Given an initiative with its own threshold for the backbone load and a stored key of
    a signal no longer registered, when the secretariat saves 70 (per cent) for the
    response rate, 3 for the alliance's members and leaves the backbone load empty, then
    the first two are kept (the share as the fraction 0.7), the backbone load is back to
    its default and the unknown key is untouched."""
    world.initiative.signal_thresholds = {"activities.backbone_load": 0.9, "old.signal": 4}
    world.initiative.save(update_fields=["signal_thresholds"])
    response = client_as("secretariat").post(URL, {
        "measurement__response_rate": "70", "alliance__members": "3",
        "activities__backbone_load": ""})
    assert response.status_code == 302
    assert _thresholds() == {"measurement.response_rate": 0.7, "alliance.members": 3.0,
                             "old.signal": 4}


def test_the_form_shows_the_initiatives_own_thresholds(client_as, world):
    """Given an initiative whose backbone load warns above 0.8 and whose members warn
    below 4, when the page is opened, then the share's field holds 80 (per cent), the
    count's 4, and a field without an override is empty."""
    world.initiative.signal_thresholds = {"activities.backbone_load": 0.8,
                                          "alliance.members": 4}
    world.initiative.save(update_fields=["signal_thresholds"])
    form = client_as("secretariat").get(URL).context["form"]
    assert form["activities__backbone_load"].value() == 80
    assert form["alliance__members"].value() == 4
    assert form["measurement__response_rate"].value() is None


def test_a_share_is_typed_in_per_cent_and_stored_as_the_fraction_the_signal_computes(
        client_as, world):
    """Given the thresholds page, when the secretariat types 12.5 for the backbone load,
    then 0.125 is stored, the page shows 12.5 again, and the dashboard compares the
    backbone load (a fraction) with 0.125."""
    client = client_as("secretariat")
    assert client.post(URL, {"activities__backbone_load": "12.5"}).status_code == 302
    assert _thresholds() == {"activities.backbone_load": 0.125}
    assert client.get(URL).context["form"]["activities__backbone_load"].value() == 12.5
    assert get_signal("activities.backbone_load").threshold_for(
        Initiative.objects.get(slug="egelund")) == 0.125


def test_a_share_above_100_per_cent_or_a_negative_threshold_is_refused(client_as, world):
    """Given the thresholds page, when the secretariat types 150 (per cent) for a share
    and -1 for a count, then both fields say what is allowed and nothing is stored."""
    response = client_as("secretariat").post(URL, {
        "activities__backbone_load": "150", "alliance__members": "-1"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"activities__backbone_load", "alliance__members"}
    assert _thresholds() == {}


@pytest.mark.parametrize(("language", "share_hint", "default"), [
    ("da", "I procent", "50 %"), ("en", "In per cent", "50 %")])
def test_the_default_of_a_share_reads_as_on_the_dashboard(client_as, world, settings,
                                                          language, share_hint, default):
    """Given the backbone load, whose default threshold is 0.5, when the thresholds page
    and the dashboard are opened in Danish or English, then both write that threshold as
    "50 %" and the thresholds page asks for per cent."""
    client = client_as("secretariat")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    form = client.get(URL).context["form"]
    help_text = str(form["activities__backbone_load"].help_text)
    assert share_hint in help_text and default in help_text, help_text
    assert "0.5" not in help_text and "0,5" not in help_text
    dashboard = client.get(reverse("initiatives:dashboard", kwargs={"slug": "egelund"}))
    values = [v for card in dashboard.context["cards"] for v, _link in card.values
              if v.signal.key == "activities.backbone_load"]
    assert [v.threshold_display for v in values] == [default]


def test_a_number_that_is_no_number_is_refused_and_nothing_saved(client_as, world):
    """Given a threshold "half", when it is saved, then the form says so beside the field
    and no threshold is stored."""
    response = client_as("secretariat").post(URL, {"activities__backbone_load": "half"})
    assert response.status_code == 200
    assert "activities__backbone_load" in response.context["form"].errors
    assert _thresholds() == {}


@pytest.mark.parametrize("role", ["youth", "partner", "member"])
def test_only_the_secretariat_sets_thresholds(client_as, world, role):
    """Given a role below the secretariat, when it posts a threshold, then it is refused
    (403) and nothing is stored; the service refuses the same actor too."""
    response = client_as(role).post(URL, {"activities__backbone_load": "0.9"})
    assert response.status_code == 403
    actor = Actor(user=world.users[role], initiative=world.initiative)
    with pytest.raises(ValidationError):
        signal_thresholds_set(initiative=world.initiative, by=actor,
                              thresholds={"activities.backbone_load": 0.9})
    assert _thresholds() == {}


def test_the_service_refuses_a_signal_whose_threshold_is_not_settable(world):
    """Given the secretariat, when it sets the threshold of the count of supported changes
    or of an unknown key, then that is a programming error and nothing is stored."""
    actor = Actor(user=world.users["secretariat"], initiative=world.initiative)
    with pytest.raises(ValueError, match="not settable"):
        signal_thresholds_set(initiative=world.initiative, by=actor,
                              thresholds={"measurement.significant_changes": 1})
    with pytest.raises(KeyError):
        signal_thresholds_set(initiative=world.initiative, by=actor,
                              thresholds={"no.such_signal": 1})
    assert _thresholds() == {}


def test_a_signal_with_a_default_threshold_is_settable_unless_it_declares_otherwise():
    """Given the registry, then every signal with a default threshold is settable, and the
    signals without one are settable only where they declare it."""
    for signal in all_signals():
        if signal.threshold is not None:
            assert signal.settable, signal.key
    without = {s.key: s.settable for s in all_signals() if s.threshold is None}
    assert without["agenda.vision_endorsements"] is True
    assert without["alliance.members"] is True
    assert without["measurement.significant_changes"] is False
