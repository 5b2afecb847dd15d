"""Every command checks its options and settings first: a bad one exits 2 (the README's
usage-error code) with a message naming the fix, before anything is read or written (#11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tidings.cli import EXIT_USAGE, main
from tidings.config import Config, load_config
from tidings.errors import ConfigError


def _nowhere(tmp_path: Path) -> str:
    return str(tmp_path / "none.duckdb")


CASES: list[tuple[str, list[str], dict[str, str]]] = [
    ("run", ["run", "x.txt", "--batch-size", "0"], {}),
    ("run", ["run", "x.txt", "--n-process", "0"], {}),
    ("run", ["run", "x.txt", "--max-bytes", "-5"], {}),
    ("run", ["run", "x.txt", "--cluster", "bogus"], {}),
    ("run", ["run", "x.txt", "--threads-per-worker", "0"], {}),
    ("run", ["run", "x.txt", "--memory-limit", "lots"], {}),
    ("run", ["run", "x.txt"], {"TIDINGS_HTTP_TIMEOUT": "-1"}),
    ("run", ["run", "x.txt"], {"TIDINGS_DUPLICATE_THRESHOLD": "0"}),
    ("run", ["run", "x.txt"], {"TIDINGS_ALLOW_PRIVATE_URLS": "maybe"}),
    ("analyze", ["analyze", "x.txt", "--published", "yesterday"], {}),
    ("analyze", ["analyze", "x.txt"], {"TIDINGS_NLP_BATCH_SIZE": "many"}),
    ("events", ["events", "--limit", "-1"], {}),
    ("events", ["events", "--dyad", "XX"], {}),
    ("events", ["events"], {"TIDINGS_LOCK_TIMEOUT": "-3"}),
    ("export", ["export", "events", "--format", "xlsx"], {}),
    ("export", ["export", "events"], {"TIDINGS_STORY_WINDOW_DAYS": "-1"}),
    ("summary", ["summary", "--limit", "0"], {}),
    ("happenings", ["happenings", "--dyad", "XX"], {}),
    ("ledger", ["ledger", "h1"], {"TIDINGS_PLAN_HORIZON_DAYS": "soon"}),
    ("stories", ["stories", "--limit", "0"], {}),
    ("fuse", ["fuse"], {"TIDINGS_DUPLICATE_THRESHOLD": "1.5"}),
    ("serve", ["serve", "--port", "0"], {}),
    ("eval", ["eval", "plover", ".", "--limit", "-1"], {}),
    ("gate", ["gate", "--baseline", "."], {}),
    ("compile-dictionaries", ["compile-dictionaries", ".", "--only", "nouns"], {}),
]


@pytest.mark.parametrize(("command", "args", "env"), CASES, ids=[" ".join(c[1]) for c in CASES])
def test_bad_option_or_setting_exits_2(
    command: str,
    args: list[str],
    env: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TIDINGS_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_text("Seoul and Tokyo held talks on Monday.", encoding="utf-8")
    if command not in ("eval", "gate", "compile-dictionaries", "analyze", "serve"):
        args = [*args, "--db", _nowhere(tmp_path)]
    result = CliRunner().invoke(main, args, env=env)
    assert result.exit_code == EXIT_USAGE, result.output
    assert "Traceback" not in result.output
    for name in env:
        assert name in result.output  # the message names where to fix it
    assert not (tmp_path / "none.duckdb").exists()


def test_every_command_is_covered() -> None:
    assert {c[0] for c in CASES} == set(main.commands)


def test_config_file_value_out_of_range_exits_2(tmp_path: Path) -> None:
    toml = tmp_path / "tidings.toml"
    toml.write_text("[tidings]\nbatch_size = -4\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["events", "--config", str(toml), "--db", "x.duckdb"])
    assert result.exit_code == EXIT_USAGE
    assert "batch_size" in result.output and "at least 1" in result.output


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"http_timeout": -1.0}, "above 0"),
        ({"http_timeout": float("nan")}, "finite"),
        ({"duplicate_threshold": 0.0}, "above 0"),
        ({"duplicate_threshold": 1.2}, "at most 1"),
        ({"lock_timeout": -1.0}, "at least 0"),
        ({"fusion_tolerance_days": -1}, "at least 0"),
        ({"cluster": "local:0"}, "local:N"),
        ({"cluster": "nowhere"}, "tcp://"),
        ({"cameo_verbs": ("breadth", "everything")}, "context, breadth, defaults"),
        ({"phoenix_actors": ("people", "martians")}, "people, groups, agents"),
        ({"languages": ()}, "at least one language"),
        ({"memory_limit": "plenty"}, "4GB"),
        ({"batch_size": "8"}, "whole number"),
    ],
)
def test_validate_names_the_setting_and_the_fix(changes: dict[str, object], words: str) -> None:
    name = next(iter(changes))
    with pytest.raises(ConfigError) as err:
        Config(**changes).validate()  # type: ignore[arg-type]
    message = str(err.value)
    assert repr(name) in message and words in message
    assert f"TIDINGS_{name.upper()}" in message


def test_valid_settings_pass() -> None:
    config = Config(
        cluster="tcp://10.0.0.5:8786",
        memory_limit="512MiB",
        duplicate_threshold=1.0,
        lock_timeout=0.0,
        cameo_verbs=("context",),
    )
    assert config.validate() is config
    assert Config(cluster="local:2").validate().cluster == "local:2"


def test_booleans_are_strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIDINGS_NER", "off")
    assert load_config(None).ner is False
    monkeypatch.setenv("TIDINGS_NER", "yes")
    assert load_config(None).ner is True
    monkeypatch.setenv("TIDINGS_NER", "sometimes")
    with pytest.raises(ConfigError, match="boolean"):
        load_config(None)
