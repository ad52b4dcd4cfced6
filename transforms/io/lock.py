"""One run at a time per warehouse: an advisory file lock the OS releases if the holder dies.

For a warehouse on an object store the lock file is local, in the URI's cache folder
(transforms/io/storage.py): one run at a time per machine, not across machines. Plain S3 has no
lock primitive this uses; run one scheduler (or a deployment concurrency limit of 1) per bucket prefix.
"""

from __future__ import annotations

import fcntl
import os
import re
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from transforms.io import storage

__all__ = ["WarehouseBusy", "warehouse_lock", "sweep_stale_temp_files"]

_TEMP = re.compile(r"\.(\d+)\.tmp(?:\.wal)?$")


class WarehouseBusy(RuntimeError):
    """Another sitrep run holds this warehouse."""


@contextmanager
def warehouse_lock(root: Path, *, wait: float = 0.0) -> Iterator[None]:
    """Hold ``root/.sitrep.lock`` for the block; wait up to ``wait`` seconds, then raise WarehouseBusy."""
    folder = storage.local_dir(root) if storage.is_remote(root) else root
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ".sitrep.lock"
    handle = open(path, "a+")
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    raise WarehouseBusy(f"warehouse {root} is in use by {holder}; try again when it finishes") from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        sweep_stale_temp_files(folder)
        yield
    finally:
        handle.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale_temp_files(root: Path) -> list[Path]:
    """Remove temp files whose writer (pid in the name) is dead: leftovers of killed runs, never visible
    to readers, but they would pile up."""
    removed = []
    for path in root.rglob("*.tmp*"):
        match = _TEMP.search(path.name)
        if match and path.is_file() and int(match.group(1)) != os.getpid() and not _alive(int(match.group(1))):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
