"""One run at a time per warehouse.

A local folder: an advisory file lock (flock) that the OS releases if the holder dies.

An s3:// warehouse: a lease stored in the bucket, `<prefix>/_lock.json` (holder host, pid, run id,
lease length), so the lock holds across machines. It is created with a conditional PUT
(`If-None-Match: *`: only one creator wins), renewed by a heartbeat thread with `If-Match: <etag>`
while the run lasts, and deleted on release with `If-Match: <etag>` (only if still ours). A holder
that dies stops renewing; once the lease is older than its length, judged by the bucket's own clock
(the `Date` of the response minus the object's `LastModified`, so machines' clocks do not matter),
another run takes it over with `If-Match` on the stale ETag, so two contenders cannot both win.
If this process is stalled past its lease and another run takes over, the heartbeat sees the
ETag change and the block raises `LeaseLost` on exit. Other fsspec schemes have no conditional
write here: their lock is a local file in the URI's cache folder (one run per machine only).
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import socket
import threading
import time
import uuid
from contextlib import contextmanager
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Iterator

from transforms.io import storage

__all__ = ["WarehouseBusy", "LeaseLost", "warehouse_lock", "sweep_stale_temp_files", "LEASE_KEY"]

LEASE_KEY = "_lock.json"
log = logging.getLogger(__name__)

_TEMP = re.compile(r"\.(\d+)\.tmp(?:\.wal)?$")


class WarehouseBusy(RuntimeError):
    """Another sitrep run holds this warehouse."""


class LeaseLost(WarehouseBusy):
    """This run's lease on an object-store warehouse was taken over while the run lasted."""


@contextmanager
def warehouse_lock(root: Path, *, wait: float = 0.0) -> Iterator[None]:
    """Hold the warehouse for the block; wait up to ``wait`` seconds, then raise WarehouseBusy.

    A local folder: ``root/.sitrep.lock`` (flock). s3://: the lease ``root/_lock.json`` (see above).
    """
    if storage.is_remote(root) and root.protocol in ("s3", "s3a"):
        with _S3Lease(root).held(wait):
            sweep_stale_temp_files(storage.local_dir(root))
            yield
        return
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


DEFAULT_LEASE_SECONDS = 60.0


def _condition_failed(exc: BaseException) -> bool:
    """A conditional request lost: 412 (ETag changed, or the key exists) or 409 (a concurrent write)."""
    cause = exc.__cause__ if exc.__cause__ is not None else exc
    error = (getattr(cause, "response", None) or {}).get("Error", {})
    return str(error.get("Code")) in ("PreconditionFailed", "ConditionalRequestConflict", "412", "409")


