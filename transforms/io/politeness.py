"""Per-host politeness: a concurrency cap and a minimum interval between request starts per host."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Iterator

__all__ = ["HostGate"]


class HostGate:
    """`with gate.slot(host):` blocks until the host has a free slot and its interval has passed."""

    def __init__(self, concurrency: int, interval: float, clock=time.monotonic, sleep=time.sleep) -> None:
        if concurrency < 1:
            raise ValueError("per-host concurrency must be at least 1")
        self._concurrency = concurrency
        self._interval = interval
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._next_start: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def set_delay(self, host: str, seconds: float) -> None:
        """Raise one host's interval, e.g. to a robots.txt Crawl-delay (never lowers it)."""
        with self._lock:
            self._delays[host] = max(self._interval, seconds)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._lock:
            semaphore = self._slots.setdefault(host, threading.Semaphore(self._concurrency))
        semaphore.acquire()
        try:
            with self._lock:
                # Reserve the next start time under the lock so two threads never share it.
                now = self._clock()
                start = max(now, self._next_start.get(host, now))
                self._next_start[host] = start + self._delays.get(host, self._interval)
            if start > now:
                self._sleep(start - now)
            yield
        finally:
            semaphore.release()
