"""The domain never imports the edges: chat SDKs, the scheduler or the bot package."""

from __future__ import annotations

import ast

from tests.conftest import ROOT

FORBIDDEN = {"bot", "discord", "slack_bolt", "slack_sdk", "apscheduler"}


def test_briefings_does_not_import_the_edges() -> None:
    offenders = []
    for path in (ROOT / "briefings").rglob("*.py"):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []
