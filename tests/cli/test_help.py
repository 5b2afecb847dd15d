"""Every command documents itself with an example."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tidings.cli import main

COMMANDS = sorted(main.commands)  # type: ignore[attr-defined]
README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_has_help_with_example(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    assert f"tidings {command}" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_is_in_the_readme(command: str) -> None:
    assert f"tidings {command}" in README


def test_cli_top_level_help() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


def test_cli_events_without_database_names_the_fix(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "tidings run INPUT --db" in result.output


def test_cli_bad_status_lists_choices(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["events", "--status", "rumoured"])
    assert result.exit_code == 2
    assert "planned" in result.output


def test_cli_bad_date_says_the_format() -> None:
    result = CliRunner().invoke(main, ["events", "--since", "June"])
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_cli_eval_offers_the_halves() -> None:
    result = CliRunner().invoke(main, ["eval", "--help"])
    assert "--split" in result.output and "both" in result.output


def test_cli_eval_refuses_misses_of_the_check_half(tmp_path: Path) -> None:
    gold = tmp_path / "gold.json"
    gold.write_text("[]", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["eval", "plover", str(gold), "--split", "check", "--errors", str(tmp_path / "e")]
    )
    assert result.exit_code != 0
    assert "check half" in result.output
