"""The briefbot CLI: ingest, stats and search on a real database file, exit statuses and JSON shapes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import cli
from tests.conftest import ROOT, SEEDS


@pytest.fixture
def run(db_path: Path):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, ["--db", str(db_path), *args], catch_exceptions=False)

    return invoke


@pytest.mark.golden
def test_ingest_seeds_then_stats_and_search(run) -> None:
    result = run("ingest", "--no-extract", str(SEEDS))
    assert result.exit_code == 0, result.output
    assert "ingested 1 source: 241 new, 0 updated, 0 duplicates, 0 failed, 1 skipped" in result.stdout
    again = run("ingest", "--no-extract", str(SEEDS))
    assert "0 new, 0 updated, 241 duplicates (241 already stored)" in again.stdout

    stats = json.loads(run("stats", "--json").stdout)
    assert stats["articles"] == 241 and stats["originals"] == 241
    assert {s["source"] for s in stats["sources"]} >= {"President of Ukraine", "Kremlin"}
    assert stats["first_published"].startswith("2021-10") and stats["last_published"].startswith("2024-01-15")
    assert stats["last_ingest"][0]["source"] == str(SEEDS)

    text = run("stats").stdout
    assert "Articles:  241 (241 originals, 0 duplicates)" in text

    found = json.loads(run("search", "missile", "attack", "--json").stdout)
    first = found["results"][0]
    assert set(first) == {"article_id", "title", "url", "source", "published", "snippet", "copies"}
    assert first["title"] == "Escalation in Ukraine: Russia Launches Widespread Missile Attack"

    plain = run("search", "Davos", "--since", "2022-05-01", "--until", "2022-05-31").stdout
    assert plain.startswith("## Search: Davos") and "Davos" in plain.split("Sources:")[0]
    assert all("2022-05" in line for line in plain.split("Sources:")[1].strip().splitlines())


def test_bad_inputs_exit_1_with_one_line_each(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "x"\n')
    result = run("ingest", "--no-extract", str(bad), str(SEEDS / "000_9a9169700b6e3d6e.txt"))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"error: {bad}:1: invalid JSON (Expecting ',' delimiter at column 14)"
    ]
    assert "1 new, 0 updated, 0 duplicates, 1 failed" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["search", ""],
        ["search", "x", "--since", "last tuesday"],
        ["search", "x", "--limit", "0"],
        ["events", *(f"word{i}" for i in range(1200))],  # one LIKE clause each: SQLite's expression limit
        ["events", *(arg for i in range(1200) for arg in ("--type", f"t{i}"))],
    ],
)
def test_bad_arguments_are_usage_errors(run, args) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert [line for line in result.output.splitlines() if line.startswith("Error:")] == [
        result.output.strip().splitlines()[-1]
    ]  # one line says why


def test_search_without_results(run) -> None:
    run("ingest", "--no-extract", str(SEEDS))
    result = run("search", "*")
    assert result.exit_code == 0 and result.stdout.strip() == "## Search: *\n\nNo articles match."


def test_db_from_environment(tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    result = CliRunner().invoke(cli, ["ingest", "--no-extract", str(SEEDS / "000_9a9169700b6e3d6e.txt")],
                                env={"BRIEFBOT_DB": str(db)})  # fmt: skip
    assert result.exit_code == 0 and db.exists()
    assert "Articles:  1" in CliRunner().invoke(cli, ["stats"], env={"BRIEFBOT_DB": str(db)}).stdout


@pytest.mark.parametrize(
    "args",
    [["stats"], ["search", "Davos"], ["actor", "Zelensky"], ["events"], ["brief"], ["ask", "Who?"],
     ["timeline", "Zelensky"], ["sources"], ["console"]],
)  # fmt: skip
def test_reading_commands_refuse_a_store_that_does_not_exist(tmp_path: Path, args: list[str]) -> None:
    """A mistyped --db must not silently create an empty store that answers nothing."""
    typo = tmp_path / "briefbot.bd"
    result = CliRunner().invoke(cli, ["--db", str(typo), *args], input="")
    assert result.exit_code == 2 and f"no store at {typo}" in result.output
    assert not typo.exists()


def test_console_script_is_installed() -> None:
    exe = shutil.which("briefbot") or str(Path(sys.executable).parent / "briefbot")
    result = subprocess.run([exe, "--help"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0
    for command in ("ingest", "stats", "search"):
        assert command in result.stdout
