"""Named crash points for fault-injection tests; free when the environment does not ask for one.

``checkpoint("parquet.before_rename")`` kills this process with SIGKILL (no cleanup, no ``finally``,
as a power cut or the OOM killer would) when ``SITREP_KILL_AT`` names that point, or stops it with
SIGSTOP when ``SITREP_STOP_AT`` does (a test can then read the warehouse mid-write and SIGCONT it).
``name@N`` fires on the N-th time the point is reached instead of the first.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

__all__ = ["checkpoint", "POINTS"]

# Every point the code calls, so tests can check they are all exercised.
POINTS = (
    "ingest.after_raw",           # stages.ingest: raw part written, quarantine not yet
    "extract.after_mentions",     # stages.process_batch: mentions written, the rest not yet
    "extract.before_articles",    # stages.process_batch: all but the clean part (the done-marker) written
    "parquet.before_rename",      # parquet._atomic_write: temporary file complete, not yet renamed
    "build.before_publish",       # warehouse.build_models: new database built, marts not exported
    "build.marts",                # warehouse.build_models: between two mart Parquet exports
)

_hits: Counter = Counter()


def _wanted(variable: str, name: str) -> bool:
    target = os.environ.get(variable)
    if not target:
        return False
    point, _, nth = target.partition("@")
    if point != name:
        return False
    _hits[variable, name] += 1
    return _hits[variable, name] == (int(nth) if nth else 1)


def checkpoint(name: str) -> None:
    """Die (SITREP_KILL_AT) or freeze (SITREP_STOP_AT) here if the environment names this point."""
    if _wanted("SITREP_KILL_AT", name):
        os.kill(os.getpid(), signal.SIGKILL)
    if _wanted("SITREP_STOP_AT", name):
        os.kill(os.getpid(), signal.SIGSTOP)
