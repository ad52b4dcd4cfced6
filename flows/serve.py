"""`sitrep serve`: register the scheduled `sitrep-run` deployment(s) and serve them in this process.

One deployment per distinct cron schedule (`transforms.schedules.plan_schedules`), each named
`sitrep-run/<name>` (or `<name>-<n>` when there are several), with at most one run at a time
(deployment concurrency limit 1; the warehouse lock also holds across deployments).
For deployments that run on a work pool instead, see `prefect.yaml`.
"""

from __future__ import annotations

from pathlib import Path

from flows.pipeline import sitrep_run
from transforms.schedules import plan_schedules

__all__ = ["deployments", "serve"]

# A scheduled run that finds the warehouse busy waits this long before failing.
SERVED_LOCK_WAIT = 900.0


def deployments(sources: list[str], *, warehouse: Path, cron: str | None = None, name: str = "sitrep",
                dask: str | None = None, lock_wait: float = SERVED_LOCK_WAIT) -> list:
    plan = plan_schedules(sources, cron)
    built = []
    for number, (schedule, group) in enumerate(plan, start=1):
        built.append(sitrep_run.to_deployment(
            name=name if len(plan) == 1 else f"{name}-{number}",
            cron=schedule,
            parameters={"sources": group or None, "warehouse": str(warehouse.resolve()),
                        "lock_wait": lock_wait, "dask": dask},
            concurrency_limit=1,
            description=f"sitrep run on {', '.join(group) or 'the bundled samples'} ({schedule})",
            tags=["sitrep"],
        ))
    return built


def serve(sources: list[str], *, warehouse: Path, cron: str | None = None, name: str = "sitrep",
          dask: str | None = None, limit: int | None = 1) -> None:
    """Register and serve until interrupted (Ctrl-C / SIGTERM)."""
    from prefect import serve as prefect_serve

    built = deployments(sources, warehouse=warehouse, cron=cron, name=name, dask=dask)
    prefect_serve(*built, limit=limit, print_starting_message=True)
