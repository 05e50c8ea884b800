"""The README documents every command and option, and its quick start is the Makefile's."""

from __future__ import annotations

import re

from bot.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()


def test_every_command_and_option_is_documented() -> None:
    missing = []
    for name, command in cli.commands.items():
        if f"briefbot {name}" not in README:
            missing.append(f"command {name}")
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and opt not in README:
                    missing.append(f"{name} {opt}")
    for param in cli.params:
        for opt in getattr(param, "opts", []):
            if opt.startswith("--") and opt not in ("--version", "--help") and opt not in README:
                missing.append(f"global {opt}")
    assert missing == []


def test_quick_start_is_two_make_targets_that_exist() -> None:
    block = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make run", "make test"]
    makefile = (ROOT / "Makefile").read_text()
    for target in ("run", "test"):
        assert re.search(rf"^{target}:", makefile, re.M)


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text()
