"""The layering holds: the domain never imports the edges, the store is the only place with SQL and imports no
part of the domain above it, and the edges (``bot/``) never touch a database connection."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import ROOT

EDGES = {"bot", "discord", "slack_bolt", "slack_sdk", "apscheduler", "aiohttp"}
ABOVE_THE_STORE = {"extract", "ingest", "stories", "briefing", "answers", "queries"}
"""``briefings`` subpackages that use the store: the store must not import them."""
SQL_CALLS = {"execute", "executemany", "executescript"}


def modules(folder: str) -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted((ROOT / folder).rglob("*.py")):
        yield path, ast.parse(path.read_text(), filename=str(path))


def imports(tree: ast.Module) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def sql_calls(tree: ast.Module) -> Iterator[int]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_CALLS:
            yield node.lineno


def where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT)}:{line}"


def test_the_domain_does_not_import_the_edges() -> None:
    offenders = [
        f"{where(path, line)}: {name}"
        for path, tree in modules("briefings")
        for line, name in imports(tree)
        if name.split(".")[0] in EDGES
    ]
    assert offenders == []


def test_sql_lives_in_the_store_only() -> None:
    store = ROOT / "briefings" / "store"
    offenders = [
        where(path, line)
        for folder in ("briefings", "bot")
        for path, tree in modules(folder)
        if not path.is_relative_to(store)
        for line in sql_calls(tree)
    ]
    assert offenders == []


def test_the_edges_never_touch_a_connection() -> None:
    offenders = [
        f"{where(path, line)}: {name}"
        for path, tree in modules("bot")
        for line, name in imports(tree)
        if name.split(".")[0] == "sqlite3"
    ]
    assert offenders == []


def test_the_store_imports_nothing_above_it() -> None:
    offenders = [
        f"{where(path, line)}: {name}"
        for path, tree in modules("briefings/store")
        for line, name in imports(tree)
        if name.startswith("briefings.") and name.split(".")[1] in ABOVE_THE_STORE
    ]
    assert offenders == []


def test_the_checks_see_what_they_look_for() -> None:
    """The parsing above finds SQL calls and imports in code written as the modules write it."""
    tree = ast.parse("import sqlite3\nfrom briefings.extract.resolve import x\nconn.execute('SELECT 1')\n")
    assert list(sql_calls(tree)) == [3]
    assert [name for _, name in imports(tree)] == ["sqlite3", "briefings.extract.resolve"]


def test_every_library_imported_is_a_declared_dependency() -> None:
    """A module the code imports comes from a distribution ``pyproject.toml`` names (not from one that happens to
    pull it in)."""
    import re
    import sys
    import tomllib
    from importlib.metadata import packages_distributions

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {re.split(r"[<>=!~\[; ]", d)[0].lower().replace("_", "-") for d in project["dependencies"]}
    providers = packages_distributions()
    missing = set()
    for folder in ("briefings", "bot"):
        for _, tree in modules(folder):
            for _, name in imports(tree):
                top = name.split(".")[0]
                if top in ("briefings", "bot") or top in sys.stdlib_module_names:
                    continue
                distributions = {d.lower().replace("_", "-") for d in providers.get(top, [top])}
                if not distributions & declared:
                    missing.add(f"{top} (from {', '.join(sorted(distributions))})")
    assert missing == set()
