"""Task runners for scale-out: extraction batches over a Dask cluster (prefect-dask)."""

from __future__ import annotations

__all__ = ["dask_task_runner"]


def dask_task_runner(dask: str):
    """A DaskTaskRunner for `dask`: "local" starts a small local cluster, anything else is a scheduler address.

    A local cluster uses two single-threaded worker processes: extraction is CPU-bound Python, so
    threads would share one GIL. SITREP_DASK_WORKERS overrides the worker count.
    """
    import os

    from prefect_dask import DaskTaskRunner

    if dask == "local":
        workers = int(os.environ.get("SITREP_DASK_WORKERS", "2"))
        processes = os.environ.get("SITREP_DASK_PROCESSES", "1") not in ("0", "false")
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1,
                                              "processes": processes, "dashboard_address": None})
    return DaskTaskRunner(address=dask)
