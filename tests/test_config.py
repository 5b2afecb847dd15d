"""Configuration layering: defaults < file < environment < flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.config import Config, load_config
from tidings.errors import ConfigError


def test_config_defaults_are_documented_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIDINGS_CONFIG", raising=False)
    monkeypatch.chdir(Path(__file__).parent)
    assert load_config() == Config()


def test_config_layers_file_then_env_then_flags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = tmp_path / "tidings.toml"
    file.write_text('[tidings]\ndb = "from-file.duckdb"\nbatch_size = 7\nn_process = 3\n')
    monkeypatch.setenv("TIDINGS_BATCH_SIZE", "11")
    monkeypatch.setenv("TIDINGS_LANGUAGES", "en, de")
    cfg = load_config(file, n_process=None, db="flag.duckdb")
    assert cfg.db == "flag.duckdb"  # flag beats file
    assert cfg.batch_size == 11  # env beats file
    assert cfg.n_process == 3  # file beats default; None flag means "not given"
    assert cfg.languages == ("en", "de")


def test_config_reads_tidings_toml_in_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TIDINGS_CONFIG", raising=False)
    (tmp_path / "tidings.toml").write_text("memory_limit = '2GB'\n")
    monkeypatch.chdir(tmp_path)
    assert load_config().memory_limit == "2GB"


def test_config_unknown_key_lists_valid_settings(tmp_path: Path) -> None:
    file = tmp_path / "c.toml"
    file.write_text("batchsize = 3\n")
    with pytest.raises(ConfigError, match="batch_size"):
        load_config(file)


def test_config_wrong_type_names_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIDINGS_BATCH_SIZE", "many")
    with pytest.raises(ConfigError, match="TIDINGS_BATCH_SIZE"):
        load_config()


def test_phoenix_actor_parts_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from tidings.config import load_config

    assert load_config().phoenix_actors == ("people", "groups")
    monkeypatch.setenv("TIDINGS_PHOENIX_ACTORS", "people,agents")
    assert load_config().phoenix_actors == ("people", "agents")


def test_phoenix_parts_switch_the_knowledge_base() -> None:
    from tidings.resolve.kb import ActorKB, KnowledgeBaseError

    hand = ActorKB.load(phoenix=())
    full = ActorKB.load(phoenix=("people", "groups"))
    assert len(full.aliases) > len(hand.aliases)
    assert len(full.people) > len(hand.people)
    with pytest.raises(KnowledgeBaseError, match="choose from"):
        ActorKB.load(phoenix=("celebrities",))
