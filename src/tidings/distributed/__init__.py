"""Scale-out on Dask: the same pipeline on a cluster, with the same results.

Public API:

- :func:`run_cluster` runs inputs through :func:`tidings.pipeline.process_batch` on Dask
  workers and merges their Parquet partitions into the store (the CLI calls it when
  ``cluster`` is set);
- :func:`connect` opens a client for ``local:N`` or a scheduler address;
- :func:`prepare` loads the resources on every worker ahead of a run;
- :class:`ResourcesPlugin` and :func:`worker_resources` give tasks the per-worker
  resources.
"""

from tidings.distributed.driver import connect, prepare, run_cluster, run_key
from tidings.distributed.plugin import ResourcesPlugin, worker_resources

__all__ = ["ResourcesPlugin", "connect", "prepare", "run_cluster", "run_key", "worker_resources"]
