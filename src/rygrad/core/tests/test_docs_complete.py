"""Docs are written with the code (after Datasette): a command or an environment variable
nobody documented fails the build, so an operator never has to read the source."""

import re
import tomllib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
REPO = PACKAGE.parents[1]
COMMANDS = sorted(
    path.stem for path in PACKAGE.glob("*/management/commands/*.py")
    if not path.stem.startswith("_")
)
ENV_READ = re.compile(
    r"""(?:os\.environ\.get|os\.getenv|env_bool|env_list|os\.environ\[)\(?\s*["']([A-Z][A-Z0-9_]*)["']"""
    r"""|["']([A-Z][A-Z0-9_]*)["']\s+(?:not\s+)?in\s+os\.environ"""
    # settings/sso.py reads a mapping handed to it: env.text("NAME"), env.list(...), ...
    r"""|\benv\.(?:text|list|flag|pem|trusted_email)\(\s*["']([A-Z][A-Z0-9_]*)["']"""
)


def _settings_variables() -> list[str]:
    names = set()
    for path in (PACKAGE / "config/settings").glob("*.py"):
        for match in ENV_READ.finditer(path.read_text(encoding="utf-8")):
            names.add(match.group(1) or match.group(2) or match.group(3))
    return sorted(names)


def _docs_text() -> str:
    files = [REPO / "README.md", *sorted((REPO / "docs").glob("**/*.md"))]
    return "\n".join(path.read_text(encoding="utf-8") for path in files if path.exists())


def test_settings_read_the_variables_this_check_looks_for():
    """Given the settings modules, when environment variables are collected, then the
    well-known ones are found (so the check below is not vacuous)."""
    assert {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DEBUG"} <= set(_settings_variables())


@pytest.mark.parametrize("command", COMMANDS)
def test_management_command_is_documented(command):
    """Given a `rygrad` command defined in an app, when the README and docs/ are read,
    then it is mentioned there, as `rygrad <command>` or in backticks."""
    pattern = re.compile(rf"rygrad\s+{command}\b|`{command}[` ]")
    assert pattern.search(_docs_text()), (
        f"`rygrad {command}` is not mentioned in README.md or docs/ (e.g. docs/guide/<app>.md)")


@pytest.mark.parametrize("variable", _settings_variables())
def test_environment_variable_is_documented_in_deploy_guide(variable):
    """Given an environment variable the settings read, when docs/deploy.md is read, then
    it is explained there."""
    deploy = (REPO / "docs/deploy.md").read_text(encoding="utf-8")
    assert re.search(rf"\b{variable}\b", deploy), f"{variable} is not explained in docs/deploy.md"


def _dependencies() -> list[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = project["dependencies"] + [
        spec for group in project.get("optional-dependencies", {}).values() for spec in group]
    return sorted({re.split(r"[\[<>=!~; ]", spec, maxsplit=1)[0].lower() for spec in specs})


@pytest.mark.parametrize("package", _dependencies())
def test_dependency_has_a_note_in_the_readme(package):
    """Given a dependency in pyproject.toml, when the README's dependency table is read,
    then it has a row saying why the project needs it."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Dependencies", 1)[-1]
    assert re.search(rf"^\| {re.escape(package)} \|", table, re.MULTILINE | re.IGNORECASE), (
        f"{package} has no row in the README's Dependencies table")


def _signal_keys() -> list[str]:
    from rygrad.core.signals import all_signals

    return sorted(signal.key for signal in all_signals())


@pytest.mark.parametrize("key", _signal_keys())
def test_every_signal_is_explained_in_the_guide(key):
    """Given a registered signal, when the secretariat's guide is read, then the signal
    is listed by its key with what to do when it warns (docs/guide/dashboard.md)."""
    guide = "\n".join(path.read_text(encoding="utf-8")
                      for path in sorted((REPO / "docs/guide").glob("*.md")))
    assert f"`{key}`" in guide, f"signal {key} is not explained in docs/guide/dashboard.md"


LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_links_between_the_docs_lead_somewhere():
    """Given the README and docs/, when their relative links are followed, then each
    points to a file or folder of the repository."""
    broken = []
    for path in [REPO / "README.md", *sorted((REPO / "docs").glob("**/*.md"))]:
        for target in LINK.findall(path.read_text(encoding="utf-8")):
            if "://" in target or target.startswith("mailto:"):
                continue
            if not (path.parent / target).exists():
                broken.append(f"{path.relative_to(REPO)} -> {target}")
    assert not broken, f"broken links: {broken}"
