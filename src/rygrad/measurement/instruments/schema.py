"""Checking an instrument definition before it is stored.

An instrument is shared between initiatives as a JSON file, so every mistake is reported by
its place in the file ("items[3].code") rather than as a Python error.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from rygrad.measurement.models import MAX_SCALE_VALUE

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,39}$")
RESERVED = {"school", "grade", "gender", "year"}
LANGUAGES = ("da", "en")


def _texts(value, where: str, problems: list[str]) -> None:
    if not isinstance(value, dict) or not all(
        isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGUAGES
    ):
        problems.append(_("%(where)s: give a text in both Danish (da) and English (en).")
                        % {"where": where})


def instrument_problems(definition) -> list[str]:
    """Every problem of an instrument definition, each naming where it is; [] when valid."""
    if not isinstance(definition, dict):
        return [_("The instrument must be a JSON object.")]
    problems: list[str] = []
    if not isinstance(definition.get("slug"), str) or not SLUG.match(definition["slug"]):
        problems.append(_("slug: use lower-case letters, digits, - and _ (at most 60)."))
    _texts(definition.get("name"), "name", problems)
    scale = definition.get("scale")
    low = high = None
    if not isinstance(scale, dict):
        problems.append(_("scale: give min, max and labels."))
    else:
        low, high = scale.get("min"), scale.get("max")
        if not (isinstance(low, int) and isinstance(high, int) and 0 <= low < high
                <= MAX_SCALE_VALUE):
            problems.append(_("scale: min and max must be whole numbers with "
                              "0 <= min < max <= %(max)s.") % {"max": MAX_SCALE_VALUE})
            low = high = None
        labels = scale.get("labels")
        if labels is not None:
            for lang in LANGUAGES:
                values = labels.get(lang) if isinstance(labels, dict) else None
                if low is not None and (not isinstance(values, list)
                                        or len(values) != high - low + 1):
                    problems.append(_("scale.labels.%(lang)s: give one label per scale value "
                                      "(%(count)s).") % {"lang": lang,
                                                         "count": high - low + 1})
    items = definition.get("items")
    codes: list[str] = []
    if not isinstance(items, list) or not items:
        problems.append(_("items: give at least one item."))
        items = []
    for index, item in enumerate(items):
        where = f"items[{index}]"
        if not isinstance(item, dict):
            problems.append(_("%(where)s: must be an object.") % {"where": where})
            continue
        code = item.get("code")
        if not isinstance(code, str) or not CODE.match(code) or code.lower() in RESERVED:
            problems.append(_("%(where)s.code: start with a letter; letters, digits and _ "
                              "only; not school, grade, gender or year.") % {"where": where})
        elif code in codes:
            problems.append(_("%(where)s.code: “%(code)s” is used twice.")
                            % {"where": where, "code": code})
        else:
            codes.append(code)
        _texts(item.get("text"), f"{where}.text", problems)
        if not isinstance(item.get("reverse", False), bool):
            problems.append(_("%(where)s.reverse: true or false.") % {"where": where})
    indicators = definition.get("indicators")
    if not isinstance(indicators, list) or not indicators:
        problems.append(_("indicators: give at least one indicator."))
        indicators = []
    slugs: set[str] = set()
    for index, indicator in enumerate(indicators):
        where = f"indicators[{index}]"
        if not isinstance(indicator, dict):
            problems.append(_("%(where)s: must be an object.") % {"where": where})
            continue
        slug = indicator.get("slug")
        if not isinstance(slug, str) or not SLUG.match(slug) or slug in slugs:
            problems.append(_("%(where)s.slug: a unique slug of lower-case letters, digits, "
                              "- and _.") % {"where": where})
        else:
            slugs.add(slug)
        _texts(indicator.get("name"), f"{where}.name", problems)
        members = indicator.get("items")
        if not isinstance(members, list) or not members:
            problems.append(_("%(where)s.items: list the item codes.") % {"where": where})
        else:
            for code in members:
                if code not in codes:
                    problems.append(_("%(where)s.items: “%(code)s” is not an item code.")
                                    % {"where": where, "code": code})
        threshold = indicator.get("low_threshold")
        if not isinstance(threshold, (int, float)) or isinstance(threshold, bool) or (
            low is not None and not low <= threshold <= high
        ):
            problems.append(_("%(where)s.low_threshold: a number on the scale.")
                            % {"where": where})
    return problems
