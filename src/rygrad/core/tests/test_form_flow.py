"""One form flow: a view runs a service from a form only through `core.forms.form_submit`.

Every module of the project (tests and migrations aside) is parsed with `ast`; a function
that both calls `.is_valid()` and calls a service (a name imported from a `services`
module, or an attribute of an imported `services` module) is running the flow by hand,
and is named with its file and line. Only `core/forms.py` may do it: it is the flow. A
form read only for its filters (`form.is_valid()` on GET parameters, then a selector)
calls no service and passes.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
THE_FLOW = PACKAGE / "core" / "forms.py"
SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _is_services(module: str) -> bool:
    return "services" in module.split(".")


def service_names(tree: ast.Module) -> tuple[set[str], set[str]]:
    """The names bound to service functions, and the names bound to `services` modules,
    by the imports anywhere in the module."""
    functions: set[str] = set()
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = node.module or ""
            for alias in node.names:
                bound = alias.asname or alias.name
                if _is_services(alias.name):  # `from . import services`
                    modules.add(bound)
                elif _is_services(source):  # `from .services import person_invite`
                    functions.add(bound)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if _is_services(alias.name):
                    modules.add(alias.asname or alias.name)
    return functions, modules


def _own_nodes(function: ast.AST):
    """The nodes of a function's body, lambdas included, without the functions and
    classes defined inside it (they are checked on their own)."""
    pending = list(ast.iter_child_nodes(function))
    while pending:
        node = pending.pop()
        if isinstance(node, SCOPES):
            continue
        yield node
        pending.extend(ast.iter_child_nodes(node))


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def hand_rolled_flows(source: str, *, path: str) -> list[str]:
    """Each function of `source` that validates a form and calls a service itself."""
    tree = ast.parse(source)
    functions, modules = service_names(tree)
    problems = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        validates, service = None, None
        for node in _own_nodes(function):
            if not isinstance(node, ast.Call):
                continue
            callee = node.func
            if isinstance(callee, ast.Attribute) and callee.attr == "is_valid":
                validates = validates or node
            elif (isinstance(callee, ast.Name) and callee.id in functions) or (
                    isinstance(callee, ast.Attribute)
                    and _dotted(callee.value) in modules):
                service = service or node
        if validates and service:
            problems.append(
                f"{path}:{function.lineno} {function.name}() calls .is_valid() "
                f"(line {validates.lineno}) and the service {_dotted(service.func)} "
                f"(line {service.lineno}) by hand; use core.forms.form_submit")
    return problems


def product_modules() -> list[Path]:
    return sorted(
        path for path in PACKAGE.rglob("*.py")
        if not {"tests", "migrations"} & set(path.relative_to(PACKAGE).parts)
        and path.name != "conftest.py" and path != THE_FLOW)


def test_no_view_runs_a_form_and_a_service_by_hand():
    """Given every module of every app (views.py, views/, thresholds.py, ...), when each
    function is parsed, then none validates a form and calls a service itself: they all
    go through core.forms.form_submit, which shows a refusal beside its field."""
    modules = product_modules()
    assert PACKAGE / "alliance" / "views" / "people.py" in modules
    assert PACKAGE / "initiatives" / "thresholds.py" in modules
    problems = []
    for path in modules:
        problems += hand_rolled_flows(path.read_text(encoding="utf-8"),
                                      path=str(path.relative_to(PACKAGE.parent)))
    assert not problems, "forms run by hand:\n  " + "\n  ".join(problems)


HAND_ROLLED = '''
from django.core.exceptions import ValidationError
from .. import services

def person_create(request, slug):
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(**form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("alliance:person_detail", slug=slug, pk=person.pk)
    return render(request, "alliance/form.html", {"form": form})
'''


def test_the_checker_finds_a_hand_rolled_flow():
    """Given a view that validates its form and calls `services.person_create` itself,
    when it is checked, then it is named with its file and line."""
    problems = hand_rolled_flows(HAND_ROLLED, path="alliance/views/people.py")
    assert len(problems) == 1
    assert problems[0].startswith("alliance/views/people.py:5 person_create() calls "
                                  ".is_valid() (line 7) and the service "
                                  "services.person_create (line 9)")


def test_the_checker_knows_every_way_a_service_is_imported():
    """Given services imported by name, under another name, as an aliased module, and
    inside the function, when a view validates a form and calls one, then it is found."""
    sources = [
        "from .services import role_change\n"
        "def v(request, form):\n    form.is_valid()\n    role_change()\n",
        "from rygrad.initiatives.services import person_invite as invite\n"
        "def v(request, form):\n    form.is_valid()\n    invite()\n",
        "from rygrad.alliance import services as alliance_services\n"
        "def v(request, form):\n    form.is_valid()\n    alliance_services.person_update()\n",
        "def v(request, form):\n    from . import services\n"
        "    if form.is_valid():\n        services.reach_record()\n",
        "import rygrad.agenda.services\n"
        "def v(request, form):\n    form.is_valid()\n    rygrad.agenda.services.track_save()\n",
    ]
    for source in sources:
        assert len(hand_rolled_flows(source, path="x.py")) == 1, source


def test_the_one_flow_and_filter_forms_pass_the_checker():
    """Given a view going through form_submit, a list reading its filters with
    `.is_valid()` and a selector, and a nested helper, when they are checked, then nothing
    is reported: only a function doing both by hand is."""
    source = '''
from rygrad.core.forms import form_submit
from . import selectors, services

def person_edit(request, slug, pk):
    form = PersonForm(request.POST or None)
    if form_submit(request, form, lambda data: services.person_update(**data), "Saved."):
        return redirect("alliance:person_detail", slug=slug, pk=pk)
    return render(request, "alliance/form.html", {"form": form})

def person_list(request, slug):
    form = PersonFilterForm(request.GET or None)
    form.is_valid()
    return render(request, "x.html", {"people": selectors.people_list(**form.cleaned_data)})

def overview(request, slug):
    form = OverviewFilterForm(request.GET or None)
    form.is_valid()

    def export():
        return services.export_made()
    return export
'''
    assert hand_rolled_flows(source, path="x.py") == []
