"""Showing survey numbers: localised decimals, shares as percent, empty for suppressed."""

from django import template
from django.utils.formats import number_format

from rygrad.measurement.output import plain

register = template.Library()


@register.filter
def dec(value, places=2):
    value = plain(value)
    if value is None:
        return "–"
    return number_format(value, decimal_pos=int(places))


@register.filter
def pct(value, places=0):
    value = plain(value)
    if value is None:
        return "–"
    return f"{number_format(value * 100, decimal_pos=int(places))} %"


@register.filter
def group_value(value):
    value = plain(value)
    if value is None or value == "":
        return "–"
    return value


@register.filter
def lookup(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.simple_tag(takes_context=True)
def responses(context, row):
    """A response count, or why it is withheld ("fewer than 5", "hidden")."""
    if row.responses is not None:
        return number_format(row.responses)
    from rygrad.measurement.views.common import withheld_text

    return withheld_text(row.withheld, context["request"].initiative) or "–"


@register.filter
def q_value(value):
    """A q-value to three decimals, and "< 0.001" below that (never "0.000")."""
    value = plain(value)
    if value is None:
        return "–"
    if value < 0.001:
        return f"< {number_format(0.001, decimal_pos=3)}"
    return number_format(value, decimal_pos=3)
