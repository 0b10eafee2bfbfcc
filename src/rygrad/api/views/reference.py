"""/api/docs/: the API reference, a page of Rygrad's own made from the OpenAPI schema
(reference.py) — readable without JavaScript and by a screen reader, unlike Swagger UI."""

from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from ..reference import api_reference, rates


@require_safe
def api_docs(request):
    return render(request, "api/reference.html", {
        "reference": api_reference(language=get_language()), "rates": rates()})
