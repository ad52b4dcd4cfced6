"""Scheduled deployments against a real Prefect server: `sitrep serve`, a run triggered through the
REST API, the warehouse rows it wrote and the run-report artifact it left; and the warehouse lock.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.flows.conftest import start_process, stop_process, wait_for
from transforms.io.lock import warehouse_lock


def test_served_deployment_runs_on_request_and_fills_the_warehouse(prefect_server, tmp_path):
    env, api, home = prefect_server
    warehouse = tmp_path / "warehouse"
    log = tmp_path / "serve.log"
    served = start_process([sys.executable, "-m", "flows.cli", "serve", "--warehouse", str(warehouse),
                     "--cron", "0 3 * * *", "--name", "nightly"], env, log)
    try:
        deployment = wait_for(
            lambda: (r := api.get("/deployments/name/sitrep-run/nightly")).status_code == 200 and r.json(),
            60, "the served deployment", [log])
        assert deployment["schedules"][0]["schedule"]["cron"] == "0 3 * * *"
        assert deployment["parameters"]["warehouse"] == str(warehouse.resolve())

        # A loaded machine can make the server's SQLite answer 5xx for a moment: ask again, not forever.
        run = wait_for(
            lambda: (r := api.post(f"/deployments/{deployment['id']}/create_flow_run", json={})).status_code
            in (200, 201) and r.json(), 60, "a flow run to be created", [log])
        final = wait_for(
            lambda: (s := api.get(f"/flow_runs/{run['id']}").json().get("state")) and s["type"] in
            ("COMPLETED", "FAILED", "CRASHED", "CANCELLED") and s, 100, "the flow run", [log])
        assert final["type"] == "COMPLETED", log.read_text(errors="replace")[-3000:]
    finally:
        stop_process(served)

    with duckdb.connect(str(warehouse / "sitrep.duckdb"), read_only=True) as con:
        rows = con.sql("select returned_to_a, returned_to_b from prisoner_exchanges order by event_date").fetchall()
    assert rows == [(248, 173), (115, 115)]

    artifacts = api.post("/artifacts/filter", json={"artifacts": {"flow_run_id": {"any_": [run["id"]]}}}).json()
    report = [a for a in artifacts if a["key"] == "sitrep-run-report"]
    assert report and "## new exchanges" in report[0]["data"] and "| 248 | 173 |" in report[0]["data"]


def test_second_cli_run_on_a_busy_warehouse_exits_nonzero_and_names_it(tmp_path):
    root = tmp_path / "busy"
    with warehouse_lock(root):
        result = subprocess.run([sys.executable, "-m", "flows.cli", "run", "--warehouse", str(root)],
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 75
    assert f"warehouse {root} is in use" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "raw").exists()


def test_flows_take_the_warehouse_lock_themselves(prefect_server, tmp_path):
    env, _, _ = prefect_server
    root = tmp_path / "busy"
    code = "import sys; from flows.pipeline import build_flow; build_flow(sys.argv[1])"
    with warehouse_lock(root):
        result = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True,
                                env=env, timeout=120)
    assert result.returncode != 0
    assert f"WarehouseBusy: warehouse {root} is in use" in result.stderr


def test_prefect_yaml_deployments_point_at_the_run_flow_with_valid_parameters():
    import yaml
    from prefect.utilities.callables import parameter_schema

    from flows.pipeline import sitrep_run
    from transforms.schedules import plan_schedules

    config = yaml.safe_load((Path(__file__).resolve().parents[2] / "prefect.yaml").read_text())
    accepted = set(parameter_schema(sitrep_run).properties)
    for deployment in config["deployments"]:
        assert deployment["entrypoint"] == "flows/pipeline.py:sitrep_run"
        assert set(deployment["parameters"]) <= accepted, deployment["name"]
        assert deployment["concurrency_limit"] == 1
        assert plan_schedules([], deployment["schedules"][0]["cron"])[0][0] == deployment["schedules"][0]["cron"]


def test_schedule_hints_in_a_sources_toml_make_one_deployment_per_schedule(tmp_path):
    from transforms.schedules import plan_schedules

    (tmp_path / "local").mkdir()
    toml = tmp_path / "sources.toml"
    toml.write_text('[[source]]\nname = "a"\nurl = "https://example.org/rss.xml"\nschedule = "0 * * * *"\n'
                    '[[source]]\nname = "b"\npath = "local"\n')
    assert plan_schedules([str(toml)], "0 6 * * *") == [
        ("0 * * * *", ["feed:https://example.org/rss.xml"]), ("0 6 * * *", [str((tmp_path / "local").resolve())])]
    toml.write_text('[[source]]\nname = "a"\nurl = "https://example.org/rss.xml"\nschedule = "0 * * * *"\n')
    assert plan_schedules([str(toml)]) == [("0 * * * *", [str(toml)])]
    assert plan_schedules([], None) == [("0 */6 * * *", [])]
