"""Plain functions that compute sitrep's data. Nothing here imports Prefect."""
