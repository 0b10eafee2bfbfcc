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