class _S3Lease:
    """The lease object `<prefix>/_lock.json` on S3 (module docstring)."""

    def __init__(self, root: storage.ObjectPath) -> None:
        self.root = root
        bucket, _, prefix = root.path.partition("/")
        self.bucket, self.key = bucket, (f"{prefix}/{LEASE_KEY}" if prefix else LEASE_KEY)
        self.seconds = float(os.environ.get("SITREP_LOCK_LEASE_SECONDS") or DEFAULT_LEASE_SECONDS)
        self.owner = {"host": socket.gethostname(), "pid": os.getpid(),
                      # New for every acquisition: a holder recognises its own lease only by this id.
                      "run_id": uuid.uuid4().hex[:12],
                      "lease_seconds": self.seconds, "acquired": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        self.etag: str | None = None
        self.lost = False
        self._renewals = 0
        self._stop = threading.Event()

    def _call(self, method: str, **kwargs):
        import fsspec.asyn

        fs = self.root.fs
        return fsspec.asyn.sync(fs.loop, fs._call_s3, method, Bucket=self.bucket, Key=self.key, **kwargs)

    def _put(self, **condition) -> str:
        # The renewal count and time make every PUT's ETag new, so a takeover conditional on a stale
        # ETag can never match a renewal with the same content (no ABA).
        body = {**self.owner, "renewals": self._renewals, "renewed": time.time()}
        response = self._call("put_object", Body=json.dumps(body, sort_keys=True).encode(),
                              ContentType="application/json", **condition)
        self._renewals += 1
        return response["ETag"]

    def _read(self) -> tuple[dict, str, float] | None:
        """The current lease: (holder, ETag, age in seconds by the bucket's clock), or None if there is none."""
        import fsspec.asyn

        fs = self.root.fs

        async def get():
            response = await fs._call_s3("get_object", Bucket=self.bucket, Key=self.key)
            try:
                return await response["Body"].read(), response
            finally:
                response["Body"].close()

        try:
            data, response = fsspec.asyn.sync(fs.loop, get)
        except FileNotFoundError:
            return None
        served = parsedate_to_datetime(response["ResponseMetadata"]["HTTPHeaders"]["date"])
        try:
            holder = json.loads(data)
        except ValueError:
            holder = {}  # not written by sitrep, or damaged: judged by its age alone
        return holder, response["ETag"], (served - response["LastModified"]).total_seconds()

    def acquire(self, wait: float) -> None:
        deadline, delay = time.monotonic() + wait, 0.5
        while True:
            try:
                self.etag = self._put(IfNoneMatch="*")
                return
            except (FileExistsError, OSError) as exc:
                if not isinstance(exc, FileExistsError) and not _condition_failed(exc):
                    raise
            current = self._read()
            if current is None:
                continue  # released between our PUT and GET: try again at once
            holder, etag, age = current
            if holder.get("run_id") == self.owner["run_id"]:
                self.etag = etag  # our own create, whose reply was lost and retried
                return
            if age > float(holder.get("lease_seconds") or DEFAULT_LEASE_SECONDS):
                try:
                    self.etag = self._put(IfMatch=etag)
                    log.warning("took over the stale lease of %s on %s (%.0f s without renewal)",
                                _describe(holder), self.root, age)
                    return
                except (FileNotFoundError, OSError) as exc:
                    if not isinstance(exc, FileNotFoundError) and not _condition_failed(exc):
                        raise
                    continue  # another run took it over (or it was released) first
            if time.monotonic() >= deadline:
                who = _describe(holder, f"renewed {age:.0f} s ago")
                raise WarehouseBusy(f"warehouse {self.root} is in use by {who}; try again when it finishes")
            time.sleep(min(delay, max(0.05, deadline - time.monotonic())))
            delay = min(delay * 1.5, 5.0)  # a long wait (a served run waits up to 15 min) polls less often

    def _heartbeat(self) -> None:
        while not self._stop.wait(self.seconds / 3):
            try:
                self.etag = self._put(IfMatch=self.etag)
            except Exception as exc:  # noqa: BLE001 - a failed renewal must not kill the thread
                if isinstance(exc, FileNotFoundError) or _condition_failed(exc):
                    try:
                        current = self._read()
                    except Exception as again:  # noqa: BLE001 - unknown yet: ask again next beat
                        log.warning("could not read the lease on %s (will retry): %s", self.root, again)
                        continue
                    if current and current[0].get("run_id") == self.owner["run_id"]:
                        self.etag = current[1]  # our renewal landed but its reply was lost (retried)
                        continue
                    self.lost = True
                    log.error("lost the lease on %s: another run took it over", self.root)
                    return
                log.warning("could not renew the lease on %s (will retry): %s", self.root, exc)

    def release(self) -> None:
        if self.lost:
            return
        try:
            self._call("delete_object", IfMatch=self.etag)
        except FileNotFoundError:
            pass
        except OSError as exc:
            if not _condition_failed(exc):  # the run itself is done: the lease just expires
                log.warning("could not delete the lease on %s (it expires in %.0f s): %s", self.root, self.seconds, exc)
                return
            # not ours any more (taken over while this run was stalled, before a heartbeat noticed): leave the
            # new holder's lease alone, and say so as the heartbeat would
            self.lost = True
            log.error("lost the lease on %s: another run took it over", self.root)

    @contextmanager
    def held(self, wait: float) -> Iterator[None]:
        self.acquire(wait)
        beat = threading.Thread(target=self._heartbeat, name="sitrep-lease", daemon=True)
        beat.start()
        failed = False
        try:
            yield
        except BaseException:
            failed = True
            raise
        finally:
            self._stop.set()
            beat.join()
            self.release()
            if self.lost and not failed:
                raise LeaseLost(f"the lease on {self.root} was taken over during this run; "
                                "another run may have written to the warehouse meanwhile")


def _describe(holder: dict, more: str = "") -> str:
    if not holder:
        return "another process" + (f" ({more})" if more else "")
    return f"pid {holder.get('pid')} on {holder.get('host')} (run {holder.get('run_id')}" + \
        (f", {more})" if more else ")")


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
