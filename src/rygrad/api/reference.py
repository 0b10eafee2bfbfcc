"""The API reference page's contents (/api/docs/), read from the OpenAPI schema that
drf-spectacular makes for /api/schema/: each resource's operations with their parameters,
request body fields and responses, ready for a server-rendered template (no JavaScript).

The schema changes only with the code, so it is built once per language (enum labels in
it are translated) per process; a deploy restarts the processes, so it is never stale.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from http import HTTPStatus

from django.conf import settings
from django.utils import translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from rygrad.core.markdown import render_markdown

METHODS = ("get", "post", "put", "patch", "delete")
# Everything is under /api/v1/ and most of it inside an initiative; the resource is the
# first segment after that (activities, survey, ...).
_INSIDE = re.compile(r"^/api/v\d+/(?:initiatives/\{slug\}/)?")


@dataclass(frozen=True)
class Row:
    """A parameter or a body field: one row of a table."""

    name: str
    type: str
    required: bool
    description: SafeString
    located: str = ""  # a parameter's place: path, query, header or cookie


@dataclass(frozen=True)
class Response:
    status: str
    meaning: SafeString
    body: str


@dataclass(frozen=True)
class Operation:
    anchor: str
    method: str
    path: str
    summary: str
    description: SafeString
    parameters: list[Row]
    body_types: list[str]
    body_required: bool
    body_fields: list[Row]
    responses: list[Response]


@dataclass
class Resource:
    name: str
    anchor: str
    operations: list[Operation] = field(default_factory=list)


@dataclass(frozen=True)
class Reference:
    title: str
    version: str
    description: SafeString
    resources: list[Resource]


def openapi_schema(*, language: str) -> dict:
    """The schema /api/schema/ serves, in `language` (kept per process)."""
    return _schema(language)


@functools.lru_cache(maxsize=8)
def _schema(language: str) -> dict:
    from drf_spectacular.generators import SchemaGenerator

    with translation.override(language):
        return SchemaGenerator().get_schema(request=None, public=True)


def api_reference(*, language: str) -> Reference:
    """The reference page's contents in `language` (kept per process, as the schema)."""
    return _reference(language)


@functools.lru_cache(maxsize=8)
def _reference(language: str) -> Reference:
    schema = openapi_schema(language=language)
    with translation.override(language):
        return _read(schema)


def _read(schema: dict) -> Reference:
    components = schema.get("components", {}).get("schemas", {})
    resources: dict[str, Resource] = {}
    for path, item in schema.get("paths", {}).items():
        name = _resource_of(path)
        resource = resources.setdefault(name, Resource(name=name, anchor=f"resource-{name}"))
        for method in METHODS:
            if method in item:
                resource.operations.append(_operation(path, method, item[method], components))
    info = schema.get("info", {})
    return Reference(title=info.get("title", ""), version=str(info.get("version", "")),
                     description=_markdown(info.get("description", "")),
                     resources=sorted(resources.values(), key=lambda r: r.name))


def _resource_of(path: str) -> str:
    rest = _INSIDE.sub("", path)
    if rest == path or not rest:
        # /api/v1/initiatives/ and /api/v1/initiatives/{slug}/ themselves.
        rest = path.removeprefix("/api/").split("/", 1)[-1]
    return rest.split("/", 1)[0] or "api"


def _operation(path: str, method: str, operation: dict, components: dict) -> Operation:
    body = operation.get("requestBody") or {}
    content = body.get("content", {})
    body_schema = next(iter(content.values()), {}).get("schema") if content else None
    anchor = operation.get("operationId") or f"{method}-{path}"
    return Operation(
        anchor="op-" + re.sub(r"[^A-Za-z0-9_-]+", "-", anchor).strip("-"),
        method=method.upper(), path=path,
        summary=operation.get("summary", ""),
        description=_markdown(operation.get("description", "")),
        parameters=[_parameter(p, components) for p in operation.get("parameters", [])],
        body_types=list(content), body_required=bool(body.get("required")),
        body_fields=_fields(body_schema, components) if body_schema else [],
        responses=[_response(status, answer, components) for status, answer
                   in sorted(operation.get("responses", {}).items())],
    )


def _parameter(parameter: dict, components: dict) -> Row:
    return Row(name=parameter["name"], located=_located(parameter.get("in", "")),
               type=type_of(parameter.get("schema", {}), components),
               required=bool(parameter.get("required")),
               description=_markdown(parameter.get("description", "")))


def _located(where: str) -> str:
    return {"path": _("path"), "query": _("query"), "header": _("header"),
            "cookie": _("cookie")}.get(where, where)


def _fields(schema: dict, components: dict) -> list[Row]:
    schema = _resolved(schema, components)
    required = set(schema.get("required", []))
    return [Row(name=name, type=type_of(prop, components), required=name in required,
                description=_markdown(prop.get("description", "")
                                      or _resolved(prop, components).get("description", "")))
            for name, prop in schema.get("properties", {}).items()]


def _response(status: str, answer: dict, components: dict) -> Response:
    content = answer.get("content", {})
    schema = next(iter(content.values()), {}).get("schema") if content else None
    meaning = answer.get("description") or _standard_meaning(status)
    return Response(status=status, meaning=_markdown(meaning),
                    body=type_of(schema, components) if schema else "")


def _standard_meaning(status: str) -> str:
    meanings = {"200": _("Done: the answer holds what was asked."),
                "201": _("Made: the answer holds the new record."),
                "204": _("Done: the answer is empty.")}
    if status in meanings:
        return meanings[status]
    try:
        return HTTPStatus(int(status)).phrase
    except ValueError:
        return ""


def _resolved(schema: dict, components: dict) -> dict:
    """The schema a `$ref` (or a single-entry `allOf`) points to; the schema itself
    otherwise."""
    for _depth in range(10):
        if "$ref" in schema:
            schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
        elif len(schema.get("allOf", [])) == 1:
            schema = schema["allOf"][0]
        else:
            break
    return schema


def type_of(schema: dict, components: dict) -> str:
    """A short reading of a JSON schema's type: `string (date)`, `array of integer`,
    `string: proposed, trial, …`, a component's name, `…, or null`."""
    reference = schema.get("$ref") or (schema.get("allOf") or [{}])[0].get("$ref")
    target = _resolved(schema, components)
    if "enum" in target:
        values = ", ".join(str(v) for v in target["enum"] if v not in ("", None))
        text = f"{target.get('type', 'string')}: {values}"
    elif reference and target.get("type", "object") == "object":
        text = reference.rsplit("/", 1)[-1]
    elif target.get("type") == "array":
        text = _("array of %(type)s") % {"type": type_of(target.get("items", {}), components)}
    else:
        text = target.get("type", "object")
        if target.get("format"):
            text += f" ({target['format']})"
    if schema.get("nullable") or target.get("nullable"):
        text = _("%(type)s, or null") % {"type": text}
    return text


def _markdown(text: str) -> SafeString:
    return render_markdown(text, breaks=False) if text else SafeString("")


def rates() -> list[tuple[str, str]]:
    """The request rates (settings/api.py) as (who, how many) in words."""
    configured = settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {})
    who = {"api": _("Each token or signed-in person"),
           "api_anonymous": _("Each address without a token")}
    return [(who.get(scope, scope), _rate_in_words(rate))
            for scope, rate in configured.items() if rate]


def _rate_in_words(rate: str) -> str:
    number, _slash, period = rate.partition("/")
    periods = {"s": _("a second"), "m": _("a minute"), "h": _("an hour"), "d": _("a day")}
    return _("%(number)s requests %(period)s") % {
        "number": number, "period": periods.get(period[:1], period)}
