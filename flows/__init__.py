"""Prefect flows: thin wiring around transforms.stages.

Prefect is configured here, before it is imported anywhere: the machine this runs on may have
no internet, so analytics are off and nothing phones home.
"""

import os

for _name, _value in {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_UI_ENABLED": "false",
    # Quiet by default: warnings and errors only, task-level chatter stays at DEBUG.
    "PREFECT_LOGGING_LEVEL": "WARNING",
    # Dask logs every worker start and stop at INFO, and a benign race at cluster shutdown as an INFO
    # traceback ("Batched Comm Closed"); read by dask.config when distributed is imported.
    "DASK_LOGGING__DISTRIBUTED": "warning",
}.items():
    os.environ.setdefault(_name, _value)
