"""Every refusal the API can answer, in the schema: a client (and Schemathesis) knows that
any operation may say 401, 403, 404 or 429, and that those taking input may say 400."""

DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}},
          "required": ["detail"]}
# A 400 names each field that was wrong (a list of messages per field), or
# `non_field_errors` for a refusal of the whole request.
INVALID = {"type": "object", "additionalProperties": {}}

REFUSALS = {
    "400": ("The request is not valid: each wrong field with its messages.", "Invalid"),
    "401": ("No valid token or session (a revoked token too).", "Detail"),
    "403": ("The permission rule of the page refuses this.", "Detail"),
    "404": ("No such record here, or one the client may not know exists.", "Detail"),
    "429": ("Too many requests: wait the Retry-After header's seconds.", "Detail"),
}


def add_refusals(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Detail"], components["Invalid"] = DETAIL, INVALID
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for code, (description, name) in REFUSALS.items():
                responses.setdefault(code, {"description": description, "content": {
                    "application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}})
    return result
