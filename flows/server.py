"""A temporary Prefect API server for one `sitrep` command, which dies with the command.

With no PREFECT_API_URL, Prefect 3 starts its own temporary server (`SubprocessASGIServer`) as a
plain child and stops it at exit (atexit): a SIGKILLed or OOM-killed `sitrep run` leaves that
server running for good. Prefect 3 has no in-process mode, so the CLI starts the server itself,
as `python -m flows.server PARENT_PID`, and points Prefect at it. The child dies with its parent:
on Linux the kernel sends it SIGTERM when the parent dies (PR_SET_PDEATHSIG), and everywhere a
watchdog thread sees the parent pid change within a second and exits.

The child starts before the CLI imports Prefect, so the two interpreters' start-up overlaps.
It decides itself whether it is needed (the active profile may name a server, or forbid
temporary ones), so the parent never imports Prefect just to ask.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import ExitStack, contextmanager
from typing import Callable, Iterator

__all__ = ["temporary_api"]

_PR_SET_PDEATHSIG = 1


@contextmanager
def temporary_api(heartbeats: bool = False) -> Iterator[Callable[[], str | None]]:
    """Start the child now; the yielded `ready()` waits until it answers and points Prefect at it
    (returns its API URL, or None when a configured server is used instead). Stopped on exit.

    `heartbeats`: keep flow-run heartbeats (`sitrep serve`, whose runs outlive a flow call)."""
    if os.environ.get("PREFECT_API_URL"):
        yield lambda: None
        return
    child = subprocess.Popen([sys.executable, "-m", "flows.server", str(os.getpid())], stdout=subprocess.PIPE,
                             text=True, env={**os.environ, "PREFECT_UI_ENABLED": "false"})
    with ExitStack() as stack:
        def ready() -> str | None:
            line = child.stdout.readline().split()
            if line[:1] != ["api"]:
                return None  # the profile names a server (or allows no temporary one): Prefect decides
            url = line[1]
            _wait_healthy(url, child)
            from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

            # Threads Prefect starts without a copy of this context read the global settings, made
            # from the environment when Prefect was imported: refresh them too.
            os.environ["PREFECT_API_URL"] = url
            stack.callback(_refresh_global_settings)
            stack.callback(os.environ.pop, "PREFECT_API_URL", None)
            _refresh_global_settings()
            # No flow-run heartbeats for a run: they tell a lasting server that a run is alive, and this
            # server dies with the run. Each flow run's heartbeat thread costs up to 1 s to join at exit.
            updates = {PREFECT_API_URL: url}
            if not heartbeats:
                updates[PREFECT_FLOWS_HEARTBEAT_FREQUENCY] = None
            stack.enter_context(temporary_settings(updates=updates))
            return url

        try:
            yield ready
        finally:
            stack.close()
            _stop(child)


def _refresh_global_settings() -> None:
    import prefect.context

    prefect.context.refresh_global_settings_context()


def _wait_healthy(url: str, child: subprocess.Popen) -> None:
    import httpx

    from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS

    # Prefect's own default (20 s) is short for a loaded machine.
    deadline = time.monotonic() + max(60, PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value())
    with httpx.Client(timeout=5) as client:
        while time.monotonic() < deadline:
            if child.poll() is not None:
                raise RuntimeError(f"the temporary Prefect server exited with code {child.returncode}")
            try:
                if client.get(f"{url}/health").status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
    raise RuntimeError(f"the temporary Prefect server at {url} did not answer in time")


def _stop(child: subprocess.Popen) -> None:
    if child.poll() is None:
        child.terminate()
        try:
            child.wait(10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
    if child.stdout:
        child.stdout.close()


# -- the child ------------------------------------------------------------------------------------

def _die_with(parent: int) -> None:
    """Exit when `parent` dies: the kernel's parent-death signal where there is one, a watchdog anyway."""
    if sys.platform.startswith("linux"):
        import ctypes

        # The signal follows the thread that forked this process: the CLI's main thread, which lives
        # as long as the CLI does.
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() != parent:  # died before the line above took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os.kill(os.getpid(), signal.SIGTERM)  # uvicorn shuts down on SIGTERM
        time.sleep(10)
        os._exit(1)  # it did not

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(parent: int) -> None:
    _die_with(parent)
    from prefect.settings import PREFECT_API_URL, PREFECT_SERVER_ALLOW_EPHEMERAL_MODE

    if PREFECT_API_URL.value() or not PREFECT_SERVER_ALLOW_EPHEMERAL_MODE.value():
        print("skip", flush=True)
        return
    import uvicorn

    from prefect.server.api.server import create_app

    port = _free_port()
    print(f"api http://127.0.0.1:{port}/api", flush=True)
    os.dup2(2, 1)  # nobody reads the pipe any more: later output goes to stderr, never blocks
    # As Prefect's own temporary server: ephemeral (no UI, only the services such a server runs).
    uvicorn.run(create_app(ephemeral=True, final=True), host="127.0.0.1", port=port, log_level="error",
                lifespan="on")


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
