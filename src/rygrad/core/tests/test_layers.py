"""Imports run one way: the "Layers" table of docs/architecture.md, checked on the code.

Every module of every app is parsed with `ast`; each import of another Rygrad app (at module
level or inside a function, absolute or relative) must be allowed by the app's row of the
table. Tests (`tests/` packages, `conftest.py`) are exempt, but nothing else imports them.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
ARCHITECTURE = PACKAGE.parents[1] / "docs" / "architecture.md"
EVERY_APP = "every app"


def layers_table(text: str) -> dict[str, frozenset[str] | None]:
    """The "Layers" section's table: app -> the apps it may import (None: every app)."""
    section = text.split("\n## Layers\n", 1)[1].split("\n## ", 1)[0]
    table: dict[str, frozenset[str] | None] = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 2 or not cells[0].startswith("`"):
            continue
        app = cells[0].strip("`")
        table[app] = None if cells[1] == EVERY_APP else frozenset(
            re.findall(r"`([a-z_]+)`", cells[1]))
    return table


@dataclass(frozen=True)
class Import:
    path: str
    line: int
    module: str  # the imported module, absolute ("rygrad.initiatives.models")

    def __str__(self) -> str:
        return f"{self.path}:{self.line} imports {self.module}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(source: str, *, module: str, is_package: bool = False,
               path: str = "") -> list[Import]:
    """Every import in `source` (anywhere in it), with relative imports made absolute."""
    found = []
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [Import(path, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*parent, base] if base else parent)
            # `from rygrad import alliance` imports the app named after `import`.
            names = [f"{base}.{alias.name}" for alias in node.names] if base == "rygrad" else [base]
            found += [Import(path, node.lineno, name) for name in names]
    return found


def app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "rygrad" and len(parts) > 1 else None


def is_test_module(module: str) -> bool:
    parts = module.split(".")
    return "tests" in parts or parts[-1] == "conftest"


def forbidden(imports: list[Import], *, importer: str,
              table: dict[str, frozenset[str] | None]) -> list[str]:
    """The imports of module `importer` that the table does not allow, as messages."""
    own = app_of(importer)
    if is_test_module(importer) or own is None:
        return []
    allowed = table.get(own, frozenset())
    problems = []
    for found in imports:
        target = app_of(found.module)
        if target is None:
            continue
        if is_test_module(found.module):
            problems.append(f"{found}: only tests import tests")
        elif target != own and allowed is not None and target not in allowed:
            may = f"only {', '.join(sorted(allowed))}" if allowed else "no app"
            problems.append(f"{found}: {own} may import {may} (docs/architecture.md, Layers)")
    return problems


def source_modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "migrations" not in path.parts)


@pytest.fixture(scope="module")
def table():
    return layers_table(ARCHITECTURE.read_text(encoding="utf-8"))


def test_no_module_imports_across_the_layers(table):
    """Given every module of the project, when its imports are parsed (module level and
    inside functions), then each one of another app is allowed by the Layers table."""
    problems = []
    for path in source_modules():
        module = module_name(path)
        found = imports_of(path.read_text(encoding="utf-8"), module=module,
                           is_package=path.name == "__init__.py",
                           path=str(path.relative_to(PACKAGE.parent)))
        problems += forbidden(found, importer=module, table=table)
    assert not problems, "imports against the layers:\n  " + "\n  ".join(problems)


def test_every_app_has_a_row_in_the_layers_table(table):
    """Given the app directories with Python modules, when the table is read, then each
    one has a row, so a new app is placed in the layers before it imports anything."""
    apps = {path.relative_to(PACKAGE).parts[0] for path in source_modules()
            if len(path.relative_to(PACKAGE).parts) > 1}
    assert apps - set(table) == set(), "add these apps to the Layers table"
    assert table["core"] == frozenset(), "core is the ground: it imports no app"
    assert table["initiatives"] == {"core"}


def test_the_layers_table_has_no_cycle(table):
    """Given the allowed edges between apps, when they are followed, then no app can reach
    itself again: the arrows run one way (e.g. activities -> agenda, never back)."""
    edges = {app: set(allowed) if allowed is not None else set() for app, allowed in table.items()}
    done: set[str] = set()

    def visit(app: str, path: tuple[str, ...]) -> None:
        assert app not in path, "cycle: " + " -> ".join([*path, app])
        if app in done:
            return
        for target in edges.get(app, ()):
            visit(target, (*path, app))
        done.add(app)

    for app in edges:
        visit(app, ())
    assert "agenda" not in edges["alliance"] and "activities" not in edges["agenda"]


@pytest.mark.parametrize(("module", "source", "offender"), [
    ("rygrad.core.views", "from rygrad.initiatives.models import Initiative\n",
     "rygrad.initiatives.models"),
    ("rygrad.agenda.signals", "def f():\n    from rygrad.activities import measures\n",
     "rygrad.activities"),
    ("rygrad.core.demo", "def f():\n    from ..alliance.models import Person\n",
     "rygrad.alliance.models"),
    ("rygrad.core.demo", "import rygrad.measurement.models as m\n", "rygrad.measurement.models"),
    ("rygrad.core.demo", "from rygrad import agenda\n", "rygrad.agenda"),
    ("rygrad.alliance.views", "from rygrad.core.tests.factories import UserFactory\n",
     "rygrad.core.tests.factories"),
])
def test_a_forbidden_import_is_named_with_its_file(table, module, source, offender):
    """Given a module importing against the layers (at the top, inside a function, by a
    relative path or from a tests package), when it is checked, then the check names the
    file, line and import."""
    found = imports_of(source, module=module, path="x.py")
    problems = forbidden(found, importer=module, table=table)
    assert len(problems) == 1
    assert problems[0].startswith(f"x.py:{source.count(chr(10))} imports {offender}")


def test_allowed_imports_and_tests_pass_the_check(table):
    """Given imports the table allows, and a test importing any app, when they are
    checked, then nothing is reported."""
    allowed = ("from rygrad.core.views import x\nfrom .models import y\n"
               "from rygrad.agenda import z\n")
    assert forbidden(imports_of(allowed, module="rygrad.activities.views"),
                     importer="rygrad.activities.views", table=table) == []
    test = "from rygrad.activities.tests.factories import ActivityFactory\n"
    assert forbidden(imports_of(test, module="rygrad.core.tests.test_x"),
                     importer="rygrad.core.tests.test_x", table=table) == []
    top = "from rygrad.measurement import urls\n"
    assert forbidden(imports_of(top, module="rygrad.config.urls"),
                     importer="rygrad.config.urls", table=table) == []
