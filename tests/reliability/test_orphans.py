"""A SIGKILLed `sitrep run` leaves no process behind: its temporary Prefect server dies with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from reliability_support import BASE_ENV, REPO


def _session(sid: int) -> dict[int, str]:
    """Live processes of session `sid` -> their command line (zombies are dead: not listed)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) == sid and fields[0] != "Z":
                found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue  # exited while we looked
    return found


def test_sigkilled_cli_run_leaves_no_process(tmp_path, small_sources):
    env = {**BASE_ENV, "SITREP_KILL_AT": "extract.after_mentions", "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "DO_NOT_TRACK": "1", "PREFECT_HOME": str(tmp_path / "prefect"),
           "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120"}  # a fresh database on a loaded machine
    env.pop("PREFECT_API_URL", None)  # the temporary server, as a user without one runs it
    log = tmp_path / "cli.log"
    seen: dict[int, str] = {}
    with open(log, "wb") as out:
        # Its own session, so every process it starts can be found (and cleaned up if one survives).
        proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "run", *small_sources, "--warehouse",
                                 str(tmp_path / "warehouse")], env=env, cwd=REPO, stdout=out, stderr=out,
                                start_new_session=True)
        try:
            deadline = time.monotonic() + 240
            while proc.poll() is None and time.monotonic() < deadline:
                seen.update(_session(proc.pid))
                time.sleep(0.2)
            returncode = proc.wait(timeout=1)  # killed by its own checkpoint, mid-extract
            deadline = time.monotonic() + 15
            while _session(proc.pid) and time.monotonic() < deadline:
                time.sleep(0.2)
            survivors = _session(proc.pid)
        finally:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    assert returncode == -signal.SIGKILL, log.read_text(errors="replace")[-2000:]
    assert [cmd for pid, cmd in seen.items() if pid != proc.pid], "no child was seen: nothing was tested"
    assert survivors == {}, f"still running after the run was killed: {survivors}"
