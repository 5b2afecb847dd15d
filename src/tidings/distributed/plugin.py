"""The per-worker cache of pipeline resources, installed as a Dask worker plugin.

Each worker loads the spaCy pipelines, the actor knowledge base and the ontology once, when
the plugin is set up, and keeps them on the plugin object (which lives on the worker), so no
module holds global state. Tasks fetch them with :func:`worker_resources`.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import threading
from typing import TYPE_CHECKING, Any

import numpy as np
from distributed import WorkerPlugin, get_worker

from tidings.config import Config
from tidings.errors import TidingsError

if TYPE_CHECKING:
    from tidings.pipeline import Resources

logger = logging.getLogger(__name__)

#: Name under which the plugin is registered on every worker.
PLUGIN_NAME = "tidings-resources"


def _model_key(config: Config) -> tuple[str]:
    """The settings the heavy resources depend on; other settings are swapped in cheaply."""
    return (config.model,)


class ResourcesPlugin(WorkerPlugin):
    """Loads :class:`~tidings.pipeline.Resources` once per worker and caches it.

    The plugin is idempotent: registering it again (a second run on the same cluster) keeps
    the instance already set up, so the model is not loaded twice. A run whose
    configuration names another model reloads it on first use.

    Args:
        config: Configuration the resources are first loaded with.

    Example:
        >>> client.register_plugin(ResourcesPlugin(config))  # doctest: +SKIP
    """

    idempotent = True
    name = PLUGIN_NAME

    def __init__(self, config: Config) -> None:
        self.config = config
        self._resources: Resources | None = None
        self._known: tuple[str, np.ndarray] | None = None
        self._lock: threading.Lock | None = None

    def __getstate__(self) -> dict[str, Any]:
        # Only the configuration travels; caches are rebuilt on the worker.
        return {"config": self.config}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.config = state["config"]
        self._resources = None
        self._known = None
        self._lock = None

    async def setup(self, worker: Any) -> None:
        """Load the resources in a thread so the worker's event loop stays responsive."""
        self._lock = threading.Lock()
        await asyncio.get_running_loop().run_in_executor(None, self.resources, self.config)
        logger.info("worker %s loaded model %s", worker.address, self.config.model)

    def resources(self, config: Config) -> Resources:
        """The cached resources, with ``config`` as their configuration.

        The spaCy pipelines, knowledge base and ontology are loaded on first use (or when
        ``config.model`` differs from the cached one) and reused afterwards.
        """
        from tidings.pipeline import Resources

        if self._lock is None:
            self._lock = threading.Lock()
        with self._lock:
            res = self._resources
            if res is None or _model_key(res.config) != _model_key(config):
                res = Resources.load(config)
                self._resources = res
            if res.config != config:
                res = dataclasses.replace(res, config=config)
            return res

    def known_ids(self, path: str | None, fs: Any) -> np.ndarray:
        """Sorted ``uint64`` keys of the articles already stored, read once per run.

        Args:
            path: The ``.npy`` file the driver wrote, or ``None`` (nothing known).
            fs: The fsspec file system holding ``path``.
        """
        if path is None:
            return np.empty(0, dtype=np.uint64)
        if self._lock is None:
            self._lock = threading.Lock()
        with self._lock:
            if self._known is None or self._known[0] != path:
                with fs.open(path, "rb") as handle:
                    self._known = (path, np.load(handle, allow_pickle=False))
            return self._known[1]


def current_plugin() -> ResourcesPlugin:
    """The resources plugin of the worker running the current task.

    Raises:
        TidingsError: When called outside a worker or before the plugin was registered.
    """
    try:
        worker = get_worker()
    except ValueError as exc:
        raise TidingsError(
            "worker_resources() runs only inside a Dask task; use Resources.load() in-process"
        ) from exc
    plugin = worker.plugins.get(PLUGIN_NAME)
    if not isinstance(plugin, ResourcesPlugin):
        raise TidingsError(
            f"the {PLUGIN_NAME} plugin is not registered on worker {worker.address}; "
            "register it with client.register_plugin(ResourcesPlugin(config))"
        )
    return plugin


def worker_resources(config: Config) -> Resources:
    """The resources of the current worker, loaded once and shared by its tasks."""
    return current_plugin().resources(config)
